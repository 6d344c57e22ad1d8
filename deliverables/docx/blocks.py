"""Headings, paragraphs, tables and pictures in the report's style, shared by every section of the writer."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from deliverables.docx.charts import CHART_DPI
from deliverables.docx.labels import label
from deliverables.docx.ooxml import _repeat_header, _set_alt_text, clean

CHART_WIDTH_CM = 16.5
HEADER_TEXT = "FFFFFF"


class DocumentBlocks:
    """The building blocks of one document; the writer sets `doc` (the python-docx Document), `lang` and `color`."""

    def L(self, key: str) -> str:  # noqa: N802 - short on purpose: used on every label
        return label(key, self.lang)

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(clean(text), level=level)

    def para(self, text: str = "", *, style: str | None = None, bold_prefix: str = "", italic=False, size=None):
        paragraph = self.doc.add_paragraph(style=style)
        if bold_prefix:
            prefix = paragraph.add_run(clean(bold_prefix))
            prefix.bold = True
            if size:
                prefix.font.size = Pt(size)
        if text:
            run = paragraph.add_run(clean(text))
            run.italic = italic
            if size:
                run.font.size = Pt(size)
        return paragraph

    def paragraphs(self, text: str) -> None:
        """A user's multi-paragraph text: a paragraph per blank-line block, line breaks kept."""
        for block in re.split(r"\n\s*\n", clean(text).strip()):
            if block.strip():
                self.para(block.strip())

    def table(self, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[float] = ()):
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self._header_cell(cell, text)
        _repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = clean(value)
        if widths:
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=False):
                column.width = Cm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=False):
                    cell.width = Cm(width)
        self.doc.add_paragraph()
        return table

    def _header_cell(self, cell, text: str) -> None:
        cell.text = ""
        run = cell.paragraphs[0].add_run(clean(text))
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(HEADER_TEXT)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), self.color)
        cell._tc.get_or_add_tcPr().append(shading)

    def picture(self, png: bytes, alt: str, width_cm: float | None = None) -> None:
        """An image; a chart at its natural print size (CHART_DPI), never wider than the text column."""
        if width_cm is None:
            from PIL import Image

            width_cm = min(Image.open(io.BytesIO(png)).width / CHART_DPI * 2.54, CHART_WIDTH_CM)
        self.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
        _set_alt_text(self.doc.inline_shapes[-1], clean(alt))

    def _facts(self, rows: Sequence[tuple[str, str]]) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for name, value in rows:
            cells = table.add_row().cells
            self._header_cell(cells[0], name)
            cells[1].text = clean(value)
        self.doc.add_paragraph()
