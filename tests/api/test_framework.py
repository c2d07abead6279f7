"""What every endpoint shares: problem details in the caller's language, throttling
per token, pages by cursor, an access-log line per call."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from api.pagination import make_cursor
from registry.models import AccessLog
from registry.services.geography import district_create

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def problem_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["type"].startswith("urn:registry:problem:")
    return body


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("kk", "Аутентификация деректері берілмеген."),
        ("ru", "Учетные данные не были предоставлены."),
        ("en", "Authentication credentials were not provided."),
    ],
)
def test_problems_speak_the_callers_language(api, db, language, detail):
    body = problem_of(api(language=language).get("/api/v1/me"), 401)
    assert body["detail"] == detail
    assert body["type"] == "urn:registry:problem:not_authenticated"


def test_default_language_is_the_sites(api, db, settings):
    settings.LANGUAGE_CODE = "ru"
    assert problem_of(api().get("/api/v1/me"), 401)["detail"] == (
        "Учетные данные не были предоставлены."
    )


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_not_found_in_the_callers_language(api, district_token, district_b, language):
    from django.utils import translation

    with translation.override(language):
        text = translation.gettext("Not found.")
    assert text != "Not found."
    response = api(district_token, language=language).get("/api/v1/indicators?year=2025&district=b")
    assert problem_of(response, 404)["detail"] == text


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v2/me", "/api/", "/api/v1/me/"])
def test_unknown_address_is_a_problem_404_not_the_page(api, db, path):
    for method in ("get", "post", "delete"):
        body = problem_of(getattr(api(), method)(path), 404)
        assert body["type"] == "urn:registry:problem:not_found"


def test_invalid_input_names_the_parameter(api, district_token):
    body = problem_of(api(district_token).get("/api/v1/indicators"), 400)
    assert body["errors"] == [{"field": "year", "message": "This parameter is required."}]
    body = problem_of(api(district_token).get("/api/v1/indicators?year=abc"), 400)
    assert body["errors"][0]["field"] == "year"
    body = problem_of(api(district_token).get("/api/v1/indicators?year=1800"), 400)
    assert body["errors"][0]["message"] == "Give a number from 1990 to 2100."


def test_throttled_past_the_rate_with_retry_after(api, district_token, regional_token, settings):
    settings.API_THROTTLE_RATE = "3/min"
    client = api(district_token)
    assert [client.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/v1/me")
    body = problem_of(response, 429)
    assert body["type"] == "urn:registry:problem:throttled"
    assert 0 < int(response["Retry-After"]) <= 60
    # Counted per token: another token still calls.
    assert api(regional_token).get("/api/v1/me").status_code == 200


def test_writes_have_their_own_rate(api, district_token, settings):
    settings.API_WRITE_THROTTLE_RATE = "2/hour"
    client = api(district_token)
    answers = [
        client.post("/api/v1/records?dry_run=true", {}, content_type="application/json")
        for _ in range(3)
    ]
    assert 429 not in {answer.status_code for answer in answers[:2]}
    body = problem_of(answers[2], 429)
    assert body["type"] == "urn:registry:problem:throttled"
    # Reading goes on.
    assert client.get("/api/v1/me").status_code == 200


# --- pages ---------------------------------------------------------------------
@pytest.fixture
def many_districts(actor, region, district_a, district_b):
    for number in range(5):
        district_create(
            actor=actor,
            region=region,
            code=f"d{number}",
            name_kk=f"Д{number}",
            name_ru=f"Д{number}",
        )


def test_following_next_reads_every_row_once(api, regional_token, many_districts):
    client = api(regional_token)
    url, codes, pages = "/api/v1/districts?limit=3", [], 0
    while url:
        body = client.get(url).json()
        codes += [row["code"] for row in body["results"]]
        url, pages = body["next"], pages + 1
        assert pages < 10
    assert codes == ["a", "b", "d0", "d1", "d2", "d3", "d4"]
    assert pages == 3


def test_limit_is_capped_by_the_setting(api, regional_token, many_districts, settings):
    settings.API_PAGE_MAX = 4
    body = api(regional_token).get("/api/v1/districts?limit=1000").json()
    assert len(body["results"]) == 4
    assert "limit=4" in body["next"]


@pytest.mark.parametrize("limit", ["0", "-1", "x"])
def test_invalid_limit_is_400(api, regional_token, limit):
    body = problem_of(api(regional_token).get(f"/api/v1/districts?limit={limit}"), 400)
    assert body["errors"][0]["field"] == "limit"


def test_tampered_cursor_is_400(api, regional_token, many_districts):
    first = api(regional_token).get("/api/v1/districts?limit=2").json()["next"]
    cursor = first.split("cursor=")[1].split("&")[0]
    for bad in (cursor[:-2] + "xx", "abc", "", make_cursor("institutions", "a")):
        response = api(regional_token).get(f"/api/v1/districts?cursor={bad}")
        if bad == "":
            assert response.status_code == 200
            continue
        body = problem_of(response, 400)
        assert body["errors"][0]["field"] == "cursor"


# --- the access log ----------------------------------------------------------------
def test_every_call_is_in_the_access_log(api, district_token, district_account):
    api(district_token).get("/api/v1/districts?limit=5")
    api(district_token).get("/api/v1/indicators?year=2025&district=zzz")
    entries = list(
        AccessLog.objects.filter(user=district_account)
        .order_by("pk")
        .values("action", "district_id", "parameters")
    )
    assert [entry["action"] for entry in entries] == ["api", "api"]
    first, second = (entry["parameters"] for entry in entries)
    assert first["call"] == "GET districts"
    assert first["query"] == {"limit": "5"}
    assert (first["records"], first["status"]) == (1, 200)
    assert first["token"] == district_token[:8]
    assert second["call"] == "GET indicators"
    assert (second["records"], second["status"]) == (0, 404)
    assert entries[0]["district_id"] == district_account.district_id


def test_no_iin_in_the_access_log(api, district_token, district_account):
    api(district_token).get("/api/v1/districts?iin=030101500123&q=x030101500123y&year=2025")
    parameters = AccessLog.objects.get(user=district_account).parameters
    assert "030101500123" not in json.dumps(parameters)
    assert parameters["query"]["year"] == "2025"


def test_the_access_log_page_describes_api_calls(api, district_token, admin_user):
    from tests.conftest import login

    api(district_token).get("/api/v1/districts")
    page = login(admin_user).get("/audit/access/").content.decode()
    assert "API call GET districts: 1 records (answer 200)" in page


def test_calls_without_a_valid_token_write_no_line(api, db):
    api().get("/api/v1/me")
    api("nonsense").get("/api/v1/me")
    assert not AccessLog.objects.exists()


# --- indicators ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("token", "args"),
    [("district_token", ["--district", "a"]), ("regional_token", ["--region", "r1"])],
)
def test_indicators_are_the_annual_reports(request, api, token, args, district_b):
    secret = request.getfixturevalue(token)
    out = StringIO()
    call_command("annual_report", "--year", "2025", *args, stdout=out)
    expected = json.loads(out.getvalue())
    response = api(secret).get("/api/v1/indicators?year=2025")
    assert response.status_code == 200
    assert response.json() == expected


def test_the_access_log_page_names_token_events(admin_user, district_account):
    from api.services import token_revoke
    from tests.api.conftest import make_token
    from tests.conftest import login

    made = make_token(admin_user, district_account)
    token_revoke(actor=admin_user, token=made.token)
    page = login(admin_user).get("/audit/access/").content.decode()
    assert f"API token {made.token.prefix}… of databank-a made" in page
    assert f"API token {made.token.prefix}… of databank-a revoked" in page


def test_a_regions_token_does_not_write(api, regional_token, district_token):
    """Writes need a district's account: the region's gets 403 before any endpoint."""
    for method in ("post", "put", "patch", "delete"):
        response = getattr(api(regional_token), method)(
            "/api/v1/districts", "{}", content_type="application/json"
        )
        assert response.status_code == 403, method
        response = getattr(api(district_token), method)(
            "/api/v1/districts", "{}", content_type="application/json"
        )
        assert response.status_code == 405, method


@pytest.mark.parametrize("count", [2, 40])
def test_a_page_costs_the_same_whatever_its_rows(
    api, regional_token, actor, region, count, django_assert_max_num_queries
):
    for number in range(count):
        district_create(actor=actor, region=region, code=f"q{number:02}", name_kk="Д", name_ru="Д")
    client = api(regional_token)
    client.get("/api/v1/me")  # the token's last use is written once a minute at most
    # The token, the throttle (the database cache: read, count, write), the page, the
    # access log.
    with django_assert_max_num_queries(9):
        body = client.get("/api/v1/districts").json()
    assert len(body["results"]) == count + 2  # with districts a and b


def test_control_characters_in_a_parameter_are_400(api, regional_token, district_account):
    response = api(regional_token).get("/api/v1/indicators?year=2025&region=r%001")
    body = problem_of(response, 400)
    assert body["errors"][0]["field"] == "region"
    assert "\x00" not in json.dumps(list(AccessLog.objects.values_list("parameters", flat=True)))
