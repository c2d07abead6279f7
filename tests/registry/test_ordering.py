"""Names in the order of the Kazakh alphabet, on the database (PostgreSQL's ICU
collation, SQLite's own: run with DATABASE_URL too) and in Python, the same order."""

import pytest

from registry.models import District
from registry.ordering import ALPHABET, by_name, sort_key
from registry.services.geography import district_create

KAZAKH = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"
# Each letter begins a name; shuffled so that no order of making them is the answer.
NAMES = [f"{letter}{'лма' if index % 2 else 'ба'}" for index, letter in enumerate(KAZAKH.split())]
SHUFFLED = NAMES[1::2] + NAMES[::2][::-1]


@pytest.fixture
def districts(actor, region):
    for number, name in enumerate(
        [*SHUFFLED, "Алакөл", "Ақсу", "Лаура", "Қайрат", "Карим", "Борис", "Әлия", "Арман"]
    ):
        district_create(actor=actor, region=region, code=f"d{number}", name_kk=name, name_ru=name)


def names_in_database_order(descending=False) -> list[str]:
    order = by_name("name_kk", descending=descending)
    return list(District.objects.order_by(order, "pk").values_list("name_kk", flat=True))


def test_the_alphabet_is_the_kazakh_one():
    assert ALPHABET.upper() == KAZAKH.replace(" ", "")


def test_the_database_sorts_by_the_kazakh_alphabet(districts):
    names = names_in_database_order()
    assert [name for name in names if name in NAMES] == NAMES
    assert names.index("Ақсу") < names.index("Алакөл")
    assert names.index("Карим") < names.index("Қайрат") < names.index("Лаура")
    assert names.index("Арман") < names.index("Әлия") < names.index("Борис")
    assert names[-1] == NAMES[-1] == "Ялма"  # nothing after Я
    assert names_in_database_order(descending=True) == names[::-1]


def test_python_sorts_as_the_database(districts):
    names = names_in_database_order()
    assert sorted(names, key=sort_key) == names
    assert sorted(["Яна", "Ұлан", "Һәкім", "Іле", "Өмір", "Zeta", "Ақсу"], key=sort_key) == [
        "Ақсу",
        "Өмір",
        "Ұлан",
        "Һәкім",
        "Іле",
        "Яна",
        "Zeta",
    ]


def test_letter_case_only_breaks_ties(actor, region):
    for number, name in enumerate(["ақсу", "АЛАКӨЛ", "Ақсу", "алакөл"]):
        district_create(actor=actor, region=region, code=f"c{number}", name_kk=name, name_ru=name)
    assert names_in_database_order() == ["ақсу", "Ақсу", "алакөл", "АЛАКӨЛ"]


def test_the_localized_name_is_the_one_the_user_reads(actor, region):
    from django.utils import translation

    district_create(actor=actor, region=region, code="x", name_kk="Ақсу", name_ru="Яксу")
    district_create(actor=actor, region=region, code="y", name_kk="Алакөл", name_ru="Алаколь")
    for language, expected in [("kk", ["Ақсу", "Алакөл"]), ("ru", ["Алаколь", "Яксу"])]:
        with translation.override(language):
            districts = District.objects.order_by(by_name("name"))
            assert [district.name for district in districts] == expected
