"""Automatic reminders to an owner who stopped answering: when one is due, one check, the pass for cron.

Each live link has one chain of checks queued as background tasks (consultants.tasks); a check sends a
reminder after the firm's `reminder_days` without progress and queues the next one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assessments.models import Answer, Assessment, Invitation
from consultants.services.emails import invitation_email_send
from consultants.services.links import invitation_is_live, invitation_issued_at

REMINDER_RETRY_AFTER_FAILURE = timedelta(hours=6)


def assessment_last_activity(*, assessment: Assessment) -> datetime:
    """When the owner last made progress: the assessment's last change or the newest saved answer."""
    newest_answer = Answer.objects.filter(assessment=assessment).aggregate(newest=Max("updated_at"))["newest"]
    return max(filter(None, [assessment.updated_at, newest_answer]))


def invitation_idle_since(invitation: Invitation) -> datetime:
    """The start of the idle clock: progress, the link being made, or the last reminder, whichever is last."""
    moments = [assessment_last_activity(assessment=invitation.assessment), invitation_issued_at(invitation)]
    if invitation.last_reminder_at:
        moments.append(invitation.last_reminder_at)
    return max(moments)


def _first_check(invitation: Invitation, *, now: datetime) -> datetime:
    firm = invitation.organization.firm
    return now + timedelta(days=firm.reminder_days if firm else 7)


def _reminder_stops(invitation: Invitation, *, now: datetime) -> bool:
    """No automatic reminder will ever be due for this link (so no further check is scheduled)."""
    organization = invitation.organization
    firm = organization.firm
    return (
        firm is None
        or not invitation_is_live(invitation, now=now)
        or invitation.assessment.is_submitted
        or organization.archived_at is not None
        or invitation.reminders_sent >= min(firm.reminder_max, 3)
    )


def invitation_reminder_due_at(*, invitation: Invitation, now: datetime | None = None) -> datetime | None:
    """When the next automatic reminder is due, or None when none will be."""
    now = now or timezone.now()
    if _reminder_stops(invitation, now=now):
        return None
    due = invitation_idle_since(invitation) + timedelta(days=invitation.organization.firm.reminder_days)
    return due if due < invitation.expires_at else None


@transaction.atomic
def invitation_reminder_run(
    *,
    invitation_id: int,
    base_url: str,
    generation: str | None = None,
    now: datetime | None = None,
    reschedule: bool = True,
) -> bool:
    """One check of one invitation: e-mail the owner when idle for the firm's days. True when sent.

    `generation` (from the scheduled task) ties a check to one link: after a renewal the old chain of
    checks stops. With `reschedule`, the next check is queued for when the next reminder could be due.
    """
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organization__firm", "assessment", "created_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or (generation is not None and invitation_generation(invitation) != generation):
        return False
    due = invitation_reminder_due_at(invitation=invitation, now=now)
    if due is None:
        return False
    sent = False
    if due <= now:
        recipient = invitation.sent_to or invitation.organization.contact_email
        if recipient and invitation_email_send(
            invitation=invitation, recipient=recipient, base_url=base_url, kind="reminder"
        ):
            invitation.reminders_sent += 1
            invitation.last_reminder_at = now
            invitation.save(update_fields=["reminders_sent", "last_reminder_at"])
            sent = True
        due = invitation_reminder_due_at(invitation=invitation, now=now)
        if not sent and due is not None and due <= now:
            due = now + REMINDER_RETRY_AFTER_FAILURE  # no address yet, or the mail server failed
    if reschedule and due is not None:
        _schedule_reminder_check(invitation=invitation, base_url=base_url, run_after=due)
    return sent


def invitation_reminders_send_due(*, base_url: str, now: datetime | None = None) -> int:
    """One pass over every live invitation (for cron): send the reminders that are due. How many were sent."""
    now = now or timezone.now()
    candidates = Invitation.objects.filter(
        revoked_at=None,
        expires_at__gt=now,
        assessment__status=Assessment.Status.DRAFT,
        organization__archived_at=None,
        organization__firm__isnull=False,
    ).values_list("pk", flat=True)
    return sum(
        invitation_reminder_run(invitation_id=pk, base_url=base_url, now=now, reschedule=False)
        for pk in list(candidates)
    )


def invitation_generation(invitation: Invitation) -> str:
    """Names the current link without revealing it (a prefix of the stored hash)."""
    return invitation.token_hash[:16]


def _schedule_reminder_check(*, invitation: Invitation, base_url: str, run_after: datetime) -> None:
    """Queue the next check after the transaction commits, on a backend that can run tasks later."""
    from consultants.tasks import invitation_reminder_check  # the task module imports this one

    if run_after >= invitation.expires_at:
        return
    task = invitation_reminder_check
    if not getattr(task.get_backend(), "supports_defer", False):
        # e.g. the immediate backend of some tests: `manage.py send_reminders` (cron) covers it.
        return
    args = (invitation.pk, invitation_generation(invitation), base_url)
    transaction.on_commit(lambda: task.using(run_after=run_after).enqueue(*args))
