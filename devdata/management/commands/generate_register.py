import time

from django.core.management.base import BaseCommand, CommandError

from devdata.generator import RegisterGenerator


class Command(BaseCommand):
    help = (
        "Write a synthetic register of N children with ten years of realistic history into "
        "the configured database, with bulk inserts; deterministic for a seed. For benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, required=True)
        parser.add_argument("--districts", type=int, default=10, help="districts per region")
        parser.add_argument("--regions", type=int, default=1)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, children, districts, regions, seed, **options):
        if children < 1 or districts < 1 or regions < 1:
            raise CommandError("--children, --districts and --regions must be positive.")
        started = time.monotonic()

        def progress(done):
            self.stdout.write(f"  {done} children written ({time.monotonic() - started:.0f} s)")

        counts = RegisterGenerator(seed=seed, districts=districts, regions=regions).generate(
            children, progress=progress
        )
        summary = ", ".join(f"{name} {value}" for name, value in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic register written in {time.monotonic() - started:.1f} s: {summary}."
            )
        )
