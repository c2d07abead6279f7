"""python manage.py export_registry PATH.xlsx [--district CODE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.workbook.exporter import export_workbook
from exchange.workbook.scope import ExportScope
from registry.audit import system_actor
from registry.models import District
from registry.replica import figures_db


class Command(BaseCommand):
    help = (
        "Export the register (or one district) as the workbook import_registry reads. "
        "The export is written to the access log."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx file to write")
        parser.add_argument("--district", help="export this district's children only")

    def handle(self, *args, path, district, **options):
        target = Path(path)
        if not target.parent.is_dir():
            raise CommandError(_("No such folder: %(path)s") % {"path": target.parent})
        scope = ExportScope.everything()
        if district:
            found = District.objects.filter(code=district).first()
            if found is None:
                raise CommandError(_("Unknown district “%(code)s”.") % {"code": district})
            scope = ExportScope.of_district(found)
        result = export_workbook(target, user=system_actor(), scope=scope, using=figures_db())
        for sheet, rows in result.rows.items():
            self.stdout.write(_("%(sheet)s: rows %(rows)s.") % {"sheet": sheet, "rows": rows})
        self.stdout.write(self.style.SUCCESS(_("Written: %(path)s") % {"path": target}))
