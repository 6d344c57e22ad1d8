"""Access by secret resume token: rate-limited, remembered in the session, a clear 404 when wrong."""

from __future__ import annotations

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from assessments import ratelimit, selectors

SESSION_RESUME = "assessments:resume_token"


def remember(request, token: str) -> None:
    """So that the same browser can continue from the landing page."""
    if request.session.get(SESSION_RESUME) != token:
        request.session[SESSION_RESUME] = token


def resume_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("assessments:resume", kwargs={"token": token}))


def with_assessment(view):
    """Resolve `token` to its assessment and call view(request, assessment, token, **kwargs).

    Pages behind a token are never cached: they are private, and the browser's back button must
    show what is saved now (a cached form would carry an old revision).
    """

    @wraps(view)
    def wrapper(request, token: str, **kwargs):
        if ratelimit.count(request, "token") or ratelimit.exceeded(request, "token_miss"):
            return ratelimit.too_many_requests(request, "token")
        try:
            assessment = selectors.assessment_get_by_token(token=token)
        except Http404:
            ratelimit.count(request, "token_miss")
            return render(request, "assessments/link_invalid.html", status=404)
        remember(request, token)
        return view(request, assessment, token, **kwargs)

    return never_cache(wrapper)


def already_submitted(request, token: str):
    """A submitted assessment is frozen: reading leads to the results, writing is refused (409)."""
    if request.method in ("GET", "HEAD"):
        return redirect("assessments:results", token=token)
    return render(request, "assessments/already_submitted.html", {"token": token}, status=409)
