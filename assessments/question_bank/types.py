"""The question bank as immutable values. Pure Python: no Django import (a test enforces it)."""

from __future__ import annotations

from dataclasses import dataclass, field
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

    @property
    def scored(self) -> bool:
        return self.domain is not None

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def choice_values(self) -> tuple[str, ...]:
        """Every value a choice-type answer may take, "unknown" included when offered."""
        values = tuple(c.value for c in self.choices)
        return (*values, UNKNOWN) if self.unknown else values

    def score(self, value: Any) -> float:
        """Score of a *validated* answer value in 0..1. "unknown" is a gap: 0."""
        if value == UNKNOWN or not self.scored:
            return 0.0
        if self.type in ("single", "yesno"):
            return float(self.choice(value).score or 0.0)
        if self.type == "multi":
            total = self.base + sum(self.choice(v).score or 0.0 for v in value)
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

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, key: str) -> Question:
        return self._index[key]

    def has_question(self, key: str) -> bool:
        return key in self._index

    def domain(self, key: str) -> Domain:
        return next(d for d in self.domains if d.key == key)

    @property
    def _index(self) -> dict[str, Question]:
        # Built lazily and memoised on the frozen instance.
        index = self.__dict__.get("_question_index")
        if index is None:
            index = {q.key: q for q in self.questions}
            object.__setattr__(self, "_question_index", index)
        return index
