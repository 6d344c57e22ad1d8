"""Pages that hold secrets are never stored by a browser's or a proxy's cache.

A consultant's pages (anyone logged in), the owner's pages reached by a secret link (a token in the
URL), and any page of a browser that carries the owner's resume cookie (the landing page then shows
"continue your assessment" with the secret link) answer `Cache-Control: private, no-store`. A view
that chose its own Cache-Control keeps it; static files (whitenoise answers before this) and public
pages seen without the cookie stay cacheable.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control

from assessments.views.token import RESUME_COOKIE

# URL arguments that are secrets: resume and invitation tokens, allauth's password-reset and e-mail keys.
SECRET_URL_KWARGS = frozenset({"token", "key"})


class PrivateCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response and holds_secrets(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response


def holds_secrets(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None and SECRET_URL_KWARGS.intersection(match.kwargs):
        return True
    if RESUME_COOKIE in request.COOKIES or RESUME_COOKIE in response.cookies:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
