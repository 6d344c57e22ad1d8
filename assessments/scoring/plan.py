"""The action plan of scoring v2: a plan a small company can follow.

Actions are taken in priority order — the ones behind a missing critical control first — and each goes
to the earliest horizon that is not before the one its data allows (`Recommendation.horizon`) and still
has room: at most 5 actions in the first 30 days, 7 more in days 31-60, 8 in days 61-90; the rest go to
"después" (180: within six months).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, filterfalse

from assessments.i18n_text import Text
from assessments.scoring.result import PlanHorizon, build

LATER = 180
PLAN_LIMITS: dict[int, int | None] = {30: 5, 60: 7, 90: 8, LATER: None}
PLAN_TITLES = {
    30: Text(es="Primeros 30 días", en="First 30 days"),
    60: Text(es="Días 31 a 60", en="Days 31 to 60"),
    90: Text(es="Días 61 a 90", en="Days 61 to 90"),
    LATER: Text(es="Después (de 3 a 6 meses)", en="Later (3 to 6 months)"),
}


HORIZONS = tuple(PLAN_LIMITS)
# Room per horizon, in HORIZONS order; "después" has no limit.
ROOM = tuple(limit if limit is not None else 1 << 30 for limit in PLAN_LIMITS.values())
FIRST_SLOT = {horizon: next(i for i, h in enumerate(HORIZONS) if h >= horizon) for horizon in (30, 60, 90, LATER)}


def first_slot(horizon: int) -> int:
    """The position in HORIZONS of the earliest plan horizon not before `horizon`."""
    slot = FIRST_SLOT.get(horizon)
    return slot if slot is not None else next(i for i, h in enumerate(HORIZONS) if h >= horizon)


def slot_indexes(critical: Sequence[bool], first: Sequence[int]) -> list[int]:
    """Each action's position in HORIZONS, from its `critical` flag and `first` possible position, for
    actions given in priority order."""
    room = list(ROOM)
    # A missing critical control caps the band: its action is never pushed back by other actions.
    if True not in critical[critical.index(False) if False in critical else len(critical) :]:
        slots = []  # the critical actions already come first: placed in the given order
        for slot in first:
            while not room[slot]:
                slot += 1
            room[slot] -= 1
            slots.append(slot)
        return slots
    slots = [0] * len(first)
    positions = range(len(critical))
    for position in [*compress(positions, critical), *filterfalse(critical.__getitem__, positions)]:
        slot = first[position]
        while not room[slot]:
            slot += 1
        room[slot] -= 1
        slots[position] = slot
    return slots


HORIZON_FIELDS = tuple({"horizon": h, "title": PLAN_TITLES[h], "limit": PLAN_LIMITS[h]} for h in HORIZONS)


def plan_horizons(keys: list[list[str]]) -> tuple[PlanHorizon, ...]:
    """The plan: per horizon (HORIZONS order) its title, limit and the keys placed there."""
    return tuple(
        [build(PlanHorizon, {**fields, "actions": tuple(k)}) for fields, k in zip(HORIZON_FIELDS, keys, strict=True)]
    )
