"""Downloads: owner by secret link, consultant by login; cached PDFs, the preparing page, failures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments import services
from assessments.reports import services as report_services
from assessments.reports.models import RenderedReport
from assessments.reports.process import RenderError
from tests.factories import FirmFactory, OrganizationFactory
from tests.reports.conftest import download, pdf_reader

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _owner_url(token: str, **query) -> str:
    url = reverse("reports:owner_report", kwargs={"token": token})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _pdf_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_owner_downloads_the_pdf_with_a_company_filename(client, submitted):
    assessment, token = submitted
    first = client.get(_owner_url(token))
    assert first.status_code == 202  # queued when this request commits; pre-rendering is tested apart
    response = client.get(_owner_url(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    slug = assessment.organization.name.lower().replace(" ", "-")
    assert response["Content-Disposition"].startswith(f'attachment; filename="reporte-{slug}-')
    assert response["Content-Disposition"].endswith('-es.pdf"')
    reader = pdf_reader(_pdf_of(response))
    assert len(reader.pages) >= 5 and reader.trailer["/Root"]["/Lang"] == "es-MX"


def test_lang_parameter_and_active_language_pick_the_language(client, submitted):
    _, token = submitted
    english = download(client, _owner_url(token, lang="en"))
    assert english["Content-Disposition"].endswith('-en.pdf"')
    assert pdf_reader(_pdf_of(english)).trailer["/Root"]["/Lang"] == "en"
    prefixed = client.get("/en" + _owner_url(token))  # the i18n URL prefix
    assert prefixed["Content-Disposition"].endswith('-en.pdf"')


def test_second_download_is_served_from_the_cache(client, submitted, monkeypatch):
    _, token = submitted
    first = _pdf_of(download(client, _owner_url(token)))

    def no_render(**kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(report_services, "report_pdf", no_render)
    second = _pdf_of(client.get(_owner_url(token)))
    assert first == second
    assert RenderedReport.objects.count() == 1


def test_a_wrong_token_is_a_404(client, submitted):
    response = client.get(_owner_url("x" * 43))
    assert response.status_code == 404
    assert RenderedReport.objects.count() == 0


def test_a_draft_has_no_report_yet(client, started):
    _, token = started
    response = client.get(_owner_url(token))
    assert response.status_code == 409
    assert RenderedReport.objects.count() == 0


def test_without_a_worker_the_page_says_preparing_and_reloads_itself(client, submitted, settings):
    settings.TASKS = DUMMY_TASKS  # queued, never run
    _, token = submitted
    response = client.get(_owner_url(token))
    assert response.status_code == 202
    page = response.content.decode()
    assert "Preparando su reporte" in page
    assert '<meta http-equiv="refresh" content="3; url=' in page and "preparando=1" in page
    assert "<script" not in page.split("</head>", 1)[-1]
    report = RenderedReport.objects.get()
    assert report.status == RenderedReport.Status.PENDING and report.task_id
    # Reloading while it is queued neither queues it again nor renders in the web process.
    client.get(_owner_url(token, preparando=1))
    assert RenderedReport.objects.get().task_id == report.task_id


def test_when_the_worker_is_done_the_preparing_page_offers_the_file(client, submitted, settings):
    settings.TASKS = DUMMY_TASKS
    _, token = submitted
    client.get(_owner_url(token))
    report = RenderedReport.objects.get()
    report_services.report_render(report_id=report.pk)  # what the worker does
    ready = client.get(_owner_url(token, lang="es", preparando=1))
    assert ready.status_code == 200 and "Su reporte está listo" in ready.content.decode()
    download = client.get(_owner_url(token, lang="es"))
    assert download["Content-Type"] == "application/pdf"


def test_a_failed_render_is_reported_and_can_be_retried(client, submitted, monkeypatch):
    _, token = submitted
    real = report_services.report_pdf

    def broken(**kwargs):
        raise RenderError("boom")

    monkeypatch.setattr(report_services, "report_pdf", broken)
    failed = download(client, _owner_url(token))
    assert failed.status_code == 200 and "No se pudo preparar el reporte" in failed.content.decode()
    assert RenderedReport.objects.get().status == RenderedReport.Status.FAILED
    assert RenderedReport.objects.get().error == "boom"
    # A reload does not hammer the renderer; the button does retry.
    client.get(_owner_url(token))
    monkeypatch.setattr(report_services, "report_pdf", real)
    retried = client.post(_owner_url(token, lang="es"))
    assert retried.status_code == 202  # queued again; rendered when the request commits
    ready = client.get(_owner_url(token, lang="es", preparando=1))
    assert ready.status_code == 200 and "Su reporte está listo" in ready.content.decode()
    assert RenderedReport.objects.get().status == RenderedReport.Status.READY


def test_a_lost_pending_job_is_queued_again(client, submitted, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.TASKS = DUMMY_TASKS
    _, token = submitted
    client.get(_owner_url(token))
    report = RenderedReport.objects.get()
    RenderedReport.objects.filter(pk=report.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    client.get(_owner_url(token))
    assert RenderedReport.objects.get().task_id != report.task_id


def test_consultant_downloads_their_clients_report(client, consultant):
    organization = OrganizationFactory(firm=consultant.membership.firm)
    assessment, _ = services.assessment_start(organization=organization)
    services.assessment_submit(assessment=assessment)
    client.force_login(consultant)
    url = reverse("reports:consultant_report", kwargs={"assessment_id": assessment.pk})
    response = download(client, url + "?lang=en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pdf_reader(_pdf_of(response))
    assert "Robles Ciberseguridad" in reader.pages[0].extract_text()


def test_consultant_report_needs_login_and_is_scoped_to_the_consultant(client, consultant):
    organization = OrganizationFactory(firm=FirmFactory())
    assessment, _ = services.assessment_start(organization=organization)
    services.assessment_submit(assessment=assessment)
    url = reverse("reports:consultant_report", kwargs={"assessment_id": assessment.pk})
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("account_login") in anonymous["Location"]
    client.force_login(consultant)
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:consultant_report", kwargs={"assessment_id": 999999})).status_code == 404
    assert RenderedReport.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client, submitted, method):
    _, token = submitted
    assert getattr(client, method)(_owner_url(token)).status_code == 405


def test_a_rebranded_report_replaces_the_old_pdf(client, submitted):
    assessment, token = submitted
    download(client, _owner_url(token))
    old = RenderedReport.objects.get()
    old_name = old.pdf.name
    assert old.pdf.storage.exists(old_name)
    assessment.organization.firm = FirmFactory(name="Nueva marca")
    assessment.organization.save()
    response = download(client, _owner_url(token))
    assert response["Content-Type"] == "application/pdf"
    new = RenderedReport.objects.get()
    assert new.pk != old.pk and new.key != old.key
    assert not old.pdf.storage.exists(old_name)


def test_a_job_for_a_deleted_report_does_nothing(client, submitted, monkeypatch):
    _, token = submitted
    download(client, _owner_url(token))
    kept = list(RenderedReport.objects.values_list("pk", "status", "pdf", "updated_at"))
    renders = []
    monkeypatch.setattr(report_services, "report_pdf", lambda **kwargs: renders.append(kwargs))
    missing = max(pk for pk, *_ in kept) + 1000
    assert report_services.report_render(report_id=missing) is None
    assert renders == []  # nothing rendered for it
    assert list(RenderedReport.objects.values_list("pk", "status", "pdf", "updated_at")) == kept  # nor touched
