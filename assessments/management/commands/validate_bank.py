from django.core.management.base import BaseCommand, CommandError

from assessments.benchmarks.loader import load_benchmarks
from assessments.data_errors import DataError
from assessments.question_bank.loader import load_bank


class Command(BaseCommand):
    help = "Validate the question bank, recommendations and benchmark data; exit 1 naming the bad key."

    def handle(self, *args, **options):
        try:
            benchmarks = load_benchmarks()
            bank = load_bank(benchmarks=benchmarks)
        except DataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"OK: bank {bank.version}, {len(bank.questions)} questions in {len(bank.sections)} sections, "
            f"{len(bank.recommendations)} recommendations; benchmarks {benchmarks.version}, "
            f"{len(benchmarks.figures)} figures."
        )
