"""The benefits lists' Excel downloads: each holds its page's rows under the same
filter, with the page's columns, in a constant number of queries, and is logged."""

import datetime
from decimal import Decimal

import pytest

from benefits.services.alimony import alimony_payment_add
from registry.models import AccessLog
from tests.benefits.test_views import LISTS, add_order, fill_benefits
from tests.downloads import assert_download_is_the_page

TABLES = {"/benefits/alimony/": "alimony-children"}


@pytest.fixture
def lists(officer_a, officer_b, district_a, district_b, child_a):
    fill_benefits(officer_a, district_a, 3)
    fill_benefits(officer_b, district_b, 2, first=10)
    share = add_order(
        officer_a, child_a, monthly_amount=None, income_share="1/4", debtor_name="Омаров Ерлан"
    )
    alimony_payment_add(
        actor=officer_a, order=share, date=datetime.date(2020, 3, 1), amount=Decimal("31000.50")
    )


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("reader", ["officer_a", "regional_user"])
def test_each_download_holds_the_rows_of_its_page(as_user, request, lists, url, reader):
    client = as_user(request.getfixturevalue(reader))
    rows = assert_download_is_the_page(client, url, table_id=TABLES.get(url))
    assert len(rows) > 1
    assert ("District" in rows[0]) == (reader == "regional_user")


def test_amounts_are_numbers_and_labels_text(as_user, officer_a, lists, child_a):
    rows = assert_download_is_the_page(
        as_user(officer_a), "/benefits/alimony/", table_id="alimony-children"
    )
    header = rows[0]
    omarov = next(row for row in rows if row[0] == child_a.full_name)
    assert omarov[header.index("Received (tenge)")] == 31000.5
    assert omarov[header.index("Ordered (tenge)")] == "share of income"
    missing = assert_download_is_the_page(as_user(officer_a), "/benefits/")
    assert (
        "allowance for the loss of a breadwinner; monthly payment to the guardian for upkeep"
        in [row[-1] for row in missing]
    )


def test_the_download_keeps_the_filter(as_user, regional_user, district_b, lists):
    client = as_user(regional_user)
    rows = assert_download_is_the_page(
        client, "/benefits/alimony/unpaid/", {"district": district_b.pk}
    )
    assert {row[1] for row in rows[1:]} == {str(district_b)}


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
    fill_benefits(officer_a, district_a, 2)
    with django_assert_max_num_queries(12) as small:
        client.get(url, {"format": "xlsx"})
    fill_benefits(officer_a, district_a, 12, first=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url, {"format": "xlsx"})


def _sheet(response, title):
    import io

    from openpyxl import load_workbook

    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content))[title]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_alimony_download_holds_the_figures_per_district_and_their_total(
    as_user, regional_user, officer_a, lists
):
    from tests.downloads import page_table

    client = as_user(regional_user)
    page = client.get("/benefits/alimony/")
    shown = page_table(page, "alimony-districts")
    rows = _sheet(client.get("/benefits/alimony/", {"format": "xlsx"}), "By district")
    assert rows[0] == shown["headers"]
    assert [row[0] for row in rows[1:]] == [*(row[0] for row in shown["rows"]), "Total"]
    for written, row in zip(rows[1:], shown["rows"], strict=False):
        assert written[1] == int(row[1])
    total = rows[-1]
    for column in range(1, 5):
        assert total[column] == sum(row[column] for row in rows[1:-1])
    assert total[3] > 0  # what was received, the share of income's payment included
    # An officer's one district: its row, no total.
    rows = _sheet(as_user(officer_a).get("/benefits/alimony/", {"format": "xlsx"}), "By district")
    assert len(rows) == 2 and rows[1][0] != "Total"
