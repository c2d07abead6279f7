"""A regional specialist's day and an administrator's, in a real browser; and no page
asks anything of another origin."""

import base64
import datetime
import io
import re

import openpyxl
import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from children.models import PlacementForm
from registry.models import User
from reports.models import SubmittedReport
from tests.browser.conftest import open_menu
from tests.children.factories import place, register_child
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def small_register(officer_a, officer_b, district_a, district_b):
    for number in range(3):
        child = register_child(officer_a, district_a, birth_date=datetime.date(2012, 2, 1 + number))
        place(officer_a, child, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    register_child(officer_b, district_b, birth_date=datetime.date(2013, 3, 3))


def test_regional_specialist_reads_drills_down_and_downloads(
    page_for, regional_user, small_register
):
    page = page_for(regional_user, PASSWORD)
    year = datetime.date.today().year - 1
    open_menu(page, "Reports", "Indicators")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicators of Первая область")
    page.locator("table a", has_text="3").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.locator("tbody tr").count() >= 3
    page.goto(f"/reports/?year={year}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Annual report (Excel)").click()
    with open(download.value.path(), "rb") as downloaded:
        book = openpyxl.load_workbook(io.BytesIO(downloaded.read()))
    summary = book["Summary"]
    figures = {row[0].value: row[2].value for row in summary.iter_rows(min_row=5)}
    assert figures["Orphans and children left without parental care"] == 4


def code_from_key(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def test_administrator_sets_up_two_step_sign_in_adds_a_user_and_closes_a_year(
    browser, live_server, admin_user, district_a, small_register
):
    context = browser.new_context(locale="en", base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    secret = page.locator("code").inner_text()
    page.get_by_label("Six-digit code from the authenticator app").fill(code_from_key(secret))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_text("Two-step sign-in is on for your account.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    expect(page.locator("ol.recovery-codes li")).to_have_count(10)

    open_menu(page, "Administration", "Accounts")
    page.get_by_role("link", name="Add an account").click()
    page.get_by_label("Username").fill("aigerim")
    page.get_by_label("Role").select_option("officer")
    page.get_by_label("District").select_option(str(district_a.pk))
    page.get_by_label("Password", exact=True).fill("Long-enough-pass-1")
    page.get_by_label("Password again").fill("Long-enough-pass-1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Account “aigerim” created.")).to_be_visible()
    assert User.objects.get(username="aigerim").district == district_a

    year = datetime.date.today().year - 1
    open_menu(page, "Reports", "Close a year")
    page.get_by_label("Year", exact=True).last.fill(str(year))
    page.get_by_label(re.compile("I confirm")).check()
    page.get_by_role("button", name="Submit and freeze").click()
    expect(page.get_by_text(f"The figures of {year} were submitted")).to_be_visible()
    assert SubmittedReport.objects.filter(year=year).exists()
    context.close()


def test_no_page_requests_anything_from_another_origin(
    page_for, officer_a, regional_user, small_register, live_server
):
    outside = []
    for user in (officer_a, regional_user):
        page = page_for(user, PASSWORD)
        page.on(
            "request",
            lambda request: (
                outside.append(request.url)
                if not request.url.startswith((live_server.url, "data:", "about:"))
                else None
            ),
        )
        for link in ("/", "/children/", "/reports/", "/reports/quality/", "/institutions/"):
            page.goto(link)
            page.wait_for_load_state("networkidle")
        page.goto("/children/")
        page.locator("tbody a").first.click()
        page.wait_for_load_state("networkidle")
    assert outside == []
