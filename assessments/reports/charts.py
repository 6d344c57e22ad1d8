"""Server-made SVG charts (no JavaScript, no CDN), used by the results page and the PDF report.

Pure Python. Every text is XML-escaped, so hostile labels cannot inject markup.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

BAR_COLOURS = ((80, "#1b7f4b"), (60, "#2f7d9c"), (40, "#b7791f"), (20, "#c05621"), (0, "#b42318"))
STUDY_COLOUR = "#6b7280"
YOU_COLOUR = "#1d4ed8"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..100


@dataclass(frozen=True)
class PairedBar:
    label: str
    you: float | None  # 0..100, None when not applicable / unknown
    you_text: str  # what to print for the company ("Sí", "No", "No sé"...)
    study: float  # 0..100


def colour_for(score: float) -> str:
    return next(colour for floor, colour in BAR_COLOURS if score >= floor)


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    # Ids derived from the content, so that several charts on one page never share an id.
    uid = "chart-" + hashlib.sha256(f"{title}\n{desc}".encode()).hexdigest()[:10]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" class="chart">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _clip(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """At most `lines` lines of about `width` characters; the last one clipped with an ellipsis."""
    wrapped = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], _clip(" ".join(wrapped[lines - 1:]), width)]
    return wrapped


def with_font_family(svg: str, family: str) -> str:
    """The same chart with its text in `family` (the PDF report uses its embedded font).

    A presentation attribute on the root, inherited by every text; the web page leaves it out so that
    the chart keeps the page's own font.
    """
    prefix = '<svg xmlns="http://www.w3.org/2000/svg" '
    if not svg.startswith(prefix):
        return svg
    return f'{prefix}font-family="{escape(family, {chr(34): "&quot;"})}" {svg[len(prefix):]}'


def _rect(x: float, y: float, width: float, height: float, fill: str, *, rounded: bool = False) -> str:
    corner = ' rx="3"' if rounded else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height}"{corner} fill="{fill}"/>'


def _text(x: float, y: float, text: str, *, size: int, anchor: str = "start", bold: bool = False,
          fill: str = "#1f2937") -> str:
    extra = (' text-anchor="end"' if anchor == "end" else "") + (' font-weight="bold"' if bold else "")
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra} font-size="{size}" fill="{fill}">{escape(text)}</text>'


def domain_bars(bars: Sequence[Bar], *, title: str, width: int = 640) -> str:
    """Horizontal bars 0–100 with the score printed at the end of each bar."""
    label_w, row_h, top = 230, 34, 10
    plot_w = width - label_w - 60
    height = top * 2 + row_h * len(bars)
    body = []
    for i, bar in enumerate(bars):
        y = top + i * row_h
        value = max(0.0, min(100.0, bar.value))
        w = plot_w * value / 100
        body += [
            _text(label_w - 8, y + 21, _clip(bar.label, 30), size=13, anchor="end"),
            _rect(label_w, y + 6, plot_w, 20, "#e5e7eb", rounded=True),
            _rect(label_w, y + 6, w, 20, colour_for(value), rounded=True),
            _text(label_w + w + 6, y + 21, f"{value:.0f}", size=13, bold=True, fill="#111827"),
        ]
    desc = "; ".join(f"{b.label}: {b.value:.0f}/100" for b in bars)
    return _svg(width, height, title, desc, body)


def comparison_bars(rows: Sequence[PairedBar], *, title: str, you_label: str, study_label: str,
                    width: int = 640) -> str:
    """For each figure: the company (blue) and the study's share (grey), with a legend."""
    label_w, row_h, top = 230, 44, 34
    plot_w = width - label_w - 70
    height = top + row_h * len(rows) + 10
    body = [
        _rect(label_w, 8, 12, 12, YOU_COLOUR),
        _text(label_w + 18, 18, you_label, size=12),
        _rect(label_w + 150, 8, 12, 12, STUDY_COLOUR),
        _text(label_w + 168, 18, study_label, size=12),
    ]
    for i, row in enumerate(rows):
        y = top + i * row_h
        you_w = plot_w * max(0.0, min(100.0, row.you or 0)) / 100
        study_w = plot_w * max(0.0, min(100.0, row.study)) / 100
        # Long figure labels take two lines instead of running off the left edge.
        label_lines = _wrap(row.label, 34)
        first_y = y + 20 if len(label_lines) == 1 else y + 13
        body += [
            _text(label_w - 8, first_y + 14 * n, line, size=12, anchor="end") for n, line in enumerate(label_lines)
        ]
        body += [
            _rect(label_w, y + 4, you_w, 14, YOU_COLOUR),
            _text(label_w + you_w + 5, y + 15, row.you_text, size=11, fill="#111827"),
            _rect(label_w, y + 21, study_w, 14, STUDY_COLOUR),
            _text(label_w + study_w + 5, y + 32, f"{row.study:.0f}%", size=11, fill="#111827"),
        ]
    desc = "; ".join(f"{r.label}: {you_label} {r.you_text}, {study_label} {r.study:.0f}%" for r in rows)
    return _svg(width, height, title, desc, body)
