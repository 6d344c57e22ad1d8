"""ARCO from the owner's link: download everything stored (JSON, CSV) and delete the assessment.

Only the secret link opens these pages: another link, no link, or a consultant of any firm get a 404
and nothing changes. A deletion without the confirmation loses nothing.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Assessment, Organization, ResultSnapshot
from assessments.reports.models import RenderedReport
from assessments.views.token import RESUME_COOKIE
from deliverables.models import Note, ReportVersion
from tests.factories import OrganizationFactory


def url(name, token):
    return reverse(f"assessments:{name}", kwargs={"token": token})


def stored_files(assessment) -> list[str]:
    names = [r.pdf.name for r in RenderedReport.objects.filter(snapshot__assessment=assessment)]
    for version in ReportVersion.objects.filter(assessment=assessment):
        names += [f.name for f in (version.pdf_es, version.pdf_en, version.docx_es, version.docx_en) if f]
    return names


# --- Download ------------------------------------------------------------------------------------


def test_the_json_download_holds_every_answer_and_the_company_data(client, submitted_alone):
    assessment, token = submitted_alone
    Assessment.objects.filter(pk=assessment.pk).update(owner_email="duena@example.mx")
    response = client.get(url("privacy_json", token))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    stored = {a.question_key: a.value for a in Answer.objects.filter(assessment=assessment)}
    assert stored and {row["question_key"]: row["value"] for row in data["answers"]} == stored
    assert all(row["question"] for row in data["answers"])  # the question's text, not only its key
    assert data["company"]["name"] == assessment.organization.name
    assert "" not in data["company"].values()  # no blank field that reads as if the owner had left it empty
    assert data["assessment"]["owner_email"] == "duena@example.mx"
    assert data["result"]["overall"] == assessment.snapshot.overall


def test_the_csv_download_has_a_row_per_answer_and_no_spreadsheet_formulas(client, started, bank):
    assessment, token = started
    Organization.objects.filter(pk=assessment.organization_id).update(contact_name='=HYPERLINK("http://x")')
    services.assessment_save_answers(assessment=assessment, answers={"company_size": "small"})
    response = client.get(url("privacy_csv", token))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    answers = [row for row in rows if row[0] == "answers"]
    assert [row[1] for row in answers] == ["company_size"]
    assert answers[0][2] == bank.question("company_size").text.es
    contact = next(row for row in rows if row[:2] == ["company", "contact_name"])
    assert contact[3].startswith("'=")  # printed as text, never run as a formula


def test_a_draft_downloads_its_answers_too(client, started):
    assessment, token = started
    services.assessment_save_answers(assessment=assessment, answers={"company_size": "micro"})
    data = json.loads(client.get(url("privacy_json", token)).content)
    assert [row["value"] for row in data["answers"]] == ["micro"]
    assert "result" not in data


def test_each_link_downloads_only_its_own_assessment(client, submitted_alone):
    mine, my_token = services.assessment_start(organization=OrganizationFactory())
    services.assessment_save_answers(assessment=mine, answers={"company_size": "micro"})
    data = json.loads(client.get(url("privacy_json", my_token)).content)
    assert data["company"]["name"] == mine.organization.name
    assert len(data["answers"]) == 1


@pytest.mark.parametrize("name", ["privacy_data", "privacy_json", "privacy_csv", "privacy_delete"])
def test_a_wrong_link_gets_a_404_even_for_a_logged_in_consultant(client, name, handed_over, consultant):
    client.force_login(consultant)  # the firm's own consultant: still no way in without the owner's link
    response = client.get(url(name, "x" * 43))
    assert response.status_code == 404
    assert Assessment.objects.filter(pk=handed_over[0].pk).exists()


# --- Delete --------------------------------------------------------------------------------------


def test_the_data_page_offers_both_downloads_and_the_deletion(client, submitted_alone):
    _, token = submitted_alone
    page = client.get(url("privacy_data", token)).content.decode()
    for name in ("privacy_json", "privacy_csv", "privacy_delete"):
        assert url(name, token) in page


def test_deleting_without_the_confirmation_loses_nothing(client, submitted_alone):
    assessment, token = submitted_alone
    answers = Answer.objects.filter(assessment=assessment).count()
    files = stored_files(assessment)
    response = client.post(url("privacy_delete", token), {})
    assert response.status_code == 400
    assert "Marque la casilla" in response.content.decode()
    assert Answer.objects.filter(assessment=assessment).count() == answers
    assert ResultSnapshot.objects.filter(assessment=assessment).exists()
    assert all(default_storage.exists(name) for name in files)
    assert client.get(url("results", token)).status_code == 200


def test_the_confirmation_page_is_a_form_with_csrf(client, submitted_alone):
    _, token = submitted_alone
    page = client.get(url("privacy_delete", token)).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and 'name="confirm"' in page


def test_a_post_without_the_csrf_token_is_refused(submitted_alone):
    assessment, token = submitted_alone
    response = Client(enforce_csrf_checks=True).post(url("privacy_delete", token), {"confirm": "1"})
    assert response.status_code == 403
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_deleting_removes_every_row_and_file_and_the_company_left_alone(
    client, submitted_alone, django_capture_on_commit_callbacks
):
    assessment, token = submitted_alone
    organization = assessment.organization
    files = stored_files(assessment)
    assert files and all(default_storage.exists(name) for name in files)
    client.get(url("privacy_data", token))  # this browser remembers the link
    assert client.cookies[RESUME_COOKIE].value

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("privacy_delete", token), {"confirm": "1"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "fue borrada" in page and "los datos de su empresa" in page
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not Answer.objects.filter(assessment_id=assessment.pk).exists()
    assert not ResultSnapshot.objects.filter(assessment_id=assessment.pk).exists()
    assert not RenderedReport.objects.filter(snapshot__assessment_id=assessment.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert not Organization.objects.filter(pk=organization.pk).exists()
    assert response.cookies[RESUME_COOKIE]["max-age"] == 0  # the link leaves this browser
    assert client.get(url("results", token)).status_code == 404
    assert client.get(reverse("assessments:landing")).status_code == 200


def test_a_handed_over_company_keeps_the_firms_client_record_only(
    client, handed_over, firm, django_capture_on_commit_callbacks
):
    assessment, token = handed_over
    organization = assessment.organization
    files = stored_files(assessment)
    assert any(name.endswith(".docx") for name in files)
    confirm_page = client.get(url("privacy_delete", token)).content.decode()
    assert firm.name in confirm_page and "registro de cliente" in confirm_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("privacy_delete", token), {"confirm": "1"})

    assert response.status_code == 200 and firm.name in response.content.decode()
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not Note.objects.filter(assessment_id=assessment.pk).exists()
    assert not ReportVersion.objects.filter(assessment_id=assessment.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
    organization.refresh_from_db()  # the firm's client record stays, with its contact
    assert organization.firm == firm and organization.contact_name == "Ana Pérez"


def test_the_companys_other_assessments_stay(client, started):
    assessment, token = started
    organization = assessment.organization
    earlier, _ = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=earlier, answers={"company_size": "small"})

    response = client.post(url("privacy_delete", token), {"confirm": "1"})

    assert response.status_code == 200
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert Assessment.objects.filter(pk=earlier.pk).exists()
    assert Answer.objects.filter(assessment=earlier).count() == 1
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_a_firms_invitation_link_deletes_the_draft_and_the_invitation(client, firm, consultant):
    from consultants import services as consultant_services

    organization = OrganizationFactory(firm=firm)
    invitation = consultant_services.invitation_create(
        organization=organization, created_by=consultant, base_url="http://testserver"
    ).invitation
    token = consultant_services.invitation_token(invitation=invitation)
    draft = invitation.assessment

    response = client.post(url("privacy_delete", token), {"confirm": "1"})

    assert response.status_code == 200
    assert not Assessment.objects.filter(pk=draft.pk).exists()
    assert not type(invitation).objects.filter(pk=invitation.pk).exists()
    assert Organization.objects.filter(pk=organization.pk, firm=firm).exists()
    assert client.get(url("link", token)).status_code == 404


def test_the_browser_keeps_remembering_another_assessment(client, started):
    mine, my_token = started
    other, other_token = services.assessment_start(organization=OrganizationFactory())
    client.get(url("link", other_token))  # this browser remembers the other assessment's link

    response = client.post(url("privacy_delete", my_token), {"confirm": "1"})

    assert response.status_code == 200
    assert not Assessment.objects.filter(pk=mine.pk).exists()
    landing = client.get(reverse("assessments:landing")).content.decode()
    assert other.organization.name in landing


def test_a_second_deletion_of_the_same_assessment_is_a_not_found(started):
    from assessments import privacy
    from readiness.errors import NotFound

    assessment, _token = started
    privacy.assessment_delete(assessment=assessment)
    with pytest.raises(NotFound):
        privacy.assessment_delete(assessment=assessment)  # a double click that passed the link check


def test_the_firms_pages_still_work_after_the_owner_deleted(client, handed_over, consultant_client):
    assessment, token = handed_over
    organization = assessment.organization
    assert client.post(url("privacy_delete", token), {"confirm": "1"}).status_code == 200

    detail = consultant_client.get(reverse("consultants:client_detail", kwargs={"org_id": organization.pk}))
    assert detail.status_code == 200 and organization.name in detail.content.decode()
    assert consultant_client.get(reverse("consultants:dashboard")).status_code == 200
    gone = reverse("consultants:assessment_detail", kwargs={"assessment_id": assessment.pk})
    assert consultant_client.get(gone).status_code == 404
