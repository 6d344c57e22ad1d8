"""The cache key: the same report gets the same key; anything that changes the PDF changes it."""

from __future__ import annotations

import io
import re
from datetime import datetime

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from PIL import Image

from assessments import selectors
from assessments.models import Assessment, Organization
from assessments.reports import cache
from assessments.reports.cache import report_cache_key
from assessments.reports.models import RenderedReport
from assessments.reports.services import report_html, report_request
from assessments.services import assessment_token_renew
from tests.factories import FirmFactory, OrganizationFactory, submit_assessment
from tests.reports.conftest import download, pdf_reader, pdf_text


def _png() -> bytes:
    """A small valid PNG: the report embeds the logo, so it must decode."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#14365d").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def _key(assessment, lang="es"):
    assessment.refresh_from_db()
    return report_cache_key(snapshot=assessment.snapshot, organization=assessment.organization, lang=lang)


def test_same_report_same_key(submitted):
    assessment, _ = submitted
    assert _key(assessment) == _key(assessment) == _key(assessment, "es-mx")
    assert len(_key(assessment)) == 64


def test_language_company_and_branding_change_the_key(submitted, consultant):
    assessment, _ = submitted
    organization = assessment.organization
    seen = {_key(assessment)}
    seen.add(_key(assessment, "en"))
    organization.name = "Otro nombre"
    organization.save()
    seen.add(_key(assessment))
    firm = consultant.membership.firm
    organization.firm = firm
    organization.save()
    seen.add(_key(assessment))
    firm.name = "Marca del consultor"
    firm.save()
    seen.add(_key(assessment))
    firm.contact_line = "contacto@marca.mx"
    firm.save()
    seen.add(_key(assessment))
    firm.brand_color = "#123456"
    firm.save()
    seen.add(_key(assessment))
    firm.logo.save("logo.png", ContentFile(b"\x89PNG uno"))
    seen.add(_key(assessment))
    firm.logo.save("logo.png", ContentFile(b"\x89PNG dos"))
    seen.add(_key(assessment))
    assert len(seen) == 9


def test_a_new_snapshot_or_report_design_changes_the_key(submitted, monkeypatch):
    assessment, _ = submitted
    before = _key(assessment)
    snapshot = assessment.snapshot
    snapshot.content_hash = "0" * 64
    snapshot.save()
    assert _key(assessment) != before
    after_snapshot = _key(assessment)
    monkeypatch.setattr(cache, "design_fingerprint", lambda: "another template")
    assert _key(assessment) != after_snapshot


def test_the_design_fingerprint_covers_template_css_and_fonts():
    cache.design_fingerprint.cache_clear()
    assert len(cache.design_fingerprint()) == 64


# ---- The key covers what the report prints ---------------------------------------------------------------------


def _dated(organization, answers, day: str):
    return submit_assessment(organization, answers, when=datetime.fromisoformat(f"{day}T17:00:00+00:00"))


def test_same_answers_on_other_dates_are_two_pdfs_each_with_its_own_date(db, client, sample_answers):
    """Two companies of the same name, same answers: the same result, printed on different dates."""
    first = _dated(OrganizationFactory(name="Taller Gómez"), sample_answers, "2026-01-15")
    second = _dated(OrganizationFactory(name="Taller Gómez"), sample_answers, "2026-06-10")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.snapshot.content_hash == second.snapshot.content_hash  # what used to share one PDF
    assert _key(first) != _key(second)
    texts = {}
    for assessment in (first, second):
        token = assessment_token_renew(assessment=assessment)
        response = download(client, reverse("reports:owner_report", kwargs={"token": token}))
        texts[assessment.pk] = " ".join(pdf_text(pdf_reader(b"".join(response.streaming_content))).split())
    assert "15 de enero de 2026" in texts[first.pk] and "10 de junio de 2026" not in texts[first.pk]
    assert "10 de junio de 2026" in texts[second.pk] and "15 de enero de 2026" not in texts[second.pk]
    assert RenderedReport.objects.count() == 2


def _printed(assessment, lang="es") -> str:
    assessment = Assessment.objects.select_related("organization__firm").get(pk=assessment.pk)
    html = report_html(snapshot=assessment.snapshot, organization=assessment.organization, lang=lang)
    return re.sub(r"\s+", " ", html)


def test_whenever_the_printed_report_differs_the_key_differs(sample_answers, firm):
    """Same key ⇒ same printed report, over every input the report prints (a hand-kept list would drift)."""
    organization = OrganizationFactory(name="Taller Gómez", firm=firm)
    base = _dated(organization, sample_answers, "2026-03-02")
    seen: list[tuple[str, str, str]] = []

    def record(label, assessment, lang="es"):
        seen.append((label, _key(assessment, lang), _printed(assessment, lang)))

    record("base", base)
    record("english", base, "en")
    twin = _dated(OrganizationFactory(name="Taller Gómez", firm=firm), sample_answers, "2026-03-02")
    record("another company, same name, answers and day", twin)
    Assessment.objects.filter(pk=base.pk).update(submitted_at=datetime.fromisoformat("2026-03-09T17:00:00+00:00"))
    record("another date", base)
    organization.name = "Taller Gómez e Hijos"
    organization.size_band = Organization.Size.MEDIUM
    organization.save()
    record("name and size", base)
    firm.name, firm.contact_line, firm.brand_color = "Robles Consultores", "hola@robles.mx", "#123456"
    firm.save()
    record("branding", base)
    firm.logo.save("logo.png", ContentFile(PNG), save=True)
    record("logo", base)
    earlier = _dated(organization, sample_answers, "2025-09-01")
    record("an earlier assessment: the trend", base)
    earlier.delete()
    record("the earlier one deleted", base)
    for i, (label_a, key_a, html_a) in enumerate(seen):
        for label_b, key_b, html_b in seen[i + 1 :]:
            if html_a != html_b:
                assert key_a != key_b, f"{label_a!r} and {label_b!r} print differently but share a key"
    assert len({key for _, key, _ in seen}) >= len(seen) - 1  # the deletion returns to the "logo" report


def test_a_cache_hit_opens_no_file_and_makes_few_queries(client, submitted, monkeypatch, django_assert_max_num_queries):
    assessment, token = submitted
    firm = FirmFactory()
    firm.logo.save("logo.png", ContentFile(PNG), save=True)
    assessment.organization.firm = firm
    assessment.organization.save()
    url = reverse("reports:owner_report", kwargs={"token": token})
    assert download(client, url)["Content-Type"] == "application/pdf"
    opened = []
    real_open = FieldFile.open

    def spy(self, mode="rb"):
        opened.append(self.name)
        return real_open(self, mode)

    monkeypatch.setattr(FieldFile, "open", spy)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert opened == [RenderedReport.objects.get().pdf.name]  # the PDF served, never the logo


def test_a_lost_file_is_rendered_again(client, submitted):
    _, token = submitted
    url = reverse("reports:owner_report", kwargs={"token": token})
    download(client, url)
    report = RenderedReport.objects.get()
    report.pdf.storage.delete(report.pdf.name)
    assert client.get(url).status_code == 202  # "being prepared", not a 500
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_download_looks_up_the_key_the_worker_files_the_pdf_under(sample_answers, firm):
    """The download reads the snapshot and the trend in one query of its own: its key must be
    report_cache_key's for every assessment of a company with a history, in both languages."""
    firm.logo.save("logo.png", ContentFile(PNG), save=True)
    organization = OrganizationFactory(name="Taller Gómez", firm=firm)
    history = [_dated(organization, sample_answers, day) for day in ("2025-09-01", "2026-03-02", "2026-06-10")]
    same_moment = _dated(organization, sample_answers, "2026-06-10")  # submitted in the same second: by id
    for assessment in [*history, same_moment]:
        fresh = selectors.assessment_get_by_token(token=assessment_token_renew(assessment=assessment))
        for lang in ("es", "en"):
            assert report_request(assessment=fresh, lang=lang).key == _key(assessment, lang)
    history[0].delete()
    assert report_request(assessment=history[1], lang="es").key == _key(history[1])


def test_a_repeated_download_makes_three_queries(client, submitted, django_assert_num_queries):
    """Token (with company and firm), the company's snapshots up to this one, the cache row: nothing else."""
    _, token = submitted
    url = reverse("reports:owner_report", kwargs={"token": token})
    assert download(client, url)["Content-Type"] == "application/pdf"
    with django_assert_num_queries(3):
        assert client.get(url)["Content-Type"] == "application/pdf"
