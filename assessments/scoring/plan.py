"""The action plan of scoring v2: a plan a small company can follow.

Actions are taken in priority order — the ones behind a missing critical control first — and each goes
to the earliest horizon that is not before the one its data allows (`Recommendation.horizon`) and still
has room: at most 5 actions in the first 30 days, 7 more in days 31-60, 8 in days 61-90; the rest go to
"después" (180: within six months).
"""

from __future__ import annotations

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


def slot_indexes(critical: list[bool], first: list[int]) -> list[int]:
    """Each action's position in HORIZONS, from its `critical` flag and `first` possible position, for
    actions given in priority order."""
    room = list(ROOM)
    slots = [0] * len(first)
    # A missing critical control caps the band: its action is never pushed back by other actions.
    order = [i for i, c in enumerate(critical) if c] + [i for i, c in enumerate(critical) if not c]
    for position in order:
        slot = first[position]
        while not room[slot]:
            slot += 1
        room[slot] -= 1
        slots[position] = slot
    return slots


def plan_horizons(keys: list[list[str]]) -> tuple[PlanHorizon, ...]:
    """The plan: per horizon (HORIZONS order) its title, limit and the keys placed there."""
    return tuple(
        [
            build(PlanHorizon, {"horizon": h, "title": PLAN_TITLES[h], "limit": PLAN_LIMITS[h], "actions": tuple(k)})
            for h, k in zip(HORIZONS, keys, strict=True)
        ]
    )
