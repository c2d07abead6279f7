"""The exported workbook keeps the template's codes as its headers and says on each
header cell, in the exporting user's language, what the column holds; the import
reads the exported file as it is."""

import io

import pytest
from openpyxl import load_workbook

from exchange.workbook.exporter import export_workbook
from exchange.workbook.scope import ExportScope
from tests.exchange.workbooks import base_sheets, problem_lines, run_import


def exported(user, language) -> io.BytesIO:
    from django.utils import translation

    target = io.BytesIO()
    with translation.override(language):
        export_workbook(target, user=user, scope=ExportScope.everything())
    target.seek(0)
    return target


def comments(target, sheet) -> dict:
    worksheet = load_workbook(target)[sheet]
    target.seek(0)
    return {
        header.value: header.comment.text if header.comment else None
        for header in next(worksheet.iter_rows(max_row=1))
    }


@pytest.mark.parametrize(
    ("language", "title", "last_name", "birth_date", "iin"),
    [
        ("kk", "балалар", "тегі", "туған күні", "ЖСН"),
        ("ru", "дети", "фамилия", "дата рождения", "ИИН"),
    ],
)
def test_header_cells_carry_the_column_names_in_the_users_language(
    areas, officer_a, language, title, last_name, birth_date, iin
):
    run_import(base_sheets(), actor=officer_a)
    children = comments(exported(officer_a, language), "Children")
    # the headers are the template's codes, whatever the language
    assert list(children)[:7] == [
        "iin",
        "last_name",
        "first_name",
        "middle_name",
        "birth_date",
        "sex",
        "district",
    ]
    assert children["last_name"] == last_name
    assert children["birth_date"] == birth_date
    # the first header cell also names the sheet
    assert title in children["iin"].lower() and iin in children["iin"]
    statuses = comments(exported(officer_a, language), "Statuses")
    assert all(statuses.values()) and statuses["iin"] != "iin"


def test_the_import_reads_the_exported_workbook_unchanged(areas, officer_a):
    run_import(base_sheets(), actor=officer_a)
    target = exported(officer_a, "kk")
    result = run_import(target, actor=officer_a)
    assert problem_lines(result) == []
    assert all(counts["created"] == counts["updated"] == 0 for counts in result.counts.values())
