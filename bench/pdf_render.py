"""Benchmark of the PDF report: warm renders of a demo report, as the queue worker does them.

    .venv/bin/python bench/pdf_render.py [--runs 20] [--no-write]

What is measured:
- the render: HTML string → PDF bytes in the render process (assessments/reports/process.py), as seen
  by the worker that waits for it, pipe transfer included; "warm" means the render process is already
  started (it lives for many renders), the first renders are discarded;
- the HTML build (context + template) in the worker process, separately;
- the peak resident memory (ru_maxrss) of the render process;
- a CPU reference before and after (a fixed pure-Python loop): this machine is shared and its speed
  varies by up to ~1.7x from one minute to the next, so runs are only comparable at a similar reference.

The report is a demo company at mid maturity (demo answers, seed 7), in Spanish and English, with
consultant branding. No database is used: the subject is built in memory (assessments.reports.samples).
Results go to docs/PERFORMANCE.md between the pdf_render markers (other sections are left alone).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings.local")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

from bench.measure import cpu_reference_ms, percentile  # noqa: E402

TARGET_MEDIAN_S = 0.5
TARGET_PEAK_MIB = 150
# The render process collects its garbage right after sending a PDF (about 50 ms), while the worker
# saves the file; back-to-back renders would charge that to the next render, which a worker never does.
IDLE_BETWEEN_RENDERS_S = 0.2
BEGIN, END = "<!-- pdf_render:begin -->", "<!-- pdf_render:end -->"


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"model name\s*:\s*(.+)", text)
    return match.group(1).strip() if match else "unknown"


def measure(runs: int, warmup: int) -> dict:
    import django

    django.setup()
    from pypdf import PdfReader

    from assessments.reports import resources
    from assessments.reports.process import default_render_process
    from assessments.reports.samples import sample_subject
    from assessments.reports.services import report_html

    process = default_render_process()
    snapshot, organization = sample_subject(brand_name="Robles Ciberseguridad")
    results = {"cpu_reference_ms": [cpu_reference_ms(9, pause=0.05)]}
    for lang in ("es", "en"):
        build_times = []
        for _ in range(max(3, runs // 4)):
            started = time.perf_counter()
            html = report_html(snapshot=snapshot, organization=organization, lang=lang)
            build_times.append(time.perf_counter() - started)
        render_times, peak = [], 0
        for i in range(warmup + runs):
            time.sleep(IDLE_BETWEEN_RENDERS_S)
            rendered = process.render(
                html,
                base_url=resources.stylesheet_uri(),
                allowed_roots=resources.allowed_roots(),
                stylesheets=resources.stylesheets(),
                timeout=120,
            )
            if i >= warmup:
                render_times.append(rendered.seconds)
            peak = max(peak, rendered.peak_rss_kib)
        results[lang] = {
            "pages": len(PdfReader(io.BytesIO(rendered.pdf)).pages),
            "kib": len(rendered.pdf) // 1024,
            "median": statistics.median(render_times),
            "p95": percentile(render_times, 0.95),
            "min": min(render_times),
            "max": max(render_times),
            "build_median": statistics.median(build_times),
            "peak_mib": peak / 1024,
        }
    process.stop()
    results["cpu_reference_ms"].append(cpu_reference_ms(9, pause=0.05))
    return results


def report(results: dict, runs: int) -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    before, after = results.pop("cpu_reference_ms")
    lines = [
        BEGIN,
        "## PDF report rendering (`bench/pdf_render.py`)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} × {cpu_model()}, "
        f"Python {platform.python_version()}, load average {load:.2f} at the end; {runs} warm renders per "
        f"language after 2 discarded ones, {IDLE_BETWEEN_RENDERS_S:g} s apart. Demo company at mid maturity "
        f"with consultant branding. CPU reference (1 M-iteration Python loop; lower is faster): "
        f"{before:.0f} ms before, {after:.0f} ms after.",
        "",
        "| language | pages | PDF size | render median | render p95 | min / max | HTML build median "
        "| peak memory of the render process |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for lang, r in results.items():
        lines.append(
            f"| {lang} | {r['pages']} | {r['kib']} KiB | **{r['median']:.3f} s** | {r['p95']:.3f} s "
            f"| {r['min']:.3f} / {r['max']:.3f} s | {r['build_median'] * 1000:.0f} ms | **{r['peak_mib']:.0f} MiB** |"
        )
    worst_median = max(r["median"] for r in results.values())
    worst_peak = max(r["peak_mib"] for r in results.values())
    lines += [
        "",
        f"Targets: median ≤ {TARGET_MEDIAN_S} s — **{'met' if worst_median <= TARGET_MEDIAN_S else 'not met'}** "
        f"({worst_median:.2f} s); peak memory ≤ {TARGET_PEAK_MIB} MB — "
        f"**{'met' if worst_peak * 1.048576 <= TARGET_PEAK_MIB else 'not met'}** ({worst_peak * 1.048576:.0f} MB).",
        END,
    ]
    return "\n".join(lines)


def write(section: str, path: Path, *, begin: str = BEGIN, end: str = END) -> None:
    """Replace the section between `begin` and `end` in `path` (or append it); the rest is left alone."""
    text = path.read_text() if path.exists() else "# Performance\n\nFigures recorded by the scripts in `bench/`.\n"
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="warm renders per language (default 20)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/PERFORMANCE.md alone")
    args = parser.parse_args()
    section = report(measure(args.runs, warmup=2), args.runs)
    print(section)
    if not args.no_write:
        write(section, ROOT / "docs" / "PERFORMANCE.md")


if __name__ == "__main__":
    main()
