"""Words and money as every results page and the PDF print them: amounts in MXN, impact and effort
levels, answer statuses, the study's name and the band's explanation.

Split from `presenters` (which re-exports the public names) so the view model reads apart from the
small formatters it uses.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from assessments.catalog import current_benchmarks
from assessments.reports.charts import round_score


def format_mxn(cost: dict[str, int] | None) -> str:
    """'$2,000–$8,000 MXN' (es-MX grouping, also in English); 'Sin costo (solo tiempo)' for 0–0."""
    if not cost:
        return ""
    low, high = int(cost.get("min") or 0), int(cost.get("max") or 0)
    if high <= 0:
        return _("Sin costo (solo tiempo)")
    if low == high:
        return f"${high:,} MXN"
    return f"${low:,}–${high:,} MXN"


def level_label(level: int) -> str:
    """Impact or effort 1..3 in words."""
    return _("alto") if level >= 3 else _("medio") if level == 2 else _("bajo")


STATUS_LABELS = {
    "yes": gettext_lazy("Sí"),
    "partly": gettext_lazy("En parte"),
    "no": gettext_lazy("No"),
    "unknown": gettext_lazy("No sé"),
    "unanswered": gettext_lazy("Sin respuesta"),
    "not_applicable": gettext_lazy("No aplica"),
}


def status_label(status: str) -> str:
    """The answer's status in words, in the active language (only that one label is translated)."""
    label = STATUS_LABELS.get(status)
    return str(label) if label is not None else status


def study_source(lang: str) -> dict[str, Any]:
    """The study every comparison quotes, named as pages and the report print it.

    The article's own title (English) and our translation, marked as such; who published and
    commissioned it, when, and what is (not) known about its method.
    """
    source = current_benchmarks().source
    suffix = "en" if lang.startswith("en") else "es"
    translated = source.title_translated.get(suffix) if source.title_translated else ""
    with override("en" if suffix == "en" else "es-mx"):
        # "la encuesta de Microsoft a PyMEs mexicanas (Mexico Business News, 2025-05-27)": every
        # sentence that quotes a figure names the study with this.
        short = _("la encuesta de %(sponsor)s a PyMEs mexicanas (%(publisher)s, %(date)s)") % {
            "sponsor": source.commissioned_by,
            "publisher": source.publisher,
            "date": source.published,
        }
    return {
        "short": short,
        "title": source.title_original or source.title.get(suffix),
        "title_translated": translated if suffix == "es" else "",
        "author": source.author,
        "publisher": source.publisher,
        "published": source.published,
        "commissioned_by": source.commissioned_by,
        "population": source.population.get(suffix),
        "method": source.method.get(suffix) if source.method else "",
        "limitations": [text.get(suffix) for text in source.limitations],
        "url": source.url or "",
    }


def _band_explanation(band_key: str) -> str:
    return {
        "inicial": _("La seguridad depende de la suerte: faltan las protecciones básicas y las reglas para usar IA."),
        "en_desarrollo": _("Hay algunas medidas, pero aisladas; los riesgos más comunes siguen abiertos."),
        "definido": _("Las bases están puestas; falta hacerlas constantes y cubrir los huecos de IA."),
        "gestionado": _("La empresa gestiona sus riesgos con reglas claras; quedan mejoras puntuales."),
        "optimizado": _("Prácticas sólidas y revisadas; mantenga el ritmo y pruebe su respuesta a incidentes."),
    }.get(band_key, "")


def _study_text(comparison: dict) -> str:
    # "+11 pp" is followed by the figure's label ("más que el año anterior…"; benchmark data 2025.05.4).
    value = round_score(comparison["study_value"])
    return f"+{value} pp" if comparison["unit"] == "pp" else f"{value}%"


def first_sentence(text: str) -> str:
    """The first sentence of an action's text, for the short "Esta semana" list."""
    match = re.match(r"(.+?[.!?])(?=\s+[¿¡«(\"A-ZÁÉÍÓÚÑ]|$)", text.strip(), flags=re.S)
    return match.group(1) if match else text.strip()
