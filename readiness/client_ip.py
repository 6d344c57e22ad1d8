"""The client's address, for rate limits (django-ratelimit) and login throttling (django-axes).

Behind `TRUSTED_PROXY_COUNT` proxies (settings.limits), each of which appends the address it received
the request from to X-Forwarded-For, the client is the N-th entry from the right: entries further left
were written by the client itself and prove nothing. With no proxy configured (the default) the header
is never read, so nobody can pick their own address by sending it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address the rate limits and login throttling count against (never empty)."""
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104  (a Unix socket has none)
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    entries = [e for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if not entries:
        return remote  # reached us without passing the proxies: count it as the proxy's own
    # Fewer entries than proxies: the leftmost is the farthest address a trusted proxy recorded.
    candidate = entries[-proxies] if len(entries) >= proxies else entries[0]
    return _valid(candidate) or remote
