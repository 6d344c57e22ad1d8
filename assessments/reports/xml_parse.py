"""The report's HTML parsed by the C XML parser instead of tinyhtml5, the only speed-up kept.

WeasyPrint parses HTML with tinyhtml5, a pure-Python HTML5 parser: about 160 ms for the report's
55 kB on the 2-core benchmark machine (`ElementTree.fromstring`: 1.5 ms), some 10 % of a render. The
report template is well-formed XHTML (closed void elements, explicit <tbody>), so it reads as XML
into the same tree (tests/reports/test_xml_parse.py compares the two).

No WeasyPrint code is copied and no private name is used: the document is built by the public
constructor from an empty page, then given the XML tree through the two attributes that constructor
fills (`wrapper_element`, `etree_element`). The base URL is the one given: the report has no <base>.
It is used only with the WeasyPrint version it was checked against and while those attributes exist;
otherwise the document goes through WeasyPrint's own parser and a warning says so once per process.
Anything that is not well-formed XML (e.g. a control character in a company name) also goes
through tinyhtml5, silently: that is the safe path, not a fault. No Django import (render process).
"""

from __future__ import annotations

import logging
from typing import Any
from xml.etree import ElementTree

CHECKED_WEASYPRINT = "70.0"

logger = logging.getLogger(__name__)
_warned = False


def parse_html(html: str, *, base_url: str, url_fetcher: Any) -> Any:
    """A weasyprint.HTML for `html`: its tree from the XML parser when possible, from WeasyPrint's otherwise."""
    import cssselect2
    import weasyprint

    root = _xml_root(html) if _checked_version(weasyprint.__version__) else None
    if root is None:
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    document = weasyprint.HTML(string="<html></html>", base_url=base_url, url_fetcher=url_fetcher)
    if not (hasattr(document, "wrapper_element") and hasattr(document, "etree_element")):
        _warn_once("weasyprint.HTML no longer has wrapper_element and etree_element")
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    document.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    document.etree_element = document.wrapper_element.etree_element
    return document


def _checked_version(version: str) -> bool:
    if version != CHECKED_WEASYPRINT:
        _warn_once(f"it was checked with WeasyPrint {CHECKED_WEASYPRINT}, this is {version}")
        return False
    return True


def _warn_once(reason: str) -> None:
    global _warned
    if not _warned:
        _warned = True
        logger.warning(
            "Report speed-up inactive (XML parsing of the report): %s. Using WeasyPrint's HTML parser "
            "(about 160 ms slower a render, same PDF); re-check assessments/reports/xml_parse.py.",
            reason,
        )


def _xml_root(html: str) -> ElementTree.Element | None:
    """The root <html> element, or None when the document is not plain well-formed XHTML."""
    head = html.lstrip()[:64].lower()
    if "<!entity" in html.lower() or (head.startswith("<!doctype") and not head.startswith("<!doctype html>")):
        return None  # no DTD subsets or entity declarations: those stay with tinyhtml5, which expands none
    try:
        # The report's own markup, user text escaped, no DTD or entity declarations (checked above).
        root = ElementTree.fromstring(html)  # noqa: S314
    except ElementTree.ParseError:
        return None
    return root if root.tag == "html" else None
