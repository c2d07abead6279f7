"""A district's list that leaves out what the pages ask of a new entry imports: each
record is kept "not stated", counted on the check page, shown on the data-quality
page and the officer's work list, completed through its Correct form, and then gone
from both."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance
from care.models import FollowUpAction, MonitoringVisit
from children.models import Child, Institution, Placement, Status
from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from registry.records.gaps import gap_named, gaps
from tests.exchange.test_workbook_errors import add_row, edit
from tests.exchange.test_workbook_sheet_errors import both, drop_row
from tests.exchange.workbooks import (
    BOY,
    GIRL,
    base_sheets,
    full_sheets,
    problem_lines,
    run_check,
    run_import,
    table_counts,
)

d = datetime.date


def without_statuses_of(iin):
    def change(sheets):
        sheets["Statuses"] = [row for row in sheets["Statuses"] if row[0] != iin]
        return sheets

    return change


def boy_visit_in_danger(sheets):
    """The boy's second visit found danger: the list states no follow-up action."""
    return edit("Visits", 3, "outcome", "danger")(sheets)


# case: (the workbook, the change, the record's model, the gap, what the officer
# completes on its form: {field: value}, or a callable of the workbook's records)
CASES = {
    "status.reason": (
        base_sheets,
        edit("Statuses", 2, "reason", None),
        Status,
        {"reason": "deprived"},
    ),
    "status.end_reason": (
        base_sheets,
        edit("Statuses", 2, "end_date", d(2024, 6, 1)),
        Status,
        {"end_reason": "deregistered"},
    ),
    "status.end_date": (
        base_sheets,
        edit("Statuses", 2, "end_reason", "returned_to_parents"),
        Status,
        {"end_reason": ""},
    ),
    "child.status": (
        base_sheets,
        without_statuses_of(GIRL),
        Child,
        {"category": "orphan", "reason": "parents_died", "start_date": "2023-05-02"},
    ),
    "placement.end_reason": (
        base_sheets,
        edit("Placements", 2, "end_reason", None),
        Placement,
        {"end_reason": "moved"},
    ),
    "placement.end_date": (
        base_sheets,
        edit("Placements", 3, "end_reason", "moved"),
        Placement,
        {"end_reason": ""},
    ),
    "placement.institution": (
        base_sheets,
        edit("Placements", 2, "institution", None),
        Placement,
        lambda: {"institution": Institution.objects.get(code="CH-A").pk},
    ),
    "placement.carer_name": (
        base_sheets,
        edit("Placements", 3, "carer_name", None),
        Placement,
        {"carer_name": "Серікова Гүлнар"},
    ),
    "housingright.share_size": (
        full_sheets,
        edit("HousingRights", 3, "share_size", None),
        HousingRight,
        {"share_size": "1/2"},
    ),
    "housingright.address": (
        full_sheets,
        edit("HousingRights", 2, "address", None),
        HousingRight,
        {"address": "Абай 1"},
    ),
    "housingright.end_reason": (
        full_sheets,
        edit("HousingRights", 2, "end_date", d(2024, 3, 1)),
        HousingRight,
        {"end_reason": "released"},
    ),
    "housingright.end_date": (
        full_sheets,
        edit("HousingRights", 2, "end_reason", "lost"),
        HousingRight,
        {"end_reason": ""},
    ),
    "housingqueueentry.end_reason": (
        full_sheets,
        edit("HousingQueue", 2, "end_reason", None),
        HousingQueueEntry,
        {"end_reason": "removed"},
    ),
    "housingqueueentry.end_date": (
        full_sheets,
        both(
            drop_row("HousingQueue", 3),
            drop_row("HousingProvided", 2),
            edit("HousingQueue", 2, "end_date", None),
        ),
        HousingQueueEntry,
        {"end_date": "2024-09-01"},
    ),
    "housingqueueentry.end_explanation": (
        full_sheets,
        edit("HousingQueue", 2, "end_explanation", None),
        HousingQueueEntry,
        {"end_explanation": "Переехала в район Б"},
    ),
    "housingprovision.address": (
        full_sheets,
        edit("HousingProvided", 2, "address", None),
        HousingProvision,
        {"address": "Жаңа үй 5"},
    ),
    "housingprovision.exception_reason": (
        full_sheets,
        add_row("HousingProvided", [BOY, d(2024, 5, 5), "Абай 7", "other"]),
        HousingProvision,
        {"exception_reason": "Решение акимата вне очереди"},
    ),
    "allowance.monthly_amount": (
        full_sheets,
        edit("Benefits", 2, "monthly_amount", None),
        Allowance,
        {"monthly_amount": "36 900"},
    ),
    "alimonyorder.monthly_amount": (
        full_sheets,
        edit("AlimonyOrders", 2, "monthly_amount", None),
        AlimonyOrder,
        {"monthly_amount": "15000"},
    ),
    "monitoringvisit.danger_action": (
        full_sheets,
        boy_visit_in_danger,
        MonitoringVisit,
        {
            "action_description": "Повторная проверка",
            "action_due_date": "2021-08-01",
            "action_responsible": "Инспектор",
        },
    ),
    "followupaction.action": (
        full_sheets,
        both(boy_visit_in_danger, edit("Visits", 3, "action_description", "Повторная проверка")),
        FollowUpAction,
        {"due_date": "2021-08-01", "responsible": "Инспектор"},
    ),
}


def test_every_kind_of_gap_has_a_case():
    assert sorted(CASES) == sorted(gap.code for gap in gaps())


def posted(form) -> dict:
    """What a browser posts for an unchanged form: each field's current value."""
    data = {}
    for name, field in form.fields.items():
        value = field.prepare_value(form[name].value())
        if value is None:
            value = ""
        data[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return data


def officer_of(child, officer_a, officer_b):
    return officer_a if child.district.code == "a" else officer_b


@pytest.mark.parametrize("code", list(CASES))
def test_a_gap_is_imported_shown_completed_and_gone(
    code, areas, officer_a, officer_b, regional_user, as_user
):
    workbook, change, model, completion = CASES[code]
    gap = gap_named(code)
    sheets = change(workbook())

    check = run_check(sheets)
    assert problem_lines(check) == []
    assert check.incomplete == {code: 1}

    result = run_import(sheets)
    assert result.written and result.incomplete == {code: 1}
    record = gap.model.objects.get(gap.condition)
    assert isinstance(record, model)
    child = Child.objects.get(pk__in=gap.of_children(Child.objects.all()).values(gap.path("pk")))
    officer = officer_of(child, officer_a, officer_b)

    # The data-quality page counts it and links to its children.
    quality = as_user(regional_user).get(reverse("reports:data_quality"))
    counts = {row["gap"].code: row["count"] for row in quality.context["gaps"]}
    assert counts == {kind.code: int(kind.code == code) for kind in gaps()}
    children_list = as_user(regional_user).get(reverse("children:list"), {"gap": code})
    assert [c.pk for c in children_list.context["page"]] == [child.pk]

    # The officer's work list links to the form that completes it.
    work = as_user(officer).get(reverse("care:work_list"))
    [item] = work.context["incomplete"].object_list
    assert (item.gap.code, item.child_id) == (code, child.pk)
    assert item.url in work.content.decode()

    # The form says what is missing, and the officer completes it.
    client = as_user(officer)
    page = client.get(item.url)
    assert page.status_code == 200
    if gap.url_kwarg:
        assert escape(str(gap.detail)) in page.content.decode()
    data = posted(page.context["form"])
    data.update(completion() if callable(completion) else completion)
    response = client.post(item.url, data)
    assert response.status_code == 302, response.context["form"].errors

    assert not gap.model.objects.filter(gap.condition).exists()
    quality = as_user(regional_user).get(reverse("reports:data_quality"))
    assert all(row["count"] == 0 for row in quality.context["gaps"])
    work = as_user(officer).get(reverse("care:work_list"))
    assert list(work.context["incomplete"].object_list) == []


def test_incomplete_records_count_in_the_figures(areas):
    """A placement ended without a reason has still ended; an allowance without an
    amount is still paid; a status without its reason is a status."""
    from django.db import transaction

    from reports.indicators.engine import indicators_for

    savepoint = transaction.savepoint()
    run_import(full_sheets())
    complete = {year: indicators_for(year) for year in (2021, 2024, 2025)}
    transaction.savepoint_rollback(savepoint)
    assert not Child.objects.exists()

    result = run_import(
        both(
            edit("Placements", 2, "end_reason", None),
            edit("Benefits", 4, "monthly_amount", None),
            edit("Statuses", 3, "reason", None),
        )(full_sheets())
    )
    assert len(result.incomplete) == 3
    assert {year: indicators_for(year) for year in (2021, 2024, 2025)} == complete
    assert complete[2025]["benefits.survivor_allowance"] == 1


def test_the_pages_still_ask_for_every_detail(areas, officer_a, as_user):
    """New entries through the pages keep requiring what an import may leave out."""
    run_import(base_sheets())
    boy = Child.objects.get(iin=BOY)
    guardianship = boy.placements.get(end_date__isnull=True)
    client = as_user(officer_a)
    response = client.post(
        reverse("children:placement_end", args=[boy.pk, guardianship.pk]),
        {"version": guardianship.version, "end_date": "2024-01-01", "end_reason": ""},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    response = client.post(
        reverse("benefits:allowance_add", args=[boy.pk]),
        {"kind": "survivor", "monthly_amount": "", "start_date": "2024-01-01"},
    )
    assert "This field is required." in response.content.decode()
    assert not Allowance.objects.exists()


def test_an_empty_cell_never_takes_away_what_an_officer_completed(areas, officer_a, as_user):
    """The district imports its old list, an officer completes a record, the list is
    imported again: the completed detail stays and nothing changes."""
    sheets = edit("Placements", 2, "end_reason", None)(base_sheets())
    run_import(sheets)
    placement = Placement.objects.get(end_date__isnull=False)
    page = as_user(officer_a).get(
        reverse("children:placement_correct", args=[placement.child_id, placement.pk])
    )
    data = {**posted(page.context["form"]), "end_reason": "moved"}
    as_user(officer_a).post(
        reverse("children:placement_correct", args=[placement.child_id, placement.pk]), data
    )
    before = table_counts()

    again = run_import(sheets)
    assert again.incomplete == {}
    assert all(figures["updated"] == figures["created"] == 0 for figures in again.counts.values())
    placement.refresh_from_db()
    assert placement.end_reason == "moved"
    after = table_counts()
    assert after.pop("registry.AccessLog") == before.pop("registry.AccessLog") + 1  # the import
    assert after == before


def test_a_row_that_empties_an_end_reopens_the_record(areas):
    """An empty end date beside an empty end reason reopens a record: nothing is kept."""
    ended = both(
        edit("Statuses", 2, "end_date", d(2024, 6, 1)),
        edit("Statuses", 2, "end_reason", "deregistered"),
    )
    run_import(ended(base_sheets()))
    result = run_import(base_sheets())
    assert problem_lines(result) == [] and result.incomplete == {}
    status = Status.objects.get(child__iin=BOY)
    assert (status.end_date, status.end_reason) == (None, "")


def test_identical_payments_are_that_many_payments(areas):
    """Two months paid on one day are two identical rows: two payments. The same
    workbook again changes nothing; a third identical row adds a third payment."""
    sheets = add_row("AlimonyPayments", [BOY, "10.02.2024", "15 000,00"])(full_sheets())
    result = run_import(sheets)
    assert problem_lines(result) == []
    assert AlimonyPayment.objects.filter(date=d(2024, 2, 10), amount=15000).count() == 2

    again = run_import(sheets)
    assert again.counts["AlimonyPayments"] == {"created": 0, "updated": 0, "unchanged": 4}
    assert AlimonyPayment.objects.count() == 4

    third = add_row("AlimonyPayments", [BOY, d(2024, 2, 10), 15000])(sheets)
    result = run_import(third)
    assert result.counts["AlimonyPayments"] == {"created": 1, "updated": 0, "unchanged": 4}
    assert AlimonyPayment.objects.filter(date=d(2024, 2, 10), amount=Decimal(15000)).count() == 3


def test_a_payment_when_two_orders_are_in_force_goes_to_the_first(areas):
    sheets = add_row("AlimonyOrders", [BOY, d(2023, 1, 1), None, "Омарова А.", 10000])(
        full_sheets()
    )
    result = run_import(sheets)
    assert problem_lines(result) == []
    first = AlimonyOrder.objects.get(start_date=d(2021, 3, 1))
    assert first.payments.count() == 3
    assert [str(notice) for notice in result.notices] == [
        f"AlimonyPayments, {row}, order_start: Two alimony orders of this child were in force "
        f"on {day} (from 01.03.2021 and from 01.01.2023): the payment is recorded under the "
        "order from 01.03.2021. To choose the order, give its start date in the order_start "
        "column."
        for row, day in ((2, "10.01.2024"), (3, "10.02.2024"), (4, "10.02.2024"))
    ]
    again = run_import(sheets)
    assert again.counts["AlimonyPayments"]["unchanged"] == 3


def test_the_check_page_counts_what_will_be_incomplete(areas, admin_user, as_user):
    from tests.exchange.workbooks import make_workbook

    sheets = both(edit("Placements", 2, "end_reason", None), edit("Statuses", 2, "reason", None))(
        base_sheets()
    )
    client = as_user(admin_user, "ru")
    upload = make_workbook(sheets)
    upload.name = "список.xlsx"
    client.post(reverse("exchange:import"), {"workbook": upload})
    page = client.get(reverse("exchange:check")).content.decode()
    assert "Ошибки" not in page
    for label in ("Устройства, прекращённые без причины", "Статусы без основания"):
        assert f'<td>{label}</td><td class="text-end">1</td>' in page
    job_page = client.post(reverse("exchange:confirm"))["Location"]  # the import job's page
    done = client.get(job_page).content.decode()
    assert "<td>Устройства, прекращённые без причины</td>" in done
    assert Placement.objects.filter(end_date__isnull=False, end_reason="").count() == 1


@pytest.mark.django_db(transaction=True)
def test_not_stated_makes_the_round_trip(areas):
    """ "Not stated" is an empty cell in the export and comes back as "not stated":
    export, import into an empty database, export again gives the same workbook."""
    from django.core.management import call_command

    from tests.exchange.test_workbook_import import cells_to_workbook, export_cells

    kinds = (
        "status.reason",
        "placement.end_reason",
        "placement.carer_name",
        "housingright.share_size",
        "housingright.address",
        "housingqueueentry.end_explanation",
        "housingprovision.address",
        "housingprovision.exception_reason",
        "allowance.monthly_amount",
        "alimonyorder.monthly_amount",
        "followupaction.action",
    )
    sheets = both(*(CASES[code][1] for code in kinds))(full_sheets())
    first_import = run_import(sheets)
    assert problem_lines(first_import) == []
    assert sorted(first_import.incomplete) == sorted(kinds)
    first = export_cells()
    header = first["Statuses"][0]
    assert first["Statuses"][1][header.index("reason")] is None

    call_command("flush", interactive=False, verbosity=0)
    again = run_import(cells_to_workbook(first))
    assert problem_lines(again) == []
    assert again.incomplete == first_import.incomplete
    assert export_cells() == first


def test_a_child_found_in_danger_without_an_action_stays_urgent(
    areas, officer_a, regional_user, as_user
):
    """A list's visit that found danger and states no action: the child is first on
    the officer's work list and stays on the region's danger table, with no action
    recorded, until an officer records one."""
    from django.utils import timezone

    from care.selectors import danger_visits_for_table
    from care.worklist import DANGER, work_list

    run_import(boy_visit_in_danger(full_sheets()))
    visit = MonitoringVisit.objects.get(conclusion="danger")
    first = work_list(officer_a, timezone.localdate())[0]
    assert (first.rank, first.child_id) == (DANGER, visit.child_id)
    assert first.title == "Child in danger: no follow-up action after the visit of 20.07.2021"
    [row] = danger_visits_for_table(regional_user)
    assert (row.pk, row.open_actions, row.first_due) == (visit.pk, 0, None)
    page = as_user(regional_user).get(reverse("care:work_list")).content.decode()
    assert "no action recorded" in page

    from care.services.visits import action_add

    action_add(
        actor=officer_a,
        visit=visit,
        description="Повторная проверка",
        due_date=d(2021, 8, 1),
        responsible="Инспектор",
    )
    [row] = danger_visits_for_table(regional_user)
    assert row.open_actions == 1 and row.first_due == d(2021, 8, 1)


def test_a_form_never_shows_a_detail_as_stated_when_it_is_not(areas, officer_a, as_user):
    """A status imported without its reason opens its Correct form on "—", not on the
    first reason, and saving it without one asks for the reason."""
    run_import(edit("Statuses", 2, "reason", None)(base_sheets()))
    status = Status.objects.get(reason="")
    url = reverse("children:status_correct", args=[status.child_id, status.pk])
    client = as_user(officer_a)
    page = client.get(url)
    form = page.context["form"]
    assert form["reason"].value() == ""
    assert '<option value="" selected>—</option>' in page.content.decode()
    response = client.post(url, posted(form))
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["This field is required."]
    status.refresh_from_db()
    assert status.reason == ""
