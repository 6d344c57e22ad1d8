"""Access by secret resume token: rate-limited (per token; wrong tokens per address), remembered in
this browser, a clear 404 when wrong.

The token is remembered in a signed, HttpOnly cookie of the owner's own browser, never in server-side
storage: the database only ever holds its SHA-256.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from assessments import privacy, ratelimit, selectors
from readiness.errors import NotFound

RESUME_COOKIE = "ciberlisto_resume"
RESUME_COOKIE_SALT = "assessments.resume"
RESUME_COOKIE_AGE = 730 * 24 * 3600  # as long as a resume link lives (services.RESUME_TOKEN_LIFETIME)
# Renewing a link: a few times a day per assessment is plenty (a lost link, a colleague who left).
RENEW_LIMIT, RENEW_PERIOD = 3, 24 * 3600


def remember(response, token: str):
    """So that the same browser can continue from the landing page."""
    response.set_signed_cookie(
        RESUME_COOKIE,
        token,
        salt=RESUME_COOKIE_SALT,
        max_age=RESUME_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def remembered_token(request) -> str | None:
    return request.get_signed_cookie(RESUME_COOKIE, default=None, salt=RESUME_COOKIE_SALT)


def forget(response):
    response.delete_cookie(RESUME_COOKIE, samesite="Lax")
    return response


def resume_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("assessments:resume", kwargs={"token": token}))


def renew_allowed(assessment) -> bool:
    """Count one renewal of `assessment`'s link; False once it was renewed RENEW_LIMIT times today."""
    key = f"assessments:renew:{assessment.pk}"
    cache.add(key, 0, timeout=RENEW_PERIOD)
    try:
        return cache.incr(key) <= RENEW_LIMIT
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RENEW_PERIOD)
        return True


def link_context(request, assessment, token: str) -> dict:
    """What the link and results pages print about the secret link: the URL, until when it works, and a
    WhatsApp share with a Spanish (or English) message."""
    url = resume_url(request, token)
    expires = assessment.token_expires_at
    until = date_format(localtime(expires), "DATE_FORMAT") if expires else ""
    if assessment.is_submitted:
        message = _("Mi enlace de CiberListo PyME para ver los resultados de %(name)s") % {
            "name": assessment.organization.name
        }
    else:
        message = _("Mi enlace de CiberListo PyME para continuar la evaluación de %(name)s") % {
            "name": assessment.organization.name
        }
    if until:
        message += " " + _("(funciona hasta el %(date)s)") % {"date": until}
    return {
        "resume_url": url,
        "link_expires_at": expires,
        "whatsapp_url": "https://wa.me/?text=" + quote(f"{message}: {url}", safe=""),
        # A draft nobody saves for this long is deleted (purge_drafts), whatever the link's date says.
        "draft_retention_days": None if assessment.is_submitted else privacy.draft_retention_days(),
    }


def with_assessment(view):
    """Resolve `token` to its assessment and call view(request, assessment, token, **kwargs).

    Pages behind a token are never cached: they are private, and the browser's back button must
    show what is saved now (a cached form would carry an old revision).
    """

    @wraps(view)
    def wrapper(request, token: str, **kwargs):
        try:
            assessment = selectors.assessment_get_by_token(token=token)
        except NotFound:
            # Wrong links count on the address; over the limit, guesses get a 429 instead of a 404.
            ratelimit.count(request, "token_miss")
            return render(request, "assessments/link_invalid.html", status=404)
        ratelimit.count(request, "token", token=token)  # a valid link counts on itself, never on the address
        response = view(request, assessment, token, **kwargs)
        if remembered_token(request) == token or RESUME_COOKIE in response.cookies:  # a renewed link sets its own
            return response
        return remember(response, token)

    return never_cache(wrapper)


def already_submitted(request, token: str):
    """A submitted assessment is frozen: reading leads to the results, writing is refused (409)."""
    if request.method in ("GET", "HEAD"):
        return redirect("assessments:results", token=token)
    return render(request, "assessments/already_submitted.html", {"token": token}, status=409)
