"""The rules every follow-up record obeys, with the messages users see."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from care.models import (
    FollowUpAction,
    GraduateRecord,
    LifePlan,
    MonitoringVisit,
    YouthHomeStay,
    YouthHomeWaiting,
)
from care.selectors import danger_visits_unresolved
from care.services.graduates import graduate_add, graduate_note_add
from care.services.plans import life_plan_add, life_plan_end, life_plan_review
from care.services.visits import action_add, action_complete, visit_correct
from care.services.youth_homes import (
    waiting_add,
    youth_home_stay_add,
    youth_home_stay_correct,
    youth_home_stay_end,
)
from children.models import PlacementEndReason, PlacementForm
from children.services.institutions import institution_update
from children.services.placements import placement_end
from registry.models import AuditEntry
from tests.care.factories import record_visit
from tests.children.factories import place

D = datetime.date


def messages(error):
    return error.value.messages


# --- visits -------------------------------------------------------------------------
def test_a_danger_visit_needs_a_follow_up_action(officer_a, family):
    with pytest.raises(ValidationError) as error:
        record_visit(officer_a, family, D(2021, 2, 1), conclusion="danger")
    assert error.value.message_dict["action_description"] == [
        "A visit that finds the child in danger needs a follow-up action: describe what is to "
        "be done, by whom and by when."
    ]
    assert not MonitoringVisit.objects.exists()
    visit = record_visit(
        officer_a,
        family,
        D(2021, 2, 1),
        conclusion="danger",
        action_description="Move the child to a safe place",
        action_due_date=D(2021, 2, 3),
        action_responsible="Омарова Г.",
    )
    action = visit.actions.get()
    assert (action.due_date, action.responsible, action.done_on) == (
        D(2021, 2, 3),
        "Омарова Г.",
        None,
    )


def test_the_first_action_must_be_complete_and_not_due_before_the_visit(officer_a, family):
    with pytest.raises(ValidationError) as error:
        record_visit(
            officer_a,
            family,
            D(2021, 2, 1),
            conclusion="concerns",
            action_description="Talk to the school",
            action_due_date=D(2021, 1, 15),
        )
    assert error.value.message_dict == {
        "action_responsible": ["Name who is responsible."],
        "action_due_date": ["The visit was on 01.02.2021: the action cannot be due before it."],
    }
    assert not MonitoringVisit.objects.exists() and not FollowUpAction.objects.exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            D(2020, 12, 31),
            "The placement started on 01.01.2021: a visit cannot be dated before it.",
        ),
        (D(2021, 9, 1), "The placement ended on 01.09.2021: a visit must be dated before its end."),
    ],
)
def test_a_visit_falls_within_the_placement(officer_a, family, day, message):
    placement_end(
        actor=officer_a,
        placement=family,
        version=family.version,
        end_date=D(2021, 9, 1),
        end_reason=PlacementEndReason.CARER_RELEASED,
    )
    with pytest.raises(ValidationError) as error:
        record_visit(officer_a, family, day)
    assert error.value.message_dict["date"] == [message]


def test_a_visit_is_not_in_the_future_nor_to_an_institution(officer_a, child_a, children_home):
    pupil = place(officer_a, child_a, PlacementForm.INSTITUTION, D(2021, 1, 1), children_home)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        record_visit(officer_a, pupil, tomorrow)
    assert error.value.message_dict["date"] == [f"The date {tomorrow:%d.%m.%Y} is in the future."]
    assert error.value.message_dict["placement"] == [
        "Monitoring visits are made to receiving families; choose a family placement."
    ]


def test_correcting_a_visit_to_danger_needs_an_action(officer_a, family):
    visit = record_visit(officer_a, family, D(2021, 2, 1))
    fields = {
        "placement": family,
        "date": D(2021, 2, 1),
        "visited_by": "Серікбаева А.",
        "kind": "planned",
        "conclusion": "danger",
    }
    with pytest.raises(ValidationError) as error:
        visit_correct(actor=officer_a, visit=visit, version=visit.version, **fields)
    assert "action_description" in error.value.message_dict
    visit.refresh_from_db()
    assert visit.conclusion == "satisfactory"
    visit_correct(
        actor=officer_a,
        visit=visit,
        version=visit.version,
        action_description="Check again next week",
        action_due_date=D(2021, 2, 8),
        action_responsible="Серікбаева А.",
        **fields,
    )
    visit.refresh_from_db()
    assert visit.conclusion == "danger" and visit.actions.count() == 1


def test_correcting_a_visit_date_rematches_the_schedule(officer_a, family):
    visit = record_visit(officer_a, family, D(2021, 1, 20))
    visit_correct(
        actor=officer_a,
        visit=visit,
        version=visit.version,
        placement=family,
        date=D(2021, 3, 5),
        visited_by="Серікбаева А.",
        kind="planned",
        conclusion="satisfactory",
    )
    first = family.scheduled_visits.order_by("due_date").first()
    assert (first.fulfilled_on, first.on_time) == (D(2021, 3, 5), False)


def test_danger_is_resolved_when_every_action_is_done(officer_a, family):
    visit = record_visit(
        officer_a,
        family,
        D(2021, 2, 1),
        conclusion="danger",
        action_description="Move the child",
        action_due_date=D(2021, 2, 3),
        action_responsible="Омарова Г.",
    )
    second = action_add(
        actor=officer_a,
        visit=visit,
        description="Court claim",
        due_date=D(2021, 3, 1),
        responsible="Юрист",
    )
    first = visit.actions.order_by("pk").first()
    with pytest.raises(ValidationError) as error:
        action_complete(
            actor=officer_a, action=first, version=first.version, done_on=None, result=""
        )
    assert messages(error) == ["Give the date it was done."]
    action_complete(
        actor=officer_a, action=first, version=first.version, done_on=D(2021, 2, 2), result="Done"
    )
    assert list(danger_visits_unresolved(officer_a)) == [visit]
    action_complete(
        actor=officer_a, action=second, version=second.version, done_on=D(2021, 2, 20), result=""
    )
    assert list(danger_visits_unresolved(officer_a)) == []


def test_visits_and_actions_are_in_the_audit_trail_under_the_child(officer_a, family):
    visit = record_visit(
        officer_a,
        family,
        D(2021, 2, 1),
        conclusion="concerns",
        action_description="Talk to the school",
        action_due_date=D(2021, 2, 10),
        action_responsible="Психолог",
    )
    entries = AuditEntry.objects.filter(child_id=family.child_id, actor=officer_a)
    assert {e.content_type.model for e in entries} >= {"monitoringvisit", "followupaction"}
    created = entries.get(content_type__model="monitoringvisit")
    assert created.object_id == visit.pk
    assert created.district_id == family.child.district_id
    assert created.changes["conclusion"] == [None, "concerns"]


# --- life plans ---------------------------------------------------------------------
PLAN_START, PLAN_REVIEW = D(2022, 9, 1), D(2023, 3, 1)


def plan(officer, child, start=PLAN_START, review=PLAN_REVIEW):
    return life_plan_add(
        actor=officer,
        child=child,
        start_date=start,
        education_goal="College",
        responsible_person="Тәрбиеші",
        next_review_date=review,
    )


def test_one_life_plan_at_a_time(officer_a, child_a):
    first = plan(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        plan(officer_a, child_a, start=D(2023, 1, 1), review=D(2023, 6, 1))
    assert messages(error) == [
        "This plan overlaps the plan from 01.09.2022: a child has one life plan at a time. End "
        "that one first."
    ]
    life_plan_end(actor=officer_a, plan=first, version=first.version, end_date=D(2023, 1, 1))
    plan(officer_a, child_a, start=D(2023, 1, 1), review=D(2023, 6, 1))
    assert LifePlan.objects.filter(child=child_a).count() == 2


def test_a_review_moves_the_next_review_date(officer_a, child_a):
    current = plan(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        life_plan_review(
            actor=officer_a,
            plan=current,
            version=current.version,
            date=D(2023, 3, 1),
            notes="Fine",
            next_review_date=D(2023, 2, 1),
        )
    assert error.value.message_dict["next_review_date"] == ["The next review comes after this one."]
    life_plan_review(
        actor=officer_a,
        plan=current,
        version=current.version,
        date=D(2023, 3, 1),
        notes="Enrolled at college",
        next_review_date=D(2023, 9, 1),
    )
    current.refresh_from_db()
    assert current.next_review_date == D(2023, 9, 1)
    assert current.reviews.get().notes == "Enrolled at college"


# --- graduates ----------------------------------------------------------------------
def test_a_graduate_record_follows_up_until_23(officer_a, make_graduate):
    young = make_graduate(birth_date=D(2004, 3, 1))
    record = graduate_add(
        actor=officer_a,
        child=young,
        left_care_on=D(2022, 3, 1),
        study_or_work="College",
        housing_situation="Dormitory",
    )
    assert record.follow_up_until == D(2027, 3, 1)
    assert record.is_followed_up_at(D(2027, 2, 28)) and not record.is_followed_up_at(D(2027, 3, 1))
    assert GraduateRecord.objects.filter(GraduateRecord.followed_up_q(D(2027, 2, 28))).exists()
    assert not GraduateRecord.objects.filter(GraduateRecord.followed_up_q(D(2027, 3, 1))).exists()
    with pytest.raises(ValidationError) as error:
        graduate_add(actor=officer_a, child=young, left_care_on=D(2022, 3, 1))
    assert messages(error) == ["This young person already has a graduate record."]
    graduate_note_add(actor=officer_a, record=record, date=D(2022, 9, 1), text="At college")
    assert record.follow_ups.get().text == "At college"


def test_only_someone_who_left_an_institution_gets_a_graduate_record(officer_a, family):
    with pytest.raises(ValidationError) as error:
        graduate_add(actor=officer_a, child=family.child, left_care_on=D(2022, 3, 1))
    assert messages(error) == [
        "A graduate record is for a young person who left an institution: the last placement is "
        "in an institution and ended on coming of age or for another reason (to study, to work)."
    ]


# --- youth homes --------------------------------------------------------------------
def test_placing_above_capacity_is_refused(officer_a, youth_home, make_graduate):
    first, second, third = (make_graduate(birth_date=D(2004, 3, day)) for day in (1, 2, 3))
    for young in (first, second):
        youth_home_stay_add(
            actor=officer_a, child=young, institution=youth_home, start_date=D(2022, 4, 1)
        )
    with pytest.raises(ValidationError) as error:
        youth_home_stay_add(
            actor=officer_a, child=third, institution=youth_home, start_date=D(2022, 5, 1)
        )
    assert error.value.message_dict["institution"] == [
        "Youth home A is full: all 2 places are taken on 01.05.2022. Put the young person on the "
        "waiting list instead."
    ]
    assert YouthHomeStay.objects.count() == 2
    stay = first.youth_home_stays.get()
    youth_home_stay_end(
        actor=officer_a, stay=stay, version=stay.version, end_date=D(2022, 6, 1), end_reason="left"
    )
    with pytest.raises(ValidationError):  # still full on 1 May
        youth_home_stay_add(
            actor=officer_a, child=third, institution=youth_home, start_date=D(2022, 5, 1)
        )
    youth_home_stay_add(
        actor=officer_a, child=third, institution=youth_home, start_date=D(2022, 6, 1)
    )
    assert YouthHomeStay.objects.filter(YouthHomeStay.active_at_q(D(2022, 6, 1))).count() == 2


def test_a_stay_started_in_the_past_is_checked_against_later_arrivals(
    officer_a, youth_home, make_graduate
):
    first, second, third = (make_graduate(birth_date=D(2004, 3, day)) for day in (1, 2, 3))
    youth_home_stay_add(
        actor=officer_a, child=first, institution=youth_home, start_date=D(2022, 4, 1)
    )
    youth_home_stay_add(
        actor=officer_a, child=second, institution=youth_home, start_date=D(2022, 8, 1)
    )
    with pytest.raises(ValidationError) as error:  # free on 1 May, full from 1 August
        youth_home_stay_add(
            actor=officer_a, child=third, institution=youth_home, start_date=D(2022, 5, 1)
        )
    assert "all 2 places are taken on 01.08.2022" in messages(error)[0]


def test_correcting_a_stay_checks_the_places_again(officer_a, youth_home, make_graduate):
    first, second = (make_graduate(birth_date=D(2004, 3, day)) for day in (1, 2))
    stay = youth_home_stay_add(
        actor=officer_a, child=first, institution=youth_home, start_date=D(2022, 4, 1)
    )
    youth_home_stay_add(
        actor=officer_a, child=second, institution=youth_home, start_date=D(2022, 4, 1)
    )
    institution_update(
        actor=officer_a, institution=youth_home, version=youth_home.version, capacity=1
    )
    with pytest.raises(ValidationError):
        youth_home_stay_correct(
            actor=officer_a,
            stay=stay,
            version=stay.version,
            institution=youth_home,
            start_date=D(2022, 3, 1),
            end_date=None,
            end_reason="",
        )


def test_a_home_without_recorded_places_takes_nobody(officer_a, youth_home, make_graduate):
    institution_update(
        actor=officer_a, institution=youth_home, version=youth_home.version, capacity=None
    )
    with pytest.raises(ValidationError) as error:
        youth_home_stay_add(
            actor=officer_a, child=make_graduate(), institution=youth_home, start_date=D(2022, 4, 1)
        )
    assert messages(error) == [
        "The number of places of Youth home A is not recorded, so nobody can be placed there. The "
        "administrator records it under Institutions."
    ]


def test_only_a_youth_home_takes_stays(officer_a, children_home, make_graduate):
    with pytest.raises(ValidationError) as error:
        youth_home_stay_add(
            actor=officer_a,
            child=make_graduate(),
            institution=children_home,
            start_date=D(2022, 4, 1),
        )
    assert messages(error) == ["Choose a youth home."]


def test_the_waiting_list_is_for_underage_graduates(officer_a, youth_home, make_graduate):
    adult = make_graduate(birth_date=D(2004, 3, 1))
    with pytest.raises(ValidationError) as error:
        waiting_add(actor=officer_a, child=adult, start_date=D(2022, 3, 1))
    assert messages(error) == [
        "On 01.03.2022 the young person is already 18: the waiting list is for graduates under 18."
    ]
    minor = make_graduate(
        birth_date=D(2005, 6, 1), left_on=D(2022, 9, 1), reason=PlacementEndReason.OTHER
    )
    entry = waiting_add(
        actor=officer_a, child=minor, start_date=D(2022, 9, 5), institution=youth_home
    )
    with pytest.raises(ValidationError) as error:
        waiting_add(actor=officer_a, child=minor, start_date=D(2022, 10, 1))
    assert messages(error) == ["The young person is already on the waiting list since 05.09.2022."]
    # Given a place: the waiting ends on the same day.
    youth_home_stay_add(
        actor=officer_a, child=minor, institution=youth_home, start_date=D(2022, 11, 1)
    )
    entry.refresh_from_db()
    assert (entry.end_date, entry.end_reason) == (D(2022, 11, 1), "placed")
    assert (
        YouthHomeWaiting.objects.filter(YouthHomeWaiting.active_at_q(D(2022, 11, 1))).count() == 0
    )


def test_someone_returned_to_parents_is_not_a_graduate(officer_a, make_graduate):
    returned = make_graduate(
        birth_date=D(2005, 6, 1), left_on=D(2022, 9, 1), reason=PlacementEndReason.RETURNED
    )
    with pytest.raises(ValidationError) as error:
        waiting_add(actor=officer_a, child=returned, start_date=D(2022, 9, 5))
    assert messages(error)[0].startswith("The waiting list is for graduates")
