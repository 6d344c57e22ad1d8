"""Where a page's time goes: one page at a time through Django's test client, with cProfile and a query count.

    .venv/bin/python bench/profile_pages.py [--runs 5] [--top 25] [--page results]

Uses a throwaway PostgreSQL database (`bench_profile`, created and dropped) with the test settings
(production plus test conveniences), `seed_demo` and the load benchmark's extra clients. For each page:
the median wall time of `--runs` warm requests, the number of SQL queries and their time, and the
functions of the project (and of the libraries they call) with the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE = os.environ.get("BENCH_PROFILE_DATABASE", "bench_profile")  # another name to run two at once
os.environ["DJANGO_SETTINGS_MODULE"] = "readiness.settings.test"
# BENCH_CONN_MAX_AGE=60: keep database connections between requests (Django's CONN_MAX_AGE).
os.environ["DATABASE_URL"] = (
    f"postgres://postgres@127.0.0.1:5432/{DATABASE}?conn_max_age={os.environ.get('BENCH_CONN_MAX_AGE', '0')}"
)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(sql)


class TemplateTimer:
    """Time spent in the outermost template render of a request (includes and tags inside it)."""

    total = 0.0
    depth = 0

    @classmethod
    def install(cls) -> None:
        from django.template.backends.django import Template

        original = Template.render

        def render(self, *args, **kwargs):
            cls.depth += 1
            started = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                cls.depth -= 1
                if cls.depth == 0:
                    cls.total += time.perf_counter() - started

        Template.render = render


def database_exists() -> bool:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres") as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone() is not None


def pages(client_factory) -> dict[str, tuple]:
    """name → (client, url): an owner half-way, an owner with results, a consultant's three pages."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from assessments import services
    from assessments.catalog import current_bank
    from assessments.demo_answers import demo_answers
    from assessments.models import Assessment

    bank = current_bank()
    answers = demo_answers(bank, maturity=0.5, seed=3)
    org = services.organization_create(name="Perfil S.A.")
    draft, draft_token = services.assessment_start(organization=org)
    half = {q.key for s in bank.sections[:6] for q in s.questions}
    services.assessment_save_answers(assessment=draft, answers={k: v for k, v in answers.items() if k in half})
    done, done_token = services.assessment_start(organization=services.organization_create(name="Lista S.A."))
    services.assessment_save_answers(assessment=done, answers=answers)
    services.assessment_submit(assessment=done)

    # A report already rendered, for the repeated download (rendered here, as the worker would).
    from assessments.reports import services as report_services

    report = report_services.report_request(assessment=done, lang="es")
    report_services.report_render(report_id=report.pk)

    owner = client_factory()
    consultant = client_factory()
    consultant.force_login(get_user_model().objects.get(username="ana.consultora"))
    submitted = Assessment.objects.filter(organization__firm__name="Robles Ciberseguridad", submitted_at__isnull=False)
    one = submitted.order_by("-submitted_at").first()
    step_key = bank.sections[6].key
    return {
        "landing": (owner, "/"),
        "step": (owner, reverse("assessments:step", kwargs={"token": draft_token, "section_key": step_key})),
        "review": (owner, reverse("assessments:review", kwargs={"token": draft_token})),
        "results": (owner, reverse("assessments:results", kwargs={"token": done_token})),
        "report_repeat": (owner, reverse("reports:owner_report", kwargs={"token": done_token}) + "?lang=es"),
        "dashboard": (consultant, reverse("consultants:dashboard")),
        "client_detail": (consultant, reverse("consultants:client_detail", kwargs={"org_id": one.organization_id})),
        "assessment_detail": (consultant, reverse("consultants:assessment_detail", kwargs={"assessment_id": one.pk})),
    }


def fetch(client, url: str):
    """GET `url` and read the whole body, as a server would send it (a PDF is a streamed file)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
        response.close()
    return response


def profile(name: str, client, url: str, *, runs: int, top: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, HTTP_X_FORWARDED_FOR="10.0.0.1")  # warm: imports, templates, caches
    assert response.status_code == 200, (name, response.status_code)
    plain, in_templates = [], []
    for _ in range(runs):  # without the profiler, which inflates template rendering (many small calls)
        TemplateTimer.total = 0.0
        started = time.perf_counter()
        fetch(client, url)
        plain.append(time.perf_counter() - started)
        in_templates.append(TemplateTimer.total)
    print(f"\n## {name}  {url}\nmedian {statistics.median(plain) * 1000:.1f} ms without the profiler, of which "
          f"{statistics.median(in_templates) * 1000:.1f} ms rendering templates")  # fmt: skip
    times = []
    profiler = cProfile.Profile()
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            profiler.enable()
            response = fetch(client, url)
            profiler.disable()
            times.append(time.perf_counter() - started)
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(f"median {statistics.median(times) * 1000:.1f} ms over {runs} (under cProfile); "
          f"{len(queries.captured_queries)} queries, {sql_ms:.1f} ms in SQL")  # fmt: skip
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]:
        print(f"  {float(query['time']) * 1000:.1f} ms: {query['sql'][:160]}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    project = f"{ROOT}/(assessments|consultants|deliverables|firms|readiness)/|crispy|templatetags|loader_tags"
    stats.sort_stats("cumulative").print_stats(project, top)
    print("\n".join(line for line in out.getvalue().splitlines() if "(" in line or "ncalls" in line))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    print("top by own time:")
    print("\n".join(out.getvalue().splitlines()[-14:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--page", action="append", help="only these pages (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the database for the next --keep run, and reuse it")
    args = parser.parse_args()
    import django

    fresh = not (args.keep and database_exists())
    if fresh:
        admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin_sql(f'CREATE DATABASE "{DATABASE}"')
    try:
        django.setup()
        from django.core.management import call_command
        from django.test import Client

        from bench.seed_load import seed

        TemplateTimer.install()

        if fresh:
            call_command("migrate", verbosity=0)
            call_command("seed_demo", verbosity=0)
            seed(clients=30, pdf_pool=0)
        for name, (client, url) in pages(Client).items():
            if not args.page or name in args.page:
                profile(name, client, url, runs=args.runs, top=args.top)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    main()
