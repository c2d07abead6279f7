"""Property-based tests of housing rights, shares and the queue: whatever kinds,
fractions, dates and positions come in, the records are saved whole or refused with
a message, and the rules hold afterwards (one queue at a time, no provision without
its reason)."""

from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from housing.models import (
    HousingKind,
    HousingProvision,
    HousingQueueEntry,
    HousingRight,
    ProvisionSource,
)
from housing.services.provisions import housing_provision_add
from housing.services.queue import queue_entry_add
from housing.services.rights import housing_right_add
from tests.children.test_properties import PROFILE, dates, isolated

shares = st.one_of(
    st.sampled_from(["", "1/3", "2/3", "1/1", "0/3", "4/3", "1/0", "-1/2", "½", "1 / 3"]),
    st.text(max_size=12),
)
texts = st.text(max_size=300)


@PROFILE
@given(
    kind=st.one_of(st.sampled_from(HousingKind.values), st.text(max_size=20)),
    share=shares,
    start=dates,
    address=texts,
)
def test_housing_rights_are_saved_whole_or_refused(officer_a, child_a, kind, share, start, address):
    def attempt():
        before = HousingRight.objects.count()
        try:
            right = housing_right_add(
                actor=officer_a,
                child=child_a,
                kind=kind,
                address=address,
                start_date=start,
                share_size=share,
            )
        except ValidationError as error:
            assert error.messages and HousingRight.objects.count() == before
            return "refused"
        right.refresh_from_db()
        assert right.kind in HousingKind.values and right.address.strip()
        return "saved"

    assert isolated(attempt) in ("saved", "refused")


@PROFILE
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["queue", "provide"]),
            dates,
            st.one_of(st.none(), st.integers(-5, 10**12)),
            texts,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_the_queue_and_provisions_keep_their_rules(officer_a, child_a, steps):
    def attempt():
        for action, day, position, text in steps:
            try:
                if action == "queue":
                    queue_entry_add(
                        actor=officer_a,
                        child=child_a,
                        district=child_a.district,
                        start_date=day,
                        position=position,
                        position_on=day if position is not None else None,
                    )
                else:
                    entry = HousingQueueEntry.objects.filter(
                        child=child_a, end_date__isnull=True
                    ).first()
                    housing_provision_add(
                        actor=officer_a,
                        child=child_a,
                        date=day,
                        address=text,
                        source=ProvisionSource.STATE_FUND,
                        queue_entry=entry,
                        exception_reason="" if entry else text,
                    )
            except ValidationError as error:
                assert error.messages
        open_entries = HousingQueueEntry.objects.filter(child=child_a, end_date__isnull=True)
        assert open_entries.count() <= 1
        for provision in HousingProvision.objects.filter(child=child_a):
            assert provision.queue_entry_id or provision.exception_reason.strip()
        return "checked"

    assert isolated(attempt) == "checked"
