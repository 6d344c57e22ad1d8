"""Recommendations: which actions the answers call for, their priority and their slot in the plan.

Each recommendation of the bank becomes a `Rule` once per bank (see index.py). An action depends only
on the answers to its trigger questions, so for a rule whose triggers all have a known, small set of
answers (single-choice, yes/no, and multi-choice questions with at most 4,096 answers: every rule of the
bank) every possible combination of those answers is worked out in advance, with the finished
RecommendationOutcome for each plan slot it can land in: scoring then looks the answers up instead of
computing. Other rules (a number or scale trigger, too many combinations) are computed per assessment
by the same `_fire`, so both paths give the same action. A tabled action's `triggered_by` answer for a
multi-choice trigger is one list shared by every result that looks that action up: results are
read-only (as the shared resource dicts already were). Tabled actions are numbered by their priority
order once per bank (`rank`), so a result sorts integers. Pure Python, no Django import.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import compress, repeat
from operator import attrgetter, call, eq, getitem, itemgetter
from typing import Any

from assessments.question_bank.types import Question, Recommendation
from assessments.scoring.plan import HORIZONS, ROOM, first_slot, plan_horizons, slot_indexes
from assessments.scoring.result import PlanHorizon, QuestionOutcome, RecommendationOutcome, TriggeredBy, build

# A critical control at its worst answer puts its action first in the plan.
CRITICAL_PRIORITY_BONUS = 3.0
# Beyond this many answer combinations a rule is computed per assessment instead of tabled.
MAX_TABLE = 2000


@dataclass(frozen=True)
class Fired:
    """An action the answers call for, before it has its slot in the plan."""

    key: str
    horizon: int
    priority: float
    critical: bool
    rule: Rule
    hits: tuple[tuple[str, QuestionOutcome, Any], ...]  # (question, outcome, answer) per trigger that fired
    order: tuple  # priority order: highest priority first, then earliest horizon, then key
    first_slot: int  # position in plan.HORIZONS of the earliest horizon the action may go to
    # The finished action per position in plan.HORIZONS: made in advance for a tabled action (None
    # where it cannot go), made when asked for a computed one.
    by_slot: Sequence[RecommendationOutcome | None]
    # Position of `order` among every tabled action of the bank (set once, when the tables are made):
    # sorting tabled actions by it is sorting them by `order`. 0 for a computed action.
    rank: int = 0


class _Placing:
    """The finished action of a computed (not tabled) action, made for the slot it gets."""

    __slots__ = ("fired",)

    def __getitem__(self, index: int) -> RecommendationOutcome:
        return self.fired.rule.outcome(self.fired, HORIZONS[index])


@dataclass(frozen=True)
class Rule:
    """A recommendation's fixed part, and its table of answers -> Fired (None: not tabled)."""

    key: str
    horizon: int
    questions: tuple[str, ...]  # trigger questions, in the bank's trigger order
    below: tuple[float, ...]  # each trigger fires below this score
    base_priority: int  # impact × (4 − effort)
    critical_keys: frozenset[str]
    fields: Mapping[str, Any]  # RecommendationOutcome fields taken from the bank as they are
    resources: tuple  # the bank's Resource values
    table: Mapping[Any, Fired] | None = None  # answer (one trigger) or tuple of answers -> Fired

    def fire(self, outcomes: Mapping[str, QuestionOutcome], answers: Mapping[str, Any]) -> Fired | None:
        """The action if any trigger question scores below its threshold (hidden questions never do)."""
        hits = []
        for question, below in zip(self.questions, self.below, strict=True):
            o = outcomes.get(question)
            if o is not None and o.score < below:
                hits.append((question, o, answers.get(question)))
        return _fire(self, tuple(hits), tabled=False) if hits else None

    def outcome(self, fired: Fired, slot: int) -> RecommendationOutcome:
        fields = dict(self.fields)  # the bank's part, then what the answers decide
        fields["priority"] = fired.priority
        fields["triggered_by"] = tuple(
            TriggeredBy(question=question, answer=answer, score=o.score) for question, o, answer in fired.hits
        )
        fields["plan_horizon"] = slot
        fields["critical"] = fired.critical
        fields["resources"] = tuple(
            {"key": r.key, "name": r.name, "contact": r.contact, "url": r.url} for r in self.resources
        )
        return build(RecommendationOutcome, fields)


def _fire(rule: Rule, hits: tuple, *, tabled: bool) -> Fired:
    critical = any(question in rule.critical_keys and o.score <= 0 for question, o, _ in hits)
    # Impact counts most, then ease, then how heavy the gaps behind it are; a missing critical
    # control goes first.
    gap = max(o.weight * (1 - o.score) for _, o, _ in hits)
    priority = round(rule.base_priority + gap / 5 + (CRITICAL_PRIORITY_BONUS if critical else 0.0), 3)
    placing = _Placing()
    fired = Fired(
        key=rule.key,
        horizon=rule.horizon,
        priority=priority,
        critical=critical,
        rule=rule,
        hits=hits,
        order=(-priority, rule.horizon, rule.key),
        first_slot=first_slot(rule.horizon),
        by_slot=placing,
    )
    placing.fired = fired
    if not tabled:
        return fired
    by_slot = tuple(rule.outcome(fired, h) if i >= fired.first_slot else None for i, h in enumerate(HORIZONS))
    return replace(fired, by_slot=by_slot)


def rule_for(
    rec: Recommendation, *, questions: Mapping[str, Question], outcomes: Mapping[str, Mapping[Any, QuestionOutcome]]
) -> Rule:
    """`outcomes`: question key -> {stored value (None: unanswered) -> outcome} for the questions whose
    every answer is known in advance (choice questions; a multi-choice question's answers as tuples)."""
    rule = Rule(
        key=rec.key,
        horizon=rec.horizon,
        questions=tuple(t.question for t in rec.triggers),
        below=tuple(t.below for t in rec.triggers),
        base_priority=rec.impact * (4 - rec.effort),
        critical_keys=frozenset(
            t.question for t in rec.triggers if t.question in questions and questions[t.question].critical is not None
        ),
        fields={
            "key": rec.key,
            "title_es": rec.title.es,
            "title_en": rec.title.en,
            "text_es": rec.text.es,
            "text_en": rec.text.en,
            "impact": rec.impact,
            "effort": rec.effort,
            "horizon": rec.horizon,
            "cost_mxn": rec.cost_mxn,
        },
        resources=rec.resources,
    )
    # A trigger question missing from the bank (a restricted bank, e.g. the quick check's) is never
    # answered and never fires.
    values = [tuple(outcomes[q]) if q in outcomes else (None,) if q not in questions else () for q in rule.questions]
    if not all(values) or _combinations(values) > MAX_TABLE:
        return rule  # a multi-choice, number or scale trigger: computed per assessment
    table = {}
    for combination in itertools.product(*values):
        pairs = list(zip(rule.questions, combination, strict=True))
        by_question = {q: outcomes[q][value] for q, value in pairs if q in outcomes}
        # The answers as stored (a multi-choice answer is a list), as the action reports them.
        answers = {q: list(v) if v.__class__ is tuple else v for q, v in pairs}
        fired = rule.fire(by_question, answers)
        if fired is None:
            continue
        key = combination[0] if len(combination) == 1 else combination
        table[key] = _fire(rule, fired.hits, tabled=True)
    return replace(rule, table=table)


def _combinations(values: list[tuple]) -> int:
    count = 1
    for v in values:
        count *= len(v)
    return count


@dataclass(frozen=True)
class RuleSet:
    """The bank's rules, grouped by how scoring finds their action: one trigger answer, several, or
    computed (not tabled). Order is free: actions are sorted by a total order afterwards."""

    rules: tuple[Rule, ...]
    by_one_answer: tuple[tuple[str, Mapping[Any, Fired]], ...]  # (question key, table)
    by_answers: tuple[tuple[tuple[str, ...], Mapping[Any, Fired]], ...]  # (question keys, table)
    computed: tuple[Rule, ...]
    # The tabled rules whose triggers are all scored questions, as (table, getter): the getter takes
    # the scored questions' answers in bank order (a multi-choice answer as a tuple) and returns the
    # table's key. Holds the same rules as by_one_answer and by_answers save those with a trigger
    # missing from the bank (a restricted bank); `unpositioned` lists those.
    tables: tuple[Mapping[Any, Fired], ...] = ()
    # The same tables with each action as a row (rank, critical, first_slot, key, by_slot): what the
    # plan needs, in a tuple that sorts by rank.
    rows: tuple[Mapping[Any, tuple], ...] = ()
    getters: tuple[Callable[[Sequence[Any]], Any], ...] = ()
    unpositioned: tuple[tuple[tuple[str, ...], Mapping[Any, Fired]], ...] = ()


def rule_set(rules: tuple[Rule, ...], *, positions: Mapping[str, int]) -> RuleSet:
    """`positions`: scored question key -> its position among the scored questions, bank order."""
    tabled = [r for r in rules if r.table is not None]
    positioned = [r for r in tabled if all(q in positions for q in r.questions)]
    positioned_ids = {id(r) for r in positioned}
    _rank(tabled)  # before the rows copy the ranks
    return RuleSet(
        rules=rules,
        by_one_answer=tuple((r.questions[0], r.table) for r in tabled if len(r.questions) == 1),
        by_answers=tuple((r.questions, r.table) for r in tabled if len(r.questions) > 1),
        computed=tuple(r for r in rules if r.table is None),
        tables=tuple(r.table for r in positioned),
        rows=tuple(
            {answer: (f.rank, f.critical, f.first_slot, f.key, f.by_slot) for answer, f in r.table.items()}
            for r in positioned
        ),
        # itemgetter of one position returns the answer, of several a tuple: the tables' two key forms.
        getters=tuple(itemgetter(*[positions[q] for q in r.questions]) for r in positioned),
        unpositioned=tuple((r.questions, r.table) for r in tabled if id(r) not in positioned_ids),
    )


def _rank(rules: list[Rule]) -> None:
    """Number every tabled action by its `order` (part of building the tables: never changed after)."""
    every = sorted((f for r in rules for f in r.table.values()), key=attrgetter("order"))
    for rank, fired in enumerate(every, start=1):
        object.__setattr__(fired, "rank", rank)


def recommendations(
    rules: RuleSet,
    answers: Mapping[str, Any],
    outcomes: Mapping[str, QuestionOutcome],
    *,
    tables: bool,
) -> tuple[tuple[RecommendationOutcome, ...], tuple[PlanHorizon, ...]]:
    """The actions in priority order with their plan slot, and the plan by horizon.

    `tables`: False when a trigger question is hidden (never with the bank's rules, where only
    unscored questions have conditions): then every rule is computed from the outcomes.
    """
    if tables:
        # A multi-choice answer is tabled under its tuple (a list is no dict key).
        listed = {k: tuple(v) for k, v in answers.items() if v.__class__ is list}
        get = {**answers, **listed}.get if listed else answers.get
        found = [table.get(get(question)) for question, table in rules.by_one_answer]
        found += [table.get(tuple(map(get, questions))) for questions, table in rules.by_answers]
        found += [rule.fire(outcomes, answers) for rule in rules.computed]
    else:
        found = [rule.fire(outcomes, answers) for rule in rules.rules]
    return place([action for action in found if action is not None], ranked=False)


def looked_up(
    rules: RuleSet, scored_answers: Sequence[Any], answers: Mapping[str, Any], outcomes: Mapping[str, QuestionOutcome]
) -> tuple[tuple[RecommendationOutcome, ...], tuple[PlanHorizon, ...]]:
    """As `recommendations` when every scored question is shown, the tabled actions looked up from
    `scored_answers` (the scored questions' answers in bank order, a multi-choice answer as a tuple)."""
    keys = list(map(call, rules.getters, repeat(scored_answers)))
    computed = [a for a in [rule.fire(outcomes, answers) for rule in rules.computed] if a] if rules.computed else ()
    if rules.unpositioned or computed:  # not with the full bank: the actions as objects, sorted by order
        found = list(map(dict.get, rules.tables, keys))
        get = answers.get
        found += [table.get(get(qs[0]) if len(qs) == 1 else tuple(map(get, qs))) for qs, table in rules.unpositioned]
        return place([action for action in found if action is not None] + list(computed), ranked=False)
    rows = list(filter(None, map(dict.get, rules.rows, keys)))
    if not rows:
        return place([], ranked=True)
    rows.sort()  # by rank: the ranks are all different
    _, critical, first, keys, by_slot = zip(*rows, strict=True)
    if True in critical[critical.index(False) if False in critical else len(critical) :]:
        # A critical action after a plain one in priority order: slot_indexes places it first.
        slots = slot_indexes(critical, first)
        by_horizon = [list(compress(keys, map(eq, slots, repeat(i)))) for i in range(len(HORIZONS))]
        return tuple(map(getitem, by_slot, slots)), plan_horizons(by_horizon)
    # The usual case: the critical actions already come first, so the slots are handed out in priority
    # order (as slot_indexes does) and each horizon's keys come in that order.
    room = list(ROOM)
    slots = []
    by_horizon = [[] for _ in HORIZONS]
    for key, slot in zip(keys, first, strict=True):
        while not room[slot]:
            slot += 1
        room[slot] -= 1
        slots.append(slot)
        by_horizon[slot].append(key)
    return tuple(map(getitem, by_slot, slots)), plan_horizons(by_horizon)


def place(fired: list[Fired], *, ranked: bool) -> tuple[tuple[RecommendationOutcome, ...], tuple[PlanHorizon, ...]]:
    """The actions in priority order with their plan slot, and the plan by horizon. `ranked`: every
    action is tabled (their `rank` orders them as `order` does)."""
    fired.sort(key=_RANK if ranked else _ORDER)
    slots = slot_indexes(list(map(_CRITICAL, fired)), list(map(_FIRST_SLOT, fired)))
    placed = tuple(map(getitem, map(_BY_SLOT, fired), slots))
    keys = list(map(_KEY, fired))
    # Per horizon, the keys placed there in priority order.
    return placed, plan_horizons([list(compress(keys, map(eq, slots, repeat(i)))) for i in range(len(HORIZONS))])


_RANK, _ORDER, _CRITICAL = attrgetter("rank"), attrgetter("order"), attrgetter("critical")
_FIRST_SLOT, _BY_SLOT, _KEY = attrgetter("first_slot"), attrgetter("by_slot"), attrgetter("key")
