"""The data migration that moved branding off client companies into firms (issue 8)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("assessments", "0002_logo_validation"), ("firms", "0001_initial")]
AFTER = [("assessments", "0005_remove_organization_branding")]


@pytest.mark.django_db(transaction=True)
def test_each_consultants_clients_and_branding_move_into_a_firm_of_their_own():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Organization = old.get_model("assessments", "Organization")
    ana = User.objects.create(username="ana", first_name="Ana", last_name="Robles")
    luis = User.objects.create(username="luis")
    Organization.objects.create(
        name="Panadería", consultant=ana, brand_name="Robles Ciberseguridad", logo="branding/robles.png"
    )
    Organization.objects.create(name="Despacho", consultant=ana, brand_name="Robles Ciberseguridad")
    Organization.objects.create(name="Clínica", consultant=luis)
    Organization.objects.create(name="Sola")  # an owner assessing alone

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Organization = new.get_model("assessments", "Organization")
    Firm = new.get_model("firms", "Firm")
    Membership = new.get_model("firms", "Membership")
    robles = Firm.objects.get(name="Robles Ciberseguridad")
    assert robles.logo == "branding/robles.png" and robles.handover_code
    assert Membership.objects.get(user__username="ana").firm == robles
    assert Membership.objects.get(user__username="ana").role == "admin"
    assert set(Organization.objects.filter(firm=robles).values_list("name", flat=True)) == {"Panadería", "Despacho"}
    assert Organization.objects.get(name="Clínica").firm.name == "luis"  # no brand: the consultant's name
    assert Organization.objects.get(name="Sola").firm is None

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())  # back to the latest schema
