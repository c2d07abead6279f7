import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registry.replica import figures_db


class Command(BaseCommand):
    help = (
        "Count the dashboards' figures ahead of their first reader, for the register, "
        "each region and each district (reports.indicators.warm). Run every few "
        "minutes by deploy/registry-figures.timer; counts nothing when nothing changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            help="a dashboard year (repeatable); by default the last completed year, "
            "the one the dashboard opens on",
        )

    def handle(self, *args, year, **options):
        from reports.indicators.warm import warm_dashboards

        this_year = timezone.localdate().year
        years = sorted(set(year or [this_year - 1]))
        for one in years:
            if not 2000 <= one <= this_year:
                raise CommandError(f"--year {one} is not a reporting year.")
        started = time.perf_counter()
        done = warm_dashboards(years, using=figures_db())
        self.stdout.write(
            f"Dashboards of {', '.join(map(str, years))} kept for the register, "
            f"{done['regions']} regions and {done['districts']} districts "
            f"in {time.perf_counter() - started:.1f} s."
        )
