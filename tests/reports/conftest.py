"""A small register counted by hand, shared by the reports tests (year 2024:
D = 31.12.2024, the year before P = 31.12.2023)."""

import datetime

import pytest

from children.models import InstitutionKind, PlacementEndReason, PlacementForm, Sector
from children.services.institutions import institution_create
from children.services.placements import placement_end
from children.services.transfers import child_transfer
from tests.children.factories import place, register_child

d = datetime.date


@pytest.fixture
def register(actor, district_a, district_b, district_c, officer_a, officer_b, officer_c):
    """Ten children whose situation at D and at P is known; see each comment."""
    home = institution_create(
        actor=actor,
        code="EDU",
        name_kk="Үй",
        name_ru="Дом",
        district=district_a,
        kind=InstitutionKind.CHILDREN_HOME,
        sector=Sector.EDUCATION,
    )
    clinic = institution_create(
        actor=actor,
        code="HLT",
        name_kk="Сәби",
        name_ru="Дом ребёнка",
        district=district_b,
        kind=InstitutionKind.BABY_HOME,
        sector=Sector.HEALTH,
    )
    children = {}
    # c1: orphan in an education institution since 2020: counted at D and at P.
    c1 = children["c1"] = register_child(
        officer_a, district_a, birth_date=d(2010, 5, 1), category="orphan", reason="parents_died"
    )
    place(officer_a, c1, PlacementForm.INSTITUTION, d(2020, 2, 1), institution=home)
    # c2: turns 18 on 31.12.2024: in the contingent at P, not at D.
    c2 = children["c2"] = register_child(
        officer_a, district_a, birth_date=d(2006, 12, 31), registered_on=d(2019, 1, 1)
    )
    place(officer_a, c2, PlacementForm.GUARDIANSHIP, d(2019, 1, 1))
    # c3: guardianship until 31.12.2024, foster family from 31.12.2024: foster family at D.
    c3 = children["c3"] = register_child(officer_a, district_a, birth_date=d(2015, 6, 1))
    place(officer_a, c3, PlacementForm.GUARDIANSHIP, d(2021, 1, 1))
    place(officer_a, c3, PlacementForm.FOSTER_FAMILY, d(2024, 12, 31))
    # c4: adopted on 1.6.2024, which ends the status: unplaced at P, gone at D.
    c4 = children["c4"] = register_child(officer_a, district_a, birth_date=d(2016, 3, 1))
    place(officer_a, c4, PlacementForm.ADOPTION, d(2024, 6, 1))
    # c5: patronage in A, transferred to B on 1.5.2024: in A at P, in B at D.
    c5 = children["c5"] = register_child(officer_a, district_a, birth_date=d(2012, 1, 1))
    place(officer_a, c5, PlacementForm.PATRONAGE, d(2020, 3, 1))
    c5.refresh_from_db()
    child_transfer(
        actor=officer_a, child=c5, version=c5.version, to_district=district_b, date=d(2024, 5, 1)
    )
    # c6: in B, no IIN, in a health institution since 1.6.2023.
    c6 = children["c6"] = register_child(officer_b, district_b, birth_date=d(2011, 1, 1), iin=None)
    place(officer_b, c6, PlacementForm.INSTITUTION, d(2023, 6, 1), institution=clinic)
    # c7: another region: never counted in region r1.
    c7 = children["c7"] = register_child(
        officer_c, district_c, birth_date=d(2014, 1, 1), category="orphan", reason="parents_died"
    )
    place(officer_c, c7, PlacementForm.GUARDIANSHIP, d(2020, 2, 1))
    # c8: returned to parents on 1.3.2024 (ends the status): at P only.
    c8 = children["c8"] = register_child(officer_a, district_a, birth_date=d(2013, 1, 1))
    guardianship = place(officer_a, c8, PlacementForm.GUARDIANSHIP, d(2020, 2, 1))
    placement_end(
        actor=officer_a,
        placement=guardianship,
        version=guardianship.version,
        end_date=d(2024, 3, 1),
        end_reason=PlacementEndReason.RETURNED,
    )
    # c9 (A) and c10 (B): the same name and birth date, registered in 2024, unplaced.
    children["c9"] = register_child(
        officer_a,
        district_a,
        birth_date=d(2020, 1, 1),
        last_name="Сейітов",
        first_name="Ислам",
        registered_on=d(2024, 2, 1),
    )
    children["c10"] = register_child(
        officer_b,
        district_b,
        birth_date=d(2020, 1, 1),
        last_name="СЕЙИТОВ",
        first_name="Ислам",
        registered_on=d(2024, 3, 1),
        iin=None,
    )
    # c11: trusteeship from 1.7.2022 (14 on 1.6.2022).
    c11 = children["c11"] = register_child(officer_a, district_a, birth_date=d(2008, 6, 1))
    place(officer_a, c11, PlacementForm.TRUSTEESHIP, d(2022, 7, 1))
    return children


@pytest.fixture
def material_register(register, actor, officer_a, officer_b, district_a):
    """Housing and benefits for the register above; see each comment."""
    from decimal import Decimal

    from benefits.services.alimony import alimony_order_add, alimony_payment_add
    from benefits.services.allowances import allowance_add
    from housing.services.provisions import housing_provision_add
    from housing.services.queue import queue_entry_add
    from housing.services.rights import housing_right_add

    c1, c2, c3, c5, c6, c11 = (register[k] for k in ("c1", "c2", "c3", "c5", "c6", "c11"))
    # c1 (education institution): full ownership, on A's queue.
    housing_right_add(
        actor=officer_a, child=c1, kind="full", address="Абай 1", start_date=d(2020, 3, 1)
    )
    queue_entry_add(actor=officer_a, child=c1, district=district_a, start_date=d(2021, 1, 1))
    # c3 (foster family at D): a share, on the queue.
    housing_right_add(
        actor=officer_a,
        child=c3,
        kind="share",
        share_size="1/2",
        address="Абай 2",
        start_date=d(2022, 1, 1),
    )
    queue_entry_add(actor=officer_a, child=c3, district=district_a, start_date=d(2022, 1, 1))
    # c5 (patronage, in B at D): on A's queue since before the transfer.
    queue_entry_add(actor=officer_b, child=c5, district=district_a, start_date=d(2020, 6, 1))
    # g1: a graduate of 21, came of age in 2021, housed from A's queue on 1.10.2024.
    g1 = register_child(
        officer_a,
        district_a,
        birth_date=d(2003, 5, 1),
        registered_on=d(2015, 2, 1),
        category="orphan",
        reason="parents_died",
    )
    home = c1.placements.get().institution
    stay = place(officer_a, g1, PlacementForm.INSTITUTION, d(2015, 3, 1), institution=home)
    placement_end(
        actor=officer_a,
        placement=stay,
        version=stay.version,
        end_date=d(2021, 5, 1),
        end_reason=PlacementEndReason.CAME_OF_AGE,
    )
    queue = queue_entry_add(
        actor=officer_a, child=g1, district=district_a, start_date=d(2016, 1, 1)
    )
    housing_provision_add(
        actor=officer_a,
        child=g1,
        date=d(2024, 10, 1),
        address="Абай 3",
        source="state_fund",
        queue_entry=queue,
    )
    # c2 (guardianship): housed in 2022 as a stated exception: family care, in the three years.
    housing_provision_add(
        actor=officer_a,
        child=c2,
        date=d(2022, 6, 1),
        address="Абай 4",
        source="other",
        exception_reason="Решение суда",
    )
    # Allowances: c1 survivor, c6 parent's disability, c3 guardian's payment.
    allowance_add(
        actor=officer_a,
        child=c1,
        kind="survivor",
        monthly_amount=Decimal("40000"),
        start_date=d(2020, 3, 1),
    )
    allowance_add(
        actor=officer_b,
        child=c6,
        kind="parent_disability",
        monthly_amount=Decimal("30000"),
        start_date=d(2023, 7, 1),
    )
    allowance_add(
        actor=officer_a,
        child=c3,
        kind="guardian_allowance",
        monthly_amount=Decimal("36900"),
        start_date=d(2021, 2, 1),
    )

    def order(child, start):
        return alimony_order_add(
            actor=officer_a,
            child=child,
            decision_number="2-1",
            decision_date=start,
            court="Талдықорған қалалық соты",
            debtor_name="Әкесі",
            start_date=start,
            monthly_amount=Decimal("15000"),
        )

    # Alimony: c3 paid in 2024; c11 paid only in 2023 (the year before); c5 never paid.
    alimony_payment_add(
        actor=officer_a, order=order(c3, d(2021, 3, 1)), date=d(2024, 3, 1), amount=Decimal("15000")
    )
    alimony_payment_add(
        actor=officer_a,
        order=order(c11, d(2022, 8, 1)),
        date=d(2023, 5, 1),
        amount=Decimal("15000"),
    )
    order(c5, d(2023, 2, 1))
    return {**register, "g1": g1}


@pytest.fixture
def care_register(material_register, actor, officer_a, district_a):
    """Visits, a life plan and youth-home places for the registers above, with the
    default schedule: a first visit 30 days after a family placement starts, then
    every six months."""
    from care.services.plans import life_plan_add
    from care.services.visits import visit_add
    from care.services.youth_homes import waiting_add, youth_home_stay_add

    # m1: guardianship from 1.1.2024: due 31.1.2024 (visited 20.1, on time) and 31.7.2024
    # (visited 15.8, late).
    m1 = register_child(
        officer_a, district_a, birth_date=d(2018, 5, 5), registered_on=d(2023, 12, 1)
    )
    guardianship = place(officer_a, m1, PlacementForm.GUARDIANSHIP, d(2024, 1, 1))
    for day in (d(2024, 1, 20), d(2024, 8, 15)):
        visit_add(
            actor=officer_a,
            placement=guardianship,
            date=day,
            visited_by="Серікбаева А.",
            kind="planned",
            conclusion="satisfactory",
        )
    # c1 (14 at D, in an institution): a life plan from 1.9.2024.
    life_plan_add(
        actor=officer_a,
        child=material_register["c1"],
        start_date=d(2024, 9, 1),
        education_goal="Колледж",
        responsible_person="Тәрбиеші",
        next_review_date=d(2025, 3, 1),
    )
    # A youth home of two places in A: g1 (21) lives there; w1 (17) waits since 15.9.2024.
    youth_home = institution_create(
        actor=actor,
        code="YH",
        name_kk="Жасөспірімдер үйі",
        name_ru="Дом юношества",
        district=district_a,
        kind=InstitutionKind.YOUTH_HOME,
        sector=Sector.EDUCATION,
        capacity=2,
    )
    youth_home_stay_add(
        actor=officer_a,
        child=material_register["g1"],
        institution=youth_home,
        start_date=d(2021, 6, 1),
    )
    w1 = register_child(
        officer_a, district_a, birth_date=d(2007, 3, 1), registered_on=d(2015, 1, 1)
    )
    home = material_register["c1"].placements.get().institution
    stay = place(officer_a, w1, PlacementForm.INSTITUTION, d(2015, 2, 1), institution=home)
    placement_end(
        actor=officer_a,
        placement=stay,
        version=stay.version,
        end_date=d(2024, 9, 1),
        end_reason=PlacementEndReason.OTHER,
    )
    waiting_add(actor=officer_a, child=w1, start_date=d(2024, 9, 15), institution=youth_home)
    return {**material_register, "m1": m1, "w1": w1}


@pytest.fixture
def counted(monkeypatch):
    """The counts the figures cache makes from now on: (district ids, or None for the
    whole register; prefix; namesakes only), one per statement of counts."""
    from reports.indicators import cache

    calls = []
    original = cache.count_periods

    def spy(periods, district_ids, prefix="", **options):
        calls.append((district_ids, prefix, options.get("namesakes_only", False)))
        return original(periods, district_ids, prefix, **options)

    monkeypatch.setattr(cache, "count_periods", spy)
    return calls
