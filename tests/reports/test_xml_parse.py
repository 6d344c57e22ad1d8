"""The report's HTML read by the XML parser gives the tree WeasyPrint's own parser builds; else it falls back."""

from __future__ import annotations

import logging

import pytest
import tinyhtml5
import weasyprint

from assessments.reports import xml_parse
from assessments.reports.samples import sample_subject
from assessments.reports.services import report_html

XMLNS = "{http://www.w3.org/2000/xmlns/}xmlns"  # tinyhtml5 keeps the svg's xmlns as an attribute


def _flat(element, depth=0, out=None):
    """(depth, tag, attributes, text, tail) of every element, whitespace collapsed."""
    out = [] if out is None else out
    attributes = tuple(sorted((k, v) for k, v in element.attrib.items() if k != XMLNS))
    text, tail = (" ".join((value or "").split()) for value in (element.text, element.tail))
    out.append((depth, element.tag, attributes, text, tail))
    for child in element:
        _flat(child, depth + 1, out)
    return out


@pytest.fixture(scope="module")
def sample_html(django_db_blocker):
    with django_db_blocker.unblock():
        snapshot, organization = sample_subject(company="Panadería & Hijos <SA>", brand_name="Robles")
        return {lang: report_html(snapshot=snapshot, organization=organization, lang=lang) for lang in ("es", "en")}


@pytest.fixture
def fresh_warning(monkeypatch):
    monkeypatch.setattr(xml_parse, "_warned", False)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_report_is_read_as_xml_into_the_tree_weasyprint_would_build(sample_html, lang):
    html = sample_html[lang]
    assert xml_parse._xml_root(html) is not None  # noqa: SLF001 - the template is well-formed XHTML
    document = xml_parse.parse_html(html, base_url="file:///", url_fetcher=None)
    expected = tinyhtml5.parse(html, namespace_html_elements=False)
    assert _flat(document.etree_element) == _flat(expected)
    assert document.base_url == weasyprint.HTML(string=html, base_url="file:///").base_url


def test_markup_that_is_not_xml_goes_through_weasyprint_s_parser(caplog, fresh_warning):
    html = '<html lang="es"><body><p>Uno<br>dos &nbsp; \x0b</p></body></html>'
    assert xml_parse._xml_root(html) is None  # noqa: SLF001
    with caplog.at_level(logging.WARNING, logger=xml_parse.__name__):
        document = xml_parse.parse_html(html, base_url="file:///", url_fetcher=None)
    assert [p.text for p in document.etree_element.iter("p")] == ["Uno"]
    assert caplog.records == []  # the safe path, not a fault


def test_another_weasyprint_version_warns_once_and_uses_weasyprint_s_parser(caplog, fresh_warning, monkeypatch):
    monkeypatch.setattr(xml_parse, "CHECKED_WEASYPRINT", "0.0")
    html = '<html lang="es"><body><p>Hola</p></body></html>'
    with caplog.at_level(logging.WARNING, logger=xml_parse.__name__):
        for _ in range(3):
            document = xml_parse.parse_html(html, base_url="file:///", url_fetcher=None)
            assert [p.text for p in document.etree_element.iter("p")] == ["Hola"]
    assert len(caplog.records) == 1 and "speed-up inactive" in caplog.records[0].getMessage()
