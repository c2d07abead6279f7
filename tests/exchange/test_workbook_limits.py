"""A workbook's reader trusts nothing the file says about its own size: a row or cell
number places a value only where it is consistent with what was read, and what a
sheet and a workbook hold is counted as it is read (`WORKBOOK_MAX_ROWS`,
`WORKBOOK_MAX_CELLS`). A small file that names row 10^12 is read or refused at once,
never keeps a worker busy; any sheet XML is read or reported as a problem."""

import io
import signal
import time
import zipfile
from contextlib import contextmanager
from xml.sax.saxutils import escape, quoteattr

from django.test import override_settings
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from exchange.workbook.annotate import annotate_workbook
from exchange.workbook.problems import Problems
from exchange.workbook.reader import read_workbook
from exchange.workbook.sheets import SHEETS
from exchange.workbook.xlsx import TooLarge, open_sheets
from tests.exchange.test_workbook_pages import upload
from tests.exchange.test_workbook_xlsx import both
from tests.exchange.workbooks import BOY, problem_lines, run_import

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml"


class Hang(BaseException):
    """Reading took far longer than it may (not an Exception: nothing catches it)."""


@contextmanager
def time_limit(seconds: float):
    """Stop the test with `Hang` when it runs longer than `seconds`."""

    def stop(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def xml_workbook(sheets: dict[str, str]) -> io.BytesIO:
    """A workbook whose worksheets are the given XML, as it is (no styles, no shared
    strings)."""
    names = [f"sheet{number}.xml" for number in range(1, len(sheets) + 1)]
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/{name}" ContentType="{XLSX}.worksheet+xml"/>'
        for name in names
    )
    relationships = "".join(
        f'<Relationship Id="rId{number}" Type="{DOC}/worksheet" Target="worksheets/{name}"/>'
        for number, name in enumerate(names, start=1)
    )
    entries = "".join(
        f'<sheet name={quoteattr(title)} sheetId="{number}" r:id="rId{number}"/>'
        for number, title in enumerate(sheets, start=1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{XLSX}.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>{entries}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}">{relationships}</Relationships>',
        )
        for name, xml in zip(names, sheets.values(), strict=True):
            archive.writestr(f"xl/worksheets/{name}", xml)
    buffer.seek(0)
    return buffer


def worksheet(rows: str, head: str = "") -> str:
    return f'<worksheet xmlns="{MAIN}">{head}<sheetData>{rows}</sheetData></worksheet>'


def text_cell(value: str, reference: str | None = None) -> str:
    where = f" r={quoteattr(reference)}" if reference is not None else ""
    return f'<c{where} t="inlineStr"><is><t>{escape(value)}</t></is></c>'


CHILD = {
    "iin": BOY,
    "last_name": "Омаров",
    "first_name": "Арман",
    "middle_name": "",
    "birth_date": "2015-06-01",
    "sex": "M",
    "district": "a",
}
HEADER = '<row r="1">' + "".join(text_cell(name) for name in CHILD) + "</row>"


def child_row(number: str | None = None) -> str:
    where = f" r={quoteattr(number)}" if number is not None else ""
    return f"<row{where}>" + "".join(map(text_cell, CHILD.values())) + "</row>"


def read(source) -> tuple[dict, list[str]]:
    problems, notices = Problems(), Problems()
    tables = read_workbook(source, SHEETS, problems, notices)
    return tables, [str(problem) for problem in problems]


ROWS_LIMIT = (
    "Children: The sheet “Children” has more than 1,000,000 rows, the most a sheet may hold "
    "(the empty rows between them count too). Split the workbook by district and import the "
    "parts one after the other."
)


def test_a_row_numbered_1e12_is_read_as_the_next_row():
    """`r="1e12"` is not a row number (the format's are decimal integers): the row
    comes next, as a row without its number, and is read at once."""
    source = xml_workbook({"Children": worksheet(HEADER + child_row("1e12"))})
    started = time.perf_counter()
    with time_limit(20):
        tables, problems = read(source)
    assert time.perf_counter() - started < 2
    assert problems == []
    rows = tables["Children"].rows
    assert [(row.number, row.iin, row.last_name) for row in rows] == [(2, BOY, "Омаров")]
    assert all(row.ok for row in rows)


def test_a_row_numbered_999999999_is_refused_at_once(areas):
    """A sheet that names a row beyond the limit is refused without the rows before
    it being made, with a message naming the sheet and the limit; nothing is written."""
    source = xml_workbook({"Children": worksheet(HEADER + child_row("999999999"))})
    started = time.perf_counter()
    with time_limit(20):
        result = run_import(source)
    assert time.perf_counter() - started < 2
    assert problem_lines(result) == [ROWS_LIMIT]
    assert not result.written


LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)
NOT_A_WORKBOOK = (
    "This file is not an Excel workbook (.xlsx), or it is damaged. Save the list in Excel as "
    "“Excel Workbook (*.xlsx)” and try again."
)


def test_a_sheet_that_declares_entities_is_refused_at_once(areas):
    """A sheet whose XML declares entities (here 10^9 letters from a few hundred
    bytes: "billion laughs") is not a workbook the register reads; nothing is written.
    A document type without entities is read (the rules of defusedxml, which the
    reader's XML parsing kept when it moved to the standard library's C parser)."""
    laughing = worksheet(HEADER + child_row().replace("Арман", "&i;"))
    source = xml_workbook({"Children": LAUGHS + laughing})
    started = time.perf_counter()
    with time_limit(20):
        result = run_import(source)
    assert time.perf_counter() - started < 2
    assert problem_lines(result) == [NOT_A_WORKBOOK]
    assert not result.written
    # Any entity declared, however small: a sheet as Excel writes it declares none.
    small = '<!DOCTYPE worksheet [<!ENTITY n "Арман">]>'
    _tables, problems = read(xml_workbook({"Children": small + worksheet(HEADER + child_row())}))
    assert problems == [NOT_A_WORKBOOK]
    plain = "<!DOCTYPE worksheet>" + worksheet(HEADER + child_row())
    tables, problems = read(xml_workbook({"Children": plain}))
    assert problems == [] and [row.first_name for row in tables["Children"].rows] == ["Арман"]


@override_settings(WORKBOOK_MAX_ROWS=5)
def test_a_sheet_may_reach_the_limit_of_rows_and_no_further():
    at_limit = worksheet(HEADER + child_row("5"))
    tables, problems = read(xml_workbook({"Children": at_limit}))
    assert problems == [] and [row.number for row in tables["Children"].rows] == [5]
    beyond = worksheet(HEADER + child_row("3") + child_row() * 3)
    tables, problems = read(xml_workbook({"Children": beyond}))
    assert tables == {}
    assert problems == [
        "Children: The sheet “Children” has more than 5 rows, the most a sheet may hold (the "
        "empty rows between them count too). Split the workbook by district and import the "
        "parts one after the other."
    ]


@override_settings(WORKBOOK_MAX_CELLS=57)
def test_a_workbook_may_reach_the_limit_of_cells_and_no_further():
    """Cells are counted over the whole workbook, with the empty cells a reference
    skips and an empty row as one; the message names the sheet that goes beyond."""
    # Children: 7 + 7 cells, rows 3 to 9 left out (7), 7 cells; Statuses: its 3 required
    # columns, and 27 cells (AA2).
    children = worksheet(HEADER + child_row("2") + child_row("10"))
    header = "".join(map(text_cell, ["iin", "category", "start_date"]))
    statuses = worksheet(f"<row>{header}</row><row>{text_cell('x', 'AA2')}</row>")
    _tables, problems = read(xml_workbook({"Children": children, "Statuses": statuses}))
    assert problems == [
        "Statuses: The workbook has more than 57 cells, the most a workbook may hold: the sheet "
        "“Statuses” goes beyond them (an empty row counts as one cell). Split the workbook by "
        "district and import the parts one after the other."
    ]
    with override_settings(WORKBOOK_MAX_CELLS=58):
        _tables, problems = read(xml_workbook({"Children": children, "Statuses": statuses}))
    assert "has more than" not in " ".join(problems)


def test_a_column_beyond_xfd_or_malformed_comes_next():
    """References place a cell when they go forward within A:XFD; a reference beyond
    XFD, malformed, going back or repeating one puts the cell next."""
    cells = "".join(
        text_cell(value, reference)
        for value, reference in [
            ("a", "B1"),
            ("b", "XFE1"),
            ("c", "AAAA1"),
            ("d", "b1"),
            ("e", "1A"),
            ("f", "A1"),
            ("g", "C1"),
            ("h", None),
            ("i", "O1"),
        ]
    )
    last = text_cell("j", "XFD2")
    book = open_sheets(xml_workbook({"Sheet": worksheet(f"<row>{cells}</row><row>{last}</row>")}))
    ((_title, part),) = book.sheets
    first, second = book.rows(part)
    assert first == (
        None,
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "g",
        "h",
        None,
        None,
        None,
        None,
        None,
        "i",
    )
    assert len(second) == 16_384 and second[-1] == "j"
    assert book.cells == len(first) + len(second)


def test_rows_out_of_order_come_next():
    rows = "".join(
        f'<row r="{number}">{text_cell(value)}</row>'
        for number, value in [("3", "a"), ("2", "b"), ("3", "c"), ("-4", "d"), ("0", "e")]
    )
    rows += f'<row r="9">{text_cell("f")}</row><row>{text_cell("g")}</row>'
    book = open_sheets(xml_workbook({"Sheet": worksheet(rows)}))
    ((_title, part),) = book.sheets
    assert list(book.rows(part)) == [
        (),
        (),
        ("a",),
        ("b",),
        ("c",),
        ("d",),
        ("e",),
        (),
        ("f",),
        ("g",),
    ]


def test_a_sheet_beyond_the_limit_is_checked_and_annotated_at_once(areas, as_user, admin_user):
    """Through the pages: the check names the sheet and the limit, and the annotated
    copy (read with the same limits) is made at once, the message on the sheet's
    first cell."""
    client = as_user(admin_user)
    rows = HEADER + child_row("2") + child_row("999999999")
    source = xml_workbook({"Children": worksheet(rows), "Notes": worksheet(child_row("1e12"))})
    with time_limit(30):
        started = time.perf_counter()
        upload(client, content=source.getvalue())
        page = client.get("/workbook/import/check/").content.decode()
        response = client.get("/workbook/import/annotated/")
        copy = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert time.perf_counter() - started < 5
    assert "The sheet “Children” has more than 1,000,000 rows" in page
    assert "/workbook/import/annotated/" in page
    children = copy["Children"]
    assert children["A1"].comment.text.startswith("The sheet “Children” has more than 1,000,000")
    assert children.max_row == 2 and children["A2"].value == BOY
    assert copy["Notes"]["A1"].value == BOY


@override_settings(WORKBOOK_MAX_CELLS=100)
def test_the_annotated_copy_is_bounded_like_the_check(tmp_path):
    """Every sheet is copied, the ones the import ignores too, within the workbook's
    limit of cells; rows left empty at the end of a sheet are not written."""
    sheet = worksheet(f'<row>{text_cell("a")}</row><row r="90">{text_cell("b")}</row><row r="99"/>')
    source = xml_workbook({"One": sheet, "Two": sheet, "Three": sheet})
    target = tmp_path / "copy.xlsx"
    assert annotate_workbook(source, target, problems=[])
    copy = load_workbook(target)
    assert [(ws.title, ws.max_row, ws["A1"].value) for ws in copy.worksheets] == [
        ("One", 90, "a"),
        ("Two", 1, "a"),  # its row 90 goes beyond the 100 cells
        ("Three", 1, None),
    ]
    assert copy["One"]["A90"].value == "b"


# --- Any sheet XML (hypothesis) ---------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=6)
ROW_NUMBERS = st.one_of(
    st.none(),
    st.integers(0, 40).map(str),
    st.sampled_from(["199", "200", "201", "1000001", "999999999", "4294967296", "9" * 40]),
    st.sampled_from(["1e12", "1E3", "-1", "", "abc", " 3", "3 ", "٣", "1.5", "+4", "0x10", "1_0"]),
    TEXT,
)
COLUMNS = st.sampled_from(["A", "B", "C", "Z", "AA", "XFD", "XFE", "ZZZ", "AAAA", "a", "", "$A"])
CELL_REFERENCES = st.one_of(
    st.none(),
    st.builds(
        str.__add__, COLUMNS, st.sampled_from(["", "1", "7", "0", "-3", "1e12", "999999999"])
    ),
    TEXT,
)
VALUES = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["0", "1", "-7", "1E3", "1e400", "-1e400", "nan", "inf", "0.5", "2e-5"]),
    st.sampled_from(["9" * 30, "9" * 5000, "abc", "", "2014-02-03T00:00:00", "TRUE", "#N/A"]),
    TEXT,
)


def attribute(name: str, value: str | None) -> str:
    return f" {name}={quoteattr(value)}" if value is not None else ""


junk = st.recursive(
    st.sampled_from(["<x/>", '<junk a="1"/>', "<v>1</v>", "<c><v>2</v></c>", "<row/>", "text"]),
    lambda inner: st.builds(
        lambda tag, children: f"<{tag}>{''.join(children)}</{tag}>",
        st.sampled_from(["j", "row", "c", "is", "sheetData"]),
        st.lists(inner, max_size=3),
    ),
    max_leaves=8,
)


@st.composite
def cells(draw) -> str:
    kind = draw(
        st.one_of(
            st.sampled_from([None, "n", "inlineStr", "str"]),
            st.sampled_from(["s", "b", "e", "d", "zz", "n"]),  # a value of the wrong kind
        )
    )
    head = "".join(
        [
            attribute("r", draw(CELL_REFERENCES)),
            attribute("t", kind),
            attribute("s", draw(st.sampled_from([None, "0", "1", "99", "-1", "x"]))),
        ]
    )
    value = escape(draw(VALUES))
    body = draw(
        st.sampled_from(
            ["", f"<v>{value}</v>", f"<is><t>{value}</t></is>", f"<f>1+1</f><v>{value}</v>"]
        )
    )
    body += "".join(draw(st.lists(junk, max_size=1)))
    return f"<c{head}>{body}</c>"


@st.composite
def rows(draw) -> str:
    head = attribute("r", draw(ROW_NUMBERS)) + attribute("spans", draw(st.one_of(st.none(), TEXT)))
    parts = draw(st.lists(st.one_of(cells(), junk), max_size=6))
    return f"<row{head}>{''.join(parts)}</row>"


@st.composite
def sheet_xml(draw) -> str:
    dimension = draw(st.one_of(st.none(), TEXT, st.just("A1:XFD1048576")))
    head = f"<dimension{attribute('ref', dimension)}/>" if dimension is not None else ""
    body = "".join(draw(st.lists(st.one_of(rows(), rows(), junk), max_size=12)))
    if draw(st.booleans()):  # the columns of the sheet first: its rows are read
        body = HEADER + body
    xml = worksheet(body, head)
    if draw(st.integers(0, 9)) == 0:  # now and then a damaged part
        xml = xml[: draw(st.integers(0, len(xml)))]
    return xml


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAX_ROWS, MAX_CELLS = 200, 5000


@FUZZ
@given(sheet=sheet_xml())
def test_any_sheet_is_read_or_reported_within_a_time_its_size_bounds(sheet):
    """Whatever a sheet's XML says (row and cell numbers missing, huge, negative, not
    numbers, out of order; `spans` and `dimension` of any kind; elements nested
    anywhere; a damaged part), reading it ends within a time bounded by the size of
    the file, with the rows it holds or a problem, and never yields more than the
    limits allow."""
    source = xml_workbook({"Children": sheet, "Statuses": sheet})
    bound = 1.0 + 50e-6 * len(sheet)  # seconds: generous, from the input's size
    started = time.perf_counter()
    limits = override_settings(WORKBOOK_MAX_ROWS=MAX_ROWS, WORKBOOK_MAX_CELLS=MAX_CELLS)
    with limits, time_limit(60):
        tables, problems = read(source)
        book = open_sheets(source)
        read_rows, outcome = [], "read"
        try:
            for _title, part in book.sheets:
                read_rows.extend(book.rows(part))
        except TooLarge:
            outcome = "too large"
        except Exception:  # a damaged part: the import reports the file as such
            outcome = "damaged"
    event(outcome)
    event(f"rows read by the import: {'some' if tables else 'none'}")
    assert time.perf_counter() - started < bound
    assert tables or problems
    assert all(isinstance(problem, str) and problem for problem in problems)
    if outcome == "damaged":
        assert tables == {}
    assert sum(len(values) or 1 for values in read_rows) <= MAX_CELLS
    for table in tables.values():
        numbers = [row.number for row in table.rows]
        assert numbers == sorted(set(numbers)) and all(2 <= n <= MAX_ROWS for n in numbers)


@FUZZ
@given(
    layout=st.lists(
        st.tuples(
            st.integers(0, 4),  # rows left out before this one
            st.lists(
                st.tuples(
                    st.integers(0, 3),  # cells left out before this one
                    st.one_of(
                        st.integers(-(10**9), 10**9),
                        st.text(st.characters(categories=("L", "Nd")), min_size=1, max_size=5),
                    ),
                    st.booleans(),  # the cell states its reference
                ),
                max_size=5,
            ),
            st.booleans(),  # the row states its number
        ),
        max_size=10,
    )
)
def test_consistent_numbers_place_rows_and_cells_as_excel_shows_them(layout):
    """Where the numbers are consistent (rows and columns going forward), rows and
    cells are where openpyxl, and Excel, put them."""
    parts, number = [], 0
    for skipped_rows, row_cells, stated in layout:
        number += 1 + (skipped_rows if stated else 0)
        cells_xml, column = [], 0
        for skipped, value, referenced in row_cells:
            column += 1 + (skipped if referenced else 0)
            reference = f"{get_column_letter(column)}{number}" if referenced else None
            if isinstance(value, int):
                cells_xml.append(f"<c{attribute('r', reference)}><v>{value}</v></c>")
            else:
                cells_xml.append(text_cell(value, reference))
        parts.append(
            f"<row{attribute('r', str(number) if stated else None)}>{''.join(cells_xml)}</row>"
        )
    expected, found = both(xml_workbook({"Sheet": worksheet("".join(parts))}))
    assert found == expected
