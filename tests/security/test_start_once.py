"""A double-click on "Empezar" starts one company, not two."""

from __future__ import annotations

import re
import threading

import pytest
from django.core import mail
from django.urls import reverse

from assessments import start_once
from assessments.models import Assessment, Organization
from tests.owner_flow import remembered


def _nonce(page: str) -> str:
    return re.search(r'name="start_nonce" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize("start_url", ["assessments:start", "assessments:quick_start"])
def test_posting_the_same_form_twice_opens_the_first_assessment(
    client, db, start_url, django_capture_on_commit_callbacks
):
    form_page = reverse("assessments:landing" if start_url == "assessments:start" else "assessments:quick_start")
    nonce = _nonce(client.get(form_page).content.decode())
    data = {"company_name": "Taller Ramírez", "email": "duena@example.mx", "start_nonce": nonce}
    with django_capture_on_commit_callbacks(execute=True):  # the first request's transaction commits
        first = client.post(reverse(start_url), data)
    token = remembered(client)
    client.cookies.clear()  # the second click left before the first answer set the cookie
    second = client.post(reverse(start_url), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert remembered(client) == token  # the browser gets the same link
    assert Organization.objects.count() == 1 and Assessment.objects.count() == 1
    assert len(mail.outbox) == 1  # one e-mail with the link, not two


def test_each_rendering_of_the_form_starts_its_own_assessment(client, db):
    for name in ("Uno", "Dos"):
        nonce = _nonce(client.get(reverse("assessments:landing")).content.decode())
        client.post(reverse("assessments:start"), {"company_name": name, "start_nonce": nonce})
    assert sorted(Organization.objects.values_list("name", flat=True)) == ["Dos", "Uno"]


def test_an_invalid_first_post_keeps_the_nonce_and_the_corrected_post_creates_one(client, db):
    nonce = _nonce(client.get(reverse("assessments:landing")).content.decode())
    refused = client.post(reverse("assessments:start"), {"company_name": "", "start_nonce": nonce})
    assert refused.status_code == 400 and _nonce(refused.content.decode()) == nonce
    assert client.post(reverse("assessments:start"), {"company_name": "Bien", "start_nonce": nonce}).status_code == 302
    assert Organization.objects.count() == 1


def test_a_form_without_a_nonce_still_starts(client, db):
    assert client.post(reverse("assessments:start"), {"company_name": "Sin nonce"}).status_code == 302
    assert Organization.objects.count() == 1


def test_the_cache_never_holds_the_link_in_clear(db, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    with django_capture_on_commit_callbacks(execute=True):
        start_once.start_once(nonce="n" * 24, create=lambda: ("a", "SECRET-TOKEN-123"))
    stored = cache.get(start_once._key("n" * 24))
    assert stored and "SECRET-TOKEN-123" not in stored
    assert start_once.start_once(nonce="n" * 24, create=lambda: pytest.fail("created twice")) == (
        None,
        "SECRET-TOKEN-123",
    )


def test_a_duplicate_waits_for_the_first_click_to_finish(db, monkeypatch):
    """Two requests at once (PostgreSQL lets them run together): the second waits for the first's link."""
    monkeypatch.setattr(start_once, "POLL", 0.01)
    first_started, release = threading.Event(), threading.Event()
    results = {}

    def slow_create():
        first_started.set()
        release.wait(5)
        return "assessment", "TOKEN-OF-THE-FIRST"

    def first():
        results["first"] = start_once.start_once(nonce="double", create=slow_create)

    thread = threading.Thread(target=first)
    thread.start()
    first_started.wait(5)
    threading.Timer(0.2, release.set).start()
    results["second"] = start_once.start_once(nonce="double", create=lambda: pytest.fail("created twice"))
    thread.join(5)
    assert results == {"first": ("assessment", "TOKEN-OF-THE-FIRST"), "second": (None, "TOKEN-OF-THE-FIRST")}


def test_a_first_click_that_failed_lets_the_same_form_try_again(db):
    def broken():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        start_once.start_once(nonce="retry", create=broken)
    assert start_once.start_once(nonce="retry", create=lambda: ("a", "T")) == ("a", "T")  # not stuck waiting
