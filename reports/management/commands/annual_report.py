import json

from django.core.management.base import BaseCommand, CommandError

from registry.models import District, Region
from registry.replica import figures_db


class Command(BaseCommand):
    help = (
        "The annual indicators for a year: for the whole register, one region or one "
        "district, as JSON (to stdout or --out) or as the annual report workbook."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        area = parser.add_mutually_exclusive_group()
        area.add_argument("--region", help="region code")
        area.add_argument("--district", help="district code")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--out", help="file to write (required for xlsx)")
        parser.add_argument("--language", default="ru", help="language of the workbook: kk, ru, en")

    def handle(self, *args, year, region, district, format, out, language, **options):
        from reports.indicators.document import indicators_document

        if not 1990 <= year <= 2100:
            raise CommandError(f"--year {year} is not a reporting year.")
        using = figures_db()  # the standby's when there is one
        region_obj = district_obj = None
        if region:
            region_obj = Region.objects.filter(code=region).first()
            if region_obj is None:
                raise CommandError(f"Unknown region '{region}'.")
        if district:
            district_obj = District.objects.filter(code=district).first()
            if district_obj is None:
                raise CommandError(f"Unknown district '{district}'.")
        if format == "xlsx":
            if not out:
                raise CommandError("--format xlsx needs --out PATH.")
            from django.utils import translation

            from reports.annual import write_annual_report

            with translation.override(language):
                write_annual_report(
                    out,
                    year=year,
                    region=region_obj,
                    district=district_obj,
                    user=None,
                    using=using,
                )
            self.stdout.write(f"Annual report {year} written to {out}.")
            return
        document = indicators_document(year, region=region_obj, district=district_obj, using=using)
        text = json.dumps(document, ensure_ascii=False, indent=2)
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            self.stdout.write(text)
