"""Exporting the register (or one area of it) as the workbook the import reads.

The workbook is written in openpyxl's write-only mode, sheet after sheet, each row
straight from a database cursor. With each export come the districts and
institutions its children refer to, so that the workbook can be imported into an
empty database. Districts and institutions are by name (in the language of the
export, in the alphabet: `registry.ordering`), other rows in the order the records
were made (by id); an import into an empty database makes them in that order:
export, import, export gives the same cells. Every row is read from the database
`Export.using` names (the standby's when there is one: registry.replica); the
access-log entry is written on the primary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment

from children.models import Child, Institution, Placement, Transfer
from exchange.workbook.scope import ExportScope
from exchange.workbook.sheets import SHEETS
from registry.audit import log_access
from registry.cells import cell
from registry.models import AccessLog, District, Region
from registry.ordering import by_name
from registry.printing import landscape_if_wide, print_setup

COMMENT_AUTHOR = "Register"


class Export:
    """What the sheets' `export_rows` read: the children of the scope, and the
    regions, districts and institutions that come with them, all read from the
    database `using` names."""

    def __init__(self, scope: ExportScope, using: str = DEFAULT_DB_ALIAS):
        self.scope = scope
        self.using = using
        self._keys: dict[int, str] = {}
        self._district_ids: set[int] | None = None
        self._institution_ids: set[int] | None = None
        self._districts: list[District] | None = None

    def read(self, model):
        """The rows of `model`, from the database the export reads."""
        return model.objects.using(self.using)

    # --- children -------------------------------------------------------------------
    def children(self):
        return self.read(Child).filter(self.scope.children)

    def remember(self, pk: int, key: str) -> None:
        self._keys[pk] = key

    def child_key(self, pk: int) -> str:
        return self._keys[pk]

    def child_keys(self) -> dict[int, str]:
        """Each child's key by id, in the order the Children sheet gave them."""
        return self._keys

    # --- what comes along -------------------------------------------------------------
    def institution_ids(self) -> set[int]:
        if self._institution_ids is None:
            placed = (
                self.read(Placement)
                .filter(child__in=self.children(), institution__isnull=False)
                .values_list("institution_id", flat=True)
            )
            local = (
                self.read(Institution)
                .filter(district__in=District.objects.filter(self.scope.districts))
                .values_list("pk", flat=True)
            )
            self._institution_ids = set(placed.order_by().distinct()) | set(local)
        return self._institution_ids

    def district_ids(self) -> set[int]:
        if self._district_ids is None:
            children = self.children()
            transfers = self.read(Transfer).filter(child__in=children)
            ids = set(self.read(District).filter(self.scope.districts).values_list("pk", flat=True))
            # Without the models' order (children by name): DISTINCT would select it too.
            ids |= set(
                children.order_by().values_list("registered_district_id", flat=True).distinct()
            )
            ids |= set(transfers.order_by().values_list("from_district_id", flat=True).distinct())
            ids |= set(transfers.order_by().values_list("to_district_id", flat=True).distinct())
            for sheet in SHEETS:
                ids |= set(sheet.referenced_districts(self))
            ids |= set(
                self.read(Institution)
                .filter(pk__in=self.institution_ids())
                .values_list("district_id", flat=True)
                .distinct()
            )
            self._district_ids = ids
        return self._district_ids

    def districts(self) -> list[District]:
        if self._districts is None:
            self._districts = list(
                self.read(District)
                .filter(pk__in=self.district_ids())
                .order_by(by_name("name"), "pk")
            )
        return self._districts

    def regions(self):
        region_ids = {district.region_id for district in self.districts()}
        return self.read(Region).filter(pk__in=region_ids).order_by("pk")

    def region_codes(self) -> dict[int, str]:
        return dict(
            self.read(Region)
            .filter(pk__in={d.region_id for d in self.districts()})
            .values_list("pk", "code")
        )

    def district_codes(self) -> dict[int, str]:
        return {district.pk: district.code for district in self.districts()}

    def institutions(self):
        return (
            self.read(Institution)
            .filter(pk__in=self.institution_ids())
            .order_by(by_name("name"), "pk")
        )


def _comment(text: str) -> Comment:
    note = Comment(text, COMMENT_AUTHOR)
    note.width, note.height = 240, 60
    return note


def header_cells(worksheet, sheet) -> list:
    """The header row: the codes the template fixes (what the import reads), each with
    a comment saying in the exporting user's language what the column holds; the
    first also gives the sheet's title, so that a district officer can read the
    workbook."""
    cells = []
    for position, column in enumerate(sheet.columns):
        header = cell(worksheet, column.name, styled=True)
        label = sheet.column_label(column)
        if position == 0:
            label = _("%(sheet)s. Column: %(column)s") % {"sheet": sheet.title, "column": label}
        header.comment = _comment(label)
        cells.append(header)
    return cells


PROGRESS_EVERY = 5000  # rows


@dataclass
class ExportResult:
    rows: dict = field(default_factory=dict)  # sheet -> rows written


def export_workbook(
    target,
    *,
    user,
    scope: ExportScope,
    request=None,
    using: str = DEFAULT_DB_ALIAS,
    progress=None,
    logged: bool = True,
) -> ExportResult:
    """Write the workbook of `scope` to `target` (a path or a binary file), read from
    the database `using` names, with the user and time in its document properties;
    the export goes to the access log (unless `logged` is off: a job logs it when its
    file is downloaded). `progress(phase=None, **counts)`, when given, hears of the
    rows written ("writing": `records_written`)."""
    now = timezone.now()
    workbook = Workbook(write_only=True)
    workbook.properties.creator = user.get_username() if user is not None else ""
    workbook.properties.lastModifiedBy = workbook.properties.creator
    workbook.properties.created = workbook.properties.modified = now.replace(tzinfo=None)
    workbook.properties.title = _("Register of orphans: workbook (%(area)s)") % {
        "area": scope.label
    }
    export = Export(scope, using)
    result = ExportResult()
    date = timezone.localtime(now).strftime("%d.%m.%Y")
    written = 0
    if progress is not None:
        progress("writing", records_written=0)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet.name)
        # Set before the first row: a write-only sheet writes its properties first.
        print_setup(worksheet, title=workbook.properties.title, date=date)
        landscape_if_wide(worksheet, len(sheet.columns))
        worksheet.print_title_rows = "1:1"  # the codes, on every page
        worksheet.append(header_cells(worksheet, sheet))
        count = 0
        for row in sheet.export_rows(export):
            worksheet.append([cell(worksheet, value) for value in row])
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(records_written=written + count)
        written += count
        result.rows[sheet.name] = count
        if progress is not None:
            progress(records_written=written)
    workbook.save(target)
    if logged:
        log_export(
            user=user,
            label=scope.label,
            region_id=scope.region_id,
            district_id=scope.district_id,
            rows=result.rows,
            request=request,
        )
    return result


def log_export(*, user, label: str, region_id, district_id, rows: dict, request=None) -> None:
    """The export of the area `label` in the access log, with its rows by sheet."""
    log_access(
        user=user,
        action=AccessLog.Action.EXPORT,
        description=_("Register workbook (%(area)s)") % {"area": label},
        region_id=region_id,
        district_id=district_id,
        parameters={"scope": label, "rows": rows},
        request=request,
    )
