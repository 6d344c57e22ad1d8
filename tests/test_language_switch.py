"""The language switch (readiness/language.py): both ways, from any page, never off the site."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def switch(client, language: str, next_url: str):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def test_english_then_back_to_spanish_on_the_same_page(client):
    response = switch(client, "en", "/metodologia/")
    assert response.status_code == 302 and response["Location"] == "/en/metodologia/"
    assert '<html lang="en">' in client.get(response["Location"]).content.decode()

    response = switch(client, "es-mx", "/en/metodologia/")  # was: stuck on /en/metodologia/
    assert response.status_code == 302 and response["Location"] == "/metodologia/"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="es-mx">' in page


def test_back_to_spanish_from_an_owners_page_keeps_the_token_and_the_query(client, started):
    _assessment, token = started
    with_token = reverse("assessments:resume", kwargs={"token": token})
    response = switch(client, "es-mx", f"/en{with_token}?x=1")
    assert response.status_code == 302 and response["Location"] == f"{with_token}?x=1"


@pytest.mark.parametrize("next_url", ["https://evil.example/en/metodologia/", "//evil.example/en/", ""])
def test_never_leaves_the_site(client, next_url):
    response = switch(client, "es-mx", next_url)
    assert response.status_code == 302 and response["Location"] == "/"
