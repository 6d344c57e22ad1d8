"""The production stack for real: gunicorn with gunicorn.conf.py and production settings, static files
collected and served by whitenoise, the health URL answered."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


OPENER = urllib.request.build_opener(_NoRedirect)
HTTPS_BEHIND_PROXY = {"Host": "ciberlisto.example.mx", "X-Forwarded-Proto": "https"}  # as nginx/Caddy forward


def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310  (http://127.0.0.1 only)
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn as a server runs it: production settings, only what the environment says."""
    tmp = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "CACHE_URL"}}
    env.update(
        SECRET_KEY="a-long-random-production-key-" + "k3Z8" * 10,
        ALLOWED_HOSTS="ciberlisto.example.mx",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        CACHE_URL=f"filecache://{tmp / 'cache'}",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",  # gunicorn trusts X-Forwarded-* from 127.0.0.1
    )
    for command in (["collectstatic", "--noinput", "-v", "0"], ["migrate", "--noinput", "-v", "0"]):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    log = (tmp / "gunicorn.log").open("w")
    proc = subprocess.Popen(  # noqa: S603
        [str(GUNICORN), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/salud/web/", Host="ciberlisto.example.mx")
                break
            except OSError:
                assert proc.poll() is None, (tmp / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.2)
        yield base, tmp / "gunicorn.log"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_gunicorn_answers_the_load_balancers_health_probe_over_http(server):
    base, _ = server
    status, headers, body = _get(base + "/salud/web/", Host="ciberlisto.example.mx", Accept="application/json")
    assert status == 200, body
    assert headers["Server"] == "gunicorn"
    assert b'"Database(alias=\'default\')": "OK"' in body


def test_every_other_page_redirects_to_https_and_unknown_hosts_are_refused(server):
    base, _ = server
    status, headers, _ = _get(base + "/metodologia/", Host="ciberlisto.example.mx")
    assert status == 301 and headers["Location"] == "https://ciberlisto.example.mx/metodologia/"
    assert _get(base + "/salud/web/", Host="attacker.example")[0] == 400


def test_behind_the_proxy_pages_link_collected_static_files_with_hashed_immutable_names(server):
    base, _ = server
    status, headers, body = _get(base + "/", **HTTPS_BEHIND_PROXY)
    assert status == 200, body[:500]
    assert "no-store" not in headers.get("Cache-Control", "")  # the public landing page, no resume cookie
    manifest = json.loads((server_root(server) / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/app.css"]
    assert hashed != "css/app.css" and f"/static/{hashed}".encode() in body
    status, headers, css = _get(base + f"/static/{hashed}", **HTTPS_BEHIND_PROXY)
    assert status == 200 and css
    assert "immutable" in headers["Cache-Control"]


def test_the_whole_health_page_is_green_on_a_migrated_database(server):
    base, _ = server
    status, _, body = _get(base + "/salud/", Host="ciberlisto.example.mx", Accept="application/json")
    assert status == 200, body
    assert json.loads(body) == {
        "Database(alias='default')": "OK",
        "Cache(alias='default')": "OK",
        "Storage(alias='default')": "OK",
        "ReportQueue()": "OK",
    }


def server_root(server) -> Path:
    return server[1].parent


def test_the_access_log_is_written(server):
    base, log = server
    _get(base + "/salud/web/?probe=access-log", Host="ciberlisto.example.mx")
    time.sleep(0.5)
    assert re.search(r'"GET /salud/web/\?probe=access-log HTTP/1\.[01]" 200', log.read_text())


def test_the_access_log_never_holds_a_resume_token(server):
    base, log = server
    token = "Zq7" + "x" * 40  # the shape of a resume token (43 URL-safe characters)
    _get(base + f"/evaluacion/{token}/", **HTTPS_BEHIND_PROXY)
    time.sleep(0.5)
    text = log.read_text()
    assert "/evaluacion/" in text
    assert token not in text


def test_each_worker_freezes_what_it_loaded_out_of_the_garbage_collectors_sight(server):
    _, log = server
    frozen = [int(n) for n in re.findall(r"worker \d+: (\d+) objects frozen", log.read_text())]
    assert len(frozen) == 2 and min(frozen) > 50_000, frozen  # WEB_CONCURRENCY=2


def test_after_warming_a_full_collection_looks_at_few_objects():
    script = (
        "import django, gc; django.setup();"
        "from readiness.warm import warm_and_freeze; frozen = warm_and_freeze();"
        "from django.template.loader import get_template; from django.urls import resolve;"
        "resolve('/'); get_template('assessments/step.html');"  # already loaded: nothing new to keep
        "print(frozen, len(gc.get_objects()))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "readiness.settings.test"}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    frozen, tracked = map(int, done.stdout.split()[-2:])
    assert frozen > 50_000 and tracked < frozen // 20, (frozen, tracked)
