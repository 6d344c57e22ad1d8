"""Secret links out of logs and printed e-mails: each token path segment is cut to a short prefix.

A resume link (/evaluacion/<token>/...), a firm invitation (/firma/invitacion/<token>/), django-allauth's
e-mail confirmation (/cuentas/confirm-email/<key>/) and password reset (/cuentas/password/reset/key/
<uid>-<key>/) are each a password: whoever reads the access log or a developer's console could open
them. What stays (the first PREFIX characters) is enough to match a log line with a complaint.

Used by: the logging filter in settings LOGGING (django.server, django.request, the console handler),
gunicorn's access log (`logger_class = "readiness.redact.GunicornLogger"`), and local settings' console
e-mail backend.
"""

from __future__ import annotations

import logging
import re

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from gunicorn.glogging import Logger as GunicornBaseLogger

PREFIX = 4
MARK = "***"
_SLASH = r"(?:/|%2[Ff])"  # also inside URL-encoded links (a WhatsApp share, a ?next=)
_SECRET_PATHS = (
    "evaluacion",
    f"firma{_SLASH}invitacion",
    f"cuentas{_SLASH}confirm-email",
    f"cuentas{_SLASH}password{_SLASH}reset{_SLASH}key",
)
TOKEN_SEGMENT = re.compile(rf"({_SLASH}(?:{'|'.join(_SECRET_PATHS)}){_SLASH})([^/?#\s\"'%&<>]+)")


def redact(text: str) -> str:
    """`text` with every secret path segment cut to its first PREFIX characters and MARK."""
    if not text or not isinstance(text, str):
        return text
    return TOKEN_SEGMENT.sub(lambda m: m.group(1) + m.group(2)[:PREFIX] + MARK, text)


class RedactTokensFilter(logging.Filter):
    """Rewrites a record's message (after %-formatting) without secret links; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler to report
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


class GunicornLogger(GunicornBaseLogger):
    """gunicorn's logger whose access-log atoms (request line, path, query, referer, headers) are redacted."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}


class RedactingConsoleEmailBackend(ConsoleEmailBackend):
    """Django's console backend (a checkout's e-mail), printing links with their tokens cut."""

    def write_message(self, message):
        msg = message.message()
        charset = msg.get_charset().get_output_charset() if msg.get_charset() else "utf-8"
        self.stream.write(redact(msg.as_bytes().decode(charset)) + "\n")
        self.stream.write("-" * 79)
        self.stream.write("\n")
