from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from assessments import services
from assessments.catalog import current_bank
from assessments.demo_answers import demo_answers
from assessments.models import Organization

DEMO_PASSWORD = "CiberListo-demo-2025"  # noqa: S105 - published demo credentials, never production
CONSULTANTS = {
    "ana.consultora": ("Ana", "Robles", "Robles Ciberseguridad"),
    "luis.consultor": ("Luis", "Herrera", "Herrera & Asociados TI"),
}
COMPANIES = {
    "ana.consultora": [
        ("Panadería La Espiga", "micro", "comercio", "jalisco", 0.2, True),
        ("Despacho Contable Morales", "small", "servicios_profesionales", "ciudad_de_mexico", 0.55, True),
        ("Taller Mecánico Hermanos Ruiz", "micro", "servicios", "nuevo_leon", 0.1, False),
    ],
    "luis.consultor": [
        ("Clínica Dental Sonrisa", "small", "salud", "puebla", 0.45, True),
        ("Distribuidora del Bajío", "medium", "comercio", "guanajuato", 0.7, True),
        ("Tienda en Línea Artesanías MX", "micro", "comercio", "oaxaca", 0.85, True),
    ],
}


class Command(BaseCommand):
    help = "Create demo consultants and client companies with submitted assessments (safe to run twice)."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        bank = current_bank()
        created = 0
        for index, (username, (first, last, brand)) in enumerate(CONSULTANTS.items()):
            user, _ = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.mx"}
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            for offset, (name, size, sector, state, maturity, uses_ai) in enumerate(COMPANIES[username]):
                org, new = Organization.objects.get_or_create(
                    name=name,
                    consultant=user,
                    defaults={"size_band": size, "sector": sector, "state": state, "brand_name": brand},
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
        for username in CONSULTANTS:
            self.stdout.write(f"  user: {username}   password: {DEMO_PASSWORD}")
