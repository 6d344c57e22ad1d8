"""A deleted cache row takes its PDF file with it (rows go when their snapshot does, or by hand)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from assessments.reports.models import RenderedReport


@receiver(post_delete, sender=RenderedReport)
def delete_report_file(sender, instance: RenderedReport, **kwargs) -> None:
    if instance.pdf:
        storage, name = instance.pdf.storage, instance.pdf.name
        transaction.on_commit(lambda: storage.delete(name))  # not if the deletion is rolled back
