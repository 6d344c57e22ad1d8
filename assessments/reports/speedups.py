"""Three narrow adjustments to WeasyPrint 70 and pydyf for the report, used in the render process only.

1. SVG text in one run. WeasyPrint lays out and draws SVG text one code point at a time
   (`weasyprint.svg.text.text`), so that `x`/`y`/`dx`/`dy`/`rotate` lists, `letter-spacing` and
   `textLength` can move each glyph. The report's charts (charts.py) never use those: each label is
   one `<text>` with one `x` and one `y`. Letter by letter, the two charts cost about 15 ms more a
   render (a Pango layout and a text object per letter) and lost the font's kerning. The replacement
   shapes the whole run with one Pango layout when nothing asks for per-glyph placement, and calls
   WeasyPrint's own function otherwise. It is the workaround WeasyPrint's maintainers describe in
   https://github.com/Kozea/WeasyPrint/issues/2249 ("draw the whole text instead of separating
   codepoints when there's no specified x, y, dx, dy or rotate values for specific glyphs").

2. Stream compression at zlib level 6 instead of 9. pydyf compresses every stream (page contents,
   font subsets) at level 9, about 25 ms a report; level 6 takes a third of that for a PDF about 2%
   larger.

3. The report's HTML parsed as XML. WeasyPrint parses HTML with tinyhtml5, a pure-Python HTML5
   parser: about 20 ms for the report's 33 kB. The report template is written as well-formed XHTML
   (closed void elements, explicit <tbody>), so `parse_html` reads it with the C XML parser in well
   under a millisecond and builds the same tree (tests/reports/test_speedups.py compares the two);
   anything that is not well-formed XML (e.g. a control character in a company name) goes through
   tinyhtml5 as before.

Each is installed only on the versions it was written against (WEASYPRINT_VERSION, PYDYF_VERSION);
with any other version the library's own code runs unchanged (slower, same output).
"""

from __future__ import annotations

import zlib
from math import inf
from types import SimpleNamespace
from typing import Any
from xml.etree import ElementTree

WEASYPRINT_VERSION = "70.0"
PYDYF_VERSION = "0.13.0"
PER_GLYPH_ATTRIBUTES = ("dx", "dy", "rotate", "textLength", "letter-spacing")
COMPRESSION_LEVEL = 6

_original = None

# What pydyf sees as `zlib`: it calls zlib.compressobj(level=9) for streams, zlib.compress() for images.
_PYDYF_ZLIB = SimpleNamespace(
    compress=zlib.compress,
    compressobj=lambda level=COMPRESSION_LEVEL, *args, **kwargs: zlib.compressobj(
        min(level, COMPRESSION_LEVEL), *args, **kwargs
    ),
)


def install() -> dict[str, bool]:
    """Install both adjustments (once); which ones are in place."""
    return {"svg_text": _install_svg_text(), "compression": _install_compression_level()}


def parse_html(html: str, *, base_url: str, url_fetcher: Any) -> Any:
    """A weasyprint.HTML for `html`: parsed as XML when it is well-formed, by WeasyPrint otherwise."""
    import weasyprint

    if weasyprint.__version__ == WEASYPRINT_VERSION and _plain_xhtml(html):
        try:
            # The report's own markup, user text escaped, no DTD or entity declarations (_plain_xhtml).
            root = ElementTree.fromstring(html)  # noqa: S314
        except ElementTree.ParseError:
            pass
        else:
            if root.tag == "html":
                return _ParsedHTML(root, base_url=base_url, url_fetcher=url_fetcher)
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)


def _plain_xhtml(html: str) -> bool:
    """Only a document without a DTD subset or entity declarations is read as XML.

    Escaped user text never contains "<", so this only keeps out markup that the template never
    produces; such a document goes through tinyhtml5, which expands no declared entities.
    """
    head = html.lstrip()[:64].lower()
    return "<!entity" not in html.lower() and (not head.startswith("<!doctype") or head.startswith("<!doctype html>"))


def _parsed_html_class() -> type:
    import cssselect2
    import weasyprint

    class ParsedHTML(weasyprint.HTML):
        """weasyprint.HTML over an element tree parsed elsewhere; sets what HTML.__init__ sets (v70)."""

        def __init__(self, root: ElementTree.Element, *, base_url: str, url_fetcher: Any) -> None:
            self.base_url = weasyprint._find_base_url(root, base_url)  # noqa: SLF001 - as HTML.__init__
            self.url_fetcher = url_fetcher
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

    return ParsedHTML


def _ParsedHTML(root: ElementTree.Element, **kwargs: Any) -> Any:  # noqa: N802 - used like a class
    global _parsed_html
    if _parsed_html is None:
        _parsed_html = _parsed_html_class()
    return _parsed_html(root, **kwargs)


_parsed_html = None


def _install_compression_level() -> bool:
    import pydyf

    if getattr(pydyf, "__version__", None) != PYDYF_VERSION or getattr(pydyf, "zlib", None) is None:
        return False
    if pydyf.zlib is _PYDYF_ZLIB:
        return True
    if pydyf.zlib is not zlib:
        return False  # someone else replaced it: leave it alone
    pydyf.zlib = _PYDYF_ZLIB
    return True


def _install_svg_text() -> bool:
    """Patch weasyprint's SVG text drawing; True when the fast path is (now) in place."""
    global _original
    import weasyprint
    import weasyprint.svg as svg_package

    if _original is not None:
        return True
    original = getattr(svg_package, "text", None)  # the function `from .text import text` binds here
    if weasyprint.__version__ != WEASYPRINT_VERSION or svg_package.TAGS.get("text") is not original:
        return False
    _original = original
    # draw_node both dispatches through TAGS and compares TAGS entries with the package's `text`.
    svg_package.text = _text
    for tag, function in list(svg_package.TAGS.items()):
        if function is original:
            svg_package.TAGS[tag] = _text
    return True


def _single(svg, node, name: str, font_size: float, reference: float) -> tuple[bool, float | None]:
    """(ok, value) of an `x` or `y` attribute: ok is False for a list of several positions."""
    from weasyprint.svg.utils import normalize, size

    if name not in node.attrib:
        return True, None
    values = normalize(node.attrib[name]).strip().split(" ")
    if len(values) != 1:
        return False, None
    return True, size(values[0], font_size, reference)


def _text(svg, node, font_size):
    """weasyprint.svg.text.text, for a run without per-glyph placement; the original otherwise."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import Style, TextBox  # the submodule: the package's `text` is patched
    from weasyprint.text.line_break import split_first_line

    ok_x, x = _single(svg, node, "x", font_size, svg.inner_width)
    ok_y, y = _single(svg, node, "y", font_size, svg.inner_height)
    if not (ok_x and ok_y) or not node.text or any(name in node.attrib for name in PER_GLYPH_ATTRIBUTES):
        return _original(svg, node, font_size)

    # The style, as WeasyPrint's own function builds it.
    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    style["font_weight"] = node.get("font-weight", 400)
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    if style["font_weight"] == "normal":
        style["font_weight"] = 400
    elif style["font_weight"] == "bold":
        style["font_weight"] = 700
    else:
        try:
            style["font_weight"] = int(style["font_weight"])
        except ValueError:
            style["font_weight"] = 400

    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)

    # Vertical alignment, as in WeasyPrint's function.
    ascent, descent = font_size * 0.8, font_size * 0.2
    y_align = 0
    display_anchor = node.get("display-anchor")
    alignment_baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        y_align = -height / 2
    elif display_anchor == "top":
        pass
    elif display_anchor == "bottom":
        y_align = -height
    elif alignment_baseline in ("central", "middle"):
        y_align = (ascent + descent) / 2 - descent
    elif alignment_baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        y_align = ascent
    elif alignment_baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        y_align = -descent

    # The whole run where WeasyPrint would put its first letter; the cursor moves past the run.
    if x:
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + y_align
    points = ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height))
    node.text_bounding_box = extend_bounding_box(node.text_bounding_box, points)

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = TextBox(layout, style)
    text_box.baseline = baseline
    emojis = draw_first_line(svg.stream, text_box, "none", "none", Matrix(a=1, d=-1, e=x_position, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)
