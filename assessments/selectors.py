"""Reads: every lookup is scoped to the requesting consultant or to the secret token."""

from __future__ import annotations

import hmac
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from assessments.models import Assessment, Invitation, Organization, ResultSnapshot
from assessments.tokens import token_hash
from readiness.errors import NotFound


def assessment_get_by_token(*, token: str) -> Assessment:
    """The assessment behind a resume token or a firm's invitation link; NotFound when wrong or expired.

    A firm's invitation is a resume link too: the owner answers through it, without an account,
    until the firm revokes or renews it, or it expires.
    """
    digest = token_hash(token or "")
    try:  # get(), not first(): the hash is unique, and first()'s ORDER BY costs a millisecond per page here
        assessment = Assessment.objects.select_related("organization__firm").get(token_hash=digest)
    except Assessment.DoesNotExist:
        return _assessment_get_by_invitation(digest=digest)
    # The lookup is by hash, so timing reveals nothing about the token; compare anyway.
    if not hmac.compare_digest(assessment.token_hash, digest):
        raise NotFound("unknown token")
    if assessment.token_expires_at and assessment.token_expires_at < timezone.now():
        raise NotFound("expired token")
    return assessment


def _assessment_get_by_invitation(*, digest: str) -> Assessment:
    invitation = (
        Invitation.objects.select_related("assessment__organization__firm")
        .filter(token_hash=digest, revoked_at=None, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation.token_hash, digest):
        raise NotFound("unknown token")
    return invitation.assessment


def assessment_answers(*, assessment: Assessment) -> dict[str, Any]:
    return dict(assessment.answers.values_list("question_key", "value"))


def assessment_snapshot(*, assessment: Assessment) -> ResultSnapshot:
    """The frozen result of a submitted assessment; NotFound when there is none."""
    try:
        return ResultSnapshot.objects.get(assessment=assessment)
    except ResultSnapshot.DoesNotExist as exc:
        raise NotFound("not submitted") from exc


def organization_list_for_firm(*, firm) -> QuerySet[Organization]:
    return Organization.objects.filter(firm=firm)


def assessment_get_for_firm(*, firm, assessment_id: int) -> Assessment:
    """An assessment of one of the firm's client companies; NotFound for any other."""
    try:
        return Assessment.objects.select_related("organization__firm").get(pk=assessment_id, organization__firm=firm)
    except Assessment.DoesNotExist as exc:
        raise NotFound("no such assessment") from exc
