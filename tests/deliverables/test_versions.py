"""Review and approve the report: the draft, numbered frozen versions, their files (rendered once, the same
bytes every time), the review printed in the PDF, publishing to the owner, and hostile text."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from assessments import services as assessment_services
from assessments.reports import render, resources
from assessments.reports.fetcher import SafeURLFetcher
from assessments.reports.samples import sample_subject
from assessments.reports.services import report_html, report_pdf
from deliverables.models import Note, PlanAction, ReportDraft, ReportVersion
from deliverables.services import versions as services
from tests.factories import OrganizationFactory
from tests.reports.conftest import pdf_reader, pdf_text

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
HOSTILE = '<img src="http://127.0.0.1:9/x"><script>alert(1)</script> body{background:url(http://127.0.0.1:9/y)}'


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    settings.TASKS = DUMMY  # no render unless a test asks for one
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def submitted(firm, sample_answers):
    org = OrganizationFactory(firm=firm, name="Panadería La Espiga")
    assessment, token = assessment_services.assessment_start(organization=org)
    assessment_services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    assessment_services.assessment_submit(assessment=assessment)
    return assessment, token


def _first_keys(assessment, n):
    return [r["key"] for r in assessment.snapshot.result["recommendations"][:n]]


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", pdf_text(pdf_reader(pdf)))


def _approve(assessment, user, summary="Resumen editado por la consultora.", conclusions="Conclusión uno."):
    return services.report_version_approve(assessment=assessment, user=user, summary=summary, conclusions=conclusions)


# ---- services --------------------------------------------------------------------------------


def test_the_generated_summary_is_the_reports_lead_paragraph(submitted):
    assessment, _ = submitted
    summary = services.summary_generated(assessment=assessment, lang="es")
    assert summary.startswith("Panadería La Espiga obtuvo ")
    html = report_html(snapshot=assessment.snapshot, organization=assessment.organization, lang="es")
    assert summary.split(",")[0] in html


def test_versions_are_numbered_per_assessment_and_freeze_what_they_print(submitted, consultant, firm, sample_answers):
    assessment, _ = submitted
    hidden, kept = _first_keys(assessment, 2)
    PlanAction.objects.create(assessment=assessment, key=hidden, hidden=True, position=0)
    PlanAction.objects.create(
        assessment=assessment, key=kept, responsible="Laura Méndez", due_date=date(2027, 1, 15), position=1
    )
    Note.objects.create(assessment=assessment, question_key="", text="Nota general")
    first = _approve(assessment, consultant)
    second = _approve(assessment, consultant, summary="Otro resumen")
    other_org = OrganizationFactory(firm=firm)
    other, _ = assessment_services.assessment_start(organization=other_org)
    assessment_services.assessment_save_answers(assessment=other, answers=sample_answers)
    assessment_services.assessment_submit(assessment=other)
    assert (first.number, second.number, _approve(other, consultant).number) == (1, 2, 1)
    content = ReportVersion.objects.get(pk=first.pk).content
    assert content["summary"] == "Resumen editado por la consultora."
    assert content["conclusions"] == "Conclusión uno."
    assert content["number"] == 1 and content["approved_by"] and content["approved_at"]
    assert content["company"] == "Panadería La Espiga"
    assert content["branding"]["brand_name"] == firm.name
    assert content["notes"]["assessment"] == "Nota general"
    assert set(content["plan"]) == {"es", "en"}
    keys = [a["key"] for a in content["plan"]["es"]]
    assert hidden not in keys and kept in keys
    row = next(a for a in content["plan"]["es"] if a["key"] == kept)
    assert row["responsible"] == "Laura Méndez" and row["due_date"] == "2027-01-15"
    assert ReportDraft.objects.get(assessment=assessment).summary == "Otro resumen"


def test_a_draft_assessment_cannot_be_approved(organization, consultant):
    draft, _ = assessment_services.assessment_start(organization=organization)
    with pytest.raises(services.NotSubmitted):
        _approve(draft, consultant)


# ---- the PDF with a review ------------------------------------------------------------------


def _review(snapshot, **extra):
    recs = snapshot.result["recommendations"]
    kept, hidden = recs[0], recs[1]
    question = kept["triggered_by"][0]["question"]
    review = {
        "company": "Despacho Contable Morales",
        "summary": "Resumen escrito por la consultora.\nSegunda línea del resumen.",
        "conclusions": "Conclusiones firmes del despacho.",
        "notes": {"assessment": "Observación general del despacho.", "answers": {question: "Nota sobre la respuesta."}},
        "plan": {
            lang: [
                {
                    "key": "custom-1",
                    "title": "Acción agregada por la consultora",
                    "text": "Texto de la acción agregada.",
                    "horizon": 30,
                    "responsible": "Laura Méndez",
                    "due_date": "2027-01-15",
                    "custom": True,
                    "triggers": [],
                },
                {
                    "key": kept["key"],
                    "title": kept[f"title_{lang}"],
                    "text": kept[f"text_{lang}"],
                    "horizon": 60,
                    "responsible": "Contador Ruiz",
                    "due_date": None,
                    "custom": False,
                    "triggers": [{"question_key": question}],
                },
            ]
            for lang in ("es", "en")
        },
        "branding": {"brand_name": "Robles Ciberseguridad", "contact_line": "", "color": "#123456", "logo_uri": ""},
    }
    review.update(extra)
    return review, kept, hidden


def test_the_pdf_prints_the_review_instead_of_the_generated_parts():
    snapshot, organization = sample_subject(brand_name="Robles Ciberseguridad")
    review, kept, hidden = _review(snapshot)
    generated = _text(report_pdf(snapshot=snapshot, organization=organization, lang="es").pdf)
    reviewed = _text(report_pdf(snapshot=snapshot, organization=organization, lang="es", review=review).pdf)
    assert "Conclusiones del consultor" not in generated and hidden["title_es"] in generated
    assert "Resumen escrito por la consultora. Segunda línea del resumen." in reviewed
    assert "obtuvo" not in reviewed.split("Resumen escrito")[0].split("Sección 1")[-1]
    for printed in (
        "Conclusiones del consultor",
        "Conclusiones firmes del despacho.",
        "Observación general del despacho.",
        "Acción agregada por la consultora",
        "Responsable: Laura Méndez · Fecha compromiso: 15 de enero de 2027",
        "Responsable: Contador Ruiz",
        "Nota sobre la respuesta.",
    ):
        assert printed in reviewed, printed
    assert hidden["title_es"] not in reviewed  # hidden by the consultant: gone from the whole report
    assert reviewed.count("Nota sobre la respuesta.") == 2  # beside the action and beside the answer
    # The consultant's order: the added action first, then the kept one.
    plan = reviewed.split("5. Plan de acción")[-1]
    assert plan.index("Acción agregada por la consultora") < plan.index(kept["title_es"])


def test_without_a_review_the_report_is_unchanged():
    snapshot, organization = sample_subject()
    assert report_html(snapshot=snapshot, organization=organization, lang="es") == report_html(
        snapshot=snapshot, organization=organization, lang="es", review=None
    )


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_hostile_review_text_is_escaped_and_fetches_nothing(monkeypatch):
    snapshot, organization = sample_subject()
    review, _, _ = _review(snapshot, summary=HOSTILE, conclusions=HOSTILE)
    review["notes"] = {"assessment": HOSTILE, "answers": dict.fromkeys(review["notes"]["answers"], HOSTILE)}
    review["branding"] = {
        "brand_name": HOSTILE,
        "contact_line": HOSTILE,
        "color": "red;x:url(a)",
        "logo_uri": "http://127.0.0.1:9/l.png",
    }
    for actions in review["plan"].values():
        for action in actions:
            action.update(title=HOSTILE, text=HOSTILE, responsible=HOSTILE)
    html = report_html(snapshot=snapshot, organization=organization, lang="es", review=review)
    parser = _Tags()
    parser.feed(html)
    assert [tag for tag, _ in parser.tags if tag in ("img", "script", "style", "link")] == []
    url_attributes = ("src", "href", "style", "data", "srcset", "xlink:href", "poster", "background")
    assert "127.0.0.1" not in "".join(attrs.get(name) or "" for _, attrs in parser.tags for name in url_attributes)
    styled = [attrs["style"] for _, attrs in parser.tags if "style" in attrs]
    assert all(re.fullmatch(r"background-color: #[0-9a-fA-F]{6}", style) for style in styled)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    fetched = []

    class Recording(SafeURLFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    monkeypatch.setattr(render, "SafeURLFetcher", Recording)
    render.forget_design()
    try:
        pdf = render.html_to_pdf(
            html,
            base_url=resources.stylesheet_uri(),
            allowed_roots=resources.allowed_roots(),
            stylesheets=resources.stylesheets(),
        )
    finally:
        render.forget_design()
    static_root = resources.static_path("css").parent.as_uri()
    assert all(url.startswith(static_root) for url in fetched), fetched
    assert fetched  # the stylesheet and fonts, and nothing else
    assert "<script>alert(1)</script>" in _text(pdf)  # printed as text, harmlessly


# ---- files: rendered once, the same bytes every time ----------------------------------------


def test_files_are_rendered_once_and_downloads_are_byte_identical(
    settings, submitted, consultant, consultant_client, firm, django_capture_on_commit_callbacks
):
    assessment, _ = submitted
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        version = _approve(assessment, consultant, conclusions="Conclusiones aprobadas v1")
    version.refresh_from_db()
    assert version.pdf_es and version.pdf_en
    if services.docx_available():
        assert version.docx_es and version.docx_en
    url = reverse(
        "deliverables:version_pdf", kwargs={"assessment_id": assessment.pk, "version_id": version.pk, "lang": "es"}
    )
    first = b"".join(consultant_client.get(url).streaming_content)
    second = b"".join(consultant_client.get(url).streaming_content)
    assert first.startswith(b"%PDF") and first == second
    assert "Conclusiones aprobadas v1" in _text(first)
    # The firm's branding and the draft change; the version's file does not.
    firm.name = "Nombre Nuevo de la Firma"
    firm.brand_color = "#ff0000"
    firm.save()
    services.report_draft_save(assessment=assessment, user=consultant, summary="Otro", conclusions="Otras")
    names = (version.pdf_es.name, version.pdf_en.name)
    services.report_version_render(version_id=version.pk)  # a duplicate job changes nothing
    version.refresh_from_db()
    assert (version.pdf_es.name, version.pdf_en.name) == names
    third = b"".join(consultant_client.get(url).streaming_content)
    assert third == first
    response = consultant_client.get(url)
    assert response["Content-Disposition"].startswith('attachment; filename="reporte-panaderia-la-espiga-v1-es.pdf')


def test_a_version_not_rendered_yet_shows_the_preparing_page(submitted, consultant, consultant_client):
    assessment, _ = submitted
    version = _approve(assessment, consultant)
    url = reverse(
        "deliverables:version_pdf", kwargs={"assessment_id": assessment.pk, "version_id": version.pk, "lang": "en"}
    )
    response = consultant_client.get(url)
    assert response.status_code == 202 and "Refresh" in response
    assert b"Preparando su reporte" in response.content


# ---- views -----------------------------------------------------------------------------------


def test_the_review_page_is_prefilled_with_the_generated_summary(submitted, consultant_client):
    assessment, _ = submitted
    response = consultant_client.get(reverse("deliverables:version_review", kwargs={"assessment_id": assessment.pk}))
    assert response.status_code == 200
    assert "Panadería La Espiga obtuvo" in response.content.decode()
    assert reverse("deliverables:plan", kwargs={"assessment_id": assessment.pk}) in response.content.decode()


def test_saving_the_draft_and_approving_from_the_page(submitted, consultant_client):
    assessment, _ = submitted
    url = reverse("deliverables:version_review", kwargs={"assessment_id": assessment.pk})
    response = consultant_client.post(
        url, {"summary": "Mi resumen", "conclusions": "Mis conclusiones", "action": "save"}
    )
    assert response.status_code == 302 and not ReportVersion.objects.exists()
    page = consultant_client.get(url).content.decode()
    assert "Mi resumen" in page and "Mis conclusiones" in page
    response = consultant_client.post(url, {"summary": "Mi resumen", "conclusions": "Final", "action": "approve"})
    assert response.status_code == 302
    version = ReportVersion.objects.get(assessment=assessment)
    assert version.number == 1 and version.content["conclusions"] == "Final" and version.published_at is None
    detail = consultant_client.get(reverse("consultants:assessment_detail", kwargs={"assessment_id": assessment.pk}))
    body = detail.content.decode()
    assert "v1" in body and "Publicar al dueño" in body


def test_an_empty_summary_is_refused_with_a_400(submitted, consultant_client):
    assessment, _ = submitted
    url = reverse("deliverables:version_review", kwargs={"assessment_id": assessment.pk})
    response = consultant_client.post(url, {"summary": "", "conclusions": "x", "action": "approve"})
    assert response.status_code == 400 and not ReportVersion.objects.exists()


def test_the_preview_is_the_report_with_the_saved_draft(submitted, consultant, consultant_client):
    assessment, _ = submitted
    services.report_draft_save(assessment=assessment, user=consultant, summary="Resumen <b>vista</b>", conclusions="")
    url = reverse("deliverables:version_preview", kwargs={"assessment_id": assessment.pk, "lang": "es"})
    body = consultant_client.get(url).content.decode()
    assert "Resumen &lt;b&gt;vista&lt;/b&gt;" in body


# ---- the owner --------------------------------------------------------------------------------


def test_the_owner_sees_only_a_published_version(
    settings, submitted, consultant, consultant_client, client, django_capture_on_commit_callbacks
):
    assessment, token = submitted
    settings.TASKS = IMMEDIATE
    results = reverse("assessments:results", kwargs={"token": token})
    owner_pdf = reverse("deliverables:owner_version_pdf", kwargs={"token": token, "lang": "es"})
    with django_capture_on_commit_callbacks(execute=True):
        v1 = _approve(assessment, consultant, conclusions="Conclusiones de la versión uno")
    assert owner_pdf not in client.get(results).content.decode()
    assert client.get(owner_pdf).status_code == 404  # approved but not published
    publish = reverse("deliverables:version_publish", kwargs={"assessment_id": assessment.pk, "version_id": v1.pk})
    assert consultant_client.post(publish).status_code == 302
    settings.TASKS = DUMMY
    v2 = _approve(assessment, consultant, conclusions="Borrador de la versión dos")  # approved, never published
    assert owner_pdf in client.get(results).content.decode()
    served = b"".join(client.get(owner_pdf).streaming_content)
    v1.refresh_from_db()
    with v1.pdf_es.open("rb") as handle:
        assert served == handle.read()
    assert "Conclusiones de la versión uno" in _text(served)
    assert v2.published_at is None
    assert (
        client.get(reverse("deliverables:owner_version_pdf", kwargs={"token": "x" * 30, "lang": "es"})).status_code
        == 404
    )
