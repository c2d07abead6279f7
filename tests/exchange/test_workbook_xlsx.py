"""The streaming reader gives each cell the value openpyxl's read-only mode gives:
for workbooks written by openpyxl (inline strings) and for a workbook as Excel
writes it (shared strings, rich text, styles with date formats, formulas with their
results, booleans, errors, rows and cells it leaves out, the 1904 date system)."""

import datetime
import io
import random
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from exchange.workbook.xlsx import open_sheets
from tests.exchange.test_workbook_robustness import POOL
from tests.exchange.workbooks import full_sheets, make_workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{RELS}">
<Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{RELS}">
<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{DOC}/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="{DOC}/styles" Target="styles.xml"/>
<Relationship Id="rId4" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def workbook_xml(date1904: bool) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{DOC}">
<workbookPr{' date1904="1"' if date1904 else ""}/>
<sheets><sheet name="Children" sheetId="1" r:id="rId1"/><sheet name="Лист2" sheetId="2" r:id="rId2"/></sheets>
</workbook>"""


# Styles: 0 general, 1 a built-in date (14), 2 a custom date, 3 a duration, 4 a number.
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
<numFmt numFmtId="165" formatCode="[h]:mm:ss"/></numFmts>
<fonts count="1"><font/></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>
<xf numFmtId="165"/><xf numFmtId="4"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

SHARED = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{MAIN}" count="4" uniqueCount="4">
<si><t>iin</t></si>
<si><t xml:space="preserve"> Омаров </t></si>
<si><r><rPr><b/></rPr><t>Ар</t></r><r><t>ман</t></r><rPh sb="0" eb="1"><t>ア</t></rPh></si>
<si><t>x005F_x000D_</t></si>
</sst>"""

SHEET1 = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}"><dimension ref="A1:H6"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>birth_date</t></is></c></row>
<row r="2"><c r="A2"><v>150601500012</v></c><c r="B2" t="s"><v>1</v></c>
<c r="C2" s="1"><v>42156</v></c><c r="D2" s="2"><v>42156.5</v></c><c r="E2" s="3"><v>1.25</v></c>
<c r="F2" s="4"><v>12500.5</v></c><c r="G2" t="b"><v>1</v></c><c r="H2" t="s"><v>2</v></c></row>
<row r="5"><c r="B5" t="str"><f>A2&amp;""</f><v>150601500012</v></c>
<c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D5"><f>1+1</f><v>2</v></c>
<c r="E5" t="inlineStr"><is><r><t>Жа</t></r><r><t>ңа</t></r></is></c>
<c r="F5" s="1"><v>0.5</v></c><c r="G5" t="d"><v>2014-02-03T00:00:00</v></c></row>
<row r="6"/>
</sheetData></worksheet>"""

# No dimension, rows and cells without their reference, a cell left empty.
SHEET2 = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}"><sheetData>
<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1E3</v></c><c/><c t="s"><v>3</v></c></row>
<row><c><v>-7</v></c></row>
</sheetData></worksheet>"""


def excel_workbook(date1904: bool = False, sheets=(SHEET1, SHEET2)) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook_xml(date1904))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        archive.writestr("xl/sharedStrings.xml", SHARED)
        archive.writestr("xl/worksheets/sheet1.xml", sheets[0])
        archive.writestr("xl/worksheets/sheet2.xml", sheets[1])
    buffer.seek(0)
    return buffer


def both(source) -> tuple[dict, dict]:
    """{title: rows} by openpyxl's read-only mode and by the streaming reader."""
    source.seek(0)
    workbook = load_workbook(source, read_only=True, data_only=True)
    expected = {}
    for worksheet in workbook.worksheets:
        worksheet.reset_dimensions()
        expected[worksheet.title] = [tuple(row) for row in worksheet.iter_rows(values_only=True)]
    workbook.close()
    source.seek(0)
    book = open_sheets(source)
    found = {title: list(book.rows(part)) for title, part in book.sheets}
    book.close()
    return expected, found


@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
def test_a_workbook_as_excel_writes_it(date1904):
    expected, found = both(excel_workbook(date1904))
    assert found == expected
    children = found["Children"]
    assert children[1][:8] == (
        150601500012,
        " Омаров ",
        datetime.datetime(2019 if date1904 else 2015, 6, 2 if date1904 else 1),
        datetime.datetime(2019 if date1904 else 2015, 6, 2 if date1904 else 1, 12, 0),
        datetime.timedelta(hours=30),
        12500.5,
        True,
        "Арман",
    )
    assert children[2] == children[3] == ()  # rows 3 and 4 are not in the sheet
    assert children[4][1:] == (
        "150601500012",
        "#DIV/0!",
        2,
        "Жаңа",
        datetime.time(12, 0),
        datetime.datetime(2014, 2, 3),
    )
    assert found["Лист2"] == [("a", 1000.0, None, "x000D_"), (-7,)]


def prefixed(sheet: str) -> str:
    """The sheet's XML with its elements named by a prefix, not the default namespace."""
    sheet = sheet.replace(f'xmlns="{MAIN}"', f'xmlns:x="{MAIN}"')
    return re.sub(r"<(/?)(?!\?)", r"<\1x:", sheet)


def test_elements_named_with_a_prefix_are_the_same_elements():
    expected, found = both(excel_workbook(sheets=(prefixed(SHEET1), prefixed(SHEET2))))
    assert found == expected == both(excel_workbook())[1]


def test_text_within_and_after_other_elements():
    """A value's or a text's own text is what comes before its first child; a run's
    text counts, the phonetic hints' not at all; only a cell's first value and first
    inline string count."""
    sheet = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{MAIN}"><sheetData><row>
<c><v>1<x>9</x>2</v><v>3</v></c>
<c t="inlineStr"><is><t>a<x>z</x>b</t><r><rPr><b/></rPr><t>c</t></r><rPh sb="0" eb="1"><t>ア</t></rPh></is><is><t>d</t></is></c>
<c t="inlineStr"/>
<c t="str"><f>A1</f><v> </v></c>
</row></sheetData></worksheet>"""
    expected, found = both(excel_workbook(sheets=(sheet, SHEET2)))
    assert found == expected
    assert found["Children"] == [(1, "ac", None, " ")]


def test_workbooks_written_by_openpyxl():
    expected, found = both(make_workbook(full_sheets()))
    assert found == expected and len(found["Visits"]) == 4


@pytest.mark.parametrize("seed", range(5))
def test_random_cells(seed):
    generator = random.Random(seed)
    workbook = Workbook()
    worksheet = workbook.active
    for _row in range(40):
        if generator.random() < 0.1:
            worksheet.append([])
            continue
        worksheet.append([generator.choice(POOL) for _column in range(generator.randint(1, 9))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    expected, found = both(buffer)
    assert found == expected
