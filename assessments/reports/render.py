"""HTML → PDF with WeasyPrint: a tagged PDF/UA-1 document whose resources go through the safe fetcher.

No Django import: this runs inside the render process (see process.py), which never loads Django.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from assessments.reports.fetcher import SafeURLFetcher

# PDF/UA-1: a tagged PDF (structure tree, reading order, alternate texts) that shows its title and
# declares its language; WeasyPrint 70 switches on `pdf_tags` and PDF 1.7 for this variant.
PDF_VARIANT = "pdf/ua-1"

# WeasyPrint logs every rendering step at INFO; keep its warnings (e.g. a refused URL), not the steps.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str, *, base_url: str, allowed_roots: Sequence[str | Path]) -> bytes:
    """Render in this process. `base_url` resolves relative links; the fetcher decides what loads.

    The title and language in the PDF metadata come from the document's <title> and <html lang>.
    Fonts are embedded (subsets of the fonts the stylesheet's @font-face rules load).
    """
    from weasyprint import HTML  # here, so that importing this module stays cheap

    fetcher = SafeURLFetcher(allowed_roots=allowed_roots)
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)


def warm_up(*, base_url: str, allowed_roots: Sequence[str | Path]) -> None:
    """Render a one-line document, so that the next render finds WeasyPrint and the fonts loaded."""
    sample = '<html lang="es"><link rel="stylesheet" href="%s"><p>Página <b>1</b> <i>de</i> 1</p></html>'
    html_to_pdf(sample % base_url, base_url=base_url, allowed_roots=allowed_roots)
