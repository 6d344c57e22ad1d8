"""The shared cache: a system check warns about a per-process cache, and rate limits count in Redis."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_ratelimit.core import get_usage

from readiness.checks import shared_cache_check
from tests.factories import FirmFactory, member

ROOT = Path(__file__).resolve().parent.parent
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS_DB = 13  # this module's own database number and key prefix: never another test's or the site's
KEY_PREFIX = "test-deploy-cache"


def _ids(messages) -> list[str]:
    return [message.id for message in messages]


# --- readiness.W001 ---------------------------------------------------------------------------------


def test_a_per_process_cache_with_several_workers_is_warned(settings, monkeypatch):
    settings.CACHES = LOCMEM
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    [warning] = shared_cache_check()
    assert warning.id == "readiness.W001"
    assert "4 processes" in warning.msg
    assert "CACHE_URL" in warning.hint


def test_production_without_web_concurrency_counts_gunicorns_two_workers(settings, monkeypatch):
    settings.CACHES = LOCMEM
    settings.DEBUG = False
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert _ids(shared_cache_check()) == ["readiness.W001"]


def test_one_process_or_a_shared_cache_is_fine(settings, monkeypatch):
    settings.CACHES = LOCMEM
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert shared_cache_check() == []
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert shared_cache_check() == []


def test_development_with_runserver_is_one_process(settings, monkeypatch):
    settings.CACHES = LOCMEM
    settings.DEBUG = True
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert shared_cache_check() == []


def test_manage_py_check_shows_the_warning_on_a_misconfigured_server():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "CACHE_URL", "DEBUG"}}
    env.update(SECRET_KEY="a-long-random-production-key-" + "x7Q9" * 10, ALLOWED_HOSTS="ciberlisto.mx")
    env["WEB_CONCURRENCY"] = "3"
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert "readiness.W001" in proc.stderr + proc.stdout
    env["CACHE_URL"] = f"redis://127.0.0.1:6379/{REDIS_DB}"
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert "readiness.W001" not in proc.stderr + proc.stdout


# --- rate limits in a real Redis ------------------------------------------------------------------------


def _answers(port: int) -> bool:
    try:
        return redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    """The Redis on 127.0.0.1:6379 if one runs, else a throwaway redis-server of our own."""
    if _answers(6379):
        yield f"redis://127.0.0.1:6379/{REDIS_DB}"
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail(
            "Redis is needed: none answers on 127.0.0.1:6379 and redis-server is not installed "
            "(sudo apt-get install -y redis-server)"
        )
    port = _free_port()
    proc = subprocess.Popen(  # noqa: S603
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not _answers(port):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/{REDIS_DB}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": KEY_PREFIX,
        }
    }
    raw = redis.Redis.from_url(redis_url)
    _delete_ours(raw)
    yield raw
    _delete_ours(raw)
    caches["default"].close()


def _delete_ours(raw) -> None:
    for key in raw.scan_iter(f"{KEY_PREFIX}:*"):
        raw.delete(key)


def _usage(ip: str) -> dict:
    request = RequestFactory().get("/evaluacion/no-such-link/", REMOTE_ADDR=ip)
    return get_usage(request, group="test.deploy", key="ip", rate="3/m", increment=True)


def test_rate_limits_count_in_redis_shared_by_every_process(redis_cache, redis_url):
    assert [_usage("203.0.113.7")["should_limit"] for _ in range(3)] == [False, False, False]
    assert list(redis_cache.scan_iter(f"{KEY_PREFIX}:*")), "the counter is not in Redis"

    # Another process (a second gunicorn worker) sees the same counter: its next request is over the limit.
    script = (
        "import django; django.setup();"
        f"from django.conf import settings; settings.CACHES['default']['KEY_PREFIX'] = {KEY_PREFIX!r};"
        "from django.test import RequestFactory; from django_ratelimit.core import get_usage;"
        "r = RequestFactory().get('/', REMOTE_ADDR='203.0.113.7');"
        "print(get_usage(r, group='test.deploy', key='ip', rate='3/m', increment=True)['should_limit'])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "readiness.settings.test", "CACHE_URL": redis_url}
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "True"

    assert _usage("198.51.100.20")["should_limit"] is False  # another address has its own counter


@pytest.mark.django_db
def test_wrong_links_are_throttled_through_redis(redis_cache, client, settings):
    """The owner's pages count wrong links per address in the shared cache: the limit holds across processes."""
    settings.ASSESSMENTS_RATE_LIMITS = {"token_miss": (3, 600)}
    statuses = [client.get(f"/evaluacion/{'x' * 42}{n}/").status_code for n in range(4)]
    assert statuses == [404, 404, 404, 429]
    assert list(redis_cache.scan_iter(f"{KEY_PREFIX}:*")), "the counter is not in Redis"


@pytest.mark.parametrize(("cache_url", "engine"), [("redis://127.0.0.1:6379/0", "cached_db"), ("", "db")])
def test_sessions_are_read_from_redis_only_when_it_is_the_cache(cache_url, engine):
    script = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_ENGINE)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "readiness.settings.test", "CACHE_URL": cache_url}
    if not cache_url:
        env.pop("CACHE_URL")
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == f"django.contrib.sessions.backends.{engine}"


@pytest.mark.django_db
def test_a_consultant_page_reads_the_session_from_redis_and_a_logout_ends_it(redis_cache, settings, client):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(member(firm=FirmFactory()))
    url = reverse("consultants:dashboard")
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]
    assert any(b"cached_db" in key for key in redis_cache.scan_iter(f"{KEY_PREFIX}:*"))
    client.post(reverse("account_logout"))
    assert not any(b"cached_db" in key for key in redis_cache.scan_iter(f"{KEY_PREFIX}:*"))
    assert client.get(url).status_code == 302  # to the login page
