"""Benchmark of a repeated PDF download (a report already rendered) under gunicorn: p50 / p95 / p99.

    .venv/bin/python bench/pdf_download.py [--requests 2000] [--reports 8] [--workers 2] [--no-write]

Target (issue 12): p99 ≤ 15 ms. What it does, all on 127.0.0.1 and in a temporary directory:
1. production settings (random SECRET_KEY, no HTTPS redirect), a fresh SQLite database, MEDIA_ROOT in
   the temporary directory, the cache in Redis database 12 when Redis answers (else local memory);
2. `--reports` companies with a submitted assessment each, their reports rendered as the worker
   renders them (services.report_render), so every later request is a cache hit;
3. gunicorn with `--workers` sync workers; requests go round-robin over the owners' secret links
   (each link stays under its rate limit), one at a time, a new connection each (gunicorn's sync
   workers close them), the whole PDF read; the first 50 are discarded;
4. in the same process, with Django's test client, the database queries of one cache hit.

The figure is the whole request seen by the client: connection, Django, the PDF file read and sent.
Results go to docs/PERFORMANCE.md between the pdf_download markers (other sections are left alone).
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pdf_render import cpu_model, percentile, write  # noqa: E402

TARGET_P99_MS = 15.0
WARMUP = 50
REDIS_URL = "redis://127.0.0.1:6379/12"
BEGIN, END = "<!-- pdf_download:begin -->", "<!-- pdf_download:end -->"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _environment(tmp: Path) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "readiness.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "LOG_LEVEL": "WARNING",
    }
    if _redis_answers():
        env["CACHE_URL"] = REDIS_URL
    return env


def _prepare(reports: int) -> list[str]:
    """Submitted assessments with their reports rendered; their owners' report URLs."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import reverse

    from assessments import services
    from assessments.catalog import current_bank
    from assessments.demo_answers import demo_answers
    from assessments.models import Organization
    from assessments.reports import services as report_services
    from assessments.reports.process import default_render_process

    call_command("migrate", verbosity=0)
    answers = demo_answers(current_bank(), maturity=0.5, seed=7)
    urls = []
    for n in range(reports):
        organization = Organization.objects.create(name=f"Empresa de medición {n}", size_band="small")
        assessment, token = services.assessment_start(organization=organization)
        services.assessment_save_answers(assessment=assessment, answers=answers)
        services.assessment_submit(assessment=assessment)  # queues the report (no worker runs here)
        report = report_services.report_request(assessment=assessment, lang="es")
        report_services.report_render(report_id=report.pk)  # what the worker does
        urls.append(reverse("reports:owner_report", kwargs={"token": token}) + "?lang=es")
    default_render_process().stop()
    return urls


def _queries_of_a_hit(url: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf", response.status_code
    b"".join(response.streaming_content)
    with CaptureQueriesContext(connection) as queries:
        b"".join(client.get(url).streaming_content)
    return len(queries)


def _get(port: int, url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", url)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return time.perf_counter() - started, response.status, len(body)


def _wait_until_up(port: int, url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited at start")
        try:
            _get(port, url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in 60 s")


def measure(requests: int, reports: int, workers: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="pdf-download-"))
    env = _environment(tmp)
    os.environ.update(env)
    server = None
    try:
        urls = _prepare(reports)
        queries = _queries_of_a_hit(urls[0])
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, on the loopback address
            [str(Path(sys.executable).parent / "gunicorn"), "readiness.wsgi", "--workers", str(workers)]
            + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env={**os.environ, **env},
        )
        _wait_until_up(port, urls[0], server)
        times, errors, size = [], 0, 0
        for i in range(WARMUP + requests):
            seconds, status, length = _get(port, urls[i % len(urls)])
            if status != 200:
                errors += 1
            size = length
            if i >= WARMUP:
                times.append(seconds * 1000)
        return {
            "requests": requests,
            "reports": reports,
            "workers": workers,
            "cache": "Redis" if "CACHE_URL" in env else "local memory",
            "errors": errors,
            "kib": size // 1024,
            "queries": queries,
            "p50": statistics.median(times),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "max": max(times),
        }
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if "CACHE_URL" in env:
            from django.core.cache import cache

            cache.clear()  # Redis database 12 is this script's
        shutil.rmtree(tmp, ignore_errors=True)


def report(r: dict) -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    met = "met" if r["p99"] <= TARGET_P99_MS and not r["errors"] else "not met"
    return "\n".join(
        [
            BEGIN,
            "## Repeated PDF download (`bench/pdf_download.py`)",
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} × {cpu_model()}, "
            f"Python {platform.python_version()}, load average {load:.2f} at the end. gunicorn with "
            f"{r['workers']} sync workers, production settings, SQLite, cache in {r['cache']}; "
            f"{r['requests']} downloads of {r['reports']} reports already rendered ({r['kib']} KiB each), "
            f"one at a time, after {WARMUP} discarded; {r['queries']} database queries per download.",
            "",
            "| p50 | p95 | p99 | max | errors |",
            "|---|---|---|---|---|",
            f"| {r['p50']:.1f} ms | {r['p95']:.1f} ms | **{r['p99']:.1f} ms** | {r['max']:.1f} ms | {r['errors']} |",
            "",
            f"Target: p99 ≤ {TARGET_P99_MS:g} ms — **{met}**.",
            END,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=8, help="distinct reports (owner links are rate limited)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/PERFORMANCE.md alone")
    args = parser.parse_args()
    section = report(measure(args.requests, args.reports, args.workers))
    print(section)
    if not args.no_write:
        write(section, ROOT / "docs" / "PERFORMANCE.md", begin=BEGIN, end=END)


if __name__ == "__main__":
    main()
