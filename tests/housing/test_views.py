"""Housing pages: the child's section and its forms, the district lists, scoping and
query counts."""

import datetime

import pytest

from children.models import PlacementForm
from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from housing.services.provisions import housing_provision_add
from housing.services.queue import queue_entry_add
from housing.services.rights import housing_right_add
from tests.children.factories import place, register_child
from tests.conftest import table_rows


@pytest.fixture
def records(officer_a, child_a):
    right = housing_right_add(
        actor=officer_a,
        child=child_a,
        kind="share",
        share_size="1/4",
        address="Абай даңғылы 10, 5",
        start_date=datetime.date(2020, 3, 1),
    )
    entry = queue_entry_add(
        actor=officer_a,
        child=child_a,
        district=child_a.district,
        start_date=datetime.date(2020, 3, 1),
        position=17,
    )
    provision = housing_provision_add(
        actor=officer_a,
        child=child_a,
        date=datetime.date(2021, 1, 10),
        address="Тәуелсіздік 5, 12",
        source="other",
        exception_reason="Court decision.",
    )
    return {"right": right, "entry": entry, "provision": provision}


def edit_urls(child, records):
    base = f"/children/{child.pk}/housing/"
    right, entry, provision = records["right"], records["entry"], records["provision"]
    return [
        f"{base}rights/new/",
        f"{base}rights/{right.pk}/end/",
        f"{base}rights/{right.pk}/edit/",
        f"{base}queue/new/",
        f"{base}queue/{entry.pk}/position/",
        f"{base}queue/{entry.pk}/end/",
        f"{base}provided/new/",
        f"{base}provided/{provision.pk}/edit/",
    ]


LISTS = ["/housing/", "/housing/without-housing/", "/housing/graduates/"]


def test_own_officer_opens_every_housing_form(as_user, officer_a, child_a, records):
    client = as_user(officer_a)
    for url in edit_urls(child_a, records):
        assert client.get(url).status_code == 200, url
        assert client.post(url).status_code == 200, url  # an empty form: errors, no write
    assert HousingRight.objects.count() == 1 and HousingQueueEntry.objects.count() == 1


def test_other_districts_get_404(as_user, officer_b, officer_c, child_a, records):
    for officer in (officer_b, officer_c):
        client = as_user(officer)
        for url in edit_urls(child_a, records):
            assert client.get(url).status_code == 404, url
            assert client.post(url).status_code == 404, url


def test_readers_get_403_on_every_housing_form(
    as_user, regional_user, admin_user, national_user, child_a, records
):
    for reader in (regional_user, admin_user, national_user):
        client = as_user(reader)
        for url in edit_urls(child_a, records):
            assert client.get(url).status_code == 403, url
            assert client.post(url).status_code == 403, url


def test_a_record_of_another_child_is_404(as_user, officer_a, child_a, records, district_a):
    other = register_child(
        officer_a, district_a, last_name="Сейітов", birth_date=datetime.date(2013, 2, 1)
    )
    url = f"/children/{other.pk}/housing/rights/{records['right'].pk}/end/"
    assert as_user(officer_a).get(url).status_code == 404


def test_every_reader_opens_the_lists(
    as_user, officer_a, regional_user, admin_user, national_user, child_a
):
    for user in (officer_a, regional_user, admin_user, national_user):
        client = as_user(user)
        for url in LISTS:
            assert client.get(url).status_code == 200, (user, url)


def test_child_page_shows_the_housing_history(as_user, officer_a, regional_user, child_a, records):
    page = as_user(officer_a).get(f"/children/{child_a.pk}/").content.decode()
    assert "share in ownership" in page.lower() and "1/4" in page
    assert "Абай даңғылы 10, 5" in page and "Court decision." in page
    assert f"/children/{child_a.pk}/housing/queue/{records['entry'].pk}/end/" in page
    # the timeline
    assert "Housing secured: share in ownership, 1/4" in page
    assert "Put on the housing queue of Район А" in page
    reader_page = as_user(regional_user).get(f"/children/{child_a.pk}/").content.decode()
    assert "Абай даңғылы 10, 5" in reader_page
    assert "/housing/rights/new/" not in reader_page


def test_officer_secures_housing_from_the_page(as_user, officer_a, child_a):
    url = f"/children/{child_a.pk}/housing/rights/new/"
    response = as_user(officer_a).post(
        url, {"kind": "share", "share_size": "5/4", "address": "Абай 1", "start_date": "2021-01-01"}
    )
    page = response.content.decode()
    assert "The share must be a fraction such as 1/3: more than 0 and at most 1." in page
    assert 'id="id_share_size_error"' in page or "is-invalid" in page
    assert not HousingRight.objects.exists()
    response = as_user(officer_a).post(
        url, {"kind": "share", "share_size": "1/2", "address": "Абай 1", "start_date": "2021-01-01"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child_a.pk}/#housing-heading"
    assert HousingRight.objects.get().share_size == "1/2"


def test_officer_removes_from_the_queue_only_with_an_explanation(as_user, officer_a, child_a):
    entry = queue_entry_add(
        actor=officer_a,
        child=child_a,
        district=child_a.district,
        start_date=datetime.date(2020, 3, 1),
    )
    url = f"/children/{child_a.pk}/housing/queue/{entry.pk}/end/"
    data = {"end_date": "2023-01-01", "end_reason": "removed", "version": entry.version}
    page = as_user(officer_a).post(url, data).content.decode()
    assert (
        "Explain why the child is removed from the queue: every removal must be reasoned." in page
    )
    response = as_user(officer_a).post(url, {**data, "end_explanation": "Moved to Almaty."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.end_reason == "removed"


def test_officer_records_housing_provided_from_the_queue(as_user, officer_a, child_a):
    entry = queue_entry_add(
        actor=officer_a,
        child=child_a,
        district=child_a.district,
        start_date=datetime.date(2020, 3, 1),
    )
    url = f"/children/{child_a.pk}/housing/provided/new/"
    form = as_user(officer_a).get(url).content.decode()
    assert f'<option value="{entry.pk}" selected>' in form  # the open entry is proposed
    response = as_user(officer_a).post(
        url,
        {
            "date": "2024-02-01",
            "address": "Абай 3",
            "source": "state_fund",
            "queue_entry": entry.pk,
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.end_reason == "provided" and entry.provision == HousingProvision.objects.get()


def test_housing_forms_speak_kazakh_and_russian(as_user, officer_a, child_a):
    url = f"/children/{child_a.pk}/housing/rights/new/"
    for language in ("kk", "ru"):
        response = as_user(officer_a, language=language).get(url)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()


# --- lists ----------------------------------------------------------------------------------


def test_queue_list_is_in_queue_order_and_scoped(
    as_user, officer_a, officer_b, regional_user, district_a, district_b, child_b
):
    names = {}
    for day, (position, name) in enumerate(((5, "Бекзатов"), (2, "Мұратов"), (None, "Жоқов"))):
        child = register_child(
            officer_a, district_a, last_name=name, birth_date=datetime.date(2013, 3, 1 + day)
        )
        queue_entry_add(
            actor=officer_a,
            child=child,
            district=district_a,
            start_date=datetime.date(2021, 1, 1),
            position=position,
        )
        names[name] = child
    queue_entry_add(
        actor=officer_b, child=child_b, district=district_b, start_date=datetime.date(2021, 1, 1)
    )
    rows = table_rows(as_user(officer_a).get("/housing/"))
    assert rows.index("Мұратов") < rows.index("Бекзатов") < rows.index("Жоқов")
    assert "Исаева" not in rows
    assert 'id="id_district"' not in as_user(officer_a).get("/housing/").content.decode()
    regional = as_user(regional_user)
    assert "Исаева" in table_rows(regional.get("/housing/"))
    assert 'id="id_district"' in regional.get("/housing/").content.decode()
    only_b = table_rows(regional.get("/housing/", {"district": district_b.pk}))
    assert "Исаева" in only_b and "Мұратов" not in only_b


def test_waiting_time_is_shown_in_months(as_user, officer_a, child_a):
    from django.utils import timezone

    today = timezone.localdate()
    start = datetime.date(today.year - 2, today.month, 1)
    queue_entry_add(actor=officer_a, child=child_a, district=child_a.district, start_date=start)
    rows = table_rows(as_user(officer_a).get("/housing/"))
    assert "<td>24</td>" in rows  # two years to the day


def test_children_without_housing(as_user, officer_a, district_a, child_a, children_home):
    secured = register_child(
        officer_a, district_a, last_name="Бекзатов", birth_date=datetime.date(2013, 4, 1)
    )
    housing_right_add(
        actor=officer_a,
        child=secured,
        kind="full",
        address="Абай 1",
        start_date=datetime.date(2021, 1, 1),
    )
    queued = register_child(
        officer_a, district_a, last_name="Мұратов", birth_date=datetime.date(2013, 4, 2)
    )
    queue_entry_add(
        actor=officer_a, child=queued, district=district_a, start_date=datetime.date(2021, 1, 1)
    )
    place(officer_a, child_a, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), children_home)
    client = as_user(officer_a)
    rows = table_rows(client.get("/housing/without-housing/"))
    assert "Омаров Арман" in rows and "Бекзатов" not in rows and "Мұратов" not in rows
    assert "Омаров" not in table_rows(client.get("/housing/without-housing/", {"form": "none"}))


def test_graduates_without_housing(as_user, officer_a, district_a):
    from django.utils import timezone

    from children.ages import years_before

    today = timezone.localdate()
    recent = register_child(
        officer_a,
        district_a,
        last_name="Жаңатүлек",
        birth_date=years_before(today, 19),
        registered_on=years_before(today, 10),
    )
    housed = register_child(
        officer_a,
        district_a,
        last_name="Үйлі",
        birth_date=years_before(today, 19) - datetime.timedelta(days=10),
        registered_on=years_before(today, 10),
    )
    housing_provision_add(
        actor=officer_a,
        child=housed,
        date=years_before(today, 1) + datetime.timedelta(days=30),
        address="Абай 2",
        source="state_fund",
        exception_reason="Court decision.",
    )
    long_ago = register_child(
        officer_a,
        district_a,
        last_name="Ертеректүлек",
        birth_date=years_before(today, 23),
        registered_on=years_before(today, 10),
    )
    minor = register_child(
        officer_a, district_a, last_name="Кішкентай", birth_date=datetime.date(2013, 4, 3)
    )
    client = as_user(officer_a)
    rows = table_rows(client.get("/housing/graduates/"))
    assert recent.last_name in rows
    assert housed.last_name not in rows and long_ago.last_name not in rows
    assert minor.last_name not in rows
    assert "not on a queue" in rows
    wider = table_rows(client.get("/housing/graduates/", {"years": "6"}))
    assert long_ago.last_name in wider and recent.last_name in wider


def fill_housing(officer, district, count, first=0):
    """`count` more children, born on days after `first` (distinct people)."""
    for number in range(count):
        child = register_child(
            officer, district, birth_date=datetime.date(2012, 1, 1 + first + number)
        )
        place(officer, child, PlacementForm.GUARDIANSHIP, datetime.date(2020, 2, 1))
        if number % 2:
            queue_entry_add(
                actor=officer,
                child=child,
                district=district,
                start_date=datetime.date(2021, 1, 1),
                position=number + 1,
            )
    for number in range(count):  # graduates
        register_child(
            officer,
            district,
            birth_date=datetime.date(2006, 1, 1 + first + number),
            registered_on=datetime.date(2015, 1, 1),
        )


@pytest.mark.parametrize("url", LISTS)
def test_list_query_counts_stay_constant(
    as_user, regional_user, officer_a, district_a, url, django_assert_max_num_queries
):
    client = as_user(regional_user)
    fill_housing(officer_a, district_a, 2)
    with django_assert_max_num_queries(8) as small:
        client.get(url)
    fill_housing(officer_a, district_a, 12, first=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('href="/children/') >= 6


def test_child_page_queries_do_not_grow_with_housing(
    as_user, officer_a, child_a, django_assert_max_num_queries
):
    client = as_user(officer_a)
    with django_assert_max_num_queries(60) as small:
        client.get(f"/children/{child_a.pk}/")
    for year in range(2020, 2024):
        housing_right_add(
            actor=officer_a,
            child=child_a,
            kind="full",
            address=f"Абай {year}",
            start_date=datetime.date(year, 3, 1),
        )
    entry = queue_entry_add(
        actor=officer_a,
        child=child_a,
        district=child_a.district,
        start_date=datetime.date(2020, 3, 1),
    )
    housing_provision_add(
        actor=officer_a,
        child=child_a,
        date=datetime.date(2024, 3, 1),
        address="Абай 9",
        source="state_fund",
        queue_entry=entry,
    )
    # The history reads each kind of record on it once: rights, queue entries and
    # provisions are new.
    with django_assert_max_num_queries(len(small.captured_queries) + 3):
        page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert "Абай 2023" in page and "Абай 9" in page


def test_a_period_that_is_not_a_number_falls_back_to_three_years(as_user, officer_a, child_a):
    response = as_user(officer_a).get("/housing/graduates/", {"years": "many"})
    assert response.status_code == 200
    assert "People who left care in the last 3 years" in response.content.decode()
