"""Client companies: create, edit, archive and restore. Thin: forms validate, services write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consultants import selectors, services
from consultants.forms import ClientForm
from firms.decorators import firm_member_required


@require_http_methods(["GET", "HEAD", "POST"])
@firm_member_required
def client_create(request):
    if request.method != "POST":
        return _render_form(request, ClientForm())
    form = ClientForm(data=request.POST)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    try:
        organization, created = services.organization_create_for_firm(
            firm=request.firm,
            created_by=request.user,
            idempotency_key=form.cleaned_data.get("form_token", ""),
            **form.organization_fields(),
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _render_form(request, form, status=400)
    if created:
        messages.success(request, _("Se agregó la empresa %(name)s.") % {"name": organization.name})
        if selectors.client_namesakes(firm=request.firm, organization=organization):
            messages.warning(
                request,
                _(
                    "Ya tenía otro cliente llamado %(name)s. Si es la misma empresa, archive uno de los dos para "
                    "no seguirla por duplicado."
                )
                % {"name": organization.name},
            )
    return redirect("consultants:client_detail", org_id=organization.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@firm_member_required
def client_edit(request, org_id: int):
    organization = selectors.organization_get_for_firm(firm=request.firm, org_id=org_id)
    if request.method != "POST":
        return _render_form(request, ClientForm(instance=organization), organization=organization)
    form = ClientForm(data=request.POST, instance=organization)
    if not form.is_valid():
        return _render_form(request, form, organization=organization, status=400)
    fields = form.organization_fields()
    organization = selectors.organization_get_for_firm(firm=request.firm, org_id=org_id)  # unmodified by the form
    try:
        services.organization_update(organization=organization, **fields)
    except ValidationError as error:
        _add_errors(form, error)
        return _render_form(request, form, organization=organization, status=400)
    messages.success(request, _("Se guardaron los datos de %(name)s.") % {"name": organization.name})
    return redirect("consultants:client_detail", org_id=organization.pk)


@require_POST
@firm_member_required
def client_archive(request, org_id: int):
    """POST action=archive (default) hides the company from the dashboard; action=unarchive restores it."""
    organization = selectors.organization_get_for_firm(firm=request.firm, org_id=org_id)
    if request.POST.get("action") == "unarchive":
        services.organization_unarchive(organization=organization)
        messages.success(
            request, _("%(name)s vuelve a aparecer en su lista de clientes.") % {"name": organization.name}
        )
    else:
        services.organization_archive(organization=organization)
        messages.success(
            request,
            _(
                "Se archivó %(name)s: ya no aparece en su lista de clientes ni recibe recordatorios. "
                "Puede restaurarla desde esta página."
            )
            % {"name": organization.name},
        )
    return redirect("consultants:client_detail", org_id=organization.pk)


def _add_errors(form: ClientForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _render_form(request, form: ClientForm, *, organization=None, status: int = 200):
    context = {"form": form, "organization": organization}
    return render(request, "consultants/client_form.html", context, status=status)
