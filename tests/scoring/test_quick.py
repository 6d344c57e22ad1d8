"""The quick check's preliminary result (assessments/scoring/quick.py): pure, no Django settings needed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessments.benchmarks.loader import default_benchmarks
from assessments.question_bank.loader import default_bank
from assessments.question_bank.quick_check import DataError, default_quick_check, load_quick_check
from assessments.question_bank.types import UNKNOWN
from assessments.scoring import score_assessment
from assessments.scoring.bands import band_level
from assessments.scoring.quick import URGENT_ACTIONS, quick_bank, score_quick_check
from tests.scoring.strategies import answer_values

PROPERTY_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BANK, BENCHMARKS, QUICK = default_bank(), default_benchmarks(), default_quick_check()
CRITICAL = [q.key for q in BANK.questions if q.critical is not None]


def run(answers):
    return score_quick_check(bank=BANK, questions=QUICK.questions, answers=answers, benchmarks=BENCHMARKS)


def extreme(key: str, *, best: bool):
    q = BANK.question(key)
    if q.type == "multi":
        pick = max if best else min
        return [pick((c for c in q.choices), key=lambda c: (c.score or 0) + (1 if c.exclusive and best else 0)).value]
    return (max if best else min)(q.choices, key=lambda c: c.score or 0).value


BEST = {k: extreme(k, best=True) for k in QUICK.questions}
WORST = {k: extreme(k, best=False) for k in QUICK.questions}


@st.composite
def quick_answers(draw):
    return {k: draw(answer_values(BANK.question(k))) for k in QUICK.questions}


# --- the data file ------------------------------------------------------------------------------


def test_the_shipped_quick_check_has_about_12_scored_questions_with_every_critical_control():
    assert 10 <= len(QUICK.questions) <= 14
    assert len(set(QUICK.questions)) == len(QUICK.questions)
    assert set(CRITICAL) <= set(QUICK.questions)
    assert {"ai_data_input", "ai_accounts", "ai_policy"} <= set(QUICK.questions)
    for key in QUICK.questions:
        question = BANK.question(key)
        assert question.scored and question.weight > 0 and question.condition is None
    assert 1 <= len(QUICK.pages) <= 2 and all(len(p.questions) <= 8 for p in QUICK.pages)


def _write(tmp_path: Path, questions: list[str]) -> Path:
    lines = ["version: test", "pages:", "  - key: uno", "    title: {es: Uno, en: One}", "    questions:"]
    lines += [f"      - {q}" for q in questions]
    path = tmp_path / "quick_check.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("swap", "message"),
    [
        ("no_such_question", "unknown question 'no_such_question'"),
        ("company_size", "'company_size' is not scored"),
        ("ai_strategy", "'ai_strategy' is not scored"),  # weight 0: informs, never scores
    ],
)
def test_the_loader_refuses_unknown_or_unscored_keys(tmp_path, swap, message):
    keys = [*CRITICAL, "ai_accounts", swap]
    with pytest.raises(DataError, match=message):
        load_quick_check(_write(tmp_path, keys), bank=BANK)


def test_the_loader_refuses_a_quick_check_without_every_critical_control(tmp_path):
    keys = [k for k in QUICK.questions if k != "backups"][:8]
    with pytest.raises(DataError, match="critical control"):
        load_quick_check(_write(tmp_path, keys), bank=BANK)


def test_the_loader_refuses_duplicates(tmp_path):
    keys = [*CRITICAL, "ai_accounts", "ai_policy", "ai_accounts"]
    with pytest.raises(DataError, match="duplicate question key 'ai_accounts'"):
        load_quick_check(_write(tmp_path, keys), bank=BANK)


# --- the preliminary result ---------------------------------------------------------------------


def test_level_bounds_best_and_worst():
    best, worst = run(BEST), run(WORST)
    assert best.overall == 100 and best.band.key == "optimizado" and best.band_cap is None
    assert best.actions == ()
    assert worst.overall == 0 and worst.band.key == "inicial"
    assert worst.preliminary and best.preliminary
    assert worst.complete and worst.counts.questions == len(QUICK.questions)


@pytest.mark.parametrize("critical", CRITICAL)
def test_a_missing_critical_control_caps_the_preliminary_level(critical):
    result = run({**BEST, critical: WORST[critical]})
    assert result.overall >= 60  # alone the index would be Gestionado or more
    assert result.band.key == "definido"
    assert [r.question for r in result.band_cap.reasons] == [critical]
    assert result.actions[0].critical
    assert critical in {t.question for t in result.actions[0].triggered_by}


def test_no_se_on_a_critical_control_caps_too():
    result = run({**BEST, "backups": UNKNOWN})
    assert result.band.key == "definido"
    assert [t.question for t in result.to_verify] == ["backups"]


def test_the_three_most_urgent_actions_put_missing_critical_controls_first():
    result = run(WORST)
    assert len(result.actions) == URGENT_ACTIONS
    assert all(a.critical for a in result.actions)
    assert all(a.plan_horizon == 30 for a in result.actions)
    assert len({a.key for a in result.actions}) == URGENT_ACTIONS


def test_same_weights_restricted_to_the_quick_questions():
    answers = {**BEST, "mfa_email": "partly", "ai_accounts": WORST["ai_accounts"]}
    full = score_assessment(bank=quick_bank(BANK, QUICK.questions), answers=answers, benchmarks=BENCHMARKS)
    assert run(answers).overall == full.overall
    # Only the domains the quick check asks about count; investment has no quick question.
    assert "investment" not in {d.domain for d in run(answers).domains}
    # Hand computation: identity_access loses mfa_email (weight 5, partly = 0.25) out of its quick weights.
    identity = [BANK.question(k) for k in QUICK.questions if BANK.question(k).domain == "identity_access"]
    expected = 100 * (sum(q.weight for q in identity) - 5 * 0.75) / sum(q.weight for q in identity)
    assert run(answers).domains[[d.domain for d in run(answers).domains].index("identity_access")].score == round(
        expected, 1
    )


def test_answers_outside_the_quick_check_are_ignored():
    assert run({**WORST, "security_budget": "planned", "phishing_exercises": "yes"}) == run(WORST)


def test_the_full_engine_is_unchanged_by_the_quick_check():
    # The quick check passes a smaller bank; the shipped bank keeps all its questions.
    assert len(BANK.questions) > len(quick_bank(BANK, QUICK.questions).questions) == len(QUICK.questions)


@given(quick_answers())
@PROPERTY_SETTINGS
def test_bounds_and_at_most_three_actions(answers):
    result = run(answers)
    assert 0 <= result.overall <= 100
    assert len(result.actions) <= URGENT_ACTIONS
    if result.band_cap is not None:
        assert band_level(result.band) <= band_level(result.band_cap.uncapped)


@given(st.data())
@PROPERTY_SETTINGS
def test_a_better_answer_never_lowers_the_preliminary_level(draws):
    answers = draws.draw(quick_answers())
    question = BANK.question(draws.draw(st.sampled_from(QUICK.questions)))
    new_value = draws.draw(answer_values(question))
    assume(question.score(new_value) >= question.score(answers[question.key]))
    before, after = run(answers), run({**answers, question.key: new_value})
    assert after.overall >= before.overall
    assert band_level(after.band) >= band_level(before.band)
