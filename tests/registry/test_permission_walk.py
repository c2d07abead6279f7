"""Walks every URL of the project: no view may be reachable without signing in,
and no data page may be reachable by an account without a role and area."""

import pytest
from django.conf import settings

from tests.conftest import login
from tests.urlwalk import ACCOUNT, API_PUBLIC, PUBLIC, all_urls, api_urls, unnamed_patterns

URLS = list(all_urls())
GUARDED = [(name, url) for name, url in URLS if name not in PUBLIC]
DATA_PAGES = [(name, url) for name, url in GUARDED if name not in ACCOUNT]
API = list(api_urls())
API_GUARDED = [(name, url) for name, url in API if name not in API_PUBLIC]


def test_the_walk_sees_the_whole_project():
    names = {name for name, _url in URLS}
    assert {"home", "login", "district_list", "user_edit", "audit_trail"} <= names
    assert unnamed_patterns() == [], "every URL pattern needs a name so that the walk covers it"
    assert {
        "api:me",
        "api:districts",
        "api:children",
        "api:child",
        "api:changes",
        "api:records",
        "api:records_statuses",
        "api:schema",
        "api:docs",
    } <= {name for name, _ in API}


@pytest.mark.parametrize(("name", "url"), API_GUARDED, ids=[name for name, _ in API_GUARDED])
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_api_answers_no_session(client, admin_user, officer_a, name, url, method):
    """The exchange API is opened by a service account's token only: anonymously and
    with a person's session (verified or not) it answers problem details (401; 404
    for an address that names no endpoint), never a page or a redirect."""
    callers = {
        "anonymous": client,
        "administrator": login(admin_user),
        "officer": login(officer_a),
        "officer before the second step": login(officer_a, verified=False),
    }
    for who, caller in callers.items():
        response = getattr(caller, method)(url)
        expected = 404 if name == "api:unknown" else (401 if method == "get" else {401, 405})
        assert response.status_code in (expected if isinstance(expected, set) else {expected}), (
            f"{name} {who}: {response.status_code}"
        )
        assert response["Content-Type"] == "application/problem+json", (name, who)


@pytest.mark.parametrize("name", sorted(API_PUBLIC))
def test_the_api_description_and_its_page_are_public(client, db, name):
    """They hold no data, only how to call (api/views/docs.py)."""
    url = dict(API)[name]
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("name", "url"), GUARDED, ids=[name for name, _ in GUARDED])
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login(client, db, name, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 302, f"{name} answered {response.status_code} anonymously"
    assert response["Location"].startswith("/accounts/login/?next="), name


@pytest.mark.parametrize(("name", "url"), DATA_PAGES, ids=[name for name, _ in DATA_PAGES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_account_without_role_gets_403(as_user, roleless_user, name, url, method):
    response = getattr(as_user(roleless_user), method)(url)
    assert response.status_code == 403, f"{name} answered {response.status_code} without a role"


def test_login_page_and_language_switch_are_public(client, db):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
