"""Turn domain errors, rate limits and database write conflicts into HTTP answers (not 500s)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import OperationalError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited

from readiness.errors import NotFound

logger = logging.getLogger(__name__)

# PostgreSQL: serialization failure, deadlock, lock not available (SQLSTATE).
RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}
SQLITE_LOCKED = ("database is locked", "database table is locked")
CONFLICT_RETRY_AFTER = 1  # seconds


def is_write_conflict(exception: BaseException) -> bool:
    """A write that lost a race with another one and can simply be tried again."""
    if not isinstance(exception, OperationalError):
        return False
    cause = exception.__cause__ or exception
    if getattr(cause, "sqlstate", None) in RETRYABLE_SQLSTATES or getattr(cause, "pgcode", None) in RETRYABLE_SQLSTATES:
        return True
    return str(exception).lower().startswith(SQLITE_LOCKED)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "") and "text/html" not in request.headers.get(
        "Accept", ""
    )


def write_conflict(request):
    """409 with "try again": the request's transaction was rolled back, so nothing half-saved stays."""
    message = _("Otra solicitud estaba guardando al mismo tiempo. No se perdió nada: inténtelo de nuevo.")
    if _wants_json(request):
        response = JsonResponse({"error": "conflict", "message": message}, status=409)
    else:
        response = render(request, "conflict.html", {"message": message}, status=409)
    response["Retry-After"] = str(CONFLICT_RETRY_AFTER)
    return response


class DomainErrorMiddleware:
    """A NotFound escaping a view is a 404; a rate limit a 429 (settings.RATELIMIT_VIEW); a write that
    lost a race for the database (SQLite still locked after its timeout, a PostgreSQL serialization
    failure or deadlock) a 409 the person can retry, as PostgreSQL's conflicts are elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404(str(exception)) from exception
        if isinstance(exception, Ratelimited):
            return import_string(settings.RATELIMIT_VIEW)(request, exception)
        if is_write_conflict(exception):
            logger.warning("Write conflict answered 409 on %s %s: %s", request.method, request.path, exception)
            return write_conflict(request)
        return None
