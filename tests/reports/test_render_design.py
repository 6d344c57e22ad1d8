"""The render process: SVG chart labels print, and the parsed design (stylesheet, fonts) is reused."""

from __future__ import annotations

import os

from assessments.reports import render, resources
from tests.reports.conftest import pdf_reader, pdf_text


def test_svg_chart_labels_are_printed_as_text():
    """The charts' labels are real text in the PDF (searchable, read aloud), placed by WeasyPrint's own code."""
    html = (
        '<html lang="es"><body><svg xmlns="http://www.w3.org/2000/svg" width="300" height="60">'
        '<text x="10" y="20" text-anchor="start">Gobierno de la IA</text>'
        '<text x="290" y="40" text-anchor="end">Uso seguro</text></svg></body></html>'
    )
    text = pdf_text(pdf_reader(render.html_to_pdf(html, base_url="file:///", allowed_roots=[])))
    letters = "".join(text.split())  # drawn glyph by glyph, the extracted text may break between letters
    assert "GobiernodelaIA" in letters and "Usoseguro" in letters, text


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
