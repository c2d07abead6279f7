"""The access log downloads like the lists it records: the page's rows under the same
filter, described in the reader's language, and the download is itself logged."""

import datetime

import pytest

from children.models import Category
from registry.models import AccessLog
from tests.children.factories import register_child
from tests.downloads import assert_download_is_the_page


@pytest.fixture
def orphan(officer_a, district_a):
    return register_child(
        officer_a,
        district_a,
        birth_date=datetime.date(2016, 2, 3),
        category=Category.ORPHAN,
        reason="parents_died",
    )


def test_the_access_log_download_holds_the_rows_of_the_page(
    as_user,
    officer_a,
    admin_user,
    orphan,
):
    officer = as_user(officer_a)
    officer.get("/children/", {"category": "orphan"})
    officer.get("/children/", {"category": "orphan", "format": "xlsx"})
    officer.get(f"/children/{orphan.pk}/")
    client = as_user(admin_user)
    rows = assert_download_is_the_page(client, "/audit/access/", {"user": officer_a.pk})
    assert rows[0] == ["Time", "User", "Action", "What", "District", "Address"]
    assert [row[2] for row in rows[1:]] == ["viewed a record", "viewed a list", "viewed a list"]
    assert "format: xlsx" in rows[2][3]  # the officer's download, described
    entry = AccessLog.objects.order_by("pk").last()
    assert entry.user == admin_user and entry.parameters["list"] == "access_log"
    assert ["format", "xlsx"] in entry.parameters["filter"]
    ru = assert_download_is_the_page(
        as_user(admin_user, language="ru"), "/audit/access/", {"user": officer_a.pk}
    )
    assert "Категория: сирота" in ru[3][3]


def test_the_audit_trail_downloads_its_entries_in_the_readers_language(
    as_user, officer_a, admin_user, orphan
):
    from registry.models import AuditEntry
    from tests.downloads import workbook_rows

    expected = AuditEntry.objects.filter(actor=officer_a).count()
    response = as_user(admin_user, language="ru").get(
        "/audit/", {"actor": officer_a.pk, "format": "xlsx"}
    )
    rows = workbook_rows(response)
    assert rows[0] == ["Время", "Пользователь", "Действие", "Запись", "Район", "Было → стало"]
    assert len(rows) - 1 == expected >= 2
    assert any("Категория" in (row[5] or "") and "сирота" in row[5] for row in rows[1:])
    entry = AccessLog.objects.order_by("pk").last()
    assert entry.user == admin_user and entry.parameters["list"] == "audit_trail"
    assert ["format", "xlsx"] in entry.parameters["filter"]
