"""`manage.py purge_drafts`: drafts nobody saved for N days go, with their answers and the companies they
leave empty; submitted assessments, fresh drafts and drafts a firm's live invitation opens stay."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments import services
from assessments.models import Answer, Assessment, Invitation, Organization
from consultants import services as consultant_services
from tests.factories import OrganizationFactory


def idle(assessment, days):
    """Pretend `assessment` was last saved `days` days ago."""
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now() - timedelta(days=days))


def draft(days_idle, **org_fields):
    assessment, _token = services.assessment_start(organization=OrganizationFactory(**org_fields))
    services.assessment_save_answers(assessment=assessment, answers={"company_size": "micro"})
    idle(assessment, days_idle)
    return assessment


def purge(*args):
    out = StringIO()
    call_command("purge_drafts", *args, stdout=out)
    return out.getvalue()


def exists(assessment):
    return Assessment.objects.filter(pk=assessment.pk).exists()


def test_an_old_draft_goes_with_its_answers_and_its_company(db):
    old = draft(181)
    out = purge()
    assert not exists(old)
    assert not Answer.objects.filter(assessment_id=old.pk).exists()
    assert not Organization.objects.filter(pk=old.organization_id).exists()
    assert f"deleted draft {old.pk} of company {old.organization_id} and its company" in out
    assert old.organization.name not in out  # ids only: this output ends up in logs


def test_a_recent_draft_stays(db):
    recent = draft(179)
    out = purge()
    assert exists(recent)
    assert "0 draft(s)" in out


def test_a_submitted_assessment_is_never_purged(db, sample_answers):
    assessment, _token = services.assessment_start(organization=OrganizationFactory())
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    services.assessment_submit(assessment=assessment)
    idle(assessment, 2000)
    purge("--days", "1")
    assert exists(assessment)


def test_a_firms_client_loses_the_old_draft_but_keeps_its_record(firm):
    old = draft(400, firm=firm)
    purge()
    assert not exists(old)
    assert Organization.objects.filter(pk=old.organization_id, firm=firm).exists()


def test_the_draft_of_a_re_assessment_goes_but_the_submitted_one_stays(db, sample_answers):
    organization = OrganizationFactory()
    first, _ = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=first, answers=sample_answers)
    services.assessment_submit(assessment=first)
    followup, _ = services.assessment_start_followup(organization=organization)
    idle(followup, 365)
    purge()
    assert not exists(followup) and exists(first)
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_a_draft_behind_a_live_invitation_stays_until_the_invitation_ends(firm, consultant):
    organization = OrganizationFactory(firm=firm)
    invitation = consultant_services.invitation_create(
        organization=organization, created_by=consultant, base_url="http://testserver"
    ).invitation
    idle(invitation.assessment, 365)
    purge()
    assert exists(invitation.assessment)

    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    purge()
    assert not exists(invitation.assessment)


def test_a_dry_run_deletes_nothing_and_says_what_it_would(db):
    old = draft(200)
    out = purge("--dry-run")
    assert exists(old)
    assert f"would delete draft {old.pk}" in out


def test_days_come_from_the_option_or_the_setting(db, settings):
    old = draft(40)
    purge()
    assert exists(old)  # the default is 180 days
    settings.DRAFT_RETENTION_DAYS = 30
    purge()
    assert not exists(old)
    other = draft(10)
    purge("--days", "20")
    assert exists(other)
    purge("--days", "5")
    assert not exists(other)


def test_zero_days_is_refused(db):
    old = draft(1)
    with pytest.raises(CommandError):
        purge("--days", "0")
    assert exists(old)


def test_old_companies_with_nothing_and_no_firm_go(db, firm):
    empty = OrganizationFactory()
    Organization.objects.filter(pk=empty.pk).update(created_at=timezone.now() - timedelta(days=365))
    new_empty = OrganizationFactory()
    firm_client = OrganizationFactory(firm=firm)
    Organization.objects.filter(pk=firm_client.pk).update(created_at=timezone.now() - timedelta(days=365))
    out = purge()
    assert not Organization.objects.filter(pk=empty.pk).exists()
    assert Organization.objects.filter(pk=new_empty.pk).exists()  # maybe being started right now
    assert Organization.objects.filter(pk=firm_client.pk).exists()
    assert f"deleted company {empty.pk}" in out


def test_a_draft_saved_after_it_was_listed_stays(db):
    from assessments import privacy

    old = draft(200)
    cutoff = timezone.now() - timedelta(days=180)
    services.assessment_save_answers(assessment=old, answers={"company_size": "small"})  # the owner is back
    with pytest.raises(privacy.NoLongerAbandoned):
        privacy.assessment_delete(assessment=old, idle_before=cutoff)
    assert exists(old)
