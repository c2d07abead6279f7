"""No name a user gives becomes a formula in a workbook the application writes
(OWASP, CSV and formula injection): text that begins with "=", "+", "-", "@", a tab
or a carriage return is a text cell with Excel's quote prefix, in the register's
export, the annotated copy and the annual report; and the export still imports back
to the very same names."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from children.models import Child, Institution, InstitutionKind, PlacementForm, Sector
from children.services.institutions import institution_create
from exchange.workbook.annotate import annotate_workbook
from exchange.workbook.exporter import export_workbook
from exchange.workbook.problems import Problem
from exchange.workbook.scope import ExportScope
from registry.audit import system_actor
from registry.cells import cell
from registry.models import District, Region
from registry.services.geography import district_create, region_create
from reports.annual import write_annual_report
from tests.children.factories import place, register_child
from tests.exchange.workbooks import problem_lines, run_import

NAMES = ['=HYPERLINK("http://evil.example","x")', "+1+1", "@SUM(A1)", "-2+3"]


def formulas(source) -> list[str]:
    """The formulas in the worksheets of a saved workbook, as its XML holds them."""
    source.seek(0)
    with zipfile.ZipFile(source) as archive:
        return [
            formula
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
            for formula in re.findall(r"<f[ >].*?</f>", archive.read(name).decode())
        ]


def cells_holding(book, values) -> dict:
    """value -> [(sheet, data type, quote prefix)] of the cells that hold it."""
    found: dict = {}
    for worksheet in book.worksheets:
        for row in worksheet.iter_rows():
            for each in row:
                if each.value in values:
                    found.setdefault(each.value, []).append(
                        (worksheet.title, each.data_type, each.quotePrefix)
                    )
    return found


def test_text_that_could_be_a_formula_is_written_as_text():
    """In a write-only and in an ordinary worksheet: text cells with the quote prefix
    for the risky starts; other text and numbers (a negative one too) as they are."""
    risky = [*NAMES, "\tx", "\r=1+1"]
    plain = ["Омаров", "a=b", "1-2", ""]
    fast = Workbook(write_only=True)
    out = fast.create_sheet("Fast")
    out.append([cell(out, value) for value in [*risky, *plain, -5, -2.5]])
    assert [cell(out, value) for value in plain] == plain  # nothing more to write
    assert cell(out, "Ай\x07гүл") == "Айгүл"
    ordinary = Workbook()
    sheet = ordinary.active
    for column, value in enumerate([*risky, *plain, -5, -2.5], start=1):
        cell(sheet, value, row=1, column=column)
    for book in (fast, ordinary):
        target = io.BytesIO()
        book.save(target)
        assert formulas(target) == []
        target.seek(0)
        row = next(load_workbook(target).worksheets[0].iter_rows())
        # (XML reads a carriage return as a line feed; the empty text is no cell)
        read_back = [value.replace("\r", "\n") for value in risky]
        assert [each.value for each in row] == [*read_back, *plain[:3], None, -5, -2.5]
        assert [each.quotePrefix for each in row[: len(risky)]] == [True] * len(risky)
        assert {each.data_type for each in row[: len(risky)]} == {"s"}
        assert not any(each.quotePrefix for each in row[len(risky) :])
        assert [each.data_type for each in row[-2:]] == ["n", "n"]


@pytest.fixture
def evil_region(actor):
    """A region named like a formula, with a district of each risky name (each with a
    child, so that it is in the figures) and institutions named the same."""
    region = region_create(
        actor=actor, code="r9", name_kk=NAMES[0], name_ru=NAMES[0], name_en=NAMES[0]
    )
    for number, name in enumerate(NAMES, start=1):
        district = district_create(
            actor=actor,
            region=region,
            code=f"evil-{number}",
            name_kk=name,
            name_ru=name,
            name_en=name,
        )
        home = institution_create(
            actor=actor,
            code=f"EVIL-{number}",
            name_kk=name,
            name_ru=name,
            name_en=name,
            district=district,
            kind=InstitutionKind.CHILDREN_HOME,
            sector=Sector.EDUCATION,
        )
        child = register_child(actor, district, birth_date=datetime.date(2012, 1, number))
        place(actor, child, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), institution=home)
    return region


def test_district_names_are_text_in_the_annual_report(evil_region, tmp_path):
    target = tmp_path / "annual.xlsx"
    write_annual_report(target, year=2024, region=evil_region)
    with target.open("rb") as source:
        assert formulas(source) == []
    found = cells_holding(load_workbook(target), NAMES)
    assert set(found) == set(NAMES)  # every name is in the report
    assert {(data_type, prefix) for cells in found.values() for _, data_type, prefix in cells} == {
        ("s", True)
    }


@pytest.mark.django_db(transaction=True)
def test_district_and_institution_names_are_text_in_the_export_and_come_back(evil_region):
    target = io.BytesIO()
    export_workbook(target, user=system_actor(), scope=ExportScope.everything())
    assert formulas(target) == []
    target.seek(0)
    found = cells_holding(load_workbook(target), NAMES)
    sheets = {sheet for cells in found.values() for sheet, _, _ in cells}
    assert {"Regions", "Districts", "Institutions"} <= sheets
    assert {(data_type, prefix) for cells in found.values() for _, data_type, prefix in cells} == {
        ("s", True)
    }

    call_command("flush", interactive=False, verbosity=0)
    assert not Child.objects.exists()
    result = run_import(io.BytesIO(target.getvalue()))
    assert problem_lines(result) == []
    assert Region.objects.get(code="r9").name_ru == NAMES[0]
    for model in (District, Institution):
        names = model.objects.filter(code__icontains="evil")
        assert sorted((item.name_kk, item.name_ru, item.name_en) for item in names) == sorted(
            (name, name, name) for name in NAMES
        )


def test_the_annotated_copy_writes_the_uploads_text_as_text(tmp_path):
    """An uploaded cell whose text (or a formula's result) begins like a formula is
    copied as text, marked or not."""
    upload = Workbook()
    sheet = upload.active
    sheet.title = "Districts"
    sheet.append(["code", "name"])
    for number, name in enumerate(NAMES, start=1):
        written = sheet.cell(row=number + 1, column=2, value=name)
        written.data_type = "s"  # as Excel keeps a text cell
        sheet.cell(row=number + 1, column=1, value=f"d{number}")
    source = io.BytesIO()
    upload.save(source)
    target = tmp_path / "copy.xlsx"
    marked = [Problem("Districts", 2, "name", "Wrong."), Problem("Districts", 4, "name", "Wrong.")]
    assert annotate_workbook(source, target, marked)
    with target.open("rb") as copy:
        assert formulas(copy) == []
    copy = load_workbook(target)["Districts"]
    assert [(c.value, c.data_type, c.quotePrefix) for c in copy["B"][1:]] == [
        (name, "s", True) for name in NAMES
    ]
    assert copy["B2"].comment.text == "Wrong." and copy["B3"].comment is None
