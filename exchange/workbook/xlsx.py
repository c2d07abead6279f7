"""The cell values of an .xlsx workbook, sheet by sheet, read as a stream.

openpyxl's read-only mode reads each sheet twice when the sheet does not state its
size (workbooks written in openpyxl's write-only mode, the register's own exports
among them, do not) and builds an object per cell, which made reading a third of an
import's time. Here openpyxl reads the workbook's structure (the sheets, shared
strings, styles and date system); each sheet's XML is then read once, row by row,
into plain tuples of the values openpyxl's read-only mode with `data_only` gives:
text, int, float, bool, datetime (by openpyxl's rules for date formats), None; a
formula by its last computed value. Missing rows come as empty tuples, so that
positions are the row numbers Excel shows.

Nothing the file states about its own size is trusted: the `dimension` and `spans`
are not read, and a row's or cell's reference places it only where it is consistent
with what was read (a row number, decimal, beyond the previous row; a column from A
to XFD, beyond the previous cell); otherwise the row or cell comes next, as one
without a reference. What a sheet yields is counted as it is read: a sheet may reach
`max_rows` rows (the rows it leaves out count), a workbook `max_cells` cells (an
empty row counts as one, and so do the empty cells a reference skips), so that a
small file that names row 999,999,999 or column XFD of every row is refused
(`TooLarge`) instead of keeping the reader busy for days.

Each sheet's XML is parsed by the standard library's C parser (`xml.etree`'s pull
parser), not by the pure-Python parser defusedxml puts in its place (openpyxl takes
that one when defusedxml is installed; it took two thirds of the reading).
What defusedxml guards against is refused first (`refuse_entities`): a part that
declares an entity or refers to an external one is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import XMLPullParser
from xml.parsers import expat

from django.conf import settings
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS

ROW = f"{{{SHEET_MAIN_NS}}}row"
CELL = f"{{{SHEET_MAIN_NS}}}c"
VALUE = f"{{{SHEET_MAIN_NS}}}v"
INLINE = f"{{{SHEET_MAIN_NS}}}is"
TEXT = f"{{{SHEET_MAIN_NS}}}t"
RUN = f"{{{SHEET_MAIN_NS}}}r"


def number(text: str):
    """A number cell's value as openpyxl gives it: int, or float."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def inline_text(element) -> str | None:
    """An inline string (`<is>`), its rich-text runs joined, phonetic hints left out."""
    if element is None:
        return None
    parts = []
    for child in element:
        if child.tag == TEXT:
            parts.append(child.text or "")
        elif child.tag == RUN:
            parts.extend(text.text or "" for text in child.iter(TEXT))
    return "".join(parts)


class EntitiesForbidden(ValueError):
    """A part of the workbook declares an entity, or refers to an external one."""


class _PrologRead(Exception):
    """The root element starts: no declaration can follow."""


def _forbidden(*args):
    raise EntitiesForbidden(args[0] if args else "")


def _root(name, attributes):
    raise _PrologRead


CHUNK = 64 * 1024  # bytes of a sheet's XML parsed at a time


def refuse_entities(source) -> None:
    """Raise `EntitiesForbidden` when the XML of the binary file `source` declares an
    entity or refers to an external one in its prolog, where such declarations can
    only be (defusedxml's rules: they make the "billion laughs" and the quadratic
    blow-up). Reads the prolog only: it stops where the root element starts."""
    parser = expat.ParserCreate()
    parser.EntityDeclHandler = _forbidden
    parser.UnparsedEntityDeclHandler = _forbidden
    parser.ExternalEntityRefHandler = _forbidden
    parser.StartElementHandler = _root
    try:
        while chunk := source.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _PrologRead:
        return


# A sheet's columns, as Excel has them: A to XFD (16,384). Column letters -> position.
COLUMNS = {get_column_letter(number): number - 1 for number in range(1, 16_385)}
DIGITS = "0123456789"


class TooLarge(Exception):
    """A sheet beyond the rows a sheet may hold (`kind` "rows"), or a workbook beyond
    the cells a workbook may hold ("cells")."""

    def __init__(self, kind: str, limit: int):
        super().__init__(f"more than {limit} {kind}")
        self.kind = kind
        self.limit = limit


@dataclass
class Sheets:
    """An open workbook: its worksheets as (title, part), what reading needs, and the
    cells read so far against the workbook's limit."""

    reader: ExcelReader
    max_rows: int
    max_cells: int
    sheets: list[tuple[str, str]] = field(default_factory=list)
    cells: int = 0

    @property
    def strings(self) -> list:
        return self.reader.shared_strings

    def close(self) -> None:
        self.reader.archive.close()

    def rows(self, part: str) -> Iterator[tuple]:
        """The values of each row of the worksheet `part`, from row 1."""
        workbook = self.reader.wb
        dates, durations = workbook._date_formats, workbook._timedelta_formats
        epoch, strings = workbook.epoch, self.strings
        days: dict[tuple, object] = {}  # serial -> date: many cells name the same day

        def cell_value(cell):
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                return inline_text(cell.find(INLINE))
            text = cell.findtext(VALUE) or None
            if text is None:
                return None
            if kind == "n":
                value = number(text)
                style = int(cell.get("s", 0))
                if style in dates:
                    key = (value, style in durations)
                    if key not in days:
                        try:
                            days[key] = from_excel(value, epoch, timedelta=key[1])
                        except (OverflowError, ValueError):
                            days[key] = "#VALUE!"  # as openpyxl: an error cell
                    return days[key]
                return value
            if kind == "s":
                return strings[int(text)]
            if kind == "b":
                return bool(int(text))
            if kind == "d":
                return from_ISO8601(text)
            return text  # "str" (a formula's text), "e" (an error such as #N/A)

        max_rows, max_cells = self.max_rows, self.max_cells
        last = 0  # the number of the last row yielded
        with self.reader.archive.open(part) as source:
            refuse_entities(source)
        with self.reader.archive.open(part) as source:
            # The entities defusedxml refuses are refused above (`refuse_entities`).
            # The parser's events are read as each chunk is parsed (one generator,
            # where iterparse stacks two on each of the sheet's elements).
            parser = XMLPullParser(events=("end",))
            while True:
                chunk = source.read(CHUNK)
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
                for _event, element in parser.read_events():
                    if element.tag != ROW:
                        continue
                    row_number = last + 1
                    stated = element.get("r")
                    if stated is not None and stated.isdigit() and stated.isascii():
                        # Sixteen digits or more: beyond any limit a sheet can have.
                        stated = int(stated) if len(stated) < 16 else max_rows + 1
                        if stated > row_number:
                            row_number = stated
                    if row_number > max_rows:
                        raise TooLarge("rows", max_rows)
                    values: list = []
                    for cell in element:
                        if cell.tag != CELL:
                            continue
                        reference = cell.get("r")
                        if reference is not None:
                            position = COLUMNS.get(reference.rstrip(DIGITS), -1)
                            if position > len(values):  # the empty cells it skips
                                values.extend([None] * (position - len(values)))
                        values.append(cell_value(cell))
                    # The rows left out before this one, and this one: one cell each at
                    # least.
                    self.cells += row_number - last - 1 + (len(values) or 1)
                    if self.cells > max_cells:
                        raise TooLarge("cells", max_cells)
                    # A row read is emptied; the empty element (some 70 bytes) stays in
                    # its sheet's tree until the sheet is read. Only "end" events: asking
                    # also for "start" (to find the parent and drop the row) doubles the
                    # events and costs a sixth of the reading.
                    element.clear()
                    for _gap in range(row_number - last - 1):  # rows the sheet leaves out
                        yield ()
                    last = row_number
                    yield tuple(values)
                if not chunk:
                    break


def open_sheets(source, *, max_rows: int | None = None, max_cells: int | None = None) -> Sheets:
    """The workbook at `source` (a path or a binary file), to be read within
    `max_rows` rows a sheet and `max_cells` cells in all (by default the settings
    `WORKBOOK_MAX_ROWS` and `WORKBOOK_MAX_CELLS`). Raises an exception of some kind
    when it is not a workbook (the caller reports it as such)."""
    reader = ExcelReader(source, read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = Sheets(
            reader,
            max_rows=settings.WORKBOOK_MAX_ROWS if max_rows is None else max_rows,
            max_cells=settings.WORKBOOK_MAX_CELLS if max_cells is None else max_cells,
        )
        for sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                sheets.sheets.append((sheet.name, rel.target))
    except Exception:
        reader.archive.close()
        raise
    return sheets
