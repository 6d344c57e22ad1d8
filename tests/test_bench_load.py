"""The load benchmark's virtual users still speak the app's forms (bench/loadgen.py, bench/load.py).

They run here against the test server (live_server) instead of gunicorn: an owner's whole journey with
real CSRF form posts, a consultant's login and pages, a first-time PDF download that follows the
"being prepared" page, and a few seconds of mixed load, all with 0 errors. If a form or a URL changes
shape, these fail before the benchmark does.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from bench import load, loadgen

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    settings.TRUSTED_PROXY_COUNT = 1  # each virtual person has an address, as in the bench
    call_command("seed_demo", verbosity=0)


def new_run(live_server, **kwargs) -> loadgen.Run:
    run = loadgen.Run(base_url=live_server.url, think=0.0, plans=load.answer_plans(2), **kwargs)
    run.recorder.measuring = True
    return run


def test_an_owner_answers_every_step_submits_and_reads_the_results(live_server, demo):
    run = new_run(live_server)
    client = loadgen.Client(live_server.url, run.new_ip())

    loadgen._owner_journey(run, client, 0)

    assert dict(run.recorder.errors) == {}
    times = run.recorder.times
    assert len(times["owner: step (POST)"]) >= 10  # every step that applies, each saved with its form
    assert len(times["owner: step (GET)"]) == len(times["owner: step (POST)"])
    assert len(times["owner: submit (POST)"]) == 1
    assert len(times["owner: results"]) == 1


def test_a_consultant_logs_in_and_opens_the_dashboard_a_client_and_an_assessment(live_server, demo):
    run = new_run(live_server)
    client = loadgen.Client(live_server.url, run.new_ip())

    loadgen._consultant_login(run, client, "ana.consultora", load.DEMO_PASSWORD)
    for _ in range(3):  # the client is picked at random; the demo firm's clients have assessments
        loadgen._consultant_round(run, client)

    assert dict(run.recorder.errors) == {}
    assert len(run.recorder.times["consultant: dashboard"]) == 3
    assert len(run.recorder.times["consultant: client page"]) == 3
    assert run.recorder.times["consultant: assessment page"]


def test_a_first_time_download_follows_the_preparing_page_until_the_pdf(live_server, demo, settings):
    # No worker here: the immediate backend renders when the first request commits, so the reload,
    # after the Retry-After the page asks for, gets the file.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from assessments import services

    org = services.organization_create(name="Descarga S.A.")
    assessment, token = services.assessment_start(organization=org)
    from assessments.catalog import current_bank
    from assessments.demo_answers import demo_answers

    services.assessment_save_answers(assessment=assessment, answers=demo_answers(current_bank(), maturity=0.5, seed=1))
    services.assessment_submit(assessment=assessment)
    run = new_run(live_server, pdf_items=[(token, "es", "10.9.0.1")])

    loadgen.pdf_first_once(run)

    assert dict(run.recorder.errors) == {}
    assert run.rendered == [(token, "es", "10.9.0.1")]
    assert len(run.recorder.pdf_waits) == 1
    assert run.recorder.times["report: first request"]


def test_a_few_seconds_of_load_give_no_errors_and_a_table(live_server, demo):
    # One user at a time: the test database is SQLite in memory, whose tables lock for concurrent
    # threads of the test server (a file database in WAL mode, or PostgreSQL, serves them side by side).
    run = loadgen.Run(base_url=live_server.url, think=0.05, plans=load.answer_plans(2))
    users = [(loadgen.owner, run, 0)]

    measured = loadgen.drive(run, users, warmup=0.5, duration=2.5)

    assert dict(run.recorder.errors) == {}, run.recorder.samples
    assert measured >= 2.5
    assert len(load.pages_of(run)) >= 10  # the owner's pages were timed
    empty = loadgen.Run(base_url=live_server.url, think=0, plans=[])
    lines = load.table(run, run, empty)
    assert lines[-1].startswith("| **all owner and consultant pages** |")
    assert "| **0** |" in lines[-1]  # errors column
    assert "1.00" in lines[-1]  # the same run on both sides: p99 ratio 1


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert load.percentile(values, 0.50) == 50
    assert load.percentile(values, 0.99) == 99
    assert load.percentile([7.0], 0.99) == 7
    assert load.split_users(16) == (8, 6, 2)
