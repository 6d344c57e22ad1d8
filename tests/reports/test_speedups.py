"""The render process's shortcuts give the same document: XML parsing, SVG text runs, reused design."""

from __future__ import annotations

import os

import pytest
import tinyhtml5
import weasyprint

from assessments.reports import render, resources, speedups
from assessments.reports.samples import sample_subject
from assessments.reports.services import report_html
from tests.reports.conftest import pdf_reader, pdf_text

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


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_report_is_parsed_as_xml_into_the_tree_weasyprint_would_build(sample_html, lang):
    html = sample_html[lang]
    document = speedups.parse_html(html, base_url="file:///", url_fetcher=None)
    assert type(document) is not weasyprint.HTML  # the fast path: the template is well-formed XML
    expected = tinyhtml5.parse(html, namespace_html_elements=False)
    assert _flat(document.etree_element) == _flat(expected)


def test_markup_that_is_not_xml_goes_through_weasyprint_s_parser():
    html = '<html lang="es"><body><p>Uno<br>dos &nbsp; \x0b</p></body></html>'
    document = speedups.parse_html(html, base_url="file:///", url_fetcher=None)
    assert type(document) is weasyprint.HTML


def test_svg_text_runs_and_per_glyph_positions_both_render():
    assert speedups.install() == {"svg_text": True, "compression": True}
    html = (
        '<html lang="es"><body><svg xmlns="http://www.w3.org/2000/svg" width="300" height="60">'
        '<text x="10" y="20" text-anchor="start">Gobierno de la IA</text>'
        '<text x="290" y="40" text-anchor="end">Uso seguro</text>'
        '<text x="10 20 30" y="55" dx="1">abc</text></svg></body></html>'
    )
    text = pdf_text(pdf_reader(render.html_to_pdf(html, base_url="file:///", allowed_roots=[])))
    assert "Gobierno de la IA" in text and "Uso seguro" in text and "a" in text


def test_the_design_is_parsed_once_and_again_when_a_file_changes(tmp_path):
    stylesheet = tmp_path / "report.css"
    stylesheet.write_text("p { color: #14365d }")
    html = '<html lang="es"><body><p>Hola</p></body></html>'

    def pdf():
        return render.html_to_pdf(
            html, base_url=stylesheet.as_uri(), allowed_roots=[tmp_path], stylesheets=[stylesheet.as_uri()]
        )

    render.forget_design()
    try:
        pdf()
        first = render._design  # noqa: SLF001 - the cache under test
        pdf()
        assert render._design is first  # noqa: SLF001
        stylesheet.write_text("p { color: #b42318 }")
        os.utime(stylesheet, ns=(first.files[stylesheet.resolve()][0] + 10**9,) * 2)
        assert b"%PDF" in pdf()[:8]
        assert render._design is not first  # noqa: SLF001
    finally:
        render.forget_design()


def test_the_report_stylesheet_and_fonts_are_the_design_s_files():
    render.forget_design()
    try:
        render.html_to_pdf(
            '<html lang="es"><body><p>Hola</p></body></html>',
            base_url=resources.stylesheet_uri(),
            allowed_roots=resources.allowed_roots(),
            stylesheets=resources.stylesheets(),
        )
        names = {path.name for path in render._design.files}  # noqa: SLF001
        assert "report.css" in names and any(name.endswith(".ttf") for name in names)
    finally:
        render.forget_design()
