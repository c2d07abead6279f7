"""The children behind a figure, downloaded: the page's rows (every one the user may
see) and columns, logged like the page."""

import pytest

from registry.models import AccessLog
from tests.downloads import assert_download_is_the_page, workbook_rows

URL = "/reports/children/"


@pytest.mark.parametrize(
    "params",
    [
        {"key": "contingent.family", "year": 2024, "region": "r1"},
        {"key": "contingent.total", "year": 2024, "region": "r1"},
    ],
)
def test_the_download_holds_the_rows_of_the_page(as_user, regional_user, register, params):
    rows = assert_download_is_the_page(as_user(regional_user), URL, params)
    assert rows[0] == ["Name", "IIN", "Birth date", "District"]
    assert len(rows) > 1


def test_suspected_duplicates_come_with_their_twins(as_user, regional_user, officer_a, register):
    params = {"key": "quality.duplicate_suspects", "year": 2024, "region": "r1"}
    rows = assert_download_is_the_page(as_user(regional_user), URL, params)
    assert rows[0] == ["Name", "IIN", "Birth date", "District", "Suspected twin"]
    c9, c10 = register["c9"], register["c10"]
    assert sorted(row[0::4] for row in rows[1:]) == sorted(
        [[c9.full_name, c10.full_name], [c10.full_name, c9.full_name]]
    )
    # district A's officer does not see c10: its twin is in a district it cannot see
    rows = assert_download_is_the_page(as_user(officer_a), URL, {**params, "region": ""})
    [(name, iin, born, district, twin)] = rows[1:]
    assert (name, iin, born.date(), district) == (c9.full_name, c9.iin, c9.birth_date, "Район А")
    assert twin == "kept by a district you cannot see"


def test_the_download_of_a_figure(as_user, regional_user, register):
    rows = workbook_rows(
        as_user(regional_user).get(
            URL, {"key": "contingent.family", "year": 2024, "region": "r1", "format": "xlsx"}
        )
    )
    expected = {register[name].full_name for name in ("c3", "c5", "c11")}
    assert {row[0] for row in rows[1:]} == expected


def test_an_officer_downloads_only_the_children_the_district_keeps(as_user, officer_a, register):
    params = {"key": "contingent.total_prev", "year": 2024}
    rows = assert_download_is_the_page(as_user(officer_a), URL, params)
    assert register["c5"].full_name not in [row[0] for row in rows]
    entry = AccessLog.objects.order_by("pk").last()
    assert entry.parameters["list"] == "children_behind"
    assert ["format", "xlsx"] in entry.parameters["filter"]
    assert entry.parameters["children"] == len(rows) - 1


def test_an_unknown_figure_is_404_for_the_download_too(as_user, regional_user, register):
    response = as_user(regional_user).get(URL, {"key": "nothing", "format": "xlsx"})
    assert response.status_code == 404
