"""The Word report: read back with python-docx (headings, tables, images, branding, language, plan, review)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from docx import Document
from lxml import etree
from PIL import Image

from assessments.reports.context import report_context
from assessments.reports.samples import sample_subject
from deliverables.docx import report_docx
from tests.reports.conftest import HOSTILE

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def read(data: bytes):
    return Document(io.BytesIO(data))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


@pytest.fixture(scope="module")
def subject(django_db_blocker):
    with django_db_blocker.unblock():
        return sample_subject(company="Panadería La Espiga", brand_name="Robles Ciberseguridad")


@pytest.fixture(scope="module")
def spanish(subject):
    snapshot, organization = subject
    return report_docx(snapshot=snapshot, organization=organization, lang="es")


def test_sections_are_real_headings_for_the_navigation_pane(spanish):
    document = read(spanish)
    h1 = headings(document, 1)
    assert h1[0] == "1. Resumen ejecutivo" and h1[-1] == "7. Metodología y fuentes"
    assert len(h1) == 7
    assert headings(document, 2) and headings(document, 3)


def test_core_properties_title_language_and_author(spanish, subject):
    props = read(spanish).core_properties
    assert "Panadería La Espiga" in props.title
    assert props.language == "es-MX"
    assert props.author == "Robles Ciberseguridad"


def test_tables_for_scores_plan_and_appendix_with_brand_colour_header(spanish, subject):
    snapshot, organization = subject
    document = read(spanish)
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert any(h[:2] == ["Dominio", "Puntaje"] for h in headers)
    assert any("Acción" in h and "Costo aproximado" in h for h in headers)
    assert any(h[1:3] == ["Pregunta", "Respuesta"] for h in headers)
    colour = organization.firm.brand_color.lstrip("#").upper()
    xml = document.tables[1]._tbl.xml
    assert f'w:fill="{colour}"' in xml
    assert (
        document.styles["Heading 1"].font.color.rgb == colour
        or str(document.styles["Heading 1"].font.color.rgb) == colour
    )


def test_every_plan_action_is_printed_in_full(spanish, subject):
    snapshot, organization = subject
    view = report_context(snapshot=snapshot, organization=organization, lang="es")["view"]
    text = all_text(read(spanish))
    assert view.recommendations
    h3 = headings(read(spanish), 3)
    for rec in view.recommendations:
        assert rec["title"] in h3
        assert rec["text"] in text
        for res in rec["resources"]:
            assert res["name"] in text


def test_charts_are_images_at_print_resolution(spanish):
    document = read(spanish)
    shapes = document.inline_shapes
    assert len(shapes) >= 2  # domain chart and comparison chart (no logo on this firm)
    for shape in shapes:
        rel_id = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = Image.open(io.BytesIO(document.part.related_parts[rel_id].blob))
        assert image.format == "PNG"
        assert shape.width.cm <= 16.6  # fits the text column
        assert image.width / shape.width.inches >= 200  # printed at ≥ 200 dpi
        assert shape._inline.docPr.get("descr")  # alternative text


def test_the_package_is_well_formed_xml(spanish):
    with zipfile.ZipFile(io.BytesIO(spanish)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))


def test_english(subject):
    snapshot, organization = subject
    document = read(report_docx(snapshot=snapshot, organization=organization, lang="en"))
    assert document.core_properties.language == "en"
    assert headings(document, 1)[0] == "1. Executive summary"
    assert "Resumen ejecutivo" not in all_text(document)


def test_review_prints_summary_conclusions_plan_and_notes(subject):
    snapshot, organization = subject
    view = report_context(snapshot=snapshot, organization=organization, lang="es")["view"]
    first = view.recommendations[0]
    key_with_note = snapshot.result["appendix"][3]["key"]
    trigger_key = snapshot.result["recommendations"][0]["triggered_by"][0]["question"]
    review = {
        "summary": "Resumen editado por la consultora.\n\nSegundo párrafo.",
        "conclusions": "Conclusión: priorizar respaldos.",
        "plan": [
            {
                "key": first["key"],
                "title": first["title"],
                "text": first["text"],
                "horizon": 30,
                "responsible": "Ana Pérez",
                "due_date": date(2027, 1, 15),
                "status": "in_progress",
                "status_label": "En curso",
                "custom": False,
                "triggers": first["triggers"],
            },
            {
                "key": "custom-1",
                "title": "Revisar contrato con el proveedor de nube",
                "text": "Pedir la cláusula de encargado.",
                "horizon": 60,
                "responsible": "Luis",
                "due_date": "2027-02-01",
                "status": "pending",
                "status_label": "Pendiente",
                "custom": True,
                "triggers": [],
            },
        ],
        "notes": {
            "assessment": "Nota general de la visita.",
            "answers": {key_with_note: "Nota sobre esta respuesta", trigger_key: "Nota en la acción"},
        },
    }
    document = read(report_docx(snapshot=snapshot, organization=organization, lang="es", review=review))
    text = all_text(document)
    assert "Resumen editado por la consultora." in text and "Segundo párrafo." in text
    assert "obtuvo" not in [p.text for p in document.paragraphs if "Resumen editado" in p.text]
    assert "Conclusiones del consultor" in headings(document, 2)
    assert "Conclusión: priorizar respaldos." in text and "Nota general de la visita." in text
    plan_tables = [
        t for t in document.tables if [c.text for c in t.rows[0].cells][2:4] == ["Responsable", "Fecha compromiso"]
    ]
    rows = [[c.text for c in r.cells] for t in plan_tables for r in t.rows[1:]]
    # Dates as the PDF prints them (never ISO in one and written out in the other).
    assert ["1", first["title"], "Ana Pérez", "15 de enero de 2027", "En curso"] in rows
    assert ["1", "Revisar contrato con el proveedor de nube", "Luis", "1 de febrero de 2027", "Pendiente"] in rows
    assert "Nota sobre esta respuesta" in text and "Nota en la acción" in text
    h3 = headings(document, 3)
    assert "Revisar contrato con el proveedor de nube" in h3
    # only the reviewed plan: a generated action the consultant left out is not printed
    others = [r["title"] for r in view.recommendations[1:] if r["title"] != first["title"]]
    assert others and not any(title in h3 for title in others)


def test_hostile_text_stays_text(subject):
    snapshot, organization = sample_subject(company=HOSTILE["html"] + "\x00\x0b", brand_name=HOSTILE["css"])
    review = {"summary": HOSTILE["html"] + "\x07", "conclusions": HOSTILE["url"], "plan": None, "notes": {}}
    data = report_docx(snapshot=snapshot, organization=organization, lang="es", review=review)
    document = read(data)
    text = all_text(document)
    assert HOSTILE["html"] in text and HOSTILE["url"] in text
    assert document.core_properties.author == HOSTILE["css"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        rels = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".rels"))
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "evil.example" not in rels  # no external relationship: nothing for Word to fetch


@pytest.mark.django_db
def test_the_firms_logo_is_on_the_cover(firm, organization):
    from tests.factories import submit_assessment

    png = io.BytesIO()
    Image.new("RGB", (120, 40), "#123456").save(png, format="PNG")
    firm.logo.save("logo.png", ContentFile(png.getvalue()), save=True)
    organization.firm = firm
    organization.save()
    assessment = submit_assessment(organization, {})
    data = report_docx(snapshot=assessment.snapshot, organization=organization, lang="es")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert png.getvalue() in media
    assert read(data).inline_shapes[0].width.cm == pytest.approx(4.0, abs=0.01)


def test_libreoffice_opens_it(spanish, tmp_path):
    # Fails, never skips, without LibreOffice: `.ci/run` installs it (libreoffice-writer-nogui).
    assert shutil.which("soffice"), "LibreOffice is missing: apt-get install -y libreoffice-writer-nogui"
    source = tmp_path / "reporte.docx"
    source.write_bytes(spanish)
    subprocess.run(  # noqa: S603
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "reporte.pdf").stat().st_size > 10_000


# ---- The consultant's download -----------------------------------------------------------------------


@pytest.fixture
def client_assessment(firm, sample_answers):
    from tests.factories import OrganizationFactory, submit_assessment

    organization = OrganizationFactory(firm=firm, name="Ferretería Díaz")
    return submit_assessment(organization, sample_answers)


def test_the_consultant_downloads_the_docx(consultant_client, client_assessment):
    url = reverse("deliverables:consultant_report_docx", kwargs={"assessment_id": client_assessment.pk})
    response = consultant_client.get(url, {"lang": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert "attachment" in response["Content-Disposition"] and "-en.docx" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    document = read(response.content)
    assert document.core_properties.language == "en"


def test_the_detail_page_links_to_the_docx(consultant_client, client_assessment):
    page = consultant_client.get(
        reverse("consultants:assessment_detail", kwargs={"assessment_id": client_assessment.pk})
    )
    url = reverse("deliverables:consultant_report_docx", kwargs={"assessment_id": client_assessment.pk})
    assert f'href="{url}?lang=es"' in page.content.decode()


def test_another_firm_gets_404_and_anonymous_the_login(client, client_assessment, other_firm_consultant):
    url = reverse("deliverables:consultant_report_docx", kwargs={"assessment_id": client_assessment.pk})
    assert client.get(url).status_code == 302
    client.force_login(other_firm_consultant)
    assert client.get(url).status_code == 404


def test_a_draft_gets_409(consultant_client, firm):
    from assessments import services
    from tests.factories import OrganizationFactory

    draft, _ = services.assessment_start(organization=OrganizationFactory(firm=firm))
    url = reverse("deliverables:consultant_report_docx", kwargs={"assessment_id": draft.pk})
    assert consultant_client.get(url).status_code == 409
