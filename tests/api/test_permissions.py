"""Who opens which endpoint: a district's token its district, the region's token its
region; no token, a revoked, expired or malformed one, and a person's session: 401.
Another district's or region's code: 404."""

import datetime

import pytest
from django.utils import timezone

from api.models import ApiToken
from api.services import token_revoke
from exchange.api.documents import RECORD_SHEETS
from tests.api.conftest import make_token
from tests.conftest import login

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/me",
    "/api/v1/districts",
    "/api/v1/institutions",
    "/api/v1/indicators?year=2025",
    "/api/v1/children",
    "/api/v1/changes",
    "/api/v1/changes?since=2024-01-01",
    *(f"/api/v1/records/{sheet.name}" for sheet in RECORD_SHEETS),
]


@pytest.fixture
def institutions(admin_user, district_a, district_b, district_c, other_admin_user):
    from children.models import InstitutionKind, Sector
    from children.services.institutions import institution_create

    made = {}
    for code, district, admin in (
        ("inst-a", district_a, admin_user),
        ("inst-b", district_b, admin_user),
        ("inst-c", district_c, other_admin_user),
    ):
        made[code] = institution_create(
            actor=admin,
            code=code,
            name_kk=f"{code} үйі",
            name_ru=f"Дом {code}",
            district=district,
            kind=InstitutionKind.values[0],
            sector=Sector.values[0],
        )
    return made


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_district_token_reads_its_district(api, district_token, district_b, district_c):
    me = api(district_token).get("/api/v1/me").json()
    assert me["role"] == "officer"
    assert me["district"] == "a"
    assert me["region"] == "r1"
    assert me["token"]["prefix"] == district_token[:8]
    assert [d["code"] for d in results(api(district_token).get("/api/v1/districts"))] == ["a"]


def test_regional_token_reads_its_region(api, regional_token, district_a, district_b, district_c):
    me = api(regional_token).get("/api/v1/me").json()
    assert (me["role"], me["district"], me["region"]) == ("regional", None, "r1")
    codes = [d["code"] for d in results(api(regional_token).get("/api/v1/districts"))]
    assert codes == ["a", "b"]


def test_institutions_of_the_region_only(api, district_token, regional_token, institutions):
    for token in (district_token, regional_token):
        rows = results(api(token).get("/api/v1/institutions"))
        assert [row["code"] for row in rows] == ["inst-a", "inst-b"]
    row = results(api(district_token).get("/api/v1/institutions"))[0]
    assert row["district"] == "a"
    assert row["name_ru"] == "Дом inst-a"
    assert row["name_kk"] == "inst-a үйі"


def test_indicators_of_another_district_or_region_answer_404(
    api, district_token, regional_token, district_b, district_c
):
    officer, regional = api(district_token), api(regional_token)
    assert officer.get("/api/v1/indicators?year=2025&district=b").status_code == 404
    assert officer.get("/api/v1/indicators?year=2025&district=c").status_code == 404
    assert regional.get("/api/v1/indicators?year=2025&district=c").status_code == 404
    assert regional.get("/api/v1/indicators?year=2025&region=r2").status_code == 404
    assert regional.get("/api/v1/indicators?year=2025&district=b").status_code == 200
    # A district's token reads its own district whatever region it names.
    own = officer.get("/api/v1/indicators?year=2025&region=r1").json()
    assert own["district"] == "a"


@pytest.mark.parametrize("url", ENDPOINTS)
def test_without_token_401(api, district_account, url):
    response = api().get(url)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer a b", "Token abc", "Bearer not-a-token", "Basic eDp5"]
)
def test_malformed_or_unknown_token_401(api, district_token, url, header):
    response = api(Authorization=header).get(url)
    assert response.status_code == 401, header
    assert response.json()["status"] == 401


@pytest.mark.parametrize("url", ENDPOINTS)
def test_revoked_token_401(api, admin_user, district_account, url):
    made = make_token(admin_user, district_account)
    assert api(made.secret).get(url).status_code == 200
    token_revoke(actor=admin_user, token=made.token)
    response = api(made.secret).get(url)
    assert response.status_code == 401
    assert response.json()["detail"] == "This token was revoked."


@pytest.mark.parametrize("url", ENDPOINTS)
def test_expired_token_401(api, admin_user, district_account, url):
    made = make_token(admin_user, district_account)
    ApiToken.objects.filter(pk=made.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = api(made.secret).get(url)
    assert response.status_code == 401
    assert response.json()["detail"] == "This token has expired."


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_persons_session_does_not_open_the_api(officer_a, admin_user, url):
    """A signed-in person (past the second factor) calling the API: 401, not the page's
    redirect and not the data."""
    for person in (officer_a, admin_user):
        response = login(person).get(url)
        assert response.status_code == 401, person
        assert response["Content-Type"] == "application/problem+json"


def test_a_persons_session_with_pending_second_factor_gets_401_too(officer_a):
    response = login(officer_a, verified=False).get("/api/v1/me")
    assert response.status_code == 401


def test_inactive_service_account_401(api, district_token, district_account):
    from registry.models import User

    User.objects.filter(pk=district_account.pk).update(is_active=False)
    assert api(district_token).get("/api/v1/me").status_code == 401


def test_the_last_use_is_recorded(api, admin_user, district_account):
    made = make_token(admin_user, district_account)
    assert made.token.last_used_at is None
    api(made.secret).get("/api/v1/me")
    made.token.refresh_from_db()
    assert made.token.last_used_at is not None


def test_write_methods_are_refused_on_read_endpoints(api, district_token):
    response = api(district_token).post("/api/v1/districts", {}, content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


# --- a child's records and writes -------------------------------------------------------

RECORD_LISTS = ["/api/v1/children", *(f"/api/v1/records/{s.name}" for s in RECORD_SHEETS)]


@pytest.fixture
def two_children(officer_a, officer_b, district_a, district_b):
    """A child of district a and one of b, each with every kind of record the
    services give it at registration (a status)."""
    from tests.children.factories import register_child

    return register_child(officer_a, district_a), register_child(officer_b, district_b)


def ids_in(api, token, url) -> set:
    found, next_url = set(), url
    while next_url:
        body = api(token).get(next_url).json()
        for item in body["results"]:
            found.add(item.get("child_id", item.get("id")))
        next_url = body["next"]
    return found


def feed_ids(api, token) -> set:
    return {item["id"] for item in api(token).get("/api/v1/changes").json()["results"]}


@pytest.mark.parametrize("url", RECORD_LISTS)
def test_lists_hold_the_tokens_area_only(api, district_token, regional_token, two_children, url):
    """Another district's children are in no list of a district's token (its region's
    token lists both). Registered children have a status and no other record."""
    own, other = two_children
    holds_them = url.endswith(("/children", "/Statuses"))
    assert ids_in(api, district_token, url) == ({own.pk} if holds_them else set())
    assert ids_in(api, regional_token, url) == ({own.pk, other.pk} if holds_them else set())


def test_the_feed_holds_the_tokens_area_only(api, district_token, regional_token, two_children):
    own, other = two_children
    assert feed_ids(api, district_token) == {own.pk}
    assert feed_ids(api, regional_token) == {own.pk, other.pk}


def test_a_child_of_another_district_is_404(api, district_token, regional_token, two_children):
    own, other = two_children
    assert api(district_token).get(f"/api/v1/children/{own.pk}").status_code == 200
    response = api(district_token).get(f"/api/v1/children/{other.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert api(regional_token).get(f"/api/v1/children/{other.pk}").status_code == 200


def test_a_child_of_another_region_is_404_for_the_regions_token(
    api, regional_token, officer_c, district_c
):
    from tests.children.factories import register_child

    elsewhere = register_child(officer_c, district_c)
    assert api(regional_token).get(f"/api/v1/children/{elsewhere.pk}").status_code == 404
    assert elsewhere.pk not in ids_in(api, regional_token, "/api/v1/children")


CALLS = [
    ("get", "/api/v1/children/{own}"),
    ("post", "/api/v1/records"),
    ("post", "/api/v1/records?dry_run=true"),
]


def send(client, method, url, own):
    url = url.format(own=own.pk)
    if method == "post":
        return client.post(url, '{"Children": []}', content_type="application/json")
    return client.get(url)


@pytest.mark.parametrize(("method", "url"), CALLS)
def test_calls_of_a_childs_records_need_a_valid_token(
    api, admin_user, district_account, two_children, method, url
):
    own = two_children[0]
    made = make_token(admin_user, district_account)
    assert send(api(made.secret), method, url, own).status_code in {200, 422}
    assert send(api(), method, url, own).status_code == 401
    assert send(api(Authorization="Bearer nope"), method, url, own).status_code == 401
    token_revoke(actor=admin_user, token=made.token)
    assert send(api(made.secret), method, url, own).status_code == 401
    expired = make_token(admin_user, district_account, name="old")
    ApiToken.objects.filter(pk=expired.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert send(api(expired.secret), method, url, own).status_code == 401


def test_only_a_districts_token_writes(api, district_token, regional_token, two_children):
    for query in ("", "?dry_run=true"):
        refused = api(regional_token).post(
            f"/api/v1/records{query}", '{"Children": []}', content_type="application/json"
        )
        assert refused.status_code == 403
        assert refused["Content-Type"] == "application/problem+json"
        sent = api(district_token).post(
            f"/api/v1/records{query}", '{"Children": []}', content_type="application/json"
        )
        assert sent.status_code == 200, sent.content
