"""A copy of an uploaded workbook with each bad cell filled red and commented with
what is wrong, streamed (read as the import reads it, `xlsx`, within the same
limits; written in openpyxl's write-only mode), so that the user fixes the list
where they keep it."""

from __future__ import annotations

import logging
from collections import defaultdict
from contextlib import suppress

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from exchange.workbook.reader import header_name, open_book, sheet_key
from exchange.workbook.xlsx import TooLarge
from registry.cells import cell

logger = logging.getLogger(__name__)
BAD = PatternFill("solid", fgColor="FFC7CE")
BAD_FONT = Font(color="9C0006")
AUTHOR = "Register"


def _by_cell(problems) -> dict:
    """sheet key -> row -> column name -> messages."""
    found: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for problem in problems:
        if problem.sheet:
            found[sheet_key(problem.sheet)][problem.row or 1][problem.column].append(
                problem.message
            )
    return found


def annotate_workbook(source, target, problems) -> bool:
    """Write the annotated copy of `source` to `target`; False when `source` is not a
    workbook at all, or a damaged one."""
    book = open_book(source)
    if book is None:
        return False
    marks = _by_cell(problems)
    copy = Workbook(write_only=True)
    try:
        for title, part in book.sheets:
            out = copy.create_sheet(title)
            # Beyond the limits, the copy of the sheet ends where reading stopped (the
            # check says why).
            with suppress(TooLarge):
                _copy_sheet(book.rows(part), out, marks.get(sheet_key(title), {}))
        copy.save(target)
    except Exception:  # a damaged sheet inside a valid zip file
        logger.info("Damaged workbook", exc_info=True)
        return False
    finally:
        book.close()
    return True


def _copy_sheet(rows, out, sheet_marks) -> None:
    positions: dict[str, int] = {}
    empty = 0  # empty rows not written yet: only a row after them needs them
    for number, values in enumerate(rows, start=1):
        row_marks = sheet_marks.get(number)
        if not values and not row_marks:
            empty += 1
            continue
        for _empty in range(empty):
            out.append(())
        empty = 0
        values = list(values)
        if number == 1:
            positions = {header_name(v): i for i, v in enumerate(values) if v is not None}
        if not row_marks:
            out.append([cell(out, value) for value in values])
            continue
        notes: dict[int, list[str]] = defaultdict(list)
        for column, messages in row_marks.items():
            notes[positions.get(column, 0)].extend(
                f"{column}: {message}" if column and column not in positions else message
                for message in messages
            )
        width = max(len(values), max(notes) + 1)
        values += [None] * (width - len(values))
        cells = []
        for position, value in enumerate(values):
            if position not in notes:
                cells.append(cell(out, value))
                continue
            marked = cell(out, value, styled=True)
            marked.fill = BAD
            marked.font = BAD_FONT
            marked.comment = Comment("\n".join(notes[position]), AUTHOR)
            cells.append(marked)
        out.append(cells)
