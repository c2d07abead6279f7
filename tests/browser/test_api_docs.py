"""The exchange API's documentation page runs in a real browser under the register's
Content-Security-Policy (no inline script, nothing from another origin): Swagger UI
draws every endpoint from the served description, and a call made from the page with
a token answers."""

import pytest

from api.services import service_account_create
from registry.models import Role
from tests.api.conftest import make_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_draws_the_description(browser, live_server, admin_user, district_a):
    account = service_account_create(
        actor=admin_user, username="databank-a", role=Role.OFFICER, district=district_a
    )
    secret = make_token(admin_user, account).secret
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    refused, other_origins = [], []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            other_origins.append(request.url)
            if not request.url.startswith((live_server.url, "data:", "blob:"))
            else None
        ),
    )
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "exchange API" in page.locator(".swagger-ui .info .title").inner_text()
    for path in ("/api/v1/me", "/api/v1/districts", "/api/v1/institutions", "/api/v1/indicators"):
        assert page.locator(f".opblock-summary-path[data-path='{path}']").count() == 1, path
    # Authorize with the token, then try /api/v1/me from the page.
    page.locator("button.authorize").first.click()
    page.locator(".modal-ux input[type=text], .modal-ux input[type=password]").first.fill(secret)
    page.locator(".modal-ux button.authorize").click()
    page.locator(".modal-ux button.btn-done, .modal-ux .close-modal").first.click()
    operation = page.locator("#operations-account-me")
    operation.locator(".opblock-summary").click()
    operation.locator("button.try-out__btn").click()
    operation.locator("button.execute").click()
    operation.locator(".live-responses-table .response-col_status").first.wait_for()
    assert "databank-a" in operation.locator(".live-responses-table").inner_text()
    assert refused == []
    assert other_origins == []
    context.close()
