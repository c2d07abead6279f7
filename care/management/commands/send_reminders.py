"""Daily: e-mail each officer what is overdue in their district (run it from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from care.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each officer their overdue visits, follow-up actions and life plan "
        "reviews. Safe to run more than once a day: an officer gets one e-mail a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="the register's address, put before the links (https://registry.example.kz)",
        )

    def handle(self, *args, base_url, **options):
        day = timezone.localdate()
        report = send_reminders(day=day, base_url=base_url)
        for username in report.sent:
            self.stdout.write(f"Sent to {username}.")
        for username in report.already:
            self.stdout.write(f"Already sent today to {username}.")
        for username in report.without_email:
            self.stdout.write(
                self.style.WARNING(f"{username} has no e-mail address: no reminder sent.")
            )
        self.stdout.write(
            f"Reminders sent: {len(report.sent)}; officers with nothing overdue: "
            f"{report.nothing_due}."
        )
