"""Housing rules, each with the message a user sees, and what the services write."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from housing.services.provisions import housing_provision_add, housing_provision_correct
from housing.services.queue import queue_entry_add, queue_entry_end, queue_entry_set_position
from housing.services.rights import housing_right_add, housing_right_correct, housing_right_end
from registry.models import AuditEntry
from registry.services.base import EditConflict

# Two days ahead, not one: the constant is read when the module is collected, and a
# run that crosses midnight must still find it in the future.
FUTURE = timezone.localdate() + datetime.timedelta(days=2)


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


def add_right(officer, child, **changes):
    values = {
        "kind": "full",
        "address": "Талдықорған, Абай даңғылы 10, 5",
        "start_date": datetime.date(2020, 3, 1),
    }
    values.update(changes)
    return housing_right_add(actor=officer, child=child, **values)


def put_on_queue(officer, child, start=datetime.date(2020, 3, 1), **changes):
    return queue_entry_add(
        actor=officer, child=child, district=child.district, start_date=start, **changes
    )


# --- housing rights ---------------------------------------------------------------------


def test_a_right_is_recorded_and_audited(officer_a, child_a):
    right = add_right(officer_a, child_a, kind="share", share_size=" 1 / 3 ")
    assert right.share_size == "1/3" and right.is_open
    entry = AuditEntry.objects.get(content_type__model="housingright", object_id=right.pk)
    assert entry.actor == officer_a and entry.child_id == child_a.pk
    assert entry.district_id == child_a.district_id


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "share"}, "share_size", "Give the size of the share, such as 1/3."),
        (
            {"kind": "share", "share_size": "3/2"},
            "share_size",
            "The share must be a fraction such as 1/3: more than 0 and at most 1.",
        ),
        (
            {"kind": "share", "share_size": "0/4"},
            "share_size",
            "The share must be a fraction such as 1/3: more than 0 and at most 1.",
        ),
        (
            {"kind": "share", "share_size": "half"},
            "share_size",
            "The share must be a fraction such as 1/3: more than 0 and at most 1.",
        ),
        (
            {"kind": "full", "share_size": "1/2"},
            "share_size",
            "A share size is given only for ownership of a share.",
        ),
        ({"address": "  "}, "address", "Give the address of the housing."),
        (
            {"start_date": FUTURE},
            "start_date",
            f"The date {FUTURE:%d.%m.%Y} is in the future.",
        ),
        (
            {"start_date": datetime.date(2015, 5, 31)},
            "start_date",
            "The date 31.05.2015 is before the child was born (01.06.2015).",
        ),
    ],
)
def test_housing_right_rules(officer_a, child_a, changes, field, message):
    with pytest.raises(ValidationError) as error:
        add_right(officer_a, child_a, **changes)
    assert messages(error)[field] == [message]
    assert not HousingRight.objects.exists()


def test_ending_a_right(officer_a, child_a):
    right = add_right(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        housing_right_end(
            actor=officer_a,
            right=right,
            version=right.version,
            end_date=datetime.date(2020, 2, 1),
            end_reason="lost",
        )
    assert messages(error)["end_date"] == [
        "The end date 01.02.2020 is before the start date 01.03.2020."
    ]
    with pytest.raises(ValidationError) as error:
        housing_right_end(
            actor=officer_a,
            right=right,
            version=right.version,
            end_date=datetime.date(2022, 2, 1),
            end_reason="",
        )
    assert messages(error)["end_reason"] == ["Give the reason why it ended."]
    housing_right_end(
        actor=officer_a,
        right=right,
        version=right.version,
        end_date=datetime.date(2022, 2, 1),
        end_reason="released",
    )
    right.refresh_from_db()
    assert right.end_date == datetime.date(2022, 2, 1) and right.end_reason == "released"


def test_correcting_a_right_keeps_its_history(officer_a, child_a):
    right = add_right(officer_a, child_a)
    opened = right.version
    housing_right_correct(
        actor=officer_a,
        right=right,
        version=opened,
        kind="share",
        share_size="1/2",
        address=right.address,
        start_date=right.start_date,
        end_date=None,
        end_reason="",
    )
    change = AuditEntry.objects.filter(
        content_type__model="housingright", object_id=right.pk, action=AuditEntry.Action.UPDATE
    ).last()
    assert change.changes_dict["kind"] == ["full", "share"]
    with pytest.raises(EditConflict):  # a second user who opened the same version
        housing_right_correct(
            actor=officer_a,
            right=right,
            version=opened,
            kind="full",
            address=right.address,
            start_date=right.start_date,
            end_date=None,
            end_reason="",
        )
    assert HousingRight.objects.get().kind == "share"


# --- the queue ----------------------------------------------------------------------------


def test_a_child_stands_in_one_queue_at_a_time(officer_a, child_a, district_b):
    put_on_queue(officer_a, child_a, position=12)
    with pytest.raises(ValidationError) as error:
        queue_entry_add(
            actor=officer_a,
            child=child_a,
            district=district_b,
            start_date=datetime.date(2021, 1, 1),
        )
    assert messages(error)["__all__"] == [
        "The child already stands in the housing queue of Район А from 01.03.2020: a child "
        "is in one queue at a time."
    ]
    assert HousingQueueEntry.objects.count() == 1


def test_position_rules(officer_a, child_a):
    with pytest.raises(ValidationError) as error:
        put_on_queue(officer_a, child_a, position=0)
    assert messages(error)["position"] == ["The position in the queue is a whole number from 1."]
    entry = put_on_queue(officer_a, child_a, position=40)
    assert entry.position_on == entry.start_date  # stated when the child was put on it
    with pytest.raises(ValidationError) as error:
        queue_entry_set_position(
            actor=officer_a,
            entry=entry,
            version=entry.version,
            position=31,
            position_on=datetime.date(2020, 1, 1),
        )
    assert messages(error)["position_on"] == [
        "The position cannot be dated before the child was put on the queue (01.03.2020)."
    ]
    queue_entry_set_position(
        actor=officer_a,
        entry=entry,
        version=entry.version,
        position=31,
        position_on=datetime.date(2024, 1, 1),
    )
    entry.refresh_from_db()
    assert (entry.position, entry.position_on) == (31, datetime.date(2024, 1, 1))
    change = AuditEntry.objects.filter(
        content_type__model="housingqueueentry", object_id=entry.pk, action=AuditEntry.Action.UPDATE
    ).last()
    assert change.changes_dict["position"] == [40, 31]


def test_a_removal_must_be_explained(officer_a, child_a):
    entry = put_on_queue(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        queue_entry_end(
            actor=officer_a,
            entry=entry,
            version=entry.version,
            end_date=datetime.date(2023, 5, 1),
            end_reason="removed",
            end_explanation="   ",
        )
    assert messages(error)["end_explanation"] == [
        "Explain why the child is removed from the queue: every removal must be reasoned."
    ]
    queue_entry_end(
        actor=officer_a,
        entry=entry,
        version=entry.version,
        end_date=datetime.date(2023, 5, 1),
        end_reason="removed",
        end_explanation="Moved to another region, application of 20.04.2023.",
    )
    entry.refresh_from_db()
    assert entry.end_reason == "removed" and entry.end_explanation.startswith("Moved")


def test_housing_provided_is_not_an_ending_of_the_queue_form(officer_a, child_a):
    entry = put_on_queue(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        queue_entry_end(
            actor=officer_a,
            entry=entry,
            version=entry.version,
            end_date=datetime.date(2023, 5, 1),
            end_reason="provided",
        )
    assert messages(error)["end_reason"] == [
        "To end the entry because housing was provided, record the housing provided: that "
        "ends the entry."
    ]
    assert HousingQueueEntry.objects.get().is_open


def test_queue_dates(officer_a, child_a):
    with pytest.raises(ValidationError) as error:
        put_on_queue(officer_a, child_a, start=FUTURE)
    assert messages(error)["start_date"] == [f"The date {FUTURE:%d.%m.%Y} is in the future."]
    entry = put_on_queue(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        queue_entry_end(
            actor=officer_a,
            entry=entry,
            version=entry.version,
            end_date=datetime.date(2020, 1, 1),
            end_reason="removed",
            end_explanation="x",
        )
    assert messages(error)["end_date"] == [
        "The end date 01.01.2020 is before the start date 01.03.2020."
    ]


# --- housing provided ---------------------------------------------------------------------


def provide(officer, child, **changes):
    values = {
        "date": datetime.date(2024, 6, 1),
        "address": "Талдықорған, Тәуелсіздік 5, 12",
        "source": "state_fund",
    }
    values.update(changes)
    return housing_provision_add(actor=officer, child=child, **values)


def test_housing_from_the_queue_ends_the_entry(officer_a, child_a):
    entry = put_on_queue(officer_a, child_a, position=3)
    provision = provide(officer_a, child_a, queue_entry=entry)
    entry.refresh_from_db()
    assert provision.queue_entry == entry
    assert entry.end_date == datetime.date(2024, 6, 1) and entry.end_reason == "provided"
    # Both records are in the child's audit trail.
    models = set(
        AuditEntry.objects.filter(child_id=child_a.pk).values_list("content_type__model", flat=True)
    )
    assert {"housingprovision", "housingqueueentry"} <= models


def test_housing_without_a_queue_entry_needs_a_stated_exception(officer_a, child_a):
    with pytest.raises(ValidationError) as error:
        provide(officer_a, child_a)
    assert messages(error)["exception_reason"] == [
        "Housing is provided to someone on the queue: choose the queue entry, or state why "
        "this is an exception."
    ]
    assert not HousingProvision.objects.exists()
    provide(officer_a, child_a, exception_reason="Court decision of 12.05.2024.")
    assert HousingProvision.objects.get().queue_entry is None


def test_housing_from_a_queue_entry_must_follow_it(officer_a, child_a):
    entry = put_on_queue(officer_a, child_a, start=datetime.date(2024, 7, 1))
    with pytest.raises(ValidationError) as error:
        provide(officer_a, child_a, queue_entry=entry)
    assert messages(error)["date"] == [
        "The child was put on the queue on 01.07.2024, after this date: housing from the "
        "queue cannot be provided before that."
    ]
    entry.refresh_from_db()
    assert entry.is_open and not HousingProvision.objects.exists()


def test_housing_from_an_ended_queue_entry_is_refused(officer_a, child_a):
    entry = put_on_queue(officer_a, child_a)
    queue_entry_end(
        actor=officer_a,
        entry=entry,
        version=entry.version,
        end_date=datetime.date(2022, 1, 1),
        end_reason="removed",
        end_explanation="Moved away.",
    )
    entry.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        provide(officer_a, child_a, queue_entry=entry)
    assert messages(error)["queue_entry"] == [
        "This queue entry ended on 01.01.2022. Choose an open entry, or state why this is an "
        "exception."
    ]


def test_housing_provided_date_not_in_the_future(officer_a, child_a):
    with pytest.raises(ValidationError) as error:
        provide(officer_a, child_a, date=FUTURE, exception_reason="x")
    assert messages(error)["date"] == [f"The date {FUTURE:%d.%m.%Y} is in the future."]


def test_correcting_the_date_of_housing_provided_moves_the_queue_end(officer_a, child_a):
    entry = put_on_queue(officer_a, child_a)
    provision = provide(officer_a, child_a, queue_entry=entry)
    housing_provision_correct(
        actor=officer_a,
        provision=provision,
        version=provision.version,
        date=datetime.date(2024, 5, 15),
        address=provision.address,
        source="state_fund",
    )
    entry.refresh_from_db()
    assert entry.end_date == datetime.date(2024, 5, 15) and entry.end_reason == "provided"


def test_a_graduate_keeps_the_place_in_the_queue(officer_a, district_a):
    from tests.children.factories import register_child

    graduate = register_child(officer_a, district_a, birth_date=datetime.date(2006, 3, 1))
    entry = put_on_queue(officer_a, graduate, start=datetime.date(2021, 3, 1), position=8)
    # Coming of age (1 March 2024) does not end the entry; housing comes later.
    assert (
        HousingQueueEntry.objects.filter(
            HousingQueueEntry.active_at_q(datetime.date(2025, 1, 1))
        ).get()
        == entry
    )
    provide(officer_a, graduate, queue_entry=entry, date=datetime.date(2025, 2, 1))
    entry.refresh_from_db()
    assert entry.end_reason == "provided"
