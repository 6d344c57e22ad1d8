"""The load generator: virtual users (threads), each with its own HTTP connection, cookies and address.

Standard library only (http.client), so the benchmark needs no HTTP package. Cookies are kept by hand
because the production settings mark them Secure and the benchmark speaks plain HTTP to 127.0.0.1
(a cookie jar would keep them back, as a browser would on http://).

Every request names its kind ("owner: step (GET)"), the statuses it expects, and is timed from sending
to the last byte of the body. Anything else (a 5xx, an unexpected status, a broken connection) is an
error of that kind.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from itertools import count
from typing import Any
from urllib.parse import urlencode, urlsplit

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION_FIELD = re.compile(r'name="revision" value="(\d+)"')
STEP_PATH = re.compile(r"/evaluacion/[^/]+/paso/([\w-]+)/$")
CLIENT_LINK = re.compile(r'href="(/consultor/clientes/\d+/)"')
ASSESSMENT_LINK = re.compile(r'href="(/consultor/evaluaciones/\d+/)"')


class UnexpectedResponse(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return (self.headers.get("Location") or "").split("#")[0]


class Client:
    """One browser: a keep-alive connection when the server allows it, its cookies, its address."""

    def __init__(self, base_url: str, ip: str):
        parts = urlsplit(base_url)
        self.host, self.port, self.ip = parts.hostname, parts.port, ip
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> Response:
        headers = {"X-Forwarded-For": self.ip, "User-Agent": "ciberlisto-bench/1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            raw = self.conn.getresponse()
            content = raw.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        seconds = time.perf_counter() - started
        for header in raw.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(raw.status, raw.msg, content, seconds)

    def close(self) -> None:
        self.conn.close()


@dataclass
class Recorder:
    """Latencies (ms) and errors per kind, kept only while `measuring` (after the warm-up)."""

    measuring: bool = False
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)
    pdf_waits: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, kind: str, seconds: float) -> None:
        if self.measuring:
            with self.lock:
                self.times[kind].append(seconds * 1000)

    def error(self, kind: str, what: str) -> None:
        with self.lock:  # errors count during the warm-up too: none is acceptable
            self.errors[kind] += 1
            if len(self.samples) < 10:
                self.samples.append(f"{kind}: {what}")

    def pdf_wait(self, seconds: float) -> None:
        if self.measuring:
            with self.lock:
                self.pdf_waits.append(seconds)


class Run:
    """What the virtual users of one run share: the server, the recorder, the stop signal, the data."""

    def __init__(self, *, base_url: str, think: float, plans: list[dict[str, dict]], pdf_items=(), seed: int = 1):
        self.base_url = base_url
        self.think_mean = think
        self.plans = plans
        self.recorder = Recorder()
        self.stop = threading.Event()
        self._pdf_items = list(pdf_items)
        self._pdf_lock = threading.Lock()
        self.rendered: list[tuple[str, str, str]] = []  # (token, lang, address) of the PDFs received
        self.logins = threading.Semaphore(0)  # one release per consultant logged in
        self._ips = count(1)
        self.rng = random.Random(seed)  # noqa: S311 - load pattern, not security

    def new_ip(self) -> str:
        n = next(self._ips)
        return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"

    def think(self, scale: float = 1.0) -> bool:
        """Pause like a person (uniform around the mean); False once the run is over."""
        if not self.think_mean:
            return not self.stop.is_set()
        return not self.stop.wait(self.think_mean * scale * (0.5 + random.random()))  # noqa: S311

    def next_pdf(self):
        with self._pdf_lock:
            return self._pdf_items.pop(0) if self._pdf_items else None

    def call(self, client: Client, kind: str, method: str, path: str, data=None, expect=(200,)) -> Response:
        try:
            response = client.request(method, path, data)
        except (OSError, http.client.HTTPException) as exc:
            self.recorder.error(kind, f"{method} {path}: {exc!r}")
            raise UnexpectedResponse from exc
        if response.status not in expect:
            self.recorder.error(kind, f"{method} {path}: {response.status} {response.text[:200]!r}")
            raise UnexpectedResponse
        self.recorder.ok(kind, response.seconds)
        return response


def form_value(pattern: re.Pattern, response: Response) -> str:
    match = pattern.search(response.text)
    if match is None:
        raise UnexpectedResponse(f"no {pattern.pattern} in the page")
    return match.group(1)


def _loop(run: Run, body) -> None:
    """Repeat one user's journey until the run stops; a failed journey (already counted) starts again."""
    while not run.stop.is_set():
        try:
            body()
        except UnexpectedResponse:
            run.stop.wait(1.0)


# -- the owner: starts an assessment, answers every step, submits, reads the results ---------------------
def owner(run: Run, number: int) -> None:
    def journey() -> None:
        client = Client(run.base_url, run.new_ip())  # each assessment: another owner, another address
        try:
            _owner_journey(run, client, number)
        finally:
            client.close()

    _loop(run, journey)


def _owner_journey(run: Run, client: Client, number: int) -> None:
    page = run.call(client, "owner: landing", "GET", "/")
    if not run.think():
        return
    data = {"csrfmiddlewaretoken": form_value(CSRF_FIELD, page), "company_name": f"PyME {number}", "email": ""}
    url = run.call(client, "owner: start (POST)", "POST", "/empezar/", data, expect=(302,)).location
    run.call(client, "owner: link page", "GET", url)
    if not run.think():
        return
    token = url.split("/")[2]
    url = run.call(client, "owner: resume", "GET", f"/evaluacion/{token}/", expect=(302,)).location
    plan = run.plans[number % len(run.plans)]
    for _ in range(60):  # a questionnaire has about 20 steps; more means the journey went wrong
        if run.stop.is_set():
            return
        if step := STEP_PATH.search(url):
            page = run.call(client, "owner: step (GET)", "GET", url)
            data = {
                **plan[step.group(1)],
                "revision": form_value(REVISION_FIELD, page),
                "csrfmiddlewaretoken": form_value(CSRF_FIELD, page),
                "nav": "next",
            }
            if not run.think():
                return
            url = run.call(client, "owner: step (POST)", "POST", url, data, expect=(302,)).location
        elif url.endswith("/enviar/"):
            page = run.call(client, "owner: review", "GET", url)
            data = {"revision": form_value(REVISION_FIELD, page), "csrfmiddlewaretoken": form_value(CSRF_FIELD, page)}
            if not run.think():
                return
            url = run.call(client, "owner: submit (POST)", "POST", url, data, expect=(302,)).location
        elif url.endswith("/resultados/"):
            run.call(client, "owner: results", "GET", url)
            run.think(2.0)
            return
        else:
            run.recorder.error("owner: journey", f"unexpected redirect to {url}")
            raise UnexpectedResponse


# -- the consultant: logs in once, then dashboard, a client's page, an assessment's page ------------------
def consultant(run: Run, number: int, username: str, password: str) -> None:
    client = Client(run.base_url, run.new_ip())
    try:
        while not run.stop.is_set():
            try:
                _consultant_login(run, client, username, password)
                run.logins.release()
                break
            except UnexpectedResponse:
                run.stop.wait(1.0)
        _loop(run, lambda: _consultant_round(run, client))
    finally:
        client.close()


def _consultant_login(run: Run, client: Client, username: str, password: str) -> None:
    page = run.call(client, "consultant: login page", "GET", "/cuentas/entrar/")
    data = {"csrfmiddlewaretoken": form_value(CSRF_FIELD, page), "login": username, "password": password}
    run.call(client, "consultant: log in (POST)", "POST", "/cuentas/entrar/", data, expect=(302,))


def _consultant_round(run: Run, client: Client) -> None:
    page = run.call(client, "consultant: dashboard", "GET", "/consultor/")
    clients = CLIENT_LINK.findall(page.text)
    if not clients:
        run.recorder.error("consultant: dashboard", "no client links")
        raise UnexpectedResponse
    if not run.think():
        return
    page = run.call(client, "consultant: client page", "GET", random.choice(clients))  # noqa: S311
    assessments = ASSESSMENT_LINK.findall(page.text)
    if assessments and run.think():
        run.call(client, "consultant: assessment page", "GET", random.choice(assessments))  # noqa: S311
    run.think()


# -- the report: first-time downloads (follow "being prepared" until the PDF), and repeated downloads ------
def pdf_first(run: Run, number: int) -> None:
    while not run.stop.is_set():
        item = run.next_pdf()
        if item is None:
            run.recorder.error("report: first download", "the pool of never-rendered reports ran out")
            return
        token, lang, ip = item
        client = Client(run.base_url, ip)
        try:
            _first_download(run, client, token, lang)
            run.rendered.append(item)
        except UnexpectedResponse:
            run.stop.wait(1.0)
        finally:
            client.close()
        run.think()


def _first_download(run: Run, client: Client, token: str, lang: str) -> None:
    url = f"/evaluacion/{token}/reporte/?lang={lang}"
    started = time.monotonic()
    response = run.call(client, "report: first request", "GET", url, expect=(200, 202))
    while response.status == 202:
        if run.stop.wait(float(response.headers.get("Retry-After", "3"))):
            raise UnexpectedResponse  # the run ended first: not a failure, but no PDF either
        waiting = response.headers["Refresh"].split("url=", 1)[1]
        response = run.call(client, "report: preparing (reload)", "GET", waiting, expect=(200, 202))
    if response.headers.get_content_type() != "application/pdf":  # the "ready" page: it starts the download
        run.stop.wait(1.0)  # its meta refresh
        response = run.call(client, "report: PDF (first download)", "GET", url)
    if response.headers.get_content_type() != "application/pdf" or not response.body.startswith(b"%PDF"):
        run.recorder.error("report: PDF (first download)", f"not a PDF: {response.headers.get_content_type()}")
        raise UnexpectedResponse
    run.recorder.pdf_wait(time.monotonic() - started)


def pdf_first_once(run: Run) -> None:
    """One first-time download to the end, outside a timed run (to have a rendered PDF)."""
    item = run.next_pdf()
    client = Client(run.base_url, item[2])
    try:
        _first_download(run, client, item[0], item[1])
        run.rendered.append(item)
    except UnexpectedResponse:
        pass
    finally:
        client.close()


def pdf_repeat(run: Run, number: int, items: list[tuple[str, str, str]]) -> None:
    """Download already rendered PDFs again and again (each company from its owner's address)."""
    index = number
    while not run.stop.is_set():
        token, lang, ip = items[index % len(items)]
        index += 1
        client = Client(run.base_url, ip)
        try:
            response = run.call(
                client, "report: PDF (repeat download)", "GET", f"/evaluacion/{token}/reporte/?lang={lang}"
            )
            if not response.body.startswith(b"%PDF"):
                run.recorder.error("report: PDF (repeat download)", "not a PDF (not rendered yet?)")
        except UnexpectedResponse:
            pass
        finally:
            client.close()
        run.think()


def drive(run: Run, users: list[tuple], *, warmup: float, duration: float) -> float:
    """Start every user, measure for `duration` after `warmup`, stop them all; the measured seconds.

    The warm-up starts once every consultant has logged in: a login hashes the password on purpose
    slowly (hundreds of ms of CPU), which would otherwise hold the workers during the measurement.
    """
    threads = [threading.Thread(target=fn, args=args, daemon=True) for fn, *args in users]
    for thread in threads:
        thread.start()
        time.sleep(0.05)  # not all at once
    deadline = time.monotonic() + 180
    for _ in range(sum(fn is consultant for fn, *_args in users)):
        run.logins.acquire(timeout=max(0.0, deadline - time.monotonic()))
    run.stop.wait(warmup)
    run.recorder.measuring = True
    started = time.monotonic()
    run.stop.wait(duration)
    run.recorder.measuring = False
    measured = time.monotonic() - started
    run.stop.set()
    for thread in threads:
        thread.join(timeout=130)
    return measured
