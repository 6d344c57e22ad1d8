"""The questionnaire's step logic (pure functions over the bank and the answers)."""

from assessments import questionnaire
from tests.test_questionnaire_forms import BANK, SECTION


def test_progress_counts_visible_required_questions_and_answered_optional_ones():
    assert questionnaire.progress(BANK, {}) == questionnaire.Progress(answered=0, applicable=4)
    opened = questionnaire.progress(BANK, {"gate": "yes"})
    assert (opened.answered, opened.applicable, opened.percent) == (1, 5, 20)


def test_a_step_is_complete_when_every_visible_required_question_is_answered():
    answers = {"gate": "no", "many": ["a"], "count": 1, "rate": 3}
    assert questionnaire.first_incomplete_step(BANK, {}) == SECTION
    assert questionnaire.first_incomplete_step(BANK, answers) is None
    assert questionnaire.first_incomplete_step(BANK, {**answers, "gate": "yes"}) == SECTION
    assert [q.key for q in questionnaire.missing(BANK, {**answers, "gate": "yes"})] == ["detail"]


def test_hidden_follow_ups_of_the_same_step_can_be_revealed():
    assert [q.key for q in questionnaire.revealable_in_section(BANK, SECTION, {})] == ["detail"]
    assert questionnaire.revealable_in_section(BANK, SECTION, {"gate": "yes"}) == []


def test_position_neighbours_and_review():
    assert questionnaire.step_position(BANK, {}, "s") == (1, 1)
    assert questionnaire.neighbours(BANK, {}, "s") == (None, None)
    review = questionnaire.review(BANK, {"gate": "yes", "rate": "unknown"}, "en")
    assert review[0]["missing"] == 3
    assert {r["key"]: r["answer"] for r in review[0]["questions"]}["rate"] == "I don't know"


def test_the_landing_page_estimate_is_rounded_to_five_minutes():
    assert questionnaire.estimate_minutes(BANK) == 5
