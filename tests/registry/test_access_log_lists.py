"""Reading lists of children is in the access log: one entry per page view, with the
filter as given and the number of children the page shows; the access-log page names
them in the reader's language."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from children.models import Category, PlacementForm
from registry.models import AccessLog, Role
from tests.children.factories import place, register_child
from tests.conftest import table_rows

D = datetime.date
THIS_YEAR = datetime.date.today().year

# (URL, the list's name in the entry, who reads it)
LISTS = [
    ("/children/", "children", Role.OFFICER),
    (f"/reports/children/?key=contingent.total&year={THIS_YEAR}", "children_behind", Role.OFFICER),
    ("/housing/", "housing_queue", Role.OFFICER),
    ("/housing/without-housing/", "housing_without", Role.OFFICER),
    ("/housing/graduates/", "housing_graduates", Role.OFFICER),
    ("/benefits/", "benefits_missing_allowance", Role.OFFICER),
    ("/benefits/alimony/", "alimony_balance", Role.OFFICER),
    ("/benefits/alimony/unpaid/", "alimony_unpaid", Role.OFFICER),
    ("/audit/", "audit_trail", Role.ADMIN),
    ("/audit/access/", "access_log", Role.ADMIN),
]


@pytest.fixture
def two_children(officer_a, district_a):
    first = register_child(officer_a, district_a, birth_date=D(2015, 6, 1), first_name="Арман")
    second = register_child(
        officer_a,
        district_a,
        birth_date=D(2016, 2, 3),
        first_name="Ерлан",
        category=Category.ORPHAN,
        reason="parents_died",
    )
    place(officer_a, first, PlacementForm.GUARDIANSHIP, D(2021, 1, 1))
    return first, second


def entries_of(user):
    return AccessLog.objects.filter(user=user, action=AccessLog.Action.LIST).order_by("pk")


@pytest.mark.parametrize(("url", "name", "role"), LISTS)
def test_every_list_view_is_one_entry_with_its_filter(
    as_user, officer_a, admin_user, two_children, url, name, role
):
    user = {Role.OFFICER: officer_a, Role.ADMIN: admin_user}[role]
    client = as_user(user)
    separator = "&" if "?" in url else "?"
    assert client.get(f"{url}{separator}page=1").status_code == 200
    entry = entries_of(user).get()
    assert entry.parameters["list"] == name
    assert ["page", "1"] in entry.parameters["filter"]
    assert isinstance(entry.parameters["children"], int)
    assert entry.remote_addr == "127.0.0.1"
    area = (entry.region_id, entry.district_id)
    assert area == (user.area_region_id, user.district_id)


def test_the_children_list_is_logged_with_its_search_and_the_children_shown(
    as_user, officer_a, two_children
):
    client = as_user(officer_a)
    client.get("/children/", {"q": "Ахметов"})
    client.get("/children/", {"q": "Ахметов", "category": "orphan"})
    client.get("/children/", {"q": two_children[0].iin})
    searched = [(e.parameters["filter"], e.parameters["children"]) for e in entries_of(officer_a)]
    assert searched == [
        ([["q", "Ахметов"]], 2),
        ([["q", "Ахметов"], ["category", "orphan"]], 1),
        ([["q", two_children[0].iin]], 1),
    ]
    assert entries_of(officer_a).first().description == "Children"


def test_the_drilldown_is_logged_with_the_figure_and_its_children(as_user, officer_a, two_children):
    as_user(officer_a).get("/reports/children/", {"key": "contingent.total", "year": THIS_YEAR})
    entry = entries_of(officer_a).get()
    assert entry.parameters["filter"] == [["key", "contingent.total"], ["year", str(THIS_YEAR)]]
    assert entry.parameters["children"] == 2


def test_the_audit_trail_counts_the_children_its_entries_name(as_user, admin_user, two_children):
    as_user(admin_user).get("/audit/")
    # The districts' entries name no child; the two children's records name them.
    assert entries_of(admin_user).get().parameters["children"] == 2


def test_the_access_log_describes_list_views_in_the_readers_language(
    as_user, officer_a, admin_user, regional_user, district_a, two_children
):
    as_user(officer_a).get("/children/", {"q": "Ахметов", "category": "orphan", "page": "1"})
    as_user(regional_user).get("/housing/", {"district": district_a.pk})
    rows = table_rows(as_user(admin_user).get("/audit/access/"))
    assert (
        "Children (IIN or name of the child or carer: Ахметов; Category: orphan; page: 1); children shown: 1"
        in rows
    )
    assert "Housing queue (District: Район А); children shown: 0" in rows
    assert "viewed a list" in rows
    rows = table_rows(as_user(admin_user, language="ru").get("/audit/access/"))
    assert "Категория: сирота" in rows and "Район: Район А" in rows
    assert "Очередь на жильё" in rows


def test_the_access_log_page_shows_its_own_view_on_the_next(as_user, admin_user):
    client = as_user(admin_user)
    assert "Access log" not in table_rows(client.get("/audit/access/"))
    assert "Access log; children shown: 0" in table_rows(client.get("/audit/access/"))


def test_a_long_or_repeated_filter_is_kept_as_given_and_cut(as_user, officer_a, district_a):
    query = "q=" + "x" * 500 + "&category=orphan&category=without_care"
    query += "".join(f"&n{number}=1" for number in range(40))  # only 30 pairs are kept
    as_user(officer_a).get("/children/?" + query)
    kept = entries_of(officer_a).get().parameters["filter"]
    assert kept[:3] == [["q", "x" * 200], ["category", "orphan"], ["category", "without_care"]]
    assert len(kept) == 30


def test_a_list_view_costs_one_insert_and_no_count_of_its_own(as_user, officer_a, two_children):
    client = as_user(officer_a)
    client.get("/children/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/children/", {"q": "Ахметов"})
    statements = [query["sql"] for query in queries.captured_queries]
    assert sum('INSERT INTO "registry_accesslog"' in sql for sql in statements) == 1
    assert sum("COUNT(" in sql.upper() for sql in statements) == 1  # the paginator's
