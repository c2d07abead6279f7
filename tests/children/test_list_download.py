"""The children list's Excel download: the page's rows under the same filter, all of
them rather than one page, its columns and headers, in the access log; a name that
could be a formula stays text."""

import datetime

import pytest

from children.models import PlacementForm
from registry.models import AccessLog
from tests.children.factories import place, register_child
from tests.downloads import assert_download_is_the_page, workbook_cells, workbook_rows

FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def children(officer_a, district_a, child_a, children_home):
    place(officer_a, child_a, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), children_home)
    register_child(
        officer_a,
        district_a,
        last_name="Қасымова",
        first_name="Айгерім",
        sex="F",
        birth_date=datetime.date(2010, 2, 1),
        iin=None,
    )
    register_child(officer_a, district_a, last_name=FORMULA, birth_date=datetime.date(2012, 5, 5))


@pytest.mark.parametrize(
    "params", [{}, {"form": "institution"}, {"form": "none"}, {"q": "касымова айгерим"}]
)
def test_the_download_holds_the_rows_of_the_page(as_user, officer_a, children, params):
    rows = assert_download_is_the_page(as_user(officer_a), "/children/", params)
    assert rows[0] == ["Name", "IIN", "Birth date", "Age", "Category", "Form of care"]


def test_readers_of_a_region_get_the_district_column_and_masked_iins(
    as_user, regional_user, children, child_a, child_b
):
    rows = assert_download_is_the_page(as_user(regional_user), "/children/")
    assert "District" in rows[0]
    assert child_a.iin not in [cell for row in rows for cell in row]
    assert any(str(cell).endswith(child_a.iin[-4:]) for row in rows for cell in row)
    assert "Исаева Дана" in [row[0] for row in rows]  # district B's child too


def test_an_officers_download_holds_only_the_district(as_user, officer_b, children, child_b):
    rows = assert_download_is_the_page(as_user(officer_b), "/children/")
    assert [row[0] for row in rows[1:]] == ["Исаева Дана"]


def test_the_download_holds_every_row_not_one_page(as_user, officer_a, district_a):
    for number in range(55):
        register_child(
            officer_a,
            district_a,
            birth_date=datetime.date(2012, 1, 1) + datetime.timedelta(days=number),
        )
    client = as_user(officer_a)
    page = client.get("/children/").content.decode()
    assert "Page 1 of 2" in page and "format=xlsx" in page
    rows = workbook_rows(client.get("/children/", {"format": "xlsx", "page": "2"}))
    assert len(rows) == 1 + 55


def test_a_very_long_list_is_cut_with_a_message(as_user, officer_a, district_a, settings):
    settings.LIST_DOWNLOAD_MAX_ROWS = 3
    for number in range(5):
        register_child(officer_a, district_a, birth_date=datetime.date(2012, 1, 1 + number))
    rows = workbook_rows(as_user(officer_a).get("/children/", {"format": "xlsx"}))
    assert len(rows) == 1 + 3 + 2  # the header, three children, a gap and the message
    assert rows[-1][0] == (
        "The list has 5 rows; this file holds the first 3. Narrow the filter to download the rest."
    )


def test_the_download_is_in_the_access_log(as_user, officer_a, children):
    before = AccessLog.objects.count()
    as_user(officer_a).get("/children/", {"form": "none", "format": "xlsx"})
    entry = AccessLog.objects.order_by("pk").last()
    assert AccessLog.objects.count() == before + 1
    assert entry.user == officer_a and entry.action == AccessLog.Action.LIST
    assert entry.parameters["list"] == "children"
    assert entry.parameters["filter"] == [["form", "none"], ["format", "xlsx"]]
    assert entry.parameters["children"] == 2  # Қасымова and the formula's namesake


def test_a_name_starting_with_equals_is_written_as_text(as_user, officer_a, children):
    sheet = workbook_cells(as_user(officer_a).get("/children/", {"format": "xlsx"}))
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    risky = next(each for each in cells if str(each.value).startswith("="))
    assert risky.value.startswith(FORMULA)
    assert risky.data_type == "s" and risky.quotePrefix


def test_headers_are_in_the_users_language(as_user, officer_a, children):
    for language, headers in (
        ("ru", ["Имя", "ИИН", "Дата рождения"]),
        ("kk", ["Аты-жөні", "ЖСН", "Туған күні"]),
    ):
        client = as_user(officer_a, language=language)
        rows = workbook_rows(client.get("/children/", {"format": "xlsx"}))
        assert rows[0][:3] == headers
        assert_download_is_the_page(client, "/children/")


def test_download_query_count_stays_constant(
    as_user, regional_user, officer_a, district_a, children_home, django_assert_max_num_queries
):
    client = as_user(regional_user)

    def fill(count, first):
        for number in range(count):
            child = register_child(
                officer_a, district_a, birth_date=datetime.date(2012, 1, 1 + first + number)
            )
            place(
                officer_a,
                child,
                PlacementForm.INSTITUTION,
                datetime.date(2020, 2, 1),
                institution=children_home,
            )

    fill(3, 0)
    client.get("/")  # the session's first request sets its clocks
    with django_assert_max_num_queries(12) as small:
        client.get("/children/", {"format": "xlsx"})
    fill(20, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        rows = workbook_rows(client.get("/children/", {"format": "xlsx"}))
    assert len(rows) == 1 + 23
    assert all(row[-1].endswith(f": {children_home}") for row in rows[1:])


# --- the institutions --------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["officer_a", "regional_user"])
def test_the_institutions_download_is_the_table_of_the_page(
    as_user, request, other_regional_user, children_home, reader
):
    client = as_user(request.getfixturevalue(reader))
    assert "format=xlsx" in client.get("/institutions/").content.decode()
    rows = assert_download_is_the_page(client, "/institutions/")
    assert rows[0] == ["Code", "Name", "District", "Kind", "Sector", "Places"]
    assert str(children_home) in [row[1] for row in rows[1:]]
    entry = AccessLog.objects.order_by("pk").last()
    assert entry.parameters["list"] == "institutions" and entry.parameters["children"] == 0
    # Another region's readers: its own institutions only (none here).
    other = as_user(other_regional_user).get("/institutions/", {"format": "xlsx"})
    assert len(workbook_rows(other)) == 1


def test_an_administrators_institutions_download_has_no_edit_column(
    as_user, admin_user, children_home
):
    rows = workbook_rows(as_user(admin_user).get("/institutions/", {"format": "xlsx"}))
    assert rows[0] == ["Code", "Name", "District", "Kind", "Sector", "Places"]
    assert [row[1] for row in rows[1:]] == [str(children_home)]


def test_the_institutions_download_query_count_stays_constant(
    as_user, actor, regional_user, district_a, django_assert_max_num_queries
):
    from children.models import InstitutionKind, Sector
    from children.services.institutions import institution_create

    def add(first, count):
        for number in range(first, first + count):
            institution_create(
                actor=actor,
                code=f"INST-{number}",
                name_kk=f"Балалар үйі {number}",
                name_ru=f"Детский дом {number}",
                name_en=f"Children's home {number}",
                district=district_a,
                kind=InstitutionKind.CHILDREN_HOME,
                sector=Sector.EDUCATION,
                capacity=40,
            )

    client = as_user(regional_user)
    add(0, 2)
    client.get("/")  # the session's first request sets its clocks
    with django_assert_max_num_queries(12) as small:
        client.get("/institutions/", {"format": "xlsx"})
    add(2, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        rows = workbook_rows(client.get("/institutions/", {"format": "xlsx"}))
    assert len(rows) == 1 + 12
