"""The report's template context, built from a frozen ResultSnapshot.

Every score, band, comparison and recommendation comes from `presenters.result_view` over the
snapshot's JSON: nothing is recomputed here, so the PDF says exactly what the results page says.
This module only gathers the rest of what a report prints (company, branding, dates, sources).
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.catalog import current_benchmarks
from assessments.models import Organization, ResultSnapshot
from assessments.presenters import ResultView, result_view
from assessments.reports.charts import with_font_family
from assessments.reports.trend import trend_snapshots, trend_view
from assessments.templatetags.names import isolate  # a typed name cannot reorder the sentence
from firms.models import DEFAULT_BRAND_COLOR

# Printed under "Versiones". Bump it for a new report edition; small edits need no bump, since the
# cache key also hashes the template, the stylesheet, the fonts and the translations (cache.py).
# 3.0: scoring v2 content (band cap, counts, Por averiguar, costs, resources) and every action in full
REPORT_VERSION = "3.0"

LANGUAGES = {"es": ("es-mx", "es-MX"), "en": ("en", "en")}  # report lang → (Django code, BCP 47)
DEFAULT_LANGUAGE = "es"
REPORT_FONT = "Report Sans"  # the @font-face family of static/css/report.css
AI_DOMAIN_PREFIX = "ai_"  # the bank's AI domains: ai_governance, ai_safe_use
HEADER_NAME_LIMIT = 70  # running header, cover note: longer names are cut with "…"
BRAND_NAME_LIMIT = 60  # footer and cover facts
MAX_INLINE_LOGO_BYTES = 2 * 1024 * 1024
# The trend table prints the latest assessments (the chart has them all): a column per date fits the page.
TREND_COLUMNS = 6


def report_language(value: str | None) -> str:
    """'es' or 'en' for any language code ('en-us' → 'en'); Spanish when unknown or empty."""
    return "en" if (value or "").lower().startswith("en") else DEFAULT_LANGUAGE


def django_language(lang: str) -> str:
    return LANGUAGES[report_language(lang)][0]


@dataclass(frozen=True)
class Branding:
    brand_name: str
    contact_line: str
    color: str  # #RRGGBB, validated on the firm
    logo_uri: str | None  # file: URL under MEDIA_ROOT/branding, or a data: URL; None without a logo


HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")  # the only user value printed inside a style attribute


def organization_branding(organization: Organization) -> Branding:
    """The branding of the firm that follows this company (none while the owner assesses alone)."""
    firm = organization.firm
    if firm is None:
        return Branding(brand_name="", contact_line="", color=DEFAULT_BRAND_COLOR, logo_uri=None)
    return Branding(
        brand_name=firm.name.strip(),
        contact_line=firm.contact_line.strip(),
        color=firm.brand_color if HEX_COLOR.fullmatch(firm.brand_color or "") else DEFAULT_BRAND_COLOR,
        logo_uri=_logo_uri(firm.logo),
    )


def _logo_uri(logo) -> str | None:
    if not logo:
        return None
    try:
        return logo.path and _path_uri(logo.path)
    except NotImplementedError:
        # Remote storage (no local path): inline the image instead of letting the renderer fetch it.
        with logo.open("rb") as handle:
            data = handle.read(MAX_INLINE_LOGO_BYTES + 1)
        if len(data) > MAX_INLINE_LOGO_BYTES:
            return None
        media_type = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
        return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _path_uri(path: str) -> str | None:
    resolved = Path(path).resolve()
    return resolved.as_uri() if resolved.is_file() else None


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


def report_title(organization_name: str, lang: str) -> str:
    with override(django_language(lang)):
        return _("Reporte de ciberseguridad e IA: %(company)s") % {"company": isolate(organization_name)}


def report_summary_text(*, snapshot: ResultSnapshot, organization: Organization, lang: str) -> str:
    """The generated executive summary as plain text: the lead paragraph the report prints in section 1.

    Same sentences (and translations) as the template's, so a consultant's review starts from exactly
    what the report would say.
    """
    lang = report_language(lang)
    code = LANGUAGES[lang][0]
    view = result_view(snapshot.result, lang=code)
    with override(code):
        score = view.overall_points
        if view.band_cap:
            # The index alone would reach a higher band: say why it does not.
            sentences = [
                _(
                    "%(company)s obtuvo %(score)s de 100 puntos. Su nivel es %(band)s porque falta un control "
                    "esencial; sin ese límite sería %(uncapped)s."
                )
                % {
                    "company": isolate(organization.name),
                    "score": score,
                    "band": view.band,
                    "uncapped": view.band_cap["uncapped"],
                }
            ]
        else:
            sentences = [
                _("%(company)s obtuvo %(score)s de 100 puntos, lo que corresponde al nivel %(band)s.")
                % {"company": isolate(organization.name), "score": score, "band": view.band}
            ]
        typical = view.typical or {}
        if typical.get("practices_total"):
            sentences.append(
                _(
                    "De las %(total)s buenas prácticas que mide %(study)s, su empresa cumple %(have)s; "
                    "la PyME típica de esa encuesta cumple %(usual)s."
                )
                % {
                    "study": view.study["short"] if view.study else _("el estudio"),
                    "total": typical["practices_total"],
                    "have": floatformat(typical.get("practices_company"), "-1"),
                    "usual": floatformat(typical.get("practices_typical"), 1),
                }
            )
            position = typical.get("position")
            if position == "above":
                sentences.append(_("Está por encima de la PyME típica."))
            elif position == "at":
                sentences.append(_("Está al nivel de la PyME típica."))
            else:
                sentences.append(_("Está por debajo de la PyME típica."))
    return " ".join(str(s) for s in sentences)


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


def _apply_review(context: dict[str, Any], *, review: dict[str, Any], snapshot: ResultSnapshot, lang: str) -> None:
    """Replace what the consultant reviewed: summary, conclusions, plan, notes and the frozen branding.

    Every value here is user text: the template escapes it (nothing is marked safe).
    """
    view: ResultView = context["view"]
    code = LANGUAGES[lang][0]
    notes = review.get("notes") or {}
    answer_notes = {k: str(v) for k, v in (notes.get("answers") or {}).items() if str(v).strip()}
    for row in view.appendix:
        row["note"] = answer_notes.get(row.get("key", ""), "")
    branding = review.get("branding")
    if branding:
        color = branding.get("color") or ""
        context["branding"] = Branding(
            brand_name=str(branding.get("brand_name") or ""),
            contact_line=str(branding.get("contact_line") or ""),
            color=color if HEX_COLOR.fullmatch(color) else DEFAULT_BRAND_COLOR,
            # Only a data: URL frozen at approval: the logo on disk may have changed since.
            logo_uri=branding["logo_uri"] if str(branding.get("logo_uri") or "").startswith("data:image/") else None,
        )
        context["brand_short"] = _clip(context["branding"].brand_name, BRAND_NAME_LIMIT)
    company = str(review.get("company") or "")
    if company:  # the company's name as approved
        context["company"] = company
        context["company_header"] = _clip(company, HEADER_NAME_LIMIT)
        context["title"] = report_title(company, lang)
    plan = review.get("plan")
    if isinstance(plan, dict):
        plan = plan.get(lang) or plan.get(DEFAULT_LANGUAGE) or []
    horizons = _review_plan(plan or [], snapshot=snapshot, view=view, notes=answer_notes, code=code)
    shown_keys = {item["key"] for group in horizons for item in group["items"]}
    context["plan_horizons"] = horizons
    context["top_actions"] = [item for group in horizons for item in group["items"]][:3]
    context["ai_recommendations"] = [r for r in context["ai_recommendations"] if r["key"] in shown_keys]
    context["review"] = {
        "summary": str(review.get("summary") or "").strip(),
        "conclusions": str(review.get("conclusions") or "").strip(),
        "assessment_note": str(notes.get("assessment") or "").strip(),
        "number": review.get("number"),
        "approved_by": str(review.get("approved_by") or ""),
        "approved_on": _iso_long_date(review.get("approved_at"), lang),
    }


def _review_plan(
    items: list[dict[str, Any]], *, snapshot: ResultSnapshot, view: ResultView, notes: dict[str, str], code: str
) -> list[dict[str, Any]]:
    """The reviewed plan grouped by horizon, in the consultant's order within each horizon.

    A generated action keeps what the report prints about it (effort, cost, answers, resources); the
    title, text, responsible person and due date are the review's. Notes on the answers behind an
    action print beside it.
    """
    generated = {r["key"]: r for r in view.recommendations}
    triggers = {
        r["key"]: [t["question"] for t in r.get("triggered_by", [])] for r in snapshot.result.get("recommendations", [])
    }
    titles = {group["horizon"]: group["title"] for group in view.plan}
    numbers = {row.get("key"): row.get("number") for row in view.appendix}
    groups: dict[int, list[dict[str, Any]]] = {}
    for item in items:
        key = str(item.get("key") or "")
        base = generated.get(key) if not item.get("custom") else None
        questions = list(triggers.get(key, []))
        for trigger in item.get("triggers") or []:
            question = (
                trigger if isinstance(trigger, str) else (trigger or {}).get("question_key") or trigger.get("key") or ""
            )
            if question and question not in questions and question in numbers:
                questions.append(question)
        try:
            horizon = int(item.get("horizon") or (base or {}).get("plan_horizon") or 30)
        except (TypeError, ValueError):
            horizon = 30
        action = {
            **(base or {"effort_text": "", "impact_text": "", "cost": "", "resources": [], "answer_refs": ""}),
            "key": key,
            "title": str(item.get("title") or (base or {}).get("title") or ""),
            "text": str(item.get("text") or (base or {}).get("text") or ""),
            "custom": bool(item.get("custom")) or base is None,
            "responsible": str(item.get("responsible") or ""),
            "due_date": _iso_long_date(item.get("due_date"), report_language(code)),
            "status_label": str(item.get("status_label") or ""),
            "notes": [{"number": numbers.get(q), "text": notes[q]} for q in questions if q in notes and numbers.get(q)],
        }
        groups.setdefault(horizon, []).append(action)
    with override(code):
        return [
            {
                "horizon": horizon,
                "title": titles.get(horizon) or _("En %(days)s días") % {"days": horizon},
                "items": groups[horizon],
            }
            for horizon in sorted(groups)
        ]


def _iso_long_date(value: Any, lang: str) -> str:
    """An ISO date or datetime from frozen JSON, printed as the report prints dates; "" when empty."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return _long_date(value, lang)
    if isinstance(value, date):
        return _long_date(datetime.combine(value, datetime.min.time()), lang)
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return _long_date(moment, lang)


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


def _long_date(moment: datetime, lang: str) -> str:
    """'25 de noviembre de 2026' or 'November 25, 2026', in the project's time zone."""
    day = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    with override(django_language(lang)):
        if lang == "en":
            return date_format(day, "F j, Y")
        return date_format(day, r"j \d\e F \d\e Y").lower()


def _size_label(organization: Organization, code: str) -> str:
    with override(code):
        return str(organization.get_size_band_display()) if organization.size_band else ""


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
