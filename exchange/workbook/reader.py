"""Reading a workbook once, row by row, as a stream (`xlsx`).

Only the values are kept, each row as a compact object of its sheet's columns;
the workbook itself is never held in memory. A file that is not a workbook, or a
damaged one, is one problem, never an exception; so is a sheet or a workbook larger
than the settings `WORKBOOK_MAX_ROWS` and `WORKBOOK_MAX_CELLS` allow.
"""

from __future__ import annotations

import logging
import zipfile

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from exchange.workbook.problems import Problems
from exchange.workbook.spec import Sheet, Table
from exchange.workbook.values import CellError
from exchange.workbook.xlsx import TooLarge, open_sheets

logger = logging.getLogger(__name__)


def not_a_workbook() -> str:
    return _(
        "This file is not an Excel workbook (.xlsx), or it is damaged. Save the list in Excel "
        "as “Excel Workbook (*.xlsx)” and try again."
    )


# What a workbook may unpack to: a few times the register's largest district lists
# (10,000 children with their histories unpack to about 60 MB). A compressed file that
# unpacks to more ("zip bomb") is refused before any part of it is read.
UNPACKED_LIMIT = 250 * 2**20


def unpacked_size(source) -> int:
    """The bytes the zip file at `source` declares its parts unpack to (Python's
    zipfile never unpacks a part beyond its declared size)."""
    if hasattr(source, "seek"):
        source.seek(0)
    with zipfile.ZipFile(source) as archive:
        return sum(info.file_size for info in archive.infolist())


def too_big_unpacked(size: int) -> str:
    return _(
        "This workbook unpacks to %(size)s MB, more than the %(limit)s MB a workbook may "
        "hold. Split it by district and import the parts one after the other."
    ) % {"size": size // 2**20, "limit": UNPACKED_LIMIT // 2**20}


def too_large(error: TooLarge, sheet: str) -> str:
    limit = number_format(error.limit, force_grouping=True)
    if error.kind == "rows":
        return _(
            "The sheet “%(sheet)s” has more than %(limit)s rows, the most a sheet may hold "
            "(the empty rows between them count too). Split the workbook by district and "
            "import the parts one after the other."
        ) % {"sheet": sheet, "limit": limit}
    return _(
        "The workbook has more than %(limit)s cells, the most a workbook may hold: the sheet "
        "“%(sheet)s” goes beyond them (an empty row counts as one cell). Split the workbook "
        "by district and import the parts one after the other."
    ) % {"sheet": sheet, "limit": limit}


def too_long(value: str, limit: int) -> str:
    return _("Too long (characters: %(length)s; at most: %(limit)s).") % {
        "length": len(value),
        "limit": limit,
    }


def header_name(value) -> str:
    return "" if value is None else str(value).strip().lower()


def sheet_key(name: str) -> str:
    return name.strip().lower()


def open_book(source):
    """The workbook's sheets for reading values (`xlsx.open_sheets`), or None when
    `source` is not a workbook (not a zip file, one that unpacks beyond the limit, or
    one openpyxl cannot read)."""
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        if not zipfile.is_zipfile(source) or unpacked_size(source) > UNPACKED_LIMIT:
            return None
        if hasattr(source, "seek"):
            source.seek(0)
        return open_sheets(source)
    except Exception:  # openpyxl raises many kinds of errors for broken files
        logger.info("Not a workbook", exc_info=True)
        return None


def read_workbook(
    source, sheets: list[Sheet], problems: Problems, notices: Problems, progress=None
) -> dict[str, Table]:
    """Every row of the known sheets, parsed; problems of cells, columns, sheets and
    the file go to `problems`, things ignored (unknown sheets and columns) to `notices`.
    `progress(rows_read=...)`, when given, hears of the rows read every few thousand."""
    try:
        size = unpacked_size(source)
    except Exception:  # not a zip file: open_book says so below
        size = 0
    if size > UNPACKED_LIMIT:
        problems.file(too_big_unpacked(size))
        return {}
    book = open_book(source)
    if book is None:
        problems.file(not_a_workbook())
        return {}
    try:
        return _read(book, sheets, problems, notices, progress)
    except Exception:  # a damaged sheet inside a valid zip file
        logger.info("Damaged workbook", exc_info=True)
        problems.file(not_a_workbook())
        return {}
    finally:
        book.close()


PROGRESS_EVERY = 2000  # rows


def _read(book, sheets, problems, notices, progress=None) -> dict[str, Table]:
    known = {sheet_key(sheet.name): sheet for sheet in sheets}
    tables: dict[str, Table] = {}
    read_before = 0  # rows of the sheets read before this one
    for title, part in book.sheets:
        sheet = known.get(sheet_key(title))
        if sheet is None:
            notices.add(title, None, "", _("This sheet is not imported: it is ignored."))
            continue
        if sheet.name in tables:
            problems.add(title, None, "", _("This sheet appears twice in the workbook."))
            continue
        try:
            table = _read_sheet(sheet, book.rows(part), problems, notices, progress, read_before)
        except TooLarge as error:  # nothing more is read
            problems.add(title, None, "", too_large(error, title))
            return {}
        if table is not None:
            tables[sheet.name] = table
            read_before += len(table.rows)
    if not tables and not problems:
        problems.file(
            _("The workbook has none of the register's sheets (%(sheets)s).")
            % {"sheets": ", ".join(sheet.name for sheet in sheets)}
        )
    return tables


def _read_sheet(
    sheet: Sheet, rows, problems: Problems, notices: Problems, progress=None, read_before=0
) -> Table | None:
    header_row = next(rows, None)
    if header_row is None or all(value in (None, "") for value in header_row):
        return None  # an empty sheet: nothing of this kind
    header: dict[str, int] = {}
    for position, value in enumerate(header_row):
        name = header_name(value)
        if not name:
            continue
        if name in header:
            problems.add(
                sheet.name, 1, name, _("The column “%(column)s” appears twice.") % {"column": name}
            )
        elif name in sheet.by_name:
            header[name] = position
        else:
            notices.add(sheet.name, 1, name, _("Unknown column: it is ignored."))
    missing = [name for name in sheet.required if name not in header]
    for name in missing:
        problems.add(
            sheet.name,
            1,
            name,
            _("The required column “%(column)s” is missing.") % {"column": name},
        )
    table = Table(sheet=sheet, present=frozenset(header), header=header)
    # Without a required column no row can be imported; the rows are still read (and
    # marked not ok, without a message each) so that other sheets know their keys.
    complete = not missing
    positions = [header.get(column.name) for column in sheet.columns]
    for number, values in enumerate(rows, start=2):
        if not values or all(value is None or value == "" for value in values):
            continue
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(rows_read=read_before + len(table.rows))
        width = len(values)
        raws = [values[p] if p is not None and p < width else None for p in positions]
        table.rows.append(read_row(sheet, number, raws, problems, complete=complete))
    return table


def read_row(sheet: Sheet, number: int, raws, problems: Problems, *, complete: bool = True):
    """Row `number` of `sheet` from its raw cell values (`raws`: one per column of the
    sheet, in the sheet's order; None for an empty cell or a column the sheet lacks),
    each parsed by its column. A bad cell is a problem (unless the sheet lacks a
    required column: `complete` off, the row is only kept for its keys) and marks the
    row not ok; its value is the column's empty value."""
    row = sheet.Row()
    row.number = number
    row.ok = complete
    limits = sheet.max_lengths
    for column, raw in zip(sheet.columns, raws, strict=True):
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            if column.required and complete:
                problems.add(sheet.name, number, column.name, _("This field is required."))
                row.ok = False
            setattr(row, column.name, column.empty)
            continue
        try:
            value = column.parse(raw)
            limit = limits.get(column.name)
            if limit and isinstance(value, str) and len(value) > limit:
                raise CellError(too_long(value, limit))
            setattr(row, column.name, value)
        except CellError as error:
            if complete:
                problems.add(sheet.name, number, column.name, error.message)
            row.ok = False
            setattr(row, column.name, column.empty)
    return row
