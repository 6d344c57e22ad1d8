"""The firm's members: everyone sees the list; admins invite, change roles and remove."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from firms import selectors, services
from firms.decorators import firm_admin_required, firm_member_required
from firms.forms import FirmInvitationForm, MembershipRoleForm


def _page(request, *, invitation_form=None, status=200):
    firm = request.firm
    context = {
        "firm": firm,
        "members": selectors.membership_list_for_firm(firm=firm),
        "invitations": selectors.firm_invitation_list_pending(firm=firm) if request.membership.is_admin else [],
        "invitation_form": invitation_form or FirmInvitationForm(),
        "roles": MembershipRoleForm.base_fields["role"].choices,
    }
    return render(request, "firms/members.html", context, status=status)


@firm_member_required
def member_list(request):
    return _page(request)


@require_POST
@firm_admin_required
def invitation_create(request):
    form = FirmInvitationForm(request.POST)
    if not form.is_valid():
        return _page(request, invitation_form=form, status=400)
    try:
        invitation, token = services.firm_invitation_invite(
            firm=request.firm, invited_by=request.user, **form.cleaned_data
        )
    except services.AlreadyMember:
        form.add_error("email", _("Esa dirección ya pertenece a un miembro de su firma."))
        return _page(request, invitation_form=form, status=400)
    accept_url = request.build_absolute_uri(reverse("firms:invitation_accept", args=[token]))
    services.firm_invitation_send(invitation=invitation, accept_url=accept_url)
    messages.success(request, _("Se envió la invitación a %(email)s.") % {"email": invitation.email})
    return redirect("firms:members")


@require_POST
@firm_admin_required
def invitation_revoke(request, invitation_id: int):
    invitation = selectors.firm_invitation_get_for_firm(firm=request.firm, invitation_id=invitation_id)
    services.firm_invitation_revoke(invitation=invitation)
    messages.success(request, _("La invitación a %(email)s quedó revocada.") % {"email": invitation.email})
    return redirect("firms:members")


@require_POST
@firm_admin_required
def member_role(request, membership_id: int):
    membership = selectors.membership_get_for_firm(firm=request.firm, membership_id=membership_id)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Elija un rol de la lista."))
        return _page(request, status=400)
    try:
        services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
    except services.LastAdminError:
        messages.error(
            request, _("La firma necesita al menos un administrador: nombre a otro antes de cambiar este rol.")
        )
        return _page(request, status=400)
    messages.success(
        request,
        _("%(user)s ahora es %(role)s.") % {"user": membership.user.username, "role": membership.get_role_display()},
    )
    return redirect("firms:members")


@require_http_methods(["GET", "POST"])
@firm_admin_required
def member_remove(request, membership_id: int):
    membership = selectors.membership_get_for_firm(firm=request.firm, membership_id=membership_id)
    if request.method == "GET":
        return render(request, "firms/member_remove.html", {"membership": membership})
    try:
        services.membership_remove(membership=membership)
    except services.LastAdminError:
        messages.error(request, _("No se puede quitar al último administrador de la firma."))
        return _page(request, status=400)
    if membership.user_id == request.user.id:
        messages.success(request, _("Usted salió de la firma."))
        return redirect("assessments:landing")
    messages.success(request, _("%(user)s ya no es miembro de la firma.") % {"user": membership.user.username})
    return redirect("firms:members")
