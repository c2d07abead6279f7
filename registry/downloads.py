"""Every list's Excel download: what the page shows (the same filter, the same
columns, headers in the user's language), every row rather than one page, written as
the application writes every cell (`registry.cells`) and logged like a view of the
list.

A list declares its columns once, as `Column`s (a header and how a row gives the
cell's value), and its view answers `?format=xlsx` with `download(...)` instead of
the page (`filtered_list_page` does it for the district lists). The workbook is
written in openpyxl's write-only mode, row after row from the database in chunks;
a list longer than `settings.LIST_DOWNLOAD_MAX_ROWS` is cut there, and the file's
last row says so and how many rows the list has. The rows are read from the standby
when there is one (registry.replica); the access-log entry is written on the primary.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook

from registry.audit import LoggedList, log_list_view
from registry.cells import XLSX, cell
from registry.replica import figures_db

FORMAT = "xlsx"  # ?format=xlsx
MAX_ROWS = 20_000
CHUNK = 1000  # rows read from the database (and prepared) at a time
DATE_FORMAT = "DD.MM.YYYY"
NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")  # characters a sheet's title cannot hold


@dataclass(frozen=True)
class Column:
    """One column of a list: its header (lazy text) and how a row gives its value
    (a date, a number or text, as the page shows it; None leaves the cell empty)."""

    header: object
    value: Callable


@dataclass(frozen=True)
class Sheet:
    """A further sheet of a list's workbook: a summary the page shows beside the list
    (the alimony list's figures per district and their total), as `columns` of
    `rows` (a few rows, written as they are)."""

    title: object
    columns: Sequence[Column]
    rows: Sequence


def wants_download(request) -> bool:
    return request.GET.get("format") == FORMAT


def max_rows() -> int:
    return getattr(settings, "LIST_DOWNLOAD_MAX_ROWS", MAX_ROWS)


def _rows(rows) -> Iterable:
    if hasattr(rows, "iterator"):
        return rows.iterator(chunk_size=CHUNK)
    return iter(rows)


def _count(rows) -> int:
    return rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)


def _value_cell(worksheet, value):
    """A value as a cell: a date shown as the pages show it, a number as a number,
    anything else (a label, a district, an institution) as its text."""
    if isinstance(value, datetime.datetime):
        raise TypeError("a list's column gives dates, not times")
    if isinstance(value, datetime.date):
        target = cell(worksheet, value, styled=True)
        target.number_format = DATE_FORMAT
        return target
    if value is None:
        value = ""
    elif isinstance(value, Promise) or not isinstance(value, str | int | float | Decimal):
        value = str(value)
    return cell(worksheet, value)


def download(
    request,
    logged: LoggedList,
    rows,
    columns: Sequence[Column],
    *,
    child_id: Callable | None = None,
    prepare: Callable[[list], list] | None = None,
    sheets: Sequence[Sheet] = (),
) -> FileResponse:
    """The workbook of a list: `rows` (a queryset, in the page's order, or a list) as
    `columns`; `prepare(chunk)` completes each chunk of rows before it is written (in
    a query per chunk, as the page does for its page); `child_id(row)` gives a row's
    child when the rows are records of children; `sheets` follow the list's sheet.
    One access-log entry, with the list's filter (its `format=xlsx` says it was a
    download) and the children in the file."""
    limit = max_rows()
    if hasattr(rows, "using"):
        rows = rows.using(figures_db())
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(NOT_IN_TITLE.sub(" ", str(logged.label))[:31])
    worksheet.append([cell(worksheet, str(column.header)) for column in columns])
    children: set = set()
    written = 0
    source = _rows(rows)
    while written < limit and (chunk := list(islice(source, min(CHUNK, limit - written)))):
        if prepare is not None:
            chunk = prepare(chunk)
        for row in chunk:
            worksheet.append([_value_cell(worksheet, column.value(row)) for column in columns])
            children.add(child_id(row) if child_id is not None else row.pk)
        written += len(chunk)
    if written == limit and next(source, None) is not None:
        worksheet.append([])
        worksheet.append(
            [
                cell(
                    worksheet,
                    _(
                        "The list has %(total)s rows; this file holds the first %(limit)s. "
                        "Narrow the filter to download the rest."
                    )
                    % {"total": _count(rows), "limit": limit},
                )
            ]
        )
    for sheet in sheets:
        extra = workbook.create_sheet(NOT_IN_TITLE.sub(" ", str(sheet.title))[:31])
        extra.append([cell(extra, str(column.header)) for column in sheet.columns])
        for row in sheet.rows:
            extra.append([_value_cell(extra, column.value(row)) for column in sheet.columns])
    log_list_view(request, logged, children=len(children - {None}))
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(target)
    target.seek(0)
    name = f"{logged.name}-{timezone.localdate():%Y-%m-%d}.xlsx"
    return FileResponse(target, as_attachment=True, filename=name, content_type=XLSX)
