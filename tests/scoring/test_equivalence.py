"""The indexed engine returns exactly what the plain engine returns (tests/scoring/reference_engine.py).

The engine precomputes lookups and whole actions per bank (assessments/scoring/index.py, actions.py)
and builds its result objects without their dataclass __init__ (result.build). None of that may change
a single field of a result: compared with `==` (every field, every float to the last bit) on generated
answer sets for the real bank, the mini test bank and the quick check's restricted bank, and on the
errors raised for invalid answers. Pure: no Django settings needed.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.benchmarks.loader import default_benchmarks
from assessments.question_bank.answers import AnswerError, is_visible, visible_questions
from assessments.question_bank.loader import default_bank
from assessments.question_bank.quick_check import default_quick_check
from assessments.scoring import result as result_types
from assessments.scoring import score_assessment
from assessments.scoring.quick import quick_bank
from tests.bank import mini
from tests.scoring import reference_engine as reference
from tests.scoring.strategies import answer_sets

EQUIVALENCE_SETTINGS = settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mini():
    return mini.load(Path(tempfile.mkdtemp()))


def _quick():
    return quick_bank(default_bank(), default_quick_check().questions), default_benchmarks()


BANKS = {"real": lambda: (default_bank(), default_benchmarks()), "mini": _mini, "quick": _quick}


@pytest.fixture(params=sorted(BANKS), scope="module")
def data(request):
    return BANKS[request.param]()


@given(st.data())
@EQUIVALENCE_SETTINGS
def test_results_equal_the_plain_engine(data, draws):
    bank, benchmarks = data
    answers = draws.draw(answer_sets(bank))
    fast = score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)
    plain = reference.score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)
    assert fast == plain
    assert fast.as_dict() == plain.as_dict()


@given(st.data())
@EQUIVALENCE_SETTINGS
def test_visibility_equals_the_recursive_rule(data, draws):
    """Answers to hidden follow-ups too: a hidden question stays hidden whatever it holds."""
    bank, _ = data
    answers = draws.draw(answer_sets(bank))
    for q in bank.conditional_questions:
        if q.key not in answers and draws.draw(st.booleans()):
            answers[q.key] = q.choices[0].value if q.type != "multi" else [q.choices[0].value]
    expected = [q for q in reference.questions(bank) if reference.is_visible(bank, q, answers)]
    assert visible_questions(bank, answers) == expected
    assert [is_visible(bank, q, answers) for q in bank.questions] == [q in expected for q in bank.questions]


HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 2.5, 10**30]),
    st.text(max_size=12),
    st.sampled_from(["unknown", "yes", "no", "partly", ""]),
    st.lists(st.one_of(st.text(max_size=8), st.integers(), st.sampled_from(["unknown", "yes"])), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@given(st.data())
@EQUIVALENCE_SETTINGS
def test_invalid_answers_fail_the_same_way(data, draws):
    bank, benchmarks = data
    answers = draws.draw(answer_sets(bank))
    keys = [q.key for q in bank.questions] + ["no_such_question"]
    for _ in range(draws.draw(st.integers(min_value=1, max_value=3))):
        key = draws.draw(st.sampled_from(keys))
        if draws.draw(st.booleans()):
            question = reference.question(bank, key) if reference.has_question(bank, key) else None
            choices = [c.value for c in question.choices] if question and question.choices else ["x"]
            answers[key] = draws.draw(st.sampled_from(choices))
        else:
            answers[key] = draws.draw(HOSTILE_VALUES)
    outcomes = []
    for engine in (score_assessment, reference.score_assessment):
        try:
            outcomes.append(engine(bank=bank, answers=answers, benchmarks=benchmarks))
        except AnswerError as error:
            outcomes.append(("AnswerError", error.key, error.message))
    fast, plain = outcomes
    if isinstance(plain, tuple) and "cannot be combined" in plain[2]:
        # Which of two exclusive choices the message names follows set order in both engines.
        assert isinstance(fast, tuple) and fast[:2] == plain[:2]
    else:
        assert fast == plain


def test_build_equals_the_dataclass_constructor():
    """result.build makes the same value as the generated __init__, for every result class."""
    band = result_types.Band("definido", "Definido", "Defined")
    samples = {
        result_types.DomainScore: dict(
            domain="d", title_es="a", title_en="b", score=1.5, answered=1, applicable=2, weight=1.0, unknown=0
        ),
        result_types.PlanHorizon: dict(horizon=30, title={"es": "x"}, limit=5, actions=("a",)),
        result_types.Comparison: dict(
            figure="f",
            kind="practice",
            study_value=49.0,
            unit="percent",
            label_es="a",
            label_en="b",
            question="q",
            answer=["x"],
            you="yes",
            compare="status",
            note=None,
        ),
    }
    for cls, fields in samples.items():
        made = result_types.build(cls, fields)
        assert made == cls(**fields)
        assert dataclasses.asdict(made) == dataclasses.asdict(cls(**fields))
        assert dataclasses.replace(made, **{next(iter(fields)): fields[next(iter(fields))]}) == made
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.__setattr__(next(iter(fields)), "changed")
    assert result_types.build(result_types.Band, {"key": "a", "es": "b", "en": "c"}) != band
