"""Writes of the report: ask for a PDF (cached or queued), retry a failed one, render one (the task)."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from assessments.models import Assessment, Organization, ResultSnapshot
from assessments.reports import resources, tasks
from assessments.reports.cache import TEMPLATE, report_cache_key
from assessments.reports.context import django_language, report_context, report_language
from assessments.reports.models import RenderedReport
from assessments.reports.trend import rows_fingerprint, trend_rows_through

if TYPE_CHECKING:
    from assessments.reports.process import RenderedPDF

logger = logging.getLogger(__name__)


class NotSubmitted(Exception):
    """Only a submitted assessment has a frozen result to report on."""


def report_html(
    *, snapshot: ResultSnapshot, organization: Organization, lang: str, review: dict[str, Any] | None = None
) -> str:
    """The report as an HTML string, in `lang` ('es' or 'en'); `review`: an approved version's content."""
    context = report_context(snapshot=snapshot, organization=organization, lang=lang, review=review)
    with override(django_language(lang)):
        return render_to_string(TEMPLATE, context)


def report_pdf(
    *, snapshot: ResultSnapshot, organization: Organization, lang: str, review: dict[str, Any] | None = None
) -> RenderedPDF:
    """Render now, in a child process with the time limit. No cache: used by the tasks and the command.

    `review`: an approved version's frozen content (deliverables); its PDF is stored with the version.
    """
    # Imported here: web processes import this module but never render, so they never load WeasyPrint.
    from assessments.reports.process import html_to_pdf_isolated

    html = report_html(snapshot=snapshot, organization=organization, lang=lang, review=review)
    return html_to_pdf_isolated(
        html,
        base_url=resources.stylesheet_uri(),
        allowed_roots=resources.allowed_roots(),
        timeout=resources.render_timeout(),
        stylesheets=resources.stylesheets(),
    )


def _stale_after() -> timedelta:
    # A job still pending after this long was lost (worker restarted mid-render): queue it again.
    return timedelta(seconds=max(300.0, 3 * resources.render_timeout()))


def _enqueue(report: RenderedReport) -> RenderedReport:
    """Mark the report pending and queue its render once the caller's transaction commits.

    A worker (maybe on another machine) must never pick up a job whose row is not committed yet,
    and a request that rolls back queues nothing.
    """
    report.status = RenderedReport.Status.PENDING
    report.error = ""
    report.save(update_fields=["status", "error", "updated_at"])
    transaction.on_commit(partial(_send_to_queue, report.pk))
    return report


def _send_to_queue(report_id: int) -> None:
    result = tasks.render_report.enqueue(report_id)
    RenderedReport.objects.filter(pk=report_id).update(task_id=str(result.id))


def submitted_snapshot(*, assessment: Assessment) -> ResultSnapshot:
    """The frozen result of a submitted assessment; NotSubmitted for a draft."""
    if not assessment.is_submitted:
        raise NotSubmitted
    try:
        return assessment.snapshot
    except ResultSnapshot.DoesNotExist as exc:
        raise NotSubmitted from exc


def _snapshot_for_key(*, assessment: Assessment) -> tuple[ResultSnapshot, list[list[str]]]:
    """The snapshot as the cache key needs it (id, content hash, date; never its JSON, which would
    cost more to decode than the rest) and the trend part of the key, both from one query.

    `assessment` comes with its company and firm (the token and firm selectors join them), so the key
    costs no other query.
    """
    if not assessment.is_submitted:
        raise NotSubmitted
    rows = trend_rows_through(current=assessment)
    if not rows or rows[-1][1] != assessment.pk:  # the assessment's own snapshot comes last
        raise NotSubmitted
    pk, _assessment_id, content_hash, _submitted_at, created_at = rows[-1]
    snapshot = ResultSnapshot(pk=pk, assessment=assessment, content_hash=content_hash, created_at=created_at)
    trend = rows_fingerprint(rows)
    return snapshot, trend


def report_request(*, assessment: Assessment, lang: str) -> RenderedReport:
    """The report of `assessment` in `lang`: ready from the cache, or queued for rendering.

    Never renders in the caller's process; the job is queued when the caller's transaction commits.
    A failed render stays failed until report_retry(); NotSubmitted for a draft. A cache hit reads no
    file (whether the stored PDF is still there shows when the view opens it: report_file_lost) and
    writes nothing: two queries (the company's snapshots up to this one, the cache row).
    """
    snapshot, trend = _snapshot_for_key(assessment=assessment)
    lang = report_language(lang)
    key = report_cache_key(snapshot=snapshot, organization=assessment.organization, lang=lang, trend=trend)
    try:  # the key is unique
        report = RenderedReport.objects.get(key=key)
    except RenderedReport.DoesNotExist:
        report = None
    if report is not None and not _lost_job(report):
        return report
    return _report_create_or_requeue(snapshot=snapshot, key=key, lang=lang)


def _lost_job(report: RenderedReport) -> bool:
    return report.status == RenderedReport.Status.PENDING and report.updated_at < timezone.now() - _stale_after()


@transaction.atomic
def _report_create_or_requeue(*, snapshot: ResultSnapshot, key: str, lang: str) -> RenderedReport:
    report, created = RenderedReport.objects.get_or_create(key=key, defaults={"snapshot": snapshot, "language": lang})
    if created:
        # The PDFs of this snapshot and language made for an older name, branding or design are never
        # served again: drop them (their files go too, see signals.py).
        RenderedReport.objects.filter(snapshot=snapshot, language=lang).exclude(pk=report.pk).delete()
        return _enqueue(report)
    if _lost_job(report):
        return _enqueue(report)
    return report


@transaction.atomic
def report_retry(*, assessment: Assessment, lang: str) -> RenderedReport:
    """Queue a failed report again (a person asked for it); any other state is left as it is."""
    report = report_request(assessment=assessment, lang=lang)
    if report.status == RenderedReport.Status.FAILED:
        report = _enqueue(report)
    return report


@transaction.atomic
def report_file_lost(*, report: RenderedReport) -> RenderedReport:
    """The stored PDF of a ready report is gone (storage emptied by hand): render it again."""
    logger.warning("Cached report %s lost its file; rendering again", report.pk)
    return _enqueue(report)


def report_prerender(*, assessment: Assessment, lang: str) -> RenderedReport | None:
    """Queue the owner's report at submission, in the owner's language, so the first download is ready.

    Consultants ask for the same key (same snapshot, language, company, branding), so they hit the
    same PDF. Off with settings.REPORTS_PRERENDER = False.
    """
    if not getattr(settings, "REPORTS_PRERENDER", True):
        return None
    return report_request(assessment=assessment, lang=lang)


def _file_exists(report: RenderedReport) -> bool:
    return bool(report.pdf) and report.pdf.storage.exists(report.pdf.name)


def report_render(*, report_id: int) -> None:
    """Render one queued report and store the PDF (the body of the background task)."""
    report = RenderedReport.objects.select_related("snapshot__assessment__organization").filter(pk=report_id).first()
    if report is None:
        return  # superseded (new branding or design) and deleted before the worker got to it
    if report.status == RenderedReport.Status.READY and _file_exists(report):
        return  # a duplicate job: the first one already did the work
    snapshot = report.snapshot
    try:
        rendered = report_pdf(snapshot=snapshot, organization=snapshot.assessment.organization, lang=report.language)
    except Exception as exc:  # a template or render error: record it for the page, then let the queue log it
        RenderedReport.objects.filter(pk=report.pk).update(
            status=RenderedReport.Status.FAILED, error=str(exc)[:500], updated_at=timezone.now()
        )
        raise
    if report.pdf:
        report.pdf.storage.delete(report.pdf.name)
    report.pdf.save(f"{report.key}.pdf", ContentFile(rendered.pdf), save=False)
    stored = RenderedReport.objects.filter(pk=report.pk).update(
        pdf=report.pdf.name,
        status=RenderedReport.Status.READY,
        error="",
        render_seconds=round(rendered.seconds, 3),
        updated_at=timezone.now(),
    )
    if not stored:  # the owner deleted the assessment (or it was superseded) while the PDF was rendering
        report.pdf.storage.delete(report.pdf.name)
        logger.info("Report %s was deleted while rendering; its PDF is discarded", report.pk)
        return
    logger.info(
        "Rendered report %s (%s, %d bytes) in %.2f s, peak %d MiB",
        report.pk,
        report.language,
        len(rendered.pdf),
        rendered.seconds,
        rendered.peak_rss_kib // 1024,
    )
