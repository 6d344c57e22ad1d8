import json
from dataclasses import asdict

from django.core.management.base import BaseCommand

from assessments.catalog import current_bank, current_benchmarks


def _jsonable(value):
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class Command(BaseCommand):
    help = "Print the question bank, recommendations and the study's benchmark data as JSON."

    def handle(self, *args, **options):
        bank, benchmarks = current_bank(), current_benchmarks()
        data = {
            "bank": {
                "version": bank.version,
                "question_count": len(bank.questions),
                "domains": [asdict(d) for d in bank.domains],
                "sections": [asdict(s) for s in bank.sections],
                "contacts": {key: asdict(label) for key, label in bank.contacts.items()},
            },
            "recommendations": {
                "version": bank.recommendations_version,
                "items": [asdict(r) for r in bank.recommendations],
            },
            "benchmarks": asdict(benchmarks),
        }
        self.stdout.write(json.dumps(_jsonable(data), ensure_ascii=False, indent=2))
