"""The interface: three languages, nothing loaded from the internet, accessible forms."""

import re

import pytest

from tests.conftest import login
from tests.urlwalk import all_urls

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "Аудандар"), ("ru", "Районы"), ("en", "Districts")],
)
def test_pages_speak_the_chosen_language(as_user, admin_user, language, expected):
    page = as_user(admin_user, language=language).get("/").content.decode()
    assert f'<html lang="{language}">' in page
    assert expected in page


def test_language_switch_remembers_the_choice(officer_a):
    client = login(officer_a)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert "Ваша территория" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    assert "Сіздің аумағыңыз" in client.get("/").content.decode()


def test_login_page_in_kazakh_by_default_setting(client, db, settings):
    settings.LANGUAGE_CODE = "kk"
    assert "Кіру" in client.get("/accounts/login/").content.decode()


def test_no_page_loads_anything_from_the_internet(as_user, admin_user, client):
    """Every page a signed-in administrator can open, and the login page: no script,
    stylesheet, font, image or form points outside the application."""
    pages = {"/accounts/login/": client.get("/accounts/login/").content.decode()}
    signed_in = as_user(admin_user)
    for name, url in all_urls():
        if "987654" in url or name in {"logout", "set_language"}:
            continue
        response = signed_in.get(url)
        if response.status_code == 200 and not response.streaming:  # a download is no page
            pages[url] = response.content.decode()
    assert len(pages) > 5
    for url, page in pages.items():
        assert not EXTERNAL.search(page), f"{url} refers to another origin"


def test_static_files_are_served_by_the_application(client, db):
    response = client.get("/static/bootstrap/css/bootstrap.min.css")
    assert response.status_code == 200
    assert b"Bootstrap" in b"".join(response.streaming_content)[:500]


def test_form_errors_stand_next_to_their_labelled_field(as_user, admin_user):
    page = as_user(admin_user).post("/manage/districts/new/", {"code": ""}).content.decode()
    assert '<label class="form-label" for="id_code">Code</label>' in page
    field = re.search(r'<input [^>]*id="id_code"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_code_error"' in field
    assert re.search(
        r'<div id="id_code_error"[^>]*>\s*<div class="invalid-feedback d-block">'
        r"This field is required.</div>",
        page,
    )
