"""Maturity bands of the overall index (lower bound inclusive)."""

from assessments.scoring.result import Band

BANDS: tuple[tuple[float, Band], ...] = (
    (80.0, Band("optimizado", "Optimizado", "Optimised")),
    (60.0, Band("gestionado", "Gestionado", "Managed")),
    (40.0, Band("definido", "Definido", "Defined")),
    (20.0, Band("en_desarrollo", "En desarrollo", "Developing")),
    (0.0, Band("inicial", "Inicial", "Initial")),
)


def band_for(overall: float) -> Band:
    return next(band for floor, band in BANDS if overall >= floor)
