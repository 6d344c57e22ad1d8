"""Which rendered PDF answers a request: the cache key covers everything the report prints.

What templates/reports/report.html prints, and which part of the key covers it (report_context builds
the same values from the same inputs):

| printed                                                     | from                          | key part   |
|-------------------------------------------------------------|-------------------------------|------------|
| scores, band, comparisons, plan, appendix answers, summary  | the frozen snapshot           | snapshot   |
| "Huella del resultado" (the snapshot's content hash)        | the frozen snapshot           | snapshot   |
| the assessment it reports on (one PDF per assessment)       | snapshot row                  | assessment |
| "Fecha de la evaluación" (local date of the submission)     | assessment.submitted_at       | date       |
| title, running header, cover, summary: the company's name   | organization.name             | company    |
| company size                                                | organization.size_band        | size       |
| "Preparado por", cover facts, footer: the firm's branding   | firm name, contact, colour    | brand...   |
| the firm's logo                                             | firm.logo (its stored name)   | logo       |
| "Evolución": earlier assessments, their scores and dates    | trend_snapshots               | trend      |
| language of every text                                      | the request                   | lang       |
| template, stylesheet, fonts, translations, study sources,   | files on disk, hashed once    | design     |
| report and WeasyPrint versions                              | per process                   |            |

Same key → the PDF already rendered is served again without rendering. The key is an HMAC with the
project's SECRET_KEY, so a file name in storage cannot be guessed from a company's answers.

A cache hit must stay cheap (a repeated download is a few queries and no file read): nothing here
opens a file per request. The design files are hashed once per process; the logo is identified by
its stored name, which is random per upload (firms.services.firm_logo_replace), so a new logo is a
new name — with remote storage, reading it would be a network call on every download.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.utils import timezone
from django.utils.crypto import salted_hmac

from assessments.benchmarks.loader import DEFAULT_PATH as BENCHMARKS_PATH
from assessments.models import Organization, ResultSnapshot
from assessments.reports import resources
from assessments.reports.context import REPORT_VERSION, report_language
from assessments.reports.trend import trend_fingerprint_upto

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
    """Report version, template, stylesheet, fonts, translations, study data and WeasyPrint version, hashed once."""
    parts = [REPORT_VERSION, version("weasyprint")]  # not an import: web processes never load WeasyPrint
    files = [Path(get_template(TEMPLATE).origin.name), resources.static_path(resources.STYLESHEET)]
    files += sorted(resources.static_path("fonts").rglob("*.ttf"))
    for locale_dir in settings.LOCALE_PATHS:
        files += sorted(Path(locale_dir).rglob("*.mo"))
    files.append(BENCHMARKS_PATH)  # "Metodología y fuentes" prints the study's current source and version
    parts += [f"{path.name}:{_file_digest(path)}" for path in files]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def report_cache_parts(
    *, snapshot: ResultSnapshot, organization: Organization, lang: str, trend: list[list[str]] | None = None
) -> dict[str, object]:
    """What the key is made of (see the table above); raw values, so that any change of a printed one shows.

    `trend`: trend_fingerprint_upto's value when the caller already read it (a repeated download reads
    it with the snapshot, in one query); read here otherwise.
    """
    firm = organization.firm
    assessment = snapshot.assessment
    moment = assessment.submitted_at or snapshot.created_at
    return {
        "snapshot": snapshot.content_hash,
        "assessment": assessment.pk,
        "date": timezone.localdate(moment).isoformat() if moment else "",
        "lang": report_language(lang),
        "company": organization.name,
        "size": organization.size_band,
        "brand": firm.name if firm else "",
        "contact": firm.contact_line if firm else "",
        "color": firm.brand_color if firm else "",
        "logo": firm.logo.name if firm and firm.logo else "",
        "design": design_fingerprint(),
        "trend": trend if trend is not None else trend_fingerprint_upto(organization=organization, upto=snapshot),
    }


def report_cache_key(
    *, snapshot: ResultSnapshot, organization: Organization, lang: str, trend: list[list[str]] | None = None
) -> str:
    parts = report_cache_parts(snapshot=snapshot, organization=organization, lang=lang, trend=trend)
    message = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return salted_hmac(KEY_SALT, message, algorithm="sha256").hexdigest()
