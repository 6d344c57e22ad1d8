"""Reads of the reviewed and followed plan: the consultant's page, the report, the owner, the dashboard.

Every lookup by id is scoped to the firm (another firm's action: 404). The plan's rows are created
lazily (services.plan.plan_actions_ensure); until then the selectors show the snapshot's plan with
what a re-assessment carries from the previous one, so the report never prints an empty plan.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from assessments.models import Assessment, ResultSnapshot
from deliverables.models import PlanAction
from readiness.errors import NotFound

CUSTOM_PREFIX = "custom-"
V1_HORIZONS = (30, 60, 90)
HORIZONS = (30, 60, 90, 180)  # the horizons a consultant can choose for an action
OPEN_STATUSES = (PlanAction.Status.PENDING, PlanAction.Status.IN_PROGRESS)
CARRIED_FIELDS = ("status", "dropped_reason", "responsible", "due_date")


def _suffix(lang: str | None) -> str:
    return "en" if (lang or "").lower().startswith("en") else "es"


def is_custom(key: str) -> bool:
    return key.startswith(CUSTOM_PREFIX)


def _snapshot_result(assessment: Assessment) -> dict[str, Any] | None:
    if not assessment.is_submitted:
        return None
    snapshot = ResultSnapshot.objects.filter(assessment=assessment).only("result").first()
    return snapshot.result if snapshot else None


def plan_entries(result: dict[str, Any]) -> list[tuple[str, int]]:
    """(recommendation key, horizon) in the plan's order: v2's `action_plan`, v1's data horizons."""
    keys = {r["key"] for r in result.get("recommendations", [])}
    if "action_plan" in result:
        return [(k, group["horizon"]) for group in result["action_plan"] for k in group["actions"] if k in keys]
    recs = result.get("recommendations", [])
    return [(r["key"], h) for h in V1_HORIZONS for r in recs if r["horizon"] == h]


def _horizon_titles(result: dict[str, Any] | None, suffix: str) -> dict[int, str]:
    titles = {h: _("En %(days)s días") % {"days": h} for h in HORIZONS}
    for group in (result or {}).get("action_plan", []):
        titles[group["horizon"]] = group["title"][suffix]
    return titles


def _recommendations(result: dict[str, Any] | None, suffix: str) -> dict[str, dict[str, Any]]:
    """key → title, text and the answers that triggered it (question and answer as frozen), in `suffix`."""
    if not result:
        return {}
    appendix = {row["key"]: row for row in result.get("appendix", [])}
    recs = {}
    for r in result.get("recommendations", []):
        triggers = []
        for t in r.get("triggered_by", []):
            row = appendix.get(t["question"])
            triggers.append(
                {
                    "question_key": t["question"],
                    "question": row[f"text_{suffix}"] if row else t["question"],
                    "answer": (row[f"answer_{suffix}"] if row else "") or _("Sin respuesta"),
                }
            )
        recs[r["key"]] = {"title": r[f"title_{suffix}"], "text": r[f"text_{suffix}"], "triggers": triggers}
    return recs


def previous_actions_by_key(*, assessment: Assessment) -> dict[str, PlanAction]:
    """The previous assessment's followed actions (saved rows only), by key: what a re-assessment carries."""
    if assessment.previous_id is None:
        return {}
    return {a.key: a for a in PlanAction.objects.filter(assessment_id=assessment.previous_id)}


def plan_actions_default(*, assessment: Assessment, result: dict[str, Any] | None = None) -> list[PlanAction]:
    """Unsaved rows of the snapshot's plan, positions in the plan's order, with what the previous
    assessment's actions of the same key carry (status, reason, responsible, due date); the previous
    assessment's open custom actions come along at the end. [] for a draft."""
    result = result if result is not None else _snapshot_result(assessment)
    if not result:
        return []
    previous = previous_actions_by_key(assessment=assessment)
    rows = []
    for position, (key, horizon) in enumerate(plan_entries(result)):
        row = PlanAction(assessment=assessment, key=key, horizon=horizon, position=position)
        carried = previous.get(key)
        if carried is not None:
            for name in CARRIED_FIELDS:
                setattr(row, name, getattr(carried, name))
        rows.append(row)
    open_custom = [a for a in previous.values() if is_custom(a.key) and a.status in OPEN_STATUSES and not a.hidden]
    for offset, carried in enumerate(sorted(open_custom, key=lambda a: (a.horizon, a.position, a.pk))):
        row = PlanAction(
            assessment=assessment,
            key=carried.key,
            title=carried.title,
            text=carried.text,
            horizon=carried.horizon,
            position=len(rows) + offset,
        )
        for name in CARRIED_FIELDS:
            setattr(row, name, getattr(carried, name))
        rows.append(row)
    return rows


def plan_action_list(*, assessment: Assessment, result: dict[str, Any] | None = None) -> list[PlanAction]:
    """The assessment's actions in order (horizon, position): the saved rows, and the snapshot's
    defaults for any key not saved yet (unsaved, pk None)."""
    saved = list(PlanAction.objects.filter(assessment=assessment))
    keys = {a.key for a in saved}
    missing = [a for a in plan_actions_default(assessment=assessment, result=result) if a.key not in keys]
    return sorted(saved + missing, key=lambda a: (a.horizon, a.position, a.pk or 0))


def plan_action_get_for_firm(*, firm, action_id: int) -> PlanAction:
    """An action of an assessment of one of the firm's clients; NotFound for any other."""
    if firm is None:
        raise NotFound("no firm")
    try:
        return PlanAction.objects.select_related("assessment", "assessment__organization").get(
            pk=action_id, assessment__organization__firm=firm
        )
    except PlanAction.DoesNotExist as exc:
        raise NotFound("no such action") from exc


def is_overdue(action: PlanAction, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(action.due_date and action.due_date < today and action.status in OPEN_STATUSES)


def _is_tracked(action: PlanAction) -> bool:
    return action.status != PlanAction.Status.PENDING or bool(action.responsible) or action.due_date is not None


def _row(action: PlanAction, recs: dict[str, dict[str, Any]], today: date) -> dict[str, Any]:
    custom = is_custom(action.key)
    rec = recs.get(action.key, {})
    return {
        "key": action.key,
        "title": action.title if custom else rec.get("title", action.key),
        "text": action.text if custom else rec.get("text", ""),
        "horizon": action.horizon,
        "responsible": action.responsible,
        "due_date": action.due_date,
        "status": action.status,
        "status_label": str(PlanAction.Status(action.status).label),
        "dropped_reason": action.dropped_reason if action.status == PlanAction.Status.DROPPED else "",
        "custom": custom,
        "triggers": [] if custom else rec.get("triggers", []),
        "hidden": action.hidden,
        "overdue": is_overdue(action, today=today),
    }


def plan_for_report(*, assessment: Assessment, lang: str) -> list[dict[str, Any]]:
    """The visible actions in order, as a report version prints them (contract for report versions).

    Each: {"key", "title", "text", "horizon", "responsible", "due_date" (date or None), "status",
    "status_label", "custom": bool, "triggers": [{"question_key", "question", "answer"}] (from the
    recommendation; [] for a custom action)} plus "dropped_reason", "hidden" (False), "overdue".
    """
    result = _snapshot_result(assessment)
    suffix = _suffix(lang)
    today = timezone.localdate()
    with override(lang):
        recs = _recommendations(result, suffix)
        return [_row(a, recs, today) for a in plan_action_list(assessment=assessment, result=result) if not a.hidden]


def plan_page(*, assessment: Assessment, lang: str) -> list[dict[str, Any]]:
    """The consultant's plan by horizon: [{"horizon", "title", "actions": [row + "action" (the saved row),
    "first"/"last" within the horizon]}], hidden actions included and marked."""
    result = _snapshot_result(assessment)
    suffix = _suffix(lang)
    today = timezone.localdate()
    with override(lang):
        recs = _recommendations(result, suffix)
        titles = _horizon_titles(result, suffix)
        groups: dict[int, list[dict[str, Any]]] = {}
        for action in plan_action_list(assessment=assessment, result=result):
            groups.setdefault(action.horizon, []).append({**_row(action, recs, today), "action": action})
        page = []
        for horizon in sorted(groups):
            rows = groups[horizon]
            for n, row in enumerate(rows):
                row["first"], row["last"] = n == 0, n == len(rows) - 1
            title = titles.get(horizon) or _("En %(days)s días") % {"days": horizon}
            page.append({"horizon": horizon, "title": title, "actions": rows})
        return page


def horizon_choices(*, assessment: Assessment, lang: str) -> list[tuple[int, str]]:
    with override(lang):
        titles = _horizon_titles(_snapshot_result(assessment), _suffix(lang))
        return [(h, titles[h]) for h in HORIZONS]


def plan_for_owner(*, assessment: Assessment, lang: str) -> list[dict[str, Any]]:
    """The follow-up the owner sees on the results page: the visible actions the consultant has
    tracked (a status other than pending, a responsible person or a due date), saved rows only; []
    while the consultant has set nothing. One query for the rows, one for the snapshot when any."""
    tracked = [a for a in PlanAction.objects.filter(assessment=assessment, hidden=False) if _is_tracked(a)]
    if not tracked:
        return []
    result = _snapshot_result(assessment)
    today = timezone.localdate()
    with override(lang):
        recs = _recommendations(result, _suffix(lang))
        return [_row(a, recs, today) for a in sorted(tracked, key=lambda a: (a.horizon, a.position, a.pk))]


def overdue_counts_for_firm(*, firm) -> dict[int, int]:
    """organization_id → visible actions past their due date and still open (pending or in progress),
    on each client's latest followed assessment (the newest submitted one with plan rows). One query."""
    if firm is None:
        return {}
    latest_followed = (
        PlanAction.objects.filter(assessment__organization_id=OuterRef("assessment__organization_id"))
        .order_by("-assessment__submitted_at", "-assessment_id")
        .values("assessment_id")[:1]
    )
    rows = (
        PlanAction.objects.filter(
            assessment__organization__firm=firm,
            hidden=False,
            status__in=OPEN_STATUSES,
            due_date__lt=timezone.localdate(),
        )
        .filter(assessment_id=Subquery(latest_followed))
        .values("assessment__organization_id")
        .annotate(overdue=Count("pk"))
        .order_by()
    )
    return {row["assessment__organization_id"]: row["overdue"] for row in rows}


def _scores(result: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    return {q["key"]: q for q in (result or {}).get("questions", [])}


def _answers(result: dict[str, Any] | None, suffix: str) -> dict[str, str]:
    return {row["key"]: row[f"answer_{suffix}"] for row in (result or {}).get("appendix", [])}


def _change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """improved / same / worse / unknown, by the questions' scores (0..1; "No sé" scores as a gap)."""
    if not before or not after or before.get("score") is None or after.get("score") is None:
        return "unknown"
    if after["score"] > before["score"]:
        return "improved"
    return "worse" if after["score"] < before["score"] else "same"


CHANGE_LABELS = {
    "improved": gettext_lazy("Mejoró"),
    "same": gettext_lazy("Sin cambio"),
    "worse": gettext_lazy("Empeoró"),
    "unknown": gettext_lazy("Sin comparación"),
}


def plan_followup_review(*, assessment: Assessment, lang: str) -> list[dict[str, Any]] | None:
    """On a submitted re-assessment: the previous assessment's actions marked done, each with its
    triggering questions' previous and new answers and whether the answer improved (question scores
    of both frozen results), and whether the action is recommended again. None when there is no
    previous assessment to compare with."""
    if assessment.previous_id is None or not assessment.is_submitted:
        return None
    previous = Assessment.objects.filter(pk=assessment.previous_id).first()
    if previous is None:
        return None
    done = list(
        PlanAction.objects.filter(assessment=previous, status=PlanAction.Status.DONE).order_by(
            "horizon", "position", "pk"
        )
    )
    before_result, after_result = _snapshot_result(previous), _snapshot_result(assessment)
    suffix = _suffix(lang)
    with override(lang):
        recs = _recommendations(before_result, suffix)
        before_scores, after_scores = _scores(before_result), _scores(after_result)
        after_answers = _answers(after_result, suffix)
        recommended_again = {r["key"] for r in (after_result or {}).get("recommendations", [])}
        rows = []
        for action in done:
            custom = is_custom(action.key)
            rec = recs.get(action.key, {})
            questions = []
            for trigger in [] if custom else rec.get("triggers", []):
                key = trigger["question_key"]
                change = _change(before_scores.get(key), after_scores.get(key))
                questions.append(
                    {
                        "key": key,
                        "question": trigger["question"],
                        "before": trigger["answer"],
                        "after": after_answers.get(key) or _("Sin respuesta"),
                        "change": change,
                        "change_label": str(CHANGE_LABELS[change]),
                    }
                )
            rows.append(
                {
                    "key": action.key,
                    "title": action.title if custom else rec.get("title", action.key),
                    "custom": custom,
                    "responsible": action.responsible,
                    "due_date": action.due_date,
                    "questions": questions,
                    "improved": bool(questions) and all(q["change"] == "improved" for q in questions),
                    "recommended_again": action.key in recommended_again,
                }
            )
        return rows
