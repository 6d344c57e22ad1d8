"""Login throttling with django-axes: who counts as the same person, and the per-username limit.

django-allauth's form names the field "login" (a username or an e-mail) and passes the backend
`username=` or `email=`; the admin's form posts "username". One value per person typed, whichever page.

axes locks a (username, address) pair after AXES_FAILURE_LIMIT failures. AxesHandler adds a second,
higher limit on the username alone, from every address together (settings.limits explains the
numbers), which never applies to an address this person has logged in from before.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, Sum


def axes_username(request, credentials) -> str | None:
    """The account's own username when the typed value names one (by username or e-mail), so that
    typing the e-mail instead does not start a second count; else the typed value, lower-cased."""
    posted = getattr(request, "POST", None) or {}
    typed = posted.get("username")
    for value in (posted.get("login"), *((credentials or {}).get(k) for k in ("username", "email", "login"))):
        if value:
            typed = str(value).strip().lower()
            break
    if not typed:
        return None
    account = get_user_model().objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).first()
    return account.get_username() if account is not None else typed


def _known_address(username: str, ip_address: str | None) -> bool:
    """Whether this account has logged in from this address before (axes' access log)."""
    return bool(ip_address) and AccessLog.objects.filter(username=username, ip_address=ip_address).exists()


class AxesHandler(AxesDatabaseHandler):
    """The database handler, plus AXES_USERNAME_FAILURE_LIMIT failures per username from any address."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)  # this (username, address) pair
        limit = get_failure_limit(request, credentials)
        login = get_client_username(request, credentials)
        if failures >= limit or not login:
            return failures
        everywhere = (
            AccessAttempt.objects.filter(username=login, attempt_time__gte=get_cool_off_threshold(request)).aggregate(
                n=Sum("failures_since_start")
            )["n"]
            or 0
        )
        if everywhere >= settings.AXES_USERNAME_FAILURE_LIMIT and not _known_address(
            login, getattr(request, "axes_ip_address", None)
        ):
            return limit  # locked for this address like a pair over its own limit
        return failures
