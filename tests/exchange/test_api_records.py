"""The API's records (exchange.api): children's documents page by page, the change
feed, and records sent as JSON through the workbook import."""

import datetime
import re

import hypothesis
import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from hypothesis import strategies as st

from children.iin import make_iin
from children.models import Child, Placement, PlacementEndReason
from children.services.children import child_update_identity
from children.services.merge import child_merge
from children.services.placements import placement_end
from children.services.statuses import status_end
from children.services.transfers import child_transfer
from exchange.api import (
    changes,
    check_records,
    children_page,
    cursor_at,
    import_records,
)
from exchange.api.documents import RECORD_SHEETS
from exchange.workbook.exporter import Export
from exchange.workbook.scope import ExportScope, ImportScope
from exchange.workbook.sheets import SHEETS
from registry.audit import system_actor
from registry.models import AccessLog, AuditEntry
from tests.children.factories import register_child
from tests.exchange.workbooks import (
    BOY,
    GIRL,
    audit_snapshot,
    full_sheets,
    problem_lines,
    register_counts,
    run_check,
    run_import,
    table_counts,
    without_ids,
)

d = datetime.date
NEW_IIN = make_iin(d(2015, 6, 1), "M", 777)
TWIN_IIN = make_iin(d(2015, 6, 1), "M", 888)


# --- helpers ---------------------------------------------------------------------------


def all_documents(scope, **options) -> dict[int, dict]:
    documents, _next = children_page(scope, after=None, limit=10_000, **options)
    return {document["id"]: document for document in documents}


def as_payload(documents) -> dict:
    """Documents back into records to send: the Children sheet and each record sheet."""
    payload = {"Children": []}
    for document in documents:
        child = {k: v for k, v in document.items() if not isinstance(v, list) and k != "id"}
        payload["Children"].append(child)
        for sheet in RECORD_SHEETS:
            payload.setdefault(sheet.name, []).extend(document.get(sheet.name, []))
    return payload


def json_cell(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def sheets_as_payload(sheets: dict) -> dict:
    """The rows of a test workbook (tests.exchange.workbooks) as records to send."""
    payload = {}
    for name, (header, *rows) in sheets.items():
        payload[name] = [
            {column: json_cell(value) for column, value in zip(header, row, strict=False)}
            for row in rows
        ]
    return payload


def follow(user_or_scope, copy: dict, cursor: int, *, limit: int = 3) -> tuple[int, list]:
    """A consumer: calls the feed until it answers nothing, applying each item to
    `copy` (documents by id). The new cursor and every item seen."""
    seen = []
    for _call in range(1000):
        items, new_cursor = changes(user_or_scope, after=cursor, limit=limit)
        assert len(items) <= limit
        if not items:
            assert new_cursor == cursor
            return cursor, seen
        assert new_cursor > cursor
        assert [item["cursor"] for item in items] == sorted(item["cursor"] for item in items)
        assert items[-1]["cursor"] <= new_cursor
        for item in items:
            if item["action"] == "upsert":
                copy[item["id"]] = item["record"]
                assert item["child"] == item["record"]["iin"]
            else:
                assert item["action"] == "remove"
                copy.pop(item["id"], None)
        seen += items
        cursor = new_cursor
    raise AssertionError("The feed did not end.")


def twin_of(officer, child):
    """`child` registered again in its district without an IIN, after its first case
    was closed (its status ended): a suspected duplicate the two records can merge."""
    for status in child.statuses.filter(end_date=None):
        status_end(
            actor=officer,
            status=status,
            version=status.version,
            end_date=d(2024, 3, 1),
            end_reason="other",
        )
    for placement in child.placements.filter(end_date=None):
        placement_end(
            actor=officer,
            placement=placement,
            version=placement.version,
            end_date=d(2024, 3, 1),
            end_reason="other",
        )
    child.refresh_from_db()
    return register_child(
        officer,
        child.district,
        iin=None,
        birth_date=child.birth_date,
        sex=child.sex,
        last_name=child.last_name.upper(),
        first_name=child.first_name,
        registered_on=d(2024, 6, 1),
    )


# --- documents -------------------------------------------------------------------------


def test_documents_hold_the_exports_rows_page_by_page(care_register, district_a):
    scope = ExportScope.of_district(district_a)
    pages, cursor = [], None
    while True:
        documents, cursor = children_page(scope, after=cursor, limit=2)
        assert documents, "no empty last page"
        pages.append(documents)
        if cursor is None:
            break
    assert all(len(page) <= 2 for page in pages) and len(pages) > 2
    ids = [document["id"] for page in pages for document in page]
    assert (
        ids
        == sorted(ids)
        == list(
            Child.objects.filter(district=district_a).order_by("pk").values_list("pk", flat=True)
        )
    )
    # The documents, back as rows, are the export's rows of every sheet.
    export = Export(scope)
    for sheet in SHEETS[3:]:  # Children and each sheet of a child's records
        rows = [
            [value.isoformat() if isinstance(value, datetime.date) else value for value in row]
            for row in sheet.export_rows(export)
        ]
        expected = [
            [
                None if value == "" else str(value) if hasattr(value, "quantize") else value
                for value in row
            ]
            for row in rows
        ]
        if sheet.name == "Children":
            got = [[doc[c] for c in sheet.column_names] for page in pages for doc in page]
        else:
            got = [
                [row[c] for c in sheet.column_names]
                for page in pages
                for doc in page
                for row in doc[sheet.name]
            ]
        assert got == expected, sheet.name
    benefit = next(
        row for page in pages for doc in page for row in doc["Benefits"] if row["monthly_amount"]
    )
    assert isinstance(benefit["monthly_amount"], str) and "." in benefit["monthly_amount"]


def test_a_page_is_a_fixed_number_of_queries(care_register, district_a):
    scope = ExportScope.of_district(district_a)
    counts = []
    for limit in (1, 3, 100):
        with CaptureQueriesContext(connection) as queries:
            documents, _next = children_page(scope, after=None, limit=limit)
        counts.append(len(queries))
        assert len(documents) == min(limit, Child.objects.filter(district=district_a).count())
    assert counts[0] == counts[1] == counts[2] <= 15, counts


def test_documents_go_back_in_unchanged(care_register, district_a, officer_a):
    """A document reads as the workbook reads: sent back, nothing changes."""
    documents, _next = children_page(ExportScope.of_district(district_a), after=None, limit=500)
    before, entries = table_counts(), AuditEntry.objects.count()
    result = import_records(
        actor=officer_a, payload=as_payload(documents), scope=ImportScope.for_user(officer_a)
    )
    assert problem_lines(result) == []
    for sheet, figures in result.counts.items():
        assert figures["created"] == figures["updated"] == 0, (sheet, figures)
    assert AuditEntry.objects.count() == entries
    after = table_counts()
    assert after.pop("registry.AccessLog") == before.pop("registry.AccessLog") + 1  # logged
    assert after == before


def test_a_page_may_hold_some_sheets_only(care_register, district_a):
    documents, _next = children_page(
        ExportScope.of_district(district_a), after=None, limit=50, sheets=["Benefits"]
    )
    assert {key for doc in documents for key in doc if isinstance(doc[key], list)} == {"Benefits"}
    with pytest.raises(ValueError):
        children_page(ExportScope.of_district(district_a), after=None, limit=5, sheets=["Nope"])


def test_a_child_without_iin_has_the_exports_key(areas, officer_a):
    child = register_child(officer_a, areas["a"], iin=None)
    (document,), _next = children_page(ExportScope.of_district(areas["a"]), after=None, limit=5)
    assert document["iin"] == f"TMP-{child.pk}"
    assert document["Statuses"][0]["iin"] == f"TMP-{child.pk}"


def test_pages_follow_the_area(care_register, officer_a, regional_user, national_user):
    own = all_documents(ExportScope.for_user(officer_a))
    region = all_documents(ExportScope.for_user(regional_user))
    everything = all_documents(ExportScope.for_user(national_user))
    assert {doc["district"] for doc in own.values()} <= {"a"}  # registered there
    assert set(own) == set(
        Child.objects.filter(district=officer_a.district).values_list("pk", flat=True)
    )
    assert set(own) < set(region) < set(everything)


# --- the change feed -------------------------------------------------------------------


def test_a_consumer_following_the_feed_holds_the_register(
    care_register, officer_a, officer_b, regional_user, district_a, district_b, district_c
):
    copies = {user: {} for user in ("a", "b", "region")}
    consumers = {"a": officer_a, "b": officer_b, "region": regional_user}
    cursors = {}
    for name, user in consumers.items():
        cursors[name], _seen = follow(user, copies[name], 0)
        assert copies[name] == all_documents(ExportScope.for_user(user)), name

    # Changes through the services.
    c1 = care_register["c1"]
    placement = c1.placements.get(end_date=None)
    placement_end(
        actor=officer_a,
        placement=placement,
        version=placement.version,
        end_date=d(2025, 1, 10),
        end_reason=PlacementEndReason.OTHER,
    )
    newcomer = register_child(officer_a, district_a, iin=None, last_name="Жаңа")
    child_update_identity(
        actor=officer_a,
        child=newcomer,
        version=Child.objects.get(pk=newcomer.pk).version,
        iin=NEW_IIN,
        last_name="Жаңабаев",
        first_name=newcomer.first_name,
        birth_date=newcomer.birth_date,
        sex=newcomer.sex,
    )
    moving = care_register["c3"]
    moving.refresh_from_db()
    child_transfer(
        actor=officer_a,
        child=moving,
        version=moving.version,
        to_district=district_b,
        date=d(2025, 2, 1),
    )
    leaving = care_register["c1"]
    leaving.refresh_from_db()
    child_transfer(
        actor=officer_a,
        child=leaving,
        version=leaving.version,
        to_district=district_c,  # another region
        date=d(2025, 2, 1),
    )
    twin = twin_of(officer_a, care_register["c2"])
    kept = child_merge(actor=officer_a, keep=care_register["c2"], merge=twin, reason="Одна")

    seen = {}
    for name, user in consumers.items():
        cursors[name], seen[name] = follow(user, copies[name], cursors[name])
        assert copies[name] == all_documents(ExportScope.for_user(user)), name

    def actions(name, child):
        return [item["action"] for item in seen[name] if item["id"] == child.pk]

    assert actions("a", moving) == ["remove"]  # the old district learns of the transfer
    assert actions("b", moving) == ["upsert"]  # the new one gets the whole child
    assert actions("region", moving) == ["upsert"]  # still in the region
    assert actions("a", leaving) == ["remove"] and actions("region", leaving) == ["remove"]
    assert actions("b", leaving) == []
    assert actions("a", newcomer) == ["upsert"]  # its IIN known: one item, the last state
    assert copies["a"][newcomer.pk]["iin"] == NEW_IIN
    assert actions("a", twin) == ["remove"] and actions("a", kept) == ["upsert"]
    removal = next(item for item in seen["a"] if item["id"] == moving.pk)
    assert removal["child"] == moving.iin and "record" not in removal
    assert twin.pk not in copies["a"] and moving.pk in copies["b"]

    # Nothing more: the feed answers nothing and keeps the cursor.
    for name, user in consumers.items():
        assert changes(user, after=cursors[name], limit=5) == ([], cursors[name])


def test_a_removal_of_a_merged_child_names_its_key(areas, officer_a):
    child = register_child(officer_a, areas["a"], iin=None)
    twin = twin_of(officer_a, child)
    cursor = changes(officer_a, after=0, limit=50)[1]
    child_update_identity(
        actor=officer_a,
        child=twin,
        version=Child.objects.get(pk=twin.pk).version,
        iin=TWIN_IIN,
        last_name=twin.last_name,
        first_name=twin.first_name,
        birth_date=twin.birth_date,
        sex=twin.sex,
    )
    cursor = changes(officer_a, after=cursor, limit=50)[1]
    child_merge(actor=officer_a, keep=Child.objects.get(pk=child.pk), merge=twin, reason="Бір бала")
    items, _cursor = changes(officer_a, after=cursor, limit=50)
    by_id = {item["id"]: item for item in items}
    assert by_id[twin.pk] == {
        "cursor": by_id[twin.pk]["cursor"],
        "action": "remove",
        "id": twin.pk,
        "child": TWIN_IIN,
    }
    assert by_id[child.pk]["action"] == "upsert"
    assert by_id[child.pk]["child"] == TWIN_IIN  # the kept record took the IIN


def test_the_feed_reads_a_bounded_page(areas, officer_a, officer_b):
    children = [register_child(officer_a, areas["a"]) for _ in range(5)]
    register_child(officer_b, areas["b"])
    items, cursor = changes(officer_a, after=0, limit=2)
    assert [item["id"] for item in items] == [child.pk for child in children[:2]]
    # An item's cursor is a place to resume from.
    again, _cursor = changes(officer_a, after=items[0]["cursor"], limit=2)
    assert [item["id"] for item in again] == [child.pk for child in children[1:3]]
    rest, _cursor = changes(officer_a, after=cursor, limit=50)
    assert [item["id"] for item in rest] == [child.pk for child in children[2:]]


def test_the_feed_is_a_fixed_number_of_queries(care_register, officer_a, regional_user):
    """The entries (one query a batch), the documents (as a page), and, when children
    left the area, their keys (one or two queries): the same for one child or a
    hundred."""
    for user in (officer_a, regional_user):
        counts = []
        for limit in (1, 100):
            with CaptureQueriesContext(connection) as queries:
                items, _cursor = changes(user, after=0, limit=limit)
            counts.append(len(queries))
        assert len(items) > 5
        assert counts[0] <= counts[1] <= counts[0] + 2 <= 18, counts


def test_an_account_without_an_area_has_no_feed(areas, roleless_user):
    with pytest.raises(PermissionError):
        changes(roleless_user, after=0, limit=5)


def test_an_import_is_in_the_feed(areas, officer_a, officer_b):
    cursor_b = changes(officer_b, after=0, limit=10)[1]
    run_import(full_sheets(), actor=system_actor())
    copy = {}
    follow(officer_a, copy, 0)
    assert copy == all_documents(ExportScope.for_user(officer_a))
    copy_b = all_documents(ExportScope.for_user(officer_b))
    seen_b = {}
    follow(officer_b, seen_b, cursor_b)
    assert seen_b == copy_b and any(doc["iin"] == GIRL for doc in seen_b.values())


# --- writes --------------------------------------------------------------------------------


def test_records_and_workbook_give_the_same_register_and_trail(areas, officer_a):
    scope = ImportScope.everything()
    actor = system_actor()
    start = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        result = run_import(full_sheets(), actor=actor, scope=scope)
        assert problem_lines(result) == []
        by_workbook = (
            all_documents(ExportScope.everything()),
            audit_snapshot(start),
            result.counts,
        )
        raise Undo
    assert not Child.objects.exists()

    result = import_records(actor=actor, payload=sheets_as_payload(full_sheets()), scope=scope)
    assert problem_lines(result) == []
    by_records = (all_documents(ExportScope.everything()), audit_snapshot(start), result.counts)
    assert without_ids(by_records[0]) == without_ids(by_workbook[0])
    assert by_records[1] == by_workbook[1]
    assert by_records[2] == by_workbook[2]
    assert Child.objects.get(iin=BOY).placements.count() == 2

    # Sent again: nothing changes, nothing is audited.
    entries = AuditEntry.objects.count()
    again = import_records(actor=actor, payload=sheets_as_payload(full_sheets()), scope=scope)
    assert problem_lines(again) == []
    assert all(f["created"] == f["updated"] == 0 for f in again.counts.values())
    assert AuditEntry.objects.count() == entries


BAD_CELLS = {
    "Children": [
        ["iin", "last_name", "first_name", "middle_name", "birth_date", "sex", "district"],
        [BOY, "Омаров", "Арман", "", "31.02.2015", "X", "zz"],
        [GIRL, "И" * 300, "", None, "2009-03-10", "F", "a"],
    ],
    "Statuses": [
        ["iin", "category", "reason", "start_date", "end_date", "end_reason"],
        [BOY, "orphan", "parents_died", "2020-01-10", "someday", None],
        ["999999999999", "orphan", "parents_died", "2020-01-10", None, None],
    ],
    "Placements": [
        ["iin", "form", "institution", "start_date"],
        [GIRL, "shelter", None, "2023-06-01"],
    ],
}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_bad_records_get_the_workbooks_messages_and_write_nothing(areas, officer_a, language):
    before = register_counts()
    with translation.override(language):
        by_workbook = run_check(BAD_CELLS)
        result = import_records(
            actor=officer_a, payload=sheets_as_payload(BAD_CELLS), scope=ImportScope.everything()
        )
    assert not result.written and register_counts() == before
    # Rows: the workbook counts its header row, a list from its first row.
    assert [(p.sheet, p.row, p.column, p.message) for p in result.problems] == [
        (p.sheet, p.row - 1, p.column, p.message) for p in by_workbook.problems
    ]
    assert len(result.problems) >= 6
    if language == "ru":  # in the caller's language
        assert any(re.search("[а-я]", problem.message) for problem in result.problems)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ([], "The records must be an object"),
        ({}, "The records name none of the register's sheets"),
        ({"Kids": []}, "Kids: The template has no sheet by this name."),
        ({"Children": {"iin": BOY}}, "Children: A sheet is a list of rows"),
        ({"Children": ["x"]}, "Children, 1: A row is an object"),
        (
            {"Children": [{"iin": BOY, "last_name": "A", "nickname": "B"}]},
            "Children, 1, nickname: The sheet has no column by this name.",
        ),
        (
            {"Statuses": [{"iin": BOY, "category": ["orphan"], "start_date": "2020-01-01"}]},
            "Statuses, 1, category: A cell holds text, a number, true or false, or null.",
        ),
        ({"Statuses": [{"iin": BOY}]}, "Statuses, category: The required column"),
    ],
)
def test_a_malformed_request_is_problems_not_an_exception(areas, officer_a, payload, expected):
    before = register_counts()
    result = import_records(actor=officer_a, payload=payload, scope=ImportScope.everything())
    assert not result.written and register_counts() == before
    assert any(line.startswith(expected) for line in problem_lines(result)), problem_lines(result)
    assert problem_lines(
        check_records(user=officer_a, payload=payload, scope=ImportScope.everything())
    ) == (problem_lines(result))


def test_an_officer_cannot_write_another_districts_child(areas, officer_a, officer_b):
    other = register_child(officer_b, areas["b"])
    before, entries = register_counts(), AuditEntry.objects.count()
    payload = {
        "Children": [
            {
                "iin": other.iin,
                "last_name": "Басқа",
                "first_name": other.first_name,
                "birth_date": other.birth_date.isoformat(),
                "sex": other.sex,
                "district": "b",
            }
        ],
        "Statuses": [
            {"iin": other.iin, "category": "orphan", "start_date": "2024-01-01"},
        ],
    }
    result = import_records(actor=officer_a, payload=payload, scope=ImportScope.for_user(officer_a))
    assert not result.written
    assert problem_lines(result) == [
        "Children, 1, iin: This IIN cannot be imported into your area.",
        "Statuses, 1, iin: No child with this IIN on the Children sheet or among the children "
        "of your area.",
    ]
    assert register_counts() == before and AuditEntry.objects.count() == entries
    assert Child.objects.get(pk=other.pk).last_name == other.last_name


def test_records_are_audited_as_their_sender_and_logged(areas, officer_a):
    payload = sheets_as_payload(
        {name: rows for name, rows in full_sheets().items() if name in ("Children", "Statuses")}
    )
    payload["Children"] = [row for row in payload["Children"] if row["iin"] == BOY]
    payload["Statuses"] = [row for row in payload["Statuses"] if row["iin"] == BOY]
    result = import_records(actor=officer_a, payload=payload, scope=ImportScope.for_user(officer_a))
    assert problem_lines(result) == [] and result.written
    boy = Child.objects.get(iin=BOY)
    assert set(AuditEntry.objects.filter(child_id=boy.pk).values_list("actor_id", flat=True)) == {
        officer_a.pk
    }
    log = AccessLog.objects.get(action=AccessLog.Action.IMPORT)
    assert log.user == officer_a and log.description == "Records sent through the API"
    assert result.counts["Children"]["created"] == 1
    assert Placement.objects.count() == 0 and boy.statuses.count() == 1


def test_the_feed_starts_at_a_date(areas, officer_a):
    before = register_child(officer_a, areas["a"])
    moment = timezone.now()
    after = register_child(officer_a, areas["a"])
    items, _cursor = changes(officer_a, after=cursor_at(moment), limit=10)
    assert [item["id"] for item in items] == [after.pk]
    assert before.pk not in [item["id"] for item in items]
    assert changes(officer_a, after=cursor_at(timezone.now()), limit=10)[0] == []


# --- a random register -----------------------------------------------------------------

OPERATIONS = st.lists(
    st.tuples(
        st.one_of(
            st.tuples(st.just("register"), st.sampled_from("abc"), st.booleans()),
            st.tuples(st.just("transfer"), st.integers(0, 20), st.sampled_from("abc")),
            st.tuples(st.just("correct"), st.integers(0, 20), st.booleans()),
            st.tuples(st.just("end_status"), st.integers(0, 20), st.booleans()),
        ),
        st.one_of(st.none(), st.integers(1, 4)),  # then the consumers follow, by pages of
    ),
    max_size=14,
)


class Rollback(Exception):
    pass


@hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        hypothesis.HealthCheck.function_scoped_fixture,
        hypothesis.HealthCheck.too_slow,
    ],
)
@hypothesis.given(operations=OPERATIONS)
def test_consumers_of_a_random_register_hold_their_areas(
    areas, officer_a, officer_b, officer_c, regional_user, national_user, operations
):
    """Whatever the officers do, and whenever the consumers follow the feed (a page of
    one to four children), each consumer ends with its area's documents."""
    officers = {"a": officer_a, "b": officer_b, "c": officer_c}
    consumers = {"a": officer_a, "b": officer_b, "region": regional_user, "all": national_user}
    children = []

    def example():
        children.clear()
        start = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        # What the register held before (nothing: each example is undone).
        copies = {
            name: all_documents(ExportScope.for_user(user)) for name, user in consumers.items()
        }
        cursors = dict.fromkeys(consumers, start)
        day = d(2024, 1, 1)
        for (operation, first, second), page in operations:
            day += datetime.timedelta(days=3)
            act(operation, first, second, day)
            if page is not None:
                for name, user in consumers.items():
                    cursors[name], _seen = follow(user, copies[name], cursors[name], limit=page)
        for name, user in consumers.items():
            follow(user, copies[name], cursors[name], limit=3)
            assert copies[name] == all_documents(ExportScope.for_user(user)), name
        raise Rollback

    def act(operation, first, second, day):
        if operation == "register":
            children.append(
                register_child(officers[first], areas[first], iin="auto" if second else None)
            )
            return
        if not children:
            return
        child = Child.objects.select_related("district").get(pk=children[first % len(children)].pk)
        officer = next(o for o in officers.values() if o.district_id == child.district_id)
        try:
            if operation == "transfer":
                child_transfer(
                    actor=officer,
                    child=child,
                    version=child.version,
                    to_district=areas[second],
                    date=day,
                )
            elif operation == "correct":
                child_update_identity(
                    actor=officer,
                    child=child,
                    version=child.version,
                    iin=make_iin(child.birth_date, child.sex, (5000 + child.pk) % 10000)
                    if second
                    else child.iin,
                    last_name=child.last_name + "а",
                    first_name=child.first_name,
                    birth_date=child.birth_date,
                    sex=child.sex,
                )
            else:
                status = child.statuses.filter(end_date=None).first()
                if status is not None:
                    status_end(
                        actor=officer,
                        status=status,
                        version=status.version,
                        end_date=day,
                        end_reason="other" if second else "adopted",
                    )
        except ValidationError:
            pass  # refused by the rules (a transfer to its own district): nothing done

    with pytest.raises(Rollback), transaction.atomic():
        example()
