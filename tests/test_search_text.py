"""Folded search text (assessments.search) and its back-fill for the companies that existed before it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from assessments.models import Organization
from assessments.search import fold, search_text
from tests.factories import OrganizationFactory


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Panadería", "panaderia"), ("MECÁNICO", "mecanico"), ("Peña", "pena"), ("Ünica", "unica"), ("ﬁrma", "firma")],
)
def test_fold_drops_accents_and_case(typed, folded):
    assert fold(typed) == folded


def test_fields_never_run_into_each_other():
    assert "ab" not in search_text("Ferretería A", "B. Ruiz")  # "...a" + "b..." across two fields


@pytest.mark.django_db
def test_the_migration_fills_the_search_text_of_existing_companies():
    company = OrganizationFactory(name="Óptica Núñez", contact_name="Inés", contact_email="ines@optica.mx")
    Organization.objects.filter(pk=company.pk).update(search_text="")  # as before the field existed
    migration = importlib.import_module("assessments.migrations.0007_organization_search_text")
    migration.fill_search_text(apps, None)
    assert Organization.objects.get(pk=company.pk).search_text == "optica nunez\nines\nines@optica.mx"
