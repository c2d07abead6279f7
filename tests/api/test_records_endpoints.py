"""The records over HTTP: children's documents page by page, one child, the rows of a
kind of record, the change feed a consumer follows, and records pushed in (with a
dry run, retries, refusals in the caller's language, a bound on the body)."""

import datetime
import json

import pytest
from django.db import transaction
from django.utils import timezone, translation

from children.iin import make_iin
from children.models import Child, PlacementForm
from children.services.transfers import child_transfer
from exchange.api import check_records
from exchange.workbook.scope import ImportScope
from registry.models import AccessLog, AuditEntry
from tests.children.factories import place, register_child
from tests.exchange.workbooks import audit_snapshot, register_counts, run_import, without_ids

pytestmark = pytest.mark.django_db

d = datetime.date
SON = make_iin(d(2016, 4, 2), "M", 601)
DAUGHTER = make_iin(d(2012, 9, 20), "F", 602)


@pytest.fixture
def children(officer_a, officer_b, district_a, district_b):
    """Three children of district a (one placed under guardianship), two of b."""
    made = {}
    for name in ("a1", "a2", "a3"):
        made[name] = register_child(officer_a, district_a, last_name=f"Ахметов {name}")
    place(officer_a, made["a1"], PlacementForm.GUARDIANSHIP, d(2021, 1, 1))
    for name in ("b1", "b2"):
        made[name] = register_child(officer_b, district_b, last_name=f"Бекова {name}")
    return made


def ok(response) -> dict:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def problem(response, status) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def every_page(client, url) -> list:
    """The results of every page, following `next`."""
    found = []
    while url:
        body = ok(client.get(url))
        found += body["results"]
        url = body["next"]
    return found


def last_api_line():
    return AccessLog.objects.filter(action=AccessLog.Action.API).order_by("-pk").first()


# --- children ------------------------------------------------------------------------


def test_children_of_the_tokens_area_page_by_page(api, district_token, regional_token, children):
    officer, regional = api(district_token), api(regional_token)
    documents = every_page(officer, "/api/v1/children?limit=2")
    assert [doc["id"] for doc in documents] == sorted(
        child.pk for key, child in children.items() if key.startswith("a")
    )
    first = documents[0]
    assert first["district"] == "a" and first["iin"] == children["a1"].iin
    assert first["Placements"][0]["form"] == PlacementForm.GUARDIANSHIP
    assert first["Placements"][0]["start_date"] == "2021-01-01"
    assert {"Statuses", "Transfers", "LifePlans"} <= set(first)
    assert last_api_line().parameters["records"] == 1  # the last page: one child

    region = every_page(regional, "/api/v1/children?limit=3")
    assert sorted(doc["id"] for doc in region) == sorted(c.pk for c in children.values())
    only_b = every_page(regional, "/api/v1/children?district=b")
    assert sorted(doc["id"] for doc in only_b) == sorted([children["b1"].pk, children["b2"].pk])


def test_a_district_outside_the_area_is_404(api, district_token, regional_token, children):
    assert problem(api(district_token).get("/api/v1/children?district=b"), 404)
    assert problem(api(regional_token).get("/api/v1/children?district=c"), 404)
    assert problem(api(district_token).get("/api/v1/records/Statuses?district=b"), 404)
    assert ok(api(district_token).get("/api/v1/children?district=a"))["results"]


def test_a_cursor_of_another_endpoint_or_changed_is_refused(api, district_token, children):
    officer = api(district_token)
    next_url = ok(officer.get("/api/v1/children?limit=1"))["next"]
    cursor = next_url.split("cursor=")[1].split("&")[0]
    body = problem(officer.get(f"/api/v1/records/Statuses?cursor={cursor}"), 400)
    assert body["errors"][0]["field"] == "cursor"
    assert problem(officer.get(f"/api/v1/children?cursor={cursor}x"), 400)


def test_one_child(api, district_token, regional_token, children):
    officer = api(district_token)
    child = children["a1"]
    document = ok(officer.get(f"/api/v1/children/{child.pk}"))
    listed = ok(officer.get("/api/v1/children?limit=1"))["results"][0]
    assert document == listed
    assert ok(api(regional_token).get(f"/api/v1/children/{children['b1'].pk}"))["district"] == "b"
    # Another district's child, and no child: the same 404.
    other = problem(officer.get(f"/api/v1/children/{children['b1'].pk}"), 404)
    missing = problem(officer.get("/api/v1/children/987654"), 404)
    assert other == missing
    assert problem(officer.get(f"/api/v1/children/{2**64}"), 404) == missing


def test_rows_of_a_kind_of_record(api, district_token, regional_token, children):
    rows = every_page(api(district_token), "/api/v1/records/Statuses?limit=1")
    area_a = sorted(child.pk for key, child in children.items() if key.startswith("a"))
    assert [row["child_id"] for row in rows] == area_a
    assert rows[0]["iin"] == children["a1"].iin and rows[0]["category"] == "without_care"
    placements = every_page(api(district_token), "/api/v1/records/Placements")
    assert [row["child_id"] for row in placements] == [children["a1"].pk]
    assert len(every_page(api(regional_token), "/api/v1/records/Statuses")) == 5
    assert every_page(api(regional_token), "/api/v1/records/LifePlans") == []
    unknown = problem(api(district_token).get("/api/v1/records/Kids"), 404)
    assert unknown["type"] == "urn:registry:problem:not_found"


def test_pages_are_a_fixed_number_of_queries(
    api, district_token, children, officer_a, district_a, django_assert_max_num_queries
):
    officer = api(district_token)
    officer.get("/api/v1/children")  # the token's last use is written once a minute
    with django_assert_max_num_queries(40) as few:
        ok(officer.get("/api/v1/children"))
    for _ in range(10):
        register_child(officer_a, district_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(ok(officer.get("/api/v1/children"))["results"]) == 13
    with django_assert_max_num_queries(len(few.captured_queries)):
        ok(officer.get("/api/v1/records/Statuses"))


# --- the change feed -----------------------------------------------------------------------


def follow(client, copy: dict, cursor: int, limit: int = 2) -> int:
    """A consumer over HTTP: asks /api/v1/changes until it answers nothing."""
    for _call in range(100):
        body = ok(client.get(f"/api/v1/changes?cursor={cursor}&limit={limit}"))
        if not body["results"]:
            assert body["cursor"] == cursor
            return cursor
        for item in body["results"]:
            if item["action"] == "upsert":
                copy[item["id"]] = item["record"]
            else:
                copy.pop(item["id"], None)
        cursor = body["cursor"]
    raise AssertionError("The feed did not end.")


def test_a_consumer_following_the_feed_holds_the_register(
    api, district_token, regional_token, children, officer_a, district_b
):
    officer = api(district_token)
    copy = {}
    cursor = follow(officer, copy, 0)
    pages = {doc["id"]: doc for doc in every_page(officer, "/api/v1/children")}
    assert copy == pages and len(copy) == 3

    # The region's consumer, from a date.
    regional = api(regional_token)
    since = ok(regional.get(f"/api/v1/changes?since={timezone.localdate()}&limit=1000"))
    assert {item["id"] for item in since["results"]} == {c.pk for c in children.values()}

    # A transfer out of the district: a removal for district a's consumer.
    moved = Child.objects.get(pk=children["a2"].pk)
    child_transfer(
        actor=officer_a,
        child=moved,
        version=moved.version,
        to_district=district_b,
        date=d(2024, 5, 1),
    )
    body = ok(officer.get(f"/api/v1/changes?cursor={cursor}"))
    assert [(item["action"], item["id"]) for item in body["results"]] == [("remove", moved.pk)]
    assert body["results"][0]["child"] == moved.iin
    follow(officer, copy, cursor)
    assert copy == {doc["id"]: doc for doc in every_page(officer, "/api/v1/children")}
    assert moved.pk not in copy and len(copy) == 2


def test_pages_then_the_feed_from_the_day_they_were_read(
    api, district_token, children, officer_a, district_a, district_b
):
    """The README's way: note the day, read the pages, then follow the feed from
    `since=<that day>` and its cursors."""
    officer = api(district_token)
    day = timezone.localdate()
    copy = {doc["id"]: doc for doc in every_page(officer, "/api/v1/children?limit=2")}
    added = register_child(officer_a, district_a)
    moved = Child.objects.get(pk=children["a3"].pk)
    child_transfer(
        actor=officer_a, child=moved, version=moved.version, to_district=district_b,
        date=d(2024, 5, 1),
    )  # fmt: skip
    first = ok(officer.get(f"/api/v1/changes?since={day}&limit=2"))
    for item in first["results"]:
        if item["action"] == "upsert":
            copy[item["id"]] = item["record"]
        else:
            copy.pop(item["id"], None)
    follow(officer, copy, first["cursor"])
    assert copy == {doc["id"]: doc for doc in every_page(officer, "/api/v1/children")}
    assert added.pk in copy and moved.pk not in copy


def test_the_feeds_parameters(api, district_token, children):
    officer = api(district_token)
    body = problem(officer.get("/api/v1/changes?cursor=1&since=2024-01-01"), 400)
    assert body["errors"][0]["field"] == "since"
    assert problem(officer.get("/api/v1/changes?since=1.1.2024"), 400)
    assert problem(officer.get("/api/v1/changes?cursor=-1"), 400)
    assert problem(officer.get("/api/v1/changes?cursor=x"), 400)
    later = ok(officer.get(f"/api/v1/changes?since={timezone.localdate().replace(year=2100)}"))
    assert later["results"] == []
    assert later["cursor"] == AuditEntry.objects.order_by("-pk").first().pk
    everything = ok(officer.get("/api/v1/changes?since=0001-01-01"))
    assert len(everything["results"]) == 3


# --- writes --------------------------------------------------------------------------------


def records() -> dict:
    """Two children of district a with their statuses and placements."""
    return {
        "Children": [
            {
                "iin": SON,
                "last_name": "Омаров",
                "first_name": "Арман",
                "birth_date": "2016-04-02",
                "sex": "M",
                "district": "a",
            },
            {
                "iin": DAUGHTER,
                "last_name": "Исаева",
                "first_name": "Дана",
                "birth_date": "2012-09-20",
                "sex": "F",
                "district": "a",
            },
        ],
        "Statuses": [
            {
                "iin": SON,
                "category": "orphan",
                "reason": "parents_died",
                "start_date": "2020-01-10",
            },
            {
                "iin": DAUGHTER,
                "category": "without_care",
                "reason": "deprived",
                "start_date": "2021-03-01",
            },
        ],
        "Placements": [
            {
                "iin": SON,
                "form": "guardianship",
                "carer_name": "Омарова Г.",
                "start_date": "2020-02-01",
            }
        ],
    }


def as_sheets(payload: dict) -> dict:
    """The same records as a workbook's sheets (tests.exchange.workbooks)."""
    sheets = {}
    for name, rows in payload.items():
        header = list(dict.fromkeys(column for row in rows for column in row))
        sheets[name] = [header, *[[row.get(column) for column in header] for row in rows]]
    return sheets


def push(client, payload, query=""):
    return client.post(
        f"/api/v1/records{query}",
        json.dumps(payload, ensure_ascii=False),
        content_type="application/json",
    )


def test_records_pushed_and_the_same_workbook_give_the_same_register(
    api, district_token, district_account, district_a
):
    start = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    class Undo(Exception):
        pass

    officer = api(district_token)
    with pytest.raises(Undo), transaction.atomic():
        result = run_import(
            as_sheets(records()),
            actor=district_account,
            scope=ImportScope.for_user(district_account),
        )
        assert result.written and not result.problems
        by_workbook = (
            {doc["id"]: doc for doc in every_page(officer, "/api/v1/children")},
            audit_snapshot(start),
            result.counts,
        )
        raise Undo
    assert not Child.objects.exists()

    body = ok(push(officer, records()))
    assert body["written"] is True and body["dry_run"] is False
    assert body["counts"] == by_workbook[2]
    assert body["counts"]["Children"] == {"created": 2, "updated": 0, "unchanged": 0}
    by_api = {doc["id"]: doc for doc in every_page(officer, "/api/v1/children")}
    assert without_ids(by_api) == without_ids(by_workbook[0])
    assert audit_snapshot(start) == by_workbook[1]
    assert AuditEntry.objects.filter(pk__gt=start, actor=district_account).exists()
    logged = AccessLog.objects.filter(action=AccessLog.Action.API).order_by("-pk")
    assert logged[0].parameters["call"] == "GET children"
    pushed = logged.filter(parameters__call="POST records").get()
    assert pushed.parameters["records"] == 5  # 2 children, 2 statuses, 1 placement

    # Sent again (a retry): nothing changes, nothing is audited.
    entries, before = AuditEntry.objects.count(), register_counts()
    again = ok(push(officer, records()))
    assert all(c["created"] == c["updated"] == 0 for c in again["counts"].values())
    assert AuditEntry.objects.count() == entries and register_counts() == before


def test_a_dry_run_writes_nothing(api, district_token, district_a):
    before, entries = register_counts(), AuditEntry.objects.count()
    body = ok(push(api(district_token), records(), "?dry_run=true"))
    assert body["written"] is False and body["dry_run"] is True
    assert body["counts"]["Children"]["created"] == 2
    assert register_counts() == before and AuditEntry.objects.count() == entries
    assert problem(push(api(district_token), records(), "?dry_run=maybe"), 400)


BAD = {
    "Children": [
        {"iin": SON, "last_name": "Омаров", "first_name": "", "birth_date": "31.02.2016",
         "sex": "X", "district": "a"},
    ],
    "Statuses": [{"iin": SON, "category": "orphan", "start_date": "someday"}],
    "Kids": [],
}  # fmt: skip


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_refused_records_are_422_in_the_callers_language(
    api, district_token, district_account, language
):
    before = register_counts()
    for query in ("", "?dry_run=true"):
        body = problem(push(api(district_token, language=language), BAD, query), 422)
        assert register_counts() == before
        assert body["type"] == "urn:registry:problem:records_refused"
        with translation.override(language):
            expected = check_records(
                user=district_account, payload=BAD, scope=ImportScope.for_user(district_account)
            )
        assert [
            (e.get("sheet"), e.get("row"), e.get("column"), e["message"]) for e in body["errors"]
        ] == [(p.sheet or None, p.row, p.column or None, p.message) for p in expected.problems]
        where = {(e.get("sheet"), e.get("row"), e.get("column")) for e in body["errors"]}
        assert ("Children", 1, "birth_date") in where and ("Statuses", 1, "start_date") in where
        assert ("Kids", None, None) in where
    if language != "en":
        english = problem(push(api(district_token, language="en"), BAD), 422)
        assert body["errors"] != english["errors"]


def test_the_body_is_bounded_and_must_be_json(api, district_token, settings, district_a):
    officer = api(district_token)
    settings.API_MAX_BODY_BYTES = 2048
    large = {"Children": [{**records()["Children"][0], "last_name": "Ы" * 2000}]}
    body = problem(push(officer, large), 413)
    assert body["type"] == "urn:registry:problem:too_large"
    broken = officer.post("/api/v1/records", '{"Children": [', content_type="application/json")
    assert problem(broken, 400)["detail"] == "The body is not JSON in UTF-8."
    not_utf8 = officer.post(
        "/api/v1/records", "{}".encode("utf-16"), content_type="application/json"
    )
    assert problem(not_utf8, 400)
    assert problem(officer.post("/api/v1/records", {"a": "b"}), 415)
    assert not Child.objects.exists()


def test_a_regions_token_does_not_write(api, regional_token, district_a):
    assert problem(push(api(regional_token), records()), 403)
    assert problem(push(api(regional_token), records(), "?dry_run=true"), 403)
    assert not Child.objects.exists()


def test_an_officers_token_writes_its_district_only(api, district_token, district_b):
    payload = records()
    payload["Children"][0]["district"] = "b"
    body = problem(push(api(district_token), payload), 422)
    assert body["errors"][0]["sheet"] == "Children"
    assert not Child.objects.exists()
