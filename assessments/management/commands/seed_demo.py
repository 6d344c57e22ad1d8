from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from assessments import services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.models import Assessment, Organization
from consultants import services as consultant_services
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
        # A year ago this client scored lower: its client page and report show the trend.
        "reassessed": ("Despacho Contable Morales", 0.3),
        # Invited, half-way through the questionnaire.
        "in_progress": ("Farmacia San Rafael", "small", "salud", "jalisco"),
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
        "reassessed": ("Distribuidora del Bajío", 0.45),
        "in_progress": ("Hotel Boutique Casa Azul", "small", "turismo", "quintana_roo"),
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
                profile = {"company_size": size, "sector": sector, "state": state}
                earlier = spec["reassessed"][1] if spec["reassessed"][0] == name else None
                if earlier is not None:
                    first = self._submitted(
                        org,
                        demo_answers(
                            bank, maturity=earlier, seed=index * 100 + offset + 50, uses_ai=uses_ai, profile=profile
                        ),
                    )
                    self._backdate(first, days=365)
                    created += 1
                answers = demo_answers(
                    bank, maturity=maturity, seed=index * 100 + offset, uses_ai=uses_ai, profile=profile
                )
                self._submitted(org, answers)
                created += 1
            created += self._in_progress(firm, spec["in_progress"], bank, seed=index * 100 + 90)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} new assessments)."))
        self.stdout.write("Log in at http://127.0.0.1:8000/cuentas/entrar/ as a demo consultant:")
        for firm_name, spec in FIRMS.items():
            for username, _first, _last, role in spec["members"]:
                self.stdout.write(f"  user: {username:18} password: {DEMO_PASSWORD}   ({firm_name}, {role.label})")

    def _submitted(self, org, answers):
        assessment, _token = services.assessment_start(organization=org)
        services.assessment_save_answers(assessment=assessment, answers=answers)
        services.assessment_submit(assessment=assessment)
        return assessment

    def _backdate(self, assessment, *, days: int) -> None:
        when = timezone.now() - timedelta(days=days)
        Assessment.objects.filter(pk=assessment.pk).update(created_at=when, updated_at=when, submitted_at=when)

    def _in_progress(self, firm, spec, bank, *, seed: int) -> int:
        """A client invited four days ago who answered the first steps."""
        name, size, sector, state = spec
        org, new = Organization.objects.get_or_create(
            name=name,
            firm=firm,
            defaults={"size_band": size, "sector": sector, "state": state, "contact_name": "Dueña o dueño"},
        )
        if not new and org.assessments.exists():
            return 0
        admin = firm.memberships.filter(role=Membership.Role.ADMIN).first()
        outcome = consultant_services.invitation_create(
            organization=org, created_by=admin.user if admin else None, base_url=settings.SITE_URL or ""
        )
        draft = outcome.invitation.assessment
        answers = demo_answers(
            bank, maturity=0.5, seed=seed, profile={"company_size": size, "sector": sector, "state": state}
        )
        first_steps = {q.key for section in bank.sections[:3] for q in section.questions}
        services.assessment_save_answers(
            assessment=draft, answers={k: v for k, v in answers.items() if k in first_steps}
        )
        self._backdate(draft, days=4)
        return 1

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
            EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            if firm is None:
                firm = firm_services.firm_create(
                    name=name, admin_user=user, contact_line=spec["contact_line"], brand_color=spec["brand_color"]
                )
            elif not Membership.objects.filter(user=user).exists():
                firm_services.membership_add(firm=firm, user=user, role=role)
        return firm
