"""The firm's settings page (admins): name, branding, reminders, MFA rule, hand-over code."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from firms import services
from firms.decorators import firm_admin_required, firm_member_required
from firms.forms import FirmLogoForm, FirmSettingsForm


def _page(request, *, settings_form=None, logo_form=None, status=200):
    context = {
        "firm": request.firm,
        "settings_form": settings_form or FirmSettingsForm(instance=request.firm, prefix="settings"),
        "logo_form": logo_form or FirmLogoForm(prefix="logo"),
    }
    return render(request, "firms/settings.html", context, status=status)


@require_http_methods(["GET", "POST"])
@firm_admin_required
def firm_settings(request):
    if request.method == "GET":
        return _page(request)
    form = FirmSettingsForm(request.POST, instance=request.firm, prefix="settings")
    if not form.is_valid():
        return _page(request, settings_form=form, status=400)
    data = {field: form.cleaned_data[field] for field in services.SETTINGS_FIELDS}
    services.firm_update_settings(firm=request.firm, **data)
    messages.success(request, _("Los ajustes de la firma se guardaron."))
    return redirect("firms:settings")


@require_POST
@firm_admin_required
def firm_logo(request):
    form = FirmLogoForm(request.POST, request.FILES, prefix="logo")
    if not form.is_valid():
        return _page(request, logo_form=form, status=400)
    if form.cleaned_data["logo"]:
        services.firm_logo_replace(firm=request.firm, logo=form.cleaned_data["logo"])
        messages.success(request, _("El logotipo se actualizó; aparecerá en los próximos reportes."))
    else:
        services.firm_logo_replace(firm=request.firm, logo=None)
        messages.success(request, _("El logotipo se quitó."))
    return redirect("firms:settings")


@require_POST
@firm_admin_required
def firm_handover_code_renew(request):
    services.firm_handover_code_renew(firm=request.firm)
    messages.success(request, _("La firma tiene un código nuevo; el anterior ya no sirve."))
    return redirect("firms:settings")


@firm_member_required
def firm_logo_image(request):
    """The firm's logo for its own pages (media files are not served publicly)."""
    logo = request.firm.logo
    if not logo:
        raise Http404
    content_type = "image/png" if logo.name.lower().endswith(".png") else "image/jpeg"
    try:
        return FileResponse(logo.open("rb"), content_type=content_type)
    except OSError as exc:  # the row names a file the storage no longer has
        raise Http404 from exc
