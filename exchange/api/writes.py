"""Writing records sent as JSON: the workbook import, from an object of sheets.

The records are an object whose keys are the template's sheet names and whose
values are lists of rows, each row an object of the sheet's column names and cell
values (text, numbers, true or false, ISO dates "YYYY-MM-DD", codes, null):

    {"Children": [{"iin": "150601500012", "last_name": "Омаров", …}],
     "Statuses": [{"iin": "150601500012", "category": "orphan", "start_date": "2020-01-10"}]}

They become the same rows the workbook reader makes (`reader.read_row`: the same
parsing of every cell and the same messages), and go through the same check and
write as a workbook (`importer.import_tables`): matched by the same keys, all or
nothing, idempotent (sending the same records again changes nothing). A sheet's
columns are those its rows name; a row that leaves out a column another row names
has that cell empty, as in a workbook. Unlike a workbook, whose readers type by hand,
an unknown sheet or column is a problem, not a notice: a system that misspells a
column would otherwise lose its values unseen. A problem names the sheet, the row (its
position in the sheet's list, from 1; none for the whole sheet) and the column.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.utils.translation import gettext as _

from exchange.workbook.checks import log_check
from exchange.workbook.importer import ImportResult, check_read, collector_paused, import_tables
from exchange.workbook.problems import Problems
from exchange.workbook.reader import header_name, read_row, sheet_key, too_large
from exchange.workbook.scope import ImportScope
from exchange.workbook.sheets import SHEETS
from exchange.workbook.spec import Sheet, Table
from exchange.workbook.xlsx import TooLarge
from registry.services.base import service, without_control_characters

SCALARS = (str, int, float, bool)


def not_an_object() -> str:
    return _(
        "The records must be an object whose keys are the template's sheet names and whose "
        "values are lists of rows."
    )


def read_records(payload, problems: Problems, notices: Problems, progress=None) -> dict:
    """The `Table` of each sheet `payload` names (see the module's docstring); what is
    wrong goes to `problems`. `notices` and `progress` are the workbook reader's
    (`importer.check_tables`): records sent have none."""
    if not isinstance(payload, dict):
        problems.file(not_an_object())
        return {}
    known = {sheet_key(sheet.name): sheet for sheet in SHEETS}
    tables: dict[str, Table] = {}
    for name, rows in payload.items():
        sheet = known.get(sheet_key(name)) if isinstance(name, str) else None
        if sheet is None:
            problems.add(str(name), None, "", _("The template has no sheet by this name."))
        elif sheet.name in tables:
            problems.add(sheet.name, None, "", _("This sheet is given twice."))
        elif not isinstance(rows, list):
            problems.add(
                sheet.name,
                None,
                "",
                _("A sheet is a list of rows, each an object of column names and values."),
            )
        else:
            tables[sheet.name] = read_sheet(sheet, rows, problems)
    if not tables and not problems:
        problems.file(
            _("The records name none of the register's sheets (%(sheets)s).")
            % {"sheets": ", ".join(sheet.name for sheet in SHEETS)}
        )
    return tables


def read_sheet(sheet: Sheet, rows: list, problems: Problems) -> Table:
    """The rows of one sheet, each read as the workbook reader reads a row."""
    limit = settings.WORKBOOK_MAX_ROWS
    if len(rows) > limit:
        problems.add(sheet.name, None, "", too_large(TooLarge("rows", limit), sheet.name))
        return Table(sheet=sheet)
    cells_of: list[dict | None] = []
    present: set[str] = set()
    unknown: set[str] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            problems.add(
                sheet.name, number, "", _("A row is an object of column names and values.")
            )
            cells_of.append(None)
            continue
        cells: dict = {}
        for key, value in row.items():
            name = header_name(key)
            if name in cells:
                problems.add(
                    sheet.name,
                    number,
                    name,
                    _("The column “%(column)s” appears twice.") % {"column": name},
                )
            elif name in sheet.by_name:
                cells[name] = value
                present.add(name)
            elif name not in unknown:
                unknown.add(name)
                problems.add(
                    sheet.name, number, str(key), _("The sheet has no column by this name.")
                )
        cells_of.append(cells)
    # A sheet whose rows name no column (none, or only empty rows) has nothing of its
    # kind, as a workbook's empty sheet.
    missing = [name for name in sheet.required if name not in present] if present else []
    for name in missing:
        problems.add(
            sheet.name,
            None,
            name,
            _("The required column “%(column)s” is missing.") % {"column": name},
        )
    table = Table(sheet=sheet, present=frozenset(present))
    for number, cells in enumerate(cells_of, start=1):
        if not cells or all(value is None or value == "" for value in cells.values()):
            continue  # not an object (reported), or an empty row: skipped, as in a workbook
        raws, readable = [], not missing
        for column in sheet.columns:
            raw = cells.get(column.name)
            if isinstance(raw, str):
                raw = without_control_characters(raw)
            elif raw is not None and not isinstance(raw, SCALARS):
                problems.add(
                    sheet.name,
                    number,
                    column.name,
                    _("A cell holds text, a number, true or false, or null."),
                )
                raw, readable = None, False
            raws.append(raw)
        row = read_row(sheet, number, raws, problems, complete=readable)
        if not missing and not readable:  # its other cells are not checked
            row.ok = False
        table.rows.append(row)
    return table


def records_description() -> str:
    return _("Records sent through the API")


def check_records(*, user, payload, scope: ImportScope, request=None) -> ImportResult:
    """Check records sent as JSON without writing anything (a dry run): their
    problems, and what they would create and change. In the access log as a check
    (it looks every IIN up in the register: `exchange.workbook.checks`)."""
    result = check_read(partial(read_records, payload), scope=scope)
    log_check(
        user=user, scope=scope, result=result, description=records_description(), request=request
    )
    return result


@service
def import_records(*, actor, payload, scope: ImportScope, request=None) -> ImportResult:
    """Check records sent as JSON and, when nothing is wrong, write all of them
    (audited as `actor`, in the access log as an import); when something is wrong,
    write nothing (in the access log as a check: the IINs were looked up). The same
    records sent again change nothing."""
    with collector_paused():
        result = import_tables(
            actor=actor,
            read=partial(read_records, payload),
            scope=scope,
            description=records_description(),
            request=request,
        )
    if not result.written:
        log_check(
            user=actor,
            scope=scope,
            result=result,
            description=records_description(),
            request=request,
        )
    return result
