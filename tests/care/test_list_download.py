"""The youth home waiting list's Excel download: the page's rows and columns, and
its views and downloads in the access log."""

import datetime

import pytest
from django.utils import timezone

from care.services.youth_homes import waiting_add
from children.models import PlacementEndReason
from registry.models import AccessLog
from tests.downloads import assert_download_is_the_page

TODAY = timezone.localdate()
URL = "/youth-homes/waiting/"


@pytest.fixture
def waiting(officer_a, make_graduate, youth_home):
    for number in range(3):
        minor = make_graduate(
            birth_date=TODAY.replace(year=TODAY.year - 17) - datetime.timedelta(days=30 + number),
            left_on=TODAY - datetime.timedelta(days=20),
            reason=PlacementEndReason.OTHER,
        )
        waiting_add(
            actor=officer_a,
            child=minor,
            start_date=TODAY - datetime.timedelta(days=10 + number),
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
