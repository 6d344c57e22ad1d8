"""The member's side of the account: the firm's two-step verification requirement."""

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render


@login_required
def mfa_required(request):
    """The firm requires two-step verification: explain, and link to the set-up page."""
    if get_mfa_adapter().is_mfa_enabled(request.user):
        return redirect("consultants:dashboard")
    return render(request, "firms/mfa_required.html")
