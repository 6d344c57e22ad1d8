"""The health endpoint: 200 when the site can serve, 500 naming the broken piece (and no secret)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from readiness.health import ReportQueue

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PIECES = ("Database", "Cache", "Storage", "ReportQueue")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DB_TASKS


def _json(client, url="/salud/"):
    response = client.get(url, HTTP_ACCEPT="application/json")
    return response, response.json()


def _piece(body: dict, name: str) -> str:
    [(key, value)] = [(k, v) for k, v in body.items() if k.startswith(name + "(")]
    return value


def _stale_task(minutes: int, **fields) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        status="READY",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="assessments.reports.tasks.render_report",
        backend_name="default",
        run_after=fields.pop("run_after", get_date_max()),
        **fields,
    )
    # enqueued_at is auto_now_add: age it afterwards.
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=minutes))
    return task


@pytest.mark.django_db
def test_a_healthy_site_answers_200_with_every_piece_ok(client):
    response, body = _json(client)
    assert response.status_code == 200
    assert {name: _piece(body, name) for name in PIECES} == dict.fromkeys(PIECES, "OK")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_html_page_for_people_and_the_web_check_for_load_balancers(client):
    assert client.get("/salud/", HTTP_ACCEPT="text/html").status_code == 200
    response, body = _json(client, "/salud/web/")
    assert response.status_code == 200
    assert not any(key.startswith("ReportQueue") for key in body)  # a stalled queue never pulls web servers out


@pytest.mark.django_db
def test_a_cache_that_does_not_answer_is_named_without_its_password(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://:s3cr3t-cache-password@127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response, body = _json(client)
    assert response.status_code == 500
    assert _piece(body, "Cache") != "OK"
    assert _piece(body, "Database") == "OK"
    assert "s3cr3t" not in response.content.decode()


@pytest.mark.django_db
def test_storage_that_cannot_be_written_is_named(client, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    response, body = _json(client, "/salud/web/")
    assert response.status_code == 500
    assert _piece(body, "Storage") != "OK"
    assert _piece(body, "Cache") == "OK"


@pytest.mark.django_db
def test_a_report_waiting_far_too_long_means_no_worker(client):
    _stale_task(minutes=2)  # just queued: a worker will get to it
    _stale_task(minutes=600, run_after=timezone.now() + datetime.timedelta(hours=1))  # scheduled for later
    response, body = _json(client)
    assert response.status_code == 200, body

    _stale_task(minutes=30)
    response, body = _json(client)
    assert response.status_code == 500
    assert "db_worker" in _piece(body, "ReportQueue")
    assert _json(client, "/salud/web/")[0].status_code == 200


@pytest.mark.django_db
def test_no_queue_to_watch_when_tasks_run_inline(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _stale_task(minutes=600)
    assert ReportQueue().stale_task_count() == 0


@pytest.mark.django_db
def test_health_is_answered_over_http_to_a_load_balancer_in_production(client, settings):
    """Production redirects every page to https, but not the health URLs a load balancer probes."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    response = client.get("/salud/web/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
