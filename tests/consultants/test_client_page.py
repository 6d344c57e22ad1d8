"""The client page and the assessment page: contact data, every assessment, results and answers."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import presenters, services
from consultants.exports import score_round
from tests.consultants.test_dashboard import draft_client, submitted_client
from tests.factories import OrganizationFactory


def detail_url(org) -> str:
    return reverse("consultants:client_detail", args=[org.pk])


def assessment_url(assessment) -> str:
    return reverse("consultants:assessment_detail", args=[assessment.pk])


def test_client_page_shows_contact_data_and_actions(consultant_client, firm):
    org = OrganizationFactory(
        firm=firm,
        name="Ferretería Robles",
        contact_name="Ana Ruiz",
        contact_email="ana@robles.mx",
        contact_phone="+52 33 1234 5678",
        sector="comercio",
    )
    response = consultant_client.get(detail_url(org))
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Ferretería Robles", "Ana Ruiz", "mailto:ana@robles.mx", "+52 33 1234 5678", "Comercio"):
        assert text in page
    assert reverse("consultants:client_edit", args=[org.pk]) in page
    assert f'action="{reverse("consultants:client_archive", args=[org.pk])}"' in page
    assert "todavía no tiene evaluaciones" in page
    # No submitted assessment yet: nothing to re-assess.
    assert reverse("consultants:reassessment_start", args=[org.pk]) not in page


def test_client_page_lists_every_assessment_with_score_and_pdfs(consultant_client, firm):
    org, first, snapshot = submitted_client(firm, name="Con Historia")
    draft, _ = services.assessment_start(organization=org)
    page = consultant_client.get(detail_url(org)).content.decode()
    report = reverse("reports:consultant_report", kwargs={"assessment_id": first.pk})
    assert f"{report}?lang=es" in page and f"{report}?lang=en" in page
    assert reverse("reports:consultant_report", kwargs={"assessment_id": draft.pk}) not in page
    assert assessment_url(first) in page and assessment_url(draft) in page
    assert f"{score_round(snapshot.overall)}/100" in page
    assert "Enviada" in page and "Borrador" in page
    assert f'action="{reverse("consultants:reassessment_start", args=[org.pk])}"' in page


def test_client_page_merges_the_invitation_and_trend_panels(consultant_client, firm, monkeypatch):
    from consultants.views import detail

    seen = {}
    real_panel, real_trend = detail.invitation_panel_context, detail.organization_trend

    def panel(*, request, organization):
        seen["panel"] = organization
        return {**real_panel(request=request, organization=organization), "panel_marker": "PANEL"}

    def trend(*, organization):
        seen["trend"] = organization
        return {**real_trend(organization=organization), "trend_marker": "TREND"}

    monkeypatch.setattr(detail, "invitation_panel_context", panel)
    monkeypatch.setattr(detail, "organization_trend", trend)
    org = OrganizationFactory(firm=firm)
    response = consultant_client.get(detail_url(org))
    assert seen == {"panel": org, "trend": org}
    assert response.context["panel_marker"] == "PANEL" and response.context["trend_marker"] == "TREND"
    assert "consultants/_invitations.html" in [t.name for t in response.templates]
    assert "consultants/_trend.html" in [t.name for t in response.templates]


def test_an_archived_client_page_offers_to_restore(consultant_client, firm):
    org = OrganizationFactory(firm=firm, archived_at=timezone.now())
    page = consultant_client.get(detail_url(org)).content.decode()
    assert "Archivada" in page and 'value="unarchive"' in page


def test_assessment_page_shows_the_same_results_as_the_owner_and_every_answer(consultant_client, firm):
    org, assessment, snapshot = submitted_client(firm, name="Resultados S.A.")
    response = consultant_client.get(assessment_url(assessment))
    assert response.status_code == 200
    page = response.content.decode()
    view = presenters.result_view(snapshot.result, lang="es-mx")
    assert response.context["result"].overall == view.overall
    for template in ("assessments/_results_score.html", "assessments/_results_body.html"):
        assert template in [t.name for t in response.templates]
    assert view.band in page and view.recommendations[0]["title"] in page
    assert view.domains[0]["title"] in page and 'id="plan"' in page
    for row in snapshot.result["appendix"]:
        assert row["section_es"] in page
    answered = [row for row in snapshot.result["appendix"] if row["answer_es"]]
    from django.utils.html import escape

    assert escape(answered[0]["text_es"]) in page and escape(answered[0]["answer_es"]) in page
    report = reverse("reports:consultant_report", kwargs={"assessment_id": assessment.pk})
    assert f"{report}?lang=es" in page and f"{report}?lang=en" in page
    assert reverse("consultants:answers_export", args=[assessment.pk, "xlsx"]) in page
    assert reverse("consultants:answers_export", args=[assessment.pk, "csv"]) in page
    assert reverse("consultants:client_detail", args=[org.pk]) in page


def test_assessment_page_in_english_uses_the_english_texts(consultant_client, firm):
    _, assessment, snapshot = submitted_client(firm, name="Bilingüe")
    page = consultant_client.get("/en" + assessment_url(assessment)).content.decode()
    assert snapshot.result["band"]["en"] in page
    assert snapshot.result["appendix"][0]["section_en"] in page


def test_assessment_page_of_a_draft_shows_progress_and_answers_so_far(consultant_client, firm):
    _, assessment = draft_client(firm, name="A Medias", answered=4)
    response = consultant_client.get(assessment_url(assessment))
    assert response.status_code == 200 and response.context["result"] is None
    progress = response.context["progress"]
    assert progress.answered == 4
    page = response.content.decode()
    assert f'<progress id="avance" max="{progress.applicable}" value="4">' in page
    assert "Sin respuesta" in page
    answered = [q for s in response.context["answer_sections"] for q in s["questions"] if q["answer"]]
    assert len(answered) == 4
    downloads = page.split('id="descargas"')[1].split("</section>")[0]
    assert "PDF" not in downloads and reverse("consultants:answers_export", args=[assessment.pk, "csv"]) in downloads


def test_owner_results_page_still_renders_the_shared_partials(client, db):
    from assessments.catalog import current_bank
    from assessments.demo_answers import demo_answers

    org = OrganizationFactory()
    assessment, token = services.assessment_start(organization=org)
    services.assessment_save_answers(assessment=assessment, answers=demo_answers(current_bank(), maturity=0.4, seed=3))
    services.assessment_submit(assessment=assessment)
    response = client.get(reverse("assessments:results", kwargs={"token": token}))
    assert response.status_code == 200
    names = [t.name for t in response.templates]
    assert "assessments/_results_score.html" in names and "assessments/_results_body.html" in names
    page = response.content.decode()
    assert 'id="dominios"' in page and 'id="descargas"' in page and 'id="respuestas"' not in page


@pytest.mark.parametrize("page", ["client", "assessment"])
def test_another_firms_consultant_gets_404(client, other_firm_consultant, firm, page):
    org, assessment, _ = submitted_client(firm, name="Secreta")
    client.force_login(other_firm_consultant)
    url = detail_url(org) if page == "client" else assessment_url(assessment)
    response = client.get(url)
    assert response.status_code == 404 and "Secreta" not in response.content.decode()


def test_a_company_without_firm_is_404(consultant_client, db):
    org, assessment, _ = submitted_client(None, name="Del Dueño Solo")
    assert consultant_client.get(detail_url(org)).status_code == 404
    assert consultant_client.get(assessment_url(assessment)).status_code == 404


def test_unknown_ids_are_404(consultant_client):
    assert consultant_client.get(reverse("consultants:client_detail", args=[999999])).status_code == 404
    assert consultant_client.get(reverse("consultants:assessment_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("page", ["client", "assessment"])
def test_anonymous_visitors_go_to_the_login(client, firm, page):
    org, assessment = draft_client(firm, name="Anónima")
    response = client.get(detail_url(org) if page == "client" else assessment_url(assessment))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_client_page_leads_to_the_deliverables_of_a_submitted_assessment(consultant_client, firm, sample_answers):
    from django.urls import reverse

    from tests.factories import OrganizationFactory, submit_assessment

    assessment = submit_assessment(OrganizationFactory(firm=firm), sample_answers)
    page = consultant_client.get(reverse("consultants:client_detail", kwargs={"org_id": assessment.organization_id}))
    html = page.content.decode()
    for name in ("deliverables:plan", "deliverables:version_review", "deliverables:consultant_policy"):
        assert reverse(name, kwargs={"assessment_id": assessment.pk}) in html, name
