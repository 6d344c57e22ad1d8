"""A small per-IP rate limiter on Django's cache (fixed windows), for the token and start endpoints.

Limits are (requests, seconds) per scope; settings.ASSESSMENTS_RATE_LIMITS overrides the defaults.
With several server processes use a shared cache (Redis, Memcached, database) so they count together.
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

DEFAULT_RATE_LIMITS: dict[str, tuple[int, int]] = {
    "token": (300, 600),  # any page behind a resume link: a whole questionnaire needs ~30
    "token_miss": (20, 600),  # wrong or expired links: guessing is pointless, but stop the noise
    "start": (20, 3600),  # new assessments (each may send an e-mail)
}


def _rate(scope: str) -> tuple[int, int]:
    return {**DEFAULT_RATE_LIMITS, **getattr(settings, "ASSESSMENTS_RATE_LIMITS", {})}[scope]


def client_ip(request) -> str:
    """REMOTE_ADDR, or the last address a trusted proxy appended (settings.RATELIMIT_IP_HEADER)."""
    header = getattr(settings, "RATELIMIT_IP_HEADER", "")
    forwarded = request.META.get(header, "") if header else ""
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def _window(request, scope: str) -> tuple[str, int, int]:
    limit, period = _rate(scope)
    window = int(time.time() // period)
    return f"ratelimit:{scope}:{client_ip(request)}:{window}", limit, period


def count(request, scope: str) -> bool:
    """Count one request in `scope`; True when this client is now over the limit."""
    key, limit, period = _window(request, scope)
    cache.add(key, 0, timeout=period)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        hits = 1
    return hits > limit


def exceeded(request, scope: str) -> bool:
    """Whether this client is already over the limit, without counting this request."""
    key, limit, _ = _window(request, scope)
    return cache.get(key, 0) >= limit


def too_many_requests(request, scope: str):
    _, period = _rate(scope)
    wait = period - int(time.time() % period)  # until the current window closes
    response = render(request, "assessments/too_many_requests.html", {"minutes": -(-wait // 60)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def ratelimit(scope: str):
    """View decorator: answer 429 once a client makes more than the scope's limit of requests."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if count(request, scope):
                return too_many_requests(request, scope)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
