"""SQLite (the zero-setup default) under real concurrency: a file database, gunicorn with two worker
processes of four threads, requests released together by a barrier. Two tabs saving one step, a
double-click on "Enviar", the Spanish and English reports opened together: never a 500, nothing saved
is lost, a submission happens once.

Two servers: the settings as shipped (writers queue for the lock, so every race resolves into the
app's own answers), and SQLITE_TIMEOUT=0 (a writer that finds the lock taken fails at once), where
readiness.middleware must turn "database is locked" into a 409 the owner can retry.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from tests.owner_flow import section_data

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
ROUNDS = 20

SETUP = """
import json
from assessments import services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.models import Organization

bank = current_bank()
answers = demo_answers(bank, maturity=0.5, seed=7)
out = {"steps": [], "submits": [], "reports": []}
for i in range(ROUNDS):
    for kind in out:
        org = Organization.objects.create(name=f"Carrera {kind} {i}")
        assessment, token = services.assessment_start(organization=org, language="es-mx")
        if kind != "steps":
            services.assessment_save_answers(assessment=assessment, answers=answers)
        if kind == "reports":
            services.assessment_submit(assessment=assessment)
        out[kind].append({"id": assessment.pk, "token": token})
print("RACE" + json.dumps(out))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL", "SQLITE_TIMEOUT"}}
    env.update(DJANGO_SETTINGS_MODULE="readiness.settings.test", DATABASE_URL=f"sqlite:///{db}", **extra)
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sqlite-template") / "db.sqlite3"
    _manage(_env(db), "migrate", "--noinput", "-v", "0")
    return db


@pytest.fixture(scope="module", params=["as shipped", "no busy wait"])
def server(request, migrated, tmp_path_factory):
    """(base URL, database file, the setup's tokens) of a gunicorn serving a copy of the database."""
    tmp = tmp_path_factory.mktemp("sqlite-race")
    db = tmp / "db.sqlite3"
    shutil.copy(migrated, db)
    env = _env(db, **({"SQLITE_TIMEOUT": "0"} if request.param == "no busy wait" else {}))
    data = json.loads(_manage(env, "shell", "-c", SETUP.replace("ROUNDS", str(ROUNDS))).split("RACE", 1)[1])
    port = _free_port()
    log = (tmp / "gunicorn.log").open("w")
    command = [str(GUNICORN), "readiness.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2", "-k", "gthread"]
    proc = subprocess.Popen(  # noqa: S603
        [*command, "--threads", "4", "--timeout", "120"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + "/metodologia/", timeout=5).read()  # noqa: S310
                break
            except OSError:
                assert proc.poll() is None, (tmp / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not answer within 90 s"
                time.sleep(0.3)
        data["log"] = tmp / "gunicorn.log"
        yield base, db, data, request.param
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Tab:
    """One browser tab: its own cookies, no redirects followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)  # noqa: S310  (127.0.0.1 only)
        try:
            with self.opener.open(req, timeout=120) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def form(self, path: str) -> dict[str, str]:
        """GET the page; its CSRF token and revision, as the browser would post them back."""
        status, page = self.request(path)
        assert status == 200, (path, status, page[:500])
        fields = {}
        for name in ("csrfmiddlewaretoken", "revision"):
            found = re.search(rf'name="{name}" value="([^"]*)"', page)
            if found:
                fields[name] = found.group(1)
        return fields


def _together(*calls) -> list[tuple[int, str]]:
    """Run the calls at the same instant (threads behind a barrier); their (status, body) in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    return results


def _query(db: Path, sql: str, *params):
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(sql, params).fetchall()


def _stored(db: Path, assessment_id: int) -> dict:
    rows = _query(db, "SELECT question_key, value FROM assessments_answer WHERE assessment_id = ?", assessment_id)
    return {key: json.loads(value) for key, value in rows}


def _table(db: Path, fragment: str) -> str:
    (name,) = _query(db, "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE ?", f"%{fragment}")[0]
    return name


def test_two_tabs_saving_the_same_step_never_500_and_keep_one_tabs_answers(server):
    base, db, data, mode = server
    bank = current_bank()
    section = next(s for s in bank.sections if s.questions)
    calm, bold = demo_answers(bank, maturity=0.2, seed=1), demo_answers(bank, maturity=0.9, seed=2)
    path = f"/evaluacion/{{token}}/paso/{section.key}/"
    outcomes = []
    for entry in data["steps"]:
        first, second = Tab(base), Tab(base)
        url = path.format(token=entry["token"])
        forms = [first.form(url), second.form(url)]
        posts = [
            {**section_data(bank, section, answers, rev=int(form["revision"])), **form}
            for form, answers in zip(forms, (calm, bold), strict=True)
        ]
        results = _together(
            *(lambda t=t, p=p, u=url: t.request(u, p) for t, p in zip((first, second), posts, strict=True))
        )
        statuses = sorted(status for status, _ in results)
        assert 500 not in statuses, results
        allowed = ([302, 409], [409, 409]) if mode == "no busy wait" else ([302, 409],)  # 409: stale or locked
        assert statuses in allowed, results
        stored = _stored(db, entry["id"])
        winners = [answers for (status, _), answers in zip(results, (calm, bold), strict=True) if status == 302]
        if winners:
            expected = {q.key: winners[0][q.key] for q in section.questions if q.key in posts[0] or q.key in posts[1]}
            assert {k: stored.get(k) for k in expected} == expected  # the saved tab's answers, whole
        else:
            assert stored == {}  # both told to retry: nothing half-saved
        outcomes.append(statuses)
    assert len(outcomes) == ROUNDS


def test_a_double_click_on_submit_never_500_and_submits_once(server):
    base, db, data, mode = server
    snapshots = _table(db, "resultsnapshot")
    for entry in data["submits"]:
        tab = Tab(base)
        url = f"/evaluacion/{entry['token']}/enviar/"
        form = tab.form(url)
        results = _together(*(lambda t=tab, u=url, f=form: t.request(u, f) for _ in range(2)))
        statuses = sorted(status for status, _ in results)
        assert 500 not in statuses, results
        assert statuses[0] == 302 or mode == "no busy wait", statuses
        assert set(statuses) <= {302, 409}
        count = _query(db, f"SELECT COUNT(*) FROM {snapshots} WHERE assessment_id = ?", entry["id"])[0][0]  # noqa: S608
        assert count == (1 if 302 in statuses else 0)
        if 302 not in statuses:  # both asked to retry: the retry submits
            assert Tab(base).request(url, Tab(base).form(url))[0] == 302
        assert len(_stored(db, entry["id"])) > 20  # the answers are all still there


def test_the_spanish_and_english_reports_opened_together_never_500(server):
    base, db, data, mode = server
    reports, snapshots = _table(db, "renderedreport"), _table(db, "resultsnapshot")
    for entry in data["reports"]:
        tab = Tab(base)
        url = f"/evaluacion/{entry['token']}/reporte/?lang="
        results = _together(*(lambda lang=lang, t=tab, u=url: t.request(u + lang) for lang in ("es", "en", "es")))
        statuses = [status for status, _ in results]
        assert 500 not in statuses, statuses
        ok = {200, 202}  # the file, or "being prepared"
        assert set(statuses) <= (ok if mode == "as shipped" else ok | {409}), statuses
        for lang in ("es", "en"):  # whatever was refused, opening it again works
            assert tab.request(url + lang)[0] in ok
        rows = _query(
            db,
            f"SELECT r.language FROM {reports} r JOIN {snapshots} s ON r.snapshot_id = s.id WHERE s.assessment_id = ?",  # noqa: S608
            entry["id"],
        )
        assert sorted(language for (language,) in rows) == ["en", "es"]  # one report per language


def test_the_races_were_real_and_no_request_failed(server):
    """Without a busy wait the lock was really contended (the 409s above came from the middleware);
    with the shipped settings every writer waited its turn. No traceback either way."""
    _, _, data, mode = server
    log = data["log"].read_text()
    assert "Traceback" not in log and "Internal Server Error" not in log
    conflicts = log.count("Write conflict answered 409")
    assert conflicts > 0 if mode == "no busy wait" else conflicts == 0, conflicts
