"""The owner's own rating (1 to 5) against the result's band: too much or too little confidence.

The rating's five points map onto the five bands (1 Inicial .. 5 Optimizado). A rating two or more
bands above the result is "confianza de más"; two or more below, "confianza de menos"; otherwise the
impression matches the result. The rating never changes a score.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessments.i18n_text import Text
from assessments.question_bank.types import Bank
from assessments.scoring.bands import BANDS_ASCENDING, band_level
from assessments.scoring.result import Band, SelfRatingGap, build

SELF_RATING_QUESTION = "preparedness_feeling"
CLEAR_GAP = 2  # bands

VERDICTS = {
    "overconfident": Text(
        es="Confianza de más: usted se siente mejor preparado de lo que muestran sus respuestas. Revise primero "
        "las acciones de los primeros 30 días.",
        en="Overconfident: you feel better prepared than your answers show. Start with the first 30 days' actions.",
    ),
    "underconfident": Text(
        es="Confianza de menos: sus respuestas muestran una empresa mejor preparada de lo que usted siente. "
        "Mantenga lo que ya funciona.",
        en="Underconfident: your answers show a better-prepared company than you feel. Keep what already works.",
    ),
    "aligned": Text(
        es="Su percepción coincide, más o menos, con el resultado.",
        en="Your impression roughly matches the result.",
    ),
}


def self_rating_gap(bank: Bank, answers: Mapping[str, Any], band: Band) -> SelfRatingGap | None:
    if not bank.has_question(SELF_RATING_QUESTION):
        return None
    question = bank.question(SELF_RATING_QUESTION)
    rating = answers.get(SELF_RATING_QUESTION)
    if not isinstance(rating, int) or question.type != "scale":
        return None  # unanswered or "No sé"
    span = question.maximum - question.minimum
    level = round((rating - question.minimum) * (len(BANDS_ASCENDING) - 1) / span)
    difference = level - band_level(band)
    if difference >= CLEAR_GAP:
        verdict = "overconfident"
    elif difference <= -CLEAR_GAP:
        verdict = "underconfident"
    else:
        verdict = "aligned"
    return build(
        SelfRatingGap,
        dict(
            question=SELF_RATING_QUESTION,
            rating=rating,
            rating_max=question.maximum,
            rating_band=BANDS_ASCENDING[level],
            band=band,
            difference=difference,
            verdict=verdict,
            text=VERDICTS[verdict],
        ),
    )
