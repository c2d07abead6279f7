"""The register workbook does not carry the documents' files: the Children sheet says
how many documents each child's file holds (withdrawn ones not counted), and the
import ignores that column whatever it holds."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from children.models import Child
from documents.models import Document
from documents.services import document_withdraw
from tests.documents.conftest import documents_dir  # noqa: F401 - autouse: files in tmp_path
from tests.documents.factories import attach
from tests.exchange.test_workbook_import import cells_to_workbook, export_cells
from tests.exchange.workbooks import BOY, GIRL, base_sheets, problem_lines, run_import

COLUMN = "documents"


def column_of(cells: dict, sheet: str = "Children") -> dict:
    """The `documents` cell of each child's row, by its key."""
    header, *rows = cells[sheet]
    position = header.index(COLUMN)
    return {row[0]: row[position] for row in rows}


def without_documents_column(cells: dict) -> dict:
    """The cells, less the Children sheet's `documents` column (a count of files the
    workbook does not carry: an import cannot bring it back)."""
    position = cells["Children"][0].index(COLUMN)
    children = [row[:position] + row[position + 1 :] for row in cells["Children"]]
    return {**cells, "Children": children}


def test_the_export_counts_each_childs_documents_not_withdrawn(areas, officer_a):
    run_import(base_sheets(), actor=officer_a)
    boy = Child.objects.get(iin=BOY)
    attach(officer_a, boy)
    attach(officer_a, boy, number="2-15/2020", date=datetime.date(2020, 1, 10))
    mistaken = attach(officer_a, boy, number="WRONG")
    document_withdraw(actor=officer_a, document=mistaken, reason="another child's paper")

    cells = export_cells()
    assert cells["Children"][0][-1] == COLUMN  # beyond the template's columns
    assert column_of(cells) == {BOY: 2, GIRL: 0}


@pytest.mark.parametrize(("language", "words"), [("kk", None), ("ru", None), ("en", "Documents")])
def test_the_documents_header_says_what_it_counts(areas, officer_a, language, words):
    from io import BytesIO

    from exchange.workbook.exporter import export_workbook
    from exchange.workbook.scope import ExportScope

    run_import(base_sheets(), actor=officer_a)
    target = BytesIO()
    with translation.override(language):
        export_workbook(target, user=officer_a, scope=ExportScope.everything())
    target.seek(0)
    header = {cell.value: cell for cell in load_workbook(target)["Children"][1]}
    comment = header[COLUMN].comment
    assert comment is not None and comment.text.strip() and comment.text != COLUMN
    if words:
        assert words in comment.text


def test_the_import_ignores_the_documents_column_whatever_it_holds(areas, officer_a):
    sheets = base_sheets()
    run_import(sheets, actor=officer_a)
    children = Child.objects.order_by("pk")
    before = list(children.values_list("pk", "version", "updated_at"))
    sheets["Children"][0].append(COLUMN)
    sheets["Children"][1].append("many, see the folder")
    sheets["Children"][2].append(-3)
    result = run_import(sheets, actor=officer_a)
    assert problem_lines(result) == []
    assert all(counts["created"] == counts["updated"] == 0 for counts in result.counts.values())
    assert list(children.values_list("pk", "version", "updated_at")) == before
    assert not Document.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_round_trip_with_documents_gives_the_same_cells_but_their_count(areas, officer_a):
    """Export, import into an empty database, export: the same cells, but for the
    documents' count: the workbook does not carry the files, so the children come back
    without them (the files come back with the backup: README, Backing up)."""
    run_import(base_sheets(), actor=officer_a)
    attach(officer_a, Child.objects.get(iin=GIRL))
    first = export_cells()
    assert column_of(first) == {BOY: 0, GIRL: 1}

    call_command("flush", interactive=False, verbosity=0)
    result = run_import(cells_to_workbook(first))
    assert problem_lines(result) == []
    again = export_cells()
    assert column_of(again) == {BOY: 0, GIRL: 0}
    assert without_documents_column(again) == without_documents_column(first)
