"""The audit trail: every change recorded with who, when, where, before and after;
nothing in it can be changed or deleted; reading personal data is logged."""

import pytest

from registry.audit import log_access
from registry.models import AccessLog, AuditEntry
from registry.models.audit import AppendOnlyError
from registry.services.base import EditConflict
from registry.services.geography import district_update
from tests.conftest import table_rows


def entries_for(instance):
    return AuditEntry.objects.get_for_object(instance).order_by("timestamp", "pk")


def test_create_is_recorded_with_actor_area_and_values(admin_user, district_a):
    created = entries_for(district_a).get(action=AuditEntry.Action.CREATE)
    assert created.actor.username == "system"
    assert created.district_id == district_a.pk
    assert created.region_id == district_a.region_id
    assert created.changes["code"] == [None, "a"]
    assert created.changes["name_ru"] == [None, "Район А"]


def test_change_is_recorded_with_before_and_after(admin_user, district_a):
    district_update(actor=admin_user, district=district_a, name_ru="Район Альфа")
    change = entries_for(district_a).get(action=AuditEntry.Action.UPDATE)
    assert change.actor == admin_user
    assert change.district_id == district_a.pk
    assert change.changes == {"name_ru": ["Район А", "Район Альфа"]}


def test_change_made_through_a_page_is_recorded_with_the_user_and_address(
    as_user, admin_user, district_a
):
    response = as_user(admin_user).post(
        f"/manage/districts/{district_a.pk}/",
        {
            "code": "a",
            "name_kk": "А ауданы",
            "name_ru": "Район А",
            "name_en": "District A",
            "is_active": "on",
            "version": district_a.version,
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    change = entries_for(district_a).get(action=AuditEntry.Action.UPDATE)
    assert change.actor == admin_user
    assert change.remote_addr == "10.1.2.3"
    assert change.changes == {"name_en": ["", "District A"]}


def test_refused_change_is_recorded_as_refused_and_changes_nothing(admin_user, district_a):
    before = AuditEntry.objects.count()
    with pytest.raises(EditConflict):
        district_update(actor=admin_user, district=district_a, version=99, name_ru="X")
    district_a.refresh_from_db()
    assert district_a.name_ru == "Район А"
    refused = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert refused.actor == admin_user and refused.additional_data["refused"] == "edit_conflict"
    assert refused.changes == {"name_ru": ["Район А", "X"]}


def test_password_is_not_in_the_trail(admin_user):
    created = entries_for(admin_user).get(action=AuditEntry.Action.CREATE)
    assert "password" not in created.changes  # not even masked
    assert "Test-password" not in str(created.changes)
    assert "md5$" not in str(created.changes)
    assert admin_user.password[-4:] not in str(created.changes)


def test_the_trail_shows_no_password_of_an_account_even_in_older_entries(
    as_user, admin_user, officer_a
):
    # An entry stored while the password was recorded masked: the tail of the hash.
    tail = officer_a.password[-8:]
    AuditEntry.objects.log_create(
        officer_a,
        force_log=True,
        action=AuditEntry.Action.UPDATE,
        changes={"password": ["*" * 20 + "abcdefgh", "*" * 20 + tail], "first_name": ["", "X"]},
    )
    rows = table_rows(as_user(admin_user).get("/audit/", {"actor": ""}))
    assert "Officer_A" in rows  # the account's creation and its change are listed
    assert "First name" in rows  # a change's other fields still show
    assert "password" not in rows.lower()
    assert tail not in rows and "abcdefgh" not in rows and "*****" not in rows


def test_trail_rows_cannot_be_changed_or_deleted(district_a):
    entry = entries_for(district_a).first()
    entry.object_repr = "forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="forged")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).object_repr != "forged"


def test_access_log_rows_cannot_be_changed_or_deleted(admin_user):
    row = log_access(user=admin_user, action=AccessLog.Action.EXPORT, description="test export")
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.update(description="x")


def test_no_page_changes_the_trail(as_user, admin_user, district_a):
    """The trail pages are read-only: a POST changes nothing."""
    client = as_user(admin_user)
    count = AuditEntry.objects.count()
    for url in ("/audit/", "/audit/access/"):
        client.post(url, {"object_repr": "forged"})
    assert AuditEntry.objects.count() == count
    assert not AuditEntry.objects.filter(object_repr="forged").exists()


def test_admin_reads_the_trail_of_own_region_only(
    as_user, admin_user, other_admin_user, district_a, district_c
):
    district_update(actor=admin_user, district=district_a, name_ru="Район Альфа")
    district_update(actor=other_admin_user, district=district_c, name_ru="Район Гамма")
    rows = table_rows(as_user(admin_user).get("/audit/"))
    assert "Район Альфа" in rows
    assert "Район Гамма" not in rows


def test_trail_is_filtered_by_user_and_date(as_user, admin_user, district_a, district_b):
    district_update(actor=admin_user, district=district_a, name_ru="Район Альфа")
    client = as_user(admin_user)
    everyone = table_rows(client.get("/audit/"))
    assert "Район Альфа" in everyone and "Район Б" in everyone
    by_admin = table_rows(client.get("/audit/", {"actor": admin_user.pk}))
    assert "Район Альфа" in by_admin
    assert "Район Б" not in by_admin  # created by the system account, not the admin
    future = table_rows(client.get("/audit/", {"date_from": "2999-01-01"}))
    assert "Район Альфа" not in future


def test_trail_page_query_count_does_not_grow_with_rows(
    as_user, admin_user, district_a, django_assert_max_num_queries
):
    client = as_user(admin_user)
    client.get("/audit/")
    for number in range(30):
        district_update(actor=admin_user, district=district_a, name_ru=f"Район {number}")
    # One more query per kind of record on the page (its label in the reader's language).
    with django_assert_max_num_queries(16):
        assert client.get("/audit/").status_code == 200


def test_access_log_page_filters_by_user_and_child(as_user, admin_user, officer_a, district_a):
    log_access(
        user=officer_a,
        action=AccessLog.Action.VIEW,
        description="child 7 opened",
        district_id=district_a.pk,
        region_id=district_a.region_id,
        child_id=7,
    )
    log_access(
        user=officer_a,
        action=AccessLog.Action.VIEW,
        description="child 8 opened",
        district_id=district_a.pk,
        region_id=district_a.region_id,
        child_id=8,
    )
    client = as_user(admin_user)
    rows = table_rows(client.get("/audit/access/", {"child": 7}))
    assert "child 7 opened" in rows and "child 8 opened" not in rows
    rows = table_rows(client.get("/audit/access/", {"user": officer_a.pk}))
    assert "child 7 opened" in rows
    rows = table_rows(client.get("/audit/access/", {"user": admin_user.pk}))
    assert "child 7 opened" not in rows
