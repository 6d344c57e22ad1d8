"""Answer validation refuses what JSON can carry but no question accepts, with AnswerError (a 400), never a crash."""

from __future__ import annotations

import pytest

from assessments.question_bank.answers import AnswerError, normalize_answer, normalize_answers
from assessments.question_bank.loader import default_bank

BANK = default_bank()
NUMBERS = [q for q in BANK.questions if q.type in ("number", "scale")]
SINGLES = [q for q in BANK.questions if q.type in ("single", "yesno")]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 2.5, 10**30, True, "3", [3], {"a": 1}])
@pytest.mark.parametrize("question", NUMBERS, ids=lambda q: q.key)
def test_numbers_refuse_non_integers_and_non_finite_values(question, value):
    with pytest.raises(AnswerError) as error:
        normalize_answer(question, value)
    assert error.value.key == question.key


@pytest.mark.parametrize("value", [["yes"], {"yes": 1}, 1, 1.0, "", "YES", "unknown\x00"])
def test_single_choices_refuse_other_types_and_near_misses(value):
    for question in SINGLES:
        with pytest.raises(AnswerError):
            normalize_answer(question, value)


def test_a_whole_answer_set_with_a_non_string_key_is_refused_by_name():
    with pytest.raises(AnswerError) as error:
        normalize_answers(BANK, {1: "yes"})
    assert error.value.key == "1"


def test_valid_choices_come_back_unchanged():
    for question in SINGLES:
        for choice in question.choices:
            assert normalize_answers(BANK, {question.key: choice.value}) == {question.key: choice.value}
