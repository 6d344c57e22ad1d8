"""Spreadsheets: the firm's clients and one assessment's answers, as CSV and XLSX, safe to open."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from assessments.catalog import current_bank
from consultants.exports import cell_safe, score_round
from tests.consultants.test_dashboard import draft_client, submitted_client
from tests.factories import FirmFactory, OrganizationFactory

HOSTILE = {
    '=HYPERLINK("http://x")': '\'=HYPERLINK("http://x")',
    "+52 33 1234 5678": "'+52 33 1234 5678",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\tcmd": "'\tcmd",
    "\rcmd": "'\rcmd",
    "Normal": "Normal",
}


def read_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the BOM
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize(("raw", "safe"), HOSTILE.items())
def test_cell_safe_neutralises_formula_text(raw, safe):
    assert cell_safe(raw) == safe


def test_cell_safe_keeps_numbers_and_dates():
    assert cell_safe(-5) == -5 and cell_safe(38.5) == 38.5 and cell_safe(None) is None
    assert cell_safe(date(2026, 1, 2)) == date(2026, 1, 2)
    assert cell_safe("a\x01b") == "ab"  # a control character XLSX cannot hold


def test_scores_round_like_the_web_pages():
    from django.template.defaultfilters import floatformat

    for value in (38.5, 39.5, 0.5, 99.49, 12.0, 62.25):
        assert score_round(value) == int(floatformat(value, 0))
    assert score_round(None) is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_clients_export_columns_values_and_formula_neutralised(consultant_client, firm, fmt):
    org, assessment, snapshot = submitted_client(
        firm, name="=cmd|' /C calc'!A0", contact_phone="+52 33 1234 5678", contact_name="@Ana", sector="-comercio"
    )
    draft_client(firm, name="En Curso", answered=3)
    OrganizationFactory(firm=FirmFactory(), name="Ajena")
    OrganizationFactory(firm=firm, name="Archivada", archived_at=timezone.now())
    response = consultant_client.get(reverse("consultants:clients_export", args=[fmt]))
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert f'filename="clientes-{today}.{fmt}"' in response["Content-Disposition"]
    table = read_csv(response) if fmt == "csv" else read_xlsx(response)
    header, *rows = table
    domains = current_bank().domains
    assert header[:13] == [
        "Empresa", "Tamaño", "Sector", "Estado", "Persona de contacto", "Correo de contacto",
        "Teléfono de contacto", "Situación", "Fecha de la última evaluación",
        "Fecha de envío del último resultado", "Última actividad", "Puntaje general", "Nivel",
    ]  # fmt: skip
    assert header[13:] == [d.title.es for d in domains]
    assert [r[0] for r in rows] == ["'=cmd|' /C calc'!A0", "En Curso"]
    hostile, draft = rows
    assert hostile[2] == "'-comercio" and hostile[4] == "'@Ana" and hostile[6] == "'+52 33 1234 5678"
    assert hostile[7] == "Enviada" and draft[7] == "En curso"
    assert hostile[12] == snapshot.result["band"]["es"]
    expected_domains = {d["domain"]: d for d in snapshot.result["domains"]}
    if fmt == "xlsx":
        assert hostile[11] == score_round(snapshot.overall) and isinstance(hostile[11], int)
        assert hostile[9].date() == timezone.localdate(assessment.submitted_at)  # a real date cell
        for domain, cell in zip(domains, hostile[13:], strict=True):
            d = expected_domains[domain.key]
            assert cell == (score_round(d["score"]) if d["applicable"] else None)
        assert draft[11] is None and draft[12] is None
    else:
        assert hostile[11] == str(score_round(snapshot.overall))
        assert hostile[9] == timezone.localdate(assessment.submitted_at).isoformat()
        assert draft[11] == "" and draft[12] == ""


def test_clients_export_in_english_and_with_the_dashboard_filters(consultant_client, firm):
    submitted_client(firm, name="Alta", maturity=0.95, seed=2)
    OrganizationFactory(firm=firm, name="Nueva")
    header, *rows = read_csv(
        consultant_client.get(
            reverse("consultants:clients_export", args=["csv"]), {"status": "submitted", "lang": "en"}
        )
    )
    assert [r[0] for r in rows] == ["Alta"]
    assert header[13:] == [d.title.en for d in current_bank().domains]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_answers_export_of_a_submitted_assessment(consultant_client, firm, fmt):
    _, assessment, snapshot = submitted_client(firm, name="Respuestas S.A.")
    url = reverse("consultants:answers_export", args=[assessment.pk, fmt])
    response = consultant_client.get(url)
    assert response.status_code == 200
    assert f"respuestas-respuestas-sa-{assessment.pk}-" in response["Content-Disposition"]
    header, *rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    assert header == ["Sección", "Clave", "Pregunta", "Respuesta"]
    appendix = snapshot.result["appendix"]
    assert [r[1] for r in rows] == [a["key"] for a in appendix]
    first = appendix[0]
    assert rows[0][0] == first["section_es"] and rows[0][2] == first["text_es"]
    assert rows[0][3] == cell_safe(first["answer_es"])


def test_answers_export_of_a_draft_lists_what_is_answered_so_far(consultant_client, firm):
    _, assessment = draft_client(firm, name="Borrador", answered=3)
    header, *rows = read_csv(consultant_client.get(reverse("consultants:answers_export", args=[assessment.pk, "csv"])))
    answered = [r for r in rows if r[3]]
    assert len(answered) == 3 and len(rows) > 3


def test_answers_export_in_english(consultant_client, firm):
    _, assessment, snapshot = submitted_client(firm, name="Bilingüe")
    url = reverse("consultants:answers_export", args=[assessment.pk, "csv"])
    _header, first, *_ = read_csv(consultant_client.get(url, {"lang": "en"}))
    assert first[0] == snapshot.result["appendix"][0]["section_en"]
    assert first[2] == snapshot.result["appendix"][0]["text_en"]


@pytest.mark.parametrize("fmt", ["pdf", "xls", "CSV", "json"])
def test_unknown_formats_are_404(consultant_client, firm, fmt):
    _, assessment = draft_client(firm, name="Formato")
    assert consultant_client.get(reverse("consultants:clients_export", args=[fmt])).status_code == 404
    assert consultant_client.get(reverse("consultants:answers_export", args=[assessment.pk, fmt])).status_code == 404


def test_answers_of_another_firm_are_404(client, other_firm_consultant, firm):
    _, assessment = draft_client(firm, name="Privada", answered=2)
    client.force_login(other_firm_consultant)
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("consultants:answers_export", args=[assessment.pk, fmt])).status_code == 404


def test_another_firms_clients_export_holds_none_of_ours(client, other_firm_consultant, firm):
    OrganizationFactory(firm=firm, name="Nuestra")
    client.force_login(other_firm_consultant)
    header, *rows = read_csv(client.get(reverse("consultants:clients_export", args=["csv"])))
    assert rows == []


def test_anonymous_visitors_go_to_the_login(client, firm):
    _, assessment = draft_client(firm, name="Anónima")
    for url in (
        reverse("consultants:clients_export", args=["csv"]),
        reverse("consultants:answers_export", args=[assessment.pk, "xlsx"]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
