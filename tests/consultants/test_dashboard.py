"""The dashboard: every client of the firm with its status, score, band and idle days; the portfolio."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.models import Assessment, Organization
from tests.factories import FirmFactory, OrganizationFactory

URL = reverse("consultants:dashboard")


def draft_client(firm, *, answered: int = 0, **fields):
    """A client company with a draft assessment and its first `answered` demo answers saved."""
    org = OrganizationFactory(firm=firm, **fields)
    assessment, _ = services.assessment_start(organization=org)
    if answered:
        answers = demo_answers(current_bank(), maturity=0.5, seed=7)
        services.assessment_save_answers(assessment=assessment, answers=dict(list(answers.items())[:answered]))
    return org, assessment


def submitted_client(firm, *, maturity: float = 0.5, seed: int = 7, **fields):
    """A client company with one submitted assessment: (organization, assessment, snapshot)."""
    org = OrganizationFactory(firm=firm, **fields)
    assessment, _ = services.assessment_start(organization=org)
    services.assessment_save_answers(
        assessment=assessment, answers=demo_answers(current_bank(), maturity=maturity, seed=seed)
    )
    snapshot = services.assessment_submit(assessment=assessment)
    return org, assessment, snapshot


def idle_for(assessment: Assessment, days: int) -> None:
    """Pretend the assessment was last touched `days` days ago (updated_at is auto_now)."""
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now() - timedelta(days=days))


def rows(response) -> list[str]:
    """The client names in the order the page lists them."""
    return [c.name for c in response.context["clients"]]


def test_statuses_percent_score_and_band(consultant_client, firm):
    OrganizationFactory(firm=firm, name="Sin Evaluación")
    draft_client(firm, name="Invitada Sin Respuestas")
    _, draft = draft_client(firm, name="A Medias", answered=10)
    _, _, snapshot = submitted_client(firm, name="Terminada")
    response = consultant_client.get(URL)
    by_name = {c.name: c for c in response.context["clients"]}
    assert by_name["Sin Evaluación"].status == "not_started"
    assert by_name["Invitada Sin Respuestas"].status == "not_started"
    assert by_name["A Medias"].status == "in_progress"
    progress = by_name["A Medias"].progress
    assert (
        progress.answered == 10
        and 10 < progress.applicable
        and progress.percent == round(100 * 10 / progress.applicable)
    )
    assert by_name["Terminada"].status == "submitted"
    assert by_name["Terminada"].overall == snapshot.overall and by_name["Terminada"].band == snapshot.band
    page = response.content.decode()
    assert f"{progress.percent}% (10 de {progress.applicable} preguntas)" in page
    assert "Sin empezar" in page and "En curso" in page and "Enviada" in page
    assert snapshot.result["band"]["es"] in page


def test_a_reassessment_in_progress_keeps_the_last_score(consultant_client, firm):
    org, _, snapshot = submitted_client(firm, name="Reevaluando")
    assessment, _ = services.assessment_start(organization=org)
    services.assessment_save_answers(assessment=assessment, answers=dict(list(snapshot.answers.items())[:3]))
    client = consultant_client.get(URL).context["clients"][0]
    assert client.status == "in_progress" and client.overall == snapshot.overall


def test_days_idle_and_last_activity(consultant_client, firm):
    _, assessment = draft_client(firm, name="Dormida", answered=2)
    idle_for(assessment, 12)
    client = consultant_client.get(URL).context["clients"][0]
    assert client.days_idle == 12
    assert "12 días sin actividad" in consultant_client.get(URL).content.decode()


def test_only_the_firms_active_clients_and_archived_on_request(consultant_client, firm):
    OrganizationFactory(firm=firm, name="Activa")
    OrganizationFactory(firm=firm, name="Archivada", archived_at=timezone.now())
    OrganizationFactory(firm=FirmFactory(), name="De Otra Firma")
    OrganizationFactory(name="Sin Firma")
    assert rows(consultant_client.get(URL)) == ["Activa"]
    assert rows(consultant_client.get(URL, {"archived": "1"})) == ["Archivada"]


def test_search_by_name_or_contact(consultant_client, firm):
    OrganizationFactory(firm=firm, name="Ferretería López", contact_name="Ana Ruiz")
    OrganizationFactory(firm=firm, name="Panadería Sol", contact_name="Luis Mora", contact_email="luis@sol.mx")
    assert rows(consultant_client.get(URL, {"q": "ferre"})) == ["Ferretería López"]
    assert rows(consultant_client.get(URL, {"q": "ana ruiz"})) == ["Ferretería López"]
    assert rows(consultant_client.get(URL, {"q": "sol.mx"})) == ["Panadería Sol"]
    page = consultant_client.get(URL, {"q": "nadie"}).content.decode()
    assert "Ninguna empresa coincide" in page


def test_search_ignores_accents_and_case(consultant_client, firm):
    OrganizationFactory(firm=firm, name="Panadería La Espiga")
    OrganizationFactory(firm=firm, name="Taller Mecánico Hermanos Ruiz", contact_name="José Peña")
    OrganizationFactory(firm=firm, name="Café Robot SA")
    assert rows(consultant_client.get(URL, {"q": "panaderia"})) == ["Panadería La Espiga"]
    assert rows(consultant_client.get(URL, {"q": "MECÁNICO"})) == ["Taller Mecánico Hermanos Ruiz"]
    assert rows(consultant_client.get(URL, {"q": "mecanico"})) == ["Taller Mecánico Hermanos Ruiz"]
    assert rows(consultant_client.get(URL, {"q": "jose pena"})) == ["Taller Mecánico Hermanos Ruiz"]
    assert rows(consultant_client.get(URL, {"q": " CAFÉ "})) == ["Café Robot SA"]
    # A status filter takes the other query (the SQL facts): the same search.
    assert rows(consultant_client.get(URL, {"q": "cafe", "sort": "score"})) == ["Café Robot SA"]


def test_a_renamed_client_is_found_by_its_new_name(consultant_client, firm):
    client = OrganizationFactory(firm=firm, name="Nombre Viejo")
    client.name = "Óptica Núñez"
    client.save(update_fields=["name"])
    assert rows(consultant_client.get(URL, {"q": "optica nunez"})) == ["Óptica Núñez"]
    assert rows(consultant_client.get(URL, {"q": "viejo"})) == []


def test_filters_by_status_band_size_and_sector(consultant_client, firm):
    OrganizationFactory(firm=firm, name="Micro Servicios", size_band=Organization.Size.MICRO, sector="servicios")
    draft_client(firm, name="En Curso", answered=5, sector="manufactura")
    _, _, low = submitted_client(firm, name="Baja", maturity=0.05, seed=1)
    _, _, high = submitted_client(firm, name="Alta", maturity=0.95, seed=2)
    assert low.band != high.band
    assert rows(consultant_client.get(URL, {"status": "in_progress"})) == ["En Curso"]
    assert rows(consultant_client.get(URL, {"status": "not_started"})) == ["Micro Servicios"]
    assert rows(consultant_client.get(URL, {"band": high.band})) == ["Alta"]
    assert rows(consultant_client.get(URL, {"size": "micro"})) == ["Micro Servicios"]
    assert rows(consultant_client.get(URL, {"sector": "manufactura"})) == ["En Curso"]
    assert rows(consultant_client.get(URL, {"status": "submitted", "sort": "score"})) == ["Alta", "Baja"]


def test_sorts(consultant_client, firm):
    _, _, _ = submitted_client(firm, name="Bravo", maturity=0.9, seed=3)
    _, _, _ = submitted_client(firm, name="alfa", maturity=0.2, seed=4)
    _, charlie = draft_client(firm, name="Charlie", answered=1)
    idle_for(charlie, 30)
    assert rows(consultant_client.get(URL)) == ["alfa", "Bravo", "Charlie"]
    assert rows(consultant_client.get(URL, {"sort": "score"})) == ["Bravo", "alfa", "Charlie"]
    assert rows(consultant_client.get(URL, {"sort": "idle"}))[0] == "Charlie"
    assert rows(consultant_client.get(URL, {"sort": "activity"}))[-1] == "Charlie"


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "hack"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
        {"status": "x", "band": "y", "size": "z"},
        {"q": "x" * 5000},
        {"sector": "<b>"},
        {"q": "a\x00b", "sector": "\x00"},
        {"archived": "maybe"},
    ],
)
def test_bad_input_never_fails(consultant_client, firm, params):
    OrganizationFactory(firm=firm, name="Alguna")
    response = consultant_client.get(URL, params)
    assert response.status_code == 200


def test_pagination_keeps_the_filters(consultant_client, firm):
    for n in range(27):
        OrganizationFactory(firm=firm, name=f"Cliente {n:02d}", sector="comercio")
    first = consultant_client.get(URL, {"sector": "comercio"})
    assert len(first.context["clients"]) == 25
    page = first.content.decode()
    assert "Página 1 de 2" in page and "sector=comercio&amp;page=2" in page
    second = consultant_client.get(URL, {"sector": "comercio", "page": "2"})
    assert rows(second) == ["Cliente 25", "Cliente 26"]


def test_portfolio_counts_bands_and_common_gaps(consultant_client, firm):
    org, _, first = submitted_client(firm, name="Con Reevaluación", maturity=0.1, seed=5)
    # Only the latest submitted assessment of a company counts.
    assessment, _ = services.assessment_start(organization=org)
    services.assessment_save_answers(assessment=assessment, answers=demo_answers(current_bank(), maturity=0.95, seed=6))
    latest = services.assessment_submit(assessment=assessment)
    _, _, other = submitted_client(firm, name="Otra", maturity=0.1, seed=5)
    OrganizationFactory(firm=firm, name="Sin Evaluar")
    submitted_client(FirmFactory(), name="Ajena", maturity=0.1, seed=5)
    portfolio = consultant_client.get(URL).context["portfolio"]
    assert portfolio["total"] == 3 and portfolio["assessed"] == 2
    counts = {b["key"]: b["count"] for b in portfolio["bands"]}
    expected = {}
    for snap in (latest, other):
        expected[snap.band] = expected.get(snap.band, 0) + 1
    assert {k: v for k, v in counts.items() if v} == expected
    gap_counts = {g["key"]: g["count"] for g in portfolio["gaps"]}
    for rec in other.result["recommendations"]:
        if rec["key"] in gap_counts:
            in_latest = any(r["key"] == rec["key"] for r in latest.result["recommendations"])
            assert gap_counts[rec["key"]] == 1 + in_latest
    top = portfolio["gaps"][0]
    assert top["title"] in {r["title_es"] for r in other.result["recommendations"] + latest.result["recommendations"]}
    page = consultant_client.get(URL).content.decode()
    assert "Clientes por nivel" in page and "Brechas más comunes" in page and top["title"] in page


def test_portfolio_titles_follow_the_language(consultant_client, firm):
    _, _, snapshot = submitted_client(firm, name="Bilingüe", maturity=0.1, seed=5)
    portfolio = consultant_client.get("/en" + URL).context["portfolio"]
    english = {r["title_en"] for r in snapshot.result["recommendations"]}
    assert portfolio["gaps"] and all(g["title"] in english for g in portfolio["gaps"])


def test_links_to_new_client_client_pages_and_exports(consultant_client, firm):
    org = OrganizationFactory(firm=firm, name="Enlazada")
    page = consultant_client.get(URL, {"q": "Enla"}).content.decode()
    assert reverse("consultants:client_create") in page
    assert reverse("consultants:client_detail", args=[org.pk]) in page
    assert reverse("consultants:clients_export", args=["xlsx"]) + "?q=Enla" in page
    assert reverse("consultants:clients_export", args=["csv"]) in page


def test_anonymous_visitors_go_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
