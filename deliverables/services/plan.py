"""Writes of the reviewed and followed plan: create it from the snapshot, update, hide, reorder, add.

Errors a consultant can fix (a dropped action without a reason, an unknown status, an empty title…)
raise django.core.exceptions.ValidationError with a message to show; nothing saved is lost.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import Assessment
from deliverables.models import PlanAction
from deliverables.selectors.plan import CUSTOM_PREFIX, HORIZONS, is_custom, plan_actions_default

MOVES = ("up", "down")


@transaction.atomic
def plan_actions_ensure(*, assessment: Assessment) -> list[PlanAction]:
    """Create the missing rows of a submitted assessment's plan from its snapshot (idempotent).

    Order: the plan's. A re-assessment carries status, reason, responsible and due date from the
    previous assessment's action of the same key (and its open custom actions). Returns the rows in
    order; [] for a draft.
    """
    if not assessment.is_submitted:
        return []
    # Lock the assessment: two tabs opening the plan at once create each row once.
    Assessment.objects.select_for_update().only("pk").get(pk=assessment.pk)
    existing = set(PlanAction.objects.filter(assessment=assessment).values_list("key", flat=True))
    missing = [a for a in plan_actions_default(assessment=assessment) if a.key not in existing]
    if missing:
        PlanAction.objects.bulk_create(missing, ignore_conflicts=True)
    return list(PlanAction.objects.filter(assessment=assessment).order_by("horizon", "position", "pk"))


def _check_horizon(horizon: int) -> int:
    if horizon not in HORIZONS:
        raise ValidationError({"horizon": _("Elija un plazo de la lista.")})
    return horizon


def plan_action_update(
    *,
    action: PlanAction,
    status: str,
    responsible: str = "",
    due_date: date | None = None,
    dropped_reason: str = "",
    horizon: int | None = None,
    user=None,
) -> PlanAction:
    """Set the action's follow-up. "Descartada" needs a reason; other statuses clear it."""
    if status not in PlanAction.Status.values:
        raise ValidationError({"status": _("Elija un estado de la lista.")})
    dropped_reason = (dropped_reason or "").strip()
    if status == PlanAction.Status.DROPPED and not dropped_reason:
        raise ValidationError({"dropped_reason": _("Escriba por qué se descarta la acción.")})
    action.status = status
    action.dropped_reason = dropped_reason if status == PlanAction.Status.DROPPED else ""
    action.responsible = (responsible or "").strip()
    action.due_date = due_date
    if horizon is not None and horizon != action.horizon:
        action.horizon = _check_horizon(horizon)
        action.position = _next_position(assessment_id=action.assessment_id)
    action.updated_by = user
    action.full_clean(exclude=["assessment", "updated_by"])
    action.save()
    return action


def plan_action_set_hidden(*, action: PlanAction, hidden: bool, user=None) -> PlanAction:
    """Hide the action from the report and the owner (it stays on the consultant's page), or show it."""
    action.hidden = hidden
    action.updated_by = user
    action.save(update_fields=["hidden", "updated_by", "updated_at"])
    return action


@transaction.atomic
def plan_action_move(*, action: PlanAction, direction: str, user=None) -> PlanAction:
    """Move the action one place up or down among the actions of its horizon (hidden ones count)."""
    if direction not in MOVES:
        raise ValidationError(_("Movimiento desconocido."))
    Assessment.objects.select_for_update().only("pk").get(pk=action.assessment_id)
    ordered = list(PlanAction.objects.filter(assessment_id=action.assessment_id).order_by("horizon", "position", "pk"))
    index = next(n for n, a in enumerate(ordered) if a.pk == action.pk)
    neighbour = index - 1 if direction == "up" else index + 1
    if 0 <= neighbour < len(ordered) and ordered[neighbour].horizon == ordered[index].horizon:
        ordered[index], ordered[neighbour] = ordered[neighbour], ordered[index]
    for position, row in enumerate(ordered):
        row.position = position
    PlanAction.objects.bulk_update(ordered, ["position"])
    moved = ordered[next(n for n, a in enumerate(ordered) if a.pk == action.pk)]
    moved.updated_by = user
    moved.save(update_fields=["updated_by", "updated_at"])
    action.position = moved.position
    return moved


def _next_position(*, assessment_id: int) -> int:
    last = (
        PlanAction.objects.filter(assessment_id=assessment_id).order_by("-position").values_list("position", flat=True)
    )
    return (last.first() or 0) + 1


def _next_custom_key(*, assessment: Assessment) -> str:
    numbers = [
        int(match.group(1))
        for key in PlanAction.objects.filter(assessment=assessment, key__startswith=CUSTOM_PREFIX).values_list(
            "key", flat=True
        )
        if (match := re.fullmatch(rf"{CUSTOM_PREFIX}(\d+)", key))
    ]
    return f"{CUSTOM_PREFIX}{max(numbers, default=0) + 1}"


@transaction.atomic
def plan_action_add_custom(
    *,
    assessment: Assessment,
    title: str,
    text: str = "",
    horizon: int = 30,
    responsible: str = "",
    due_date: date | None = None,
    user=None,
) -> PlanAction:
    """Add the consultant's own action at the end of its horizon (key "custom-<n>")."""
    if not assessment.is_submitted:
        raise ValidationError(_("El plan existe cuando el dueño envía la evaluación."))
    title, text = (title or "").strip(), (text or "").strip()
    if not title:
        raise ValidationError({"title": _("Escriba qué hay que hacer.")})
    _check_horizon(horizon)
    Assessment.objects.select_for_update().only("pk").get(pk=assessment.pk)
    action = PlanAction(
        assessment=assessment,
        key=_next_custom_key(assessment=assessment),
        title=title,
        text=text,
        horizon=horizon,
        position=_next_position(assessment_id=assessment.pk),
        responsible=(responsible or "").strip(),
        due_date=due_date,
        updated_by=user,
    )
    action.full_clean(exclude=["assessment", "updated_by"])
    action.save()
    return action


def plan_action_delete_custom(*, action: PlanAction) -> None:
    """Delete an action the consultant added; the plan's own actions can only be hidden."""
    if not is_custom(action.key):
        raise ValidationError(_("Solo se pueden eliminar las acciones que usted agregó; las del plan se ocultan."))
    action.delete()
