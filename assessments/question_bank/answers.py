"""Answer validation and question visibility. No Django import.

Answer values: single/yesno → a choice value (str); multi → a list of choice values;
number/scale → an int; any type offering "No sé" → "unknown".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from assessments.question_bank.types import UNKNOWN, Bank, Question


class AnswerError(ValueError):
    """An answer does not fit its question; the message names the question key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def normalize_answer(question: Question, value: Any) -> Any:
    """The canonical form of `value`, or AnswerError explaining why it is not valid."""
    key = question.key
    if value == UNKNOWN:
        if not question.unknown:
            raise AnswerError(key, "'No sé / unknown' is not offered for this question")
        return UNKNOWN
    if question.type in ("single", "yesno"):
        if not isinstance(value, str) or question.choice(value) is None:
            raise AnswerError(key, f"invalid choice {value!r}; expected one of {list(question.choice_values())}")
        return value
    if question.type == "multi":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not value:
            raise AnswerError(key, "expected a non-empty list of choices")
        chosen = set()
        for item in value:
            if not isinstance(item, str) or question.choice(item) is None:
                raise AnswerError(key, f"invalid choice {item!r}; expected some of {list(question.choice_values())}")
            chosen.add(item)
        exclusive = [v for v in chosen if question.choice(v).exclusive]
        if exclusive and len(chosen) > 1:
            raise AnswerError(key, f"'{exclusive[0]}' cannot be combined with other choices")
        return [c.value for c in question.choices if c.value in chosen]  # bank order, no duplicates
    # number / scale
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value != int(value):
        raise AnswerError(key, f"expected a whole number, got {value!r}")
    value = int(value)
    if not question.minimum <= value <= question.maximum:
        raise AnswerError(key, f"{value} is outside {question.minimum}..{question.maximum}")
    return value


def normalize_answers(bank: Bank, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a whole answer set. Unknown keys and invalid values raise AnswerError."""
    if raw.__class__ is not dict and not isinstance(raw, Mapping):
        raise AnswerError("answers", "expected an object mapping question keys to values")
    simple = bank.simple_answers
    fast = _normalize_plain(bank, dict(raw), simple)  # the usual case: known keys, valid values, no None
    if fast is not None:
        return fast
    questions = bank.question_index
    if raw.keys() <= questions.keys():
        # Every key known: only values that are not a plain valid choice need checking, in the given
        # order so that the first invalid one is the one reported, as below.
        clean = dict(raw) if None not in raw.values() else {k: v for k, v in raw.items() if v is not None}
        for key in [k for k, v in clean.items() if v.__class__ is not str or (k, v) not in simple]:
            clean[key] = normalize_answer(questions[key], clean[key])
        return clean
    clean = {}
    for key, value in raw.items():
        question = questions.get(key)  # a key of another type is simply not found
        if question is None:
            raise AnswerError(str(key), "unknown question key")
        if value is None:
            continue  # explicitly unanswered
        clean[key] = normalize_answer(question, value)
    return clean


def _normalize_plain(bank: Bank, clean: dict[str, Any], simple: frozenset) -> dict[str, Any] | None:
    """`clean` (the caller's own copy) normalised when every answer but the list and number ones is a
    plain valid choice of a known question, checked as one set inclusion, and the others are valid; None
    when anything needs the full check (an unknown key, an explicit None, an invalid value...)."""
    structured = [k for k in bank.structured_keys if k in clean]
    plain = clean
    if structured:
        plain = clean.copy()
        for key in structured:
            del plain[key]
    try:
        if not plain.items() <= simple:
            return None
    except TypeError:  # an unhashable value (a list) for a single-choice question
        return None
    questions = bank.question_index
    stored = bank.structured_answers
    normalized = {}
    try:
        for key in structured:
            value = clean[key]
            kind = value.__class__  # exactly list or int: a bool is no number, a tuple is checked in full
            if kind is list:
                choices = stored.get((key, frozenset(value)))
                if choices is not None:
                    normalized[key] = list(choices)  # bank order, no duplicates, as the full check makes it
                    continue
            elif kind is int:
                bounds = stored.get((key, int))
                if bounds is not None and bounds[0] <= value <= bounds[1]:
                    continue
            normalized[key] = normalize_answer(questions[key], value)
    except (AnswerError, TypeError):
        return None  # reported by the full check, in the answers' order
    clean.update(normalized)  # `clean` is the caller's own copy
    return clean


def is_visible(bank: Bank, question: Question, answers: Mapping[str, Any]) -> bool:
    """Shown when it has no condition, or its (visible) parent's answer is among the condition values."""
    cond = question.condition
    if cond is None:
        return True
    parent = bank.question(cond.question)
    if not is_visible(bank, parent, answers):
        return False
    value = answers.get(cond.question)
    selected = value if isinstance(value, list) else [value]
    return any(v in cond.values for v in selected)


def hidden_questions(bank: Bank, answers: Mapping[str, Any]) -> dict[str, str]:
    """Every hidden question's key -> the key of the question whose condition hides it.

    That is its own condition, or the first hidden ancestor's (a follow-up of a hidden question is
    hidden for the same reason). Same rule as `is_visible`, in one pass over the conditional questions.
    """
    hiding: dict[str, str | None] = {}
    get = answers.get
    for key, parent, values in bank.condition_plan:  # parents before their follow-ups
        owner = hiding.get(parent)  # the parent is hidden: so is its follow-up, for the same reason
        if owner is None:
            value = get(parent)
            if isinstance(value, list):
                shown = any(v in values for v in value)
            else:
                shown = value in values
            owner = None if shown else key
        hiding[key] = owner
    return {key: hiding[key] for key in bank.conditional_keys if hiding[key] is not None}  # bank order


def visible_questions(bank: Bank, answers: Mapping[str, Any]) -> list[Question]:
    hidden = hidden_questions(bank, answers)
    return [q for q in bank.questions if q.key not in hidden]


def answer_text(question: Question, value: Any, lang: str) -> str:
    """The answer as the owner saw it, in `lang` ("No sé" for unknown, labels joined for multi)."""
    english = lang.startswith("en")
    if value == UNKNOWN:
        return "I don't know" if english else "No sé"
    if question.type in ("number", "scale"):
        return str(value)
    values = value if isinstance(value, list) else [value]
    return ", ".join(question.choice(v).label.get(lang) for v in values if question.choice(v))


def appendix(bank: Bank, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every visible question with its answer in both languages: frozen into the snapshot."""
    rows = []
    for section in bank.sections:
        for q in section.questions:
            if not is_visible(bank, q, answers):
                continue
            value = answers.get(q.key)
            rows.append(
                {
                    "key": q.key,
                    "section_es": section.title.es,
                    "section_en": section.title.en,
                    "text_es": q.text.es,
                    "text_en": q.text.en,
                    "answer_es": answer_text(q, value, "es") if value is not None else "",
                    "answer_en": answer_text(q, value, "en") if value is not None else "",
                }
            )
    return rows


def answers_valid_for(bank: Bank, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The stored answers that still fit `bank`; others (retired keys, changed choices) are dropped.

    Used when scoring answers saved under an earlier bank version: a dropped answer becomes an
    unanswered question instead of an error.
    """
    valid = {}
    for key, value in raw.items():
        if not bank.has_question(key):
            continue
        try:
            valid[key] = normalize_answer(bank.question(key), value)
        except AnswerError:
            continue
    return valid
