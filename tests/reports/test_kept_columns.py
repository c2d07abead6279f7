"""Each child's columns at the end of a year are kept and summed
(reports.indicators.facts). After changes of every kind (through the services
officers use, a workbook's bulk import, a schedule's rebuild, an institution's
change), the figures summed from the kept columns equal a count from the records, on
every key, in every district; a change counts only its child again; a record of no
child (an account, an institution) counts nothing again."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from children.models import Child, Institution, InstitutionKind, PlacementForm, Sector
from children.services.children import child_update_identity
from children.services.institutions import institution_create, institution_update
from children.services.transfers import child_transfer
from devdata.generator import RegisterGenerator
from housing.services.provisions import housing_provision_add
from registry.audit import system_actor
from registry.models import ChangeStamp, District, Region, Role
from reports.indicators import facts
from reports.indicators.conditions import Period
from reports.indicators.engine import count_periods
from reports.models import ChildFacts
from tests.children.factories import place, register_child, register_namesake
from tests.children.test_properties import PROFILE, isolated
from tests.conftest import make_user, officers_by_district

YEAR = datetime.date.today().year - 1
PERIODS = [Period(YEAR), Period(YEAR - 1), Period(YEAR - 2)]


def assert_kept_equal_records(district_ids):
    kept = count_periods(PERIODS, district_ids)
    records = count_periods(PERIODS, district_ids, from_records=True)
    for period, from_kept, from_records in zip(PERIODS, kept, records, strict=True):
        assert from_kept == from_records, (period.year, district_ids)


def assert_every_area():
    assert_kept_equal_records(None)
    for region in Region.objects.all():
        assert_kept_equal_records(list(region.districts.values_list("pk", flat=True)))
    for district in District.objects.all():
        assert_kept_equal_records([district.pk])


KINDS = ["register", "namesake", "transfer", "place", "house", "adult", "institution"]
changes = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(min_value=0, max_value=3),  # the district (of 2 regions of 2)
        st.integers(min_value=0, max_value=10_000),  # which child, which day
    ),
    min_size=1,
    max_size=5,
)


def change(kind, district, officer, pick):
    """One change of `kind`, through the service an officer or administrator uses."""
    own = Child.objects.filter(district=district).order_by("pk")
    child = own[pick % own.count()] if own.exists() else None
    day = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=pick % 365)
    if kind == "register":
        register_child(officer, district, birth_date=datetime.date(2012, 1, 1 + pick % 28))
    elif kind == "namesake":
        other = Child.objects.order_by("pk")[pick % Child.objects.count()]
        register_namesake(officer, district, other)
    elif child is None:
        return
    elif kind == "transfer":
        others = District.objects.exclude(pk=district.pk).order_by("pk")
        child_transfer(
            actor=officer,
            child=child,
            version=child.version,
            to_district=others[pick % others.count()],
            date=datetime.date.today(),
        )
    elif kind == "place" and not child.placements.filter(end_date__isnull=True).exists():
        place(officer, child, PlacementForm.GUARDIANSHIP, max(day, child.registered_on))
    elif kind == "house" and child.birth_date.year < YEAR - 16:
        housing_provision_add(
            actor=officer,
            child=child,
            date=day,
            address="Абай 10",
            source="other",
            exception_reason="Решение акимата",
        )
    elif kind == "adult":  # a birth date corrected: the child leaves the area's count
        child_update_identity(
            actor=officer,
            child=child,
            version=child.version,
            iin=None,
            last_name=child.last_name,
            first_name=child.first_name,
            middle_name=child.middle_name,
            birth_date=datetime.date(1990, 1, 1),
            sex=child.sex,
        )
    elif kind == "institution":
        institution = Institution.objects.order_by("pk")[pick % Institution.objects.count()]
        sectors = [Sector.EDUCATION, Sector.HEALTH, Sector.SOCIAL]
        institution_update(
            actor=system_actor(),
            institution=institution,
            version=institution.version,
            sector=sectors[(sectors.index(institution.sector) + 1) % 3],
        )


@settings(PROFILE, max_examples=6)
@given(seed=st.integers(min_value=1, max_value=10_000), steps=changes)
def test_figures_summed_from_kept_columns_equal_a_count_from_the_records(db, seed, steps):
    def check():
        RegisterGenerator(seed=seed, districts=2, regions=2).generate(60)
        assert_every_area()  # kept for every area and year
        districts = list(District.objects.order_by("pk"))
        officer = officers_by_district()
        for kind, index, pick in steps:
            district = districts[index % len(districts)]
            try:
                with transaction.atomic():
                    change(kind, district, officer(district), pick)
            except ValidationError:  # refused (a placement of an adult): nothing written
                pass
            assert_every_area()
        return ChildFacts.objects.count()

    assert isolated(check) > 0


def test_a_change_counts_its_child_again_and_an_account_nothing(
    officer_a, district_a, region, admin_user
):
    first = register_child(officer_a, district_a, birth_date=datetime.date(2015, 1, 1))
    second = register_child(officer_a, district_a, birth_date=datetime.date(2016, 1, 1))
    assert facts.refresh(PERIODS, None) == 2
    assert facts.refresh(PERIODS, None) == 0
    place(officer_a, second, PlacementForm.GUARDIANSHIP, datetime.date(YEAR, 3, 1))
    assert facts.refresh(PERIODS, None) == 1
    assert count_periods([Period(YEAR)], None)[0][district_a.pk]["contingent.guardianship"] == 1
    # An account and its authenticator, an institution: no child's record.
    stamps = list(ChangeStamp.objects.order_by("child_id").values_list("child_id", "stamp"))
    make_user("another-officer", Role.OFFICER, district=district_a).totpdevice_set.create(
        name="phone"
    )
    home = institution_create(
        actor=admin_user,
        code="H1",
        name_kk="Үй",
        name_ru="Дом",
        district=district_a,
        kind=InstitutionKind.CHILDREN_HOME,
        sector=Sector.EDUCATION,
    )
    institution_update(actor=admin_user, institution=home, version=home.version, capacity=40)
    assert list(ChangeStamp.objects.order_by("child_id").values_list("child_id", "stamp")) == stamps
    assert facts.refresh(PERIODS, None) == 0
    assert first.pk in ChildFacts.objects.values_list("child_id", flat=True)


def test_rows_counted_by_other_code_are_counted_again(officer_a, district_a, monkeypatch):
    """A release that counts the columns otherwise (another statement) counts every
    kept row again; one that does not keeps them, through `migrate` too."""
    register_child(officer_a, district_a, birth_date=datetime.date(2015, 1, 1))
    register_child(officer_a, district_a, birth_date=datetime.date(2016, 1, 1))
    assert facts.refresh(PERIODS, None) == 2
    call_command("migrate", verbosity=0)
    assert facts.refresh(PERIODS, None) == 0
    monkeypatch.setitem(facts._codes, connection.vendor, facts.code() + 1)
    assert facts.refresh(PERIODS, None) == 2
    assert set(ChildFacts.objects.values_list("code", flat=True)) == {facts.code()}
    assert_kept_equal_records(None)


def test_many_stale_children_are_counted_again_by_their_area(
    officer_a, officer_b, district_a, district_b, monkeypatch
):
    """Above FEW stale children (the first count of a year), the area's stale children
    are written from their area's statement, not by their ids: every one of them, and
    a district's count then sums them."""
    monkeypatch.setattr(facts, "FEW", 1)
    for officer, district, year in ((officer_a, district_a, 2015), (officer_b, district_b, 2016)):
        for month in (1, 2):
            child = register_child(officer, district, birth_date=datetime.date(year, month, 1))
            place(officer, child, PlacementForm.GUARDIANSHIP, datetime.date(YEAR, 3, 1))
    assert facts.refresh(PERIODS, None) == 2  # found up to FEW + 1: more than FEW
    assert ChildFacts.objects.filter(year=YEAR).count() == 4
    assert facts.refresh(PERIODS, None) == 0
    assert count_periods([Period(YEAR)], None)[0][district_b.pk]["contingent.guardianship"] == 2
    assert_kept_equal_records(None)


def test_a_workbook_import_counts_its_children_again(region, district_a, district_b, district_c):
    """The import writes in bulk, with its audit entries as rows: they raise the
    children's stamps too."""
    from tests.exchange.workbooks import GIRL, base_sheets, run_import, sheets_with

    periods = [Period(2024), Period(2025)]
    assert run_import(base_sheets()).written
    before = count_periods(periods, None)[0]
    assert before[district_b.pk]["contingent.orphans"] == 1
    # The girl's status corrected: without parental care, not an orphan.
    statuses = base_sheets()["Statuses"]
    girl = [GIRL, "without_care", "deprived", *statuses[2][3:]]
    assert run_import(sheets_with(Statuses=[*statuses[:2], girl])).written
    kept = count_periods(periods, None)
    assert kept == count_periods(periods, None, from_records=True)
    assert kept[0][district_b.pk]["contingent.orphans"] == 0
    assert kept[0][district_b.pk]["contingent.without_care"] == 1


def test_a_schedule_rebuild_counts_its_children_again(officer_a, district_a, region):
    """Due visits are written by the schedule's rebuild, without entries of their own:
    it raises the stamps of the children whose schedule it wrote."""
    from care.models import ScheduledVisit
    from care.services.schedules import rebuild_schedules

    child = register_child(officer_a, district_a, birth_date=datetime.date(2016, 1, 1))
    placement = place(officer_a, child, PlacementForm.FOSTER_FAMILY, datetime.date(YEAR - 1, 1, 1))
    periods = [Period(YEAR)]
    # Without its due visits (removed by no service), nothing is overdue ...
    ScheduledVisit.objects.filter(placement=placement).delete()
    assert count_periods(periods, None)[0][district_a.pk]["monitoring.overdue"] == 0
    # ... and with them written again, the visits due in the year are.
    rebuild_schedules([placement.pk])
    kept = count_periods(periods, None)
    assert kept == count_periods(periods, None, from_records=True)
    assert kept[0][district_a.pk]["monitoring.overdue"] == 1
