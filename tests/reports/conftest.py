"""Report fixtures: tasks run synchronously, files go to a temporary MEDIA_ROOT, PDFs parse with pypdf."""

from __future__ import annotations

import io

import pytest
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
def _reports_isolation(settings, tmp_path):
    """No worker in tests: the immediate backend runs each task during the request.

    Requests activate their language in this thread (and reverse() then adds /en/): start each test
    in the default language.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override(settings.LANGUAGE_CODE):
        yield


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
