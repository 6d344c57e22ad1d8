"""Automatic reminders: after the firm's N idle days, at most its maximum, never after submission."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Answer, Assessment, Invitation
from consultants import services
from tests.factories import OrganizationFactory

BASE_URL = "https://ciberlisto.example.mx/"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def invitation(firm, consultant):
    org = OrganizationFactory(firm=firm, name="Clínica Sonrisa", contact_email="dra@sonrisa.mx")
    outcome = services.invitation_create(organization=org, created_by=consultant, base_url=BASE_URL)
    mail.outbox.clear()
    return outcome.invitation


def run(invitation, *, days: float, **kwargs) -> bool:
    return services.invitation_reminder_run(
        invitation_id=invitation.pk,
        base_url=BASE_URL,
        now=timezone.now() + timedelta(days=days),
        reschedule=False,
        **kwargs,
    )


def progress_at(assessment, moment):
    """The owner saved an answer at `moment`."""
    Answer.objects.update_or_create(assessment=assessment, question_key="company_size", defaults={"value": "micro"})
    Answer.objects.filter(assessment=assessment).update(updated_at=moment)
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=moment)


def test_no_reminder_before_the_idle_days(invitation):
    assert run(invitation, days=6.9) is False
    assert not mail.outbox


def test_a_reminder_after_the_idle_days_with_the_link(invitation):
    assert run(invitation, days=7.01) is True
    [message] = mail.outbox
    assert message.to == ["dra@sonrisa.mx"] and "Recordatorio" in message.subject
    assert BASE_URL.rstrip("/") + services.invitation_path(invitation=invitation) in message.body
    invitation.refresh_from_db()
    assert invitation.reminders_sent == 1 and invitation.last_reminder_at is not None


def test_the_next_one_waits_another_n_days_and_stops_at_the_maximum(invitation):
    sent = [day for day in range(1, 30) if run(invitation, days=day + 0.01)]
    assert sent == [7, 14, 21]  # the firm's default: every 7 idle days, at most 3
    invitation.refresh_from_db()
    assert invitation.reminders_sent == 3 and len(mail.outbox) == 3


def test_the_firm_settings_decide_days_and_maximum(invitation, firm):
    firm.reminder_days, firm.reminder_max = 3, 1
    firm.save()
    sent = [day for day in range(1, 30) if run(invitation, days=day + 0.01)]
    assert sent == [3]


def test_a_firm_can_turn_them_off(invitation, firm):
    firm.reminder_max = 0
    firm.save()
    assert not any(run(invitation, days=day) for day in range(1, 30))


def test_progress_restarts_the_idle_clock(invitation):
    progress_at(invitation.assessment, timezone.now() + timedelta(days=5))
    assert run(invitation, days=8) is False  # only 3 days idle
    assert run(invitation, days=12.01) is True


def test_never_after_submission(invitation, sample_answers):
    assessment_services.assessment_save_answers(assessment=invitation.assessment, answers=sample_answers)
    assessment_services.assessment_submit(assessment=invitation.assessment)
    assert not any(run(invitation, days=day) for day in range(1, 30))
    assert not mail.outbox


def test_never_with_a_revoked_or_expired_link_or_an_archived_company(invitation):
    services.invitation_revoke(invitation=invitation)
    assert run(invitation, days=8) is False
    services.invitation_renew(invitation=invitation, base_url=BASE_URL)
    services.organization_archive(organization=invitation.organization)
    assert run(invitation, days=8) is False
    services.organization_unarchive(organization=invitation.organization)
    assert run(invitation, days=31) is False  # the link expired after 30 days
    assert not mail.outbox


def test_a_manual_reminder_restarts_the_clock(invitation):
    services.invitation_remind(invitation=invitation, base_url=BASE_URL)
    invitation.refresh_from_db()
    assert run(invitation, days=7.01) is True  # 7 days after the manual one (sent a moment after the link)
    invitation.refresh_from_db()
    assert invitation.reminders_sent == 1  # the maximum counts automatic reminders only


def test_creating_an_invitation_queues_the_first_check_after_n_days(
    settings, firm, consultant, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    from django_tasks import default_task_backend

    org = OrganizationFactory(firm=firm, contact_email="a@b.mx")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(organization=org, created_by=consultant, base_url=BASE_URL).invitation
    [queued] = default_task_backend.results
    assert queued.task.name == "invitation_reminder_check"
    assert queued.args[0] == invitation.pk and queued.args[2] == BASE_URL
    assert services.invitation_token(invitation=invitation) not in repr(queued.args)  # no secret in the queue
    expected = timezone.now() + timedelta(days=7)
    assert abs(queued.task.run_after - expected) < timedelta(minutes=1)


def test_a_check_sends_and_queues_the_next_one(settings, invitation, django_capture_on_commit_callbacks):
    settings.TASKS = DUMMY_TASKS
    from django_tasks import default_task_backend

    later = timezone.now() + timedelta(days=7, minutes=1)
    generation = services.invitation_generation(invitation)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.invitation_reminder_run(
            invitation_id=invitation.pk, base_url=BASE_URL, generation=generation, now=later
        )
    assert sent and len(mail.outbox) == 1
    [queued] = default_task_backend.results
    assert abs(queued.task.run_after - (later + timedelta(days=7))) < timedelta(minutes=1)


def test_a_check_of_a_renewed_link_stops_the_old_chain(invitation):
    old_generation = services.invitation_generation(invitation)
    services.invitation_renew(invitation=invitation, base_url=BASE_URL)
    assert run(invitation, days=8, generation=old_generation) is False
    assert run(invitation, days=8, generation=services.invitation_generation(Invitation.objects.get())) is True


def test_the_task_runs_the_check(invitation):
    from consultants.tasks import invitation_reminder_check

    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(days=22))
    Assessment.objects.filter(pk=invitation.assessment_id).update(updated_at=timezone.now() - timedelta(days=9))
    Answer.objects.filter(assessment_id=invitation.assessment_id).update(updated_at=timezone.now() - timedelta(days=9))
    invitation.assessment.refresh_from_db()
    invitation.refresh_from_db()
    assert invitation_reminder_check.call(invitation.pk, services.invitation_generation(invitation), BASE_URL) is True
    assert len(mail.outbox) == 1


def test_the_command_sends_the_due_reminders_once(invitation, firm, consultant):
    # Issued 8 days ago, no progress since: due. A second company with progress yesterday: not due.
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(days=22))
    Assessment.objects.filter(pk=invitation.assessment_id).update(updated_at=timezone.now() - timedelta(days=8))
    Answer.objects.filter(assessment_id=invitation.assessment_id).update(updated_at=timezone.now() - timedelta(days=8))
    busy = OrganizationFactory(firm=firm, contact_email="ocupada@x.mx")
    other = services.invitation_create(organization=busy, created_by=consultant, base_url=BASE_URL).invitation
    Invitation.objects.filter(pk=other.pk).update(expires_at=timezone.now() + timedelta(days=22))
    progress_at(other.assessment, timezone.now() - timedelta(days=1))
    mail.outbox.clear()
    out = StringIO()
    call_command("send_reminders", "--base-url", BASE_URL, stdout=out)
    assert "1 reminder(s) sent" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["dra@sonrisa.mx"]]
    call_command("send_reminders", "--base-url", BASE_URL, stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_command_needs_the_public_address(db, settings):
    settings.SITE_URL = ""
    with pytest.raises(CommandError):
        call_command("send_reminders", stdout=StringIO())


def test_with_the_database_queue_the_check_waits_in_the_table(
    settings, firm, consultant, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    org = OrganizationFactory(firm=firm, contact_email="a@b.mx")
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(organization=org, created_by=consultant, base_url=BASE_URL)
    row = DBTaskResult.objects.get()
    assert row.task_path == "consultants.tasks.invitation_reminder_check"
    assert row.run_after > timezone.now() + timedelta(days=6)
    assert not DBTaskResult.objects.ready().exists()  # the worker leaves it until then
