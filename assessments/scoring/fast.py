"""The engine's fast path: the usual answer set scored from tables made once per bank and study data.

Why: with the bank's data nearly every submission is a plain dict of known keys holding valid choices,
every scored question is shown, and each answer's outcome, comparison and single-trigger action is one
of a few that can be made in advance. Then the general path's steps (validation, visibility, outcomes,
domain sums, "No sé" and unanswered lists, action lookups) are mostly table lookups, and in CPython
each lookup or map step costs about the same; so this path fetches the answers once in bank order
(`vals`), looks each one up ONCE in its question's table, and gets everything that answer decides in
one tuple (a "bundle"): its outcome, its key if unanswered, the action it fires alone, and `bits`, an
int holding what it adds to its domain's sums, to the answer code of each action with several
triggers and to the count of critical controls at 0. The bundles are split into columns with one
zip, `bits` summed with one `sum` and read back with one struct.unpack. The actions are then placed
in the plan by sorting small ints (ActionTable).

Anything else (an unknown key, an explicit None, a value no table holds, a hidden scored question...)
makes `score` return None and the general path in engine.py scores the answers as before: same
result, same AnswerError. Nothing here depends on earlier answer sets: the tables are
built from the bank and the study data alone, before any answer is seen, and never change afterwards
(no cache keyed on answers). `tests/scoring/test_equivalence.py` compares every result with the plain
reference engine; tests/scoring/test_fast.py covers the fallbacks.

Domain scores: what a question adds to its domain's sum is a float (weight × score) that the engine
has always summed in bank order. Here it is an integer count of 1/SCALE steps packed with the
answered and "No sé" counts, so adding ints gives all three exactly. The rounded score of every
possible step count is worked out once; a step count whose rounding could depend on the float sum's
order (a tie such as 62.25) is marked None and that domain's floats are summed in bank order, as the
engine always did. Small domains get their finished DomainScore per packed sum (a few hundred each);
the two large ones (10⁴-10⁵ possible sums) build theirs per call.
"""

from __future__ import annotations

import itertools
import struct
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter, getitem, itemgetter, mul, sub
from typing import Any

from assessments.question_bank.answers import hidden_questions
from assessments.question_bank.types import UNKNOWN, Bank, Question, multi_answers
from assessments.scoring.bands import BANDS_ASCENDING, band_for
from assessments.scoring.index import CHOICE_TYPES, FigureSet, ScoringIndex, comparison, figure_plans
from assessments.scoring.plan import HORIZON_FIELDS, HORIZONS, ROOM
from assessments.scoring.result import (
    SCORING_VERSION,
    Counts,
    DomainScore,
    GovernanceGap,
    PlanHorizon,
    Result,
    TypicalStanding,
    build,
)

# Candidate step sizes (1/SCALE) for the domain sums: the first that makes every weight × score a
# whole number of steps is used; none: no fast path for the bank.
SCALES = (1, 2, 4, 5, 10, 20, 25, 40, 50, 100, 200, 400, 1000)
STEP_TOLERANCE = 1e-12  # a weight × score within this of a whole number of steps counts as exact
SUM_MARGIN = 1e-9  # far above any float summing error over a domain, far below a rounding step
FIELD = 1 << 8  # a domain's packed sum: (steps × FIELD + answered) × FIELD + unknown
DOMAIN_BITS = 32  # bits of `bits` per domain: one "I" of the struct that reads them back
MAX_DOMAIN_TABLE = 2048  # beyond this many reachable packed sums a domain builds its DomainScore per call
MAX_HIDING_TABLE = 4096  # combinations of the condition parents' answers tabled at most
NUMBER = object()  # what a valid number or scale answer is looked up as
STATUSES = ("yes", "partly", "no", "unknown", "unanswered", "not_applicable")
STATUS_OF = attrgetter("you")


@dataclass(frozen=True)
class Hiding:
    """What the conditions hide for one combination of the condition parents' answers."""

    hidden: dict[str, str]  # as hidden_questions returns it
    keys: frozenset[str]
    not_applicable: tuple
    shown: int
    figures: tuple[int, ...]  # positions of the hidden questions' comparisons


@dataclass(frozen=True)
class DomainTable:
    shift: int  # where its packed sum sits in `bits`
    fields: dict[str, Any]  # DomainScore fields taken from the bank
    count: int
    total: float
    rounded: dict[int, float | None]  # step count -> rounded score (None: sum the floats)
    made: dict[int, DomainScore] | None  # packed sum -> finished DomainScore (small domains)
    pick: Callable[[Sequence[Any]], tuple]  # its members out of the scored answers (for a tie)
    contributions: tuple[dict[Any, float], ...]  # member answer -> weight × score (for a tie)


@dataclass(frozen=True)
class ActionTable:
    """Every tabled action of the bank numbered for `_place`, which then sorts and looks up only small
    ints (CPython sorts those several times faster than tuples or anything by a key function).

    An action's placing number (1..N) orders the actions as plan.slot_indexes places them: critical
    ones first, each group by rank. An answer's bundle holds its actions' ids, first slot × `stride` +
    placing number, so that sorting ids groups the actions by the first plan slot they may take."""

    stride: int  # N + 1
    critical: int  # placing numbers 1..critical are critical actions
    # Lookups are dicts: a dict's bound __getitem__ is called by map without building an argument
    # tuple, a tuple's is not.
    # Per slot: placing number -> code, rank × len(HORIZONS) + slot (sorting codes is by priority)
    placed: tuple[dict[int, int], ...]
    actions: dict[int, Any]  # code -> the finished action in that slot
    keys: dict[int, str]  # code -> action key
    numbers: dict[int, int]  # id of a Fired -> placing number (to make the ids)

    def id(self, fired) -> int:
        return fired.first_slot * self.stride + self.numbers[id(fired)]


@dataclass(frozen=True)
class FastPlan:
    keys: tuple[str, ...]  # every question, bank order: `vals` is the answers fetched in this order
    # (position, "multi"|"number", stored form per set of choices | (minimum, maximum), offers "No sé")
    structured: tuple[tuple[int, str, Any, bool], ...]
    lists: tuple[int, ...]  # positions of multi-choice questions (their answers are lists)
    # Per question, bank order: every valid answer (a multi answer as its tuple, a number as NUMBER,
    # None: unanswered) -> its bundle. An answer not there is invalid (the full check reports it).
    tables: tuple[dict[Any, tuple], ...]
    scored_get: Callable[[Sequence[Any]], tuple]  # the scored questions' answers, bank order
    domains: tuple[DomainTable, ...]
    counted: tuple[int, ...]  # positions of the domains with weight
    counted_weights: tuple[float, ...]
    counted_total: float
    counted_all: bool  # every domain counts (then `counted` is every position)
    # `bits` as bytes, read back as every domain's packed sum then each several-trigger rule's code
    size: int
    unpack: Callable[[bytes], tuple[int, ...]]
    domain_mades: tuple[dict[int, DomainScore], ...]  # DomainTable.made, or {} (always built)
    several: tuple[tuple, ...]  # per rule with several triggers: action id or None per answer code
    actions: ActionTable
    parents_get: Callable[[Sequence[Any]], Any]
    hiding: dict[Any, Hiding | None]  # None: a scored question would be hidden (general path)
    figures_get: Callable[[Sequence[Any]], tuple]
    mades: tuple[dict[Any, Any], ...]  # per figure: answer (a multi answer as a tuple) -> Comparison
    hidden_mades: tuple[dict[Any, Any], ...]  # the same for a hidden question
    figures: FigureSet
    governance_get: Callable[[Sequence[Any]], tuple]  # the AI-policy and AI-strategy comparisons
    practices_get: Callable[[Sequence[Any]], tuple]  # the compared good practices' comparisons
    governance: dict[tuple[bool, str, str], GovernanceGap]
    # (position, values) of uses_ai, ai_data_input and ai_accounts: what engine._ai_in_use reads
    ai_use: tuple[tuple[int | None, frozenset[str]], ...]
    typical: dict[float, TypicalStanding]
    self_rating: tuple[int, dict] | None  # (position, (rating, band key) -> SelfRatingGap)


def fast_plan(index: ScoringIndex, bank: Bank, benchmarks) -> FastPlan | None:
    """The bank's fast plan with `benchmarks` (made once per pair, kept on the index); None when the
    bank does not fit it (then the engine always takes the general path)."""
    made = index.fast_plans.get(id(benchmarks))
    if made is not None and made[0] is benchmarks:
        return made[1]
    plan = _build(index, bank, benchmarks)
    if len(index.fast_plans) >= 4:
        index.fast_plans.clear()
    index.fast_plans[id(benchmarks)] = (benchmarks, plan)
    return plan


def _getter(positions: Sequence[int]) -> Callable[[Sequence[Any]], tuple]:
    """Always a tuple of the items at `positions` (itemgetter of one position returns the item)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    if positions:
        single = positions[0]
        return lambda items: (items[single],)
    return lambda items: ()


def _build(index: ScoringIndex, bank: Bank, benchmarks) -> FastPlan | None:
    from assessments.scoring import engine  # the general path's helpers (engine imports this module)

    rules = index.rules
    if index.outcome_tables is None or rules.computed or rules.unpositioned:
        return None
    actions = _action_table(index)
    questions = bank.questions
    keys = tuple(q.key for q in questions)
    position = {k: i for i, k in enumerate(keys)}
    structured = []
    for i, q in enumerate(questions):
        if q.type == "multi":
            answers = multi_answers(q)
            if answers is None:
                return None
            structured.append((i, "multi", {frozenset(a): a for a in answers}, bool(q.unknown)))
        elif q.type in ("number", "scale") and q.minimum is not None and q.maximum is not None:
            structured.append((i, "number", (q.minimum, q.maximum), bool(q.unknown)))
        elif q.type not in CHOICE_TYPES or (not q.unknown and UNKNOWN in q.choice_values()):
            return None  # a choice "unknown" that is no "No sé": the full check rejects it
    made = _domain_tables(index)
    if made is None:
        return None
    scale, domains = made
    several = _several(index, actions, shift=len(domains) * DOMAIN_BITS)
    if several is None:
        return None
    # Then one byte counting the critical controls at score 0 (the band cap needs them only if any).
    formats = "I" * len(domains) + "".join("B" if mask < 256 else "H" for _, mask, _, _ in several) + "B"
    critical_shift = 8 * struct.calcsize("<" + formats[:-1])
    counted = tuple(i for i, d in enumerate(index.domains) if d.has_weight)
    weights = tuple(index.domains[i].fields["weight"] for i in counted)
    figures = figure_plans(index, benchmarks)
    if not {engine.AI_POLICY_FIGURE, engine.AI_STRATEGY_FIGURE} <= figures.positions.keys():
        return None  # the general path fails as it always did
    hiding = _hiding(index, bank, figures)
    if hiding is None:
        return None
    parents, hiding_table = hiding
    return FastPlan(
        keys=keys,
        structured=tuple(structured),
        lists=tuple(i for i, q in enumerate(questions) if q.type == "multi"),
        tables=_bundle_tables(index, bank, scale, several, actions, critical_shift),
        scored_get=_getter([position[k] for k in index.scored_order]),
        domains=domains,
        counted=counted,
        counted_weights=weights,
        counted_total=sum(weights),
        counted_all=len(counted) == len(index.domains),
        size=struct.calcsize("<" + formats),
        unpack=struct.Struct("<" + formats).unpack,
        domain_mades=tuple(d.made if d.made is not None else {} for d in domains),
        several=tuple(rows for _, _, rows, _ in several),
        actions=actions,
        parents_get=_getter([position[p] for p in parents]),
        hiding=hiding_table,
        figures_get=_getter([position[k] if k is not None else len(keys) for k in figures.keys]),
        mades=tuple(_mades(plan, shown=True) for plan in figures.plans),
        hidden_mades=tuple(_mades(plan, shown=False) for plan in figures.plans),
        figures=figures,
        governance_get=itemgetter(
            *[figures.positions[k] for k in (engine.AI_POLICY_FIGURE, engine.AI_STRATEGY_FIGURE)]
        ),
        practices_get=_getter(figures.practices),
        governance={
            (uses, policy, strategy): build(
                GovernanceGap,
                dict(
                    uses_ai=uses,
                    has_policy=policy,
                    has_strategy=strategy,
                    gap=uses and policy != "yes",
                    strategy_without_policy=strategy == "yes" and policy != "yes",
                ),
            )
            for uses in (False, True)
            for policy in STATUSES
            for strategy in STATUSES
        },
        ai_use=(
            (position.get(engine.AI_USE_QUESTION), engine.AI_USE_VALUES),
            (position.get(engine.AI_DATA_QUESTION), engine.AI_DATA_HARMLESS),
            (position.get(engine.AI_ACCOUNTS_QUESTION), engine.AI_ACCOUNTS_IN_USE),
        ),
        typical={
            steps / 2: engine._typical_standing(figures, _credited(figures, steps / 2))
            for steps in range(2 * len(figures.practices) + 1)
        },
        self_rating=_self_rating(bank, position),
    )


def _answer_codes(q: Question) -> list[Any]:
    """Every valid answer of `q` as `score` looks it up (None: unanswered)."""
    codes: list[Any] = [None]
    if q.unknown:
        codes.append(UNKNOWN)
    if q.type == "multi":
        codes += multi_answers(q)
    elif q.type in ("number", "scale"):
        codes.append(NUMBER)
    else:
        codes += [value for value in q.choice_values() if value != UNKNOWN]
    return codes


def _bundle_tables(
    index: ScoringIndex, bank: Bank, scale: int, several: list, actions: ActionTable, critical_shift: int
) -> tuple[dict[Any, tuple], ...]:
    """Per question: answer -> its bundle (outcome or None if unscored, bits, its key if unanswered,
    id of the action it fires alone or None). `bits` holds what the answer adds to its domain's packed
    sum (at the domain's shift), to the answer code of each rule read from `bits` (at the rule's shift)
    and to the count of critical controls at score 0."""
    scored = {key: i for i, key in enumerate(index.scored_order)}
    domain_of = {key: d for d, domain in enumerate(index.domains) for key in domain.members}
    alone = {rule.questions[0]: rule.table for rule in reversed(index.rules.rules) if len(rule.questions) == 1}
    tables = []
    for q in bank.questions:
        table = {}
        s = scored.get(q.key)
        for code in _answer_codes(q):
            bits = 0
            outcome = None
            if s is not None:
                outcome = index.outcome_tables[s][code]
                steps = round(index.contribution_tables[s][code] * scale)
                packed = (steps * FIELD + (code is not None)) * FIELD + (code == UNKNOWN)
                bits = packed << (domain_of[q.key] * DOMAIN_BITS)
                for shift, _, _, parts in several:
                    bits += parts.get((q.key, code), 0) << shift
                if q.key in index.critical_keys and outcome.score <= 0:
                    bits += 1 << critical_shift
            fired = alone[q.key].get(code) if q.key in alone else None
            table[code] = (outcome, bits, q.key if code is None else None, actions.id(fired) if fired else None)
        tables.append(table)
    return tuple(tables)


def _several(index: ScoringIndex, actions: ActionTable, *, shift: int) -> list[tuple[int, int, tuple, dict]] | None:
    """Per rule with several triggers (or a second one with the same single trigger): (shift, mask,
    action id or None per answer code, (question, answer) ->
    its part of the code). The code numbers the combination of the triggers' answers (mixed radix):
    adding the parts of each trigger's answer gives it, read back from the summed bits (one byte, or
    two; None if a rule has more combinations)."""
    found = []
    alone = {rule.questions[0]: rule for rule in reversed(index.rules.rules) if len(rule.questions) == 1}
    for rule in index.rules.rules:
        if len(rule.questions) == 1 and alone[rule.questions[0]] is rule:
            continue  # the first action of its one trigger: in that answer's bundle
        values = [list(index.outcome_tables[index.scored_order.index(q)]) for q in rule.questions]
        parts: dict[tuple[str, Any], int] = {}
        stride = 1
        for question, answers in zip(rule.questions, values, strict=True):
            for i, answer in enumerate(answers):
                parts[(question, answer)] = parts.get((question, answer), 0) + i * stride
            stride *= len(answers)
        rows: list[tuple | None] = [None] * stride
        for combination in itertools.product(*values):
            fired = rule.table.get(combination)
            if fired is not None:
                rows[sum(parts[pair] for pair in zip(rule.questions, combination, strict=True))] = actions.id(fired)
        width = 8 if stride <= 1 << 8 else 16 if stride <= 1 << 16 else 0
        if not width:
            return None
        found.append((shift, (1 << width) - 1, tuple(rows), parts))
        shift += width
    return found


def _action_table(index: ScoringIndex) -> ActionTable:
    every = [f for rule in index.rules.rules for f in rule.table.values()]
    every.sort(key=lambda f: (not f.critical, f.rank))
    numbers = {id(f): number for number, f in enumerate(every, start=1)}
    slots = len(HORIZONS)
    numbered = list(enumerate(every, start=1))
    return ActionTable(
        stride=len(every) + 1,
        critical=sum(f.critical for f in every),
        placed=tuple({number: f.rank * slots + slot for number, f in numbered} for slot in range(slots)),
        actions={f.rank * slots + slot: action for f in every for slot, action in enumerate(f.by_slot)},
        keys={f.rank * slots + slot: f.key for f in every for slot in range(slots)},
        numbers=numbers,
    )


def _credited(figures: FigureSet, company: float) -> tuple:
    """Comparisons whose good-practice credit adds up to `company` (to make the TypicalStanding)."""

    @dataclass(frozen=True)
    class _You:
        you: str

    found: list[Any] = [_You("no")] * len(figures.plans)
    left = company
    for i in figures.practices:
        credit = min(left, 1.0)
        found[i] = _You("yes" if credit == 1.0 else "partly" if credit == 0.5 else "no")
        left -= credit
    return tuple(found)


def _domain_tables(index: ScoringIndex):
    """The step size, and per domain what its packed sum gives (see the module's notes)."""
    scale = next(
        (
            s
            for s in SCALES
            if all(abs(c * s - round(c * s)) <= STEP_TOLERANCE for t in index.contribution_tables for c in t.values())
        ),
        None,
    )
    if scale is None:
        return None
    positions = {k: i for i, k in enumerate(index.scored_order)}
    tables = []
    for d, domain in enumerate(index.domains):
        members = [positions[k] for k in domain.members]
        contributions = tuple(index.contribution_tables[i] for i in members)
        options = [{(round(c * scale), v is not None, v == UNKNOWN) for v, c in t.items()} for t in contributions]
        total = domain.total_weight
        top = sum(max(s for s, _, _ in o) for o in options)
        if (top * FIELD + FIELD) * FIELD >= 1 << DOMAIN_BITS or domain.count >= FIELD:
            return None  # a packed sum would not fit its place in `bits`
        rounded = {steps: _rounded(steps / scale, total) for steps in range(top + 1)}
        reachable = {(0, 0, 0)}
        for o in options:
            reachable = {(a + x, b + y, c + z) for a, b, c in reachable for x, y, z in o}
            if len(reachable) > MAX_DOMAIN_TABLE:
                break
        made = None
        if len(reachable) <= MAX_DOMAIN_TABLE:
            made = {
                (steps * FIELD + answered) * FIELD + unknown: _domain_score(
                    domain.fields, rounded[steps], answered, domain.count, unknown
                )
                for steps, answered, unknown in reachable
                if rounded[steps] is not None
            }
        tables.append(
            DomainTable(
                shift=d * DOMAIN_BITS,
                fields=domain.fields,
                count=domain.count,
                total=total,
                rounded=rounded,
                made=made,
                pick=_getter(members),
                contributions=contributions,
            )
        )
    return scale, tuple(tables)


def _rounded(exact: float, total: float) -> float | None:
    """The engine's rounded score for a sum within SUM_MARGIN of `exact`; None if that depends on where."""
    if not total:
        return round(100 * 0.0, 1)
    low = round(100 * ((exact - SUM_MARGIN) / total), 1)
    high = round(100 * ((exact + SUM_MARGIN) / total), 1)
    return low if low == high else None


def _domain_score(fields: dict, score: float, answered: int, count: int, unknown: int) -> DomainScore:
    made = fields.copy()
    made["score"] = score
    made["answered"] = answered
    made["applicable"] = count
    made["unknown"] = unknown
    return build(DomainScore, made)


def _hiding(index: ScoringIndex, bank: Bank, figures: FigureSet):
    """The condition parents, and per combination of their answers what the conditions hide."""
    parents = list(dict.fromkeys(parent for _, parent, _ in bank.condition_plan))
    values = []
    for key in parents:
        q = bank.question(key)
        if q.type not in CHOICE_TYPES:
            return None  # a list or number parent: not tabled
        values.append([None, *((UNKNOWN,) if q.unknown else ()), *(c.value for c in q.choices)])
    if _count(values) > MAX_HIDING_TABLE:
        return None
    figure_keys = figures.keys
    table: dict[Any, Hiding | None] = {}
    for combination in itertools.product(*values):
        answers = {k: v for k, v in zip(parents, combination, strict=True) if v is not None}
        hidden = hidden_questions(bank, answers)
        key = tuple(combination)
        if hidden.keys() & index.scored_keys:
            table[key] = None
            continue
        table[key] = Hiding(
            hidden=hidden,
            keys=frozenset(hidden),
            not_applicable=tuple([index.not_applicable[item] for item in hidden.items()]),
            shown=len(index.question_keys) - len(hidden),
            figures=tuple(i for i, k in enumerate(figure_keys) if k is not None and k in hidden),
        )
    return parents, table


def _count(values: list[list]) -> int:
    count = 1
    for v in values:
        count *= len(v)
    return count


def _mades(plan, *, shown: bool) -> dict[Any, Any]:
    """The figure's comparison per possible answer of its question (a multi answer under its tuple),
    shown or hidden; empty for a number or scale question (made per call)."""
    question = plan.question
    if question is None:
        return dict(plan.made)  # context only: the one comparison under None
    if question.type in CHOICE_TYPES:
        values = [None, *((UNKNOWN,) if question.unknown else ()), *question.choice_values()]
    elif question.type == "multi":
        answers = multi_answers(question) or ()
        values = [None, *((UNKNOWN,) if question.unknown else ()), *answers]
    else:
        return {}
    return {v: comparison(plan, list(v) if v.__class__ is tuple else v, shown) for v in values}


def _self_rating(bank: Bank, position: dict[str, int]):
    from assessments.scoring.self_rating import SELF_RATING_QUESTION, self_rating_gap

    if not bank.has_question(SELF_RATING_QUESTION):
        return None
    q = bank.question(SELF_RATING_QUESTION)
    if q.type != "scale":
        return None
    table = {
        (rating, band.key): self_rating_gap(bank, {SELF_RATING_QUESTION: rating}, band)
        for rating in range(q.minimum, q.maximum + 1)
        for band in BANDS_ASCENDING
    }
    return position[SELF_RATING_QUESTION], table


def score(plan: FastPlan, raw: Any, bank_version: str, benchmarks_version: str, index: ScoringIndex) -> Result | None:
    """The result of `raw` if it is the usual case; None to have the general path score it."""
    if raw.__class__ is not dict:
        return None
    vals = list(map(raw.get, plan.keys))
    codes = _codes(plan, vals)
    if codes is None:
        return None
    try:
        bundles = list(map(dict.__getitem__, plan.tables, codes))
    except (KeyError, TypeError):
        return None  # a value no table holds (invalid, or unhashable): the full check reports it
    outcomes, bits, unanswered, alone = zip(*bundles, strict=True)
    unanswered = tuple(filter(None, unanswered))
    if len(unanswered) != len(vals) - len(raw):
        # Fewer answers found than given: a key that is no question's, or an explicit None (dropped by
        # the full check). Every key is a question's and holds a value exactly when the counts match.
        return None
    hiding = plan.hiding[plan.parents_get(vals)]
    if hiding is None:
        return None
    outcomes = tuple(filter(None, outcomes))
    unknown = _unknown(plan.keys, vals)
    fields = plan.unpack(sum(bits).to_bytes(plan.size, "little"))
    count = len(plan.domains)
    domains = list(map(dict.get, plan.domain_mades, fields[:count]))
    if None in domains:  # a large domain, or a rounding tie
        for i, table in enumerate(plan.domains):
            if domains[i] is None:
                domains[i] = _domain(table, fields[i], plan, vals)
    domains = tuple(domains)
    counted = plan.counted_total
    scores = map(_SCORE, domains if plan.counted_all else [domains[i] for i in plan.counted])
    overall = _round1(sum(map(mul, scores, plan.counted_weights)) / counted if counted else 0.0)
    band, band_cap = _band(index, overall, outcomes, vals, plan) if fields[-1] else (band_for(overall), None)
    vals.append(None)  # what a context-only figure looks up
    figure_values = plan.figures_get(vals)
    del vals[-1]
    comparisons = list(map(dict.get, plan.mades, figure_values))
    for i in hiding.figures:
        comparisons[i] = plan.hidden_mades[i].get(figure_values[i])
    if None in comparisons:
        _compare_rest(plan, comparisons, figure_values, hiding)
    comparisons = tuple(comparisons)
    if hiding.keys:
        hidden = hiding.keys
        unanswered = tuple([k for k in unanswered if k not in hidden])
        unknown = [k for k in unknown if k not in hidden]
    ids = list(filter(None, alone))
    ids += filter(None, map(getitem, plan.several, fields[count:-1]))
    recommendations, action_plan = _place(plan, ids)
    policy, strategy = plan.governance_get(comparisons)
    shown = hiding.shown
    return build(
        Result,
        {
            "overall": overall,
            "band": band,
            "domains": domains,
            "questions": outcomes,
            "comparisons": comparisons,
            "governance_gap": plan.governance[(_ai_in_use(plan, vals), policy.you, strategy.you)],
            "typical_sme": plan.typical[
                sum(map(_CREDIT.get, map(STATUS_OF, plan.practices_get(comparisons)), repeat(0.0)))
            ],
            "recommendations": recommendations,
            "unanswered": unanswered,
            "complete": not unanswered,
            "bank_version": bank_version,
            "benchmarks_version": benchmarks_version,
            "scoring_version": SCORING_VERSION,
            "band_cap": band_cap,
            "counts": build(
                Counts,
                {
                    "questions": shown,
                    "answered": shown - len(unknown) - len(unanswered),
                    "unknown": len(unknown),
                    "unanswered": len(unanswered),
                },
            ),
            "to_verify": tuple(sorted(map(index.to_verify.__getitem__, unknown), key=_WEIGHT, reverse=True))
            if unknown
            else (),
            "not_applicable": hiding.not_applicable,
            "action_plan": action_plan,
            "self_rating_gap": _self_rating_gap(plan, vals, band),
        },
    )


_SCORE = attrgetter("score")


def _unknown(keys: tuple[str, ...], vals: list) -> list[str]:
    """Keys answered "No sé", bank order (once checked, only a question offering it can hold it)."""
    found = []
    at = -1
    try:
        while True:
            at = vals.index(UNKNOWN, at + 1)
            found.append(keys[at])
    except ValueError:
        return found


def _round1(value: float) -> float:
    """round(value, 1), whose exact decimal conversion costs about ten times what scoring a domain does:
    the nearest tenth is `whole` or `whole + 1` tenths, and n / 10 is the float round() returns for
    it. Only within 1e-4 of a tie (x.x5) or below 0 is round() itself asked, so its result is kept."""
    tenths = value * 10
    whole = int(tenths)
    fraction = tenths - whole
    if tenths < 0 or 0.4999 < fraction < 0.5001:
        return round(value, 1)
    return (whole + 1) / 10 if fraction > 0.5 else whole / 10


_CREDIT = {"yes": 1.0, "partly": 0.5}  # engine.PRACTICE_CREDIT
_WEIGHT = attrgetter("weight")


def _codes(plan: FastPlan, vals: list) -> list | None:
    """The answers as the tables hold them: a multi answer as its stored tuple (also put in `vals`, as
    the full check would store it, in bank order), a number in range as NUMBER; None for anything the
    full check must see (a string for a multi question, a float, a bool, a number out of range...)."""
    if not plan.structured:
        return vals
    codes = vals.copy()
    try:
        for i, kind, table, unknown in plan.structured:
            value = vals[i]
            if value is None or (unknown and value.__class__ is str and value == UNKNOWN):
                continue
            if kind == "multi":
                if value.__class__ is not list:
                    return None
                vals[i] = codes[i] = table[frozenset(value)]
            elif value.__class__ is int and table[0] <= value <= table[1]:
                codes[i] = NUMBER
            else:
                return None
    except (KeyError, TypeError):
        return None
    return codes


def _domain(table: DomainTable, packed: int, plan: FastPlan, vals: list) -> DomainScore:
    """The domain's score built from its packed sum (a large domain, or a rounding tie)."""
    score = table.rounded[packed >> 16]
    if score is None:  # a tie: the float sum in bank order decides, as in the engine
        value = sum(map(dict.__getitem__, table.contributions, table.pick(plan.scored_get(vals))))
        score = round(100 * (value / table.total if table.total else 0.0), 1)
    made = _new(DomainScore)  # as result.build, without the call
    attributes = made.__dict__
    attributes.update(table.fields)
    attributes["score"] = score
    attributes["answered"] = (packed >> 8) & 0xFF
    attributes["applicable"] = table.count
    attributes["unknown"] = packed & 0xFF
    return made


def _band(index: ScoringIndex, overall: float, outcomes: tuple, vals: list, plan: FastPlan):
    """The band when a critical control is at 0: the general `_band` (capped above "Definido")."""
    uncapped = band_for(overall)
    if index.band_levels[uncapped.key] <= index.band_levels[index.cap_band.key]:
        return uncapped, None
    from assessments.scoring import engine

    return engine._band(index, overall, dict(zip(index.scored_order, outcomes, strict=True)), _answers(plan, vals))


def _answers(plan: FastPlan, vals: list) -> dict[str, Any]:
    """The normalised answers as the general path holds them (a multi answer as a list)."""
    answers = {k: v for k, v in zip(plan.keys, vals, strict=True) if v is not None}
    for i in plan.lists:
        if vals[i].__class__ is tuple:
            answers[plan.keys[i]] = list(vals[i])
    return answers


def _compare_rest(plan: FastPlan, comparisons: list, values: tuple, hiding: Hiding) -> None:
    """The comparisons no table holds (a number or scale question), made as the general path does."""
    figures = plan.figures
    for i in [i for i, c in enumerate(comparisons) if c is None]:
        value = values[i]
        shown = figures.keys[i] not in hiding.keys
        comparisons[i] = comparison(figures.plans[i], list(value) if value.__class__ is tuple else value, shown)


def _ai_in_use(plan: FastPlan, vals: list) -> bool:
    """engine._ai_in_use over `vals` (a multi answer is a tuple here)."""
    (uses, use_values), (data, harmless), (accounts, in_use) = plan.ai_use
    if uses is not None and vals[uses] in use_values:
        return True
    value = vals[data] if data is not None else None
    if value.__class__ is tuple and set(value) - harmless:
        return True
    return accounts is not None and vals[accounts] in in_use


def _self_rating_gap(plan: FastPlan, vals: list, band):
    if plan.self_rating is None:
        return None
    position, table = plan.self_rating
    rating = vals[position]
    return table[(rating, band.key)] if rating.__class__ is int else None


def _place(plan: FastPlan, ids: list[int]):
    """The actions in priority order, each in its plan slot, and the plan by horizon, as
    plan.slot_indexes places them: taking the actions in placing order (critical ones first, then by
    rank), each goes to the first slot from its earliest one that has room. So slot s gets, in placing
    order, the first ROOM[s] of the actions whose earliest slot is s or that found no room before s:
    the ids, sorted, come grouped by earliest slot, each group in placing order (see ActionTable)."""
    table = plan.actions
    stride = table.stride
    ids.sort()
    placed: list[int] = []
    made = []
    carry: list[int] = []
    start = 0
    last = len(HORIZONS) - 1
    for slot, room in enumerate(ROOM):
        end = bisect_left(ids, (slot + 1) * stride, start) if slot < last else len(ids)
        pool = carry
        if end > start:  # this group's placing numbers, merged with what found no room before
            group = ids[start:end] if not slot else list(map(sub, ids[start:end], repeat(slot * stride)))
            if carry:
                pool = carry + group
                pool.sort()
            else:
                pool = group
        start = end
        here, carry = pool[:room], pool[room:]
        codes = list(map(table.placed[slot].__getitem__, here))
        codes.sort()  # priority order (critical actions were placed first, not listed first)
        placed += codes
        horizon = _new(PlanHorizon)  # as result.build, without the call
        attributes = horizon.__dict__
        attributes.update(HORIZON_FIELDS[slot])
        attributes["actions"] = tuple(map(table.keys.__getitem__, codes))
        made.append(horizon)
    placed.sort()
    return tuple(map(table.actions.__getitem__, placed)), tuple(made)


_new = object.__new__
