"""Owner invitations: create (and e-mail), revoke, renew, remind. POST only, scoped to the firm."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultants import selectors, services
from consultants.forms import InvitationEmailForm
from consultants.invitation_panel import invitation_panel_context
from firms.decorators import firm_member_required


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _back_to_client(organization):
    return redirect(reverse("consultants:client_detail", kwargs={"org_id": organization.pk}) + "#invitaciones")


def _refused(request, organization, *, form=None, message: str = "", status: int = 400):
    """The panel again, with the consultant's input and the reason (nothing typed is lost)."""
    context = invitation_panel_context(request=request, organization=organization, form=form)
    context.update({"organization": organization, "error_message": message})
    return render(request, "consultants/client_invitation.html", context, status=status)


def _report_email(request, outcome: services.InvitationOutcome) -> None:
    if outcome.emailed_to:
        messages.success(request, _("Enviamos el enlace a %(email)s.") % {"email": outcome.emailed_to})
    elif outcome.email_failed:
        messages.warning(
            request,
            _(
                "No se pudo enviar el correo en este momento. Copie el enlace o compártalo por WhatsApp, "
                "o inténtelo de nuevo más tarde."
            ),
        )


@require_POST
@firm_member_required
def invitation_create(request, org_id: int):
    organization = selectors.organization_get_for_firm(firm=request.firm, org_id=org_id)
    form = InvitationEmailForm(data=request.POST, organization=organization)
    if not form.is_valid():
        return _refused(request, organization, form=form, message=_("Revise el correo de la invitación."))
    try:
        outcome = services.invitation_create(
            organization=organization,
            created_by=request.user,
            base_url=_base_url(request),
            email=form.cleaned_data["email"],
        )
    except services.InvitationError as error:
        return _refused(request, organization, form=form, message=error.message, status=409)
    if not outcome.created:
        messages.info(request, _("Esta empresa ya tiene un enlace vigente: es el que aparece abajo."))
    elif not outcome.emailed_to and not outcome.email_failed:
        messages.success(request, _("Enlace creado. Cópielo o compártalo por WhatsApp."))
    _report_email(request, outcome)
    return _back_to_client(organization)


@require_POST
@firm_member_required
def invitation_revoke(request, invitation_id: int):
    invitation = services.invitation_get_for_firm(firm=request.firm, invitation_id=invitation_id)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("Enlace revocado: ya no abre la evaluación. Las respuestas guardadas se conservan."))
    return _back_to_client(invitation.organization)


@require_POST
@firm_member_required
def invitation_renew(request, invitation_id: int):
    invitation = services.invitation_get_for_firm(firm=request.firm, invitation_id=invitation_id)
    try:
        services.invitation_renew(invitation=invitation, base_url=_base_url(request))
    except services.InvitationError as error:
        return _refused(request, invitation.organization, message=error.message, status=409)
    messages.success(request, _("Enlace renovado: el anterior ya no funciona. Envíe o comparta el nuevo."))
    return _back_to_client(invitation.organization)


@require_POST
@firm_member_required
def invitation_remind(request, invitation_id: int):
    invitation = services.invitation_get_for_firm(firm=request.firm, invitation_id=invitation_id)
    organization = invitation.organization
    form = InvitationEmailForm(data=request.POST, organization=organization)
    if not form.is_valid():
        return _refused(request, organization, form=form, message=_("Revise el correo de la invitación."))
    try:
        outcome = services.invitation_remind(
            invitation=invitation, base_url=_base_url(request), email=form.cleaned_data["email"]
        )
    except services.InvitationError as error:
        return _refused(request, organization, form=form, message=error.message, status=409)
    if not outcome.emailed_to and not outcome.email_failed:
        messages.info(request, _("El correo ya se envió hace un momento."))
    _report_email(request, outcome)
    return _back_to_client(organization)
