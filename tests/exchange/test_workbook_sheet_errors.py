"""Every rule of the housing, benefits and care sheets: the exact message of the
app's service, where it is, and nothing written."""

import datetime

import pytest
from django.utils import timezone

from tests.exchange.test_workbook_errors import add_row, edit
from tests.exchange.workbooks import (
    BOY,
    GIRL,
    full_sheets,
    problem_lines,
    run_import,
    table_counts,
)

d = datetime.date
SOON = timezone.localdate() + datetime.timedelta(days=30)


def drop_row(sheet, row):
    def change(sheets):
        del sheets[sheet][row - 1]
        return sheets

    return change


def both(*changes):
    def change(sheets):
        for one in changes:
            sheets = one(sheets)
        return sheets

    return change


NOT_IN_FAMILY = (
    "On %s the child was not placed in a receiving family: a visit belongs to the family "
    "placement in force on its date."
)
NO_ORDER = (
    "No alimony order of this child was in force on %s: a payment is recorded against the "
    "order in force on its date."
)

CASES = {
    # --- HousingRights ---------------------------------------------------------------
    "a share that is not a fraction of one": (
        edit("HousingRights", 3, "share_size", "3/2"),
        [
            "HousingRights, 3, share_size: The share must be a fraction such as 1/3: more "
            "than 0 and at most 1."
        ],
    ),
    "a share size for full ownership": (
        edit("HousingRights", 2, "share_size", "1/2"),
        ["HousingRights, 2, share_size: A share size is given only for ownership of a share."],
    ),
    "a right before birth": (
        edit("HousingRights", 2, "start_date", d(2015, 1, 1)),
        [
            "HousingRights, 2, start_date: The date 01.01.2015 is before the child was born "
            "(01.06.2015)."
        ],
    ),
    "an unknown kind of ownership": (
        edit("HousingRights", 2, "kind", "rent"),
        ["HousingRights, 2, kind: “rent” is not one of the codes of this column: full, share."],
    ),
    # --- HousingQueue ----------------------------------------------------------------
    "two queues at a time": (
        edit("HousingQueue", 2, "end_date", d(2024, 10, 1)),
        [
            "HousingQueue, 2, start_date: The child already stands in the housing queue of "
            "Район Б from 01.09.2024: a child is in one queue at a time.",
            "HousingQueue, 3, start_date: The child already stands in the housing queue of "
            "Район А from 01.07.2023: a child is in one queue at a time.",
        ],
    ),
    "a position of nothing": (
        both(
            edit("HousingQueue", 2, "position", 0),
            edit("HousingQueue", 2, "position_on", d(2023, 7, 1)),
        ),
        ["HousingQueue, 2, position: The position in the queue is a whole number from 1."],
    ),
    "a position dated before the entry": (
        both(
            edit("HousingQueue", 2, "position", 12),
            edit("HousingQueue", 2, "position_on", d(2023, 6, 1)),
        ),
        [
            "HousingQueue, 2, position_on: The position cannot be dated before the child was "
            "put on the queue (01.07.2023)."
        ],
    ),
    "an entry ended provided without the housing": (
        drop_row("HousingProvided", 2),
        [
            "HousingQueue, 3, end_reason: To end the entry because housing was provided, "
            "record the housing provided: that ends the entry."
        ],
    ),
    "the queue of an unknown district": (
        edit("HousingQueue", 2, "district", "zz"),
        ["HousingQueue, 2, district: Unknown district “zz”."],
    ),
    # --- HousingProvided -------------------------------------------------------------
    "housing provided on another day than the entry ends": (
        edit("HousingProvided", 2, "date", d(2025, 2, 1)),
        [
            "HousingQueue, 3, end_reason: To end the entry because housing was provided, "
            "record the housing provided: that ends the entry.",
        ],
    ),
    "housing provided twice on one day": (
        add_row("HousingProvided", [GIRL, d(2025, 1, 15), "Жаңа үй 6", None]),
        ["HousingProvided, 3, date: This row repeats row 2: the same child and date."],
    ),
    # --- Benefits --------------------------------------------------------------------
    "an allowance of a negative amount": (
        edit("Benefits", 4, "monthly_amount", -5),
        ["Benefits, 4, monthly_amount: The amount must be a positive sum in tenge."],
    ),
    "an amount in thousandths": (
        edit("Benefits", 4, "monthly_amount", "42000,505"),
        [
            "Benefits, 4, monthly_amount: “42000,505” has more than two decimal places: tenge "
            "and tiyn."
        ],
    ),
    "the same allowance twice at a time": (
        add_row("Benefits", [BOY, "guardian_allowance", d(2022, 1, 1), None, 36900]),
        [
            "Benefits, 2, start_date: The child already receives this allowance (monthly "
            "payment to the guardian for upkeep) from 01.01.2022: the two periods overlap. "
            "End that one first.",
            "Benefits, 5, start_date: The child already receives this allowance (monthly "
            "payment to the guardian for upkeep) from 01.01.2021: the two periods overlap. "
            "End that one first.",
        ],
    ),
    "an allowance twice": (
        add_row("Benefits", [BOY, "guardian_allowance", d(2021, 1, 1), None, 30000]),
        ["Benefits, 5, start_date: This row repeats row 2: the same child, kind and start date."],
    ),
    "an allowance ending before it starts": (
        edit("Benefits", 3, "end_date", d(2020, 1, 1)),
        ["Benefits, 3, end_date: The end date 01.01.2020 is before the start date 01.01.2021."],
    ),
    # --- AlimonyOrders ---------------------------------------------------------------
    "an order with a sum and a share": (
        edit("AlimonyOrders", 2, "income_share", "1/4"),
        [
            "AlimonyOrders, 2, income_share: Give either a monthly amount or a share of "
            "income, not both."
        ],
    ),
    "an order with a share that is not a fraction": (
        both(
            edit("AlimonyOrders", 2, "monthly_amount", None),
            edit("AlimonyOrders", 2, "income_share", "a quarter"),
        ),
        [
            "AlimonyOrders, 2, income_share: The share of income must be a fraction such as "
            "1/4: more than 0 and at most 1."
        ],
    ),
    "an order decided in the future": (
        edit("AlimonyOrders", 2, "decision_date", SOON),
        [f"AlimonyOrders, 2, decision_date: The date {SOON:%d.%m.%Y} is in the future."],
    ),
    "an order before birth": (
        edit("AlimonyOrders", 2, "start_date", d(2015, 5, 1)),
        [
            "AlimonyOrders, 2, start_date: The date 01.05.2015 is before the child was born "
            "(01.06.2015)."
        ],
    ),
    # --- AlimonyPayments -------------------------------------------------------------
    "a payment before the order": (
        add_row("AlimonyPayments", [BOY, d(2021, 1, 1), 15000]),
        ["AlimonyPayments, 5, date: " + NO_ORDER % "01.01.2021"],
    ),
    "a payment of a child without an order": (
        add_row("AlimonyPayments", [GIRL, d(2024, 1, 1), 15000]),
        ["AlimonyPayments, 5, date: " + NO_ORDER % "01.01.2024"],
    ),
    "a payment of nothing": (
        edit("AlimonyPayments", 2, "amount", 0),
        ["AlimonyPayments, 2, amount: The amount must be a positive sum in tenge."],
    ),
    "a payment without an amount": (
        edit("AlimonyPayments", 2, "amount", None),
        ["AlimonyPayments, 2, amount: This field is required."],
    ),
    "a payment in the future": (
        edit("AlimonyPayments", 2, "date", SOON),
        [f"AlimonyPayments, 2, date: The date {SOON:%d.%m.%Y} is in the future."],
    ),
    "a payment naming an order the child does not have": (
        edit("AlimonyPayments", 2, "order_start", d(2020, 1, 1)),
        ["AlimonyPayments, 2, order_start: The child has no alimony order from 01.01.2020."],
    ),
    "a payment naming an order not in force on its date": (
        both(
            add_row("AlimonyOrders", [BOY, d(2020, 3, 1), d(2021, 3, 1), "Омарова А.", 10000]),
            edit("AlimonyPayments", 2, "order_start", d(2020, 3, 1)),
        ),
        [
            "AlimonyPayments, 2, date: The order was not in force on 10.01.2024: it was in "
            "force from 01.03.2020 until 01.03.2021. A payment is recorded against the order "
            "in force on its date."
        ],
    ),
    # --- Visits ----------------------------------------------------------------------
    "a visit to a child in an institution": (
        add_row("Visits", [BOY, d(2020, 6, 1), "planned", "satisfactory"]),
        ["Visits, 5, date: " + NOT_IN_FAMILY % "01.06.2020"],
    ),
    "a visit before any placement": (
        add_row("Visits", [GIRL, d(2023, 5, 20), "planned", "satisfactory"]),
        ["Visits, 5, date: " + NOT_IN_FAMILY % "20.05.2023"],
    ),
    "two visits on one day": (
        add_row("Visits", [BOY, "25.01.2021", "unplanned", "concerns"]),
        [
            "Visits, 5, date: This row repeats row 2: the same child and date. A child is "
            "visited once a day: give each visit its own date."
        ],
    ),
    "a follow-up action due before the visit": (
        both(
            edit("Visits", 3, "action_description", "Повторная проверка"),
            edit("Visits", 3, "action_due_date", d(2021, 7, 1)),
            edit("Visits", 3, "action_responsible", "Маман"),
        ),
        [
            "Visits, 3, action_due_date: The visit was on 20.07.2021: the action cannot be due "
            "before it."
        ],
    ),
    "a visit in the future": (
        edit("Visits", 2, "date", SOON),
        [f"Visits, 2, date: The date {SOON:%d.%m.%Y} is in the future."],
    ),
    "an unknown outcome": (
        edit("Visits", 2, "outcome", "good"),
        [
            "Visits, 2, outcome: “good” is not one of the codes of this column: satisfactory, "
            "concerns, danger."
        ],
    ),
    # --- LifePlans -------------------------------------------------------------------
    "two plans at a time": (
        add_row("LifePlans", [GIRL, d(2024, 9, 1), "Университет"]),
        [
            "LifePlans, 2, start_date: This plan overlaps the plan from 01.09.2024: a child "
            "has one life plan at a time. End that one first.",
            "LifePlans, 3, start_date: This plan overlaps the plan from 01.09.2023: a child "
            "has one life plan at a time. End that one first.",
        ],
    ),
    "a review before the plan": (
        edit("LifePlans", 2, "next_review_date", d(2023, 8, 1)),
        ["LifePlans, 2, next_review_date: The next review comes after the start of the plan."],
    ),
    "a plan before birth": (
        edit("LifePlans", 2, "start_date", d(2009, 1, 1)),
        ["LifePlans, 2, start_date: A plan cannot start before the child was born."],
    ),
    "a record of an unknown child": (
        add_row("LifePlans", ["TMP-NOBODY", d(2024, 9, 1), "Колледж"]),
        [
            "LifePlans, 3, iin: No child with this IIN on the Children sheet or among the children of your area."
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_reported_and_nothing_is_written(areas, case):
    change, expected = CASES[case]
    before = table_counts()
    result = run_import(change(full_sheets()))
    assert problem_lines(result) == expected
    assert not result.written
    assert table_counts() == before
