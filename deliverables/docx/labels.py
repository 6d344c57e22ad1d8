"""Labels only the Word report prints, in the report's language (everything else uses the PDF report's strings)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, override

from assessments.reports.context import LANGUAGES, report_language

DOCX_LABELS = {
    "conclusions": gettext_lazy("Conclusiones del consultor"),
    "consultant_note": gettext_lazy("Observación del consultor"),
    "assessment_note": gettext_lazy("Observación general del consultor"),
    "responsible": gettext_lazy("Responsable"),
    "due_date": gettext_lazy("Fecha compromiso"),
    "status": gettext_lazy("Situación"),
    "action": gettext_lazy("Acción"),
    "study_share": gettext_lazy("PyMEs del estudio"),
    "your_answer": gettext_lazy("Su respuesta"),
    "indicator": gettext_lazy("Indicador"),
    "answered": gettext_lazy("Respondidas"),
    "unknown": gettext_lazy("«No sé»"),
    "number": gettext_lazy("N.º"),
    "why": gettext_lazy("Por sus respuestas"),
    "custom_action": gettext_lazy("Acción agregada por el consultor"),
    "who_can_answer": gettext_lazy("Quién puede responder"),
    "chart_domains": gettext_lazy("Gráfica: puntaje por dominio"),
    "chart_comparison": gettext_lazy("Gráfica: su empresa frente al estudio"),
    "chart_trend": gettext_lazy("Gráfica: evolución"),
    "logo": gettext_lazy("Logotipo"),
}


def label(key: str, lang: str) -> str:
    with override(LANGUAGES[report_language(lang)][0]):
        return str(DOCX_LABELS[key])
