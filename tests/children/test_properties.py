"""Property-based tests: whatever dates, codes, IINs and names come in, the services
either save a valid record or refuse with a ValidationError, never crash, and never
leave half a record behind."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from children.iin import make_iin
from children.models import Category, Child, Placement, PlacementForm, Status, StatusReason
from children.services.children import SimilarChildren, child_register
from children.services.placements import placement_add
from registry.records.rules import overlapping

dates = st.dates(min_value=datetime.date(1995, 1, 1), max_value=datetime.date(2035, 12, 31))
iins = st.one_of(
    st.none(),
    st.text(alphabet="0123456789", min_size=0, max_size=14),
    st.text(max_size=14),
    st.builds(
        lambda day, sex, serial: make_iin(day, sex, serial),
        dates,
        st.sampled_from("MF"),
        st.integers(0, 9999),
    ),
)
codes = st.one_of(
    st.sampled_from(["orphan", "without_care", "", "ORPHAN", "сирота", "x" * 30]),
    st.text(max_size=25),
)
names = st.text(min_size=0, max_size=120)
PROFILE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Rollback(Exception):
    pass


def isolated(action):
    """Run one example in a savepoint that is always undone."""
    try:
        with transaction.atomic():
            result = action()
            raise Rollback(result)
    except Rollback as done:
        return done.args[0]


@PROFILE
@given(
    iin=iins,
    last=names,
    first=names,
    birth=dates,
    sex=st.sampled_from(["M", "F", "X", ""]),
    registered=dates,
    category=codes,
    reason=codes,
    status_start=dates,
)
def test_registration_saves_whole_records_or_refuses(
    officer_a, district_a, iin, last, first, birth, sex, registered, category, reason, status_start
):
    def attempt():
        before = (Child.objects.count(), Status.objects.count())
        try:
            child = child_register(
                actor=officer_a,
                district=district_a,
                iin=iin,
                last_name=last,
                first_name=first,
                birth_date=birth,
                sex=sex,
                registered_on=registered,
                category=category,
                reason=reason or StatusReason.UNKNOWN,
                status_start=status_start,
                confirm_similar=True,
            )
        except (ValidationError, SimilarChildren) as error:
            assert error.messages, "a refusal always says why"
            assert (Child.objects.count(), Status.objects.count()) == before, (
                "half a record was left"
            )
            return "refused"
        assert child.statuses.count() == 1
        assert child.birth_date <= datetime.date.today() and status_start >= birth
        return "saved"

    assert isolated(attempt) in ("saved", "refused")


@PROFILE
@given(
    steps=st.lists(
        st.tuples(st.sampled_from([*PlacementForm.values, "bogus"]), dates, st.booleans(), names),
        min_size=1,
        max_size=6,
    )
)
def test_placements_never_overlap_whatever_is_tried(officer_a, district_a, children_home, steps):
    def attempt():
        child = child_register(
            actor=officer_a,
            district=district_a,
            iin=None,
            last_name="Тест",
            first_name="Бала",
            birth_date=datetime.date(2012, 5, 5),
            sex="F",
            registered_on=datetime.date(2013, 1, 1),
            category=Category.WITHOUT_CARE,
            reason=StatusReason.DEPRIVED,
            status_start=datetime.date(2013, 1, 1),
            confirm_similar=True,
        )
        for form, start, end_current, carer in steps:
            try:
                placement_add(
                    actor=officer_a,
                    child=child,
                    form=form,
                    start_date=start,
                    institution=children_home,
                    end_current=end_current,
                    carer_name=carer,
                )
            except ValidationError as error:
                assert error.messages
        placements = list(Placement.objects.filter(child=child))
        for placement in placements:
            others = [other for other in placements if other.pk != placement.pk]
            assert overlapping(placement.start_date, placement.end_date, others) is None
            assert placement.end_date is None or placement.end_date >= placement.start_date
        return len(placements)

    assert isolated(attempt) >= 0
