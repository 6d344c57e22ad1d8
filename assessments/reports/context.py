"""The report's template context, built from a frozen ResultSnapshot.

Every score, band, comparison and recommendation comes from `presenters.result_view` over the
snapshot's JSON: nothing is recomputed here, so the PDF says exactly what the results page says.
This module only gathers the rest of what a report prints (company, branding, dates, sources).

The parts live beside it, one module per job: `language` (languages, title, dates), `branding`,
`summary` (the generated executive summary), `sections` (trend, AI actions, appendix numbers, study
groups) and `review` (a consultant's review over the report). Their public names are importable from
here too.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import override

from assessments.models import Organization, ResultSnapshot
from assessments.presenters import result_view
from assessments.reports.branding import HEX_COLOR, MAX_INLINE_LOGO_BYTES, Branding, organization_branding
from assessments.reports.charts import with_font_family
from assessments.reports.language import (
    BRAND_NAME_LIMIT,
    DEFAULT_LANGUAGE,
    HEADER_NAME_LIMIT,
    LANGUAGES,
    REPORT_FONT,
    _clip,
    _long_date,
    django_language,
    report_language,
    report_title,
)
from assessments.reports.review import _apply_review
from assessments.reports.sections import (
    AI_DOMAIN_PREFIX,
    TREND_COLUMNS,
    _ai_recommendations,
    _charted_figures,
    _comparison_groups,
    _domain_counts,
    _number_appendix,
    _sources,
    report_trend,
)
from assessments.reports.summary import report_summary_text

__all__ = [
    "AI_DOMAIN_PREFIX",
    "BRAND_NAME_LIMIT",
    "DEFAULT_LANGUAGE",
    "HEADER_NAME_LIMIT",
    "HEX_COLOR",
    "LANGUAGES",
    "MAX_INLINE_LOGO_BYTES",
    "REPORT_FONT",
    "REPORT_VERSION",
    "TREND_COLUMNS",
    "Branding",
    "django_language",
    "organization_branding",
    "report_context",
    "report_language",
    "report_summary_text",
    "report_title",
    "report_trend",
]

# Printed under "Versiones". Bump it for a new report edition; small edits need no bump, since the
# cache key also hashes the template, the stylesheet, the fonts and the translations (cache.py).
# 3.0: scoring v2 content (band cap, counts, Por averiguar, costs, resources) and every action in full
REPORT_VERSION = "3.0"


def report_context(
    *, snapshot: ResultSnapshot, organization: Organization, lang: str, review: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything templates/reports/report.html prints, in `lang` ('es' or 'en').

    `review`: the frozen content of an approved version (deliverables), or the draft being previewed.
    With it the report prints the consultant's summary and conclusions, the reviewed plan and the notes;
    without it, the generated report exactly as before.
    """
    lang = report_language(lang)
    code, html_lang = LANGUAGES[lang]
    view = result_view(snapshot.result, lang=code)
    _number_appendix(snapshot, view)
    figures = {c.figure: c for c in view.comparisons}
    applicable = [d for d in view.domains if d["applicable"]]
    by_score = sorted(applicable, key=lambda d: d["score"])
    assessment = snapshot.assessment
    context = {
        "lang": lang,
        "django_lang": code,
        "html_lang": html_lang,
        "title": report_title(organization.name, lang),
        "company": organization.name,
        "company_header": _clip(organization.name, HEADER_NAME_LIMIT),
        "brand_short": _clip(organization.firm.name.strip() if organization.firm else "", BRAND_NAME_LIMIT),
        "company_size": _size_label(organization, code),
        "branding": organization_branding(organization),
        "assessed_on": _long_date(assessment.submitted_at or snapshot.created_at, lang),
        "view": view,
        "generated_summary": report_summary_text(snapshot=snapshot, organization=organization, lang=lang),
        # The charts are built by assessments/reports/charts.py, which escapes every text it prints.
        "domain_chart": mark_safe(with_font_family(view.domain_chart_svg, REPORT_FONT)),  # noqa: S308
        "comparison_chart": mark_safe(with_font_family(view.comparison_chart_svg, REPORT_FONT)),  # noqa: S308
        "top_actions": view.recommendations[:3],
        "strongest": by_score[-1] if by_score else None,
        "weakest": by_score[0] if by_score else None,
        "domain_counts": _domain_counts(view),
        "ai_domains": [d for d in view.domains if d["key"].startswith(AI_DOMAIN_PREFIX)],
        "ai_recommendations": _ai_recommendations(snapshot, view),
        "policy_figure": figures.get("ai_policy"),
        "strategy_figure": figures.get("ai_strategy"),
        "comparison_groups": _comparison_groups(view, code, charted=_charted_figures(snapshot, view)),
        "plan_horizons": view.plan,
        "sources": _sources(view),
        "versions": {**view.versions, "report_version": REPORT_VERSION},
        "fingerprint": snapshot.content_hash[:12],
        "trend": report_trend(snapshot=snapshot, organization=organization, lang=lang),
        "review": None,
    }
    if review is not None:
        _apply_review(context, review=review, snapshot=snapshot, lang=lang)
    return context


def _size_label(organization: Organization, code: str) -> str:
    with override(code):
        return str(organization.get_size_band_display()) if organization.size_band else ""
