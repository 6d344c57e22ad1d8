"""Reads of approved report versions: always scoped to the firm (consultants) or to the token's assessment.

A version of another firm's assessment is a 404; the owner only ever reaches a published version.
"""

from __future__ import annotations

from django.db.models import QuerySet

from assessments.models import Assessment
from deliverables.models import ReportDraft, ReportVersion
from readiness.errors import NotFound

PDF_FIELDS = {"es": "pdf_es", "en": "pdf_en"}
DOCX_FIELDS = {"es": "docx_es", "en": "docx_en"}


def version_list_for_assessment(*, assessment: Assessment) -> QuerySet[ReportVersion]:
    """The assessment's approved versions, newest first, with their approver."""
    return ReportVersion.objects.filter(assessment=assessment).select_related("approved_by").order_by("-number")


def version_get_for_firm(*, firm, assessment_id: int, version_id: int) -> ReportVersion:
    """A version of one of the firm's client companies' assessments; NotFound for any other."""
    try:
        return ReportVersion.objects.select_related("assessment__organization__firm", "approved_by").get(
            pk=version_id, assessment_id=assessment_id, assessment__organization__firm=firm
        )
    except ReportVersion.DoesNotExist as exc:
        raise NotFound("no such version") from exc


def version_published_for_owner(*, assessment: Assessment) -> ReportVersion | None:
    """The latest published version of the token's assessment; drafts and unpublished versions never."""
    return ReportVersion.objects.filter(assessment=assessment, published_at__isnull=False).order_by("-number").first()


def draft_for_assessment(*, assessment: Assessment) -> ReportDraft | None:
    return ReportDraft.objects.filter(assessment=assessment).first()


def version_file(*, version: ReportVersion, kind: str, lang: str):
    """The FieldFile of a version's PDF or DOCX in `lang`; falsy when not rendered (yet)."""
    fields = PDF_FIELDS if kind == "pdf" else DOCX_FIELDS
    return getattr(version, fields["en" if lang == "en" else "es"])


def version_is_ready(*, version: ReportVersion) -> bool:
    """Every file the version will have is stored (the DOCX only once the Word export exists)."""
    from deliverables.services.versions import docx_available

    fields = list(PDF_FIELDS.values()) + (list(DOCX_FIELDS.values()) if docx_available() else [])
    return all(getattr(version, name) for name in fields)
