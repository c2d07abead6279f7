"""The children list's sort menu is in the reader's language, whichever language the
first list of the process was read in."""

from django.utils import translation

from exchange.workbook.sheets import sheet_label


def sort_menu(page) -> str:
    text = page.content.decode()
    start = text.index('name="sort"')
    return text[start : text.index("</select>", start)]


def test_sort_menu_speaks_each_readers_language(as_user, officer_a):
    kazakh = sort_menu(as_user(officer_a, language="kk").get("/children/"))
    russian = sort_menu(as_user(officer_a, language="ru").get("/children/"))
    assert "descending" not in kazakh and "descending" not in russian
    with translation.override("kk"):
        name_kk = translation.gettext("name")
    with translation.override("ru"):
        name_ru = translation.gettext("name")
    assert f"{name_kk} (кему бойынша)" in kazakh
    assert f"{name_ru} (по убыванию)" in russian
    assert name_kk not in russian


def test_sheets_are_named_in_the_readers_language_beside_their_code():
    with translation.override("kk"):
        assert sheet_label("Children") == "Балалар (Children)"
    with translation.override("ru"):
        assert sheet_label("Placements") == "Формы устройства (Placements)"
    assert sheet_label("Unknown") == "Unknown"
