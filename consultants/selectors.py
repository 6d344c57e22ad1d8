"""Reads for the consultant's pages, always scoped to the consultant's firm."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from assessments.models import Assessment, Organization


def client_list_with_assessments(*, firm) -> QuerySet[Organization]:
    """The consultant's client companies, each with its assessments (newest first) and results."""
    assessments = Assessment.objects.select_related("snapshot").order_by("-created_at")
    return (
        Organization.objects.filter(firm=firm, archived_at=None)
        .prefetch_related(Prefetch("assessments", queryset=assessments))
        .order_by("name")
    )
