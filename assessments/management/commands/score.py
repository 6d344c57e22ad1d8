import json

from django.core.management.base import BaseCommand, CommandError

from assessments.catalog import current_bank, current_benchmarks
from assessments.question_bank.answers import AnswerError
from assessments.scoring import score_assessment


class Command(BaseCommand):
    help = 'Score FILE.json ({"answers": {question_key: value}}) and print the result as JSON.'

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file, or - for standard input")

    def handle(self, *args, file, **options):
        payload = self._read(file)
        if not isinstance(payload, dict) or not isinstance(payload.get("answers"), dict):
            raise CommandError('expected a JSON object of the form {"answers": {"question_key": value}}')
        try:
            result = score_assessment(bank=current_bank(), answers=payload["answers"], benchmarks=current_benchmarks())
        except AnswerError as exc:
            raise CommandError(f"invalid answer for question {exc}") from exc
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))

    def _read(self, file: str):
        try:
            if file == "-":
                import sys

                return json.load(sys.stdin)
            with open(file, encoding="utf-8") as fh:
                return json.load(fh)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file} is not valid JSON: {exc}") from exc
