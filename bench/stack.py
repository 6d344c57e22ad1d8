"""The throwaway server stack of the load benchmark: PostgreSQL database, Redis cache, gunicorn, db_worker.

Everything it creates is removed by `close()`: the two processes (their whole process groups, by id),
the database, the Redis database's keys and the temporary directory. Listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "bench_load"
REDIS_DB = 13  # a database number of its own on the shared Redis; emptied before and after


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    def __init__(self, *, web_workers: int = 2, conn_max_age: int | None = None, log=print):
        self.web_workers = web_workers
        self.log = log
        self.tmp = Path(tempfile.mkdtemp(prefix="bench_load_"))
        self.port = free_port()
        self.processes: list[subprocess.Popen] = []
        self.db_created = False
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",  # readiness.settings.production + STATIC_ROOT below
            "BENCH_STATIC_ROOT": str(self.tmp / "static"),
            "MEDIA_ROOT": str(self.tmp / "media"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            # conn_max_age > 0 keeps each process's database connection between requests (CONN_MAX_AGE).
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
            + ("" if conn_max_age is None else f"?conn_max_age={conn_max_age}"),
            "CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DEBUG": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            # The load generator plays many people: each owner and consultant sends its own address in
            # X-Forwarded-For, as a proxy in front of the site would, so per-client limits apply to each.
            "TRUSTED_PROXY_COUNT": "1",
            "PYTHONPATH": str(ROOT),
        }

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- set-up --------------------------------------------------------------------------------------
    def prepare(self, *, clients: int, pdf_pool: int) -> list[str]:
        """Database, cache, schema, data and static files; the tokens of the submitted assessments."""
        self._drop_database()
        self._admin_sql(f'CREATE DATABASE "{DATABASE}"')
        self.db_created = True
        self._flush_redis()
        self._manage("migrate", "--noinput")
        self._manage("seed_demo")
        out = self.tmp / "tokens.json"
        self._run([sys.executable, str(ROOT / "bench" / "seed_load.py"), "--clients", str(clients),
                   "--pdf-pool", str(pdf_pool), "--out", str(out)])  # fmt: skip
        self._manage("collectstatic", "--noinput")
        self._forget_queued_renders()
        self._analyze()
        return json.loads(out.read_text())

    def _analyze(self) -> None:
        """Planner statistics for the freshly loaded tables, as a database in service has them. Without
        this, autovacuum analyses the seeded tables during the first measured minute (CPU and I/O taken
        from the workers) and the first queries are planned on empty-table estimates."""
        with self._connect() as conn:
            conn.execute("VACUUM (ANALYZE)")

    def _forget_queued_renders(self) -> None:
        """If submitting queues a render (the owner's report, made in the background), the seeded
        assessments would start the benchmark with a long queue: start from none rendered or queued."""
        with self._connect() as conn:
            conn.execute("DELETE FROM django_tasks_database_dbtaskresult")
            conn.execute("DELETE FROM reports_renderedreport")

    def start(self) -> None:
        config = ROOT / "gunicorn.conf.py"
        self.log(f"gunicorn: {self.web_workers} workers on {self.base_url}"
                 + (f" (with {config.name})" if config.exists() else ""))  # fmt: skip
        self._spawn(
            "gunicorn",
            [str(VENV_BIN / "gunicorn"), "readiness.wsgi", "-w", str(self.web_workers),
             "-b", f"127.0.0.1:{self.port}"],
        )  # fmt: skip
        self._spawn("db_worker", [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"])
        self._wait_until_serving()

    def _spawn(self, name: str, argv: list[str]) -> None:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process group
        process = subprocess.Popen(  # noqa: S603 - our own commands, no shell
            argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        process.bench_name = name
        self.processes.append(process)

    def _wait_until_serving(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{process.bench_name} exited early:\n{self.log_tail(process.bench_name)}")
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=5) as response:  # noqa: S310 - http://127.0.0.1
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{self.log_tail('gunicorn')}")

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.tmp / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    # -- state of the report queue -------------------------------------------------------------------
    def pending_tasks(self) -> int:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()
        return row[0]

    def wait_for_queue(self, timeout: float = 300.0) -> int:
        """Wait until the report worker has nothing left to do; the number of tasks still waiting."""
        deadline = time.monotonic() + timeout
        while (left := self.pending_tasks()) and time.monotonic() < deadline:
            time.sleep(1.0)
        return left

    # -- tear-down -----------------------------------------------------------------------------------
    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)  # the process group this stack started
                except ProcessLookupError:
                    pass
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.processes.clear()
        if self.db_created:
            self._drop_database()
            self.db_created = False
        self._flush_redis()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- helpers -------------------------------------------------------------------------------------
    def _manage(self, *args: str) -> None:
        self._run([sys.executable, "manage.py", *args])

    def _run(self, argv: list[str]) -> None:
        started = time.monotonic()
        result = subprocess.run(  # noqa: S603 - our own commands, no shell
            argv, cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(argv[1:3])} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
        self.log(f"  {' '.join(Path(a).name for a in argv[1:3])}: {time.monotonic() - started:.0f} s")

    def _connect(self):
        import psycopg

        return psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}", autocommit=True)

    def _admin_sql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(sql)

    def _drop_database(self) -> None:
        self._admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')

    def _flush_redis(self) -> None:
        import redis

        redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
