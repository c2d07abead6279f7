"""The audit trail and a child's page in Kazakh and in Russian, in a real browser: each
reads in one language; screenshots are kept (SCREENSHOT_DIR, else the test's folder)
for a reader to look at."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import translation

from tests.children.factories import register_child
from tests.conftest import PASSWORD

ENGLISH = ["create", "True", "TOTP device", "System (system)", "(descending)"]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_trail_and_child_page_read_in_one_language(
    page_for, admin_user, officer_a, district_a, language, tmp_path
):
    # Written by a Russian reader: the Kazakh page still names it in Kazakh.
    with translation.override("ru" if language == "kk" else "kk"):
        child = register_child(officer_a, district_a, status_start=datetime.date(2024, 5, 2))
    folder = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)

    page = page_for(admin_user, PASSWORD, language=language)
    page.goto("/audit/")
    trail = page.locator("main").inner_text()
    page.screenshot(path=folder / f"audit-trail-{language}.png", full_page=True)
    page = page_for(officer_a, PASSWORD, language=language)
    page.goto(f"/children/{child.pk}/")
    page.locator("#history-heading ~ details summary").click()
    child_page = page.locator("main").inner_text()
    page.screenshot(path=folder / f"child-{language}.png", full_page=True)

    for text in (trail, child_page):
        for english in ENGLISH:
            assert english not in text
    created = {"kk": "қосу", "ru": "создание"}[language]
    assert created in trail and created in child_page
