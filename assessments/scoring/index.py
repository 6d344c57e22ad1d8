"""What the engine needs from a bank, precomputed once per bank: no scan of the bank while scoring.

Built on the first `score_assessment` with a bank and kept on that (immutable) bank object, so the
process's one bank is indexed once. Everything here is derived from the bank alone and is never
changed after the build (tuples, frozensets, plain dicts for the fastest lookups), including frozen
outcome objects shared by every result: safe because they are immutable values, equal to the ones the
engine used to build anew for each result. The caches are `figure_plans` and `fast_plans` (fast_tables.py),
per study data set (the study's figures are an input of their own). The actions' tables are in actions.py. Per scored
question, a table answer -> outcome and answer -> weight × score (a multi-choice answer under its tuple),
so a result's outcomes and domain sums are looked up in C-level maps; "No sé" items made once.
No Django import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from assessments.question_bank.types import UNKNOWN, Bank, Question, multi_answers
from assessments.scoring.actions import RuleSet, rule_for, rule_set
from assessments.scoring.bands import BANDS_ASCENDING, CRITICAL_CAP_KEY, band_by_key
from assessments.scoring.result import Band, Comparison, NotApplicable, QuestionOutcome, ToVerify, build

ANSWERED, UNKNOWN_STATUS, UNANSWERED = "answered", "unknown", "unanswered"
PRACTICE_KIND = "practice"
# Questions whose every possible answer is one of a few strings: their outcomes are built in advance.
CHOICE_TYPES = ("single", "yesno")


@dataclass(frozen=True)
class ScoredQuestion:
    key: str
    question: Question
    # Outcome per stored value (None: unanswered); a multi-choice answer under its tuple (a list is no
    # dict key), when it has at most MAX_CANONICAL_ANSWERS answers. For number/scale questions (and
    # bigger multi ones) only unanswered and "No sé": their other outcomes are built per answer.
    outcomes: dict[Any, QuestionOutcome]
    complete: bool  # `outcomes` has every valid answer


@dataclass(frozen=True)
class DomainPlan:
    key: str
    fields: dict[str, Any]  # DomainScore fields taken from the bank: domain, titles, weight
    members: tuple[str, ...]  # its scored questions, bank order
    # When every scored question is shown: the sum of their weights (summed in bank order, as the
    # engine always did) and whether any weighs more than 0.
    total_weight: float
    has_weight: bool
    # Its members' items out of a sequence of the scored questions in bank order, as a tuple.
    pick: Callable[[Sequence[Any]], tuple] = tuple
    count: int = 0  # how many members

    def gather(self, outcomes: dict[str, QuestionOutcome]) -> list[QuestionOutcome]:
        """The members' outcomes, bank order (every member must be in `outcomes`)."""
        return [outcomes[key] for key in self.members]


@dataclass(frozen=True)
class FigurePlan:
    """One study figure's comparison: what the bank and the study fix, before the answer."""

    figure: Any  # benchmarks Figure
    fields: dict[str, Any]  # Comparison fields taken from the study
    question: Question | None  # the question compared; None: the figure is context only, never compared
    figure_question: Question | None  # the question linked to the figure, compared or not
    share: float  # the study's value / 100 (the typical SME's part of a practice)
    # The finished comparison per answer of a shown question (None: unanswered), for choice questions;
    # a context-only figure's one comparison under None.
    made: dict[Any, Comparison]


_WEIGHT = attrgetter("weight")


@dataclass(frozen=True)
class ScoringIndex:
    """Read-only by contract: built once, never changed (plain dicts, as they are the fastest lookups)."""

    scored: tuple[ScoredQuestion, ...]  # bank order
    scored_lookup: tuple[tuple[str, dict, Question], ...]  # (key, outcomes, question) of each, bank order
    domains: tuple[DomainPlan, ...]  # bank order
    scored_count: int
    unknown_offered: tuple[Question, ...]  # questions that offer "No sé", bank order
    critical: tuple[Question, ...]  # critical controls, bank order
    critical_keys: frozenset[str]
    figure_questions: dict[str, Question]  # study figure key -> the first question linked to it
    scored_keys: frozenset[str]
    rules: RuleSet  # the bank's recommendations with their tables
    # (question key, key of the question whose condition hides it) -> what the result lists
    not_applicable: dict[tuple[str, str], NotApplicable]
    band_levels: dict[str, int]  # band key -> level (0 Inicial .. 4 Optimizado)
    cap_band: Band
    question_keys: tuple[str, ...] = ()  # every question, bank order
    unknown_keys: tuple[str, ...] = ()  # keys of unknown_offered
    scored_order: tuple[str, ...] = ()  # keys of `scored`
    list_positions: tuple[int, ...] = ()  # positions in `scored` of the multi-choice questions
    # When every scored question's outcomes are complete, per scored question (bank order): stored value
    # (a multi answer as a tuple) -> its outcome, and -> its weight × score (what it adds to its
    # domain's sum). Else None.
    outcome_tables: tuple[dict[Any, QuestionOutcome], ...] | None = None
    contribution_tables: tuple[dict[Any, float], ...] | None = None
    to_verify: dict[str, ToVerify] = field(default_factory=dict)  # per question offering "No sé"
    # Comparison plans per study data set: id -> (benchmarks, FigureSet); the data set is kept to make
    # sure the id still names it. The one cache here: filled on first use with a data set.
    figure_plans: dict = field(default_factory=dict, compare=False)
    # The engine's fast path per study data set (fast_tables.py): id -> (benchmarks, FastPlan or None).
    fast_plans: dict = field(default_factory=dict, compare=False)

    def to_verify_list(self, unknown: list[str]) -> tuple[ToVerify, ...]:
        """Every "No sé" (question keys, bank order) as something to find out, with who can answer it;
        heaviest first (the sort is stable, reverse included: bank order within a weight)."""
        if not unknown:
            return ()
        return tuple(sorted(map(self.to_verify.__getitem__, unknown), key=_WEIGHT, reverse=True))


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
    known_outcomes = {s.question.key: s.outcomes for s in scored if s.complete}
    positions = {s.key: i for i, s in enumerate(scored)}
    complete = all(s.complete for s in scored)
    return ScoringIndex(
        scored=scored,
        scored_lookup=tuple((s.key, s.outcomes, s.question) for s in scored),
        domains=tuple(
            _domain_plan(d, [s.question for s in scored if s.question.domain == d.key], positions) for d in bank.domains
        ),
        scored_count=len(scored),
        unknown_offered=tuple(q for q in questions if q.unknown),
        scored_keys=frozenset(s.question.key for s in scored),
        critical=tuple(q for q in questions if q.critical is not None),
        critical_keys=frozenset(q.key for q in questions if q.critical is not None),
        figure_questions=figure_questions,
        rules=rule_set(
            tuple(
                rule_for(rec, questions=bank.question_index, outcomes=known_outcomes) for rec in bank.recommendations
            ),
            positions=positions,
        ),
        not_applicable=_not_applicable(bank),
        band_levels={b.key: i for i, b in enumerate(BANDS_ASCENDING)},
        cap_band=band_by_key(CRITICAL_CAP_KEY),
        question_keys=tuple(q.key for q in questions),
        unknown_keys=tuple(q.key for q in questions if q.unknown),
        scored_order=tuple(s.key for s in scored),
        list_positions=tuple(i for i, s in enumerate(scored) if s.question.type == "multi"),
        outcome_tables=tuple(s.outcomes for s in scored) if complete else None,
        contribution_tables=(
            tuple({v: o.score * o.weight for v, o in s.outcomes.items()} for s in scored) if complete else None
        ),
        to_verify={q.key: to_verify(bank, q) for q in questions if q.unknown},
    )


def to_verify(bank: Bank, q: Question) -> ToVerify:
    """A "No sé" as something to find out, with who can answer it."""
    return build(
        ToVerify,
        dict(
            question=q.key,
            domain=q.domain,
            weight=q.weight,
            text=q.text,
            who=tuple({"key": k, "es": bank.contacts[k].es, "en": bank.contacts[k].en} for k in q.who_knows),
        ),
    )


@dataclass(frozen=True)
class FigureSet:
    """The comparison plans of one study data set, in its figures' order, and what is fixed about them."""

    plans: tuple[FigurePlan, ...]
    practices: tuple[int, ...]  # positions of the compared good-practice figures
    typical: float  # the sum of their shares (the typical SME), summed in the figures' order
    positions: dict[str, int]  # figure key -> position (the last one with that key, as a dict keeps it)
    # Per plan: the compared question's key (None for a context-only figure: never a key of the
    # answers, so it finds the one comparison under None) and its `made` table.
    keys: tuple[str | None, ...] = ()
    mades: tuple[dict[Any, Comparison], ...] = ()
    # Positions whose question can be hidden (a condition) or answered with a list (not a choice type).
    unsure: tuple[int, ...] = ()


def figure_plans(index: ScoringIndex, benchmarks) -> FigureSet:
    made = index.figure_plans.get(id(benchmarks))
    if made is not None and made[0] is benchmarks:
        return made[1]
    plans = tuple(_figure_plan(index, figure) for figure in benchmarks.figures)
    practices = tuple(i for i, p in enumerate(plans) if p.figure.kind == PRACTICE_KIND and p.question is not None)
    figures = FigureSet(
        plans=plans,
        practices=practices,
        typical=sum(plans[i].share for i in practices),
        positions={p.figure.key: i for i, p in enumerate(plans)},
        keys=tuple(p.question.key if p.question is not None else None for p in plans),
        mades=tuple(p.made for p in plans),
        unsure=tuple(
            i
            for i, p in enumerate(plans)
            if p.question is not None and (p.question.condition is not None or p.question.type not in CHOICE_TYPES)
        ),
    )
    if len(index.figure_plans) >= 4:
        index.figure_plans.clear()
    index.figure_plans[id(benchmarks)] = (benchmarks, figures)
    return figures


def _figure_plan(index: ScoringIndex, figure) -> FigurePlan:
    question = index.figure_questions.get(figure.key)
    fields = {
        "figure": figure.key,
        "kind": figure.kind,
        "study_value": figure.value,
        "unit": figure.unit,
        "label_es": figure.label.es,
        "label_en": figure.label.en,
        "note": figure.note,
    }
    compared = figure.compare == "status" and question is not None
    plan = FigurePlan(
        figure=figure,
        fields=fields,
        question=question if compared else None,
        figure_question=question,
        share=figure.value / 100,
        made={},
    )
    if not compared:
        plan.made[None] = comparison(plan, None, True)
    elif question.type in CHOICE_TYPES:
        for value in (None, *question.choice_values()):
            plan.made[value] = comparison(plan, value, True)
    return plan


def comparison(plan: FigurePlan, value: Any, shown: bool) -> Comparison:
    """The comparison of `plan`'s figure with answer `value` of its question (shown or hidden)."""
    fields = plan.fields.copy()
    question = plan.question
    if question is None:
        linked = plan.figure_question
        fields.update(question=linked.key if linked else "", answer=None, you="not_applicable", compare="context")
    else:
        fields.update(question=question.key, answer=value, you=status(question, value, shown), compare="status")
    return build(Comparison, fields)


def status(question: Question, value: Any, visible: bool) -> str:
    if not visible:
        return "no" if question.figure.hidden_means_no else "not_applicable"
    if value is None:
        return "unanswered"
    if value == UNKNOWN:
        return "unknown"
    selected = set(value) if isinstance(value, list) else {value}
    if selected & question.figure.match:
        return "yes"
    if selected & question.figure.partial:
        return "partly"
    return "no"


def _domain_plan(domain, members: list[Question], positions: dict[str, int]) -> DomainPlan:
    weights = [q.weight for q in members]
    at = [positions[q.key] for q in members]
    if len(at) > 1:
        pick = itemgetter(*at)  # a tuple of several items
    elif at:
        single = itemgetter(at[0])
        pick = lambda items: (single(items),)  # noqa: E731
    else:
        pick = lambda items: ()  # noqa: E731
    return DomainPlan(
        key=domain.key,
        fields={
            "domain": domain.key,
            "title_es": domain.title.es,
            "title_en": domain.title.en,
            "weight": domain.weight,
        },
        members=tuple(q.key for q in members),
        total_weight=sum(weights),
        has_weight=any(w > 0 for w in weights),
        pick=pick,
        count=len(members),
    )


def outcome(q: Question, value: Any) -> QuestionOutcome:
    """The outcome of `value` (None: unanswered), as the engine has always built it."""
    if value is None:
        status, score = UNANSWERED, 0.0
    elif value == UNKNOWN:
        status, score = UNKNOWN_STATUS, 0.0
    else:
        status, score = ANSWERED, q.score(value)
    return build(QuestionOutcome, dict(key=q.key, domain=q.domain, weight=q.weight, score=score, status=status))


def _scored(q: Question) -> ScoredQuestion:
    values: list[Any] = [None]
    if q.unknown:
        values.append(UNKNOWN)
    complete = q.type in CHOICE_TYPES
    if complete:
        values += [c.value for c in q.choices]
    outcomes = {v: outcome(q, v) for v in values}
    if q.type == "multi":
        answers = multi_answers(q)
        complete = answers is not None
        for answer in answers or ():
            outcomes[answer] = outcome(q, list(answer))
    return ScoredQuestion(key=q.key, question=q, outcomes=outcomes, complete=complete)


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
