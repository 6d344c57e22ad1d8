"""The real queue: the web request stores a job in the database, `db_worker` renders it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.reports.models import RenderedReport

pytestmark = pytest.mark.django_db(transaction=True)


def test_database_queue_and_db_worker_deliver_the_pdf(client, submitted, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _, token = submitted
    url = reverse("reports:owner_report", kwargs={"token": token})
    assert client.get(url).status_code == 202  # queued; no render in the web process
    assert RenderedReport.objects.get().status == RenderedReport.Status.PENDING
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert RenderedReport.objects.get().status == RenderedReport.Status.READY
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
