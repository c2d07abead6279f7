"""An officer registers a child, places it under guardianship and finds it in the
list; an officer of another district cannot open it."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from children.models import Child
from tests.browser.conftest import open_menu
from tests.conftest import PASSWORD
from tests.exchange.workbooks import CHILDREN_REQUIRED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_place_and_find_a_child(page_for, officer_a, officer_b, live_server):
    page = page_for(officer_a, PASSWORD)
    open_menu(page, "Children", "Register a child")
    page.get_by_label("Last name").fill("Жұмабаева")
    page.get_by_label("First name").fill("Аружан")
    page.get_by_label("Birth date").fill("2016-04-12")
    page.get_by_label("female").check()
    page.get_by_label("Date of registration").fill("2024-09-01")
    page.get_by_label("Category").select_option("without_care")
    page.get_by_label("Reason").select_option("deprived")
    page.get_by_label("Status since").fill("2024-09-01")
    page.get_by_role("button", name="Register", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Жұмабаева Аружан")
    child = Child.objects.get(last_name="Жұмабаева")
    assert page.url.endswith(f"/children/{child.pk}/")

    page.get_by_role("link", name="New placement").click()
    page.get_by_label("Form of care").select_option("guardianship")
    page.get_by_label("Since").fill("2024-09-15")
    page.get_by_label("Carer's name").fill("Жұмабаева Гүлнар Серікқызы")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Form of care today")).to_be_visible()
    expect(page.locator(".card", has_text="Form of care today")).to_contain_text("Guardianship")

    open_menu(page, "Children", "List of children")
    page.get_by_label("IIN or name of the child or carer").fill("Жұмабаева")
    page.get_by_role("button", name="Show").click()
    row = page.locator("tbody tr", has_text="Жұмабаева Аружан")
    expect(row).to_contain_text("guardianship")
    expect(row).to_contain_text("left without parental care")

    other = page_for(officer_b, PASSWORD)
    response = other.goto(f"/children/{child.pk}/")
    assert response.status == 404
    other.goto("/children/")
    expect(other.locator("tbody")).not_to_contain_text("Жұмабаева")


def test_wrong_input_is_explained_next_to_the_field(page_for, officer_a):
    page = page_for(officer_a, PASSWORD, language="ru")
    page.goto("/children/new/")
    page.locator("#id_iin").fill("1604126")
    page.locator("#id_last_name").fill("Омаров")
    page.locator("#id_first_name").fill("Арман")
    page.locator("#id_birth_date").fill("2016-04-12")
    page.locator("#id_sex_0").check()
    page.locator("#id_status_start").fill("2024-09-01")
    page.locator("main button[type=submit]", has_text=re.compile("Зарегистрировать")).click()
    expect(page.locator("#id_iin_error")).to_have_text(re.compile("ИИН состоит ровно из 12 цифр."))
    assert not Child.objects.exists()


def test_an_officers_day_work_list_registration_and_a_visit(page_for, officer_a, district_a):
    """The work list shows an overdue visit; the officer opens the child and records
    the visit that was due."""
    import datetime

    from care.models import MonitoringVisit
    from children.models import PlacementForm as Form
    from tests.children.factories import place, register_child

    child = register_child(
        officer_a,
        district_a,
        last_name="Оспанов",
        first_name="Тимур",
        birth_date=datetime.date(2017, 2, 2),
        registered_on=datetime.date(2024, 1, 10),
    )
    place(officer_a, child, Form.GUARDIANSHIP, datetime.date(2024, 2, 1))

    page = page_for(officer_a, PASSWORD)
    work_list = page.locator("main")
    expect(work_list).to_contain_text("Work list")
    expect(work_list).to_contain_text("Оспанов Тимур")
    expect(work_list).to_contain_text("Visit overdue since")

    page.goto(f"/children/{child.pk}/")
    page.get_by_role("link", name="Record a visit").first.click()
    page.get_by_label("Date of the visit").fill("2024-02-20")
    page.get_by_label("Visited by").fill("Серікбаева А., маман")
    page.get_by_label("satisfactory").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Оспанов Тимур")
    expect(page.locator("main")).to_contain_text("20.02.2024")
    assert MonitoringVisit.objects.filter(child=child, date=datetime.date(2024, 2, 20)).exists()


def upload_list(page, folder, sheets: dict) -> None:
    """Upload a district's list of these sheets (name -> rows) on the import page, as
    a workbook: the page then shows its check."""
    from tests.exchange.workbooks import make_workbook

    path = folder / "тізім.xlsx"
    path.write_bytes(make_workbook(sheets).getvalue())
    page.goto("/workbook/import/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()


def test_an_old_list_moves_in_and_its_gaps_become_work(page_for, officer_a, district_a, tmp_path):
    """The district's list, with what it does not state left empty, imports; the
    officer completes a placement's end reason from the work list."""
    from children.iin import make_iin
    from children.models import Placement

    boy = make_iin(datetime.date(2014, 5, 1), "M", 801)
    page = page_for(officer_a, PASSWORD, language="ru")
    upload_list(
        page,
        tmp_path,
        {
            "Children": [
                list(CHILDREN_REQUIRED),
                [boy, "Сейітов", "Ислам", "01.05.2014", "М", "a"],
            ],
            "Statuses": [["iin", "category", "start_date"], [boy, "сирота", "2019-03-01"]],
            "Placements": [
                ["iin", "form", "start_date", "end_date", "carer_name"],
                [boy, "опека", "2019-04-01", "2022-02-01", "Сейітова Г."],
                [boy, "патронат", "2022-02-01", None, "Ахметова Р."],
            ],
        },
    )
    expect(page.locator("#incomplete-heading")).to_have_text("Чего нет в списке")
    expect(page.locator("main")).to_contain_text("Устройства, прекращённые без причины")
    # On a phone the records by sheet show whole: no column left beside the table's box.
    page.set_viewport_size({"width": 390, "height": 900})
    counts = page.locator(".table-responsive:has(table.counts)")
    assert counts.evaluate("box => box.scrollWidth <= box.clientWidth")
    page.get_by_role("button", name="Подтвердить загрузку").click()

    page.goto("/follow-up/")
    row = page.locator("tr", has_text="Сейітов Ислам").filter(has_text="причина окончания")
    row.get_by_role("link", name="Дополнить").click()
    expect(page.locator("main")).to_contain_text("В записи ещё не указано: причина окончания.")
    page.get_by_label("Причина окончания").select_option("moved")
    page.get_by_role("button", name="Сохранить").click()
    assert Placement.objects.get(end_date=datetime.date(2022, 2, 1)).end_reason == "moved"
    page.goto("/follow-up/")
    expect(page.locator("main")).not_to_contain_text("причина окончания")


def test_a_list_with_a_problem_shows_it_whole_on_a_phone(page_for, officer_a, district_a, tmp_path):
    """A list whose date does not exist is refused with the problem named; on a phone
    the problems' table shows whole, the message included."""
    from children.iin import make_iin

    girl = make_iin(datetime.date(2013, 2, 3), "F", 802)
    page = page_for(officer_a, PASSWORD, language="ru")
    page.set_viewport_size({"width": 390, "height": 900})
    upload_list(
        page,
        tmp_path,
        {
            "Children": [
                list(CHILDREN_REQUIRED),
                [girl, "Жұмабаева", "Аружан", "31.02.2013", "Ж", "a"],
            ],
        },
    )
    problems = page.locator(".table-responsive:has(table.problems)")
    expect(problems).to_contain_text("Даты 31.02.2013 не существует.")
    assert problems.evaluate("box => box.scrollWidth <= box.clientWidth")


def test_print_the_card_from_the_page_and_as_a_pdf(page_for, officer_a, district_a):
    """The officer opens the child's card from its page: printed, it shows the card
    without the menu and buttons; its PDF downloads with the child's name in Kazakh."""
    import io

    from pypdf import PdfReader

    from tests.children.factories import register_child

    child = register_child(officer_a, district_a, last_name="Құрманғалиева", first_name="Гүлнәр")
    page = page_for(officer_a, PASSWORD, language="kk")
    page.goto(f"/children/{child.pk}/")
    page.locator(f'a[href="/children/{child.pk}/card/"]').click()  # *Print the card*
    assert page.url.endswith(f"/children/{child.pk}/card/")
    expect(page.locator("article.child-card")).to_contain_text("Құрманғалиева Гүлнәр")
    expect(page.locator("article.child-card")).to_contain_text("Мәртебелер")
    page.emulate_media(media="print")
    for hidden in ("nav.navbar", "main .btn"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("article.child-card h1")).to_be_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.locator(f'a[href="/children/{child.pk}/card.pdf"]').first.click()
    with open(download.value.path(), "rb") as downloaded:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(downloaded.read())).pages)
    assert "Құрманғалиева Гүлнәр" in text
