"""The one way the application writes a value into a workbook (the register's export,
the annotated copy of an upload, the annual report, the synthetic workbook), and the
media type of the workbooks its pages send (`XLSX`).

Names and notes come from users, and the files go to other users: a district named
`=HYPERLINK("http://…","x")` must not become a live formula in the workbook a
regional or national user opens (OWASP, CSV and formula injection). Text that begins
with a character a spreadsheet reads as the start of a formula ("=", "+", "-", "@",
a tab, a carriage return) is written as a text cell with Excel's quote prefix: the
cell's type is text, so no spreadsheet evaluates it, and its format carries the
apostrophe Excel shows in the formula bar (not a character of the value), so that
editing the cell keeps it text. The value itself is unchanged: the register's export
imported again gives back exactly the names it held. Numbers, dates and booleans are
written as they are (-5 stays a number).
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell

from registry.services.base import without_control_characters

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The media type of the workbooks the pages send.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(worksheet, value, *, row: int | None = None, column: int | None = None, styled=False):
    """Write `value` as the application writes every cell.

    With `row` and `column`: into the cell there of `worksheet` (a workbook open for
    writing), which is returned for styling. Without: what to append, in a row, to a
    write-only `worksheet`: the value itself when it needs nothing, else (or when
    `styled`) a write-only cell holding it.

    Text loses the control characters a worksheet cannot hold (the services no longer
    store them); text that could be read as a formula is written as text (above).
    """
    risky = False
    if isinstance(value, str):
        value = without_control_characters(value)
        risky = value.startswith(FORMULA_STARTS)
    if row is not None:
        target = worksheet.cell(row=row, column=column)
    elif risky or styled:
        target = WriteOnlyCell(worksheet)
    else:
        return value
    target.value = value
    if risky:
        target.data_type = "s"
        target.quotePrefix = True
    return target
