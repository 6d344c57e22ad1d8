"""Pages holding secrets are never kept by a browser or proxy cache; public pages and static files are."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from assessments.views.token import RESUME_COOKIE
from readiness.cache_control import PrivateCacheControlMiddleware
from readiness.settings import production


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def _not_stored(response) -> bool:
    return {"private", "no-store"} <= _directives(response)


@pytest.mark.django_db
def test_the_public_landing_page_without_the_cookie_stays_cacheable(client):
    response = client.get(reverse("assessments:landing"))
    assert response.status_code == 200
    assert "no-store" not in _directives(response)


@pytest.mark.django_db
def test_starting_sets_the_resume_cookie_on_a_response_no_cache_keeps(client):
    response = client.post(reverse("assessments:start"), {"company_name": "Taller Ramírez", "email": ""})
    assert response.status_code == 302
    assert RESUME_COOKIE in response.cookies
    assert _not_stored(response)


@pytest.mark.django_db
def test_the_landing_page_with_the_resume_cookie_is_private(client):
    client.post(reverse("assessments:start"), {"company_name": "Taller Ramírez", "email": ""})
    assert RESUME_COOKIE in client.cookies
    response = client.get(reverse("assessments:landing"))
    assert response.status_code == 200
    assert _not_stored(response)


@pytest.mark.django_db
def test_pages_reached_by_a_secret_link_are_private(started):
    from django.test import Client

    _, token = started
    fresh = Client()  # no cookie: only the token in the URL
    for name in ("assessments:link", "assessments:resume"):
        response = fresh.get(reverse(name, kwargs={"token": token}))
        assert response.status_code in (200, 302), name
        assert _not_stored(response), name


@pytest.mark.django_db
def test_every_page_of_a_logged_in_consultant_is_private(consultant_client):
    response = consultant_client.get(reverse("consultants:dashboard"))
    assert response.status_code == 200
    assert _not_stored(response)
    methodology = consultant_client.get(reverse("assessments:methodology"))  # public page, but seen logged in
    assert _not_stored(methodology)


@pytest.mark.django_db
def test_static_files_stay_cacheable_for_a_logged_in_consultant(consultant_client):
    response = consultant_client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in _directives(response)
    assert "private" not in _directives(response)


def test_a_view_that_chose_its_own_cache_control_keeps_it():
    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "max-age=60"
        return response

    request = RequestFactory().get("/")
    request.COOKIES[RESUME_COOKIE] = "signed-token"
    response = PrivateCacheControlMiddleware(view)(request)
    assert response["Cache-Control"] == "max-age=60"


def test_production_sends_the_language_cookie_only_over_https_and_same_site():
    assert production.LANGUAGE_COOKIE_SECURE is True
    assert production.LANGUAGE_COOKIE_SAMESITE == "Lax"


@pytest.mark.django_db
def test_the_language_switch_sets_a_secure_lax_cookie_with_production_values(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = production.LANGUAGE_COOKIE_SECURE
    settings.LANGUAGE_COOKIE_SAMESITE = production.LANGUAGE_COOKIE_SAMESITE
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
