"""Maturity bands of the overall index (lower bound inclusive), and the cap of scoring v2."""

from assessments.scoring.result import Band

BANDS: tuple[tuple[float, Band], ...] = (
    (80.0, Band("optimizado", "Optimizado", "Optimized")),
    (60.0, Band("gestionado", "Gestionado", "Managed")),
    (40.0, Band("definido", "Definido", "Defined")),
    (20.0, Band("en_desarrollo", "En desarrollo", "Developing")),
    (0.0, Band("inicial", "Inicial", "Initial")),
)
# Lowest first: a band's level is its index here (0 Inicial .. 4 Optimizado).
BANDS_ASCENDING: tuple[Band, ...] = tuple(band for _, band in reversed(BANDS))
# While a critical control is at its worst answer, the band is at most this one.
CRITICAL_CAP_KEY = "definido"


_LEVELS = {b.key: i for i, b in enumerate(BANDS_ASCENDING)}


def band_for(overall: float) -> Band:
    for floor, band in BANDS:  # a plain loop: called on every scoring
        if overall >= floor:
            return band
    raise StopIteration  # below every floor (never: the index is 0..100), as next() on nothing raised


def band_level(band: Band) -> int:
    level = _LEVELS.get(band.key)
    return level if level is not None else next(i for i, b in enumerate(BANDS_ASCENDING) if b.key == band.key)


def band_by_key(key: str) -> Band:
    return next(b for b in BANDS_ASCENDING if b.key == key)
