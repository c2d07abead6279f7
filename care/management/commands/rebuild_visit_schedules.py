"""Recompute every placement's due visits (after loading data by other means)."""

from django.core.management.base import BaseCommand

from care.services.schedules import rebuild_schedules
from children.models import Placement


class Command(BaseCommand):
    help = "Recompute the due monitoring visits of every placement."

    def handle(self, *args, **options):
        written = rebuild_schedules(Placement.objects.values_list("pk", flat=True))
        self.stdout.write(f"Due visits recomputed: {written}.")
