import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registry.replica import figures_db
from reports.views.common import FIRST_YEAR, default_year


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

        years = sorted(set(year or [default_year()]))
        for one in years:  # the years the dashboard offers
            if not FIRST_YEAR <= one <= timezone.localdate().year:
                raise CommandError(f"--year {one} is not a reporting year.")
        started = time.perf_counter()
        regions, districts = warm_dashboards(years, using=figures_db())
        self.stdout.write(
            f"Dashboards of {', '.join(map(str, years))} kept for the register, "
            f"{regions} regions and {districts} districts "
            f"in {time.perf_counter() - started:.1f} s."
        )
