"""Result.as_dict() is dataclasses.asdict(), only faster: same values, same key order, fresh copies."""

from __future__ import annotations

import json
import random
from collections import namedtuple
from dataclasses import asdict, dataclass

from assessments.benchmarks.loader import default_benchmarks
from assessments.demo_answers import demo_answers
from assessments.question_bank.loader import default_bank
from assessments.scoring import score_assessment
from assessments.scoring.result import plain


def test_as_dict_is_asdict_for_real_results():
    bank, benchmarks = default_bank(), default_benchmarks()
    for maturity in (0.0, 0.3, 0.5, 0.8, 1.0):
        for seed in range(3):
            answers = demo_answers(bank, maturity=maturity, seed=seed)
            result = score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)
            fast, slow = result.as_dict(), asdict(result)
            assert fast == slow
            assert json.dumps(fast, ensure_ascii=False) == json.dumps(slow, ensure_ascii=False)  # key order too


Pair = namedtuple("Pair", "left right")


@dataclass(frozen=True)
class Inner:
    text: dict
    values: list


@dataclass(frozen=True)
class Outer:
    inner: Inner
    items: tuple
    pair: Pair
    extra: object
    number: float = 1.5


def test_plain_copies_like_asdict():
    shared = {"es": "hola", "en": "hi"}
    value = Outer(Inner(shared, [1, [2, 3]]), (Inner({}, []), "x", None, True), Pair(1, Inner({}, [4])), {1, 2})
    made = plain(value)
    assert made == asdict(value)
    assert made["inner"]["text"] is not shared  # a copy, as asdict makes: changing it changes no result
    assert isinstance(made["pair"], Pair) and made["extra"] == {1, 2} and made["extra"] is not value.extra
    rng = random.Random(3)
    nested = [rng.choice([1, "a", 2.5, None, [1], {"k": [True]}]) for _ in range(50)]
    assert plain(nested) == asdict(Inner({}, nested))["values"]
