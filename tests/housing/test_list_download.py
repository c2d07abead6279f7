"""The housing lists' Excel downloads: each holds its page's rows under the same
filter, with the page's columns, in a constant number of queries, and is logged."""

import datetime

import pytest

from housing.services.queue import queue_entry_add
from registry.models import AccessLog
from tests.children.factories import register_child
from tests.downloads import assert_download_is_the_page
from tests.housing.test_views import LISTS, fill_housing


@pytest.fixture
def lists(officer_a, officer_b, district_a, district_b):
    fill_housing(officer_a, district_a, 4)
    fill_housing(officer_b, district_b, 2, first=10)
    child = register_child(officer_a, district_a, birth_date=datetime.date(2012, 3, 3))
    queue_entry_add(
        actor=officer_a,
        child=child,
        district=district_a,
        start_date=datetime.date(2021, 1, 1),
        position=9,
        position_on=datetime.date(2022, 5, 1),
    )


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("reader", ["officer_a", "regional_user"])
def test_each_download_holds_the_rows_of_its_page(as_user, request, lists, url, reader):
    client = as_user(request.getfixturevalue(reader))
    rows = assert_download_is_the_page(client, url)
    assert len(rows) > 1
    assert ("District" in rows[0]) == (reader == "regional_user" and url != "/housing/")


def test_the_queue_download_keeps_the_filter(as_user, regional_user, district_b, lists):
    client = as_user(regional_user)
    rows = assert_download_is_the_page(client, "/housing/", {"district": district_b.pk})
    assert {row[0] for row in rows[1:]} == {str(district_b)}
    assert "9 (as of 01.05.2022)" in [
        row[1] for row in assert_download_is_the_page(client, "/housing/")
    ]


@pytest.mark.parametrize("url", LISTS)
def test_each_download_is_in_the_access_log(as_user, officer_a, lists, url):
    as_user(officer_a).get(url, {"format": "xlsx"})
    entry = AccessLog.objects.order_by("pk").last()
    assert entry.action == AccessLog.Action.LIST and entry.user == officer_a
    assert entry.parameters["filter"] == [["format", "xlsx"]]
    assert entry.parameters["children"] > 0


@pytest.mark.parametrize("url", LISTS)
def test_download_query_counts_stay_constant(
    as_user, regional_user, officer_a, district_a, url, django_assert_max_num_queries
):
    client = as_user(regional_user)
    fill_housing(officer_a, district_a, 2)
    with django_assert_max_num_queries(10) as small:
        client.get(url, {"format": "xlsx"})
    fill_housing(officer_a, district_a, 12, first=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url, {"format": "xlsx"})
