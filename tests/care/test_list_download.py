"""The youth home waiting list's Excel download: the page's rows and columns, and
its views and downloads in the access log."""

import datetime

import pytest
from django.utils import timezone

from care.services.youth_homes import waiting_add
from children.models import PlacementEndReason
from registry.models import AccessLog
from tests.downloads import assert_download_is_the_page


def today():
    """Read at each use: a run that crosses midnight sees the services' day."""
    return timezone.localdate()


URL = "/youth-homes/waiting/"


@pytest.fixture
def waiting(officer_a, make_graduate, youth_home):
    for number in range(3):
        minor = make_graduate(
            birth_date=today().replace(year=today().year - 17)
            - datetime.timedelta(days=30 + number),
            left_on=today() - datetime.timedelta(days=20),
            reason=PlacementEndReason.OTHER,
        )
        waiting_add(
            actor=officer_a,
            child=minor,
            start_date=today() - datetime.timedelta(days=10 + number),
            institution=youth_home if number else None,
        )


@pytest.mark.parametrize("reader", ["officer_a", "regional_user"])
def test_the_download_holds_the_rows_of_the_page(as_user, request, waiting, reader):
    rows = assert_download_is_the_page(as_user(request.getfixturevalue(reader)), URL)
    assert len(rows) == 1 + 3
    assert ("District" in rows[0]) == (reader == "regional_user")


def test_another_districts_download_is_empty(as_user, officer_b, waiting):
    from tests.downloads import workbook_rows

    rows = workbook_rows(as_user(officer_b).get(URL, {"format": "xlsx"}))
    assert len(rows) == 1  # the header only


def test_the_page_and_the_download_are_in_the_access_log(as_user, officer_a, waiting):
    client = as_user(officer_a)
    for params in ({}, {"format": "xlsx"}):
        client.get(URL, params)
        entry = AccessLog.objects.order_by("pk").last()
        assert entry.parameters["list"] == "care_waiting" and entry.parameters["children"] == 3
        assert entry.parameters["filter"] == [[key, value] for key, value in params.items()]


def test_readers_download_the_danger_visits_of_their_follow_up_page(
    as_user, officer_a, regional_user, other_regional_user, family
):
    from tests.care.factories import record_visit

    record_visit(
        officer_a,
        family,
        today() - datetime.timedelta(days=3),
        conclusion="danger",
        action_description="Move the child",
        action_due_date=today(),
        action_responsible="Омарова Г.",
    )
    record_visit(
        officer_a,
        family,
        today() - datetime.timedelta(days=2),
        conclusion="danger",
        action_description="Talk to the guardian",
        action_due_date=today() + datetime.timedelta(days=5),
        action_responsible="Омарова Г.",
    )
    rows = assert_download_is_the_page(
        as_user(regional_user), "/follow-up/", table_id="danger-visits"
    )
    assert rows[0] == ["Child", "District", "Visit", "Open actions", "First due by"]
    assert [(row[3], row[4].date()) for row in rows[1:]] == [
        (1, today()),
        (1, today() + datetime.timedelta(days=5)),
    ]
    entry = AccessLog.objects.order_by("pk").last()
    assert entry.parameters["list"] == "care_danger" and entry.parameters["children"] == 1
    from tests.downloads import workbook_rows

    other = workbook_rows(as_user(other_regional_user).get("/follow-up/", {"format": "xlsx"}))
    assert other == [rows[0]]


# --- the officer's work list and the youth homes ----------------------------------------


def test_the_officers_work_list_downloads_what_is_due(as_user, officer_a, officer_b, family):
    from tests.downloads import workbook_rows

    client = as_user(officer_a)
    page = client.get("/follow-up/").content.decode()
    assert "format=xlsx" in page
    rows = assert_download_is_the_page(client, "/follow-up/")
    assert rows[0] == ["Child", "What is due", "Details"]
    assert len(rows) > 1
    entry = AccessLog.objects.order_by("pk").last()
    assert entry.parameters["list"] == "care_work_list" and entry.parameters["children"] == 1
    # Another district's officer: their own work list, without this child.
    other = workbook_rows(as_user(officer_b).get("/follow-up/", {"format": "xlsx"}))
    assert all(family.child.full_name not in row for row in other)


@pytest.mark.parametrize("reader", ["officer_a", "officer_b", "regional_user"])
def test_the_youth_homes_download_is_the_table_of_the_page(
    as_user, request, officer_a, make_graduate, youth_home, reader
):
    from care.services.youth_homes import youth_home_stay_add

    young = make_graduate(
        birth_date=today().replace(year=today().year - 19), left_on=today() - datetime.timedelta(60)
    )
    youth_home_stay_add(
        actor=officer_a,
        child=young,
        institution=youth_home,
        start_date=today() - datetime.timedelta(30),
    )
    client = as_user(request.getfixturevalue(reader))
    rows = assert_download_is_the_page(client, "/youth-homes/")
    assert rows[0][:4] == ["Youth home", "District", "Places", "Occupied"]
    # Places, occupied, free, waiting: the figures count everyone, whoever reads them.
    assert rows[1:] == [["Youth home A", str(youth_home.district), 2, 1, 1, 0]]
    entry = AccessLog.objects.order_by("pk").last()
    assert entry.parameters["list"] == "care_youth_homes"
    assert entry.parameters["filter"] == [["format", "xlsx"]]


@pytest.mark.parametrize("url", ["/follow-up/", "/youth-homes/"])
def test_the_downloads_query_count_stays_constant(
    as_user, officer_a, district_a, children_home, youth_home, url, django_assert_max_num_queries
):
    from tests.care.test_views import add_cases
    from tests.downloads import workbook_rows

    client = as_user(officer_a)
    add_cases(officer_a, district_a, children_home, 2)
    client.get("/")  # the session's first request sets its clocks
    with django_assert_max_num_queries(30) as small:
        client.get(url, {"format": "xlsx"})
    add_cases(officer_a, district_a, children_home, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        rows = workbook_rows(client.get(url, {"format": "xlsx"}))
    assert len(rows) > 1
