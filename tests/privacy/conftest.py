"""Fixtures of the privacy tests: media files in a temporary folder, an owner's submitted assessment with
its rendered PDF, and the same handed over to a firm with the firm's notes and an approved version."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from assessments import services
from assessments.reports.models import RenderedReport
from deliverables.models import Note, ReportVersion


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def add_rendered_pdf(assessment, lang="es") -> RenderedReport:
    """A ready PDF of `assessment` as the worker leaves it: a row and its file in the storage."""
    report = RenderedReport.objects.create(key=f"{assessment.pk}-{lang}".ljust(64, "0"), snapshot=assessment.snapshot)
    report.language = lang
    report.status = RenderedReport.Status.READY
    report.pdf.save(f"{report.key}.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return report


@pytest.fixture
def submitted_alone(started, sample_answers):
    """(assessment, token): an owner's submitted assessment, no firm, with a rendered PDF in Spanish."""
    assessment, token = started
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    services.assessment_submit(assessment=assessment)
    add_rendered_pdf(assessment)
    return assessment, token


@pytest.fixture
def handed_over(submitted_alone, firm, consultant):
    """The same, handed over to `firm`, which wrote a note and approved a version with a Word file."""
    assessment, token = submitted_alone
    organization = assessment.organization
    organization.firm = firm
    organization.contact_name = "Ana Pérez"
    organization.save()
    Note.objects.create(assessment=assessment, question_key="", text="Cliente muy ordenado.", author=consultant)
    version = ReportVersion.objects.create(assessment=assessment, number=1, content={}, approved_by=consultant)
    version.docx_es.save("v1.docx", ContentFile(b"PK fake docx"), save=True)
    return assessment, token
