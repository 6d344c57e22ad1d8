"""HTML → PDF with WeasyPrint: a tagged PDF/UA-1 document whose resources go through the safe fetcher.

No Django import: this runs inside the render process (see process.py), which never loads Django.

The report's stylesheet is not linked from the HTML: it is passed as `stylesheets` and parsed once
per process, with its @font-face fonts, into a `_Design` that later renders reuse (a fresh parse and
font set-up cost about 50 ms a render, and Pango's font caches start cold with a new font map). The
design is built again whenever a file it read (the stylesheet, a font) changes on disk.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assessments.reports.fetcher import SafeURLFetcher
from assessments.reports.xml_parse import parse_html

# PDF/UA-1: a tagged PDF (structure tree, reading order, alternate texts) that shows its title and
# declares its language; WeasyPrint 70 switches on `pdf_tags` and PDF 1.7 for this variant.
PDF_VARIANT = "pdf/ua-1"

# WeasyPrint logs every rendering step at INFO; keep its warnings (e.g. a refused URL), not the steps.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _recording_fetcher(allowed_roots: Sequence[str | Path]) -> tuple[SafeURLFetcher, dict[Path, tuple[int, int]]]:
    """The safe fetcher, and the files it reads (with their modification time and size) as it reads them."""
    fetcher = SafeURLFetcher(allowed_roots=allowed_roots)
    files: dict[Path, tuple[int, int]] = {}
    resolve = fetcher.resolve_file_url

    def resolve_and_note(url: str) -> Path:
        path = resolve(url)
        files[path] = _stamp(path)
        return path

    fetcher.resolve_file_url = resolve_and_note
    return fetcher, files


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@dataclass
class _Design:
    """Parsed stylesheets and the font configuration their @font-face rules filled, kept between renders."""

    key: tuple
    font_config: Any  # weasyprint.text.fonts.FontConfiguration
    stylesheets: list  # weasyprint.CSS
    files: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def is_current(self) -> bool:
        try:
            return all(_stamp(path) == stamp for path, stamp in self.files.items())
        except OSError:
            return False


_design: _Design | None = None
_design_lock = threading.Lock()


def _current_design(stylesheets: Sequence[str], allowed_roots: Sequence[str | Path]) -> _Design:
    global _design
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    key = (tuple(stylesheets), tuple(str(root) for root in allowed_roots))
    with _design_lock:
        if _design is None or _design.key != key or not _design.is_current():
            font_config = FontConfiguration()
            fetcher, files = _recording_fetcher(allowed_roots)
            sheets = [CSS(url=url, url_fetcher=fetcher, font_config=font_config) for url in stylesheets]
            _design = _Design(key=key, font_config=font_config, stylesheets=sheets, files=files)
        return _design


def forget_design() -> None:
    """Drop the parsed stylesheets and fonts; the next render parses them again."""
    global _design
    with _design_lock:
        _design = None


def html_to_pdf(
    html: str, *, base_url: str, allowed_roots: Sequence[str | Path], stylesheets: Sequence[str] = ()
) -> bytes:
    """Render in this process. `base_url` resolves relative links; the fetcher decides what loads.

    `stylesheets` are URLs of the document's stylesheets (the report's is not linked from its HTML),
    read through the same safe fetcher. The title and language in the PDF metadata come from the
    document's <title> and <html lang>. Fonts are embedded (subsets of the @font-face fonts).
    """
    design = _current_design(stylesheets, allowed_roots)
    fetcher = SafeURLFetcher(allowed_roots=allowed_roots)
    document = parse_html(html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant=PDF_VARIANT, font_config=design.font_config, stylesheets=design.stylesheets)


def warm_up(*, base_url: str, allowed_roots: Sequence[str | Path], stylesheets: Sequence[str] = ()) -> None:
    """Render a one-line document, so that the next render finds WeasyPrint, the design and fonts loaded."""
    sample = '<html lang="es"><p>Página <b>1</b> <i>de</i> 1 <svg><text x="1" y="9">1</text></svg></p></html>'
    html_to_pdf(sample, base_url=base_url, allowed_roots=allowed_roots, stylesheets=stylesheets)
