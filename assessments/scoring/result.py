"""The scoring result: plain frozen dataclasses, JSON-ready through `as_dict()`. No Django import."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")

SCORING_VERSION = "2.0.1"
# v2 (2026-11): critical controls cap the band, no gain from gates, rebalanced weights, "No sé" list
# (to_verify), counts, a plan with at most 5 actions in 30 days plus costs and resources, honest
# comparisons and the self-rating gap. Every v1 key keeps its meaning; v2 only adds keys.


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
    answered: int  # answered or "No sé" (v1 meaning); `unknown` says how many were "No sé"
    applicable: int
    weight: float
    unknown: int = 0


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
    compare: str = "status"  # "status": show `you` as a status beside the share; "context": never compare
    note: Any = None  # {"es", "en"}: how the question maps to the figure, or why it is context only


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
    horizon: int  # earliest horizon the data allows (v1 meaning); the plan's slot is `plan_horizon`
    priority: float
    triggered_by: tuple[TriggeredBy, ...]
    plan_horizon: int = 0  # 30 | 60 | 90 | 180 ("después"): where the plan puts it (≤ 5 actions in 30)
    critical: bool = False  # fired by a critical control at its worst answer
    cost_mxn: Any = None  # {"min": int, "max": int}, rough cost in MXN (0-0 = free)
    resources: tuple = ()  # ({"key", "name": {es, en}, "contact": {es, en}, "url"}, ...)


@dataclass(frozen=True)
class PlanHorizon:
    horizon: int  # 30 | 60 | 90 | 180
    title: Any  # {"es", "en"}
    limit: int | None  # most actions placed here (None: no limit)
    actions: tuple[str, ...]  # recommendation keys, in priority order


@dataclass(frozen=True)
class CapReason:
    question: str
    answer: Any  # the stored value ("no", "unknown"...) or None when unanswered
    status: str  # "answered" | "unknown" | "unanswered"
    text: Any  # {"es", "en"}: the control, e.g. "Respaldos de la información"


@dataclass(frozen=True)
class BandCap:
    band: Band  # the highest band allowed while a critical control is missing
    uncapped: Band  # the band the overall index alone would give
    reasons: tuple[CapReason, ...]


@dataclass(frozen=True)
class Counts:
    questions: int  # visible questions (profile included)
    answered: int  # with a real answer ("No sé" not included)
    unknown: int  # answered "No sé"
    unanswered: int


@dataclass(frozen=True)
class ToVerify:
    question: str
    domain: str | None
    weight: float
    text: Any  # {"es", "en"}: the question
    who: tuple[dict, ...]  # ({"key": "accountant", "es": "su contador", "en": "your accountant"}, ...)


@dataclass(frozen=True)
class NotApplicable:
    question: str
    text: Any  # {"es", "en"}: the question
    reason: Any  # {"es", "en"}: why it does not apply


@dataclass(frozen=True)
class SelfRatingGap:
    question: str
    rating: int  # the owner's answer, 1..5
    rating_max: int
    rating_band: Band  # the band the rating corresponds to (1 Inicial .. 5 Optimizado)
    band: Band  # the result's band (after any cap)
    difference: int  # rating level − band level, −4..4
    verdict: str  # "overconfident" | "aligned" | "underconfident"
    text: Any  # {"es", "en"}


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
    # v2 additions
    band_cap: BandCap | None = None
    counts: Counts | None = None
    to_verify: tuple[ToVerify, ...] = ()
    not_applicable: tuple[NotApplicable, ...] = ()
    action_plan: tuple[PlanHorizon, ...] = ()
    self_rating_gap: SelfRatingGap | None = None

    def as_dict(self) -> dict[str, Any]:
        """dataclasses.asdict(self), built faster: see `plain`."""
        return plain(self)

    def domain(self, key: str) -> DomainScore:
        return next(d for d in self.domains if d.domain == key)


def counts_of(*, shown: int, unknown: int, unanswered: int) -> Counts:
    """The result's counts: questions shown, answered (neither "No sé" nor unanswered), "No sé", unanswered."""
    return build(
        Counts,
        {"questions": shown, "answered": shown - unknown - unanswered, "unknown": unknown, "unanswered": unanswered},
    )


def build(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the frozen dataclass `cls` from a dict of ALL its fields, without its __init__.

    Equal to `cls(**fields)` in every way (fields, equality, hashing, asdict, replace, pickling): these
    classes have no __post_init__ and no slots. A frozen dataclass's generated __init__ sets each field
    through object.__setattr__, which made building a result's ~60 objects (30 actions of 14 fields)
    most of the engine's time; the engine builds its hot objects this way. `tests/scoring` checks every
    result against the plain-constructor reference engine, so a missing field cannot go unnoticed.
    """
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


_IMMUTABLE = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """What dataclasses.asdict() makes of `value`, equal and in the same key order (the snapshot's JSON
    and its content hash depend on it): dataclasses become dicts of their fields, lists, tuples and dicts
    are copied, anything else deep-copied, except immutable leaves (str, numbers, bool, None), which
    asdict's deepcopy returns unchanged anyway. asdict deep-copies every one of a result's ~3,000 leaves,
    which made it a third of a submission's time; tests/scoring/test_plain.py checks plain == asdict.
    """
    cls = value.__class__
    if cls in _IMMUTABLE:
        return value
    names = _FIELD_NAMES.get(cls)
    if names is None and is_dataclass(cls):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if cls is tuple or cls is list:
        return cls([plain(item) for item in value])
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple, as asdict treats it
        return cls(*[plain(item) for item in value])
    if isinstance(value, list | tuple):
        return cls(plain(item) for item in value)
    if isinstance(value, dict):
        return cls((plain(key), plain(item)) for key, item in value.items())
    return deepcopy(value)
