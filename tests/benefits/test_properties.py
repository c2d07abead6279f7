"""Property-based tests of money, shares and dates: whatever amounts, fractions and
dates come in, allowances, alimony orders and payments are saved whole or refused
with a message, never crash, and never leave part of a record behind."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from benefits.models import AlimonyOrder, AlimonyPayment, Allowance, AllowanceKind
from benefits.services.alimony import alimony_order_add, alimony_payment_add
from benefits.services.allowances import allowance_add
from tests.children.test_properties import PROFILE, dates, isolated

amounts = st.one_of(
    st.none(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=Decimal("-1000"), max_value=Decimal("10000000000000"), places=3),
    st.sampled_from([Decimal("0"), Decimal("0.01"), Decimal("36900.50"), Decimal("1E+20")]),
)
shares = st.one_of(
    st.sampled_from(["", "1/4", "1/3", "1/2", "0/4", "4/4", "5/4", "1/0", "-1/4", "¼", "1 / 4"]),
    st.text(max_size=12),
)
texts = st.text(max_size=300)


def count(*models):
    return tuple(model.objects.count() for model in models)


@PROFILE
@given(
    kind=st.one_of(st.sampled_from(AllowanceKind.values), st.text(max_size=20)),
    amount=amounts,
    start=dates,
    decision=texts,
)
def test_allowances_are_saved_whole_or_refused(officer_a, child_a, kind, amount, start, decision):
    def attempt():
        before = count(Allowance)
        try:
            allowance = allowance_add(
                actor=officer_a,
                child=child_a,
                kind=kind,
                monthly_amount=amount,
                start_date=start,
                decision_number=decision,
            )
        except ValidationError as error:
            assert error.messages and count(Allowance) == before
            return "refused"
        allowance.refresh_from_db()
        assert allowance.monthly_amount > 0 and allowance.start_date >= child_a.birth_date
        return "saved"

    assert isolated(attempt) in ("saved", "refused")


@PROFILE
@given(
    amount=amounts,
    share=shares,
    start=dates,
    decision_date=dates,
    payments=st.lists(st.tuples(dates, amounts), max_size=4),
    court=texts,
    debtor=texts,
)
def test_alimony_orders_and_payments_are_saved_whole_or_refused(
    officer_a, child_a, amount, share, start, decision_date, payments, court, debtor
):
    def attempt():
        before = count(AlimonyOrder, AlimonyPayment)
        try:
            order = alimony_order_add(
                actor=officer_a,
                child=child_a,
                decision_number="2-123/2024",
                decision_date=decision_date,
                court=court,
                debtor_name=debtor,
                start_date=start,
                monthly_amount=amount,
                income_share=share,
            )
        except ValidationError as error:
            assert error.messages and count(AlimonyOrder, AlimonyPayment) == before
            return "refused"
        assert (order.monthly_amount is None) != (order.income_share == "")
        for day, paid in payments:
            paid_before = AlimonyPayment.objects.filter(order=order).count()
            try:
                alimony_payment_add(actor=officer_a, order=order, date=day, amount=paid)
            except ValidationError as error:
                assert error.messages
                assert AlimonyPayment.objects.filter(order=order).count() == paid_before
        for payment in AlimonyPayment.objects.filter(order=order):
            assert payment.amount > 0 and payment.date >= order.start_date
        return "saved"

    assert isolated(attempt) in ("saved", "refused")
