"""The report's SVG charts as PNG images for Word, rasterised through the report's render process."""

from __future__ import annotations

import io
from collections.abc import Sequence

from assessments.reports.context import REPORT_FONT

CHART_DPI = 300  # print resolution of the chart images

_CHART_PAGE_CSS = """
@page chart { size: 180mm 320mm; margin: 0;
  @top-left { content: none; border: none; } @bottom-left { content: none; } @bottom-right { content: none; } }
html, body { margin: 0; background: #fff; }
div.chart-page { page: chart; width: 170mm; padding: 3mm; break-after: page; }
div.chart-page svg { width: 100%; height: auto; font-family: "Report Sans"; }
"""


def charts_to_png(svgs: Sequence[str], *, dpi: int = CHART_DPI) -> list[bytes]:
    """PNG images of server-made SVG charts, cropped to the drawing, at `dpi`.

    One render of all charts (one page each) through the report's render process, which reads
    nothing but the project's static files; pypdfium2 then rasterises each page.
    """
    if not svgs:
        return []
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops

    from assessments.reports import resources
    from assessments.reports.process import html_to_pdf_isolated

    pages = "".join(f'<div class="chart-page">{svg}</div>' for svg in svgs)
    html = f'<!DOCTYPE html><html lang="es"><head><style>{_CHART_PAGE_CSS}</style></head><body>{pages}</body></html>'
    rendered = html_to_pdf_isolated(
        html,
        base_url=resources.stylesheet_uri(),
        allowed_roots=resources.allowed_roots(),
        timeout=resources.render_timeout(),
        stylesheets=resources.stylesheets(),  # the report's fonts; the chart page rule above wins
    )
    document = pdfium.PdfDocument(rendered.pdf)
    images = []
    try:
        for index in range(len(svgs)):
            bitmap = document[index].render(scale=dpi / 72)
            image = bitmap.to_pil().convert("RGB")
            box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
            if box:
                pad = dpi // 20
                image = image.crop(
                    (
                        max(box[0] - pad, 0),
                        max(box[1] - pad, 0),
                        min(box[2] + pad, image.width),
                        min(box[3] + pad, image.height),
                    )
                )
            out = io.BytesIO()
            image.save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
            images.append(out.getvalue())
    finally:
        document.close()
    return images


def with_font(svg: str) -> str:
    from assessments.reports.charts import with_font_family

    return with_font_family(svg, REPORT_FONT)
