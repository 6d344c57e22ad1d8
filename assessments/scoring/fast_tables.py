"""The fast path's tables, built once per bank and study data (`fast_plan`), before any answer is
seen and never changed afterwards; fast.py scores an answer set from them. What they hold and why:
fast_types.py.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from assessments.question_bank.answers import hidden_questions
from assessments.question_bank.types import UNKNOWN, Bank, Question, multi_answers
from assessments.scoring.bands import BANDS_ASCENDING
from assessments.scoring.fast_domains import domain_tables
from assessments.scoring.fast_types import (
    DOMAIN_BITS,
    FIELD,
    MAX_HIDING_TABLE,
    NUMBER,
    STATUSES,
    ActionTable,
    FastPlan,
    Hiding,
    getter,
)
from assessments.scoring.index import CHOICE_TYPES, FigureSet, ScoringIndex, comparison, figure_plans
from assessments.scoring.plan import HORIZONS


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
    made = domain_tables(index)
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
        scored_get=getter([position[k] for k in index.scored_order]),
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
        parents_get=getter([position[p] for p in parents]),
        hiding=hiding_table,
        figures_get=getter([position[k] if k is not None else len(keys) for k in figures.keys]),
        mades=tuple(_mades(plan, shown=True) for plan in figures.plans),
        hidden_mades=tuple(_mades(plan, shown=False) for plan in figures.plans),
        figures=figures,
        governance_get=itemgetter(
            *[figures.positions[k] for k in (engine.AI_POLICY_FIGURE, engine.AI_STRATEGY_FIGURE)]
        ),
        practices_get=getter(figures.practices),
        governance={
            (uses, policy, strategy): engine.governance_gap(uses, policy, strategy)
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
    id of the action it fires alone or None, its key if answered "No sé"). `bits` holds what the answer
    adds to its domain's packed sum (at the domain's shift), to the answer code of each rule read from
    `bits` (at the rule's shift) and to the count of critical controls at score 0."""
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
            table[code] = (
                outcome,
                bits,
                q.key if code is None else None,
                actions.id(fired) if fired else None,
                q.key if code == UNKNOWN else None,
            )
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
