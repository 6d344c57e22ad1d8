"""The fast path's data: what fast_tables.py builds once per bank and study data (before any answer
is seen, never changed afterwards) and fast.py scores an answer set from.

The engine's fast path: the usual answer set scored from tables made once per bank and study data.

Why: with the bank's data nearly every submission is a plain dict of known keys holding valid choices,
every scored question is shown, and each answer's outcome, comparison and single-trigger action is one
of a few that can be made in advance. Then the general path's steps (validation, visibility, outcomes,
domain sums, "No sé" and unanswered lists, action lookups) are mostly table lookups, and in CPython
each lookup or map step costs about the same; so this path fetches the answers once in bank order
(`vals`), looks each one up ONCE in its question's table, and gets everything that answer decides in
one tuple (a "bundle"): its outcome, its key if unanswered or answered "No sé", the action it fires
alone, and `bits`, an int holding what it adds to its domain's sums, to the answer code of each
action with several triggers and to the count of critical controls at 0. The bundles are split into columns with one
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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any

from assessments.scoring.index import FigureSet
from assessments.scoring.result import (
    DomainScore,
    GovernanceGap,
    TypicalStanding,
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


def getter(positions: Sequence[int]) -> Callable[[Sequence[Any]], tuple]:
    """Always a tuple of the items at `positions` (itemgetter of one position returns the item)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    if positions:
        single = positions[0]
        return lambda items: (items[single],)
    return lambda items: ()
