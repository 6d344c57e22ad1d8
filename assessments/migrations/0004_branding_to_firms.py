"""Move each consultant's clients into a firm of their own, with the branding set on those clients."""

import secrets

from django.db import migrations

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _code(Firm):
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        if not Firm.objects.filter(handover_code=code).exists():
            return code


def forwards(apps, schema_editor):
    Organization = apps.get_model("assessments", "Organization")
    Firm = apps.get_model("firms", "Firm")
    Membership = apps.get_model("firms", "Membership")
    for org in Organization.objects.exclude(consultant=None).select_related("consultant").order_by("pk"):
        user = org.consultant
        membership = Membership.objects.filter(user=user).select_related("firm").first()
        if membership is None:
            name = org.brand_name.strip() or (f"{user.first_name} {user.last_name}".strip()) or user.username
            firm = Firm.objects.create(name=name[:200], handover_code=_code(Firm))
            membership = Membership.objects.create(firm=firm, user=user, role="admin")
        firm = membership.firm
        if org.logo and not firm.logo:
            firm.logo = org.logo.name
            firm.save(update_fields=["logo"])
        org.firm = firm
        org.created_by = user
        org.save(update_fields=["firm", "created_by"])


def backwards(apps, schema_editor):
    Organization = apps.get_model("assessments", "Organization")
    Membership = apps.get_model("firms", "Membership")
    for org in Organization.objects.exclude(firm=None).select_related("firm"):
        admin = Membership.objects.filter(firm=org.firm, role="admin").order_by("pk").first()
        org.consultant_id = admin.user_id if admin else None
        org.brand_name = org.firm.name
        org.logo = org.firm.logo.name if org.firm.logo else ""
        org.save(update_fields=["consultant", "brand_name", "logo"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_firms_and_invitations"),
        ("firms", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
