"""Importing the register workbook: a clean import, the upsert, the idempotent second
run and the round trip through an empty database."""

import datetime

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from children.models import Child, Placement, PlacementForm, Status, Transfer
from children.names import name_key
from exchange.models import RecognisedWorkbook, WorkbookKey
from exchange.workbook import importer
from exchange.workbook.exporter import export_workbook
from exchange.workbook.scope import ExportScope
from registry.models import AccessLog, AuditEntry
from tests.children.factories import place, register_child
from tests.exchange.workbooks import (
    BOY,
    GIRL,
    base_sheets,
    make_workbook,
    problem_lines,
    read_again,
    run_import,
    table_counts,
)


def test_clean_import_writes_every_record(areas, officer_a):
    result = run_import(base_sheets(), actor=officer_a)
    assert problem_lines(result) == []
    assert result.counts["Children"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert result.counts["Placements"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert result.counts["Districts"] == {"created": 0, "updated": 0, "unchanged": 2}

    boy = Child.objects.get(iin=BOY)
    assert (boy.last_name, boy.middle_name, boy.sex) == ("Омаров", "Серікұлы", "M")
    assert boy.registered_on == datetime.date(2020, 1, 10)  # its first status
    assert boy.name_key == name_key("Омаров", "Арман")
    assert [p.form for p in boy.placements.all()] == ["institution", "guardianship"]
    assert boy.placements.first().institution.code == "CH-A"

    girl = Child.objects.get(iin=GIRL)
    assert girl.birth_date == datetime.date(2009, 3, 10) and girl.sex == "F"
    assert girl.statuses.get().category == "orphan"  # "сирота"
    assert girl.registered_district == areas["a"]
    assert girl.district == areas["b"]  # follows the transfer
    assert girl.transfers.get().date == datetime.date(2024, 9, 1)


def test_import_is_audited_in_bulk(areas, officer_a):
    run_import(base_sheets(), actor=officer_a)
    boy = Child.objects.get(iin=BOY)
    entries = AuditEntry.objects.filter(child_id=boy.pk)
    assert {(e.content_type.model, e.action) for e in entries} == {
        ("child", AuditEntry.Action.CREATE),
        ("status", AuditEntry.Action.CREATE),
        ("placement", AuditEntry.Action.CREATE),
    }
    assert all(e.actor == officer_a and e.district_id == areas["a"].pk for e in entries)
    child_entry = entries.get(content_type__model="child")
    assert child_entry.changes["last_name"] == [None, "Омаров"]
    assert child_entry.changes["birth_date"] == [None, "2015-06-01"]
    assert child_entry.object_repr == "Омаров Арман Серікұлы"
    girl = Child.objects.get(iin=GIRL)
    transfer_entry = AuditEntry.objects.get(child_id=girl.pk, content_type__model="transfer")
    assert transfer_entry.district_id == areas["b"].pk  # filed under the receiving district
    log = AccessLog.objects.get(action=AccessLog.Action.IMPORT)
    assert log.user == officer_a and log.parameters["counts"]["Children"]["created"] == 2


def test_second_import_changes_nothing(areas, officer_a):
    run_import(base_sheets(), actor=officer_a)
    read_again()  # every row read and checked again
    before = table_counts()
    entries = AuditEntry.objects.count()
    result = run_import(base_sheets(), actor=officer_a)
    assert problem_lines(result) == []
    for sheet, figures in result.counts.items():
        assert figures["created"] == figures["updated"] == 0, sheet
    assert result.counts["Placements"]["unchanged"] == 3
    after = table_counts()
    assert after.pop("registry.AccessLog") == before.pop("registry.AccessLog") + 1
    assert RecognisedWorkbook.objects.count() == 1  # the file, now known to restate it
    assert after == before and AuditEntry.objects.count() == entries


def test_a_row_matching_a_record_corrects_it_and_others_are_kept(areas, officer_a):
    run_import(base_sheets(), actor=officer_a)
    boy = Child.objects.get(iin=BOY)
    guardianship = boy.placements.get(form=PlacementForm.GUARDIANSHIP)
    sheets = {
        "Placements": [
            ["iin", "form", "carer_name", "start_date"],
            [BOY, "guardianship", "Серікова Гүлнар Асқарқызы", "01.01.2021"],
        ]
    }
    result = run_import(sheets, actor=officer_a)
    assert problem_lines(result) == []
    assert result.counts == {"Placements": {"created": 0, "updated": 1, "unchanged": 0}}
    guardianship.refresh_from_db()
    assert guardianship.carer_name == "Серікова Гүлнар Асқарқызы"
    assert guardianship.version == 2
    assert boy.placements.count() == 2 and boy.statuses.count() == 1
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.UPDATE, object_id=guardianship.pk, content_type__model="placement"
    )
    assert entry.changes == {"carer_name": ["Серікова Гүлнар", "Серікова Гүлнар Асқарқызы"]}
    assert entry.actor == officer_a and entry.child_id == boy.pk


def test_rows_for_children_already_registered(areas, officer_a, district_a):
    child = register_child(officer_a, district_a, birth_date=datetime.date(2016, 4, 4))
    place(officer_a, child, PlacementForm.GUARDIANSHIP, datetime.date(2020, 3, 1))
    sheets = {
        "Statuses": [
            ["iin", "category", "start_date", "end_date", "end_reason"],
            [child.iin, "without_care", child.registered_on, "2022-02-02", "returned_to_parents"],
        ],
        "Placements": [
            ["iin", "form", "start_date", "end_date", "end_reason", "carer_name"],
            [
                child.iin,
                "guardianship",
                "2020-03-01",
                "2022-02-02",
                "returned_to_parents",
                "Серікова Гүлнар",
            ],
        ],
    }
    result = run_import(sheets, actor=officer_a)
    assert problem_lines(result) == []
    assert result.counts["Statuses"] == {"created": 0, "updated": 1, "unchanged": 0}
    status = child.statuses.get()
    assert (
        status.end_date == datetime.date(2022, 2, 2) and status.end_reason == "returned_to_parents"
    )


def test_transfers_move_existing_children(areas, officer_a, district_a, district_b):
    child = register_child(officer_a, district_a)
    sheets = {
        "Transfers": [
            ["iin", "from_district", "to_district", "date"],
            [child.iin, "a", "b", "2023-01-01"],
        ]
    }
    result = run_import(sheets)
    assert problem_lines(result) == []
    assert result.counts["Children"] == {"created": 0, "updated": 1, "unchanged": 0}
    child.refresh_from_db()
    assert child.district == district_b and child.version == 2
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.UPDATE, object_id=child.pk, content_type__model="child"
    )
    assert entry.changes == {"district": ["Район А", "Район Б"]}  # names, in English: Russian


def test_registered_on_is_the_earliest_start_unless_given(areas):
    sheets = base_sheets()
    sheets["Placements"][1][5] = datetime.date(2019, 12, 1)  # before the first status
    run_import(sheets)
    assert Child.objects.get(iin=BOY).registered_on == datetime.date(2019, 12, 1)
    sheets["Children"][0].append("registered_on")
    sheets["Children"][1].append(datetime.date(2019, 11, 11))
    sheets["Children"][2].append(None)
    result = run_import(sheets)
    assert result.counts["Children"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert Child.objects.get(iin=BOY).registered_on == datetime.date(2019, 11, 11)


def test_placements_written_hook_gets_the_ids(areas, monkeypatch):
    seen = []
    monkeypatch.setattr(importer, "rebuild_schedules", seen.append)
    run_import(base_sheets())
    assert seen == [set(Placement.objects.values_list("pk", flat=True))]


def test_columns_in_any_order_with_codes_in_russian_and_kazakh(areas):
    sheets = base_sheets()
    sheets["Statuses"] = [
        ["start_date", "iin", "category"],
        ["10.01.2020", BOY, "ата-анасының қамқорлығынсыз қалған"],
        [datetime.datetime(2023, 5, 2), GIRL, "Жетім"],
    ]
    sheets["Institutions"][1][3:5] = ["Детский дом", " ОБРАЗОВАНИЕ "]
    result = run_import(sheets)
    assert problem_lines(result) == []
    assert list(Status.objects.order_by("start_date").values_list("category", flat=True)) == [
        "without_care",
        "orphan",
    ]


def export_cells(scope=None) -> dict:
    from io import BytesIO

    from registry.audit import system_actor

    target = BytesIO()
    export_workbook(target, user=system_actor(), scope=scope or ExportScope.everything())
    target.seek(0)
    workbook = load_workbook(target, read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def cells_to_workbook(cells: dict):
    return make_workbook({name: [list(row) for row in rows] for name, rows in cells.items()})


@pytest.mark.django_db(transaction=True)
def test_round_trip_through_an_empty_database(areas, officer_a, officer_b, district_a):
    run_import(base_sheets(), actor=officer_a)
    temporary = register_child(officer_a, district_a, iin=None, last_name="Белгісіз")
    place(
        officer_a,
        temporary,
        PlacementForm.INSTITUTION,
        datetime.date(2020, 5, 5),
        institution=Placement.objects.filter(institution__isnull=False).first().institution,
        carer_name="",
    )
    first = export_cells()
    assert f"TMP-{temporary.pk}" in [row[0] for row in first["Children"]]

    call_command("flush", interactive=False, verbosity=0)
    assert not Child.objects.exists()
    result = run_import(cells_to_workbook(first))
    assert problem_lines(result) == []
    assert Child.objects.get(iin__isnull=True).workbook_key.key == f"TMP-{temporary.pk}"

    assert export_cells() == first
    again = run_import(cells_to_workbook(first))
    assert all(f["created"] == f["updated"] == 0 for f in again.counts.values())
    assert WorkbookKey.objects.count() == 1 and Transfer.objects.count() == 1


def test_an_iin_in_a_number_cell_keeps_its_leading_zero(areas):
    from children.iin import make_iin

    born = datetime.date(2005, 7, 8)
    iin = make_iin(born, "M", 33)
    assert iin.startswith("0")
    sheets = {
        "Children": [
            base_sheets()["Children"][0],
            [int(iin), "Нұрланов", "Ерлан", "", born, "М", "a"],
        ],
        "Statuses": [["iin", "category", "start_date"], [int(iin), "orphan", "2019-01-01"]],
    }
    result = run_import(sheets)
    assert problem_lines(result) == []
    assert Child.objects.get().iin == iin


def test_imported_placements_get_their_visit_schedule(areas):
    """The import writes placements in bulk; the care app's schedule still follows them:
    the first visit within 30 days of the guardianship, then every six months."""
    from care.models import ScheduledVisit

    run_import(base_sheets())
    guardianship = Placement.objects.get(child__iin=BOY, form=PlacementForm.GUARDIANSHIP)
    due = list(
        ScheduledVisit.objects.filter(placement=guardianship).values_list("due_date", flat=True)
    )
    assert due[:3] == [
        datetime.date(2021, 1, 31),
        datetime.date(2021, 7, 31),
        datetime.date(2022, 1, 31),
    ]
    trusteeship = Placement.objects.get(child__iin=GIRL)
    assert ScheduledVisit.objects.filter(placement=trusteeship, child__iin=GIRL).exists()
    # A children's home is not visited on this schedule.
    assert not ScheduledVisit.objects.filter(placement__form=PlacementForm.INSTITUTION).exists()


def test_a_name_like_a_formula_is_exported_as_text(areas, officer_a, district_a):
    """A value that Excel would run ("=HYPERLINK(...)") reaches the file as text."""
    from io import BytesIO

    from registry.audit import system_actor

    register_child(officer_a, district_a, last_name='=HYPERLINK("http://evil.example","x")')
    target = BytesIO()
    export_workbook(target, user=system_actor(), scope=ExportScope.everything())
    target.seek(0)
    sheet = load_workbook(target)["Children"]
    names = [cell for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert [(cell.value, cell.data_type) for cell in names] == [
        ('=HYPERLINK("http://evil.example","x")', "s")
    ]


def test_control_characters_never_reach_a_workbook(areas, officer_a, district_a):
    """A name pasted with an invisible control character (a word processor's vertical
    tab) is stored without it; one already stored is left out of the export, which a
    worksheet could not hold."""
    from io import BytesIO

    from registry.audit import system_actor

    pasted = register_child(officer_a, district_a, last_name="Омар\x0bова")
    assert pasted.last_name == "Омарова"
    Child.objects.filter(pk=pasted.pk).update(first_name="Ай\x07гүл")  # stored before
    target = BytesIO()
    export_workbook(target, user=system_actor(), scope=ExportScope.everything())
    target.seek(0)
    rows = list(load_workbook(target, read_only=True)["Children"].iter_rows(values_only=True))
    assert any("Омарова" in row and "Айгүл" in row for row in rows)


def test_the_cyclic_garbage_collector_pauses_during_an_import(areas, monkeypatch):
    import gc

    from exchange.workbook import importer
    from tests.exchange.workbooks import base_sheets, run_import

    seen = []
    monkeypatch.setattr(importer, "rebuild_schedules", lambda ids: seen.append(gc.isenabled()))
    assert gc.isenabled()
    run_import(base_sheets())
    assert seen == [False] and gc.isenabled()
