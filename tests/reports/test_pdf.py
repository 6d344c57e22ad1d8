"""The PDF itself: it opens, has the sections as bookmarks, the metadata, the text, in both languages."""

from __future__ import annotations

import re

import pytest
from django.utils.translation import gettext, override

from tests.reports.conftest import pdf_reader, pdf_text


def _plan_title(lang: str) -> str:
    """Section 5's title for a scoring v2 result, as the catalogue of `lang` has it."""
    with override("en" if lang == "en" else "es-mx"):
        return "5. " + gettext("Plan de acción: 30, 60, 90 días y después")


SECTIONS = {
    "es": [
        "Contenido",
        "1. Resumen ejecutivo",
        "2. Puntaje por tema",
        "3. Su empresa frente al estudio",
        "4. Gobierno de la IA",
        _plan_title("es"),
        "6. Anexo: sus respuestas",
        "7. Metodología y fuentes",
    ],
    "en": [
        "Contents",
        "1. Executive summary",
        "2. Score per topic",
        "3. Your company compared with the study",
        "4. AI governance",
        _plan_title("en"),
        "6. Appendix: your answers",
        "7. Methodology and sources",
    ],
}


def _outline_titles(outline) -> list[str]:
    return [item.title for item in outline if not isinstance(item, list)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_report_has_at_least_five_pages_and_a_bookmark_per_section(sample_pdfs, lang):
    reader = pdf_reader(sample_pdfs[lang])
    # At least five pages, and concise: render time follows the amount of text laid out
    # (docs/PERFORMANCE.md); the demo report is 13 pages.
    # Every action in full (34 for the demo company) since report 3.0: about 20 pages.
    assert 5 <= len(reader.pages) <= 24
    assert _outline_titles(reader.outline) == SECTIONS[lang]
    # Each bookmark points at the page where its section starts, in order.
    pages = [reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)]
    assert pages == sorted(pages) and pages[0] == 1  # page 0 is the cover


@pytest.mark.parametrize(
    ("lang", "title", "bcp47"),
    [
        ("es", "Reporte de ciberseguridad e IA: Panadería La Espiga", "es-MX"),
        ("en", "Cybersecurity and AI report: Panadería La Espiga", "en"),
    ],
)
def test_title_and_language_are_in_the_metadata(sample_pdfs, lang, title, bcp47):
    reader = pdf_reader(sample_pdfs[lang])
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == bcp47
    assert reader.metadata.author == "Robles Ciberseguridad"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_it_is_a_tagged_pdf_ua_document(sample_pdfs, lang):
    reader = pdf_reader(sample_pdfs[lang])
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] is True or catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_font_is_embedded_and_is_the_shipped_font(sample_pdfs, lang):
    reader = pdf_reader(sample_pdfs[lang])
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert names and all(name.startswith("Report-Sans") for name in names), names


def test_spanish_text_page_numbers_header_and_sources(sample_pdfs):
    reader = pdf_reader(sample_pdfs["es"])
    total = len(reader.pages)
    first, third = reader.pages[0].extract_text(), reader.pages[2].extract_text()
    assert f"Página 1 de {total}" in first
    assert "Panadería La Espiga" in first and "Robles Ciberseguridad" in first
    assert "Panadería La Espiga" in third  # running header
    assert f"Página {total} de {total}" in reader.pages[-1].extract_text()
    text = pdf_text(reader)
    assert "PyMEs en el estudio" in text and "Usted: sí" in text
    assert "Mexico Business News" in text and "Microsoft México" in text
    assert "Más acciones recomendadas" not in text  # every action is printed in full
    assert "Primeros 30 días" in text and "Días 61 a 90" in text
    assert re.search(r"Banco de preguntas\s*\S+", text)
    assert re.search(r"Por sus? respuestas? a las? preguntas? \d+ \(", text)
    assert "Costo aproximado" in text and "MXN" in text


def test_english_text_page_numbers_and_sources(sample_pdfs):
    reader = pdf_reader(sample_pdfs["en"])
    total = len(reader.pages)
    assert f"Page 1 of {total}" in reader.pages[0].extract_text()
    text = pdf_text(reader)
    assert "SMEs in the study" in text and "You: yes" in text
    assert "Executive summary" in text and "First 30 days" in text and "More recommended actions" not in text
    assert "Mexico Business News" in text
    assert "Página" not in text


def test_the_consultant_logo_is_on_the_cover(submitted, consultant):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from assessments.reports.services import report_pdf

    assessment, _ = submitted
    organization = assessment.organization
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "#0f766e").save(buffer, "PNG")
    firm = consultant.membership.firm
    firm.name = "Robles Ciberseguridad"
    firm.logo.save("robles.png", ContentFile(buffer.getvalue()))
    organization.firm = firm
    rendered = report_pdf(snapshot=assessment.snapshot, organization=organization, lang="es")
    cover = pdf_reader(rendered.pdf).pages[0]
    images = [x for x in cover["/Resources"].get("/XObject", {}).values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1
    assert "Robles Ciberseguridad" in cover.extract_text()
