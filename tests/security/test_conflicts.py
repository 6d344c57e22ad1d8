"""readiness.middleware: a write that lost a race is a 409 to retry, never a 500."""

from __future__ import annotations

import json

import psycopg
import pytest
from django.db import OperationalError
from django.test import RequestFactory

from assessments.ratelimit import RateLimited
from readiness.middleware import DomainErrorMiddleware, is_write_conflict


def _django_error(cause: Exception) -> OperationalError:
    """How Django's DatabaseErrorWrapper re-raises a driver error: a Django class, the driver's as cause."""
    try:
        try:
            raise cause
        except Exception as exc:
            raise OperationalError(*exc.args) from exc
    except OperationalError as wrapped:
        return wrapped


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("database is locked"),
        OperationalError("database table is locked"),
        _django_error(psycopg.errors.SerializationFailure("could not serialize access")),
        _django_error(psycopg.errors.DeadlockDetected("deadlock detected")),
        _django_error(psycopg.errors.LockNotAvailable("could not obtain lock")),
    ],
)
def test_lost_races_are_write_conflicts(error):
    assert is_write_conflict(error)


@pytest.mark.parametrize(
    "error",
    [OperationalError("no such table: x"), _django_error(psycopg.errors.UndefinedTable("nope")), ValueError("x")],
)
def test_other_database_errors_stay_errors(error):
    assert not is_write_conflict(error)
    assert DomainErrorMiddleware(lambda r: None).process_exception(RequestFactory().get("/"), error) is None


def test_a_page_gets_a_409_page_with_retry_after(db):
    request = RequestFactory().post("/evaluacion/x/paso/perfil/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = DomainErrorMiddleware(lambda r: None).process_exception(request, OperationalError("database is locked"))
    assert response.status_code == 409 and response["Retry-After"] == "1"
    assert "Inténtelo de nuevo" in response.content.decode()


def test_the_autosave_script_gets_json(db):
    request = RequestFactory().post("/x/autoguardar/", HTTP_ACCEPT="application/json")
    response = DomainErrorMiddleware(lambda r: None).process_exception(
        request, _django_error(psycopg.errors.SerializationFailure("could not serialize access"))
    )
    assert response.status_code == 409
    assert json.loads(response.content)["error"] == "conflict"


def test_a_rate_limit_is_the_429_page_with_its_retry_after(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = DomainErrorMiddleware(lambda r: None).process_exception(request, RateLimited(125))
    assert response.status_code == 429 and response["Retry-After"] == "125"
    assert "3 minutos" in response.content.decode()
