"""The check keeps what it read with the upload; the confirmed import checks those
rows again against the register as it is then, without reading the file a second
time, or, when the check found nothing to write and the register is as it read it,
does not check them again."""

import datetime
import pickle
import zlib

from django.utils import timezone

from children.models import Child, Status
from children.services.statuses import status_add
from exchange.models import WorkbookUpload
from exchange.workbook import importer, stored
from exchange.workbook.problems import Problems
from exchange.workbook.reader import read_workbook
from exchange.workbook.scope import ImportScope
from exchange.workbook.sheets import SHEETS
from registry.models import AccessLog, AuditEntry, Job
from tests.children.factories import identity_changed, register_child
from tests.exchange.test_workbook_pages import upload
from tests.exchange.workbooks import CHILDREN_REQUIRED, base_sheets, make_workbook, table_counts


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


def test_rows_kept_in_the_former_format_are_not_used():
    """An upload checked before this format came (a deployment in between) has its
    file read again: neither its rows nor an outcome are taken from it."""
    former = zlib.compress(pickle.dumps((1, {}, []), pickle.HIGHEST_PROTOCOL), 1)
    assert stored.loads(former, SHEETS, Problems()) is None
    assert stored.outcome_of(former) is None


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


def checks_counted(monkeypatch) -> list:
    """The checks of rows against the register `importer` runs from now on."""
    runs = []
    original = importer.check_tables

    def counted(*args, **kwargs):
        runs.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(importer, "check_tables", counted)
    return runs


def import_then_check_again(client) -> None:
    """The workbook imported, then uploaded again: its check finds nothing to write."""
    upload(client)
    client.post("/workbook/import/confirm/")
    assert Child.objects.count() == 2
    upload(client)
    assert "No problems found." in client.get("/workbook/import/check/").content.decode()


def confirmed(client) -> Job:
    client.post("/workbook/import/confirm/")
    job = Job.objects.filter(kind="workbook_import").latest("pk")
    assert job.outcome["written"] is True and job.outcome["problems"] == []
    return job


def test_a_workbook_that_changes_nothing_is_not_checked_again(
    areas, as_user, admin_user, monkeypatch
):
    """Confirmed while the register is as its check read it, a workbook whose rows all
    restate their records is not checked a second time: its check's report stands,
    nothing is written, and the import is in the access log."""
    client = as_user(admin_user)
    import_then_check_again(client)
    before = table_counts()
    runs = checks_counted(monkeypatch)
    no_second_read(monkeypatch)
    job = confirmed(client)
    outcome = job.outcome
    assert runs == []
    # Its page shows the rows as the check read and checked them.
    assert (job.rows_read, job.rows_checked) == (job.total, job.total) != 0
    assert outcome["counts"]["Children"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert outcome["counts"]["Statuses"]["unchanged"] == 2
    assert AccessLog.objects.filter(action="import", user=admin_user).count() == 2
    after = table_counts()
    assert after["registry.AccessLog"] == before["registry.AccessLog"] + 1
    assert after["exchange.WorkbookUpload"] == 0  # imported: the upload is gone
    around = {"registry.AccessLog", "registry.Job", "exchange.WorkbookUpload"}
    assert {k: v for k, v in after.items() if k not in around} == {
        k: v for k, v in before.items() if k not in around
    }


def test_a_change_in_another_region_leaves_the_check_standing(
    areas, as_user, admin_user, officer_c, district_c, monkeypatch
):
    """The check read the part of the register of the area it imports into: a child
    registered in another region since does not have the rows checked again."""
    client = as_user(admin_user)
    import_then_check_again(client)
    register_child(officer_c, district_c)
    runs = checks_counted(monkeypatch)
    confirmed(client)
    assert runs == []


def test_a_register_change_after_a_check_that_found_nothing_is_checked(
    areas, as_user, admin_user, monkeypatch
):
    """The register changed between the check and the confirmation: the rows are
    checked again, and the workbook's name of the child is written back."""
    client = as_user(admin_user)
    import_then_check_again(client)
    boy = Child.objects.get(last_name="Омаров")
    identity_changed(admin_user, boy, last_name="Омар")
    runs = checks_counted(monkeypatch)
    outcome = confirmed(client).outcome
    assert len(runs) == 1
    assert outcome["counts"]["Children"] == {"created": 0, "updated": 1, "unchanged": 1}
    boy.refresh_from_db()
    assert boy.last_name == "Омаров"


def test_a_check_of_another_day_or_area_is_run_again(areas, admin_user, district_a, monkeypatch):
    """The rules compare dates with today, and the area decides what may be imported:
    a check of yesterday, or of another area, is run again."""
    source = make_workbook(base_sheets())
    actor, everything = admin_user, ImportScope.everything()
    importer.import_workbook(actor=actor, source=source, scope=everything)
    kept = importer.check_workbook(source, scope=everything, keep=True).kept
    assert stored.outcome_of(kept) is not None
    runs = checks_counted(monkeypatch)
    importer.import_workbook(
        actor=actor, source=source, scope=ImportScope.of_district(district_a), kept=kept
    )
    assert len(runs) == 1
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(importer.timezone, "localdate", lambda: tomorrow)
    importer.import_workbook(actor=actor, source=source, scope=everything, kept=kept)
    assert len(runs) == 2


def test_a_check_of_another_release_is_run_again(areas, admin_user, monkeypatch):
    """A release may check otherwise: a check kept before it is run again after."""
    source = make_workbook(base_sheets())
    actor, everything = admin_user, ImportScope.everything()
    importer.import_workbook(actor=actor, source=source, scope=everything)
    kept = importer.check_workbook(source, scope=everything, keep=True).kept
    runs = checks_counted(monkeypatch)
    monkeypatch.setattr(importer, "code_version", lambda: "another release")
    result = importer.import_workbook(actor=actor, source=source, scope=everything, kept=kept)
    assert len(runs) == 1 and not result.problems


def test_a_check_that_finds_something_to_write_keeps_no_outcome(areas, admin_user):
    kept = importer.check_workbook(
        make_workbook(base_sheets()), scope=ImportScope.everything(), keep=True
    ).kept
    assert kept is not None and stored.outcome_of(kept) is None


def test_an_officers_check_stands_until_their_district_changes(
    areas, officer_a, officer_b, district_a, district_b, monkeypatch
):
    child = register_child(officer_a, district_a)
    source = make_workbook(
        {
            "Children": [
                list(CHILDREN_REQUIRED),
                [child.iin, child.last_name, child.first_name, child.birth_date, child.sex, "a"],
            ]
        }
    )
    scope = ImportScope.for_user(officer_a)
    kept = importer.check_workbook(source, scope=scope, keep=True).kept
    assert stored.outcome_of(kept)["counts"]["Children"]["unchanged"] == 1
    runs = checks_counted(monkeypatch)
    register_child(officer_b, district_b)  # another district of the region
    importer.import_workbook(actor=officer_a, source=source, scope=scope, kept=kept)
    assert runs == []
    register_child(officer_a, district_a)  # the officer's own district
    importer.import_workbook(actor=officer_a, source=source, scope=scope, kept=kept)
    assert len(runs) == 1
