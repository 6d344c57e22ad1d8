"""What a report prints beside the result view: the trend, the AI actions, appendix numbers, study groups.

Nothing is recomputed: each builder reads the frozen snapshot and the view `presenters.result_view`
made from it.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.catalog import current_benchmarks
from assessments.models import Organization, ResultSnapshot
from assessments.presenters import ResultView
from assessments.reports.charts import with_font_family
from assessments.reports.language import REPORT_FONT, django_language
from assessments.reports.trend import trend_snapshots, trend_view

AI_DOMAIN_PREFIX = "ai_"  # the bank's AI domains: ai_governance, ai_safe_use
# The trend table prints the latest assessments (the chart has them all): a column per date fits the page.
TREND_COLUMNS = 6


def report_trend(*, snapshot: ResultSnapshot, organization: Organization, lang: str) -> dict[str, Any] | None:
    """The "Evolución" section: this assessment and those the company submitted before it (never later
    ones, so the report reads the same next year); None when this is the company's first.

    cache.py keys the PDF on the same snapshots (trend_snapshots), so a cached PDF never shows a stale trend.
    """
    view = trend_view(
        trend_snapshots(organization=organization, upto=snapshot), lang=django_language(lang), max_columns=TREND_COLUMNS
    )
    if view is not None:
        # Built by assessments/reports/charts.py, which escapes every text it prints.
        view["chart"] = mark_safe(with_font_family(view["chart_svg"], REPORT_FONT))  # noqa: S308
    return view


def _ai_recommendations(snapshot: ResultSnapshot, view: ResultView) -> list[dict[str, Any]]:
    """Recommendations triggered by an answer in one of the AI domains, in plan order."""
    ai_questions = {
        q["key"] for q in snapshot.result.get("questions", []) if str(q.get("domain", "")).startswith(AI_DOMAIN_PREFIX)
    }
    ai_keys = {
        r["key"]
        for r in snapshot.result.get("recommendations", [])
        if any(t["question"] in ai_questions for t in r.get("triggered_by", []))
    }
    return [r for r in view.recommendations if r["key"] in ai_keys]


def _number_appendix(snapshot: ResultSnapshot, view: ResultView) -> None:
    """Number the appendix questions and point each action at the numbers of the answers behind it.

    The plan cites "question 12 of the appendix" instead of repeating the question's full text.
    """
    numbers = {row["key"]: n for n, row in enumerate(snapshot.result.get("appendix", []), start=1)}
    for n, (row, frozen) in enumerate(zip(view.appendix, snapshot.result.get("appendix", []), strict=False), start=1):
        row["number"] = n
        row["key"] = frozen["key"]  # a review prints the consultant's note on this answer beside it
    triggers = {r["key"]: r.get("triggered_by", []) for r in snapshot.result.get("recommendations", [])}
    for rec in view.recommendations:
        rec["answer_numbers"] = sorted(
            {numbers[t["question"]] for t in triggers.get(rec["key"], []) if t["question"] in numbers}
        )
        # "12 (No)": the answer itself, with the appendix number that holds its question
        cited = [
            (numbers.get(t["question"]), shown["answer"])
            for t, shown in zip(triggers.get(rec["key"], []), rec["triggers"], strict=False)
        ]
        rec["answer_refs"] = ", ".join(f"{n} ({answer})" for n, answer in sorted(cited, key=lambda c: c[0] or 0) if n)


def _sources(view: ResultView) -> dict[str, Any]:
    """The study's provenance, printed under "Metodología y fuentes": what it is and its limitations.

    The per-figure verbatim quotes stay in the benchmark data (and in `export_bank`); the report
    names the study, its method and limitations, and lists its figures in section 3.
    """
    return {**view.study, "version": current_benchmarks().version}


def _domain_counts(view: ResultView) -> dict[str, Any]:
    """Questions answered over applicable ones, and the domains to name under the chart.

    The chart prints every applicable domain's score; a domain without applicable questions is not
    drawn, so it is named here, as is a domain with unanswered questions. A v2 result also counts
    "No sé" apart from real answers (`view.counts`).
    """
    return {
        "answered": sum(d["answered"] for d in view.domains),
        "applicable": sum(d["applicable"] for d in view.domains),
        "incomplete": [d for d in view.domains if d["applicable"] and d["answered"] < d["applicable"]],
        "not_applicable": [d["title"] for d in view.domains if not d["applicable"]],
        "with_unknown": [d for d in view.domains if d.get("unknown")],
    }


def _charted_figures(snapshot: ResultSnapshot, view: ResultView) -> set[str]:
    """The study figures that the comparison chart already shows (good practices, in percent, compared).

    presenters.result_view draws the chart from these; the report does not repeat them in its table.
    """
    if not view.comparison_chart_svg:
        return set()
    return {
        c["figure"]
        for c in snapshot.result.get("comparisons", [])
        if c.get("unit") == "percent" and c.get("kind") == "practice" and c.get("compare", "status") == "status"
    }


def _comparison_groups(view: ResultView, code: str, *, charted: set[str]) -> list[dict[str, Any]]:
    with override(code):
        titles = {
            "practice": _("Buenas prácticas"),
            "adoption": _("Adopción de IA"),
            "trend": _("Tendencia"),
            "threat": _("Amenazas"),
            "sentiment": _("Percepción"),
        }
    groups = []
    for kind, title in titles.items():
        rows = [c for c in view.comparisons if c.kind == kind and c.figure not in charted]
        if rows:
            groups.append({"kind": kind, "title": title, "rows": rows})
    return groups
