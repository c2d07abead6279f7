"""The check keeps what it read with the upload; the confirmed import checks those
rows again against the register as it is then, without reading the file a second
time."""

import datetime

from children.models import Child, Status
from children.services.statuses import status_add
from exchange.models import WorkbookUpload
from exchange.workbook import importer, stored
from exchange.workbook.problems import Problems
from exchange.workbook.reader import read_workbook
from exchange.workbook.sheets import SHEETS
from registry.models import AuditEntry, Job
from tests.children.factories import register_child
from tests.exchange.test_workbook_pages import upload
from tests.exchange.workbooks import base_sheets, make_workbook


def no_second_read(monkeypatch):
    def read_again(*args, **kwargs):
        raise AssertionError("the workbook was read a second time")

    monkeypatch.setattr(importer, "read_workbook", read_again)


def test_the_confirmed_import_does_not_read_the_workbook_again(
    areas, as_user, admin_user, monkeypatch
):
    client = as_user(admin_user)
    upload(client)
    assert WorkbookUpload.objects.get().tables is not None
    no_second_read(monkeypatch)
    response = client.post("/workbook/import/confirm/")
    job = Job.objects.get(kind="workbook_import")
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.outcome["written"] is True and job.outcome["problems"] == []
    assert Child.objects.count() == 2
    assert AuditEntry.objects.filter(actor=admin_user, content_type__model="child").count() == 2
    assert not WorkbookUpload.objects.exists()


def test_the_rows_kept_are_the_rows_read():
    """Every row of every sheet, its number, whether it could be read and each value,
    and the notices of the reading, come back as they were read."""
    sheets = base_sheets()
    sheets["Notes"] = [["anything"], ["at all"]]
    source = make_workbook(sheets)
    problems, notices = Problems(), Problems()
    tables = read_workbook(source, SHEETS, problems, notices)
    assert not problems and list(notices)
    again_notices = Problems()
    again = stored.loads(stored.dumps(tables, notices), SHEETS, again_notices)
    assert list(again_notices) == list(notices)
    assert list(again) == list(tables)
    for name, table in tables.items():
        kept = again[name]
        assert (kept.present, kept.header, kept.sheet) == (table.present, table.header, table.sheet)
        slots = ("number", "ok", *table.sheet.column_names)
        assert [[getattr(row, slot) for slot in slots] for row in kept.rows] == [
            [getattr(row, slot) for slot in slots] for row in table.rows
        ]


def test_a_register_change_after_the_check_is_still_caught(
    areas, officer_a, as_user, district_a, monkeypatch
):
    """The rows kept are checked again: a status added after the check overlaps the
    workbook's, and nothing is written."""
    child = register_child(officer_a, district_a, birth_date=datetime.date(2014, 4, 4))
    status = child.statuses.get()
    status.end_date, status.end_reason = datetime.date(2023, 1, 1), "other"
    status.save()
    client = as_user(officer_a)
    upload(
        client,
        {"Statuses": [["iin", "category", "start_date"], [child.iin, "orphan", "2023-03-03"]]},
    )
    assert "No problems found." in client.get("/workbook/import/check/").content.decode()
    status_add(
        actor=officer_a,
        child=child,
        category="without_care",
        reason="other",
        start_date=datetime.date(2023, 2, 2),
    )
    no_second_read(monkeypatch)
    client.post("/workbook/import/confirm/")
    job = Job.objects.get(kind="workbook_import")
    assert job.outcome["written"] is False
    page = client.get("/workbook/import/check/").content.decode()
    assert "This status overlaps the status from 02.02.2023" in page
    assert Status.objects.filter(child=child).count() == 2


def test_a_workbook_with_problems_keeps_nothing(areas, as_user, admin_user):
    client = as_user(admin_user)
    sheets = base_sheets()
    sheets["Children"][2][4] = "31.02.2014"  # no such day
    upload(client, sheets)
    assert WorkbookUpload.objects.get().tables is None
