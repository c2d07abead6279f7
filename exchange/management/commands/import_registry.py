"""python manage.py import_registry PATH.xlsx [--dry-run] [--district CODE] [--user NAME]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.workbook.checks import check_for
from exchange.workbook.importer import import_workbook, recognised_note
from exchange.workbook.scope import ImportScope
from registry.audit import system_actor
from registry.models import District, User
from registry.records.gaps import gaps


def count_lines(counts: dict) -> list[str]:
    return [
        _("%(sheet)s: created %(created)s, updated %(updated)s, unchanged %(unchanged)s.")
        % {"sheet": sheet, **figures}
        for sheet, figures in counts.items()
    ]


def incomplete_lines(incomplete: dict) -> list[str]:
    """The records left incomplete ("not stated"), by kind of gap."""
    return [
        _("Not stated: %(label)s: %(count)s.") % {"label": gap.label, "count": incomplete[gap.code]}
        for gap in gaps()
        if incomplete.get(gap.code)
    ]


class Command(BaseCommand):
    help = (
        "Import the register workbook (the template of shared/spec/import-template.md). "
        "Everything is checked first: with any problem nothing is written and every problem "
        "is printed as 'sheet, row, column: message'; otherwise everything is written in one "
        "transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx workbook")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing"
        )
        parser.add_argument(
            "--district", help="import for this district only (rows of others are errors)"
        )
        parser.add_argument(
            "--user", help="the account the import is recorded under (default: system)"
        )

    def handle(self, *args, path, dry_run, district, user, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        scope = ImportScope.everything()
        if district:
            found = District.objects.filter(code=district).first()
            if found is None:
                raise CommandError(_("Unknown district “%(code)s”.") % {"code": district})
            scope = ImportScope.of_district(found)
        actor = system_actor()
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("Unknown account “%(name)s”.") % {"name": user})
        if dry_run:  # a check looks IINs up: it is in the access log, as on the page
            result = check_for(user=actor, source=source, scope=scope, description=source.name)
        else:
            result = import_workbook(
                actor=actor, source=source, scope=scope, description=source.name
            )
        if result.recognised is not None:
            self.stdout.write(recognised_note(result.recognised))
        for notice in result.notices:
            self.stdout.write(str(notice))
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Problems found: %(count)s. Nothing was written.")
                % {"count": len(result.problems)},
                returncode=1,
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written. The import would make:"))
        for line in count_lines(result.counts) + incomplete_lines(result.incomplete):
            self.stdout.write(line)
        if not dry_run:
            self.stdout.write(self.style.SUCCESS(_("The workbook is imported.")))
