"""Allowance and alimony rules, each with the message a user sees, and the sums."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance
from benefits.selectors import alimony_balance, alimony_unpaid, months_before
from benefits.services.alimony import alimony_order_add, alimony_order_end, alimony_payment_add
from benefits.services.allowances import allowance_add, allowance_end
from registry.models import AuditEntry

# Two days ahead, not one: the constant is read when the module is collected, and a
# run that crosses midnight must still find it in the future.
FUTURE = timezone.localdate() + datetime.timedelta(days=2)


def messages(error) -> dict:
    return error.value.message_dict


def grant(officer, child, **changes):
    values = {
        "kind": "survivor",
        "monthly_amount": Decimal("42000"),
        "start_date": datetime.date(2020, 3, 1),
        "decision_number": "15/2020",
        "decision_date": datetime.date(2020, 2, 20),
    }
    values.update(changes)
    return allowance_add(actor=officer, child=child, **values)


def order(officer, child, **changes):
    values = {
        "decision_number": "2-345/2020",
        "decision_date": datetime.date(2020, 2, 10),
        "court": "Талдықорған қалалық соты",
        "debtor_name": "Омаров Серік",
        "start_date": datetime.date(2020, 2, 10),
        "monthly_amount": Decimal("20000"),
    }
    values.update(changes)
    return alimony_order_add(actor=officer, child=child, **values)


# --- allowances -----------------------------------------------------------------------------


def test_an_allowance_is_recorded_and_audited(officer_a, child_a):
    allowance = grant(officer_a, child_a)
    entry = AuditEntry.objects.get(content_type__model="allowance", object_id=allowance.pk)
    assert entry.child_id == child_a.pk and entry.actor == officer_a


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"monthly_amount": Decimal("0")},
            "monthly_amount",
            "The amount must be a positive sum in tenge.",
        ),
        (
            {"monthly_amount": Decimal("-100")},
            "monthly_amount",
            "The amount must be a positive sum in tenge.",
        ),
        ({"monthly_amount": None}, "monthly_amount", "Give the amount in tenge."),
        ({"start_date": FUTURE}, "start_date", f"The date {FUTURE:%d.%m.%Y} is in the future."),
        (
            {"decision_date": FUTURE},
            "decision_date",
            f"The date {FUTURE:%d.%m.%Y} is in the future.",
        ),
        (
            {"start_date": datetime.date(2014, 1, 1)},
            "start_date",
            "The date 01.01.2014 is before the child was born (01.06.2015).",
        ),
    ],
)
def test_allowance_rules(officer_a, child_a, changes, field, message):
    with pytest.raises(ValidationError) as error:
        grant(officer_a, child_a, **changes)
    assert messages(error)[field] == [message]
    assert not Allowance.objects.exists()


def test_the_same_allowance_twice_at_once_is_refused(officer_a, child_a):
    grant(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        grant(officer_a, child_a, start_date=datetime.date(2022, 1, 1))
    assert messages(error)["__all__"] == [
        "The child already receives this allowance (allowance for the loss of a breadwinner) "
        "from 01.03.2020: the two periods overlap. End that one first."
    ]
    grant(officer_a, child_a, kind="guardian_allowance", start_date=datetime.date(2022, 1, 1))
    assert Allowance.objects.count() == 2


def test_ending_an_allowance(officer_a, child_a):
    allowance = grant(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        allowance_end(
            actor=officer_a,
            allowance=allowance,
            version=allowance.version,
            end_date=datetime.date(2020, 1, 1),
        )
    assert messages(error)["end_date"] == [
        "The end date 01.01.2020 is before the start date 01.03.2020."
    ]
    allowance_end(
        actor=officer_a,
        allowance=allowance,
        version=allowance.version,
        end_date=datetime.date(2023, 1, 1),
    )
    # Ended, a new allowance of the same kind may follow.
    grant(officer_a, child_a, start_date=datetime.date(2023, 1, 1))
    assert Allowance.objects.count() == 2


# --- alimony ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"monthly_amount": None},
            "monthly_amount",
            "Give the monthly amount, or the share of income the court fixed.",
        ),
        (
            {"income_share": "1/4"},
            "income_share",
            "Give either a monthly amount or a share of income, not both.",
        ),
        (
            {"monthly_amount": None, "income_share": "5/4"},
            "income_share",
            "The share of income must be a fraction such as 1/4: more than 0 and at most 1.",
        ),
        (
            {"monthly_amount": Decimal("0")},
            "monthly_amount",
            "The amount must be a positive sum in tenge.",
        ),
        (
            {"decision_date": FUTURE},
            "decision_date",
            f"The date {FUTURE:%d.%m.%Y} is in the future.",
        ),
        ({"start_date": FUTURE}, "start_date", f"The date {FUTURE:%d.%m.%Y} is in the future."),
    ],
)
def test_alimony_order_rules(officer_a, child_a, changes, field, message):
    with pytest.raises(ValidationError) as error:
        order(officer_a, child_a, **changes)
    assert messages(error)[field] == [message]
    assert not AlimonyOrder.objects.exists()


def test_an_order_for_a_share_of_income(officer_a, child_a):
    alimony = order(officer_a, child_a, monthly_amount=None, income_share="1 / 4")
    assert alimony.income_share == "1/4" and alimony.monthly_amount is None


def test_a_payment_only_against_an_order_in_force_on_its_date(officer_a, child_a):
    alimony = order(officer_a, child_a)
    with pytest.raises(ValidationError) as error:
        alimony_payment_add(
            actor=officer_a, order=alimony, date=datetime.date(2020, 1, 5), amount=Decimal("20000")
        )
    assert messages(error)["date"] == [
        "The order was not in force on 05.01.2020: it is in force from 10.02.2020. A payment "
        "is recorded against the order in force on its date."
    ]
    alimony_order_end(
        actor=officer_a, order=alimony, version=alimony.version, end_date=datetime.date(2021, 2, 10)
    )
    alimony.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        alimony_payment_add(
            actor=officer_a, order=alimony, date=datetime.date(2021, 2, 10), amount=Decimal("20000")
        )
    assert messages(error)["date"] == [
        "The order was not in force on 10.02.2021: it was in force from 10.02.2020 until "
        "10.02.2021. A payment is recorded against the order in force on its date."
    ]
    payment = alimony_payment_add(
        actor=officer_a, order=alimony, date=datetime.date(2021, 2, 9), amount=Decimal("20000")
    )
    entry = AuditEntry.objects.get(content_type__model="alimonypayment", object_id=payment.pk)
    assert entry.child_id == child_a.pk and entry.district_id == child_a.district_id


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": Decimal("0")}, "amount", "The amount must be a positive sum in tenge."),
        ({"amount": Decimal("-5")}, "amount", "The amount must be a positive sum in tenge."),
        ({"date": FUTURE}, "date", f"The date {FUTURE:%d.%m.%Y} is in the future."),
    ],
)
def test_payment_rules(officer_a, child_a, changes, field, message):
    alimony = order(officer_a, child_a)
    values = {"date": datetime.date(2021, 1, 1), "amount": Decimal("20000")}
    values.update(changes)
    with pytest.raises(ValidationError) as error:
        alimony_payment_add(actor=officer_a, order=alimony, **values)
    assert messages(error)[field] == [message]
    assert not AlimonyPayment.objects.exists()


def test_an_order_cannot_end_before_a_payment_received(officer_a, child_a):
    alimony = order(officer_a, child_a)
    alimony_payment_add(
        actor=officer_a, order=alimony, date=datetime.date(2021, 3, 1), amount=Decimal("20000")
    )
    with pytest.raises(ValidationError) as error:
        alimony_order_end(
            actor=officer_a,
            order=alimony,
            version=alimony.version,
            end_date=datetime.date(2021, 3, 1),
        )
    assert messages(error)["end_date"] == [
        "A payment was received under this order on 01.03.2021: the order cannot end on or "
        "before that date."
    ]


def test_ordered_against_received(officer_a, regional_user, child_a):
    """20,000 a month from 10 February 2020 to 10 August 2020: six months due."""
    alimony = order(officer_a, child_a)
    for month in (3, 5):
        alimony_payment_add(
            actor=officer_a,
            order=alimony,
            date=datetime.date(2020, month, 12),
            amount=Decimal("20000"),
        )
    alimony_order_end(
        actor=officer_a, order=alimony, version=alimony.version, end_date=datetime.date(2020, 8, 10)
    )
    row = alimony_balance(regional_user, timezone.localdate()).get()
    assert (row.ordered, row.received, row.last_payment) == (
        Decimal("120000"),
        Decimal("40000"),
        datetime.date(2020, 5, 12),
    )
    # Up to a day inside the period: the months fallen due by then, the first included.
    assert alimony_balance(regional_user, datetime.date(2020, 4, 9)).get().ordered == 40000
    assert alimony_balance(regional_user, datetime.date(2020, 4, 10)).get().ordered == 60000
    assert alimony_balance(regional_user, datetime.date(2020, 2, 10)).get().ordered == 20000


def test_orders_without_payment_for_months(officer_a, regional_user, officer_b, child_a):
    day = timezone.localdate()
    paying = order(officer_a, child_a, start_date=datetime.date(2021, 1, 1))
    silent = order(
        officer_a, child_a, start_date=datetime.date(2021, 1, 1), debtor_name="Омарова Айнұр"
    )
    alimony_payment_add(
        actor=officer_a, order=paying, date=months_before(day, 2), amount=Decimal("20000")
    )
    alimony_payment_add(
        actor=officer_a, order=silent, date=months_before(day, 4), amount=Decimal("20000")
    )
    orders = AlimonyOrder.objects.all()
    assert list(alimony_unpaid(orders, day, 3)) == [silent]
    # the longest without a payment first
    assert list(alimony_unpaid(orders, day, 1)) == [silent, paying]
    assert list(alimony_unpaid(orders, day, 6)) == []


def test_months_before():
    assert months_before(datetime.date(2024, 5, 31), 3) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2024, 1, 15), 1) == datetime.date(2023, 12, 15)
    assert months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
