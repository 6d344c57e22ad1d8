"""The cache key: the same report gets the same key; anything that changes the PDF changes it."""

from __future__ import annotations

from django.core.files.base import ContentFile

from assessments.reports import cache
from assessments.reports.cache import report_cache_key


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
