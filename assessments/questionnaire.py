"""The questionnaire's steps over the bank: which steps and questions apply, progress, where to resume.

Pure functions of the Bank and an answers mapping (no Django import), so views and forms stay thin.
One section of the bank is one step. A question "applies" when its condition holds (is_visible).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from assessments.question_bank.answers import answer_text, is_visible
from assessments.question_bank.types import Bank, Question, Section

SECONDS_PER_QUESTION = 20


@dataclass(frozen=True)
class Progress:
    answered: int
    applicable: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.applicable) if self.applicable else 100


def is_answered(answers: Mapping[str, Any], key: str) -> bool:
    return answers.get(key) is not None


def section_get(bank: Bank, key: str) -> Section | None:
    return next((s for s in bank.sections if s.key == key), None)


def visible_in_section(bank: Bank, section: Section, answers: Mapping[str, Any]) -> list[Question]:
    return [q for q in section.questions if is_visible(bank, q, answers)]


def revealable_in_section(bank: Bank, section: Section, answers: Mapping[str, Any]) -> list[Question]:
    """Hidden questions that an answer in this same section could still reveal.

    The page renders them hidden (and disabled) so that a small script can show them at once;
    without the script the server shows them after the step is posted.
    """
    keys = {q.key for q in section.questions}

    def revealable(q: Question) -> bool:
        if q.condition is None or q.condition.question not in keys:
            return False
        parent = bank.question(q.condition.question)
        return is_visible(bank, parent, answers) or revealable(parent)

    return [q for q in section.questions if not is_visible(bank, q, answers) and revealable(q)]


def steps(bank: Bank, answers: Mapping[str, Any]) -> list[Section]:
    """The sections that apply: those with at least one visible question, in bank order."""
    return [s for s in bank.sections if visible_in_section(bank, s, answers)]


def missing_in_section(bank: Bank, section: Section, answers: Mapping[str, Any]) -> list[Question]:
    """Visible required questions without an answer."""
    return [q for q in visible_in_section(bank, section, answers) if q.required and not is_answered(answers, q.key)]


def missing(bank: Bank, answers: Mapping[str, Any]) -> list[Question]:
    return [q for s in bank.sections for q in missing_in_section(bank, s, answers)]


def first_incomplete_step(bank: Bank, answers: Mapping[str, Any]) -> Section | None:
    return next((s for s in steps(bank, answers) if missing_in_section(bank, s, answers)), None)


def first_unconfirmed_step(bank: Bank, answers: Mapping[str, Any], confirmed: Collection[str]) -> Section | None:
    """A re-assessment resumes at the first step that applies and the owner has not saved yet."""
    return next((s for s in steps(bank, answers) if s.key not in confirmed), None)


def neighbours(bank: Bank, answers: Mapping[str, Any], key: str) -> tuple[Section | None, Section | None]:
    """(previous, next) applicable step around `key`, which itself need not apply."""
    order = [s.key for s in bank.sections]
    here = order.index(key)
    applicable = steps(bank, answers)
    before = [s for s in applicable if order.index(s.key) < here]
    after = [s for s in applicable if order.index(s.key) > here]
    return (before[-1] if before else None, after[0] if after else None)


def step_position(bank: Bank, answers: Mapping[str, Any], key: str) -> tuple[int, int]:
    """("step 3", "of 8") for the step `key` among the steps that apply."""
    order = [s.key for s in bank.sections]
    applicable = steps(bank, answers)
    number = sum(order.index(s.key) <= order.index(key) for s in applicable)
    return max(number, 1), len(applicable)


def progress(bank: Bank, answers: Mapping[str, Any]) -> Progress:
    """Answered / applicable questions. Hidden questions never count; a skipped optional one neither."""
    counted = [
        q for q in bank.questions if is_visible(bank, q, answers) and (q.required or is_answered(answers, q.key))
    ]
    return Progress(answered=sum(is_answered(answers, q.key) for q in counted), applicable=len(counted))


def minutes_left(bank: Bank, answers: Mapping[str, Any]) -> int:
    """About how many minutes the unanswered questions that apply still take (rounded up; 0 when done)."""
    done = progress(bank, answers)
    seconds = (done.applicable - done.answered) * SECONDS_PER_QUESTION
    return -(-seconds // 60)


def reached_steps(bank: Bank, answers: Mapping[str, Any], current: str | None = None) -> tuple[list[Section], bool]:
    """(the steps that apply up to the furthest one reached, whether the review is reached).

    The furthest step reached is the latest of: the step being shown, the last step with an answer,
    and the first step still incomplete (every step before it is done). Without an incomplete step,
    every step and the review are reached.
    """
    applicable = steps(bank, answers)
    incomplete = first_incomplete_step(bank, answers)
    if incomplete is None:
        return applicable, True
    keys = [s.key for s in applicable]
    furthest = keys.index(incomplete.key)
    answered = [i for i, s in enumerate(applicable) if any(is_answered(answers, q.key) for q in s.questions)]
    furthest = max([furthest, *answered[-1:], *([keys.index(current)] if current in keys else [])])
    return applicable[: furthest + 1], False


def estimate_minutes(bank: Bank) -> int:
    """How long the questionnaire takes, rounded to five minutes, for the landing page."""
    minutes = len(bank.questions) * SECONDS_PER_QUESTION / 60
    return max(5, 5 * round(minutes / 5))


def review(
    bank: Bank,
    answers: Mapping[str, Any],
    lang: str,
    *,
    previous: Mapping[str, Any] | None = None,
    confirmed: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """Every step that applies with its questions and answers as the owner saw them, in `lang`.

    For a re-assessment, `previous` (the answers it started from) marks each changed answer with the
    earlier one, and `confirmed` (the steps saved in this assessment) marks the steps still to confirm.
    """
    sections = []
    for section in steps(bank, answers):
        rows = [_review_row(q, answers, lang, previous) for q in visible_in_section(bank, section, answers)]
        sections.append(
            {
                "key": section.key,
                "title": section.title.get(lang),
                "questions": rows,
                "missing": sum(r["missing"] for r in rows),
                "changes": sum(r["changed"] for r in rows),
                "confirmed": None if confirmed is None else section.key in confirmed,
            }
        )
    return sections


def _review_row(q: Question, answers: Mapping[str, Any], lang: str, previous: Mapping[str, Any] | None) -> dict:
    def text(values: Mapping[str, Any]) -> str:
        return answer_text(q, values[q.key], lang) if is_answered(values, q.key) else ""

    changed = previous is not None and answers.get(q.key) != previous.get(q.key)
    return {
        "key": q.key,
        "question": q.text.get(lang),
        "answer": text(answers),
        "missing": q.required and not is_answered(answers, q.key),
        "changed": changed,
        "previous_answer": text(previous) if changed else "",
    }


def changes_count(sections: list[dict[str, Any]]) -> int:
    return sum(s["changes"] for s in sections)


def unconfirmed_steps(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The steps of a re-assessment the owner has not saved yet (none outside a re-assessment)."""
    return [s for s in sections if s["confirmed"] is False]
