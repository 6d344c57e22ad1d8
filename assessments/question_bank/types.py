"""The question bank as immutable values. Pure Python: no Django import (a test enforces it)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from assessments.i18n_text import Text

UNKNOWN = "unknown"
QUESTION_TYPES = ("single", "multi", "yesno", "number", "scale")
YESNO_SCORES = {"yes": 1.0, "partly": 0.5, "no": 0.0}


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text
    score: float | None = None
    exclusive: bool = False


@dataclass(frozen=True)
class Condition:
    question: str
    values: frozenset[str]
    reason: Text | None = None  # why the question does not apply when hidden ("Su empresa no usa IA")


@dataclass(frozen=True)
class FigureLink:
    key: str
    match: frozenset[str]
    partial: frozenset[str] = frozenset()
    hidden_means_no: bool = False  # hidden by its condition = the company does not do what the figure counts


@dataclass(frozen=True)
class ScoreBand:
    at_least: int
    score: float


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    section: str
    text: Text
    help: Text | None
    domain: str | None
    weight: float
    choices: tuple[Choice, ...] = ()
    unknown: bool = False
    required: bool = True
    condition: Condition | None = None
    figure: FigureLink | None = None
    refs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None
    score_bands: tuple[ScoreBand, ...] = ()
    base: float = 0.0
    scale_labels: dict[str, Text] = field(default_factory=dict)
    who_knows: tuple[str, ...] = ()  # contact keys (Bank.contacts) who can answer a "No sé"
    critical: Text | None = None  # a critical control: at score 0 (worst, "No sé" or unanswered) it caps the band

    def __post_init__(self) -> None:
        # Lookups by choice value, built once: the engine and validation ask for them on every answer.
        # Not dataclass fields, so equality, hashing and asdict() are unchanged.
        object.__setattr__(self, "_choice_by_value", {c.value: c for c in self.choices})
        object.__setattr__(self, "_choice_scores", {c.value: float(c.score or 0.0) for c in self.choices})
        # The valid stored values of a single-choice or yes/no question, "No sé" aside.
        single = (
            frozenset(c.value for c in self.choices if c.value != UNKNOWN)
            if self.type in ("single", "yesno")
            else frozenset()
        )
        object.__setattr__(self, "_single_values", single)

    @property
    def scored(self) -> bool:
        return self.domain is not None

    def choice(self, value: str) -> Choice | None:
        # Choice values are strings (the loader enforces it); anything else, e.g. a list, is no choice.
        return self._choice_by_value.get(value) if isinstance(value, str) else None

    def choice_values(self) -> tuple[str, ...]:
        """Every value a choice-type answer may take, "unknown" included when offered."""
        values = tuple(c.value for c in self.choices)
        return (*values, UNKNOWN) if self.unknown else values

    def score(self, value: Any) -> float:
        """Score of a *validated* answer value in 0..1. "unknown" is a gap: 0."""
        if value == UNKNOWN or not self.scored:
            return 0.0
        if self.type in ("single", "yesno"):
            return self._choice_scores[value]
        if self.type == "multi":
            scores = self._choice_scores
            total = self.base + sum(scores[v] for v in value)
            return min(1.0, max(0.0, total))
        if self.type == "scale":
            return (value - self.minimum) / (self.maximum - self.minimum)
        # number
        score = 0.0
        for band in self.score_bands:
            if value >= band.at_least:
                score = band.score
        return score


@dataclass(frozen=True)
class Section:
    key: str
    title: Text
    intro: Text | None
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Domain:
    key: str
    title: Text
    description: Text | None
    weight: float


@dataclass(frozen=True)
class Trigger:
    question: str
    below: float


@dataclass(frozen=True)
class CostRange:
    """A rough cost in Mexican pesos (MXN) for a small company; 0–0 means free."""

    min: int
    max: int


@dataclass(frozen=True)
class Resource:
    """A named Mexican institution or service an action points to (088, CONDUSEF, SAT...)."""

    key: str
    name: Text
    contact: Text  # how to reach it (number, portal), as printed
    url: str | None = None


@dataclass(frozen=True)
class Recommendation:
    key: str
    title: Text
    text: Text
    impact: int
    effort: int
    horizon: int  # earliest horizon in days the data allows (30 | 60 | 90)
    triggers: tuple[Trigger, ...]
    refs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cost_mxn: CostRange | None = None
    resources: tuple[Resource, ...] = ()


@dataclass(frozen=True)
class Bank:
    version: str
    recommendations_version: str
    domains: tuple[Domain, ...]
    sections: tuple[Section, ...]
    recommendations: tuple[Recommendation, ...]
    contacts: dict[str, Text] = field(default_factory=dict)  # who can answer a "No sé": key -> "su contador"

    def __post_init__(self) -> None:
        # Indexes built once when the bank is made (it is immutable): every lookup by key is a dict
        # access instead of a scan. Not dataclass fields: equality and asdict() are unchanged.
        questions = tuple(q for s in self.sections for q in s.questions)
        object.__setattr__(self, "_questions", questions)
        object.__setattr__(self, "_question_index", MappingProxyType({q.key: q for q in questions}))
        object.__setattr__(self, "_conditional", tuple(q for q in questions if q.condition is not None))
        # (key, value) of every answer that is valid as it stands and stored as it is: a choice of a
        # single-choice or yes/no question, or "No sé" where offered.
        simple = {(q.key, v) for q in questions for v in q._single_values}
        simple |= {(q.key, UNKNOWN) for q in questions if q.unknown}
        object.__setattr__(self, "_simple_answers", frozenset(simple))
        # Questions whose answers are not plain strings (multi: a list; number, scale: an int).
        object.__setattr__(self, "_conditional_keys", tuple(q.key for q in self._conditional))
        object.__setattr__(self, "_condition_plan", _condition_plan(self._question_index, self._conditional))
        structured = tuple(q for q in questions if q.type not in ("single", "yesno"))
        object.__setattr__(self, "_structured_keys", tuple(q.key for q in structured))
        object.__setattr__(self, "_structured_answers", dict(_canonical_answers(structured)))
        object.__setattr__(self, "_domain_index", {d.key: d for d in self.domains})

    @property
    def questions(self) -> tuple[Question, ...]:
        return self._questions

    @property
    def conditional_questions(self) -> tuple[Question, ...]:
        """The questions with a condition, in bank order: the only ones that can be hidden."""
        return self._conditional

    @property
    def simple_answers(self) -> frozenset[tuple[str, str]]:
        """(question key, value) pairs valid as they stand: normalising them changes nothing."""
        return self._simple_answers

    @property
    def conditional_keys(self) -> tuple[str, ...]:
        return self._conditional_keys

    @property
    def condition_plan(self) -> tuple[tuple[str, str, Any], ...]:
        """(key, parent key, values that show it) of each conditional question, every parent that has
        a condition of its own before its follow-ups."""
        return self._condition_plan

    @property
    def structured_keys(self) -> tuple[str, ...]:
        """Keys of the questions answered with a list or a number (multi, number, scale), bank order."""
        return self._structured_keys

    @property
    def structured_answers(self) -> Mapping[tuple[str, Any], Any]:
        """What a valid multi, number or scale answer looks like: (key, frozenset of choices) -> the
        choices in bank order (a tuple) for each valid multi answer (a question with too many is left
        out: always checked in full); (key, int) -> (minimum, maximum) for a number or scale."""
        return self._structured_answers

    @property
    def question_index(self) -> Mapping[str, Question]:
        """Question key -> question (read-only)."""
        return self._question_index

    def question(self, key: str) -> Question:
        return self._question_index[key]

    def has_question(self, key: str) -> bool:
        return key in self._question_index

    def domain(self, key: str) -> Domain:
        return self._domain_index[key]


# Beyond this many possible answers a multi question is left out of Bank.structured_answers (its
# answers are then checked one by one).
MAX_CANONICAL_ANSWERS = 4096


def _condition_plan(index: Mapping[str, Question], conditional: tuple[Question, ...]):
    ordered: list[Question] = []
    placed: set[str] = set()

    def visit(q: Question, seen: frozenset) -> None:
        if q.key in placed or q.condition is None or q.key in seen:
            return
        parent = index.get(q.condition.question)
        if parent is not None:
            visit(parent, seen | {q.key})
        ordered.append(q)
        placed.add(q.key)

    for q in conditional:
        visit(q, frozenset())
    return tuple((q.key, q.condition.question, q.condition.values) for q in ordered)


def multi_answers(q: Question) -> tuple[tuple[str, ...], ...] | None:
    """Every valid answer of multi-choice question `q` in its stored form (choices in bank order), as
    tuples; None when there are more than MAX_CANONICAL_ANSWERS."""
    plain = [c.value for c in q.choices if not c.exclusive]
    if 2 ** len(plain) > MAX_CANONICAL_ANSWERS:
        return None
    found = [combination for size in range(1, len(plain) + 1) for combination in itertools.combinations(plain, size)]
    return (*found, *((c.value,) for c in q.choices if c.exclusive))


def _canonical_answers(questions: tuple[Question, ...]):
    """((key, answer), stored form) for every valid multi answer of `questions`; ((key, int), bounds)
    for each number or scale question."""
    for q in questions:
        if q.type == "multi":
            for combination in multi_answers(q) or ():
                yield (q.key, frozenset(combination)), combination
        elif q.type in ("number", "scale") and q.minimum is not None and q.maximum is not None:
            yield (q.key, int), (q.minimum, q.maximum)
