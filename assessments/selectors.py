"""Reads: every lookup is scoped to the requesting consultant or to the secret token."""

from __future__ import annotations

import hmac
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from assessments.models import Assessment, Organization, ResultSnapshot
from assessments.tokens import token_hash


def assessment_get_by_token(*, token: str) -> Assessment:
    """The assessment behind a resume token; Http404 for a wrong or expired token."""
    digest = token_hash(token or "")
    assessment = Assessment.objects.select_related("organization").filter(token_hash=digest).first()
    # The lookup is by hash, so timing reveals nothing about the token; compare anyway.
    if assessment is None or not hmac.compare_digest(assessment.token_hash, digest):
        raise Http404("unknown token")
    if assessment.token_expires_at and assessment.token_expires_at < timezone.now():
        raise Http404("expired token")
    return assessment


def assessment_answers(*, assessment: Assessment) -> dict[str, Any]:
    return {a.question_key: a.value for a in assessment.answers.all()}


def assessment_snapshot(*, assessment: Assessment) -> ResultSnapshot:
    """The frozen result of a submitted assessment; Http404 when there is none."""
    try:
        return ResultSnapshot.objects.get(assessment=assessment)
    except ResultSnapshot.DoesNotExist as exc:
        raise Http404("not submitted") from exc


def organization_list_for_consultant(*, user) -> QuerySet[Organization]:
    return Organization.objects.filter(consultant=user)


def assessment_get_for_consultant(*, user, assessment_id: int) -> Assessment:
    try:
        return Assessment.objects.select_related("organization").get(
            pk=assessment_id, organization__consultant=user
        )
    except Assessment.DoesNotExist as exc:
        raise Http404("no such assessment") from exc
