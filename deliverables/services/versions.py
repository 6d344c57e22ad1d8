"""Writes of the report review: the draft, approval (a frozen, numbered version), its files, publishing.

An approved version freezes everything it prints beyond the snapshot (summary, conclusions, the plan in
both languages, the notes, the firm's branding, approver and date) in `content`. Its files are rendered
once by the queue worker and never replaced, so every download of a version is byte for byte the same.
"""

from __future__ import annotations

import base64
import json
import logging
import mimetypes
import secrets
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assessments.models import Assessment
from assessments.reports import resources
from assessments.reports.context import MAX_INLINE_LOGO_BYTES, organization_branding, report_summary_text
from assessments.reports.services import NotSubmitted, report_html, report_pdf, submitted_snapshot
from deliverables import tasks
from deliverables.models import ReportDraft, ReportVersion
from deliverables.selectors.versions import DOCX_FIELDS, PDF_FIELDS

logger = logging.getLogger(__name__)

CONTENT_FORMAT = 1
LANGS = ("es", "en")
RENDER_MARK = "deliverables.version-render:{pk}"  # set while a render job of the version is queued

__all__ = ["NotSubmitted"]


def docx_available() -> bool:
    """Whether the Word export is installed (the deliverables/docx package, built separately)."""
    try:
        from deliverables.docx import report_docx  # noqa: F401
    except ImportError:
        return False
    return True


def summary_generated(*, assessment: Assessment, lang: str) -> str:
    """The executive summary the report prints when nobody edits it, as plain text."""
    snapshot = submitted_snapshot(assessment=assessment)
    return report_summary_text(snapshot=snapshot, organization=assessment.organization, lang=lang)


def report_draft_save(*, assessment: Assessment, user, summary: str, conclusions: str) -> ReportDraft:
    """Keep the consultant's edits of the summary and conclusions (NotSubmitted for a draft assessment)."""
    submitted_snapshot(assessment=assessment)
    draft, _ = ReportDraft.objects.get_or_create(assessment=assessment)
    draft.summary = summary.strip()
    draft.conclusions = conclusions.strip()
    draft.updated_by = user
    draft.full_clean()
    draft.save()
    return draft


def _plain(value: Any) -> Any:
    """JSON-safe copy (dates as ISO strings, lazy strings as text): what the version stores."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _plan(*, assessment: Assessment) -> dict[str, list[dict[str, Any]]]:
    from deliverables.selectors.plan import plan_for_report

    return {lang: _plain(plan_for_report(assessment=assessment, lang=lang)) for lang in LANGS}


def _notes(*, assessment: Assessment) -> dict[str, Any]:
    from deliverables.selectors.notes import notes_for_report

    return _plain(notes_for_report(assessment=assessment))


def _branding(*, assessment: Assessment) -> dict[str, str]:
    """The firm's branding as printed now; the logo inlined, so a later logo never changes the version."""
    organization = assessment.organization
    branding = organization_branding(organization)
    logo = organization.firm.logo if organization.firm else None
    logo_uri = ""
    if logo:
        try:
            with logo.open("rb") as handle:
                data = handle.read(MAX_INLINE_LOGO_BYTES + 1)
        except OSError:
            data = b""
        media_type = mimetypes.guess_type(logo.name)[0] or ""
        if data and len(data) <= MAX_INLINE_LOGO_BYTES and media_type.startswith("image/"):
            logo_uri = f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
    return {
        "brand_name": branding.brand_name,
        "contact_line": branding.contact_line,
        "color": branding.color,
        "logo_uri": logo_uri,
    }


def review_content_build(*, assessment: Assessment, summary: str, conclusions: str) -> dict[str, Any]:
    """What a version prints beyond the snapshot, as it stands now (the preview; approval adds who and when)."""
    return {
        "format": CONTENT_FORMAT,
        "company": assessment.organization.name,
        "summary": summary.strip(),
        "conclusions": conclusions.strip(),
        "plan": _plan(assessment=assessment),
        "notes": _notes(assessment=assessment),
        "branding": _branding(assessment=assessment),
    }


def review_for_language(content: dict[str, Any], lang: str) -> dict[str, Any]:
    """The review as the renderers take it: `plan` is the list of actions in `lang` (stored for both)."""
    plan = content.get("plan")
    if isinstance(plan, dict):
        plan = plan.get(lang) or plan.get("es") or []
    return {**content, "plan": plan or []}


def review_preview_html(*, assessment: Assessment, summary: str, conclusions: str, lang: str) -> str:
    snapshot = submitted_snapshot(assessment=assessment)
    review = review_content_build(assessment=assessment, summary=summary, conclusions=conclusions)
    review = review_for_language(review, lang)
    return report_html(snapshot=snapshot, organization=assessment.organization, lang=lang, review=review)


def _approver_name(user) -> str:
    return (user.get_full_name() or user.email or user.get_username()).strip()


def report_version_approve(*, assessment: Assessment, user, summary: str, conclusions: str) -> ReportVersion:
    """Save the draft and freeze it as the next version (v1, v2…); its files are queued for rendering."""
    with transaction.atomic():
        # One approval at a time per assessment: the row lock makes the numbers consecutive and unique.
        Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
        report_draft_save(assessment=assessment, user=user, summary=summary, conclusions=conclusions)
        number = (ReportVersion.objects.filter(assessment=assessment).aggregate(n=Max("number"))["n"] or 0) + 1
        now = timezone.now()
        content = review_content_build(assessment=assessment, summary=summary, conclusions=conclusions)
        content.update({"number": number, "approved_by": _approver_name(user), "approved_at": now.isoformat()})
        version = ReportVersion.objects.create(assessment=assessment, number=number, content=content, approved_by=user)
        ReportVersion.objects.filter(pk=version.pk).update(approved_at=now)
        version.approved_at = now
        report_version_enqueue(version=version)  # queued when this transaction commits
    return version


def report_version_publish(*, version: ReportVersion) -> ReportVersion:
    """Show this version to the owner (their link shows the latest published one)."""
    if version.published_at is None:
        version.published_at = timezone.now()
        version.save(update_fields=["published_at"])
    return version


def _stale_after() -> timedelta:
    return timedelta(seconds=max(300.0, 3 * resources.render_timeout()))


def report_version_enqueue(*, version: ReportVersion, force: bool = False) -> None:
    """Queue the rendering of the version's missing files when the transaction commits, unless a job is
    already queued.

    Pages that wait for a file call this on every reload: the cache mark keeps it to one job until the
    job could have been lost (a worker restarted mid-render), then it queues again. Both the mark and
    the job wait for the commit: a worker on another machine must find the version's row, and a
    rolled-back request neither queues a job nor leaves a mark behind.
    """
    version_id = version.pk

    def enqueue_once() -> None:
        mark = RENDER_MARK.format(pk=version_id)
        if force:
            cache.delete(mark)
        if cache.add(mark, 1, timeout=int(_stale_after().total_seconds())):
            tasks.render_report_version.enqueue(version_id)

    transaction.on_commit(enqueue_once)


def _store_once(version: ReportVersion, field_name: str, data: bytes, extension: str) -> None:
    """Save the file only if the field is still empty: the first stored bytes are the version's for good."""
    field = getattr(version, field_name)
    name = field.storage.save(
        f"{field.field.upload_to}v{version.number}-{field_name}-{secrets.token_hex(12)}.{extension}", ContentFile(data)
    )
    if not ReportVersion.objects.filter(pk=version.pk, **{field_name: ""}).update(**{field_name: name}):
        field.storage.delete(name)  # a duplicate job got there first


def report_version_render(*, version_id: int) -> None:
    """Render the version's missing files (PDF es/en, DOCX es/en when available): the background task."""
    version = ReportVersion.objects.select_related("assessment__organization__firm").filter(pk=version_id).first()
    if version is None:
        return
    assessment = version.assessment
    snapshot = submitted_snapshot(assessment=assessment)
    organization = assessment.organization
    content = version.content or {}
    for lang, field_name in PDF_FIELDS.items():
        if not getattr(version, field_name):
            review = review_for_language(content, lang)
            rendered = report_pdf(snapshot=snapshot, organization=organization, lang=lang, review=review)
            _store_once(version, field_name, rendered.pdf, "pdf")
    if docx_available():
        from deliverables.docx import report_docx

        for lang, field_name in DOCX_FIELDS.items():
            if not getattr(version, field_name):
                review = review_for_language(content, lang)
                data = report_docx(snapshot=snapshot, organization=organization, lang=lang, review=review)
                _store_once(version, field_name, data, "docx")
    # Done: a later request may queue again (e.g. the Word export installed after approval). After a
    # failure the mark stays until it expires, so a waiting page does not queue a failing job every 3 s.
    cache.delete(RENDER_MARK.format(pk=version.pk))
    logger.info("Rendered the files of report version %s (v%s)", version.pk, version.number)
