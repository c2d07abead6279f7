"""The children list's search: any part of the name, in any case and in Kazakh or
Russian spelling, in any order; the carer's name; the IIN; the best matches first.
Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime
import itertools
import re

import pytest

from children.models import PlacementForm
from tests.children.factories import place
from tests.children.factories import register_child as register_with
from tests.conftest import table_rows

_days = itertools.count()


def register_child(actor, district, **fields):
    """A child born on a day of its own: the factory's IINs of one birth date and sex
    can repeat (a serial skipped for its check digit is the next one's)."""
    fields.setdefault("birth_date", datetime.date(2010, 1, 1) + datetime.timedelta(next(_days)))
    return register_with(actor, district, **fields)


def listed(client, **params) -> list[str]:
    """The children's full names the list shows, in its order."""
    rows = table_rows(client.get("/children/", params))
    return [
        " ".join(name.split()) for name in re.findall(r'<a href="/children/\d+/">([^<]+)</a>', rows)
    ]


@pytest.fixture
def nursultan(officer_a, district_a):
    return register_child(
        officer_a,
        district_a,
        last_name="Жумабаев",
        first_name="Нурсултан",
        birth_date=datetime.date(2014, 3, 2),
    )


@pytest.mark.parametrize(
    "query",
    [
        "Жумабаев",
        "жумабаев",
        "жұмабаев",
        "ЖУМАБАЕВ",
        "Нурсултан",
        "Нурсултан Жумабаев",
        "Жумабаев Н",
        "Жумабаев Нурсултан",
        "  ЖҰМАБАЕВ   нұрсұлтан ",
        "мабае",
    ],
)
def test_every_spelling_finds_the_child(as_user, officer_a, district_a, nursultan, query):
    register_child(officer_a, district_a, last_name="Омаров", first_name="Арман")
    assert listed(as_user(officer_a), q=query) == ["Жумабаев Нурсултан"]


def test_a_name_written_in_kazakh_is_found_in_russian_spelling(as_user, officer_a, district_a):
    register_child(officer_a, district_a, last_name="Қасымова", first_name="Әлия", sex="F")
    register_child(officer_a, district_a, last_name="Нұрғалиева", first_name="Өмірзая", sex="F")
    register_child(officer_a, district_a, last_name="Омаров", first_name="Арман")
    client = as_user(officer_a)
    assert listed(client, q="касымова алия") == ["Қасымова Әлия"]
    assert listed(client, q="Алия") == ["Қасымова Әлия"]
    assert listed(client, q="нургалиева омирзая") == ["Нұрғалиева Өмірзая"]
    assert listed(client, q="Нургалиева О") == ["Нұрғалиева Өмірзая"]
    assert listed(client, q="Петров") == []
    assert listed(client, q="?!") == []


def test_an_officer_never_finds_a_child_of_another_district(
    as_user, officer_a, officer_b, regional_user, district_b, nursultan
):
    register_child(officer_b, district_b, last_name="Жумабаев", first_name="Ерлан")
    assert listed(as_user(officer_a), q="жумабаев") == ["Жумабаев Нурсултан"]
    assert listed(as_user(officer_b), q="жумабаев") == ["Жумабаев Ерлан"]
    assert listed(as_user(officer_a), q="Ерлан") == []
    assert listed(as_user(regional_user), q="жумабаев") == [
        "Жумабаев Ерлан",
        "Жумабаев Нурсултан",
    ]


def test_the_carers_name_finds_the_child(as_user, officer_a, officer_b, district_b, nursultan):
    place(
        officer_a,
        nursultan,
        PlacementForm.GUARDIANSHIP,
        datetime.date(2021, 1, 1),
        carer_name="Серікова Гүлнар Маратқызы",
    )
    other = register_child(officer_b, district_b, last_name="Омаров", first_name="Арман")
    place(
        officer_b,
        other,
        PlacementForm.GUARDIANSHIP,
        datetime.date(2021, 1, 1),
        carer_name="Серикова Гульнара",
    )
    client = as_user(officer_a)
    assert listed(client, q="Серикова") == ["Жумабаев Нурсултан"]
    assert listed(client, q="гулнар серікова") == ["Жумабаев Нурсултан"]
    assert listed(client, q="Серикова Айжан") == []


def test_the_iin_whole_or_its_beginning_finds_the_child(as_user, officer_a, district_a, nursultan):
    register_child(officer_a, district_a, last_name="Омаров", first_name="Арман")
    client = as_user(officer_a)
    assert listed(client, q=nursultan.iin) == ["Жумабаев Нурсултан"]
    assert listed(client, q=nursultan.iin[:8]) == ["Жумабаев Нурсултан"]
    assert listed(client, q=f"{nursultan.iin[:6]} {nursultan.iin[6:]}") == ["Жумабаев Нурсултан"]
    assert listed(client, q="999999") == []


def test_the_carers_iin_finds_the_child(
    as_user, officer_a, district_a, officer_b, district_b, nursultan
):
    """Digits find a child by the beginning of a carer's IIN too, after the children
    whose own IIN begins so; never a child of another district."""
    from children.iin import make_iin

    # Born a century before Nursultan, on the same day: the same first six digits.
    carer_iin = make_iin(datetime.date(1914, 3, 2), "F", 4321)
    assert carer_iin[:6] == nursultan.iin[:6]
    cared = register_child(officer_a, district_a, last_name="Омаров", first_name="Арман")
    place(
        officer_a, cared, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1), carer_iin=carer_iin
    )
    elsewhere = register_child(officer_b, district_b, last_name="Омарова", first_name="Айя")
    place(
        officer_b,
        elsewhere,
        PlacementForm.GUARDIANSHIP,
        datetime.date(2021, 1, 1),
        carer_iin=carer_iin,
    )
    client = as_user(officer_a)
    assert listed(client, q=carer_iin) == ["Омаров Арман"]
    assert listed(client, q=carer_iin[:8]) == ["Омаров Арман"]
    assert listed(client, q=carer_iin[1:9]) == []
    # The child's own IIN first, then the carer's ward.
    assert listed(client, q=carer_iin[:6]) == ["Жумабаев Нурсултан", "Омаров Арман"]


def test_the_search_box_says_it_finds_carers(as_user, officer_a):
    page = as_user(officer_a).get("/children/").content.decode()
    assert "IIN or name of the child or carer" in page


def test_exact_matches_come_first(as_user, officer_a, district_a):
    """Registered from the weakest match to the best; listed best first: the whole
    name, every word a whole word, every word a word's beginning, then the rest (a
    word inside another, the carer's name) by name."""
    for last, first, middle in [
        ("Ахмеджумабаев", "Нурсултан", ""),
        ("Жумабаева", "Айгуль", "Нурсултановна"),
        ("Жумабаев-Нурсултан", "Асель", ""),
        ("Жумабаев", "Нурсултан", "Ерланович"),
    ]:
        register_child(officer_a, district_a, last_name=last, first_name=first, middle_name=middle)
    cared = register_child(officer_a, district_a, last_name="Омаров", first_name="Арман")
    place(
        officer_a,
        cared,
        PlacementForm.GUARDIANSHIP,
        datetime.date(2021, 1, 1),
        carer_name="Жумабаев Нурсултан",
    )
    client = as_user(officer_a)
    assert listed(client, q="жұмабаев нұрсұлтан") == [
        "Жумабаев Нурсултан Ерланович",
        "Жумабаев-Нурсултан Асель",
        "Жумабаева Айгуль Нурсултановна",
        "Ахмеджумабаев Нурсултан",
        "Омаров Арман",
    ]
    # Within a rank, by name, or by the sort chosen.
    assert listed(client, q="жумабаев")[:3] == [
        "Жумабаев Нурсултан Ерланович",
        "Жумабаев-Нурсултан Асель",
        "Жумабаева Айгуль Нурсултановна",
    ]
    assert listed(client, q="жумабаев", sort="-name")[:3] == [
        "Жумабаев-Нурсултан Асель",
        "Жумабаев Нурсултан Ерланович",
        "Жумабаева Айгуль Нурсултановна",
    ]


def test_a_corrected_name_is_found_by_its_new_spelling(as_user, officer_a, nursultan):
    from children.services.children import child_update_identity

    child_update_identity(
        actor=officer_a,
        child=nursultan,
        version=nursultan.version,
        iin=nursultan.iin,
        last_name="Жұмабаев",
        first_name="Нұрсұлтан",
        middle_name="Әбішұлы",
        birth_date=nursultan.birth_date,
        sex=nursultan.sex,
    )
    assert listed(as_user(officer_a), q="абишулы") == ["Жұмабаев Нұрсұлтан Әбішұлы"]


def test_search_query_count_stays_constant(
    as_user, officer_a, district_a, django_assert_max_num_queries
):
    client = as_user(officer_a)

    def fill(count):
        for number in range(count):
            child = register_child(
                officer_a, district_a, last_name="Жұмабаев", first_name=f"Бала{number}"
            )
            place(
                officer_a,
                child,
                PlacementForm.GUARDIANSHIP,
                datetime.date(2021, 1, 1),
                carer_name="Жумабаева Гүлнар",
            )

    fill(3)
    client.get("/")  # the session's first request sets its clocks
    with django_assert_max_num_queries(9) as small:
        client.get("/children/", {"q": "жумабаев"})
    fill(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/children/", {"q": "жумабаев"})
    assert response.content.decode().count("Жұмабаев") >= 23
