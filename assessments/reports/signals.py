"""Receivers of the report app.

- A deleted cache row takes its PDF file with it (rows go when their snapshot does, or by hand).
- A submission queues the owner's report (pre-rendering), so that the first download is ready at once.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from assessments.models import ResultSnapshot
from assessments.reports.models import RenderedReport

logger = logging.getLogger(__name__)


@receiver(post_delete, sender=RenderedReport)
def delete_report_file(sender, instance: RenderedReport, **kwargs) -> None:
    if instance.pdf:
        storage, name = instance.pdf.storage, instance.pdf.name
        transaction.on_commit(lambda: storage.delete(name))  # not if the deletion is rolled back


@receiver(post_save, sender=ResultSnapshot)
def prerender_on_submission(sender, instance: ResultSnapshot, created: bool, raw: bool = False, **kwargs) -> None:
    """A snapshot is frozen once, at submission: queue its report in the language the owner is using.

    After the commit, when the assessment reads as submitted; robust: a failure to queue is logged and
    never turns a saved submission into an error page (the download queues it again).
    """
    if not created or raw:
        return
    lang = get_language() or ""
    transaction.on_commit(partial(_prerender, instance.assessment_id, lang), robust=True)


def _prerender(assessment_id: int, lang: str) -> None:
    from assessments.models import Assessment
    from assessments.reports.services import NotSubmitted, report_prerender

    assessment = Assessment.objects.select_related("organization__firm").filter(pk=assessment_id).first()
    if assessment is None:
        return
    try:
        report_prerender(assessment=assessment, lang=lang or assessment.language)
    except NotSubmitted:
        logger.info("Assessment %s has a snapshot but is not submitted: no report queued", assessment_id)
