"""Rate limits of the owner's pages, the starts and the invitation links, on django-ratelimit.

Each group is (requests, seconds), counted in the default cache (shared Redis with several processes):
- "token": the pages behind one resume link, keyed on that TOKEN, so that 30 owners in a workshop
  behind one office address never share a counter;
- "token_miss": wrong or expired links (and wrong hand-over codes), keyed on the client ADDRESS. It
  stops guessing from that address but never blocks a valid link opened from it;
- "start": new assessments (each may send an e-mail), keyed on the address; a workshop of 30 fits.
settings.ASSESSMENTS_RATE_LIMITS overrides any of them. The address is readiness.client_ip.client_ip
(proxy-aware), with django-ratelimit's IPv6 /64 mask.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

DEFAULT_RATE_LIMITS: dict[str, tuple[int, int]] = {
    "token": (300, 600),  # a whole questionnaire, autosaves included, needs ~120
    "token_miss": (20, 600),  # guessing a resume link is hopeless, but stop the noise
    "start": (60, 3600),
}
GROUP_PREFIX = "assessments."  # django-ratelimit's group names


class RateLimited(Ratelimited):
    """Over a limit; `retry_after` seconds until its window closes (the 429's Retry-After)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__()
        self.retry_after = max(1, retry_after)


def _rate(group: str, request=None) -> tuple[int, int]:
    scope = group.removeprefix(GROUP_PREFIX)
    return {**DEFAULT_RATE_LIMITS, **getattr(settings, "ASSESSMENTS_RATE_LIMITS", {})}[scope]


def _usage(request, scope: str, token: str | None, *, increment: bool) -> dict | None:
    key = (lambda group, request: token) if token is not None else "ip"
    return get_usage(request, group=GROUP_PREFIX + scope, key=key, rate=_rate, increment=increment)


def count(request, scope: str, *, token: str | None = None) -> None:
    """Count one request in `scope` (on `token`, else on the client address); RateLimited when over."""
    usage = _usage(request, scope, token, increment=True)
    if usage and usage["should_limit"]:
        raise RateLimited(usage["time_left"])


def check(request, scope: str, *, token: str | None = None) -> None:
    """RateLimited if this client is already over the limit, without counting this request."""
    usage = _usage(request, scope, token, increment=False)
    if usage and usage["count"] >= usage["limit"]:
        raise RateLimited(usage["time_left"])


def too_many_requests(request, exception=None):
    """settings.RATELIMIT_VIEW: the 429 page, with Retry-After when known."""
    wait = getattr(exception, "retry_after", None) or _rate("start")[1]
    response = render(request, "assessments/too_many_requests.html", {"minutes": -(-wait // 60)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def ratelimit(scope: str):
    """View decorator: count each POST on the client address; a 429 once over the limit."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":  # showing the form costs nothing; starting one does
                count(request, scope)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
