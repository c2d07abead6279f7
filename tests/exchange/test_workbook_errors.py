"""Every kind of bad input: the exact message, where it is, and nothing written."""

import datetime
import io

import pytest
from django.utils import timezone

from children.iin import make_iin
from registry.models import AuditEntry
from tests.exchange.workbooks import (
    BOY,
    base_sheets,
    make_workbook,
    problem_lines,
    run_import,
    table_counts,
)

NOT_A_WORKBOOK = (
    "This file is not an Excel workbook (.xlsx), or it is damaged. Save the list in Excel as "
    "“Excel Workbook (*.xlsx)” and try again."
)


def replace(rows, old, new):
    return [[new if value == old else value for value in row] for row in rows]


def with_key(sheets, old, new):
    return {name: replace(rows, old, new) for name, rows in sheets.items()}


def edit(sheet, row, column, value):
    """A change to the base workbook: `row` as Excel numbers it, `column` by name."""

    def change(sheets):
        header = sheets[sheet][0]
        if column not in header:
            header.append(column)
            for other in sheets[sheet][1:]:
                other.append(None)
        sheets[sheet][row - 1][header.index(column)] = value
        return sheets

    return change


def add_row(sheet, row):
    def change(sheets):
        sheets[sheet].append(row)
        return sheets

    return change


def drop_column(sheet, column):
    def change(sheets):
        index = sheets[sheet][0].index(column)
        sheets[sheet] = [row[:index] + row[index + 1 :] for row in sheets[sheet]]
        return sheets

    return change


BAD_IIN = BOY[:-1] + str((int(BOY[-1]) + 1) % 10)
SOON = timezone.localdate() + datetime.timedelta(days=30)

CASES = {
    "IIN check digit": (
        lambda sheets: with_key(sheets, BOY, BAD_IIN),
        ["Children, 2, iin: The IIN's check digit does not match: look for a mistyped digit."],
    ),
    "IIN and birth date": (
        edit("Children", 2, "birth_date", datetime.date(2015, 6, 2)),
        [
            "Children, 2, iin: The IIN gives the birth date 01.06.2015, but the birth date "
            "entered is 02.06.2015."
        ],
    ),
    "IIN and sex": (
        edit("Children", 2, "sex", "F"),
        ["Children, 2, iin: The 7th digit of the IIN says the person is male."],
    ),
    "overlapping placements": (
        edit("Placements", 2, "end_date", datetime.date(2021, 6, 1)),
        [
            "Placements, 2, start_date: This placement overlaps the placement from 01.01.2021 "
            "(guardianship): a child is in one form of care at a time.",
            "Placements, 3, start_date: This placement overlaps the placement from 01.02.2020 "
            "(institution): a child is in one form of care at a time.",
        ],
    ),
    "overlapping statuses": (
        add_row("Statuses", [BOY, "orphan", "parents_died", "2021-01-01", None, None]),
        [
            "Statuses, 2, start_date: This status overlaps the status from 01.01.2021: a child "
            "has one status at a time. End that one first.",
            "Statuses, 4, start_date: This status overlaps the status from 10.01.2020: a child "
            "has one status at a time. End that one first.",
        ],
    ),
    "dates in the wrong order": (
        edit("Placements", 2, "end_date", datetime.date(2020, 1, 15)),
        ["Placements, 2, end_date: The end date 15.01.2020 is before the start date 01.02.2020."],
    ),
    "a date in the future": (
        edit("Statuses", 2, "start_date", SOON),
        [f"Statuses, 2, start_date: The date {SOON:%d.%m.%Y} is in the future."],
    ),
    "a status before birth": (
        edit("Statuses", 2, "start_date", datetime.date(2015, 5, 1)),
        ["Statuses, 2, start_date: A status cannot start before the child was born (01.06.2015)."],
    ),
    "guardianship at 14": (
        edit("Placements", 4, "form", "guardianship"),
        [
            "Placements, 4, form: Guardianship is for a child under 14; on 01.06.2023 the child "
            "is 14. Choose trusteeship."
        ],
    ),
    "trusteeship under 14": (
        edit("Placements", 3, "form", "попечительство"),
        [
            "Placements, 3, form: Trusteeship is for a child from 14 to 18; on 01.01.2021 the "
            "child is 5. Choose guardianship."
        ],
    ),
    "unknown code": (
        edit("Statuses", 3, "category", "сиротка"),
        [
            "Statuses, 3, category: “сиротка” is not one of the codes of this column: orphan, "
            "without_care."
        ],
    ),
    "unknown sex": (
        edit("Children", 3, "sex", "X"),
        ["Children, 3, sex: “X” is not one of the codes of this column: M, F."],
    ),
    "unknown district": (
        edit("Children", 3, "district", "zz"),
        ["Children, 3, district: Unknown district “zz”."],
    ),
    "unknown district of a transfer": (
        edit("Transfers", 2, "to_district", "zz"),
        ["Transfers, 2, to_district: Unknown district “zz”."],
    ),
    "unknown institution": (
        edit("Placements", 2, "institution", "NOPE"),
        ["Placements, 2, institution: Unknown institution “NOPE”."],
    ),
    "unknown region": (
        add_row("Districts", ["d", "Район Д", "r9"]),
        ["Districts, 4, region: Unknown region “r9”."],
    ),
    "a transfer from a district that does not keep the case": (
        edit("Transfers", 2, "from_district", "b"),
        [
            "Transfers, 2, from_district: On 01.09.2024 the case was kept by a: a transfer "
            "hands it over from there.",
            "Transfers, 2, to_district: The case is already in this district.",
        ],
    ),
    "a child twice": (
        add_row("Children", [BOY, "Омаров", "Арман", "", datetime.date(2015, 6, 1), "M", "a"]),
        [f"Children, 4, iin: The IIN “{BOY}” is already on row 2."],
    ),
    "a status twice": (
        add_row("Statuses", [BOY, "orphan", None, datetime.date(2020, 1, 10), None, None]),
        ["Statuses, 4, start_date: This row repeats row 2: the same child and date."],
    ),
    "an institution twice": (
        add_row("Institutions", ["CH-A", "Детский дом А", "a", "children_home", "education", 5]),
        ["Institutions, 3, code: The code “CH-A” is already on row 2."],
    ),
    "a record of an unknown child": (
        add_row(
            "Statuses", [make_iin(datetime.date(2012, 1, 1), "M", 77), "orphan", None, "2020-01-01"]
        ),
        [
            "Statuses, 4, iin: No child with this IIN on the Children sheet or among the children of your area."
        ],
    ),
    "a missing required column": (
        drop_column("Children", "birth_date"),
        ["Children, 1, birth_date: The required column “birth_date” is missing."],
    ),
    "an empty required cell": (
        edit("Children", 3, "last_name", None),
        ["Children, 3, last_name: This field is required."],
    ),
    "a column twice": (
        lambda sheets: {**sheets, "Transfers": [[*row, row[0]] for row in sheets["Transfers"]]},
        ["Transfers, 1, iin: The column “iin” appears twice."],
    ),
    "an impossible date": (
        edit("Statuses", 2, "start_date", "31.02.2014"),
        ["Statuses, 2, start_date: The date 31.02.2014 does not exist."],
    ),
    "text that is not a date": (
        edit("Placements", 3, "start_date", "first of January"),
        [
            "Placements, 3, start_date: “first of January” is not a date: write it as "
            "DD.MM.YYYY or YYYY-MM-DD, or use a date cell."
        ],
    ),
    "text where a number belongs": (
        edit("Institutions", 2, "capacity", "много"),
        ["Institutions, 2, capacity: “много” is not a whole number."],
    ),
    "a capacity of nothing": (
        edit("Institutions", 2, "capacity", 0),
        ["Institutions, 2, capacity: The capacity is a positive number of places."],
    ),
    "no sheet of the register": (
        lambda sheets: {"Лист1": [["ФИО", "ИИН"], ["Омаров Арман", BOY]]},
        [
            "The workbook has none of the register's sheets (Regions, Districts, "
            "Institutions, Children, Statuses, Placements, Transfers, HousingRights, "
            "HousingQueue, HousingProvided, Benefits, AlimonyOrders, AlimonyPayments, "
            "Visits, LifePlans)."
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_reported_and_nothing_is_written(areas, case):
    change, expected = CASES[case]
    before = table_counts()
    result = run_import(change(base_sheets()))
    assert problem_lines(result) == expected
    assert not result.written
    assert table_counts() == before


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"iin;last_name\n150601500012;Omarov\n",
        bytes(range(256)) * 40,
        b"PK\x03\x04 a zip that is broken",
    ],
    ids=["empty", "csv", "random bytes", "broken zip"],
)
def test_a_file_that_is_not_a_workbook(areas, content):
    before = table_counts()
    result = run_import(io.BytesIO(content))
    assert problem_lines(result) == [NOT_A_WORKBOOK]
    assert table_counts() == before


def test_a_zip_that_is_not_a_workbook(areas):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert problem_lines(run_import(buffer)) == [NOT_A_WORKBOOK]


def test_every_problem_is_reported_at_once(areas):
    sheets = base_sheets()
    sheets = edit("Statuses", 3, "category", "сиротка")(sheets)
    sheets = edit("Placements", 2, "institution", "NOPE")(sheets)
    sheets = edit("Institutions", 2, "capacity", "много")(sheets)
    result = run_import(sheets)
    assert len(result.problems) == 3
    assert AuditEntry.objects.filter(content_type__model="child").count() == 0


def test_unknown_columns_and_sheets_are_reported_and_ignored(areas):
    sheets = edit("Children", 2, "shoe size", 31)(base_sheets())
    sheets["Notes"] = [["text"], ["call the school"]]
    result = run_import(sheets)
    assert problem_lines(result) == []
    assert [str(notice) for notice in result.notices] == [
        "Children, 1, shoe size: Unknown column: it is ignored.",
        "Notes: This sheet is not imported: it is ignored.",
    ]
    assert result.written


def test_a_workbook_with_its_rows_numbered_as_excel_shows_them(areas):
    sheets = base_sheets()
    sheets["Statuses"].insert(2, [None] * 6)  # an empty row is skipped, but it counts
    sheets = edit("Statuses", 4, "category", "сиротка")(sheets)
    assert problem_lines(run_import(sheets))[0].startswith("Statuses, 4, category:")


def test_a_workbook_sent_by_excel_is_read(areas):
    workbook = make_workbook(base_sheets())
    assert problem_lines(run_import(workbook)) == []


def test_values_too_long_for_the_register(areas):
    sheets = edit("Children", 2, "last_name", "Ә" * 101)(base_sheets())
    sheets = edit("Institutions", 2, "capacity", 10**12)(sheets)
    before = table_counts()
    assert problem_lines(run_import(sheets)) == [
        "Institutions, 2, capacity: The number 1000000000000 is too large.",
        "Children, 2, last_name: Too long (characters: 101; at most: 100).",
    ]
    assert table_counts() == before
