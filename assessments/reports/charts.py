"""Server-made SVG charts (no JavaScript, no CDN), used by the results page and the PDF report.

Pure Python. Every text is XML-escaped, so hostile labels cannot inject markup.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
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


def round_score(value: float | None) -> int | None:
    """The one rounding rule of every printed score and percentage (page, chart, PDF, Word, e-mail):
    whole points, halves rounded up (12.5 → 13), never Python's round-half-to-even."""
    if value is None:
        return None
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


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
        wrapped = [*wrapped[: lines - 1], _clip(" ".join(wrapped[lines - 1 :]), width)]
    return wrapped


def with_font_family(svg: str, family: str) -> str:
    """The same chart with its text in `family` (the PDF report uses its embedded font).

    A presentation attribute on the root, inherited by every text; the web page leaves it out so that
    the chart keeps the page's own font.
    """
    prefix = '<svg xmlns="http://www.w3.org/2000/svg" '
    if not svg.startswith(prefix):
        return svg
    return f'{prefix}font-family="{escape(family, {chr(34): "&quot;"})}" {svg[len(prefix) :]}'


def _rect(x: float, y: float, width: float, height: float, fill: str, *, rounded: bool = False) -> str:
    corner = ' rx="3"' if rounded else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height}"{corner} fill="{fill}"/>'


def _text(
    x: float, y: float, text: str, *, size: int, anchor: str = "start", bold: bool = False, fill: str = "#1f2937"
) -> str:
    extra = (' text-anchor="end"' if anchor == "end" else "") + (' font-weight="bold"' if bold else "")
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra} font-size="{size}" fill="{fill}">{escape(text)}</text>'


# The web page's charts ("compact"): a narrow viewBox drawn at the phone's width, so that a font size of
# 13 units stays at least 12 CSS px on a 390 px screen; each label sits on its own line above its bar.
# The PDF keeps the wide layout (labels beside the bars), unchanged.
COMPACT_WIDTH = 360
COMPACT_FONT = 13


def domain_bars(bars: Sequence[Bar], *, title: str, width: int = 640, compact: bool = False) -> str:
    """Horizontal bars 0–100 with the score printed at the end of each bar."""
    if compact:
        return _domain_bars_compact(bars, title=title)
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
            _text(label_w + w + 6, y + 21, str(round_score(value)), size=13, bold=True, fill="#111827"),
        ]
    desc = "; ".join(f"{b.label}: {round_score(b.value)}/100" for b in bars)
    return _svg(width, height, title, desc, body)


def _domain_bars_compact(bars: Sequence[Bar], *, title: str) -> str:
    width, row_h, top, size = COMPACT_WIDTH, 46, 4, COMPACT_FONT
    plot_w = width - 44  # room for "100" after a full bar
    body = []
    for i, bar in enumerate(bars):
        y = top + i * row_h
        value = max(0.0, min(100.0, bar.value))
        w = plot_w * value / 100
        body += [
            _text(0, y + 15, _clip(bar.label, 44), size=size),
            _rect(0, y + 22, plot_w, 16, "#e5e7eb", rounded=True),
            _rect(0, y + 22, w, 16, colour_for(value), rounded=True),
            _text(w + 6, y + 35, str(round_score(value)), size=size, bold=True, fill="#111827"),
        ]
    desc = "; ".join(f"{b.label}: {round_score(b.value)}/100" for b in bars)
    return _svg(width, top * 2 + row_h * len(bars), title, desc, body)


def _paired_compact(
    rows: Sequence[PairedBar], *, title: str, desc: str, legend: list[tuple[str, str]], you_bar: bool
) -> str:
    """Both comparison charts for the web page: the label over the bars, wrapped on up to three lines."""
    width, size, line_h = COMPACT_WIDTH, COMPACT_FONT, 17
    plot_w = width - 60
    body, x = [], 0.0
    for colour, label in legend:
        body += [_rect(x, 6, 12, 12, colour), _text(x + 18, 17, label, size=size)]
        x += 18 + 8 * len(label) + 18
    y = 34
    for row in rows:
        lines = _wrap(row.label, 46, lines=3)
        body += [_text(0, y + 13 + line_h * n, line, size=size) for n, line in enumerate(lines)]
        y += line_h * len(lines) + 4
        if you_bar:
            you_w = plot_w * max(0.0, min(100.0, row.you or 0)) / 100
            body += [
                _rect(0, y, you_w, 14, YOU_COLOUR),
                _text(you_w + 5, y + 12, row.you_text, size=size, fill="#111827"),
            ]
        else:
            body.append(_text(0, y + 12, row.you_text, size=size, bold=True, fill=YOU_COLOUR))
        y += 18
        study_w = plot_w * max(0.0, min(100.0, row.study)) / 100
        body += [
            _rect(0, y, study_w, 14, STUDY_COLOUR),
            _text(study_w + 5, y + 12, f"{round_score(row.study)}%", size=size, fill="#111827"),
        ]
        y += 30
    return _svg(width, int(y), title, desc, body)


def comparison_bars(
    rows: Sequence[PairedBar],
    *,
    title: str,
    you_label: str,
    study_label: str,
    width: int = 640,
    compact: bool = False,
) -> str:
    """For each figure: the company (blue) and the study's share (grey), with a legend."""
    if compact:
        desc = "; ".join(f"{r.label}: {you_label} {r.you_text}, {study_label} {round_score(r.study)}%" for r in rows)
        legend = [(YOU_COLOUR, you_label), (STUDY_COLOUR, study_label)]
        return _paired_compact(rows, title=title, desc=desc, legend=legend, you_bar=True)
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
            _text(label_w + study_w + 5, y + 32, f"{round_score(row.study)}%", size=11, fill="#111827"),
        ]
    desc = "; ".join(f"{r.label}: {you_label} {r.you_text}, {study_label} {round_score(r.study)}%" for r in rows)
    return _svg(width, height, title, desc, body)


def status_share_bars(
    rows: Sequence[PairedBar], *, title: str, study_label: str, width: int = 640, compact: bool = False
) -> str:
    """For each figure: the study's share (grey bar) and the company's answer as a status, not a bar.

    A yes/partly/no answer is not a percentage: drawing "partly" as a 50% bar would suggest a measure
    the company never gave. `PairedBar.you` is ignored; `you_text` is printed above the study's bar.
    """
    if compact:
        desc = "; ".join(f"{r.label}: {r.you_text}; {study_label} {round_score(r.study)}%" for r in rows)
        return _paired_compact(rows, title=title, desc=desc, legend=[(STUDY_COLOUR, study_label)], you_bar=False)
    label_w, row_h, top = 230, 44, 34
    plot_w = width - label_w - 70
    height = top + row_h * len(rows) + 10
    body = [_rect(label_w, 8, 12, 12, STUDY_COLOUR), _text(label_w + 18, 18, study_label, size=12)]
    for i, row in enumerate(rows):
        y = top + i * row_h
        study_w = plot_w * max(0.0, min(100.0, row.study)) / 100
        label_lines = _wrap(row.label, 34)
        first_y = y + 20 if len(label_lines) == 1 else y + 13
        body += [
            _text(label_w - 8, first_y + 14 * n, line, size=12, anchor="end") for n, line in enumerate(label_lines)
        ]
        body += [
            _text(label_w, y + 15, row.you_text, size=11, bold=True, fill=YOU_COLOUR),
            _rect(label_w, y + 21, study_w, 14, STUDY_COLOUR),
            _text(label_w + study_w + 5, y + 32, f"{round_score(row.study)}%", size=11, fill="#111827"),
        ]
    desc = "; ".join(f"{r.label}: {r.you_text}; {study_label} {round_score(r.study)}%" for r in rows)
    return _svg(width, height, title, desc, body)


# ---- Trend over time ------------------------------------------------------------------------------

# The overall index in the report's navy, thick; each domain in its own colour and dash, so the lines
# stay apart in greyscale prints and for colour-blind readers too (the table beside it has every value).
TREND_OVERALL_COLOUR = "#14365d"
TREND_COLOURS = ("#1d4ed8", "#0f766e", "#b7791f", "#b42318", "#7c3aed", "#c05621", "#2f7d9c", "#be185d", "#4b5563")
TREND_DASHES = ("", "6 3", "2 3", "8 3 2 3")


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]  # one per date, 0..100; None when not scored that time
    emphasis: bool = False  # the overall index: thicker, with its values printed


def _series_style(index: int, emphasis: bool) -> tuple[str, str, float]:
    if emphasis:
        return TREND_OVERALL_COLOUR, "", 3.5
    return TREND_COLOURS[index % len(TREND_COLOURS)], TREND_DASHES[index % len(TREND_DASHES)], 1.8


def _polylines(points: list[tuple[float, float] | None], colour: str, dash: str, stroke: float) -> list[str]:
    """One polyline per run of known values (a None breaks the line), a dot on every value."""
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    body = [
        f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in run)}" fill="none" stroke="{colour}" '
        f'stroke-width="{stroke}" stroke-linejoin="round"{dash_attr}/>'
        for run in runs
        if len(run) > 1
    ]
    radius = stroke + 1
    body += [f'<circle cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="{radius:.1f}" fill="{colour}"/>' for p in points if p]
    return body


def trend_lines(series: Sequence[Series], *, dates: Sequence[str], title: str, width: int = 640) -> str:
    """Lines 0–100 over time (one point per date, evenly spaced) with a legend under the chart."""
    left, right, top, plot_h = 34, 24, 14, 200
    plot_w = width - left - right
    legend_top = top + plot_h + 34
    legend_rows = (len(series) + 1) // 2
    height = legend_top + 20 * legend_rows + 4
    step = plot_w / (len(dates) - 1) if len(dates) > 1 else 0.0

    def x_at(i: int) -> float:
        return left + (i * step if len(dates) > 1 else plot_w / 2)

    def y_at(value: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, value)) / 100)

    body = []
    for tick in (0, 25, 50, 75, 100):
        y = y_at(tick)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        body.append(_text(left - 6, y + 4, str(tick), size=11, anchor="end", fill="#5b6472"))
    # Date labels: as many as fit without overlapping (about 90 units each), always the last one.
    every = max(1, -(-90 // max(1, int(step)))) if step else 1
    for i, label in enumerate(dates):
        if i % every == 0 or i == len(dates) - 1:
            anchor = "end" if i == len(dates) - 1 and len(dates) > 1 else ("start" if i == 0 and len(dates) > 1 else "")
            body.append(_anchored_text(x_at(i), top + plot_h + 18, label, anchor))
    ordered = [s for s in series if not s.emphasis] + [s for s in series if s.emphasis]  # the index on top
    for s in ordered:
        colour, dash, stroke = _series_style(series.index(s), s.emphasis)
        points = [None if v is None else (x_at(i), y_at(v)) for i, v in enumerate(s.values)]
        body += _polylines(points, colour, dash, stroke)
        if s.emphasis:
            body += [
                _text(p[0], p[1] - 9, str(round_score(v)), size=12, bold=True, fill=colour)
                for p, v in zip(points, s.values, strict=True)
                if p is not None and v is not None
            ]
    col_w = (width - left) / 2
    for n, s in enumerate(series):
        colour, dash, stroke = _series_style(n, s.emphasis)
        x, y = left + (n % 2) * col_w, legend_top + 20 * (n // 2)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 26:.1f}" y2="{y - 4:.1f}" stroke="{colour}" '
            f'stroke-width="{stroke}"{dash_attr}/>'
        )
        body.append(_text(x + 32, y, _clip(s.label, 36), size=12, bold=s.emphasis))
    desc = "; ".join(
        f"{s.label}: "
        + ", ".join(f"{d} {'—' if v is None else round_score(v)}" for d, v in zip(dates, s.values, strict=True))
        for s in series
    )
    return _svg(width, height, title, desc, body)


def _anchored_text(x: float, y: float, text: str, anchor: str) -> str:
    """A date label: centred on its point, or kept inside the chart at the first and last point."""
    anchor_attr = {"end": ' text-anchor="end"', "start": "", "": ' text-anchor="middle"'}[anchor]
    return f'<text x="{x:.1f}" y="{y:.1f}"{anchor_attr} font-size="11" fill="#5b6472">{escape(text)}</text>'
