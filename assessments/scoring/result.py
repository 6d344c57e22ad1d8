"""The scoring result: plain frozen dataclasses, JSON-ready through `as_dict()`. No Django import."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SCORING_VERSION = "1.0.0"


@dataclass(frozen=True)
class Band:
    key: str
    es: str
    en: str


@dataclass(frozen=True)
class QuestionOutcome:
    key: str
    domain: str
    weight: float
    score: float  # 0..1
    status: str  # "answered" | "unknown" | "unanswered"


@dataclass(frozen=True)
class DomainScore:
    domain: str
    title_es: str
    title_en: str
    score: float  # 0..100
    answered: int
    applicable: int
    weight: float


@dataclass(frozen=True)
class Comparison:
    figure: str
    kind: str
    study_value: float
    unit: str
    label_es: str
    label_en: str
    question: str
    answer: Any
    you: str  # "yes" | "partly" | "no" | "unknown" | "unanswered" | "not_applicable"


@dataclass(frozen=True)
class GovernanceGap:
    uses_ai: bool
    has_policy: str  # comparison status of the AI-policy question
    has_strategy: str
    gap: bool  # uses AI (even informally) without a written policy
    strategy_without_policy: bool  # the study's own gap: 60% strategy vs 49% policy


@dataclass(frozen=True)
class TypicalStanding:
    practices_company: float  # good practices of the study the company has (partly = 0.5)
    practices_typical: float  # what the study's typical SME has: the sum of the study's shares
    practices_total: int
    position: str  # "above" | "at" | "below"


@dataclass(frozen=True)
class TriggeredBy:
    question: str
    answer: Any
    score: float


@dataclass(frozen=True)
class RecommendationOutcome:
    key: str
    title_es: str
    title_en: str
    text_es: str
    text_en: str
    impact: int
    effort: int
    horizon: int
    priority: float
    triggered_by: tuple[TriggeredBy, ...]


@dataclass(frozen=True)
class Result:
    overall: float
    band: Band
    domains: tuple[DomainScore, ...]
    questions: tuple[QuestionOutcome, ...]
    comparisons: tuple[Comparison, ...]
    governance_gap: GovernanceGap
    typical_sme: TypicalStanding
    recommendations: tuple[RecommendationOutcome, ...]
    unanswered: tuple[str, ...]
    complete: bool
    bank_version: str
    benchmarks_version: str
    scoring_version: str = SCORING_VERSION

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def domain(self, key: str) -> DomainScore:
        return next(d for d in self.domains if d.domain == key)
