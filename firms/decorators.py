"""Access to a firm's workspace: a logged-in member, with two-step verification when the firm requires it.

`request.firm` and `request.membership` are set for the view; every query of the view is then scoped
with `firm=request.firm` in a selector.
"""

from __future__ import annotations

from functools import wraps

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from firms.selectors import membership_for_user


def firm_member_required(view=None, *, admin: bool = False):
    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            membership = membership_for_user(user=request.user)
            if membership is None:
                return render(request, "firms/no_firm.html", status=403)
            if membership.firm.mfa_required and not get_mfa_adapter().is_mfa_enabled(request.user):
                return redirect("firms:mfa_required")
            if admin and not membership.is_admin:
                return render(request, "firms/admin_only.html", status=403)
            request.membership, request.firm = membership, membership.firm
            return view_func(request, *args, **kwargs)

        # Firm pages hold clients' weaknesses: never stored by a browser or a proxy.
        return never_cache(login_required(wrapper))

    return decorate(view) if view is not None else decorate


def firm_admin_required(view):
    return firm_member_required(view, admin=True)
