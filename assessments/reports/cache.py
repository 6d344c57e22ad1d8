"""Which rendered PDF answers a request: the cache key covers everything that changes the bytes.

Same snapshot, language, company name, branding, earlier assessments (the trend) and report design
→ same key → the PDF already rendered is served again without rendering. The key is an HMAC with the
project's SECRET_KEY, so a file name in storage cannot be guessed from a company's answers.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.utils.crypto import salted_hmac

from assessments.models import Organization, ResultSnapshot
from assessments.reports import resources
from assessments.reports.context import REPORT_VERSION, organization_branding, report_language
from assessments.reports.trend import trend_fingerprint, trend_snapshots

KEY_SALT = "assessments.reports.cache"
TEMPLATE = "reports/report.html"


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def design_fingerprint() -> str:
    """Report version, template, stylesheet, fonts, translations and WeasyPrint version, hashed once."""
    parts = [REPORT_VERSION, version("weasyprint")]  # not an import: web processes never load WeasyPrint
    files = [Path(get_template(TEMPLATE).origin.name), resources.static_path(resources.STYLESHEET)]
    files += sorted(resources.static_path("fonts").rglob("*.ttf"))
    for locale_dir in settings.LOCALE_PATHS:
        files += sorted(Path(locale_dir).rglob("*.mo"))
    parts += [f"{path.name}:{_file_digest(path)}" for path in files]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _logo_digest(organization: Organization) -> str:
    logo = organization.firm.logo if organization.firm else None
    if not logo:
        return ""
    try:
        with logo.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except (FileNotFoundError, OSError):
        return "missing"


def report_cache_key(*, snapshot: ResultSnapshot, organization: Organization, lang: str) -> str:
    branding = organization_branding(organization)
    payload = {
        "snapshot": snapshot.content_hash,
        "lang": report_language(lang),
        "company": organization.name,
        "size": organization.size_band,
        "brand": branding.brand_name,
        "contact": branding.contact_line,
        "color": branding.color,
        "logo": _logo_digest(organization),
        "design": design_fingerprint(),
        # The "Evolución" section prints the assessments submitted before this one: one deleted, or a
        # late-frozen one, changes the PDF.
        "trend": trend_fingerprint(trend_snapshots(organization=organization, upto=snapshot)),
    }
    message = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return salted_hmac(KEY_SALT, message, algorithm="sha256").hexdigest()
