"""The engine's fast path: the usual answer set scored from the tables of fast_tables.py (made once per
bank and study data; what they hold and why: fast_types.py). `score` returns None for anything
unusual, and the general path in engine.py scores it instead: same result, same AnswerError.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import repeat
from operator import attrgetter, getitem, mul, sub
from typing import Any

from assessments.question_bank.types import UNKNOWN
from assessments.scoring.bands import band_for
from assessments.scoring.fast_types import NUMBER, STATUS_OF, DomainTable, FastPlan, Hiding
from assessments.scoring.index import ScoringIndex, comparison
from assessments.scoring.plan import HORIZON_FIELDS, HORIZONS, ROOM
from assessments.scoring.result import (
    SCORING_VERSION,
    DomainScore,
    PlanHorizon,
    Result,
    build,
    counts_of,
)


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
    outcomes, bits, unanswered, alone, unknown = zip(*bundles, strict=True)
    unanswered = tuple(filter(None, unanswered))
    if len(unanswered) != len(vals) - len(raw):
        # Fewer answers found than given: a key that is no question's, or an explicit None (dropped by
        # the full check). Every key is a question's and holds a value exactly when the counts match.
        return None
    hiding = plan.hiding[plan.parents_get(vals)]
    if hiding is None:
        return None
    outcomes = tuple(filter(None, outcomes))
    unknown = list(filter(None, unknown))  # answered "No sé", bank order
    fields = plan.unpack(sum(bits).to_bytes(plan.size, "little"))
    count = len(plan.domains)
    domains = list(map(dict.get, plan.domain_mades, fields[:count]))
    if not all(domains):  # a large domain, or a rounding tie (None; a DomainScore is always true, and
        # `None in` would call each dataclass's Python __eq__)
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
    if not all(comparisons):  # as for the domains above
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
            "counts": counts_of(shown=shown, unknown=len(unknown), unanswered=len(unanswered)),
            "to_verify": index.to_verify_list(unknown),
            "not_applicable": hiding.not_applicable,
            "action_plan": action_plan,
            "self_rating_gap": _self_rating_gap(plan, vals, band),
        },
    )


_SCORE = attrgetter("score")


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
