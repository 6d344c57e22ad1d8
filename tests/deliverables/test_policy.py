"""The AI-use policy: drafted from the answers, edited and approved by the consultant, downloaded by both."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from assessments import services
from deliverables.models import PolicyDraft
from deliverables.policy import placeholders, policy_build, policy_data, policy_docx, policy_html, policy_pdf
from tests.factories import OrganizationFactory
from tests.reports.conftest import HOSTILE, pdf_reader, pdf_text

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SECTIONS_ES = [
    "Propósito", "Alcance", "Responsables", "Herramientas aprobadas", "Información que nunca entra",
    "Revisión humana", "Cuentas personales", "Proveedores y contratos", "Aviso de privacidad", "Incidentes",
    "Capacitación", "Revisión de esta política",
]  # fmt: skip
GOOD = {
    "uses_ai": "yes",
    "ai_owner": "yes",
    "ai_approved_tools": "yes",
    "ai_data_rules": "yes",
    "ai_human_review": "yes",
    "ai_accounts": "business_only",
    "ai_vendor_terms": "yes",
    "privacy_notice_ai": "yes",
    "incident_plan": "yes",
    "staff_training": "twice_a_year",
}
WEAK = {"uses_ai": "informal", "ai_accounts": "personal_free", "ai_human_review": "no", "ai_data_rules": "unknown"}


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


# ---- Content ----------------------------------------------------------------------------------------


def test_every_section_in_both_languages():
    es = policy_build(answers={}, company="Acme", lang="es")
    en = policy_build(answers={}, company="Acme", lang="en")
    assert es["title"] == "Política de uso de inteligencia artificial"
    assert en["title"] == "Artificial intelligence use policy"
    titles = [s["title"] for s in es["sections"]]
    for expected in SECTIONS_ES:
        assert any(expected in title for title in titles), expected
    assert len(en["sections"]) == len(es["sections"]) == 12
    assert "20 de marzo de 2025" in es["sections"][0]["text"]
    assert "Secretaría Anticorrupción y Buen Gobierno" in " ".join(s["text"] for s in es["sections"])
    assert "encargado" in next(s["text"] for s in es["sections"] if s["key"] == "vendors")
    assert all("GOVERN" in s["refs"] or "LFPDPPP" in s["refs"] for s in es["sections"])


def test_the_answers_choose_the_text_and_gaps_become_placeholders():
    good = policy_build(answers=GOOD, company="Acme", lang="es")
    weak = policy_build(answers=WEAK, company="Acme", lang="es")
    by_key = lambda content: {s["key"]: s["text"] for s in content["sections"]}  # noqa: E731
    assert "Las cuentas personales están prohibidas" in by_key(good)["personal_accounts"]
    assert "[COMPLETAR:" in by_key(weak)["personal_accounts"]
    assert "[COMPLETAR: quién revisa" in by_key(weak)["human_review"]
    assert "Así se hace ya" in by_key(good)["human_review"]
    assert "por su cuenta" in by_key(weak)["scope"]
    # "No sé" is never taken for a yes
    assert "ya conocen" not in by_key(weak)["data_rules"] and "[COMPLETAR:" in by_key(weak)["data_rules"]
    assert len(placeholders(weak)) > len(placeholders(good)) > 0  # names and dates always left to fill in


def test_each_answer_option_has_text_in_both_languages():
    for section in policy_data()["sections"]:
        for variant in [section["text"], *section.get("answers", {}).values()]:
            assert variant["es"].strip() and variant["en"].strip()
            assert ("[COMPLETAR:" in variant["es"]) == ("[COMPLETE:" in variant["en"]), section["key"]


def test_edits_replace_sections_and_hostile_text_stays_text():
    content = policy_build(
        answers={}, company=HOSTILE["html"], lang="es", edits={"purpose": HOSTILE["html"] + "\x00", "scope": " "}
    )
    purpose = content["sections"][0]
    assert purpose["edited"] and purpose["text"].startswith(HOSTILE["html"])
    assert not content["sections"][1]["edited"]  # blank: the generated text
    html = policy_html(content)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'src="http://evil.example' not in html
    text = docx_text(policy_docx(content))
    assert HOSTILE["html"] in text


def test_pdf_and_docx_files():
    content = policy_build(answers=WEAK, company="Panadería La Espiga", lang="es")
    reader = pdf_reader(policy_pdf(content, brand_name="Robles", color="#225588"))
    assert 2 <= len(reader.pages) <= 4
    assert reader.metadata.title.startswith("Política de uso de inteligencia artificial")
    text = pdf_text(reader)
    assert "[COMPLETAR:" in text and "Panadería La Espiga" in text
    document = Document(io.BytesIO(policy_docx(content, brand_name="Robles", color="#225588")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == 12 and headings[0] == "1. Propósito"
    assert document.core_properties.language == "es-MX"
    highlighted = [r for p in document.paragraphs for r in p.runs if r.font.highlight_color]
    assert highlighted and all(r.text.startswith("[COMPLETAR:") for r in highlighted)


def test_english_pdf():
    content = policy_build(answers=GOOD, company="Acme", lang="en")
    reader = pdf_reader(policy_pdf(content))
    assert "Artificial intelligence use policy" in pdf_text(reader)
    assert "Política" not in pdf_text(reader)


# ---- Views ------------------------------------------------------------------------------------------


@pytest.fixture
def submitted_client(firm, sample_answers):
    organization = OrganizationFactory(firm=firm, name="Ferretería Díaz")
    assessment, token = services.assessment_start(organization=organization)
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    services.assessment_submit(assessment=assessment)
    return assessment, token


def _urls(assessment):
    kwargs = {"assessment_id": assessment.pk}
    return {
        "edit": reverse("deliverables:consultant_policy", kwargs=kwargs),
        "docx": reverse("deliverables:consultant_policy_docx", kwargs=kwargs),
        "pdf": reverse("deliverables:consultant_policy_pdf", kwargs=kwargs),
    }


def test_owner_downloads_the_draft_from_the_results_page(client, submitted_client):
    assessment, token = submitted_client
    results = client.get(reverse("assessments:results", kwargs={"token": token}))
    url = reverse("deliverables:owner_policy_docx", kwargs={"token": token})
    assert url in results.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    assert "Política de uso de inteligencia artificial" in docx_text(response.content)
    pdf = client.get(reverse("deliverables:owner_policy_pdf", kwargs={"token": token}), {"lang": "en"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Artificial intelligence use policy" in pdf_text(pdf_reader(pdf.content))


def test_a_wrong_token_gets_404(client, db):
    assert client.get(reverse("deliverables:owner_policy_pdf", kwargs={"token": "x" * 30})).status_code == 404


def test_consultant_edits_then_approves_and_the_owner_gets_the_approved_one(
    consultant_client, client, submitted_client
):
    assessment, token = submitted_client
    urls = _urls(assessment)
    page = consultant_client.get(urls["edit"])
    assert page.status_code == 200 and "section-purpose" in page.content.decode()
    hostile = HOSTILE["html"]
    response = consultant_client.post(urls["edit"], {"lang": "es", "action": "save", "section-roles": hostile})
    assert response.status_code == 302
    page = consultant_client.get(urls["edit"]).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    # before approval the owner gets the generated draft, not the consultant's unfinished edits
    owner_url = reverse("deliverables:owner_policy_docx", kwargs={"token": token})
    assert hostile not in docx_text(client.get(owner_url).content)
    assert hostile in docx_text(consultant_client.get(urls["docx"]).content)
    consultant_client.post(urls["edit"], {"lang": "es", "action": "approve", "section-roles": "Responsable: Ana"})
    draft = PolicyDraft.objects.get(assessment=assessment)
    assert draft.approved_at and draft.approved_content["es"]["approved"]
    assert "Responsable: Ana" in docx_text(client.get(owner_url).content)
    # later edits do not reach the owner until approved again
    consultant_client.post(urls["edit"], {"lang": "es", "action": "save", "section-roles": "Otro texto"})
    owner_text = docx_text(client.get(owner_url).content)
    assert "Responsable: Ana" in owner_text and "Otro texto" not in owner_text
    approved = consultant_client.get(urls["docx"], {"version": "approved"})
    assert "Responsable: Ana" in docx_text(approved.content)
    pdf = consultant_client.get(urls["pdf"])
    assert pdf.status_code == 200 and "Otro texto" in pdf_text(pdf_reader(pdf.content))


def test_too_long_text_is_refused_with_400_and_nothing_saved(consultant_client, submitted_client):
    assessment, _ = submitted_client
    response = consultant_client.post(_urls(assessment)["edit"], {"lang": "es", "section-purpose": "x" * 6001})
    assert response.status_code == 400
    assert not PolicyDraft.objects.filter(assessment=assessment).exclude(edits={}).exists()


def test_other_firms_and_anonymous_never_get_the_policy(client, submitted_client, other_firm_consultant):
    assessment, _ = submitted_client
    for url in _urls(assessment).values():
        assert client.get(url).status_code == 302
    client.force_login(other_firm_consultant)
    for url in _urls(assessment).values():
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "approve"}).status_code in (404, 405)
    assert not PolicyDraft.objects.filter(assessment=assessment).exists()


def test_a_draft_assessment_has_no_policy_yet(consultant_client, firm):
    draft, _ = services.assessment_start(organization=OrganizationFactory(firm=firm))
    assert consultant_client.get(_urls(draft)["edit"]).status_code == 409
