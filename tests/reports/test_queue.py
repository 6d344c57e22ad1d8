"""The real queue: jobs are stored on commit, `db_worker`s render them, each exactly once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from assessments import services
from assessments.reports import services as report_services
from assessments.reports.models import RenderedReport
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PROJECT_ROOT = Path(__file__).resolve().parents[2]
RENDERED = re.compile(r"Rendered report (\d+) ")


class Boom(Exception):
    pass


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.REPORTS_PRERENDER = True


def _submit(organization, answers, *, lang="es-mx"):
    with translation.override(lang):  # the language the owner is using when submitting
        assessment, token = services.assessment_start(organization=organization)
        services.assessment_save_answers(assessment=assessment, answers=answers)
        services.assessment_submit(assessment=assessment)
    return assessment, token


def test_submission_queues_the_report_in_the_owners_language_and_db_worker_delivers_it(
    client, database_queue, sample_answers
):
    _, token = _submit(OrganizationFactory(), sample_answers, lang="en")
    report = RenderedReport.objects.get()  # queued at submission: nobody asked yet
    assert report.language == "en" and report.status == RenderedReport.Status.PENDING
    assert DBTaskResult.objects.count() == 1 and report.task_id
    url = reverse("reports:owner_report", kwargs={"token": token}) + "?lang=en"
    assert client.get(url).status_code == 202  # not rendered in the web process, not queued twice
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert RenderedReport.objects.get().status == RenderedReport.Status.READY
    response = client.get(url)  # the first download of the owner: ready at once
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_consultant_gets_the_pdf_rendered_at_submission(client, consultant, database_queue, sample_answers):
    assessment, _ = _submit(OrganizationFactory(firm=consultant.membership.firm), sample_answers)
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    client.force_login(consultant)
    url = reverse("reports:consultant_report", kwargs={"assessment_id": assessment.pk})
    response = client.get(url + "?lang=es")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert RenderedReport.objects.count() == 1 and DBTaskResult.objects.count() == 1  # same key, same PDF


def test_the_job_is_stored_only_when_the_transaction_commits(database_queue, sample_answers, settings):
    settings.REPORTS_PRERENDER = False
    assessment, _ = _submit(OrganizationFactory(), sample_answers)
    assert DBTaskResult.objects.count() == 0
    with transaction.atomic():
        report_services.report_request(assessment=assessment, lang="es")
        assert RenderedReport.objects.count() == 1
        assert DBTaskResult.objects.count() == 0  # a worker elsewhere could not see the report row yet
    assert DBTaskResult.objects.count() == 1
    assert DBTaskResult.objects.get().args_kwargs["args"] == [RenderedReport.objects.get().pk]


def test_a_rolled_back_request_queues_nothing(database_queue, sample_answers, settings):
    settings.REPORTS_PRERENDER = False
    assessment, _ = _submit(OrganizationFactory(), sample_answers)
    with pytest.raises(Boom), transaction.atomic():
        report_services.report_request(assessment=assessment, lang="es")
        raise Boom
    assert RenderedReport.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_a_rolled_back_submission_queues_no_report(database_queue, sample_answers):
    organization = OrganizationFactory()
    with pytest.raises(Boom), transaction.atomic():
        _submit(organization, sample_answers)
        raise Boom
    assert RenderedReport.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_a_report_version_is_queued_on_commit(database_queue, consultant, sample_answers):
    from deliverables.services.versions import report_version_approve

    assessment, _ = _submit(OrganizationFactory(firm=consultant.membership.firm), sample_answers)
    before = DBTaskResult.objects.count()  # the owner's report, queued at submission
    with pytest.raises(Boom), transaction.atomic():
        report_version_approve(assessment=assessment, user=consultant, summary="Resumen", conclusions="")
        raise Boom
    assert DBTaskResult.objects.count() == before
    with transaction.atomic():
        version = report_version_approve(assessment=assessment, user=consultant, summary="Resumen", conclusions="")
        assert DBTaskResult.objects.count() == before
    queued = DBTaskResult.objects.exclude(task_path__endswith="render_report")
    assert [job.args_kwargs["args"] for job in queued] == [[version.pk]]


# ---- Two workers, 20 reports: each rendered exactly once -----------------------------------------------------


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(name: str, log: Path, media: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),  # the test database pytest-django created
        "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",
        "REPORTS_TEST_MEDIA_ROOT": str(media),
        "LOG_LEVEL": "INFO",
    }
    command = [sys.executable, "manage.py", "db_worker", "--worker-id", name, "--interval", "0.2", "--no-reload"]
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603


def _wait_for(predicate, *, timeout: float, what: str, workers=()) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        for worker in workers:
            assert worker.poll() is None, f"a worker exited early ({what})"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL); the PostgreSQL run of the suite covers it",
)
def test_two_db_workers_render_twenty_reports_exactly_once(database_queue, sample_answers, tmp_path):
    logs = {name: tmp_path / f"{name}.log" for name in ("worker-a", "worker-b")}
    workers = [_start_worker(name, log, tmp_path / "media") for name, log in logs.items()]
    try:
        # Both workers are polling before any job exists, so they compete for every one of them.
        _wait_for(
            lambda: all("Starting worker" in log.read_text() for log in logs.values()),
            timeout=120,
            what="both workers to start",
            workers=workers,
        )
        for n in range(20):  # 20 submissions, 20 reports queued on commit
            _submit(OrganizationFactory(name=f"Empresa {n:02d}"), sample_answers)
        assert RenderedReport.objects.count() == 20 and DBTaskResult.objects.count() == 20
        _wait_for(
            lambda: not RenderedReport.objects.filter(status=RenderedReport.Status.PENDING).exists(),
            timeout=600,
            what="20 renders",
            workers=workers,
        )
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    rendered = {name: RENDERED.findall(log.read_text()) for name, log in logs.items()}
    every_render = [int(pk) for found in rendered.values() for pk in found]
    expected = sorted(RenderedReport.objects.values_list("pk", flat=True))
    assert sorted(every_render) == expected  # each report rendered once: none twice, none lost
    assert set(RenderedReport.objects.values_list("status", flat=True)) == {RenderedReport.Status.READY}
    jobs = list(DBTaskResult.objects.all())
    assert len(jobs) == 20 and all(job.status == "SUCCESSFUL" and len(job.worker_ids) == 1 for job in jobs)
    assert {job.worker_ids[0] for job in jobs} == {"worker-a", "worker-b"}  # both took part
    assert all(found for found in rendered.values())


def test_a_report_deleted_while_rendering_leaves_no_file_and_no_error(
    monkeypatch, settings, tmp_path, database_queue, sample_answers
):
    """The owner deletes the assessment while the worker renders its PDF: the worker discards the file."""
    from assessments.reports.process import RenderedPDF

    settings.MEDIA_ROOT = tmp_path
    settings.REPORTS_PRERENDER = False
    assessment, _ = _submit(OrganizationFactory(), sample_answers)
    report = RenderedReport.objects.create(
        key="k" * 64, snapshot=assessment.snapshot, language="es", status=RenderedReport.Status.PENDING
    )

    def render_then_delete(**kwargs):
        RenderedReport.objects.filter(pk=report.pk).delete()
        return RenderedPDF(pdf=b"%PDF-1.7 fake", seconds=0.1, peak_rss_kib=1024)

    monkeypatch.setattr(report_services, "report_pdf", render_then_delete)
    report_services.report_render(report_id=report.pk)
    assert not RenderedReport.objects.filter(pk=report.pk).exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
