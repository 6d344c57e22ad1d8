"""Report fixtures: tasks run synchronously, files go to a temporary MEDIA_ROOT, PDFs parse with pypdf."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from assessments import services
from assessments.reports.samples import sample_subject
from assessments.reports.services import report_pdf

HOSTILE = {
    "html": '<script>alert("x")</script><img src="http://evil.example/pixel.png"><b>negrita</b>',
    "css": '</style><style>@import url("http://evil.example/a.css"); body{background:url(http://evil.example/b)}',
    "url": "url(file:///etc/passwd) url('https://evil.example/c.woff')",
    "long": "Empresa" + "X" * 400 + " " + "palabra " * 80,
}


@pytest.fixture(autouse=True)
def _reports_isolation(settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    """No worker in tests: the immediate backend runs each task when the request's transaction commits.

    Jobs are queued on commit (services use transaction.on_commit). A test runs inside one transaction
    that never commits, so each test-client request runs its on-commit callbacks when it returns, as
    the request's own transaction (ATOMIC_REQUESTS) would on commit.

    Requests activate their language in this thread (and reverse() then adds /en/): start each test
    in the default language.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    request = Client.request

    def request_then_commit(self, **request_kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(self, **request_kwargs)

    monkeypatch.setattr(Client, "request", request_then_commit)
    with translation.override(settings.LANGUAGE_CODE):
        yield


def download(client, url: str, **kwargs):
    """GET a report as a person does: a report not rendered yet answers 202 "being prepared" and is
    rendered when that request commits (immediate backend); the reload then gets the file."""
    response = client.get(url, **kwargs)
    if response.status_code == 202:
        response = client.get(url, **kwargs)
    return response


def pdf_reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def render_subject(snapshot, organization, lang: str) -> bytes:
    """The PDF exactly as the worker renders it (same HTML, stylesheets, fetcher roots and time limit)."""
    return report_pdf(snapshot=snapshot, organization=organization, lang=lang).pdf


@pytest.fixture(scope="session")
def sample_pdfs(django_db_blocker):
    """The typical report (demo answers at mid maturity) in both languages, rendered once."""
    with django_db_blocker.unblock():  # nothing is saved: the subject lives in memory
        snapshot, organization = sample_subject(company="Panadería La Espiga", brand_name="Robles Ciberseguridad")
        return {lang: render_subject(snapshot, organization, lang) for lang in ("es", "en")}


@pytest.fixture
def submitted(organization, sample_answers):
    """(assessment, token) of a submitted assessment."""
    assessment, token = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    services.assessment_submit(assessment=assessment)
    return assessment, token
