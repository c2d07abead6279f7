"""A copy of an uploaded workbook with each bad cell filled red and commented with
what is wrong, streamed (read-only in, write-only out), so that the user fixes the
list where they keep it."""

from __future__ import annotations

from collections import defaultdict

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from reports.workbook.exporter import cell as plain_cell
from reports.workbook.reader import header_name, open_workbook, sheet_key

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
    workbook at all."""
    workbook = open_workbook(source)
    if workbook is None:
        return False
    marks = _by_cell(problems)
    copy = Workbook(write_only=True)
    try:
        for worksheet in workbook.worksheets:
            if hasattr(worksheet, "reset_dimensions"):
                worksheet.reset_dimensions()
            out = copy.create_sheet(worksheet.title)
            sheet_marks = marks.get(sheet_key(worksheet.title), {})
            positions: dict[str, int] = {}
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                values = list(values)
                if number == 1:
                    positions = {header_name(v): i for i, v in enumerate(values) if v is not None}
                row_marks = sheet_marks.get(number)
                if not row_marks:
                    out.append([plain_cell(out, value) for value in values])
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
                        cells.append(plain_cell(out, value))
                        continue
                    marked = WriteOnlyCell(out, value=value)
                    if isinstance(value, str) and value.startswith("="):
                        marked.data_type = "s"
                    marked.fill = BAD
                    marked.font = BAD_FONT
                    marked.comment = Comment("\n".join(notes[position]), AUTHOR)
                    cells.append(marked)
                out.append(cells)
        copy.save(target)
    finally:
        workbook.close()
    return True
