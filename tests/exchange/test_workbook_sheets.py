"""The housing, benefits and care sheets of the workbook: a clean import of every
sheet, its audit, the defaults of a minimal list, the second import that changes
nothing, the round trip through an empty database, and the visit schedule."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance
from benefits.services.alimony import alimony_order_add, alimony_payment_add
from care.models import FollowUpAction, LifePlan, MonitoringVisit, ScheduledVisit
from care.services.plans import life_plan_add
from care.services.visits import visit_add
from children.models import Child, Placement, PlacementForm
from exchange.models import RecognisedWorkbook
from exchange.workbook import importer
from exchange.workbook.scope import ExportScope
from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from housing.services.queue import queue_entry_set_position
from housing.services.rights import housing_right_add, housing_right_end
from registry.models import AuditEntry
from tests.children.factories import place, register_child
from tests.exchange.test_workbook_import import cells_to_workbook, export_cells
from tests.exchange.workbooks import (
    BOY,
    CHILDREN_REQUIRED,
    GIRL,
    full_sheets,
    problem_lines,
    read_again,
    run_import,
    table_counts,
)

d = datetime.date
NEW_SHEETS = (
    "HousingRights",
    "HousingQueue",
    "HousingProvided",
    "Benefits",
    "AlimonyOrders",
    "AlimonyPayments",
    "Visits",
    "LifePlans",
)


def test_clean_import_of_every_sheet(areas, officer_a):
    result = run_import(full_sheets(), actor=officer_a)
    assert problem_lines(result) == []
    assert {sheet: result.counts[sheet]["created"] for sheet in NEW_SHEETS} == {
        "HousingRights": 2,
        "HousingQueue": 2,
        "HousingProvided": 1,
        "Benefits": 3,
        "AlimonyOrders": 1,
        "AlimonyPayments": 3,
        "Visits": 3,
        "LifePlans": 1,
    }
    boy, girl = Child.objects.get(iin=BOY), Child.objects.get(iin=GIRL)

    share = HousingRight.objects.get(child=girl)
    assert (share.kind, share.share_size, share.address) == ("share", "1/2", "Абай 2")

    removed, provided = HousingQueueEntry.objects.filter(child=girl).order_by("start_date")
    assert (removed.district.code, removed.end_reason) == ("a", "removed")
    assert removed.end_explanation == "Переехала в район Б"
    assert (provided.district.code, provided.end_reason) == ("b", "provided")
    housing = HousingProvision.objects.get()
    assert housing.queue_entry == provided and housing.source == "state_fund"

    assert sorted(Allowance.objects.filter(child=boy).values_list("kind", "monthly_amount")) == [
        ("guardian_allowance", Decimal("36900")),
        ("parent_disability", Decimal("35000")),
    ]
    assert Allowance.objects.get(child=girl).monthly_amount == Decimal("42000.50")

    order = AlimonyOrder.objects.get()
    assert (order.debtor_name, order.decision_number, order.court) == ("Омаров Серік", "—", "—")
    assert order.decision_date == order.start_date == d(2021, 3, 1)
    assert sorted(order.payments.values_list("date", "amount")) == [
        (d(2024, 1, 10), Decimal("15000")),
        (d(2024, 2, 10), Decimal("5000")),
        (d(2024, 2, 10), Decimal("15000")),
    ]

    guardianship = boy.placements.get(form=PlacementForm.GUARDIANSHIP)
    visits = MonitoringVisit.objects.filter(child=boy).order_by("date")
    assert [(v.placement, v.kind, v.conclusion, v.visited_by) for v in visits] == [
        (guardianship, "planned", "satisfactory", "—"),
        (guardianship, "planned", "concerns", "—"),
    ]
    girl_visit = MonitoringVisit.objects.get(child=girl)
    assert (girl_visit.kind, girl_visit.conclusion) == ("unplanned", "satisfactory")
    assert girl_visit.placement.form == PlacementForm.TRUSTEESHIP

    plan = LifePlan.objects.get()
    assert (plan.education_goal, plan.responsible_person) == ("Колледж", "—")
    assert plan.next_review_date == d(2024, 3, 1)  # six months after the start


def test_visits_fulfil_the_schedule(areas):
    run_import(full_sheets())
    guardianship = Placement.objects.get(form=PlacementForm.GUARDIANSHIP)
    first, second, third = ScheduledVisit.objects.filter(placement=guardianship).order_by(
        "due_date"
    )[:3]
    assert (first.due_date, first.fulfilled_on, first.on_time) == (
        d(2021, 1, 31),
        d(2021, 1, 25),
        True,
    )
    assert (second.due_date, second.fulfilled_on) == (d(2021, 7, 31), d(2021, 7, 20))
    assert third.fulfilled_on is None


def test_visits_of_placements_not_in_the_workbook_rebuild_their_schedule(
    areas, officer_a, district_a, monkeypatch
):
    child = register_child(officer_a, district_a, birth_date=d(2015, 6, 1))
    family = place(officer_a, child, PlacementForm.GUARDIANSHIP, d(2021, 1, 1))

    def first_due():
        return ScheduledVisit.objects.filter(placement=family).order_by("due_date").first()

    assert first_due().fulfilled_on is None
    sheets = {"Visits": [["iin", "date", "outcome"], [child.iin, "20.01.2021", "satisfactory"]]}
    assert problem_lines(run_import(sheets)) == []
    due = first_due()
    assert due.fulfilled_on == d(2021, 1, 20) and due.visit == MonitoringVisit.objects.get()

    seen = []
    monkeypatch.setattr(importer, "rebuild_schedules", seen.append)
    sheets["Visits"].append([child.iin, "20.07.2021", "concerns"])
    run_import(sheets)
    assert seen == [{family.pk}]


def test_every_record_is_audited(areas, officer_a):
    run_import(full_sheets(), actor=officer_a)
    girl = Child.objects.get(iin=GIRL)
    entries = AuditEntry.objects.filter(child_id=girl.pk, action=AuditEntry.Action.CREATE)
    assert sorted(entries.values_list("content_type__model", flat=True)) == [
        "allowance",
        "child",
        "housingprovision",
        "housingqueueentry",
        "housingqueueentry",
        "housingright",
        "lifeplan",
        "monitoringvisit",
        "placement",
        "status",
        "transfer",
    ]
    assert all(e.actor == officer_a for e in entries)
    assert {e.district.code for e in entries if e.content_type.model != "transfer"} == {"b"}
    housing = entries.get(content_type__model="housingprovision")
    assert housing.changes["queue_entry"] == [None, "Housing queue of Район Б from 01.09.2024"]
    visit = entries.get(content_type__model="monitoringvisit")
    assert visit.changes["placement"] == [None, "trusteeship: Исаев Марат (01.06.2023)"]

    boy = Child.objects.get(iin=BOY)
    payments = AuditEntry.objects.filter(content_type__model="alimonypayment")
    assert payments.count() == 3 and {e.child_id for e in payments} == {boy.pk}
    assert payments.first().changes["order"] == [None, "— (01.03.2021), Омаров Серік"]


def test_second_import_changes_nothing(areas, officer_a):
    run_import(full_sheets(), actor=officer_a)
    read_again()  # every row read and checked again
    before, entries = table_counts(), AuditEntry.objects.count()
    result = run_import(full_sheets(), actor=officer_a)
    assert problem_lines(result) == []
    for sheet in NEW_SHEETS:
        assert result.counts[sheet]["created"] == result.counts[sheet]["updated"] == 0, sheet
        assert result.counts[sheet]["unchanged"] > 0, sheet
    after = table_counts()
    assert after.pop("registry.AccessLog") == before.pop("registry.AccessLog") + 1
    assert RecognisedWorkbook.objects.count() == 1  # the file, now known to restate it
    assert after == before and AuditEntry.objects.count() == entries


def test_a_minimal_list_keeps_what_the_register_holds(areas, officer_a, district_a):
    """Empty cells of a list that does not give who visited or the order's decision
    keep the values officers recorded; given values correct them, audited."""
    child = register_child(officer_a, district_a, birth_date=d(2015, 6, 1))
    family = place(officer_a, child, PlacementForm.GUARDIANSHIP, d(2021, 1, 1))
    visit = visit_add(
        actor=officer_a,
        placement=family,
        date=d(2021, 1, 20),
        visited_by="Серікбаева А.",
        kind="planned",
        conclusion="satisfactory",
    )
    order = alimony_order_add(
        actor=officer_a,
        child=child,
        decision_number="2-115",
        decision_date=d(2021, 2, 20),
        court="Талдықорған қалалық соты",
        debtor_name="Әкесі",
        start_date=d(2021, 3, 1),
        monthly_amount=Decimal("15000"),
    )
    sheets = {
        "Visits": [
            ["iin", "date", "kind", "outcome", "visited_by"],
            [child.iin, d(2021, 1, 20), None, "concerns", None],
        ],
        "AlimonyOrders": [
            ["iin", "start_date", "debtor_name", "monthly_amount", "court"],
            [child.iin, d(2021, 3, 1), None, 15000, None],
        ],
    }
    result = run_import(sheets, actor=officer_a)
    assert problem_lines(result) == []
    assert result.counts["AlimonyOrders"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert result.counts["Visits"] == {"created": 0, "updated": 1, "unchanged": 0}
    visit.refresh_from_db()
    order.refresh_from_db()
    assert (visit.visited_by, visit.kind, visit.conclusion, visit.version) == (
        "Серікбаева А.",
        "planned",
        "concerns",
        2,
    )
    assert (order.court, order.debtor_name, order.decision_number) == (
        "Талдықорған қалалық соты",
        "Әкесі",
        "2-115",
    )
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.UPDATE, object_id=visit.pk, content_type__model="monitoringvisit"
    )
    assert entry.changes == {"conclusion": ["satisfactory", "concerns"]}


def test_a_danger_visit_comes_with_its_action_which_a_later_list_completes(
    areas, officer_a, district_a
):
    child = register_child(officer_a, district_a, birth_date=d(2015, 6, 1))
    place(officer_a, child, PlacementForm.GUARDIANSHIP, d(2021, 1, 1))
    header = [
        "iin",
        "date",
        "outcome",
        "action_description",
        "action_due_date",
        "action_responsible",
        "action_done_on",
        "action_result",
    ]
    row = [child.iin, d(2021, 5, 5), "danger", "Повторная проверка", d(2021, 5, 12), "Маман"]
    assert problem_lines(run_import({"Visits": [header, [*row, None, None]]})) == []
    action = FollowUpAction.objects.get()
    assert (action.visit.conclusion, action.responsible, action.done_on) == (
        "danger",
        "Маман",
        None,
    )

    result = run_import({"Visits": [header, [*row, d(2021, 5, 10), "Жағдай жақсарды"]]})
    assert problem_lines(result) == []
    assert result.counts["Visits"] == {"created": 0, "updated": 1, "unchanged": 0}
    action.refresh_from_db()
    assert (action.done_on, action.result, action.version) == (d(2021, 5, 10), "Жағдай жақсарды", 2)
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.UPDATE, object_id=action.pk, content_type__model="followupaction"
    )
    assert entry.changes == {
        "done_on": [None, "2021-05-10"],
        "result": ["", "Жағдай жақсарды"],
    }
    assert entry.child_id == child.pk
    assert MonitoringVisit.objects.get().version == 1  # the visit itself did not change


def test_an_order_cannot_end_before_a_payment_in_the_register(areas):
    run_import(full_sheets())
    before = table_counts()
    sheets = {
        "AlimonyOrders": [
            ["iin", "start_date", "end_date", "monthly_amount"],
            [BOY, d(2021, 3, 1), d(2024, 2, 1), 15000],
        ]
    }
    assert problem_lines(run_import(sheets)) == [
        "AlimonyOrders, 2, end_date: A payment was received under this order on 10.02.2024: "
        "the order cannot end on or before that date."
    ]
    assert table_counts() == before


def test_a_payment_names_its_order_when_two_are_in_force(areas):
    sheets = full_sheets()
    sheets["AlimonyOrders"].append([BOY, d(2023, 1, 1), None, "Омарова А.", 10000])
    sheets["AlimonyPayments"] = [
        ["iin", "date", "amount", "order_start"],
        [BOY, d(2024, 1, 10), 15000, d(2021, 3, 1)],
        [BOY, d(2024, 1, 10), 15000, "01.01.2023"],  # the same sum from the other parent
    ]
    assert problem_lines(run_import(sheets)) == []
    assert sorted(AlimonyPayment.objects.values_list("order__start_date", flat=True)) == [
        d(2021, 3, 1),
        d(2023, 1, 1),
    ]


@pytest.mark.django_db(transaction=True)
def test_round_trip_of_every_sheet_through_an_empty_database(care_register, officer_a):
    """The register of the reports tests, recorded through the services, with what a
    district's list seldom has: a right that ended, a queue position, a danger visit
    and its action, an order for a share of income, a plan with every field."""
    c1, c3, m1 = care_register["c1"], care_register["c3"], care_register["m1"]
    right = housing_right_add(
        actor=officer_a, child=c3, kind="full", address="Абай 9", start_date=d(2021, 3, 1)
    )
    housing_right_end(
        actor=officer_a, right=right, version=1, end_date=d(2021, 9, 1), end_reason="released"
    )
    entry = HousingQueueEntry.objects.get(child=c1)
    queue_entry_set_position(
        actor=officer_a, entry=entry, version=1, position=17, position_on=d(2024, 2, 2)
    )
    visit_add(
        actor=officer_a,
        placement=m1.placements.get(),
        date=d(2024, 3, 3),
        visited_by="Серікбаева А.",
        kind="complaint",
        conclusion="danger",
        living_conditions="Суық",
        action_description="Повторная проверка",
        action_due_date=d(2024, 3, 10),
        action_responsible="Маман",
    )
    share = alimony_order_add(
        actor=officer_a,
        child=m1,
        decision_number="2-7",
        decision_date=d(2024, 1, 5),
        court="Сот",
        debtor_name="Анасы",
        start_date=d(2024, 1, 10),
        income_share="1/4",
    )
    alimony_payment_add(actor=officer_a, order=share, date=d(2024, 2, 1), amount=Decimal("8000"))
    life_plan_add(
        actor=officer_a,
        child=care_register["w1"],
        start_date=d(2022, 9, 1),
        education_goal="Колледж",
        career_goal="Аспаз",
        independent_living_skills="Тамақ әзірлеу",
        responsible_person="Тәрбиеші",
        next_review_date=d(2023, 3, 1),
    )
    first = export_cells()
    assert all(len(first[sheet]) > 1 for sheet in NEW_SHEETS)

    call_command("flush", interactive=False, verbosity=0)
    assert not MonitoringVisit.objects.exists()
    result = run_import(cells_to_workbook(first))
    assert problem_lines(result) == []
    assert export_cells() == first
    assert FollowUpAction.objects.get().description == "Повторная проверка"
    assert HousingProvision.objects.filter(queue_entry__isnull=False).count() == 1

    again = run_import(cells_to_workbook(first))
    assert all(f["created"] == f["updated"] == 0 for f in again.counts.values())


def test_a_corrected_birth_date_moves_the_end_of_the_visits_due(areas, officer_a, district_a):
    """The 18th birthday ends the monitoring of a placement (as the care app does
    when a birth date is corrected in the interface)."""
    child = register_child(officer_a, district_a, birth_date=d(2008, 6, 1), iin=None)
    family = place(officer_a, child, PlacementForm.TRUSTEESHIP, d(2022, 7, 1))
    ends = set(ScheduledVisit.objects.filter(placement=family).values_list("monitoring_end"))
    assert ends == {(d(2026, 6, 1),)}
    sheets = {
        "Children": [
            list(CHILDREN_REQUIRED),
            [f"TMP-{child.pk}", child.last_name, child.first_name, "01.05.2008", "M", "a"],
        ]
    }
    assert problem_lines(run_import(sheets)) == []
    ends = set(ScheduledVisit.objects.filter(placement=family).values_list("monitoring_end"))
    assert ends == {(d(2026, 5, 1),)}


def test_the_export_of_a_district_brings_the_districts_of_its_queues(areas):
    sheets = full_sheets()
    sheets["HousingQueue"][1][1] = "c"  # the girl stood in the queue of another region
    assert problem_lines(run_import(sheets)) == []
    cells = export_cells(ExportScope.of_district(areas["b"]))
    assert [row[0] for row in cells["Districts"][1:]] == ["a", "b", "c"]
    assert [row[1] for row in cells["HousingQueue"][1:]] == ["c", "b"]
