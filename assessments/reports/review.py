"""A consultant's review printed over the generated report: summary, conclusions, plan, notes, branding."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.models import ResultSnapshot
from assessments.presenters import ResultView
from assessments.reports.branding import HEX_COLOR, Branding
from assessments.reports.language import (
    BRAND_NAME_LIMIT,
    DEFAULT_LANGUAGE,
    HEADER_NAME_LIMIT,
    LANGUAGES,
    _clip,
    _iso_long_date,
    report_language,
    report_title,
)
from firms.models import DEFAULT_BRAND_COLOR


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
