"""Benefits pages: the child's section and its forms, the district lists, scoping and
query counts."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from benefits.models import AlimonyPayment, Allowance
from benefits.selectors import months_before
from benefits.services.alimony import alimony_order_add, alimony_order_end, alimony_payment_add
from benefits.services.allowances import allowance_add
from children.models import Category, PlacementForm, StatusReason
from registry.models import AuditEntry
from tests.children.factories import place, register_child
from tests.conftest import table_rows

LISTS = ["/benefits/", "/benefits/alimony/", "/benefits/alimony/unpaid/"]


def add_order(officer, child, start=datetime.date(2020, 2, 10), **changes):
    values = {
        "decision_number": "2-345/2020",
        "decision_date": start,
        "court": "Талдықорған қалалық соты",
        "debtor_name": "Омаров Серік",
        "start_date": start,
        "monthly_amount": Decimal("20000"),
    }
    values.update(changes)
    return alimony_order_add(actor=officer, child=child, **values)


@pytest.fixture
def records(officer_a, child_a):
    allowance = allowance_add(
        actor=officer_a,
        child=child_a,
        kind="survivor",
        monthly_amount=Decimal("42500"),
        start_date=datetime.date(2020, 3, 1),
    )
    order = add_order(officer_a, child_a)
    alimony_payment_add(
        actor=officer_a, order=order, date=datetime.date(2020, 4, 1), amount=Decimal("15000")
    )
    return {"allowance": allowance, "order": order}


def edit_urls(child, records):
    base = f"/children/{child.pk}/"
    allowance, order = records["allowance"], records["order"]
    return [
        f"{base}allowances/new/",
        f"{base}allowances/{allowance.pk}/end/",
        f"{base}alimony/new/",
        f"{base}alimony/{order.pk}/end/",
        f"{base}alimony/{order.pk}/payments/new/",
    ]


def test_own_officer_opens_every_benefits_form(as_user, officer_a, child_a, records):
    client = as_user(officer_a)
    for url in edit_urls(child_a, records):
        assert client.get(url).status_code == 200, url
        assert client.post(url).status_code == 200, url  # an empty form: errors, no write
    assert Allowance.objects.count() == 1 and AlimonyPayment.objects.count() == 1


def test_other_districts_get_404(as_user, officer_b, officer_c, child_a, records):
    for officer in (officer_b, officer_c):
        client = as_user(officer)
        for url in edit_urls(child_a, records):
            assert client.get(url).status_code == 404, url
            assert client.post(url).status_code == 404, url


def test_readers_get_403_on_every_benefits_form(
    as_user, regional_user, admin_user, national_user, child_a, records
):
    for reader in (regional_user, admin_user, national_user):
        client = as_user(reader)
        for url in edit_urls(child_a, records):
            assert client.get(url).status_code == 403, url
            assert client.post(url).status_code == 403, url


def test_every_reader_opens_the_lists(
    as_user, officer_a, regional_user, admin_user, national_user, child_a
):
    for user in (officer_a, regional_user, admin_user, national_user):
        client = as_user(user)
        for url in LISTS:
            assert client.get(url).status_code == 200, (user, url)


def test_child_page_shows_allowances_and_alimony(
    as_user, officer_a, regional_user, child_a, records
):
    page = as_user(officer_a).get(f"/children/{child_a.pk}/").content.decode()
    assert "Allowance for the loss of a breadwinner" in page and "42,500" in page
    assert "Омаров Серік" in page and "20,000 tenge a month" in page
    assert "Received: <strong>15,000</strong>" in page
    assert f"/children/{child_a.pk}/alimony/{records['order'].pk}/payments/new/" in page
    assert "Alimony ordered from Омаров Серік" in page  # the timeline
    reader = as_user(regional_user).get(f"/children/{child_a.pk}/").content.decode()
    assert "Омаров Серік" in reader and "/alimony/new/" not in reader


def test_officer_records_a_payment_from_the_page(as_user, officer_a, child_a, records):
    order = records["order"]
    url = f"/children/{child_a.pk}/alimony/{order.pk}/payments/new/"
    page = as_user(officer_a).post(url, {"date": "2020-01-01", "amount": "15000"}).content.decode()
    assert (
        "The order was not in force on 01.01.2020: it is in force from 10.02.2020. A payment "
        "is recorded against the order in force on its date."
    ) in page
    page = as_user(officer_a).post(url, {"date": "2020-05-01", "amount": "0"}).content.decode()
    assert "The amount must be a positive sum in tenge." in page
    assert AlimonyPayment.objects.count() == 1
    response = as_user(officer_a).post(url, {"date": "2020-05-01", "amount": "15000.50"})
    assert response.status_code == 302
    assert AlimonyPayment.objects.count() == 2


def test_officer_adds_an_allowance_with_a_clear_message_for_bad_amounts(
    as_user, officer_a, child_a
):
    url = f"/children/{child_a.pk}/allowances/new/"
    data = {"kind": "guardian_allowance", "monthly_amount": "-1", "start_date": "2021-01-01"}
    page = as_user(officer_a).post(url, data).content.decode()
    assert "The amount must be a positive sum in tenge." in page
    assert not Allowance.objects.exists()
    assert as_user(officer_a).post(url, {**data, "monthly_amount": "36900"}).status_code == 302
    assert Allowance.objects.get().monthly_amount == Decimal("36900")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("36 900,50", "36900.50"),
        ("36\xa0900", "36900"),
        ("36,900.50", "36900.50"),
        ("36,900", "36900"),
        ("1.250.000", "1250000"),
        ("42500", "42500"),
        ("42500.5", "42500.50"),
    ],
)
def test_amounts_as_people_type_them(typed, amount):
    from benefits.forms import AlimonyPaymentForm

    form = AlimonyPaymentForm({"date": "2021-01-01", "amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(amount)


def test_amounts_in_russian_notation(as_user, officer_a, child_a):
    url = f"/children/{child_a.pk}/allowances/new/"
    data = {"kind": "survivor", "monthly_amount": "36 900,50", "start_date": "2021-01-01"}
    assert as_user(officer_a, language="ru").post(url, data).status_code == 302
    assert Allowance.objects.get().monthly_amount == Decimal("36900.50")


# --- lists ---------------------------------------------------------------------------------------


def test_children_missing_an_allowance(as_user, officer_a, district_a, children_home):
    orphan = register_child(
        officer_a,
        district_a,
        last_name="Жетімов",
        birth_date=datetime.date(2013, 5, 1),
        category=Category.ORPHAN,
        reason=StatusReason.PARENTS_DIED,
    )
    with_survivor = register_child(
        officer_a,
        district_a,
        last_name="Алатын",
        birth_date=datetime.date(2013, 5, 2),
        category=Category.ORPHAN,
        reason=StatusReason.PARENTS_DIED,
    )
    allowance_add(
        actor=officer_a,
        child=with_survivor,
        kind="survivor",
        monthly_amount=Decimal("40000"),
        start_date=datetime.date(2020, 2, 1),
    )
    guarded = register_child(
        officer_a, district_a, last_name="Қамқорлықта", birth_date=datetime.date(2013, 5, 3)
    )
    place(officer_a, guarded, PlacementForm.GUARDIANSHIP, datetime.date(2020, 2, 1))
    paid = register_child(
        officer_a, district_a, last_name="Төлемді", birth_date=datetime.date(2013, 5, 4)
    )
    place(officer_a, paid, PlacementForm.GUARDIANSHIP, datetime.date(2020, 2, 1))
    allowance_add(
        actor=officer_a,
        child=paid,
        kind="guardian_allowance",
        monthly_amount=Decimal("36900"),
        start_date=datetime.date(2020, 3, 1),
    )
    pupil = register_child(
        officer_a, district_a, last_name="Тәрбиеленуші", birth_date=datetime.date(2013, 5, 5)
    )
    place(officer_a, pupil, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), children_home)
    client = as_user(officer_a)
    rows = table_rows(client.get("/benefits/"))
    assert orphan.last_name in rows and guarded.last_name in rows
    assert with_survivor.last_name not in rows and paid.last_name not in rows
    assert pupil.last_name not in rows
    assert "monthly payment to the guardian for upkeep" in rows
    only_survivor = table_rows(client.get("/benefits/", {"missing": "survivor"}))
    assert orphan.last_name in only_survivor and guarded.last_name not in only_survivor


def test_alimony_ordered_against_received_per_child_and_district(
    as_user, officer_a, officer_b, regional_user, district_a, district_b, child_a, child_b
):
    order = add_order(officer_a, child_a)
    alimony_payment_add(
        actor=officer_a, order=order, date=datetime.date(2020, 3, 1), amount=Decimal("25000")
    )
    alimony_order_end(
        actor=officer_a, order=order, version=order.version, end_date=datetime.date(2020, 8, 10)
    )
    other = add_order(officer_b, child_b, start=datetime.date(2021, 1, 1))
    alimony_order_end(
        actor=officer_b, order=other, version=other.version, end_date=datetime.date(2021, 3, 1)
    )
    page = as_user(officer_a).get("/benefits/alimony/").content.decode()
    children = page[page.index('id="alimony-children"') :]
    assert "Омаров Арман" in children and "Исаева" not in children
    assert "120,000" in children and "25,000" in children and "95,000" in children
    regional = as_user(regional_user).get("/benefits/alimony/").content.decode()
    districts = regional[
        regional.index('id="alimony-districts"') : regional.index('id="alimony-children"')
    ]
    assert "Район А" in districts and "Район Б" in districts
    assert "160,000" in districts  # total ordered: 120,000 + 40,000
    assert "135,000" in districts  # total not received


def test_orders_with_no_payment_in_the_last_months(as_user, officer_a, district_a, child_a):
    day = timezone.localdate()
    paying_child = register_child(
        officer_a, district_a, last_name="Төлейтін", birth_date=datetime.date(2013, 5, 6)
    )
    paying = add_order(officer_a, paying_child, start=datetime.date(2021, 1, 1))
    alimony_payment_add(
        actor=officer_a, order=paying, date=months_before(day, 1), amount=Decimal("20000")
    )
    add_order(officer_a, child_a, start=datetime.date(2021, 1, 1), debtor_name="Омаров Ерлан")
    client = as_user(officer_a)
    rows = table_rows(client.get("/benefits/alimony/unpaid/"))
    assert "Омаров Ерлан" in rows and "never" in rows and "Төлейтін" not in rows
    assert "Төлейтін" in table_rows(client.get("/benefits/alimony/unpaid/", {"months": "1"}))


def fill_benefits(officer, district, count, first=0):
    """`count` more children, born on days after `first` (distinct people)."""
    for number in range(count):
        child = register_child(
            officer,
            district,
            birth_date=datetime.date(2012, 1, 1 + first + number),
            category=Category.ORPHAN,
            reason=StatusReason.PARENTS_DIED,
        )
        place(officer, child, PlacementForm.GUARDIANSHIP, datetime.date(2020, 2, 1))
        order = add_order(officer, child, start=datetime.date(2021, 1, 1))
        if number % 2:
            alimony_payment_add(
                actor=officer, order=order, date=datetime.date(2021, 2, 1), amount=Decimal("9000")
            )


@pytest.mark.parametrize("url", LISTS)
def test_list_query_counts_stay_constant(
    as_user, regional_user, officer_a, district_a, url, django_assert_max_num_queries
):
    client = as_user(regional_user)
    fill_benefits(officer_a, district_a, 2)
    # The page's own queries, the session's second factor and the access log's entry.
    with django_assert_max_num_queries(11) as small:
        client.get(url)
    fill_benefits(officer_a, district_a, 12, first=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('href="/children/') >= 14


def test_share_of_income_orders_have_no_sum_to_compare(as_user, officer_a, child_a):
    order = add_order(officer_a, child_a, monthly_amount=None, income_share="1/4")
    alimony_payment_add(
        actor=officer_a, order=order, date=datetime.date(2020, 3, 1), amount=Decimal("31000")
    )
    page = as_user(officer_a).get("/benefits/alimony/").content.decode()
    children = page[page.index('id="alimony-children"') :]
    row = children[children.index("Омаров Арман") :]
    row = row[: row.index("</tr>")]
    assert "share of income" in row and "31,000" in row
    assert "-31,000" not in page  # nothing counted as owed, nothing as overpaid


def test_child_page_queries_do_not_grow_with_benefits(
    as_user, officer_a, child_a, django_assert_max_num_queries
):
    client = as_user(officer_a)
    order = add_order(officer_a, child_a)
    with django_assert_max_num_queries(60) as small:
        client.get(f"/children/{child_a.pk}/")
    for month in range(3, 12):
        alimony_payment_add(
            actor=officer_a, order=order, date=datetime.date(2020, month, 1), amount=Decimal("1000")
        )
    add_order(officer_a, child_a, start=datetime.date(2021, 1, 1))
    allowance_add(
        actor=officer_a,
        child=child_a,
        kind="other",
        monthly_amount=Decimal("5000"),
        start_date=datetime.date(2021, 1, 1),
    )
    # The history reads each kind of record on it once: payments and allowances are new.
    with django_assert_max_num_queries(len(small.captured_queries) + 2):
        page = client.get(f"/children/{child_a.pk}/").content.decode()
    assert page.count("<td>01.") >= 9  # every payment is listed


def test_alimony_order_forms_show_no_conflict_panel_without_a_conflict(as_user, officer_a, child_a):
    client = as_user(officer_a)
    url = f"/children/{child_a.pk}/alimony/new/"
    opened = client.get(url).content.decode()
    refused = client.post(url, {"court": "Талдықорған қалалық соты"}).content.decode()
    assert "This field is required." in refused
    for page in (opened, refused):
        assert "What you had typed" not in page
        assert ": —" not in page and 'role="alert"' not in page


def test_a_lost_update_of_an_alimony_order_lists_only_what_differs(as_user, officer_a, child_a):
    order = add_order(officer_a, child_a)
    url = f"/children/{child_a.pk}/alimony/{order.pk}/edit/"
    client = as_user(officer_a)
    assert "What you had typed" not in client.get(url).content.decode()
    form = {
        "decision_number": "2-345/2020",
        "decision_date": "2020-02-10",
        "court": "Талдықорған қалалық соты",
        "debtor_name": "Омаров Серік",
        "start_date": "2020-02-10",
        "end_date": "",
        "monthly_amount": "20 000",  # as saved (20000.00), typed another way
        "income_share": "",
        "version": order.version,
    }
    assert client.post(url, {**form, "court": "Алматы облыстық соты"}).status_code == 302
    lost = client.post(url, {**form, "debtor_name": "Омарова Сәуле"}).content.decode()
    assert "Someone else saved this record while you were editing it." in lost
    panel = lost[lost.index("What you had typed") : lost.index("</ul>", lost.index("What you"))]
    assert panel.count("<li>") == 2
    assert "<strong>Debtor parent</strong>: Омарова Сәуле" in panel
    assert "<strong>Court</strong>: Талдықорған қалалық соты" in panel
    order.refresh_from_db()
    assert (order.court, order.debtor_name) == ("Алматы облыстық соты", "Омаров Серік")


def test_an_empty_field_does_not_hide_the_other_problems(as_user, officer_a, child_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client = as_user(officer_a)
    entries = AuditEntry.objects.count()
    response = client.post(
        f"/children/{child_a.pk}/alimony/new/",
        {
            "decision_number": "2-345/2020",
            "decision_date": "2020-02-10",
            "court": "",
            "debtor_name": "Омаров Серік",
            "start_date": tomorrow.isoformat(),
            "monthly_amount": "20000",
            "income_share": "1/4",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page  # the court
    assert f"The date {tomorrow:%d.%m.%Y} is in the future." in page
    assert "Give either a monthly amount or a share of income, not both." in page
    assert "What you had typed" not in page
    assert not child_a.alimony_orders.exists()
    assert AuditEntry.objects.count() == entries  # the rules' trial wrote nothing


def test_checking_the_rules_of_a_form_with_errors_writes_nothing(as_user, officer_a, child_a):
    """Every other value is right: the service's trial would save, and is rolled back."""
    client = as_user(officer_a)
    entries = AuditEntry.objects.count()
    response = client.post(
        f"/children/{child_a.pk}/allowances/new/",
        {
            "kind": "survivor",
            "monthly_amount": "42500",
            "start_date": "2020-03-01",
            "decision_date": "not a date",
        },
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not Allowance.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_saving_an_alimony_order_is_a_few_queries_whatever_the_register(
    as_user, officer_a, district_a, child_a, django_assert_max_num_queries
):
    """The save writes the order and its audit entry: nothing is rebuilt or recounted,
    so neither the child's history nor the district's size adds a query."""
    client = as_user(officer_a)
    url = f"/children/{child_a.pk}/alimony/new/"
    form = {
        "decision_number": "2-345/2020",
        "decision_date": "2020-02-10",
        "court": "Талдықорған қалалық соты",
        "debtor_name": "Омаров Серік",
        "start_date": "2020-02-10",
        "monthly_amount": "20000",
        "income_share": "",
    }
    with django_assert_max_num_queries(12) as first:
        assert client.post(url, form).status_code == 302
    for number in range(8):
        other = register_child(
            officer_a, district_a, last_name=f"Ұлы{number}", birth_date=datetime.date(2015, 1, 1)
        )
        add_order(officer_a, other)
        add_order(officer_a, child_a, start=datetime.date(2021, 1, 1 + number))
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.post(url, form).status_code == 302
    assert child_a.alimony_orders.count() == 10
