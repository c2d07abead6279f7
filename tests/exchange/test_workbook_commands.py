"""import_registry and export_registry: their output and exit codes."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from children.models import Child
from registry.models import AccessLog, AuditEntry
from tests.exchange.workbooks import base_sheets, make_workbook, table_counts


@pytest.fixture
def workbook_file(tmp_path):
    def write(sheets=None):
        path = tmp_path / "district.xlsx"
        path.write_bytes(make_workbook(sheets or base_sheets()).getvalue())
        return str(path)

    return write


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_what_it_created_per_sheet(areas, workbook_file):
    out, err = run("import_registry", workbook_file())
    assert err == ""
    assert "Children: created 2, updated 0, unchanged 0." in out
    assert "Placements: created 3, updated 0, unchanged 0." in out
    assert "Districts: created 0, updated 0, unchanged 2." in out
    assert out.strip().endswith("The workbook is imported.")
    assert Child.objects.count() == 2
    entries = AuditEntry.objects.filter(content_type__model="child")
    assert {entry.actor.username for entry in entries} == {"system"}

    out, _err = run("import_registry", workbook_file())
    assert "Children: created 0, updated 0, unchanged 2." in out


def test_the_same_file_imported_again_says_it_was_not_read(areas, tmp_path):
    path = tmp_path / "district.xlsx"
    path.write_bytes(make_workbook(base_sheets()).getvalue())
    run("import_registry", str(path))
    out, err = run("import_registry", str(path))
    assert err == "" and "Children: created 0, updated 0, unchanged 2." in out
    assert out.startswith("This same file was already imported or checked on ")
    assert "the file was not read again, and it changes nothing." in out


def test_import_is_recorded_under_the_given_user(areas, officer_a, workbook_file):
    run("import_registry", workbook_file(), "--user", "officer_a")
    entries = AuditEntry.objects.filter(content_type__model="child")
    assert entries.count() == 2 and all(entry.actor == officer_a for entry in entries)
    assert AccessLog.objects.get(action="import").user == officer_a


def test_import_with_problems_prints_them_and_exits_non_zero(areas, workbook_file):
    sheets = base_sheets()
    sheets["Children"][2][6] = "zz"
    sheets["Statuses"][1][1] = "сиротка"
    before = table_counts()
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_registry", workbook_file(sheets), stdout=StringIO(), stderr=err)
    assert error.value.returncode == 1
    assert str(error.value) == "Problems found: 2. Nothing was written."
    assert err.getvalue().splitlines() == [
        "Children, 3, district: Unknown district “zz”.",
        "Statuses, 2, category: “сиротка” is not one of the codes of this column: orphan, "
        "without_care.",
    ]
    assert table_counts() == before


def test_import_prints_what_the_list_does_not_state(areas, workbook_file):
    sheets = base_sheets()
    sheets["Placements"][1][7] = None  # an ended placement without its reason
    sheets["Statuses"][1][2] = None  # a status without its reason
    out, _err = run("import_registry", workbook_file(sheets))
    assert "Not stated: Statuses without a reason: 1." in out
    assert "Not stated: Placements ended without a reason: 1." in out
    assert out.strip().endswith("The workbook is imported.")


def test_dry_run_writes_nothing(areas, workbook_file):
    from registry.models import AccessLog

    before = table_counts()
    out, _err = run("import_registry", workbook_file(), "--dry-run")
    assert out.splitlines()[0] == "Dry run: nothing was written. The import would make:"
    assert "Children: created 2, updated 0, unchanged 0." in out
    # Nothing but the check's line in the access log: it looked two IINs up.
    check = AccessLog.objects.get()
    assert (check.action, check.parameters["iins"]) == (AccessLog.Action.CHECK, 2)
    assert table_counts() == {**before, "registry.AccessLog": before["registry.AccessLog"] + 1}


def test_import_for_one_district(areas, workbook_file):
    sheets = base_sheets()
    sheets["Transfers"] = [sheets["Transfers"][0]]
    sheets["Children"][2][6] = "b"
    with pytest.raises(CommandError):
        call_command("import_registry", workbook_file(sheets), "--district", "a", stderr=StringIO())
    assert not Child.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--district", "zz"], "Unknown district “zz”"),
        (["--user", "nobody-here"], "Unknown account “nobody-here”"),
    ],
)
def test_import_arguments_are_checked(areas, workbook_file, args, message):
    with pytest.raises(CommandError, match=message):
        run("import_registry", workbook_file(), *args)


def test_import_of_a_missing_file(areas, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import_registry", str(tmp_path / "none.xlsx"))


def test_import_of_a_file_that_is_not_a_workbook(areas, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_text("iin;name\n1;2\n")
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_registry", str(path), stdout=StringIO(), stderr=err)
    assert error.value.returncode == 1
    assert err.getvalue().startswith("This file is not an Excel workbook (.xlsx)")


def test_export_writes_the_workbook(areas, workbook_file, tmp_path):
    run("import_registry", workbook_file())
    target = tmp_path / "out.xlsx"
    out, _err = run("export_registry", str(target))
    assert "Children: rows 2." in out and "Placements: rows 3." in out
    workbook = load_workbook(target, read_only=True)
    assert workbook.sheetnames == [
        "Regions",
        "Districts",
        "Institutions",
        "Children",
        "Statuses",
        "Placements",
        "Transfers",
        "HousingRights",
        "HousingQueue",
        "HousingProvided",
        "Benefits",
        "AlimonyOrders",
        "AlimonyPayments",
        "Visits",
        "LifePlans",
    ]
    log = AccessLog.objects.get(action="export")
    assert log.parameters["rows"]["Children"] == 2


def test_export_of_one_district(areas, workbook_file, tmp_path):
    run("import_registry", workbook_file())
    target = tmp_path / "b.xlsx"
    out, _err = run("export_registry", str(target), "--district", "b")
    assert "Children: rows 1." in out  # the girl, transferred to b
    rows = list(load_workbook(target, read_only=True)["Districts"].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["a", "b"]  # a comes along: her registration


def test_export_arguments_are_checked(areas, tmp_path):
    with pytest.raises(CommandError, match="Unknown district “zz”"):
        run("export_registry", str(tmp_path / "x.xlsx"), "--district", "zz")
    with pytest.raises(CommandError, match="No such folder"):
        run("export_registry", str(tmp_path / "missing" / "x.xlsx"))
