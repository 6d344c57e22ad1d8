"""normalize_answers' quick path (plain choices checked as one set inclusion, multi/number/scale
answers looked up in Bank.structured_answers) gives what checking each answer in full gives: the same
stored values, fresh lists, and the same first error. Pure: no Django settings needed."""

from __future__ import annotations

import pytest

from assessments.question_bank.answers import AnswerError, normalize_answer, normalize_answers
from assessments.question_bank.loader import default_bank
from assessments.question_bank.types import MAX_CANONICAL_ANSWERS, UNKNOWN, multi_answers


@pytest.fixture(scope="module")
def bank():
    return default_bank()


def _one_by_one(bank, raw):
    return {k: normalize_answer(bank.question(k), v) for k, v in raw.items() if v is not None}


def _multi(bank):
    return next(q for q in bank.questions if q.type == "multi" and any(c.exclusive for c in q.choices))


def test_multi_answers_in_any_order_or_repeated_are_stored_in_bank_order(bank):
    q = _multi(bank)
    plain = [c.value for c in q.choices if not c.exclusive]
    for raw_value in (plain[::-1], [plain[1], plain[0], plain[1]], [plain[0]], plain):
        raw = {"uses_ai": "yes", q.key: raw_value}
        clean = normalize_answers(bank, raw)
        assert clean == _one_by_one(bank, raw)
        assert clean[q.key] == [v for v in plain if v in raw_value]
        assert clean[q.key] is not raw_value


def test_each_result_gets_its_own_list(bank):
    q = _multi(bank)
    plain = [c.value for c in q.choices if not c.exclusive]
    first = normalize_answers(bank, {q.key: plain[:2]})
    first[q.key].append("changed")
    assert normalize_answers(bank, {q.key: plain[:2]})[q.key] == plain[:2]


@pytest.mark.parametrize(
    "value, message",
    [
        (True, "expected a whole number"),
        (2.5, "expected a whole number"),
        (-1, "outside"),
        (10**9, "outside"),
        ("12", "expected a whole number"),
    ],
)
def test_bad_numbers_are_refused_as_before(bank, value, message):
    number = next(q for q in bank.questions if q.type == "number")
    with pytest.raises(AnswerError, match=message) as caught:
        normalize_answers(bank, {number.key: value})
    assert caught.value.key == number.key


def test_whole_floats_and_unknown_are_stored_as_before(bank):
    number = next(q for q in bank.questions if q.type == "number")
    raw = {number.key: 12.0}
    assert normalize_answers(bank, raw) == {number.key: 12} == _one_by_one(bank, raw)
    offering = next(q for q in bank.questions if q.unknown and q.type == "multi")
    assert normalize_answers(bank, {offering.key: UNKNOWN}) == {offering.key: UNKNOWN}


def test_exclusive_choice_with_others_and_bad_items_are_refused(bank):
    q = _multi(bank)
    exclusive = next(c.value for c in q.choices if c.exclusive)
    plain = next(c.value for c in q.choices if not c.exclusive)
    for bad, message in (
        ([exclusive, plain], "cannot be combined"),
        ([plain, "nope"], "invalid choice"),
        ([], "non-empty list"),
        ([[plain]], "invalid choice"),
    ):
        with pytest.raises(AnswerError, match=message):
            normalize_answers(bank, {"uses_ai": "yes", q.key: bad})


def test_the_first_invalid_answer_is_the_one_reported(bank):
    number = next(q for q in bank.questions if q.type == "number")
    single = next(q for q in bank.questions if q.type == "single")
    raw = {number.key: -5, single.key: "not_a_choice"}
    with pytest.raises(AnswerError) as caught:
        normalize_answers(bank, raw)
    assert caught.value.key == number.key
    with pytest.raises(AnswerError) as caught:
        normalize_answers(bank, dict(reversed(raw.items())))
    assert caught.value.key == single.key


def test_structured_answers_hold_every_multi_answer(bank):
    for q in bank.questions:
        if q.type != "multi":
            continue
        answers = multi_answers(q)
        plain = sum(1 for c in q.choices if not c.exclusive)
        assert answers is not None and 2**plain <= MAX_CANONICAL_ANSWERS
        assert len(answers) == 2**plain - 1 + sum(1 for c in q.choices if c.exclusive)
        for answer in answers:
            assert normalize_answer(q, list(answer)) == list(answer)  # valid, and already in stored form
