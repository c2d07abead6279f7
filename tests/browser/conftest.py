"""End-to-end tests in a real headless Chromium (Debian's /usr/bin/chromium), driven by
Playwright for Python. Without Chromium they are skipped with a message, except
where REQUIRE_BROWSER=1 (CI sets it): there a missing browser fails the run."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses
# to run beside one unless told that this is intended (the tests are synchronous).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing_browser() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements.txt)"
    return None


@pytest.fixture(scope="session")
def browser():
    missing = _missing_browser()
    if missing:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Browser tests must run here but cannot: {missing}")
        pytest.skip(f"Browser tests skipped: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def authenticator_code(user) -> str:
    """The code `user`'s authenticator app shows now (one is linked if it has none)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="browser tests", defaults={"confirmed": True}
    )
    # A second sign-in within the same 30 seconds may use the same code again.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


@pytest.fixture
def page_for(browser, live_server):
    """`page_for(user)`: a page signed in with the password and the second step (a
    code from the account's authenticator), in a fresh browser context (English)."""
    contexts = []

    def open_page(user, password, language="en"):
        context = browser.new_context(locale=language, base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        code = authenticator_code(user)
        page.goto("/accounts/login/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/accounts/otp/?next=%2F")
        page.locator("#id_token").fill(code)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield open_page
    for context in contexts:
        context.close()


def open_menu(page, group: str, entry: str) -> None:
    """Follow `entry` of the menu's dropdown `group` (as a user does: open, then click)."""
    menu = page.locator("nav.navbar")
    menu.get_by_role("button", name=group, exact=True).click()
    menu.get_by_role("link", name=entry, exact=True).click()
