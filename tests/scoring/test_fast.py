"""The engine's fast path (assessments/scoring/fast.py) gives exactly the plain engine's result, and hands
every answer set it does not handle to the general path (same result, same AnswerError).

The real bank is the one the fast path is made for (the mini and quick-check banks have a scored scale
question or actions keyed on missing questions: always the general path), so these tests use it.
"""

from __future__ import annotations

import random
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.benchmarks.loader import default_benchmarks
from assessments.demo_answers import demo_answers
from assessments.question_bank.answers import AnswerError
from assessments.question_bank.loader import default_bank
from assessments.question_bank.types import UNKNOWN
from assessments.scoring import fast, fast_tables, score_assessment
from assessments.scoring.index import scoring_index
from tests.scoring import reference_engine as reference
from tests.scoring.strategies import answer_sets

BANK, BENCHMARKS = default_bank(), default_benchmarks()
PLAN = fast_tables.fast_plan(scoring_index(BANK), BANK, BENCHMARKS)
MULTI = [q.key for q in BANK.questions if q.type == "multi"]


def fast_result(answers):
    return fast.score(PLAN, answers, BANK.version, BENCHMARKS.version, scoring_index(BANK))


def plain(answers):
    try:
        return reference.score_assessment(bank=BANK, answers=answers, benchmarks=BENCHMARKS)
    except AnswerError as error:
        return ("AnswerError", error.key, error.message)


def scored(answers):
    try:
        return score_assessment(bank=BANK, answers=answers, benchmarks=BENCHMARKS)
    except AnswerError as error:
        return ("AnswerError", error.key, error.message)


def test_the_real_bank_has_a_fast_plan():
    assert PLAN is not None


@pytest.mark.parametrize("maturity", [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0])
@pytest.mark.parametrize("uses_ai", [True, False])
def test_demo_companies_take_the_fast_path_with_the_plain_result(maturity, uses_ai):
    for seed in range(6):
        answers = demo_answers(BANK, maturity=maturity, seed=seed, uses_ai=uses_ai)
        result = fast_result(dict(answers))
        assert result is not None
        expected = plain(answers)
        assert result == expected
        assert result.as_dict() == expected.as_dict()


@given(st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_answer_sets_take_the_fast_path_with_the_plain_result(draws):
    """Multi-choice answers in any order, repeated choices, "No sé", hidden follow-ups answered."""
    answers = draws.draw(answer_sets(BANK))
    for key in MULTI:
        value = answers.get(key)
        if isinstance(value, list) and draws.draw(st.booleans()):
            answers[key] = list(reversed(value)) + value[:1]
    if draws.draw(st.booleans()):
        answers.setdefault("genai_use", "yes")  # shown or hidden by uses_ai: kept out when hidden
    result = fast_result(dict(answers))
    assert result is not None
    expected = plain(answers)
    assert result == expected
    assert result.as_dict() == expected.as_dict()


def _base() -> dict:
    return demo_answers(BANK, maturity=0.5, seed=7, uses_ai=True)


UNUSUAL = {
    "explicit None": lambda a: a | {"mfa_email": None},
    "unknown key": lambda a: a | {"no_such_question": "yes"},
    "invalid choice": lambda a: a | {"mfa_email": "maybe"},
    "No sé where not offered": lambda a: a | {"ai_policy": UNKNOWN},
    "list for a single choice": lambda a: a | {"mfa_email": ["yes"]},
    "string for a multi choice": lambda a: a | {MULTI[0]: a.get(MULTI[0], ["x"])[0]},
    "empty multi": lambda a: a | {MULTI[0]: []},
    "exclusive choice combined": lambda a: a | {MULTI[0]: [c.value for c in BANK.question(MULTI[0]).choices][-2:]},
    "float number": lambda a: a | {"employees": 12.0},
    "bool number": lambda a: a | {"employees": True},
    "number out of range": lambda a: a | {"employees": -1},
    "number as text": lambda a: a | {"employees": "12"},
    "unhashable choice": lambda a: a | {"mfa_email": {"x": 1}},
}


@pytest.mark.parametrize("change", sorted(UNUSUAL))
def test_unusual_answers_go_to_the_general_path(change):
    answers = UNUSUAL[change](_base())
    assert fast_result(dict(answers)) is None
    assert scored(answers) == plain(answers)


def test_a_mapping_that_is_no_dict_goes_to_the_general_path():
    answers = MappingProxyType(_base())
    assert fast_result(answers) is None
    assert scored(answers) == plain(dict(answers))


def test_the_answers_are_not_changed():
    answers = _base()
    answers[MULTI[0]] = list(reversed(answers.get(MULTI[0]) or ["public_only"]))
    before = {k: list(v) if isinstance(v, list) else v for k, v in answers.items()}
    assert fast_result(answers) is not None
    assert answers == before


def test_round1_equals_round():
    """The overall index's rounding: ties (x.x5) and values near them included."""
    values = [n / 200 for n in range(0, 20001)] + [n / 20 + d for n in range(2001) for d in (-1e-12, 1e-12)]
    rng = random.Random(12)
    values += [rng.uniform(0, 100) for _ in range(20000)]
    values += [sum(rng.choice([0.0, 0.1, 0.7, 1.2, 2.8]) * w for w in (4.0, 3.0, 5.0)) / 12 * 10 for _ in range(2000)]
    for value in values:
        if value >= 0:
            assert fast._round1(value) == round(value, 1), value
