"""What the engine needs from a bank, precomputed once per bank: no scan of the bank while scoring.

Built on the first `score_assessment` with a bank and kept on that (immutable) bank object, so the
process's one bank is indexed once. Everything here is derived from the bank alone and never changes:
tuples, frozensets, read-only mappings, and frozen outcome objects shared by every result, which is safe
because they are immutable values (a result holds the same values it held when each was built anew).
No Django import.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from assessments.question_bank.types import UNKNOWN, Bank, Question
from assessments.scoring.actions import Rule, rule_for
from assessments.scoring.bands import BANDS_ASCENDING, CRITICAL_CAP_KEY, band_by_key
from assessments.scoring.result import Band, NotApplicable, QuestionOutcome

ANSWERED, UNKNOWN_STATUS, UNANSWERED = "answered", "unknown", "unanswered"
# Questions whose every possible answer is one of a few strings: their outcomes are built in advance.
CHOICE_TYPES = ("single", "yesno")


@dataclass(frozen=True)
class ScoredQuestion:
    question: Question
    # Outcome per stored value (None: unanswered). For multi/number/scale questions only unanswered
    # and "No sé": their other outcomes are built per answer.
    outcomes: MappingProxyType


@dataclass(frozen=True)
class ScoringIndex:
    scored: tuple[ScoredQuestion, ...]  # bank order
    domain_keys: tuple[str, ...]
    critical: tuple[Question, ...]  # critical controls, bank order
    critical_keys: frozenset[str]
    figure_questions: MappingProxyType  # study figure key -> the first question linked to it
    scored_keys: frozenset[str]
    rules: tuple[Rule, ...]  # the bank's recommendations, bank order, with their tables
    not_applicable: MappingProxyType  # (question key, key of the question whose condition hides it) -> item
    band_levels: MappingProxyType  # band key -> level (0 Inicial .. 4 Optimizado)
    cap_band: Band


def scoring_index(bank: Bank) -> ScoringIndex:
    index = bank.__dict__.get("_scoring_index")
    if index is None:
        index = build_index(bank)
        object.__setattr__(bank, "_scoring_index", index)  # a cache on an immutable value, like a memo
    return index


def build_index(bank: Bank) -> ScoringIndex:
    questions = bank.questions
    figure_questions: dict[str, Question] = {}
    for q in questions:
        if q.figure is not None:
            figure_questions.setdefault(q.figure.key, q)
    scored = tuple(_scored(q) for q in questions if q.scored)
    choice_outcomes = {s.question.key: s.outcomes for s in scored if s.question.type in CHOICE_TYPES}
    return ScoringIndex(
        scored=scored,
        scored_keys=frozenset(s.question.key for s in scored),
        domain_keys=tuple(d.key for d in bank.domains),
        critical=tuple(q for q in questions if q.critical is not None),
        critical_keys=frozenset(q.key for q in questions if q.critical is not None),
        figure_questions=MappingProxyType(figure_questions),
        rules=tuple(
            rule_for(rec, questions=bank.question_index, outcomes=choice_outcomes) for rec in bank.recommendations
        ),
        not_applicable=MappingProxyType(_not_applicable(bank)),
        band_levels=MappingProxyType({b.key: i for i, b in enumerate(BANDS_ASCENDING)}),
        cap_band=band_by_key(CRITICAL_CAP_KEY),
    )


def outcome(q: Question, value: Any) -> QuestionOutcome:
    """The outcome of `value` (None: unanswered), as the engine has always built it."""
    if value is None:
        status, score = UNANSWERED, 0.0
    elif value == UNKNOWN:
        status, score = UNKNOWN_STATUS, 0.0
    else:
        status, score = ANSWERED, q.score(value)
    return QuestionOutcome(key=q.key, domain=q.domain, weight=q.weight, score=score, status=status)


def _scored(q: Question) -> ScoredQuestion:
    values: list[Any] = [None]
    if q.unknown:
        values.append(UNKNOWN)
    if q.type in CHOICE_TYPES:
        values += [c.value for c in q.choices]
    return ScoredQuestion(question=q, outcomes=MappingProxyType({v: outcome(q, v) for v in values}))


def _not_applicable(bank: Bank) -> dict[tuple[str, str], NotApplicable]:
    """Every way a conditional question can be hidden: by its own condition or by an ancestor's."""
    items = {}
    for q in bank.questions:
        owner = q
        while owner.condition is not None:
            reason = owner.condition.reason or q.condition.reason
            items[(q.key, owner.key)] = NotApplicable(question=q.key, text=q.text, reason=reason)
            owner = bank.question(owner.condition.question)
    return items
