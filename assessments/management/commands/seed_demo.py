from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from assessments import services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.models import Organization
from firms import services as firm_services
from firms.models import Firm, Membership

DEMO_PASSWORD = "CiberListo-demo-2025"  # noqa: S105 - published demo credentials, never production
# Two firms, each with an admin and a consultant; every member of a firm sees all its clients.
FIRMS = {
    "Robles Ciberseguridad": {
        "contact_line": "contacto@robles-ciber.mx · 33 1234 5678",
        "brand_color": "#0b4f8a",
        "members": [
            ("ana.consultora", "Ana", "Robles", Membership.Role.ADMIN),
            ("marco.consultor", "Marco", "Vega", Membership.Role.CONSULTANT),
        ],
        "clients": [
            ("Panadería La Espiga", "micro", "comercio", "jalisco", 0.2, True),
            ("Despacho Contable Morales", "small", "servicios_profesionales", "ciudad_de_mexico", 0.55, True),
            ("Taller Mecánico Hermanos Ruiz", "micro", "servicios", "nuevo_leon", 0.1, False),
        ],
    },
    "Herrera & Asociados TI": {
        "contact_line": "hola@herrera-ti.mx · 222 555 0101",
        "brand_color": "#7a1f5c",
        "members": [
            ("luis.consultor", "Luis", "Herrera", Membership.Role.ADMIN),
            ("sofia.consultora", "Sofía", "Méndez", Membership.Role.CONSULTANT),
        ],
        "clients": [
            ("Clínica Dental Sonrisa", "small", "salud", "puebla", 0.45, True),
            ("Distribuidora del Bajío", "medium", "comercio", "guanajuato", 0.7, True),
            ("Tienda en Línea Artesanías MX", "micro", "comercio", "oaxaca", 0.85, True),
        ],
    },
}


class Command(BaseCommand):
    help = "Create two demo firms with consultants and client companies with submitted assessments (safe to run twice)."

    @transaction.atomic
    def handle(self, *args, **options):
        bank = current_bank()
        created = 0
        for index, (firm_name, spec) in enumerate(FIRMS.items()):
            firm = self._firm(firm_name, spec)
            for offset, (name, size, sector, state, maturity, uses_ai) in enumerate(spec["clients"]):
                org, new = Organization.objects.get_or_create(
                    name=name,
                    firm=firm,
                    defaults={"size_band": size, "sector": sector, "state": state, "contact_name": "Dueña o dueño"},
                )
                if not new and org.assessments.exists():
                    continue
                assessment, _token = services.assessment_start(organization=org)
                answers = demo_answers(
                    bank,
                    maturity=maturity,
                    seed=index * 100 + offset,
                    uses_ai=uses_ai,
                    profile={"company_size": size, "sector": sector, "state": state},
                )
                services.assessment_save_answers(assessment=assessment, answers=answers)
                services.assessment_submit(assessment=assessment)
                created += 1
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} new assessments)."))
        self.stdout.write("Log in at http://127.0.0.1:8000/cuentas/entrar/ as a demo consultant:")
        for firm_name, spec in FIRMS.items():
            for username, _first, _last, role in spec["members"]:
                self.stdout.write(f"  user: {username:18} password: {DEMO_PASSWORD}   ({firm_name}, {role.label})")

    def _firm(self, name: str, spec: dict) -> Firm:
        User = get_user_model()
        firm = Firm.objects.filter(name=name).first()
        for username, first, last, role in spec["members"]:
            email = f"{username}@demo.mx"
            user, _ = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last, "email": email}
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            # Demo addresses count as verified, so the demo logins work without an e-mail round trip.
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if firm is None:
                firm = firm_services.firm_create(
                    name=name, admin_user=user, contact_line=spec["contact_line"], brand_color=spec["brand_color"]
                )
            elif not Membership.objects.filter(user=user).exists():
                firm_services.membership_add(firm=firm, user=user, role=role)
        return firm
