"""The fast path's domain tables: each domain's sum kept as whole steps packed with its answered and
"No sé" counts, the rounded score of every possible step count worked out once (fast_types.py tells
why), and for small domains the finished DomainScore of every packed sum."""

from __future__ import annotations

from assessments.question_bank.types import UNKNOWN
from assessments.scoring.fast_types import (
    DOMAIN_BITS,
    FIELD,
    MAX_DOMAIN_TABLE,
    SCALES,
    STEP_TOLERANCE,
    SUM_MARGIN,
    DomainTable,
    getter,
)
from assessments.scoring.index import ScoringIndex
from assessments.scoring.result import (
    DomainScore,
    build,
)


def domain_tables(index: ScoringIndex):
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
                pick=getter(members),
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
