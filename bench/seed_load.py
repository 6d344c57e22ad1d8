"""Data for the load benchmark, on top of `manage.py seed_demo`: run by bench/load.py in the benchmark's
environment (its own database), never on a real one.

    python bench/seed_load.py --clients 30 --pdf-pool 60 --out tokens.json

Each demo firm gets `--clients` more client companies (two thirds submitted, one third half-way), so
the consultants' pages show a portfolio of realistic size; `--pdf-pool` more companies are submitted
by owners alone. The resume tokens of every submitted assessment (for first-time PDF downloads) are
written to `--out` as JSON; tokens are stored hashed, so this is the only moment they are known.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def seed(*, clients: int, pdf_pool: int) -> list[str]:
    from django.db import transaction

    from assessments import services
    from assessments.catalog import current_bank
    from assessments.demo_answers import demo_answers
    from firms.models import Firm

    bank = current_bank()
    tokens: list[str] = []
    first_steps = {q.key for section in bank.sections[:4] for q in section.questions}

    def submitted(org, seed: int) -> str:
        assessment, token = services.assessment_start(organization=org)
        answers = demo_answers(bank, maturity=(seed % 10) / 10 + 0.05, seed=seed)
        services.assessment_save_answers(assessment=assessment, answers=answers)
        services.assessment_submit(assessment=assessment)
        return token

    with transaction.atomic():
        for firm in Firm.objects.order_by("pk"):
            for n in range(clients):
                org = services.organization_create(name=f"Cliente de carga {firm.pk}-{n:03d}", firm=firm)
                if n % 3 == 2:  # half-way through the questionnaire
                    draft, _token = services.assessment_start(organization=org)
                    answers = demo_answers(bank, maturity=0.5, seed=n)
                    services.assessment_save_answers(
                        assessment=draft, answers={k: v for k, v in answers.items() if k in first_steps}
                    )
                else:
                    tokens.append(submitted(org, seed=firm.pk * 1000 + n))
        for n in range(pdf_pool):
            org = services.organization_create(name=f"Empresa de carga {n:04d}")
            tokens.append(submitted(org, seed=50_000 + n))
    return tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--pdf-pool", type=int, default=60)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    tokens = seed(clients=args.clients, pdf_pool=args.pdf_pool)
    args.out.write_text(json.dumps(tokens))
    print(f"Seeded {len(tokens)} submitted assessments for the load benchmark.")


if __name__ == "__main__":
    main()
