"""Reading a list's page and its Excel download side by side: the headers and the
rows of the page's table, and those of the workbook, compared cell by cell as the
user sees them."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from openpyxl import load_workbook

from registry.cells import XLSX

SPACES = re.compile(r"\s+")
LINE = "\x00"  # between a cell's lines on the page; "; " in the workbook


class _Tables(HTMLParser):
    """Each <table>: its header cells and its body rows (cells' text)."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.part = None
        self.text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"id": dict(attrs).get("id"), "headers": [], "rows": []})
        elif tag in ("thead", "tbody", "tfoot"):
            self.part = tag
        elif tag == "tr" and self.part == "tbody":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td") and self.part in ("thead", "tbody"):
            self.text = []
        elif tag in ("div", "br") and self.text is not None:
            self.text.append(LINE)  # a cell's lines

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.text is not None:
            lines = "".join(self.text).split(LINE)
            value = "; ".join(
                line for line in (SPACES.sub(" ", text).strip() for text in lines) if line
            )
            table = self.tables[-1]
            if self.part == "thead":
                table["headers"].append(value)
            else:
                table["rows"][-1].append(value)
            self.text = None
        elif tag in ("thead", "tbody", "tfoot"):
            self.part = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def page_table(response, table_id: str | None = None) -> dict:
    """The page's first table (or the one with `table_id`): headers and rows."""
    parser = _Tables()
    parser.feed(response.content.decode())
    return next(t for t in parser.tables if table_id is None or t["id"] == table_id)


def workbook_rows(response) -> list[list]:
    """The rows of a downloaded list (the header row first)."""
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    content = b"".join(response.streaming_content)
    worksheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in worksheet.iter_rows(values_only=True)]


def workbook_cells(response):
    """The first sheet of a downloaded list, its cells with their types."""
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content)).worksheets[0]


def _same(shown: str, value) -> bool:
    if isinstance(value, datetime.datetime | datetime.date):
        return shown == f"{value:%d.%m.%Y}"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            return Decimal(shown.replace(",", "").replace("\xa0", "")) == Decimal(str(value))
        except InvalidOperation:
            return False
    return shown == ("" if value is None else SPACES.sub(" ", str(value)).strip())


def assert_download_is_the_page(client, url, params=None, table_id=None) -> list[list]:
    """The download of `url` under `params` has the page's headers and exactly the
    page's rows (the page must hold every row: fewer than a page of them)."""
    page = page_table(client.get(url, params or {}), table_id)
    rows = workbook_rows(client.get(url, {**(params or {}), "format": "xlsx"}))
    assert rows[0] == page["headers"]
    assert len(rows) - 1 == len(page["rows"]), (rows, page["rows"])
    for shown, written in zip(page["rows"], rows[1:], strict=True):
        assert len(shown) == len(written)
        mismatched = [(s, w) for s, w in zip(shown, written, strict=True) if not _same(s, w)]
        assert not mismatched, mismatched
    return rows
