"""Secret links never appear in full in logs or in printed e-mails (readiness.redact)."""

from __future__ import annotations

import importlib
import io
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.urls import reverse
from gunicorn.config import Config

from assessments import services
from readiness.redact import GunicornLogger, RedactTokensFilter, redact

TOKEN = "9hlkEgLyJhT7w5CnL067COQZKIRW9RfXxaQmYQqu-aw"


@pytest.mark.parametrize(
    "text",
    [
        f"/evaluacion/{TOKEN}/",
        f"/en/evaluacion/{TOKEN}/paso/perfil/autoguardar/",
        f"GET /evaluacion/{TOKEN}/reporte/?lang=en HTTP/1.1",
        f"https://ciberlisto.example.mx/evaluacion/{TOKEN}/reporte-aprobado/es/",
        f"/firma/invitacion/{TOKEN}/",
        f"/cuentas/confirm-email/Mg:1vPz:{TOKEN}/",
        f"/cuentas/password/reset/key/2-{TOKEN}/",
        f"https://wa.me/?text=Mi%20enlace%3A%20https%3A%2F%2Fx.mx%2Fevaluacion%2F{TOKEN}%2F",
    ],
)
def test_token_segments_keep_only_a_short_prefix(text):
    cleaned = redact(text)
    assert TOKEN not in cleaned and TOKEN[8:20] not in cleaned
    assert "***" in cleaned
    assert cleaned.split("***")[0][-4:] in text  # a prefix stays, to match a log line with a complaint


def test_the_prefix_is_the_start_of_the_token_and_the_rest_of_the_path_stays():
    assert redact(f"/evaluacion/{TOKEN}/paso/perfil/") == "/evaluacion/9hlk***/paso/perfil/"


@pytest.mark.parametrize(
    "text",
    [
        "/consultor/evaluaciones/12/reporte/",
        "/consultor/clientes/3/invitar/",
        "/static/css/app.css",
        "",
        "/cuentas/entrar/",
    ],
)
def test_other_paths_are_left_alone(text):
    assert redact(text) == text


def test_not_found_lines_of_django_request_are_redacted(client, started, caplog):
    _, token = started
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert (
            client.get(reverse("assessments:step", kwargs={"token": token, "section_key": "no-existe"})).status_code
            == 404
        )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Not Found" in logged and token[:4] + "***" in logged
    assert token not in logged


def test_runserver_request_lines_are_redacted():
    """django.server logs '"GET /path HTTP/1.1" 200 123' (django.core.servers.basehttp)."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("django.server")
    logger.addHandler(handler)
    try:
        logger.info('"%s" %s %s', f"GET /evaluacion/{TOKEN}/ HTTP/1.1", "200", "5120", extra={"status_code": 200})
    finally:
        logger.removeHandler(handler)
    (record,) = records
    assert record.getMessage() == '"GET /evaluacion/9hlk***/ HTTP/1.1" 200 5120'
    assert record.status_code == 200  # what the server formatter colours by is kept


def test_the_filter_keeps_records_it_cannot_format():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s", ("only one",), None)
    assert RedactTokensFilter().filter(record) is True


def _gunicorn_access_line(tmp_path, path: str, referer: str) -> str:
    log_file = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(log_file))
    cfg.set("access_log_format", '%(h)s "%(r)s" %(s)s "%(f)s" %(U)s %(q)s {referer}i=%({referer}i)s')
    logger = GunicornLogger(cfg)
    raw_path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": raw_path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": referer,
    }
    response = SimpleNamespace(status="200 OK", sent=1024, headers=[("Content-Type", "text/html")])
    request = SimpleNamespace(headers=[("REFERER", referer)])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    for h in logger.access_log.handlers:
        h.flush()
    return log_file.read_text()


def test_gunicorn_access_log_redacts_request_line_path_and_referer(tmp_path):
    line = _gunicorn_access_line(
        tmp_path, f"/evaluacion/{TOKEN}/reporte/?lang=es", f"https://x.mx/evaluacion/{TOKEN}/resultados/"
    )
    assert TOKEN not in line
    assert '"GET /evaluacion/9hlk***/reporte/?lang=es HTTP/1.1" 200' in line
    assert '"https://x.mx/evaluacion/9hlk***/resultados/"' in line


@override_settings(EMAIL_BACKEND="readiness.redact.RedactingConsoleEmailBackend")
def test_the_console_email_prints_the_resume_link_redacted(started, monkeypatch):
    assessment, token = started
    assessment.owner_email = "duena@example.mx"
    assessment.save()
    stream = io.StringIO()
    monkeypatch.setattr("sys.stdout", stream)  # the console backend writes to sys.stdout
    link = f"https://ciberlisto.example.mx/evaluacion/{token}/"
    assert services.assessment_send_resume_link(assessment=assessment, resume_url=link)
    printed = stream.getvalue()
    assert "duena@example.mx" in printed and f"/evaluacion/{token[:4]}***/" in printed
    assert token not in printed


def test_local_settings_default_to_the_redacting_console_backend(monkeypatch):
    import readiness.settings.local as local

    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    assert importlib.reload(local).EMAIL_BACKEND == "readiness.redact.RedactingConsoleEmailBackend"
