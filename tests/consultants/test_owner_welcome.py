"""An owner who opens a firm's invitation first sees who invited them and what to expect."""

from django.urls import reverse

from assessments import services
from tests.factories import OrganizationFactory


def test_the_first_visit_through_a_firms_link_names_the_firm_then_starts(client, firm):
    org = OrganizationFactory(firm=firm, name="Ferretería El Tornillo")
    _, token = services.assessment_start(organization=org)
    url = reverse("assessments:resume", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Robles Ciberseguridad" in text and "Ferretería El Tornillo" in text
    start = client.get(url + "?empezar=1")
    assert start.status_code == 302 and "/paso/" in start["Location"]


def test_an_owner_assessing_alone_goes_straight_to_the_questionnaire(client, organization):
    _, token = services.assessment_start(organization=organization)
    response = client.get(reverse("assessments:resume", kwargs={"token": token}))
    assert response.status_code == 302 and "/paso/" in response["Location"]


def test_the_welcome_is_not_shown_again_once_answers_are_saved(client, firm, sample_answers):
    org = OrganizationFactory(firm=firm)
    assessment, token = services.assessment_start(organization=org)
    services.assessment_save_answers(assessment=assessment, answers={"company_size": sample_answers["company_size"]})
    response = client.get(reverse("assessments:resume", kwargs={"token": token}))
    assert response.status_code == 302
