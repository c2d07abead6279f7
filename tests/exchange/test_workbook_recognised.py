"""A file the register restates (just imported, or checked and found to change
nothing) is known by the digest of its bytes: imported or checked again while the
part of the register it names is as it was, on the same day and for the same area,
it is not read, and its outcome is what a check that reads it finds."""

import datetime
import io

import pytest
from django.utils import timezone, translation

from children.models import Child
from exchange.models import RecognisedWorkbook
from exchange.workbook import importer
from exchange.workbook.scope import ImportScope
from registry.models import AuditEntry, Job
from tests.children.factories import identity_changed, register_child
from tests.exchange.test_workbook_pages import upload
from tests.exchange.workbooks import (
    HEADERS,
    base_sheets,
    full_sheets,
    make_workbook,
    read_again,
    run_import,
    table_counts,
    what_a_check_finds,
)


@pytest.fixture
def reads(monkeypatch) -> list:
    """The files `importer` reads from now on."""
    read = []
    original = importer.read_workbook

    def counted(source, *args, **kwargs):
        read.append(source)
        return original(source, *args, **kwargs)

    monkeypatch.setattr(importer, "read_workbook", counted)
    return read


def test_the_same_file_imported_again_is_not_read(areas, admin_user, reads):
    source = make_workbook(full_sheets())
    run_import(source, actor=admin_user)
    assert len(reads) == 1
    before, entries = table_counts(), AuditEntry.objects.count()
    again = run_import(io.BytesIO(source.getvalue()), actor=admin_user)
    assert len(reads) == 1 and again.written and again.recognised is not None
    assert again.counts["Children"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert again.counts["AlimonyPayments"] == {"created": 0, "updated": 0, "unchanged": 3}
    after = table_counts()
    assert after.pop("registry.AccessLog") == before.pop("registry.AccessLog") + 1
    assert after == before and AuditEntry.objects.count() == entries


def test_what_is_recognised_is_what_a_check_that_reads_finds(
    areas, admin_user, officer_a, district_a, reads
):
    """Also when the import changed a record no row of its sheet names: a child of the
    register whom only a transfer names moves, and the check after counts her nowhere."""
    moved = register_child(officer_a, district_a, birth_date=datetime.date(2012, 2, 2), sex="F")
    sheets = full_sheets()
    sheets["Transfers"].append([moved.iin, "a", "b", datetime.date(2025, 3, 1)])
    source = make_workbook(sheets)
    imported = run_import(source, actor=admin_user)
    assert imported.counts["Children"]["updated"] == 1  # the district she moved to
    scope = ImportScope.everything()
    known = importer.check_workbook(source, scope=scope)
    assert known.recognised is not None and len(reads) == 1
    read_again()
    checked = importer.check_workbook(source, scope=scope)
    assert checked.recognised is None and len(reads) == 2
    assert what_a_check_finds(known) == what_a_check_finds(checked)
    assert checked.counts["Children"] == {"created": 0, "updated": 0, "unchanged": 2}
    # The check that read it found nothing to write: the file is known again.
    assert importer.check_workbook(source, scope=scope).recognised is not None
    assert len(reads) == 2


def test_a_change_to_the_area_has_the_file_read_again(areas, admin_user, reads):
    source = make_workbook(base_sheets())
    run_import(source, actor=admin_user)
    boy = Child.objects.get(last_name="Омаров")
    identity_changed(admin_user, boy, last_name="Омар")
    again = run_import(source, actor=admin_user)
    assert len(reads) == 2 and again.recognised is None
    assert again.counts["Children"] == {"created": 0, "updated": 1, "unchanged": 1}
    boy.refresh_from_db()
    assert boy.last_name == "Омаров"


def test_another_day_or_another_area_has_the_file_read_again(
    areas, admin_user, district_a, monkeypatch, reads
):
    source = make_workbook(base_sheets())
    run_import(source, actor=admin_user)
    everything = ImportScope.everything()
    assert importer.check_workbook(source, scope=everything).recognised is not None
    district = ImportScope.of_district(district_a)
    assert importer.check_workbook(source, scope=district).recognised is None
    assert len(reads) == 2
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(importer.timezone, "localdate", lambda: tomorrow)
    assert importer.check_workbook(source, scope=everything).recognised is None
    assert len(reads) == 3


def test_a_release_in_between_has_the_file_read_again(areas, admin_user, monkeypatch, reads):
    """The outcome is of the rules and messages of the release that checked it."""
    source = make_workbook(base_sheets())
    run_import(source, actor=admin_user)
    everything = ImportScope.everything()
    assert importer.check_workbook(source, scope=everything).recognised is not None
    monkeypatch.setattr(importer, "code_version", lambda: "another release")
    checked = importer.check_workbook(source, scope=everything)
    assert checked.recognised is None and len(reads) == 2
    assert checked.counts["Children"] == {"created": 0, "updated": 0, "unchanged": 2}


def test_notices_in_another_language_have_the_file_read_again(areas, admin_user, reads):
    """What the reading noticed is told in the reader's language."""
    sheets = base_sheets()
    sheets["Notes"] = [["anything"]]  # a sheet the import ignores, and says so
    source = make_workbook(sheets)
    everything = ImportScope.everything()
    with translation.override("kk"):
        importer.import_workbook(actor=admin_user, source=source, scope=everything)
        assert importer.check_workbook(source, scope=everything).recognised is not None
    with translation.override("ru"):
        checked = importer.check_workbook(source, scope=everything)
    assert checked.recognised is None and len(reads) == 2
    assert [n.message for n in checked.notices] == ["Этот лист не загружается: он пропускается."]


def test_a_file_not_a_workbook_is_not_remembered(areas, admin_user):
    result = run_import(io.BytesIO(b"not a workbook"), actor=admin_user)
    assert result.problems and not RecognisedWorkbook.objects.exists()


def test_the_digest_is_that_of_the_whole_file_wherever_it_was_read_to(tmp_path):
    data = make_workbook(base_sheets()).getvalue()
    path = tmp_path / "district.xlsx"
    path.write_bytes(data)
    source = io.BytesIO(data)
    source.seek(100)
    assert importer.file_digest(source) == importer.file_digest(path) is not None
    assert source.tell() == 100
    assert importer.file_digest(tmp_path / "missing.xlsx") is None


def test_the_officer_sees_that_the_file_was_imported_already(
    areas, as_user, admin_user, officer_a, reads
):
    """Uploaded again after its import, the same file's check says so, in the
    officer's language, and confirming it writes nothing."""
    run_import(base_sheets(), actor=admin_user)
    boy = base_sheets()["Children"][1]
    boy[3] = "Серікұлы-Арманұлы"  # a new middle name
    data = make_workbook({"Children": [HEADERS["Children"], boy]}).getvalue()
    client = as_user(officer_a, language="ru")
    upload(client, content=data)
    client.post("/workbook/import/confirm/")
    assert Child.objects.get(last_name="Омаров").middle_name == "Серікұлы-Арманұлы"
    reads.clear()
    upload(client, content=data)
    page = client.get("/workbook/import/check/").content.decode()
    assert reads == []
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert f"Этот же файл уже был импортирован или проверен {today}" in page
    entries = AuditEntry.objects.count()
    client.post("/workbook/import/confirm/")
    job = Job.objects.filter(kind="workbook_import").latest("pk")
    assert job.outcome["written"] is True and job.outcome["recognised"]
    assert AuditEntry.objects.count() == entries
    kazakh = as_user(officer_a, language="kk")
    page = kazakh.get(f"/jobs/{job.pk}/").content.decode()
    assert f"Дәл осы файл {today}" in page
