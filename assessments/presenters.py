"""Turns a frozen result (the snapshot's JSON) into display-ready, localised values.

Shared by the results page and the PDF report, so both say exactly the same thing.
Templates only print what this returns; they never compute scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from assessments.catalog import current_benchmarks
from assessments.reports.charts import (
    Bar,
    PairedBar,
    comparison_bars,
    domain_bars,
    round_score,
    status_share_bars,
)

HORIZONS = (30, 60, 90)  # v1 plans: the data's horizon of each action
LATER = 180  # v2's "después" horizon (within six months)
THIS_WEEK = 3  # "Esta semana" on top of the results page: the first actions of the 30-day plan


def is_v2(result: dict[str, Any]) -> bool:
    """Whether a frozen result carries the scoring v2 keys (v1 snapshots never have `action_plan`)."""
    return "action_plan" in result and "counts" in result


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


@dataclass
class ComparisonRow:
    figure: str
    label: str
    study_text: str
    you_text: str
    status: str
    kind: str
    line: str  # "Usted: sí · PyMEs en el estudio: 49%"; for a context figure, no "Usted"
    compare: str = "status"  # "status" | "context" (v2); v1 snapshots are all "status"
    note: str = ""


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
    # Scoring v2 only (empty or None for a v1 snapshot, whose pages print exactly what they printed before)
    v2: bool = False
    band_cap: dict[str, Any] | None = None  # {"band", "uncapped", "reasons": [{"text", "answer"}], "line"}
    counts: dict[str, Any] | None = None  # {"questions", "answered", "unknown", "unanswered", "line"}
    to_verify: list[dict[str, Any]] = field(default_factory=list)  # [{"question", "text", "who": [str]}]
    not_applicable: list[dict[str, str]] = field(default_factory=list)  # [{"question", "text", "reason"}]
    self_rating: dict[str, Any] | None = None  # {"rating", "rating_max", "rating_band", "band", "verdict", ...}
    study: dict[str, Any] = field(default_factory=dict)  # the study's name and limits (study_source)
    # The web page's charts: the same data in a narrow layout, readable on a phone (the PDF keeps the above)
    web_domain_chart_svg: str = ""
    web_comparison_chart_svg: str = ""

    @property
    def overall_points(self) -> int:
        """The overall index as every page and the PDF print it (charts.round_score)."""
        return round_score(self.overall)

    @property
    def this_week(self) -> list[dict[str, Any]]:
        """At most three actions to start this week: the first of the 30-day plan, in its order."""
        first = next((g for g in self.plan if g["horizon"] == 30), None)
        return first["items"][:THIS_WEEK] if first else []

    @property
    def context_comparisons(self) -> list[ComparisonRow]:
        """Figures shown as market context only (v2's "+11 pp" trend), never as "Usted: …"."""
        return [row for row in self.comparisons if row.compare == "context"]


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
    # The figure's own label says "puntos porcentuales más que…" in words right after "+11 pp".
    value = round_score(comparison["study_value"])
    return f"+{value} pp" if comparison["unit"] == "pp" else f"{value}%"


def first_sentence(text: str) -> str:
    """The first sentence of an action's text, for the short "Esta semana" list."""
    match = re.match(r"(.+?[.!?])(?=\s+[¿¡«(\"A-ZÁÉÍÓÚÑ]|$)", text.strip(), flags=re.S)
    return match.group(1) if match else text.strip()


def _comparison_row(c: dict[str, Any], suffix: str, *, v2: bool) -> ComparisonRow:
    label = c[f"label_{suffix}"]
    you = status_label(c["you"])
    study = _study_text(c)
    compare = c.get("compare", "status") if v2 else "status"
    note = (c.get("note") or {}).get(suffix, "") if v2 else ""
    if compare == "context":
        line = _("Contexto del mercado, no se compara con su respuesta: %(study)s") % {"study": study}
    else:
        line = _("Usted: %(you)s · PyMEs en el estudio: %(study)s") % {"you": you.lower(), "study": study}
    return ComparisonRow(
        figure=c["figure"],
        label=label,
        study_text=study,
        you_text=you,
        status=c["you"],
        kind=c["kind"],
        line=line,
        compare=compare,
        note=note,
    )


def _recommendation(r: dict[str, Any], suffix: str, appendix: dict[str, dict], *, v2: bool) -> dict[str, Any]:
    """One action as printed everywhere: what to do, why (the answers behind it), effort, cost, resources."""
    triggers = []
    for t in r["triggered_by"]:
        row = appendix.get(t["question"])
        triggers.append(
            {
                "question": row[f"text_{suffix}"] if row else t["question"],
                "answer": (row[f"answer_{suffix}"] if row else "") or _("Sin respuesta"),
            }
        )
    return {
        "key": r["key"],
        "title": r[f"title_{suffix}"],
        "text": r[f"text_{suffix}"],
        "summary": first_sentence(r[f"text_{suffix}"]),
        "anchor": f"accion-{r['key']}",
        "impact": r["impact"],
        "effort": r["effort"],
        "horizon": r["horizon"],
        "priority": r["priority"],
        "impact_text": level_label(r["impact"]),
        "effort_text": level_label(r["effort"]),
        "triggered_by": [t["question"] for t in triggers],
        "triggers": triggers,
        "plan_horizon": r.get("plan_horizon", r["horizon"]) if v2 else r["horizon"],
        "critical": bool(r.get("critical")) if v2 else False,
        "cost": format_mxn(r.get("cost_mxn")) if v2 else "",
        "resources": [
            {
                "name": res["name"][suffix] if isinstance(res.get("name"), dict) else res.get("name", ""),
                "contact": res["contact"][suffix] if isinstance(res.get("contact"), dict) else res.get("contact") or "",
                "url": res.get("url") or "",
            }
            for res in (r.get("resources") or [] if v2 else [])
        ],
    }


def _plan(result: dict[str, Any], recs: list[dict[str, Any]], suffix: str, *, v2: bool) -> list[dict[str, Any]]:
    """The plan by horizon. v2: the engine's `action_plan` (≤ 5 actions in 30 days, then 60, 90, después);
    v1: every action under the horizon its data gives (30, 60, 90), as v1 pages always showed it."""
    by_key = {r["key"]: r for r in recs}
    if v2:
        groups = [
            {
                "horizon": h["horizon"],
                "title": h["title"][suffix],
                "limit": h.get("limit"),
                "items": [by_key[k] for k in h["actions"] if k in by_key],
            }
            for h in result["action_plan"]
        ]
    else:
        groups = [
            {
                "horizon": h,
                "title": _("En %(days)s días") % {"days": h},
                "limit": None,
                "items": [r for r in recs if r["horizon"] == h],
            }
            for h in HORIZONS
        ]
    for group in groups:
        for rec in group["items"]:
            rec["when"] = group["title"]
    return groups


def _band_cap(cap: dict[str, Any] | None, suffix: str, answers: dict[str, str]) -> dict[str, Any] | None:
    """`answers`: question key → the answer's text as frozen in the appendix (e.g. "No tenemos respaldos")."""
    if not cap:
        return None
    reasons = [
        {
            "text": r["text"][suffix],
            "answer": status_label(r["status"])
            if r["status"] != "answered"
            else answers.get(r["question"]) or status_label(str(r["answer"])),
        }
        for r in cap["reasons"]
    ]
    return {
        "band": cap["band"][suffix],
        "uncapped": cap["uncapped"][suffix],
        "reasons": reasons,
        # "Nivel limitado por: Respaldos de la información (No sé)"
        "line": _("Nivel limitado por: %(reasons)s")
        % {"reasons": "; ".join(f"{r['text']} ({r['answer']})" for r in reasons)},
        "explanation": _(
            "Su índice corresponde al nivel %(uncapped)s, pero mientras falte un control esencial el nivel "
            "llega como máximo a %(band)s."
        )
        % {"uncapped": cap["uncapped"][suffix], "band": cap["band"][suffix]},
    }


def _counts(counts: dict[str, int]) -> dict[str, Any]:
    # "58 respondidas · 2 «No sé» · 0 sin respuesta": "No sé" is never counted as answered.
    line = _("%(answered)s respondidas · %(unknown)s «No sé» · %(unanswered)s sin respuesta") % counts
    return {**counts, "line": line}


def _self_rating(gap: dict[str, Any] | None, suffix: str) -> dict[str, Any] | None:
    if not gap:
        return None
    verdicts = {
        "overconfident": _("Confianza de más"),
        "aligned": _("Confianza acorde"),
        "underconfident": _("Confianza de menos"),
    }
    return {
        "rating": gap["rating"],
        "rating_max": gap["rating_max"],
        "rating_band": gap["rating_band"][suffix],
        "band": gap["band"][suffix],
        "difference": gap["difference"],
        "verdict": gap["verdict"],
        "verdict_text": verdicts.get(gap["verdict"], gap["verdict"]),
        "text": gap["text"][suffix],
    }


def result_view(result: dict[str, Any], *, lang: str) -> ResultView:
    """Localised view of a result dict (Result.as_dict()) in `lang` ("es-mx" or "en").

    A v2 result (scoring 2.x) adds the band cap, counts, things to find out, hidden questions, the plan
    by `action_plan` horizon with costs and resources, and the self-rating; a v1 snapshot prints what it
    always printed.
    """
    suffix = "en" if lang.startswith("en") else "es"
    v2 = is_v2(result)
    appendix_rows = {row["key"]: row for row in result.get("appendix", [])}
    texts = {key: row[f"text_{suffix}"] for key, row in appendix_rows.items()}
    with override(lang):
        domains = [
            {
                "key": d["domain"],
                "title": d[f"title_{suffix}"],
                "score": d["score"],
                "points": round_score(d["score"]),  # what the chart, the table and the PDF print
                "answered": d["answered"],
                "applicable": d["applicable"],
                # v2: "No sé" apart from real answers (v1's `answered` includes "No sé")
                "unknown": d.get("unknown", 0) if v2 else None,
                "answered_only": d["answered"] - d.get("unknown", 0) if v2 else d["answered"],
            }
            for d in result["domains"]
        ]
        comparisons = [_comparison_row(c, suffix, v2=v2) for c in result["comparisons"]]
        recs = [_recommendation(r, suffix, appendix_rows, v2=v2) for r in result["recommendations"]]
        plan = _plan(result, recs, suffix, v2=v2)
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
            governance=dict(
                gap, policy_text=status_label(gap["has_policy"]), strategy_text=status_label(gap["has_strategy"])
            ),
            typical=typical,
            plan=plan,
            recommendations=recs,
            unanswered=[texts.get(k, k) for k in result["unanswered"]],
            appendix=[
                {
                    "section": row[f"section_{suffix}"],
                    "question": row[f"text_{suffix}"],
                    "answer": row[f"answer_{suffix}"] or _("Sin respuesta"),
                }
                for row in result.get("appendix", [])
            ],
            versions={k: result[k] for k in ("bank_version", "benchmarks_version", "scoring_version")},
            v2=v2,
            study=study_source(suffix),
        )
        if v2:
            frozen_answers = {row["key"]: row[f"answer_{suffix}"] for row in result.get("appendix", [])}
            view.band_cap = _band_cap(result.get("band_cap"), suffix, frozen_answers)
            view.counts = _counts(result["counts"])
            view.to_verify = [
                {"question": t["question"], "text": t["text"][suffix], "who": [w[suffix] for w in t["who"]]}
                for t in result.get("to_verify", [])
            ]
            view.not_applicable = [
                {"question": n["question"], "text": n["text"][suffix], "reason": n["reason"][suffix]}
                for n in result.get("not_applicable", [])
            ]
            view.self_rating = _self_rating(result.get("self_rating_gap"), suffix)
        bars = [Bar(d["title"], d["score"]) for d in domains if d["applicable"]]
        domain_title = _("Puntaje por tema (0 a 100)")
        view.domain_chart_svg = domain_bars(bars, title=domain_title)
        view.web_domain_chart_svg = domain_bars(bars, title=domain_title, compact=True)
        charted = [
            (row, c)
            for row, c in zip(comparisons, result["comparisons"], strict=True)
            if c["unit"] == "percent" and c["kind"] == "practice" and row.compare == "status"
        ]
        for compact in (False, True):
            if v2:
                # An answer is a status (Sí / En parte / No), not a percentage: no 100/50/0 bar for the company.
                svg = status_share_bars(
                    [
                        PairedBar(
                            row.label, None, _("Usted: %(status)s") % {"status": row.you_text.lower()}, c["study_value"]
                        )
                        for row, c in charted
                    ],
                    title=_("Su empresa frente al estudio"),
                    study_label=_("PyMEs en el estudio"),
                    compact=compact,
                )
            else:
                svg = comparison_bars(
                    [
                        PairedBar(
                            row.label,
                            {"yes": 100.0, "partly": 50.0, "no": 0.0}.get(row.status),
                            row.you_text,
                            c["study_value"],
                        )
                        for row, c in charted
                    ],
                    title=_("Su empresa frente al estudio"),
                    you_label=_("Su empresa"),
                    study_label=_("PyMEs en el estudio"),
                    compact=compact,
                )
            if compact:
                view.web_comparison_chart_svg = svg
            else:
                view.comparison_chart_svg = svg
    return view
