"""Shared fixtures: factories, a logged-in consultant, a started assessment."""

from __future__ import annotations

import factory
import pytest
from django.contrib.auth import get_user_model

from assessments import services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.models import Organization


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"consultor{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.mx")
    password = factory.PostGenerationMethodCall("set_password", "S3guro-para-pruebas")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Empresa de Prueba {n}")
    size_band = Organization.Size.SMALL
    sector = "comercio"
    state = "jalisco"


@pytest.fixture
def consultant(db):
    return UserFactory()


@pytest.fixture
def consultant_client(client, consultant):
    client.force_login(consultant)
    return client


@pytest.fixture
def organization(db):
    return OrganizationFactory()


@pytest.fixture
def started(organization):
    """(assessment, secret token) for a fresh draft assessment."""
    return services.assessment_start(organization=organization)


@pytest.fixture
def bank():
    return current_bank()


@pytest.fixture
def sample_answers(bank):
    return demo_answers(bank, maturity=0.5, seed=7)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to an /en/ page leaves English active in this thread: every test starts in Spanish."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield
