"""Regressions found by walking the consultant's workspace as a consultant would (QA review)."""

from __future__ import annotations

import csv
import io

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from assessments import services as assessment_services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.models import StepConfirmation
from consultants import selectors
from consultants.invitation_panel import invitation_panel_context
from tests.factories import OrganizationFactory, submit_assessment

DASHBOARD = reverse("consultants:dashboard")


# Sector and state are stored as the bank's option values; people must read the labels.


def test_client_page_shows_sector_and_state_labels_not_stored_values(consultant_client, firm):
    org = OrganizationFactory(firm=firm, sector="servicios_profesionales", state="ciudad_de_mexico")
    html = consultant_client.get(reverse("consultants:client_detail", args=[org.pk])).content.decode()
    assert "Servicios profesionales (despacho contable" in html
    assert "Ciudad de México" in html
    assert "Servicios_profesionales" not in html and "Ciudad_de_mexico" not in html


def test_client_page_keeps_a_free_text_sector_from_before_the_list(consultant_client, firm):
    org = OrganizationFactory(firm=firm, sector="turismo", state="")
    html = consultant_client.get(reverse("consultants:client_detail", args=[org.pk])).content.decode()
    assert "Turismo" in html


def test_dashboard_sector_filter_lists_labels_in_the_page_language(consultant_client, firm):
    OrganizationFactory(firm=firm, sector="tecnologia")
    response = consultant_client.get(DASHBOARD, {"sector": "tecnologia"})
    html = response.content.decode()
    assert '<option value="tecnologia" selected>Tecnología, software o telecomunicaciones</option>' in html
    with translation.override("en"):
        html = consultant_client.get(reverse("consultants:dashboard")).content.decode()
    assert ">Technology, software or telecoms</option>" in html
    assert ">Tecnologia</option>" not in html


def test_clients_export_writes_sector_and_state_labels(consultant_client, firm):
    OrganizationFactory(firm=firm, name="Etiquetas", sector="salud", state="san_luis_potosi")
    body = consultant_client.get(reverse("consultants:clients_export", args=["csv"])).content.decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(body)) if r[0] == "Etiquetas")
    assert row[2].startswith("Salud (consultorio")
    assert row[3] == "San Luis Potosí"


def test_profile_choice_label_falls_back_to_the_value():
    assert selectors.profile_choice_label("state", "jalisco", lang="en") == "Jalisco"
    assert selectors.profile_choice_label("sector", "otra cosa", lang="es") == "otra cosa"
    assert selectors.profile_choice_label("sector", "", lang="es") == ""


# A re-assessment is created with every previous answer copied in: it is not "100 % in progress".


def _reassessed_client(firm):
    org = OrganizationFactory(firm=firm, name="Reevaluada")
    submit_assessment(org, demo_answers(current_bank(), maturity=0.5, seed=3))
    draft, _token = assessment_services.assessment_start_followup(organization=org)
    return org, draft


def test_a_new_reassessment_is_not_started_until_the_owner_confirms_a_step(consultant_client, firm):
    org, draft = _reassessed_client(firm)
    client = next(c for c in consultant_client.get(DASHBOARD).context["clients"] if c.pk == org.pk)
    assert client.status == "not_started"
    assert client.progress is None
    assert [c.name for c in selectors.client_list(firm=firm, filters=selectors.ClientFilters(status="not_started"))]


def test_reassessment_progress_counts_confirmed_steps(consultant_client, firm):
    org, draft = _reassessed_client(firm)
    first_step = current_bank().sections[0].key
    StepConfirmation.objects.create(assessment=draft, section_key=first_step)
    response = consultant_client.get(DASHBOARD)
    client = next(c for c in response.context["clients"] if c.pk == org.pk)
    assert client.status == "in_progress"
    assert client.progress_in_steps
    assert client.progress.answered == 1 and client.progress.applicable > 1
    html = response.content.decode()
    assert f"Reevaluación: 1 de {client.progress.applicable} pasos confirmados" in html
    assert "100% (" not in html


# The "Copiar" button: sighted users must see that the link was copied.


def test_copy_status_is_visible_not_only_to_screen_readers(consultant, firm):
    org = OrganizationFactory(firm=firm)
    from consultants import services

    services.invitation_create(organization=org, created_by=consultant, base_url="http://testserver")
    request = RequestFactory().get("/")
    request.user = consultant
    html = render_to_string(
        "consultants/_invitations.html", invitation_panel_context(request=request, organization=org), request=request
    )
    status = next(line for line in html.splitlines() if "data-copy-status" in line)
    assert 'role="status"' in status
    assert "visually-hidden" not in status
