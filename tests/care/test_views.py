"""The care pages: scoping of every view, the forms officers use, query counts."""

import datetime

import pytest
from django.utils import timezone

from care.models import MonitoringVisit, VisitScheduleRule, YouthHomeStay
from care.services.graduates import graduate_add
from care.services.plans import life_plan_add
from care.services.youth_homes import waiting_add, youth_home_stay_add
from children.models import PlacementEndReason, PlacementForm
from tests.care.factories import record_visit
from tests.children.factories import place, register_child

D = datetime.date


def today():
    """Read at each use: a run that crosses midnight sees the services' day."""
    return timezone.localdate()


def days_ago(days):
    return today() - datetime.timedelta(days=days)


@pytest.fixture
def records(officer_a, family, youth_home, make_graduate):
    """One of each record, in district A, and the URLs that open them."""
    visit = record_visit(
        officer_a,
        family,
        D(2021, 2, 1),
        conclusion="concerns",
        action_description="Talk to the school",
        action_due_date=D(2021, 2, 10),
        action_responsible="Психолог",
    )
    action = visit.actions.get()
    plan = life_plan_add(
        actor=officer_a,
        child=family.child,
        start_date=D(2022, 1, 1),
        education_goal="School",
        responsible_person="Опекун",
        next_review_date=D(2022, 6, 1),
    )
    adult = make_graduate(birth_date=D(2004, 3, 1))
    graduate_add(actor=officer_a, child=adult, left_care_on=D(2022, 3, 1))
    stay = youth_home_stay_add(
        actor=officer_a, child=adult, institution=youth_home, start_date=D(2022, 3, 5)
    )
    minor = make_graduate(
        birth_date=D(2005, 6, 1), left_on=D(2022, 9, 1), reason=PlacementEndReason.OTHER
    )
    entry = waiting_add(actor=officer_a, child=minor, start_date=D(2022, 9, 5))
    a, g, m = (f"/children/{pk}/" for pk in (family.child_id, adult.pk, minor.pk))
    return {
        "child": family.child,
        "adult": adult,
        "minor": minor,
        "visit": visit,
        "read": [a, g, m],
        "edit": [
            f"{a}visits/new/",
            f"{a}visits/{visit.pk}/edit/",
            f"{a}visits/{visit.pk}/actions/new/",
            f"{a}actions/{action.pk}/done/",
            f"{a}actions/{action.pk}/edit/",
            f"{a}life-plans/new/",
            f"{a}life-plans/{plan.pk}/edit/",
            f"{a}life-plans/{plan.pk}/end/",
            f"{a}life-plans/{plan.pk}/review/",
            f"{m}graduate/new/",
            f"{g}graduate/",
            f"{g}graduate/notes/new/",
            f"{g}youth-home/new/",
            f"{g}youth-home/{stay.pk}/end/",
            f"{g}youth-home/{stay.pk}/edit/",
            f"{m}youth-home/waiting/new/",
            f"{m}youth-home/waiting/{entry.pk}/end/",
        ],
    }


PAGES = [
    "/follow-up/",
    "/follow-up/schedule/",
    "/youth-homes/",
    "/youth-homes/waiting/",
]


@pytest.mark.parametrize("method", ["get", "post"])
def test_own_districts_officer_opens_every_form(as_user, officer_a, records, method):
    client = as_user(officer_a)
    for url in records["edit"]:
        assert getattr(client, method)(url).status_code == 200, url


@pytest.mark.parametrize("method", ["get", "post"])
def test_other_districts_officer_gets_404(as_user, officer_b, officer_c, records, method):
    for officer in (officer_b, officer_c):
        client = as_user(officer)
        for url in records["edit"]:
            assert getattr(client, method)(url).status_code == 404, url


def test_readers_see_the_section_but_cannot_edit(
    as_user, regional_user, admin_user, national_user, records
):
    for reader in (regional_user, admin_user, national_user):
        client = as_user(reader)
        page = client.get(records["read"][0]).content.decode()
        assert "Monitoring visits" in page and "Talk to the school" in page
        assert "Record a visit" not in page
        for url in records["edit"]:
            assert client.get(url).status_code == 403, url
            assert client.post(url).status_code == 403, url


def test_records_of_another_district_are_not_reached_through_own_child(
    as_user, officer_b, child_b, records
):
    """An officer cannot open district A's visit through a child of their own."""
    visit = records["visit"]
    client = as_user(officer_b)
    assert client.get(f"/children/{child_b.pk}/visits/{visit.pk}/edit/").status_code == 404


@pytest.mark.parametrize("url", PAGES)
def test_pages_open_for_every_reading_role(
    as_user, officer_a, regional_user, admin_user, national_user, url
):
    for user in (officer_a, regional_user, admin_user, national_user):
        assert as_user(user).get(url).status_code == 200, (user.role, url)


def test_only_the_administrator_edits_the_schedule(
    as_user, officer_a, regional_user, admin_user, national_user, region
):
    rule = VisitScheduleRule.objects.get(region=region, form="adoption")
    url = f"/follow-up/schedule/{rule.pk}/"
    for user in (officer_a, regional_user, national_user):
        assert as_user(user).get(url).status_code == 403
    listing = as_user(officer_a).get("/follow-up/schedule/").content.decode()
    assert "as long as the placement lasts" in listing and url not in listing
    client = as_user(admin_user)
    assert url in client.get("/follow-up/schedule/").content.decode()
    response = client.post(
        url,
        {
            "first_visit_days": "20",
            "interval_months": "3",
            "duration_months": "",
            "is_active": "on",
            "version": rule.version,
        },
        follow=True,
    )
    assert "The visit schedule for adoption is saved; the due visits are recomputed." in (
        response.content.decode()
    )
    rule.refresh_from_db()
    assert (rule.first_visit_days, rule.interval_months, rule.duration_months) == (20, 3, None)
    stale = client.post(
        url,
        {"first_visit_days": "25", "interval_months": "3", "version": rule.version - 1},
    )
    assert "Someone else saved this record while you were editing it." in stale.content.decode()
    bad = client.post(
        url, {"first_visit_days": "0", "interval_months": "3", "version": rule.version}
    )
    assert "Ensure this value is greater than or equal to 1." in bad.content.decode()


def test_officer_records_a_visit_from_the_childs_page(as_user, officer_a, family):
    client = as_user(officer_a)
    page = client.get(f"/children/{family.child_id}/").content.decode()
    assert f'href="/children/{family.child_id}/visits/new/"' in page
    response = client.post(
        f"/children/{family.child_id}/visits/new/",
        {
            "placement": family.pk,
            "date": "2021-01-25",
            "kind": "planned",
            "visited_by": "Серікбаева А.",
            "living_conditions": "Clean and warm",
            "conclusion": "satisfactory",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/children/{family.child_id}/#care-visits"
    page = client.get(f"/children/{family.child_id}/").content.decode()
    assert "Clean and warm" in page and "Monitoring visit: satisfactory" in page
    first = family.scheduled_visits.order_by("due_date").first()
    assert first.fulfilled_on == D(2021, 1, 25) and first.on_time


def test_danger_without_an_action_is_refused_next_to_the_field(as_user, officer_a, family):
    response = as_user(officer_a).post(
        f"/children/{family.child_id}/visits/new/",
        {
            "placement": family.pk,
            "date": "2021-01-25",
            "kind": "complaint",
            "visited_by": "Серікбаева А.",
            "conclusion": "danger",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_action_description_error"' in page
    assert "A visit that finds the child in danger needs a follow-up action" in page
    assert not MonitoringVisit.objects.exists()


def test_a_full_youth_home_refuses_with_a_clear_message(
    as_user, officer_a, youth_home, make_graduate
):
    for day in (1, 2):
        youth_home_stay_add(
            actor=officer_a,
            child=make_graduate(birth_date=D(2004, 3, day)),
            institution=youth_home,
            start_date=D(2022, 4, 1),
        )
    young = make_graduate(birth_date=D(2004, 3, 3))
    response = as_user(officer_a).post(
        f"/children/{young.pk}/youth-home/new/",
        {"institution": youth_home.pk, "start_date": "2022-05-01"},
    )
    assert (
        "Youth home A is full: all 2 places are taken on 01.05.2022. Put the young person on the "
        "waiting list instead."
    ) in response.content.decode()
    assert YouthHomeStay.objects.count() == 2


def test_the_page_offers_a_graduate_record_after_leaving_an_institution(
    as_user, officer_a, make_graduate
):
    young = make_graduate(birth_date=D(2004, 3, 1))
    client = as_user(officer_a)
    page = client.get(f"/children/{young.pk}/").content.decode()
    assert "Open a graduate record" in page
    response = client.post(
        f"/children/{young.pk}/graduate/new/",
        {"left_care_on": "2022-03-01", "study_or_work": "College", "contacts": "+7 701 000"},
    )
    assert response.status_code == 302
    page = client.get(f"/children/{young.pk}/").content.decode()
    assert "followed up until 01.03.2027" in page and "Open a graduate record" not in page
    assert "The housing queue entry stays with the young person" in page


def test_youth_homes_page_counts_everyone_and_names_the_visible(
    as_user, officer_a, officer_b, regional_user, youth_home, make_graduate, district_b
):
    mine = make_graduate(birth_date=D(2004, 3, 1))
    youth_home_stay_add(
        actor=officer_a, child=mine, institution=youth_home, start_date=days_ago(30)
    )
    own = as_user(officer_a).get("/youth-homes/").content.decode()
    other = as_user(officer_b).get("/youth-homes/").content.decode()
    regional = as_user(regional_user).get("/youth-homes/").content.decode()
    for page in (own, other, regional):
        assert "Youth home A" in page
        assert '<td class="text-end">2</td><td class="text-end">1</td>' in page  # places, occupied
    assert mine.last_name in own and mine.last_name in regional
    assert f"/children/{mine.pk}/" not in other


def test_waiting_list_is_scoped(
    as_user, officer_a, officer_b, regional_user, other_regional_user, make_graduate
):
    minor = make_graduate(
        birth_date=today().replace(year=today().year - 17) - datetime.timedelta(days=30),
        left_on=days_ago(20),
        reason=PlacementEndReason.OTHER,
    )
    waiting_add(actor=officer_a, child=minor, start_date=days_ago(10))
    link = f"/children/{minor.pk}/#care-youth-home"
    assert link in as_user(officer_a).get("/youth-homes/waiting/").content.decode()
    assert link in as_user(regional_user).get("/youth-homes/waiting/").content.decode()
    for outsider in (officer_b, other_regional_user):
        page = as_user(outsider).get("/youth-homes/waiting/").content.decode()
        assert link not in page and "Nobody is waiting." in page


def test_officers_home_page_shows_the_work_list(as_user, officer_a, officer_b, district_a):
    child = register_child(officer_a, district_a, last_name="Кешікбаев", birth_date=D(2015, 1, 1))
    place(officer_a, child, PlacementForm.GUARDIANSHIP, days_ago(70))
    page = as_user(officer_a).get("/").content.decode()
    assert "Work list" in page and "Кешікбаев" in page
    assert f'href="/children/{child.pk}/#care-visits"' in page
    assert "Visit overdue since" in page
    assert "Кешікбаев" not in as_user(officer_b).get("/").content.decode()


def test_regional_home_page_shows_districts_and_danger_until_resolved(
    as_user, officer_a, regional_user, other_regional_user, family
):
    visit = record_visit(
        officer_a,
        family,
        days_ago(3),
        conclusion="danger",
        action_description="Move the child",
        action_due_date=today(),
        action_responsible="Омарова Г.",
    )
    page = as_user(regional_user).get("/").content.decode()
    assert "Monitoring of children in families" in page
    assert f'href="/children/{family.child_id}/#care-visits"' in page
    assert f'href="/children/{family.child_id}/#care-visits"' not in (
        as_user(other_regional_user).get("/").content.decode()
    )
    action = visit.actions.get()
    response = as_user(officer_a).post(
        f"/children/{family.child_id}/actions/{action.pk}/done/",
        {
            "done_on": today().isoformat(),
            "result": "Placed with relatives",
            "version": action.version,
        },
    )
    assert response.status_code == 302
    page = as_user(regional_user).get("/").content.decode()
    assert f'href="/children/{family.child_id}/#care-visits"' not in page
    assert "No child is left in danger without the actions done." in page


def add_cases(officer, district, home, count):
    for number in range(count):
        child = register_child(officer, district, birth_date=D(2010, 1, 1 + number))
        placement = place(officer, child, PlacementForm.FOSTER_FAMILY, D(2020, 2, 1))
        record_visit(
            officer,
            placement,
            D(2020, 2, 20),
            conclusion="danger",
            action_description="Act",
            action_due_date=D(2020, 3, 1),
            action_responsible="Officer",
        )
        pupil = register_child(officer, district, birth_date=D(2005, 1, 1 + number))
        place(officer, pupil, PlacementForm.INSTITUTION, D(2020, 2, 1), home)


@pytest.mark.parametrize("user_fixture", ["officer_a", "regional_user"])
@pytest.mark.parametrize("url", ["/", "/follow-up/", "/youth-homes/", "/youth-homes/waiting/"])
def test_query_count_does_not_grow_with_the_register(
    request,
    as_user,
    officer_a,
    district_a,
    children_home,
    django_assert_max_num_queries,
    user_fixture,
    url,
):
    client = as_user(request.getfixturevalue(user_fixture))
    add_cases(officer_a, district_a, children_home, 2)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    add_cases(officer_a, district_a, children_home, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_child_page_query_count_does_not_grow_with_follow_up(
    as_user, officer_a, family, django_assert_max_num_queries
):
    client = as_user(officer_a)
    # The history reads each kind of record once: the small page has every kind already.
    record_visit(
        officer_a,
        family,
        D(2021, 1, 20),
        conclusion="concerns",
        action_description="Check",
        action_due_date=D(2021, 1, 30),
        action_responsible="Officer",
    )
    with django_assert_max_num_queries(50) as small:
        client.get(f"/children/{family.child_id}/")
    for month in range(2, 12):
        record_visit(
            officer_a,
            family,
            D(2021, month, 1),
            conclusion="concerns",
            action_description="Check",
            action_due_date=D(2021, month, 20),
            action_responsible="Officer",
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"/children/{family.child_id}/")


@pytest.mark.parametrize(("language", "word"), [("kk", "kk"), ("ru", "ru"), ("en", "en")])
def test_care_pages_answer_in_every_language(as_user, officer_a, records, language, word):
    client = as_user(officer_a, language=language)
    for url in [*PAGES, records["read"][0], records["edit"][0]]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{word}">' in response.content.decode()
