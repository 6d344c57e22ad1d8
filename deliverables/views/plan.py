"""The consultant's plan page: follow each action (status, responsible, due date), hide, reorder, add.

Thin: forms parse the input, services write, selectors read. Works without JavaScript: every
change is a small POST form that comes back to the plan (or the plan again with a 400 and the
consultant's input kept when it is wrong).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments.selectors import assessment_get_for_firm
from assessments.validators import validate_visible_name
from deliverables.models import PlanAction
from deliverables.selectors import plan as selectors
from deliverables.services import plan as services
from firms.decorators import firm_member_required

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Situación"), choices=PlanAction.Status.choices)
    dropped_reason = forms.CharField(label=gettext_lazy("Motivo del descarte"), max_length=300, required=False)
    responsible = forms.CharField(
        label=gettext_lazy("Responsable"), max_length=120, required=False, validators=[validate_visible_name]
    )
    due_date = forms.DateField(
        label=gettext_lazy("Fecha compromiso"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": gettext_lazy("Escriba una fecha válida (por ejemplo 2025-09-30).")},
    )
    horizon = forms.TypedChoiceField(
        label=gettext_lazy("Plazo"), coerce=int, choices=[(h, h) for h in selectors.HORIZONS], required=False
    )


class ActionAddForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Acción"), max_length=200)
    text = forms.CharField(label=gettext_lazy("Qué hacer"), max_length=2000, required=False, widget=forms.Textarea)
    horizon = forms.TypedChoiceField(
        label=gettext_lazy("Plazo"), coerce=int, choices=[(h, h) for h in selectors.HORIZONS]
    )


def _plan_url(assessment_id: int, action_id: int | None = None) -> str:
    url = reverse("deliverables:plan", kwargs={"assessment_id": assessment_id})
    return f"{url}#accion-{action_id}" if action_id else url


def _messages_of(error: ValidationError | forms.Form) -> list[str]:
    if isinstance(error, forms.Form):
        return [message for errors in error.errors.values() for message in errors]
    return error.messages


def _form_values(row: dict, typed=None) -> dict[str, str]:
    """What an action's form shows: the saved follow-up, or what the consultant typed when refused."""
    if typed is not None:
        return {
            name: typed.get(name, "") for name in ("status", "dropped_reason", "responsible", "due_date", "horizon")
        }
    return {
        "status": row["status"],
        "dropped_reason": row["action"].dropped_reason,
        "responsible": row["responsible"],
        "due_date": row["due_date"].isoformat() if row["due_date"] else "",
        "horizon": str(row["horizon"]),
    }


def _render_plan(request, assessment, *, status=200, errors=(), failed_action_id=None, bound=None, add_form=None):
    lang = get_language()
    if assessment.is_submitted and status == 200:
        services.plan_actions_ensure(assessment=assessment)
    groups = selectors.plan_page(assessment=assessment, lang=lang)
    for group in groups:
        for row in group["actions"]:
            typed = bound if bound and row["action"].pk == failed_action_id else None
            row["values"] = _form_values(row, typed)
    context = {
        "assessment": assessment,
        "organization": assessment.organization,
        "groups": groups,
        "horizon_choices": selectors.horizon_choices(assessment=assessment, lang=lang),
        "status_choices": PlanAction.Status.choices,
        "followup": selectors.plan_followup_review(assessment=assessment, lang=lang),
        "errors": list(errors),
        "failed_action_id": failed_action_id,
        "bound": bound or {},
        "add_form": add_form or ActionAddForm(initial={"horizon": 30}),
    }
    return render(request, "deliverables/plan/plan.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@firm_member_required
def plan(request, assessment_id: int):
    assessment = assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    return _render_plan(request, assessment)


@require_POST
@firm_member_required
def plan_action_add(request, assessment_id: int):
    assessment = assessment_get_for_firm(firm=request.firm, assessment_id=assessment_id)
    form = ActionAddForm(data=request.POST)
    if form.is_valid():
        try:
            action = services.plan_action_add_custom(assessment=assessment, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            return _render_plan(request, assessment, status=400, errors=error.messages, add_form=form)
        messages.success(request, _("Se agregó la acción al plan."))
        return redirect(_plan_url(assessment.pk, action.pk))
    return _render_plan(request, assessment, status=400, errors=_messages_of(form), add_form=form)


@require_POST
@firm_member_required
def plan_action_update(request, action_id: int):
    action = selectors.plan_action_get_for_firm(firm=request.firm, action_id=action_id)
    form = ActionUpdateForm(data=request.POST)
    if form.is_valid():
        try:
            services.plan_action_update(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, action, errors=error.messages)
        messages.success(request, _("Se guardó el seguimiento de la acción."))
        return redirect(_plan_url(action.assessment_id, action.pk))
    return _refused(request, action, errors=_messages_of(form))


def _refused(request, action, *, errors):
    """The plan again with a 400, the message, and what the consultant typed in that action's form."""
    action = selectors.plan_action_get_for_firm(firm=request.firm, action_id=action.pk)  # unmodified
    return _render_plan(
        request, action.assessment, status=400, errors=errors, failed_action_id=action.pk, bound=request.POST
    )


@require_POST
@firm_member_required
def plan_action_visibility(request, action_id: int):
    action = selectors.plan_action_get_for_firm(firm=request.firm, action_id=action_id)
    hidden = request.POST.get("hidden") == "1"
    services.plan_action_set_hidden(action=action, hidden=hidden, user=request.user)
    if hidden:
        messages.success(request, _("La acción quedó oculta: no aparece en el reporte ni para el dueño."))
    else:
        messages.success(request, _("La acción vuelve a aparecer en el reporte."))
    return redirect(_plan_url(action.assessment_id, action.pk))


@require_POST
@firm_member_required
def plan_action_move(request, action_id: int):
    action = selectors.plan_action_get_for_firm(firm=request.firm, action_id=action_id)
    try:
        services.plan_action_move(action=action, direction=request.POST.get("direction", ""), user=request.user)
    except ValidationError as error:
        return _refused(request, action, errors=error.messages)
    return redirect(_plan_url(action.assessment_id, action.pk))


@require_POST
@firm_member_required
def plan_action_delete(request, action_id: int):
    action = selectors.plan_action_get_for_firm(firm=request.firm, action_id=action_id)
    try:
        services.plan_action_delete_custom(action=action)
    except ValidationError as error:
        return _refused(request, action, errors=error.messages)
    messages.success(request, _("Se eliminó la acción."))
    return redirect(_plan_url(action.assessment_id))
