"""Turns a frozen result (the snapshot's JSON) into display-ready, localised values.

Shared by the results page and the PDF report, so both say exactly the same thing.
Templates only print what this returns; they never compute scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.reports.charts import Bar, PairedBar, comparison_bars, domain_bars

HORIZONS = (30, 60, 90)


def status_label(status: str) -> str:
    return {
        "yes": _("Sí"),
        "partly": _("En parte"),
        "no": _("No"),
        "unknown": _("No sé"),
        "unanswered": _("Sin respuesta"),
        "not_applicable": _("No aplica"),
    }.get(status, status)


@dataclass
class ComparisonRow:
    figure: str
    label: str
    study_text: str
    you_text: str
    status: str
    kind: str
    line: str  # "Usted: sí · PyMEs en el estudio: 49%"


@dataclass
class ResultView:
    lang: str
    overall: float
    band_key: str
    band: str
    band_explanation: str
    domains: list[dict[str, Any]]
    comparisons: list[ComparisonRow]
    governance: dict[str, Any]
    typical: dict[str, Any]
    plan: list[dict[str, Any]] = field(default_factory=list)  # [{"horizon": 30, "items": [...]}]
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    appendix: list[dict[str, str]] = field(default_factory=list)
    domain_chart_svg: str = ""
    comparison_chart_svg: str = ""
    versions: dict[str, str] = field(default_factory=dict)


def _band_explanation(band_key: str) -> str:
    return {
        "inicial": _("La seguridad depende de la suerte: faltan las protecciones básicas y las reglas para usar IA."),
        "en_desarrollo": _("Hay algunas medidas, pero aisladas; los riesgos más comunes siguen abiertos."),
        "definido": _("Las bases están puestas; falta hacerlas constantes y cubrir los huecos de IA."),
        "gestionado": _("La empresa gestiona sus riesgos con reglas claras; quedan mejoras puntuales."),
        "optimizado": _("Prácticas sólidas y revisadas; mantenga el ritmo y pruebe su respuesta a incidentes."),
    }.get(band_key, "")


def _study_text(comparison: dict) -> str:
    value = comparison["study_value"]
    return f"+{value:.0f} pp" if comparison["unit"] == "pp" else f"{value:.0f}%"


def result_view(result: dict[str, Any], *, lang: str) -> ResultView:
    """Localised view of a result dict (Result.as_dict()) in `lang` ("es-mx" or "en")."""
    suffix = "en" if lang.startswith("en") else "es"
    texts = {row["key"]: row[f"text_{suffix}"] for row in result.get("appendix", [])}
    with override(lang):
        domains = [
            {"key": d["domain"], "title": d[f"title_{suffix}"], "score": d["score"],
             "answered": d["answered"], "applicable": d["applicable"]}
            for d in result["domains"]
        ]
        comparisons = []
        for c in result["comparisons"]:
            label = c[f"label_{suffix}"]
            you = status_label(c["you"])
            study = _study_text(c)
            comparisons.append(
                ComparisonRow(
                    figure=c["figure"], label=label, study_text=study, you_text=you, status=c["you"],
                    kind=c["kind"],
                    line=_("Usted: %(you)s · PyMEs en el estudio: %(study)s") % {"you": you.lower(), "study": study},
                )
            )
        recs = [
            {"key": r["key"], "title": r[f"title_{suffix}"], "text": r[f"text_{suffix}"], "impact": r["impact"],
             "effort": r["effort"], "horizon": r["horizon"], "priority": r["priority"],
             "triggered_by": [texts.get(t["question"], t["question"]) for t in r["triggered_by"]]}
            for r in result["recommendations"]
        ]
        plan = [{"horizon": h, "items": [r for r in recs if r["horizon"] == h]} for h in HORIZONS]
        gap = result["governance_gap"]
        typical = result["typical_sme"]
        band = result["band"]
        view = ResultView(
            lang=lang,
            overall=result["overall"],
            band_key=band["key"],
            band=band[suffix],
            band_explanation=_band_explanation(band["key"]),
            domains=domains,
            comparisons=comparisons,
            governance=dict(gap, policy_text=status_label(gap["has_policy"]),
                            strategy_text=status_label(gap["has_strategy"])),
            typical=typical,
            plan=plan,
            recommendations=recs,
            unanswered=[texts.get(k, k) for k in result["unanswered"]],
            appendix=[
                {"section": row[f"section_{suffix}"], "question": row[f"text_{suffix}"],
                 "answer": row[f"answer_{suffix}"] or _("Sin respuesta")}
                for row in result.get("appendix", [])
            ],
            versions={k: result[k] for k in ("bank_version", "benchmarks_version", "scoring_version")},
        )
        view.domain_chart_svg = domain_bars(
            [Bar(d["title"], d["score"]) for d in domains if d["applicable"]],
            title=_("Puntaje por dominio (0 a 100)"),
        )
        view.comparison_chart_svg = comparison_bars(
            [
                PairedBar(row.label, {"yes": 100.0, "partly": 50.0, "no": 0.0}.get(row.status), row.you_text,
                          c["study_value"])
                for row, c in zip(comparisons, result["comparisons"], strict=True)
                if c["unit"] == "percent" and c["kind"] == "practice"
            ],
            title=_("Su empresa frente al estudio"),
            you_label=_("Su empresa"),
            study_label=_("PyMEs en el estudio"),
        )
    return view


