"""One pass of the automatic reminders over every live invitation (for cron, besides the task queue)."""

from django.core.management.base import BaseCommand, CommandError

from consultants import services


class Command(BaseCommand):
    help = (
        "E-mail a reminder to every owner whose invitation link is idle for the firm's number of days "
        "(at most the firm's maximum, never after submission). Safe to run at any interval."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="Public address of the site for the links, e.g. https://ciberlisto.example.mx "
            "(default: settings.SITE_URL).",
        )

    def handle(self, *args, base_url: str, **options):
        base_url = base_url or services.site_base_url()
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("Give the public address of the site with --base-url https://… (or set SITE_URL).")
        sent = services.invitation_reminders_send_due(base_url=base_url)
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) sent."))
