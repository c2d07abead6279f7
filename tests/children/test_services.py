"""The rules every write of the children register obeys, with the messages users see."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from children.models import (
    Child,
    Placement,
    PlacementEndReason,
    PlacementForm,
    Status,
    StatusEndReason,
)
from children.selectors import children_visible_to
from children.services.children import DuplicateIIN, SimilarChildren, child_update_identity
from children.services.placements import placement_correct, placement_end
from children.services.statuses import status_add, status_end
from children.services.transfers import child_transfer
from registry.models import AuditEntry
from registry.services.base import EditConflict
from tests.children.factories import place, register_child


def messages_of(error: pytest.ExceptionInfo) -> list[str]:
    return error.value.messages


def test_register_writes_child_status_and_audit(officer_a, district_a):
    child = register_child(
        officer_a,
        district_a,
        last_name="Омаров",
        first_name="Арман",
        birth_date=datetime.date(2015, 6, 1),
    )
    assert child.district == child.registered_district == district_a
    status = child.statuses.get()
    assert status.start_date == datetime.date(2020, 1, 10) and status.end_date is None
    entries = AuditEntry.objects.filter(child_id=child.pk)
    assert {e.content_type.model for e in entries} == {"child", "status"}
    assert all(e.actor == officer_a and e.district_id == district_a.pk for e in entries)


def test_child_without_iin_is_a_temporary_registration(officer_a, district_a):
    child = register_child(officer_a, district_a, iin=None)
    assert child.iin is None
    second = register_child(officer_a, district_a, iin="")
    assert second.iin is None  # many children may wait for their IIN


def test_same_iin_is_refused(officer_a, officer_b, district_a, district_b, child_a):
    with pytest.raises(DuplicateIIN) as error:
        register_child(officer_b, district_b, iin=child_a.iin, birth_date=child_a.birth_date)
    assert error.value.existing == child_a
    assert "A child with this IIN is already in the register." in messages_of(error)
    assert Child.objects.count() == 1


def test_invalid_iin_writes_nothing(officer_a, district_a):
    with pytest.raises(ValidationError) as error:
        register_child(
            officer_a, district_a, iin="150601500001", birth_date=datetime.date(2015, 6, 1)
        )
    assert "The IIN's check digit does not match: look for a mistyped digit." in messages_of(error)
    assert not Child.objects.exists() and not Status.objects.exists()


def test_same_name_and_birth_date_in_another_spelling_is_warned(
    officer_a, district_a, district_b, officer_b, child_a
):
    with pytest.raises(SimilarChildren) as error:
        register_child(
            officer_b,
            district_b,
            iin=None,
            last_name="ОМАРОВ",
            first_name="арман",
            birth_date=child_a.birth_date,
            confirm_similar=False,
        )
    assert error.value.similar == [child_a]
    confirmed = register_child(
        officer_b,
        district_b,
        iin=None,
        last_name="ОМАРОВ",
        first_name="арман",
        birth_date=child_a.birth_date,
        confirm_similar=True,
    )
    assert confirmed.pk != child_a.pk


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"birth_date": datetime.date(2099, 1, 1)}, "The date 01.01.2099 is in the future."),
        (
            {"status_start": datetime.date(2015, 5, 1)},
            "A status cannot start before the child was born (01.06.2015).",
        ),
        (
            {"registered_on": datetime.date(2015, 5, 1)},
            "A child cannot come into the register before birth.",
        ),
    ],
)
def test_registration_rules(officer_a, district_a, changes, message):
    with pytest.raises(ValidationError) as error:
        register_child(officer_a, district_a, **changes)
    assert message in messages_of(error)
    assert not Child.objects.exists()


def test_statuses_do_not_overlap(officer_a, child_a):
    with pytest.raises(ValidationError) as error:
        status_add(
            actor=officer_a,
            child=child_a,
            category="orphan",
            reason="parents_died",
            start_date=datetime.date(2021, 1, 1),
        )
    assert (
        "This status overlaps the status from 10.01.2020: a child has one status at a time. "
        "End that one first."
    ) in messages_of(error)
    first = child_a.statuses.get()
    status_end(
        actor=officer_a,
        status=first,
        version=first.version,
        end_date=datetime.date(2021, 1, 1),
        end_reason=StatusEndReason.RETURNED,
    )
    status_add(
        actor=officer_a,
        child=child_a,
        category="orphan",
        reason="parents_died",
        start_date=datetime.date(2021, 1, 1),
    )
    assert child_a.statuses.count() == 2


def test_end_date_before_start_is_refused(officer_a, child_a):
    status = child_a.statuses.get()
    with pytest.raises(ValidationError) as error:
        status_end(
            actor=officer_a,
            status=status,
            version=status.version,
            end_date=datetime.date(2019, 1, 1),
            end_reason=StatusEndReason.OTHER,
        )
    assert "The end date 01.01.2019 is before the start date 10.01.2020." in messages_of(error)


@pytest.mark.parametrize(
    ("form", "start", "message"),
    [
        # the child is born 1 June 2015: 14 on 1 June 2029
        (
            PlacementForm.TRUSTEESHIP,
            datetime.date(2021, 1, 1),
            "Trusteeship is for a child from 14 to 18; on 01.01.2021 the child is 5. Choose guardianship.",
        ),
        (
            PlacementForm.GUARDIANSHIP,
            datetime.date(2015, 5, 1),
            "A placement cannot start before the child was born (01.06.2015).",
        ),
        (
            PlacementForm.GUARDIANSHIP,
            datetime.date(2019, 12, 31),
            "A placement cannot start before the child came into the register (10.01.2020).",
        ),
        (PlacementForm.INSTITUTION, datetime.date(2021, 1, 1), "Choose the institution."),
    ],
)
def test_placement_rules(officer_a, child_a, form, start, message):
    with pytest.raises(ValidationError) as error:
        place(officer_a, child_a, form, start)
    assert message in messages_of(error)
    assert not Placement.objects.exists()


def test_guardianship_is_for_children_under_14(officer_a, district_a):
    teen = register_child(
        officer_a,
        district_a,
        birth_date=datetime.date(2008, 3, 1),
        registered_on=datetime.date(2022, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        place(officer_a, teen, PlacementForm.GUARDIANSHIP, datetime.date(2022, 3, 1))
    assert (
        "Guardianship is for a child under 14; on 01.03.2022 the child is 14. Choose trusteeship."
        in messages_of(error)
    )
    place(
        officer_a, teen, PlacementForm.GUARDIANSHIP, datetime.date(2022, 2, 28)
    )  # the day before: 13


def test_family_placement_needs_the_carers_name(officer_a, child_a):
    with pytest.raises(ValidationError) as error:
        place(
            officer_a,
            child_a,
            PlacementForm.GUARDIANSHIP,
            datetime.date(2021, 1, 1),
            carer_name=" ",
        )
    assert "Give the name of the guardian, carer or adoptive parent." in messages_of(error)


def test_carers_iin_is_checked(officer_a, child_a):
    with pytest.raises(ValidationError) as error:
        place(
            officer_a,
            child_a,
            PlacementForm.GUARDIANSHIP,
            datetime.date(2021, 1, 1),
            carer_iin="800101300001",
        )
    assert "The IIN's check digit does not match: look for a mistyped digit." in messages_of(error)


def test_a_new_placement_ends_the_current_one(officer_a, child_a, children_home):
    first = place(
        officer_a,
        child_a,
        PlacementForm.INSTITUTION,
        datetime.date(2020, 2, 1),
        institution=children_home,
    )
    second = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 5, 1))
    first.refresh_from_db()
    assert first.end_date == datetime.date(2021, 5, 1)
    assert first.end_reason == PlacementEndReason.MOVED
    assert second.end_date is None


def test_placements_never_overlap(officer_a, child_a, children_home):
    place(
        officer_a,
        child_a,
        PlacementForm.INSTITUTION,
        datetime.date(2020, 2, 1),
        institution=children_home,
    )
    later = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 5, 1))
    with pytest.raises(ValidationError) as error:
        placement_correct(
            actor=officer_a,
            placement=later,
            version=later.version,
            form=PlacementForm.GUARDIANSHIP,
            start_date=datetime.date(2021, 1, 1),
            end_date=None,
            end_reason="",
            carer_name="Серікова Гүлнар",
        )
    assert (
        "This placement overlaps the placement from 01.02.2020 (institution): a child is in one "
        "form of care at a time."
    ) in messages_of(error)


def test_adoption_ends_the_status(officer_a, child_a):
    place(officer_a, child_a, PlacementForm.ADOPTION, datetime.date(2021, 3, 1))
    status = child_a.statuses.get()
    assert status.end_date == datetime.date(2021, 3, 1)
    assert status.end_reason == StatusEndReason.ADOPTED


def test_return_to_parents_ends_placement_and_status(officer_a, child_a):
    placement = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    placement_end(
        actor=officer_a,
        placement=placement,
        version=placement.version,
        end_date=datetime.date(2022, 1, 1),
        end_reason=PlacementEndReason.RETURNED,
    )
    status = child_a.statuses.get()
    assert (status.end_date, status.end_reason) == (
        datetime.date(2022, 1, 1),
        StatusEndReason.RETURNED,
    )


def test_transfer_hands_the_case_over(officer_a, officer_b, district_a, district_b, child_a):
    child_transfer(
        actor=officer_a,
        child=child_a,
        version=child_a.version,
        to_district=district_b,
        date=datetime.date(2023, 4, 1),
    )
    assert child_a not in children_visible_to(officer_a)
    assert child_a in children_visible_to(officer_b)
    transfer = child_a.transfers.get()
    assert (transfer.from_district, transfer.to_district) == (district_a, district_b)


def test_transfer_rules(officer_a, district_a, district_b, child_a):
    with pytest.raises(ValidationError) as error:
        child_transfer(
            actor=officer_a,
            child=child_a,
            version=child_a.version,
            to_district=district_a,
            date=datetime.date(2019, 1, 1),
        )
    assert messages_of(error) == [
        "The case is already in this district.",
        "A transfer cannot be dated before the child came into the register (10.01.2020).",
    ]


def test_second_save_of_an_identity_is_refused(officer_a, child_a):
    opened = child_a.version
    fields = {
        "iin": child_a.iin,
        "first_name": "Арман",
        "middle_name": "",
        "birth_date": child_a.birth_date,
        "sex": "M",
    }
    child_update_identity(
        actor=officer_a, child=child_a, version=opened, last_name="Омаров-1", **fields
    )
    stale = Child.objects.get(pk=child_a.pk)
    with pytest.raises(EditConflict) as error:
        child_update_identity(
            actor=officer_a, child=stale, version=opened, last_name="Омаров-2", **fields
        )
    assert error.value.current.last_name == "Омаров-1"
    assert Child.objects.get(pk=child_a.pk).last_name == "Омаров-1"


def test_second_ending_of_a_placement_is_refused(officer_a, child_a):
    placement = place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    opened = placement.version
    placement_end(
        actor=officer_a,
        placement=placement,
        version=opened,
        end_date=datetime.date(2022, 1, 1),
        end_reason=PlacementEndReason.CARER_RELEASED,
    )
    stale = Placement.objects.get(pk=placement.pk)
    stale.end_date = None  # as the other officer's page still shows it
    with pytest.raises(EditConflict):
        placement_end(
            actor=officer_a,
            placement=stale,
            version=opened,
            end_date=datetime.date(2022, 6, 1),
            end_reason=PlacementEndReason.OTHER,
        )
    assert Placement.objects.get(pk=placement.pk).end_date == datetime.date(2022, 1, 1)


def test_changing_the_birth_date_must_keep_the_history_valid(officer_a, district_a):
    teen = register_child(
        officer_a,
        district_a,
        birth_date=datetime.date(2008, 3, 1),
        registered_on=datetime.date(2022, 1, 1),
    )
    place(officer_a, teen, PlacementForm.TRUSTEESHIP, datetime.date(2022, 3, 1))
    with pytest.raises(ValidationError) as error:
        child_update_identity(
            actor=officer_a,
            child=teen,
            version=teen.version,
            iin=None,
            last_name=teen.last_name,
            first_name=teen.first_name,
            birth_date=datetime.date(2009, 3, 1),
            sex="M",
        )
    assert (
        "Trusteeship is for a child from 14 to 18; on 01.03.2022 the child is 13. Choose guardianship."
        in messages_of(error)
    )


def test_completing_the_iin_of_a_temporary_registration(officer_a, district_a):
    child = register_child(officer_a, district_a, iin=None, birth_date=datetime.date(2015, 6, 1))
    from children.iin import make_iin

    iin = make_iin(datetime.date(2015, 6, 1), "M", 4242)
    child_update_identity(
        actor=officer_a,
        child=child,
        version=child.version,
        iin=iin,
        last_name=child.last_name,
        first_name=child.first_name,
        birth_date=child.birth_date,
        sex="M",
    )
    change = AuditEntry.objects.filter(child_id=child.pk, action=AuditEntry.Action.UPDATE).get()
    assert change.changes["iin"] == [None, iin]


def test_a_youth_home_is_not_a_placement(officer_a, child_a, children_home, youth_home):
    with pytest.raises(ValidationError) as refused:
        place(officer_a, child_a, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), youth_home)
    assert refused.value.message_dict["institution"] == [
        "A youth home is not a placement: it houses graduates. Choose the institution the "
        "child is placed in; a stay in a youth home is recorded in the child's follow-up."
    ]
    assert not child_a.placements.exists()
    placement = place(
        officer_a, child_a, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), children_home
    )
    with pytest.raises(ValidationError, match="A youth home is not a placement"):
        placement_correct(
            actor=officer_a,
            placement=placement,
            version=placement.version,
            form=PlacementForm.INSTITUTION,
            start_date=placement.start_date,
            end_date=None,
            end_reason="",
            institution=youth_home,
        )
    placement.refresh_from_db()
    assert placement.institution == children_home
