"""One company per start form: a double-click on "Empezar" opens what the first click created.

The start form carries a one-time nonce. The first request with it claims the nonce in the cache
(an atomic add), creates the assessment and, once its transaction commits, leaves the new link
there; a second request with the same nonce waits for that link and reuses it instead of creating
a second company. The cache must be shared by every web process (Redis with several of them).

The cache never holds the link itself: its key is a hash of the nonce and its value the token
masked with a key derived from the nonce, which only the owner's own page knows.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

NONCE_LIFETIME = 600  # seconds: how long a form's nonce is remembered
WAIT_FOR_FIRST = 10.0  # seconds a duplicate waits for the first click to finish
POLL = 0.1
PENDING = "pending"


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def _key(nonce: str) -> str:
    return "assessments:start-once:" + hashlib.sha256(nonce.encode()).hexdigest()


def _mask(data: bytes, nonce: str) -> bytes:
    pad = hashlib.shake_256(b"start-once:" + nonce.encode()).digest(len(data))
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))


def _seal(token: str, nonce: str) -> str:
    return base64.urlsafe_b64encode(_mask(token.encode(), nonce)).decode()


def _open(sealed: str, nonce: str) -> str:
    return _mask(base64.urlsafe_b64decode(sealed.encode()), nonce).decode()


def start_once(*, nonce: str, create: Callable[[], tuple[object, str]]) -> tuple[object | None, str]:
    """(assessment, token) from `create()`, or (None, token) of what an earlier request with the same
    nonce created. Without a nonce (an old form) it simply creates."""
    if not nonce:
        return create()
    key = _key(nonce)
    if cache.add(key, PENDING, timeout=NONCE_LIFETIME):
        try:
            assessment, token = create()
        except BaseException:
            cache.delete(key)  # nothing was created: the same form may try again
            raise
        transaction.on_commit(lambda: cache.set(key, _seal(token, nonce), timeout=NONCE_LIFETIME))
        return assessment, token
    deadline = time.monotonic() + WAIT_FOR_FIRST
    while (value := cache.get(key)) == PENDING and time.monotonic() < deadline:
        time.sleep(POLL)
    if value and value != PENDING:
        return None, _open(value, nonce)
    return create()  # the first request never finished (it failed): this one starts the assessment
