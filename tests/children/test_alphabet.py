"""Lists sorted by name follow the Kazakh alphabet: Қ after К, Ә after А, nothing
after Я (run on SQLite and on PostgreSQL)."""

import datetime

from registry.services.geography import district_create
from tests.children.test_search import listed, register_child

FIRST_NAMES = ["Яна", "Қайрат", "Борис", "Лаура", "Әлия", "Карим", "Ұлан", "Арман"]
IN_ORDER = ["Арман", "Әлия", "Борис", "Карим", "Қайрат", "Лаура", "Ұлан", "Яна"]


def test_the_children_list_sorts_by_the_kazakh_alphabet(as_user, officer_a, district_a):
    for number, first in enumerate(FIRST_NAMES):
        register_child(
            officer_a,
            district_a,
            last_name="Ахметов",
            first_name=first,
            birth_date=datetime.date(2012, 1, 1 + number),
        )
    register_child(officer_a, district_a, last_name="Ақсуов", first_name="Бек")
    register_child(officer_a, district_a, last_name="Алакөлов", first_name="Бек")
    client = as_user(officer_a, language="kk")
    expected = ["Алакөлов Бек", *(f"Ахметов {name}" for name in IN_ORDER)]
    expected.insert(0, "Ақсуов Бек")  # Қ before Л: Ақсуов before Алакөлов
    assert listed(client) == expected
    assert listed(client, sort="name") == expected
    assert listed(client, sort="-name") == expected[::-1]
    assert listed(as_user(officer_a, language="ru"), q="Ахметов") == expected[2:]


def test_the_district_menu_sorts_by_the_kazakh_alphabet(as_user, actor, region, regional_user):
    for code, name_kk, name_ru in [
        ("alakol", "Алакөл ауданы", "Алакольский район"),
        ("aksu", "Ақсу ауданы", "Аксуский район"),
        ("kaz", "Қазалы ауданы", "Казалинский район"),
    ]:
        district_create(actor=actor, region=region, code=code, name_kk=name_kk, name_ru=name_ru)
    page = as_user(regional_user, language="kk").get("/children/").content.decode()
    menu = page[page.index('name="district"') :]
    menu = menu[: menu.index("</select>")]
    positions = [menu.index(name) for name in ("Ақсу", "Алакөл", "Б ауданы", "Қазалы")]
    assert positions == sorted(positions)
    page = as_user(regional_user, language="ru").get("/children/").content.decode()
    menu = page[page.index('name="district"') :]
    menu = menu[: menu.index("</select>")]
    positions = [menu.index(name) for name in ("Аксуский", "Алакольский", "Казалинский")]
    assert positions == sorted(positions)
