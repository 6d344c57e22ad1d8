"""Turns a frozen result (the snapshot's JSON) into display-ready, localised values.

Shared by the results page and the PDF report, so both say exactly the same thing.
Templates only print what this returns; they never compute scores.

One module per job: this one holds the page's view model (`ResultView`, `result_view`);
`presenters_text` formats words and money, `presenters_rows` builds the comparison, action and plan
rows. The public names of both are re-exported here, where callers import them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.presenters_rows import (
    HORIZONS,
    ComparisonRow,
    _band_cap,
    _comparison_row,
    _counts,
    _plan,
    _recommendation,
    _self_rating,
)
from assessments.presenters_text import (
    STATUS_LABELS,
    _band_explanation,
    first_sentence,
    format_mxn,
    level_label,
    status_label,
    study_source,
)
from assessments.reports.charts import (
    Bar,
    PairedBar,
    comparison_bars,
    domain_bars,
    round_score,
    status_share_bars,
)

__all__ = [
    "HORIZONS",
    "LATER",
    "STATUS_LABELS",
    "THIS_WEEK",
    "ComparisonRow",
    "ResultView",
    "first_sentence",
    "format_mxn",
    "is_v2",
    "level_label",
    "result_view",
    "status_label",
    "study_source",
]

LATER = 180  # v2's "después" horizon (within six months)
THIS_WEEK = 3  # "Esta semana" on top of the results page: the first actions of the 30-day plan


def is_v2(result: dict[str, Any]) -> bool:
    """Whether a frozen result carries the scoring v2 keys (v1 snapshots never have `action_plan`)."""
    return "action_plan" in result and "counts" in result


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
