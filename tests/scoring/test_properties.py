"""Properties of the engine over generated answer sets, on the real bank and on the mini bank."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessments.benchmarks.loader import default_benchmarks
from assessments.question_bank.answers import is_visible
from assessments.question_bank.loader import default_bank
from assessments.scoring import score_assessment
from assessments.scoring.bands import band_level
from tests.bank import mini
from tests.scoring.strategies import answer_sets, answer_values

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mini():
    return mini.load(Path(tempfile.mkdtemp()))


BANKS = {"real": lambda: (default_bank(), default_benchmarks()), "mini": _mini}


@pytest.fixture(params=sorted(BANKS), scope="module")
def data(request):
    return BANKS[request.param]()


def run(data, answers):
    bank, benchmarks = data
    return score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)


@given(st.data())
@PROPERTY_SETTINGS
def test_scores_stay_within_bounds(data, draws):
    result = run(data, draws.draw(answer_sets(data[0])))
    assert 0 <= result.overall <= 100
    for domain in result.domains:
        assert 0 <= domain.score <= 100
        assert 0 <= domain.answered <= domain.applicable
    for outcome in result.questions:
        assert 0 <= outcome.score <= 1


@given(st.data())
@PROPERTY_SETTINGS
def test_scoring_is_deterministic_and_ignores_key_order(data, draws):
    answers = draws.draw(answer_sets(data[0]))
    reversed_order = dict(reversed(list(answers.items())))
    assert run(data, answers) == run(data, answers) == run(data, reversed_order)


@given(st.data())
@PROPERTY_SETTINGS
def test_a_better_answer_never_lowers_any_score(data, draws):
    bank, _ = data
    answers = draws.draw(answer_sets(bank))
    scored = [q for q in bank.questions if q.scored and is_visible(bank, q, answers)]
    question = draws.draw(st.sampled_from(scored))
    new_value = draws.draw(answer_values(question))
    old_score = question.score(answers[question.key]) if question.key in answers else 0.0
    new_score = question.score(new_value) if new_value != "unknown" else 0.0
    assume(new_score >= old_score)
    before = run(data, answers)
    after = run(data, {**answers, question.key: new_value})
    assert after.overall >= before.overall
    assert band_level(after.band) >= band_level(before.band)  # the critical-control cap is monotone too
    for old, new in zip(before.domains, after.domains, strict=True):
        assert new.score >= old.score, old.domain


@given(st.data())
@PROPERTY_SETTINGS
def test_answering_a_skipped_scored_question_never_lowers_a_score(data, draws):
    # (Answering an unscored profile question may reveal new questions: that is not "a better answer".)
    bank, _ = data
    answers = draws.draw(answer_sets(bank))
    skipped = [q for q in bank.questions if q.scored and q.key not in answers and is_visible(bank, q, answers)]
    assume(skipped)
    question = draws.draw(st.sampled_from(skipped))
    after = run(data, {**answers, question.key: draws.draw(answer_values(question))})
    before = run(data, answers)
    assert after.overall >= before.overall
    assert band_level(after.band) >= band_level(before.band)
    assert question.key not in after.unanswered


@given(st.data())
@PROPERTY_SETTINGS
def test_every_recommendation_points_at_a_real_gap(data, draws):
    bank, _ = data
    result = run(data, draws.draw(answer_sets(bank)))
    outcomes = {o.key: o for o in result.questions}
    priorities = [r.priority for r in result.recommendations]
    assert priorities == sorted(priorities, reverse=True)
    for rec in result.recommendations:
        assert rec.triggered_by
        for hit in rec.triggered_by:
            assert outcomes[hit.question].score < 1


@given(st.data())
@PROPERTY_SETTINGS
def test_claiming_less_use_never_raises_any_score(data, draws):
    """No gain from gates: changing an unscored profile answer (e.g. "we don't use AI", "no tools") that
    hides questions never raises the index, a domain or the band."""
    bank, _ = data
    answers = draws.draw(answer_sets(bank))
    gates = sorted({q.condition.question for q in bank.questions if q.condition})
    gate = bank.question(draws.draw(st.sampled_from(gates)))
    answers[gate.key] = draws.draw(answer_values(gate))
    claim = draws.draw(answer_values(gate))
    before = run(data, answers)
    after = run(data, {**answers, gate.key: claim})
    assert after.overall == before.overall
    assert after.band == before.band
    assert [d.score for d in after.domains] == [d.score for d in before.domains]


@given(st.data())
@PROPERTY_SETTINGS
def test_v2_parts_are_consistent(data, draws):
    bank, _ = data
    result = run(data, draws.draw(answer_sets(bank)))
    counts = result.counts
    assert counts.answered + counts.unknown + counts.unanswered == counts.questions
    assert counts.unanswered == len(result.unanswered)
    assert counts.unknown == len(result.to_verify)
    assert sum(r.plan_horizon == 30 for r in result.recommendations) <= 5
    assert [k for p in result.action_plan for k in p.actions] == [
        r.key for r in sorted(result.recommendations, key=lambda r: (r.plan_horizon, -r.priority, r.horizon, r.key))
    ]
    if result.band_cap is not None:
        assert result.band.key == "definido" and band_level(result.band_cap.uncapped) > band_level(result.band)
        assert all(r.status in ("answered", "unknown", "unanswered") for r in result.band_cap.reasons)
