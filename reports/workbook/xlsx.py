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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

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


def column_of(reference: str) -> int:
    """The column number of a cell reference such as "AB12"."""
    letters = reference.rstrip("0123456789")
    return column_index_from_string(letters)


@dataclass
class Sheets:
    """An open workbook: its worksheets as (title, part) and what reading needs."""

    reader: ExcelReader
    sheets: list[tuple[str, str]] = field(default_factory=list)

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

        expected = 1
        with self.reader.archive.open(part) as source:
            for _event, element in iterparse(source, events=("end",)):
                if element.tag != ROW:
                    continue
                number_ = element.get("r")
                number_ = int(float(number_)) if number_ else expected
                while expected < number_:  # rows the sheet leaves out
                    expected += 1
                    yield ()
                values: list = []
                for cell in element:
                    if cell.tag != CELL:
                        continue
                    reference = cell.get("r")
                    position = column_of(reference) - 1 if reference else len(values)
                    if position > len(values):
                        values.extend([None] * (position - len(values)))
                    value = cell_value(cell)
                    if position < len(values):
                        values[position] = value
                    else:
                        values.append(value)
                expected = number_ + 1
                # A row read is emptied; the empty element (some 70 bytes) stays in
                # its sheet's tree until the sheet is read. Only "end" events: asking
                # also for "start" (to find the parent and drop the row) doubles the
                # events and costs a sixth of the reading.
                element.clear()
                yield tuple(values)


def open_sheets(source) -> Sheets:
    """The workbook at `source` (a path or a binary file). Raises an exception of
    some kind when it is not a workbook (the caller reports it as such)."""
    reader = ExcelReader(source, read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = Sheets(reader)
        for sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                sheets.sheets.append((sheet.name, rel.target))
    except Exception:
        reader.archive.close()
        raise
    return sheets
