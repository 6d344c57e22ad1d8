"""The shipped bank, data and recommendations: content rules the product promises."""

from pathlib import Path

import pytest

from assessments.benchmarks.loader import default_benchmarks
from assessments.question_bank.answers import visible_questions
from assessments.question_bank.loader import default_bank
from assessments.scoring import score_assessment
from tests.scoring.strategies import extreme_answers

SOURCE = Path(__file__).resolve().parents[2] / "assessments" / "benchmarks" / "data" / "source"
SECTIONS = ["profile", "ai_adoption", "ai_governance", "protection_access", "protection_systems", "people",
            "incidents", "investment"]
AI_USE = ["yes", "informal", "planning", "no"]


@pytest.fixture(scope="module")
def bank():
    return default_bank()


@pytest.fixture(scope="module")
def benchmarks():
    return default_benchmarks()


def score(bank, benchmarks, answers):
    return score_assessment(bank=bank, answers=answers, benchmarks=benchmarks)


def test_bank_covers_every_section_with_40_to_60_questions(bank):
    assert [s.key for s in bank.sections] == SECTIONS
    assert 40 <= len(bank.questions) <= 60
    assert all(len(s.questions) >= 3 for s in bank.sections)


def test_profile_questions_are_unscored(bank):
    assert not any(q.scored for q in bank.sections[0].questions)


def test_every_study_figure_has_a_question_and_provenance(bank, benchmarks):
    linked = {q.figure.key for q in bank.questions if q.figure}
    expected = {"ai_integrated", "ai_integrated_change", "ai_keep_investing", "ai_strategy", "ai_policy",
                "ai_threats", "ai_frequent_use", "genai_use", "protection_budget", "staff_training",
                "leaders_positive"}
    assert {f.key for f in benchmarks.figures} == expected == linked
    values = {f.key: f.value for f in benchmarks.figures}
    assert values == {"ai_integrated": 64, "ai_integrated_change": 11, "ai_keep_investing": 73, "ai_strategy": 60,
                      "ai_policy": 49, "ai_threats": 24, "ai_frequent_use": 57, "genai_use": 54,
                      "protection_budget": 70, "staff_training": 75, "leaders_positive": 90}
    assert benchmarks.source.published == "2025-05-27"
    assert benchmarks.source.publisher == "Mexico Business News"
    article = (SOURCE / "study-article.txt").read_text(encoding="utf-8")
    for figure in benchmarks.figures:
        assert figure.quote and figure.quote in article, figure.key


def test_mexican_context_is_asked(bank):
    text = " ".join(q.text.es + " " + (q.help.es if q.help else "") for q in bank.questions)
    for term in ("SAT", "SPEI", "WhatsApp", "e.firma", "CFDI"):
        assert term in text, term


def test_no_se_is_offered_on_most_scored_questions(bank):
    scored = [q for q in bank.questions if q.scored]
    assert sum(q.unknown for q in scored) >= len(scored) * 0.6


@pytest.mark.parametrize("uses_ai", AI_USE)
@pytest.mark.parametrize("size", ["micro", "small", "medium"])
def test_best_answers_score_at_least_90_and_worst_at_most_15(bank, benchmarks, uses_ai, size):
    profile = {"uses_ai": uses_ai, "company_size": size}
    best = score(bank, benchmarks, extreme_answers(bank, best=True, profile=profile))
    worst = score(bank, benchmarks, extreme_answers(bank, best=False, profile=profile))
    assert best.overall >= 90 and best.band.key == "optimizado"
    assert worst.overall <= 15 and worst.band.key == "inicial"
    assert all(d.score >= 90 for d in best.domains if d.applicable)
    assert best.complete and worst.complete


def test_not_using_ai_hides_the_ai_use_details(bank):
    shown_yes = {q.key for q in visible_questions(bank, {"uses_ai": "yes"})}
    shown_no = {q.key for q in visible_questions(bank, {"uses_ai": "no"})}
    assert shown_no < shown_yes
    assert {"genai_use", "ai_frequency"} <= shown_yes - shown_no


def test_ai_governance_is_asked_even_without_ai(bank):
    shown = {q.key for q in visible_questions(bank, {"uses_ai": "no"})}
    assert {"ai_policy", "ai_strategy"} <= shown


@pytest.mark.parametrize(("uses_ai", "gap"), [("yes", True), ("informal", True), ("planning", False), ("no", False)])
def test_governance_gap_for_companies_using_ai_without_policy(bank, benchmarks, uses_ai, gap):
    answers = extreme_answers(bank, best=True, profile={"uses_ai": uses_ai, "ai_policy": "no"})
    assert score(bank, benchmarks, answers).governance_gap.gap is gap


def test_worst_answers_bring_a_full_30_60_90_plan(bank, benchmarks):
    result = score(bank, benchmarks, extreme_answers(bank, best=False, profile={"uses_ai": "yes"}))
    assert {r.horizon for r in result.recommendations} == {30, 60, 90}
    assert len(result.recommendations) >= 15
    assert result.typical_sme.position == "below"


def test_empty_answers_are_all_gaps_not_errors(bank, benchmarks):
    result = score(bank, benchmarks, {})
    assert result.overall == 0 and not result.complete
    assert set(result.unanswered) == {q.key for q in visible_questions(bank, {})}
