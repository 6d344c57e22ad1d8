"""A colleague opens the link of an e-mailed invitation to join a firm."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from assessments import ratelimit
from firms import services
from firms.forms import pending_invitation
from firms.selectors import membership_for_user


def _invalid(request):
    ratelimit.count(request, "token_miss")  # on the address: guessing links from it gets a 429
    return render(request, "firms/invitation_invalid.html", status=404)


def _join(request, invitation):
    """A logged-in user: confirm (GET) and join (POST), unless they already belong to a firm."""
    if membership_for_user(user=request.user) is not None:
        return render(request, "firms/invitation_member.html", {"invitation": invitation}, status=409)
    if request.method == "GET":
        return render(request, "firms/invitation_confirm.html", {"invitation": invitation})
    try:
        services.firm_invitation_accept(invitation=invitation, user=request.user)
    except services.InvitationInvalid:
        return _invalid(request)
    request.session.pop(services.PENDING_INVITATION_SESSION_KEY, None)
    messages.success(request, _("Ahora forma parte de %(firm)s.") % {"firm": invitation.firm.name})
    return redirect("consultants:dashboard")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    try:
        invitation = services.firm_invitation_get_valid(token=token)
    except services.InvitationInvalid:
        return _invalid(request)
    ratelimit.count(request, "token", token=token)  # a valid link counts on itself, not on the office
    if request.user.is_authenticated:
        return _join(request, invitation)
    # Sign-up (FirmSignupForm) joins the firm; the address is proven by the e-mailed link. Someone
    # who already has an account logs in instead and is brought to `invitation_join`.
    request.session[services.PENDING_INVITATION_SESSION_KEY] = invitation.pk
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def invitation_join(request):
    """The invitation this browser opened before logging in to an existing account."""
    invitation = pending_invitation(request)
    if invitation is None:
        return _invalid(request)
    return _join(request, invitation)
