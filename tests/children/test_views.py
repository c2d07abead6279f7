"""The officer's pages: scoping of every view, the duplicate check, lost updates, the list."""

import datetime

import pytest
from django.utils import timezone

from children.models import Child, Placement, PlacementForm
from registry.models import AccessLog
from tests.children.factories import place, register_child
from tests.conftest import table_rows


def child_urls(child, status, placement):
    base = f"/children/{child.pk}/"
    return {
        "read": [base],
        "edit": [
            f"{base}edit/",
            f"{base}transfer/",
            f"{base}statuses/new/",
            f"{base}statuses/{status.pk}/end/",
            f"{base}statuses/{status.pk}/edit/",
            f"{base}placements/new/",
            f"{base}placements/{placement.pk}/end/",
            f"{base}placements/{placement.pk}/edit/",
        ],
    }


@pytest.fixture
def urls(officer_a, child_a):
    placement = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    return child_urls(child_a, child_a.statuses.get(), placement)


@pytest.mark.parametrize("method", ["get", "post"])
def test_own_districts_officer_reads_and_edits(as_user, officer_a, urls, method):
    client = as_user(officer_a)
    for url in urls["read"] + urls["edit"]:
        if method == "post" and url in urls["read"]:
            continue
        assert getattr(client, method)(url).status_code == 200, url


@pytest.mark.parametrize("method", ["get", "post"])
def test_other_districts_officer_gets_404(as_user, officer_b, officer_c, urls, method):
    for officer in (officer_b, officer_c):
        client = as_user(officer)
        for url in urls["read"] + urls["edit"]:
            assert getattr(client, method)(url).status_code == 404, url


def test_regional_users_read_but_do_not_edit(
    as_user, regional_user, admin_user, national_user, other_regional_user, urls
):
    for reader in (regional_user, admin_user, national_user):
        client = as_user(reader)
        assert client.get(urls["read"][0]).status_code == 200
        for url in urls["edit"]:
            assert client.get(url).status_code == 403, url
            assert client.post(url).status_code == 403, url
    assert as_user(other_regional_user).get(urls["read"][0]).status_code == 404


def test_only_officers_register_children(as_user, regional_user, admin_user):
    for user in (regional_user, admin_user):
        assert as_user(user).get("/children/new/").status_code == 403


def test_opening_a_record_is_logged(as_user, regional_user, child_a):
    as_user(regional_user).get(f"/children/{child_a.pk}/", REMOTE_ADDR="10.9.8.7")
    entry = AccessLog.objects.get(child_id=child_a.pk)
    assert entry.user == regional_user and entry.action == "view"
    assert entry.district_id == child_a.district_id and entry.remote_addr == "10.9.8.7"


def registration(**changes):
    data = {
        "iin": "",
        "last_name": "Омаров",
        "first_name": "Арман",
        "middle_name": "",
        "birth_date": "2015-06-01",
        "sex": "M",
        "registered_on": "2020-01-10",
        "category": "without_care",
        "reason": "deprived",
        "status_start": "2020-01-10",
        "document": "№ 12",
    }
    data.update(changes)
    return data


def test_officer_registers_a_child_in_own_district(as_user, officer_a, district_a):
    response = as_user(officer_a).post("/children/new/", registration())
    child = Child.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/children/{child.pk}/"
    assert child.district == district_a and child.iin is None


def test_same_iin_visible_record_redirects_to_it(as_user, officer_a, child_a):
    response = as_user(officer_a).post("/children/new/", registration(iin=child_a.iin), follow=True)
    assert response.redirect_chain[-1][0] == f"/children/{child_a.pk}/"
    assert "This IIN is already in the register: Омаров Арман." in response.content.decode()
    assert Child.objects.count() == 1


def test_same_iin_in_a_district_not_visible_gives_a_neutral_message(as_user, officer_b, child_a):
    response = as_user(officer_b).post("/children/new/", registration(iin=child_a.iin))
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "A child with this IIN is already in the register, in a district you cannot see. "
        "Contact the regional office before registering."
    ) in page
    assert child_a.last_name not in page.split("<main")[1].replace('value="Омаров"', "")
    assert f"/children/{child_a.pk}/" not in page
    assert Child.objects.count() == 1


def test_similar_name_is_warned_then_confirmed(as_user, officer_a, officer_b, child_a):
    client = as_user(officer_b)
    first = client.post("/children/new/", registration(last_name="ОМАРОВ", first_name="арман"))
    page = first.content.decode()
    assert (
        "A child with the same name and birth date is already in the register. Check that it is not "
        "the same child before you save."
    ) in page
    assert "a child in a district you cannot see" in page
    assert Child.objects.count() == 1
    second = client.post(
        "/children/new/", registration(last_name="ОМАРОВ", first_name="арман", confirm_similar="on")
    )
    assert second.status_code == 302
    assert Child.objects.count() == 2


def test_similar_child_in_own_district_is_linked(as_user, officer_a, child_a):
    page = (
        as_user(officer_a).post("/children/new/", registration(first_name="АРМАН")).content.decode()
    )
    assert f'href="/children/{child_a.pk}/"' in page


def test_bad_input_shows_the_message_next_to_the_field_and_writes_nothing(as_user, officer_a):
    page = (
        as_user(officer_a)
        .post("/children/new/", registration(iin="150601500001", birth_date="2015-06-01"))
        .content.decode()
    )
    assert "The IIN&#x27;s check digit does not match: look for a mistyped digit." in page
    assert 'aria-describedby="id_iin_helptext id_iin_error"' in page
    assert not Child.objects.exists()


def test_bad_input_in_kazakh_and_russian(as_user, officer_a):
    kk = (
        as_user(officer_a, language="kk")
        .post("/children/new/", registration(iin="123"))
        .content.decode()
    )
    ru = (
        as_user(officer_a, language="ru")
        .post("/children/new/", registration(iin="123"))
        .content.decode()
    )
    assert "ЖСН дәл 12 цифрдан тұрады." in kk
    assert "ИИН состоит ровно из 12 цифр." in ru


def test_two_officers_editing_the_same_child(as_user, officer_a, child_a):
    """The second save is refused with a message and the current values."""
    form = {
        "iin": child_a.iin,
        "last_name": "Омаров",
        "first_name": "Арман",
        "middle_name": "",
        "birth_date": "2015-06-01",
        "sex": "M",
        "version": child_a.version,
    }
    first = as_user(officer_a).post(
        f"/children/{child_a.pk}/edit/", {**form, "middle_name": "Серікұлы"}
    )
    assert first.status_code == 302
    second = as_user(officer_a).post(
        f"/children/{child_a.pk}/edit/", {**form, "middle_name": "Ерланұлы"}
    )
    page = second.content.decode()
    assert "Someone else saved this record while you were editing it." in page
    assert 'value="Серікұлы"' in page and "Ерланұлы" in page
    child_a.refresh_from_db()
    assert child_a.middle_name == "Серікұлы"


def test_two_officers_ending_the_same_placement(as_user, officer_a, child_a):
    placement = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    url = f"/children/{child_a.pk}/placements/{placement.pk}/end/"
    data = {"end_date": "2022-01-01", "end_reason": "carer_released", "version": placement.version}
    assert as_user(officer_a).post(url, data).status_code == 302
    second = as_user(officer_a).post(url, {**data, "end_date": "2022-02-01"})
    assert "Someone else saved this record while you were editing it." in second.content.decode()
    assert Placement.objects.get(pk=placement.pk).end_date == datetime.date(2022, 1, 1)


def test_officer_places_a_child_from_the_page(as_user, officer_a, child_a, children_home):
    response = as_user(officer_a).post(
        f"/children/{child_a.pk}/placements/new/",
        {"form": "institution", "start_date": "2020-02-01", "institution": children_home.pk},
    )
    assert response.status_code == 302
    page = as_user(officer_a).get(f"/children/{child_a.pk}/").content.decode()
    assert "Детский дом А" in page or "А балалар үйі" in page


def test_transfer_from_the_page(as_user, officer_a, officer_b, district_b, child_a):
    response = as_user(officer_a).post(
        f"/children/{child_a.pk}/transfer/",
        {"to_district": district_b.pk, "date": "2023-04-01", "version": child_a.version},
    )
    assert response.status_code == 302
    assert as_user(officer_a).get(f"/children/{child_a.pk}/").status_code == 404
    assert as_user(officer_b).get(f"/children/{child_a.pk}/").status_code == 200


def test_list_shows_own_district_only_and_regional_sees_all(
    as_user, officer_a, regional_user, child_a, child_b
):
    rows = table_rows(as_user(officer_a).get("/children/"))
    assert "Омаров Арман" in rows and "Исаева Дана" not in rows
    rows = table_rows(as_user(regional_user).get("/children/"))
    assert "Омаров Арман" in rows and "Исаева Дана" in rows


def test_list_search_and_filters(as_user, officer_a, district_a, child_a, children_home):
    register_child(
        officer_a,
        district_a,
        last_name="Қасымова",
        first_name="Айгерім",
        sex="F",
        birth_date=datetime.date(2010, 2, 1),
        iin=None,
    )
    place(
        officer_a,
        child_a,
        PlacementForm.INSTITUTION,
        datetime.date(2020, 2, 1),
        institution=children_home,
    )
    client = as_user(officer_a)

    def names(**params):
        rows = table_rows(client.get("/children/", params))
        return [name for name in ("Омаров", "Қасымова") if name in rows]

    assert names(q="касымова айгерим") == ["Қасымова"]
    assert names(q=child_a.iin[:6]) == ["Омаров"]
    assert names(form="institution") == ["Омаров"]
    assert names(form="none") == ["Қасымова"]
    assert names(institution=children_home.pk) == ["Омаров"]
    assert names(iin="missing") == ["Қасымова"]
    assert names(age="14-17", on="2025-01-01") == ["Қасымова"]  # 14 on 1 February 2024
    assert names(age="7-13", on="2023-01-01") == ["Омаров", "Қасымова"]
    assert names(state="active") == ["Омаров", "Қасымова"]
    assert names(form="institution", on="2020-01-15") == []  # placed from 1 February 2020


def test_list_filters_on_who_is_in_the_register(as_user, officer_a, district_a):
    """In the register: a status at the date and under 18. An adult with an open
    status and a child whose status ended have left it."""
    from children.services.statuses import status_end

    register_child(
        officer_a, district_a, last_name="Сирота", category="orphan", reason="parents_died"
    )
    register_child(
        officer_a, district_a, last_name="Взрослый", birth_date=datetime.date(2005, 1, 1)
    )
    returned = register_child(officer_a, district_a, last_name="Вернулся")
    status = returned.statuses.get()
    status_end(
        actor=officer_a,
        status=status,
        version=status.version,
        end_date=datetime.date(2024, 5, 1),
        end_reason="returned_to_parents",
    )
    client = as_user(officer_a)

    def names(**params):
        rows = table_rows(client.get("/children/", params))
        return sorted(name for name in ("Сирота", "Взрослый", "Вернулся") if name in rows)

    assert names(state="active") == ["Сирота"]
    assert names(state="ended") == ["Вернулся", "Взрослый"]
    assert names(state="active", on="2022-06-01") == ["Вернулся", "Взрослый", "Сирота"]
    assert names(category="orphan") == ["Сирота"]
    assert names(category="without_care", on="2022-06-01") == ["Вернулся", "Взрослый"]


def test_list_query_count_stays_constant(
    as_user, officer_a, district_a, children_home, django_assert_max_num_queries
):
    client = as_user(officer_a)

    def fill(count):
        for number in range(count):
            child = register_child(
                officer_a, district_a, birth_date=datetime.date(2012, 1, 1 + number)
            )
            place(
                officer_a,
                child,
                PlacementForm.INSTITUTION,
                datetime.date(2020, 2, 1),
                institution=children_home,
            )

    fill(3)
    client.get("/")  # the session's first request sets its clocks
    with django_assert_max_num_queries(9) as small:
        client.get("/children/", {"form": "institution"})
    fill(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/children/", {"form": "institution"})
    assert response.content.decode().count('href="/children/') >= 23


def test_child_page_query_count_does_not_grow_with_history(
    as_user, officer_a, child_a, django_assert_max_num_queries
):
    client = as_user(officer_a)
    place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    with django_assert_max_num_queries(40) as small:
        client.get(f"/children/{child_a.pk}/")
    for year in range(2022, 2026):
        place(
            officer_a,
            child_a,
            PlacementForm.FOSTER_FAMILY if year % 2 else PlacementForm.GUARDIANSHIP,
            datetime.date(year, 1, 1),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"/children/{child_a.pk}/")


def test_admin_manages_institutions_of_own_region(
    as_user, admin_user, other_admin_user, district_a, officer_a, children_home
):
    client = as_user(admin_user)
    response = client.post(
        "/institutions/new/",
        {
            "code": "BH-A",
            "name_kk": "Сәбилер үйі",
            "name_ru": "Дом ребёнка",
            "district": district_a.pk,
            "kind": "baby_home",
            "sector": "health",
            "capacity": "40",
        },
    )
    assert response.status_code == 302
    assert as_user(other_admin_user).get(f"/institutions/{children_home.pk}/").status_code == 404
    assert as_user(officer_a).get(f"/institutions/{children_home.pk}/").status_code == 403
    bad = client.post(
        "/institutions/new/",
        {
            "code": "X",
            "name_kk": "X",
            "name_ru": "X",
            "district": district_a.pk,
            "kind": "baby_home",
            "sector": "health",
            "capacity": "0",
        },
    )
    assert "The capacity is a positive number of places." in bad.content.decode()


def test_home_shows_the_areas_register_with_links(
    as_user, officer_a, regional_user, district_a, child_a, child_b
):
    register_child(officer_a, district_a, iin=None)
    page = as_user(officer_a).get("/").content.decode()
    assert (
        '<div class="value">2</div><div class="small text-body-secondary">children in the register'
        in page
    )
    assert '<div class="value">1</div><div class="small text-body-secondary">without an IIN' in page
    assert 'href="/children/?iin=missing"' in page
    page = as_user(regional_user).get("/").content.decode()
    assert (
        '<div class="value">3</div><div class="small text-body-secondary">children in the register'
        in page
    )


def test_iin_is_masked_in_lists_for_readers_of_a_wider_area(
    as_user, officer_a, regional_user, child_a
):
    assert child_a.iin in table_rows(as_user(officer_a).get("/children/"))
    rows = table_rows(as_user(regional_user).get("/children/"))
    assert child_a.iin not in rows
    assert "••••••••" + child_a.iin[-4:] in rows
    # whole on the child's page, and that opening is logged
    assert child_a.iin in as_user(regional_user).get(f"/children/{child_a.pk}/").content.decode()
    assert AccessLog.objects.filter(user=regional_user, child_id=child_a.pk).exists()


def test_a_placement_offers_no_youth_home(as_user, officer_a, child_a, children_home, youth_home):
    client = as_user(officer_a)
    url = f"/children/{child_a.pk}/placements/new/"
    page = client.get(url).content.decode()
    assert f'value="{children_home.pk}"' in page
    assert f'value="{youth_home.pk}"' not in page
    assert "Дом юношества А" not in page and "А жасөспірімдер үйі" not in page
    placement = place(
        officer_a, child_a, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), children_home
    )
    correct = client.get(f"/children/{child_a.pk}/placements/{placement.pk}/edit/")
    assert f'value="{youth_home.pk}"' not in correct.content.decode()
    refused = client.post(
        url, {"form": "institution", "start_date": "2021-02-01", "institution": youth_home.pk}
    )
    assert refused.status_code == 200
    assert not Placement.objects.filter(institution=youth_home).exists()


def test_a_child_registered_today_is_placed_from_the_start_of_its_status(
    as_user, officer_a, district_a
):
    today = timezone.localdate()
    status_start = today - datetime.timedelta(days=40)
    child = register_child(
        officer_a,
        district_a,
        birth_date=datetime.date(2016, 3, 1),
        registered_on=today,
        status_start=status_start,
    )
    client = as_user(officer_a)
    url = f"/children/{child.pk}/placements/new/"
    values = {"form": "guardianship", "carer_name": "Серікова Гүлнар"}
    too_early = status_start - datetime.timedelta(days=1)
    refused = client.post(url, {**values, "start_date": too_early.isoformat()})
    assert (
        "A placement cannot start before the child&#x27;s status began "
        f"({status_start:%d.%m.%Y})." in refused.content.decode()
    )
    last_month = today - datetime.timedelta(days=30)
    assert client.post(url, {**values, "start_date": last_month.isoformat()}).status_code == 302
    assert child.placements.get().start_date == last_month


def conflict_panel(page: str) -> str:
    """The panel of what the user had typed after a lost update ("" when not shown)."""
    if "What you had typed" not in page:
        return ""
    start = page.index("What you had typed")
    return page[start : page.index("</ul>", start)]


def test_a_lost_update_lists_only_the_fields_that_differ(
    as_user, officer_a, child_a, children_home
):
    placement = place(
        officer_a, child_a, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), children_home
    )
    url = f"/children/{child_a.pk}/placements/{placement.pk}/edit/"
    client = as_user(officer_a)
    opened = client.get(url).content.decode()
    assert conflict_panel(opened) == ""
    form = {
        "form": "institution",
        "start_date": "2020-02-01",
        "institution": children_home.pk,
        "end_date": "",
        "end_reason": "",
        "version": placement.version,
    }
    # Someone else corrects the start date; this user, from the same version, ends it.
    assert client.post(url, {**form, "start_date": "2020-02-03"}).status_code == 302
    lost = client.post(url, {**form, "end_date": "2021-05-01", "end_reason": "moved"})
    page = lost.content.decode()
    assert "Someone else saved this record while you were editing it." in page
    panel = conflict_panel(page)
    assert "<strong>End date</strong>: May 1, 2021" in panel
    assert "<strong>Since</strong>: Feb. 1, 2020" in panel
    assert "<strong>Why it ended</strong>: moved to another form of care" in panel
    assert panel.count("<li>") == 3  # not the form, not the unchanged institution
    assert "Institution" not in panel and "Form" not in panel
    placement.refresh_from_db()
    assert placement.end_date is None and placement.start_date == datetime.date(2020, 2, 3)


def test_a_placement_form_with_two_problems_shows_both(as_user, officer_a, child_a, children_home):
    response = as_user(officer_a).post(
        f"/children/{child_a.pk}/placements/new/",
        {"form": "guardianship", "start_date": "", "institution": children_home.pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page  # the start date
    assert "Give the name of the guardian, carer or adoptive parent." in page
    assert "Only a placement in an institution names an institution." not in page  # dropped
    assert not child_a.placements.exists()


def test_registration_shows_every_problem_at_once(as_user, officer_a):
    response = as_user(officer_a).post(
        "/children/new/", registration(first_name="", iin="123", status_start="2014-01-01")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page  # the first name
    assert "An IIN is exactly 12 digits." in page
    assert "A status cannot start before the child was born (01.06.2015)." in page
    assert not Child.objects.exists()
