"""Log lines: one JSON object each, with the request id, the user's and district's
ids or a job's id, and never an IIN or a name."""

import io
import json
import logging

import pytest

from registry import logcontext
from tests.children.factories import register_child


@pytest.fixture
def log_lines():
    """The lines written while the test runs, as the console handler writes them in
    production (LOG_FORMAT=json), parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logcontext.JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def access_lines(lines):
    return [line for line in lines if line["logger"] == "registry.requests"]


def test_a_request_gives_json_lines_with_its_id_and_the_user(
    officer_a, district_a, as_user, log_lines
):
    client = as_user(officer_a)
    response = client.get("/children/")
    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32

    [line] = access_lines(log_lines())
    assert line["request_id"] == request_id
    assert line["user"] == officer_a.pk
    assert line["district"] == district_a.pk
    assert {key: line[key] for key in ("method", "path", "status")} == {
        "method": "GET",
        "path": "/children/",
        "status": 200,
    }
    assert line["level"] == "INFO"
    assert line["message"].startswith("GET /children/ 200 ")
    assert isinstance(line["duration_ms"], float)
    assert line["time"].endswith("Z")


def test_each_request_has_its_own_id_and_a_sane_incoming_one_is_kept(db, client, log_lines):
    first, second = client.get("/accounts/login/"), client.get("/accounts/login/")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    kept = client.get("/accounts/login/", HTTP_X_REQUEST_ID="3f9c0a7e-nginx.1")
    assert kept["X-Request-ID"] == "3f9c0a7e-nginx.1"
    # A header that could forge a line (or is just long) is replaced.
    for forged in ('x", "user": 1', "a" * 65, "line\nbreak"):
        replaced = client.get("/accounts/login/", HTTP_X_REQUEST_ID=forged)
        assert replaced["X-Request-ID"] != forged
        assert len(replaced["X-Request-ID"]) == 32
    ids = [line.get("request_id") for line in access_lines(log_lines())]
    assert ids[:3] == [first["X-Request-ID"], second["X-Request-ID"], "3f9c0a7e-nginx.1"]
    # An anonymous visitor's lines name no user.
    assert not any("user" in line for line in log_lines())


def test_a_search_by_iin_or_name_leaves_neither_in_the_log(
    officer_a, district_a, as_user, log_lines
):
    child = register_child(officer_a, district_a, last_name="Жұмабаев")
    client = as_user(officer_a)
    assert client.get("/children/", {"q": child.iin}).status_code == 200
    assert client.get("/children/", {"q": "Жұмабаев"}).status_code == 200
    assert client.get(f"/children/{child.pk}/").status_code == 200
    written = json.dumps(log_lines(), ensure_ascii=False)
    assert child.iin not in written
    assert "Жұмабаев" not in written
    assert [line["path"] for line in access_lines(log_lines())] == [
        "/children/",
        "/children/",
        f"/children/{child.pk}/",
    ]


def test_django_error_lines_about_a_response_carry_the_request_id(officer_a, as_user, log_lines):
    response = as_user(officer_a).get("/children/999999/")
    assert response.status_code == 404
    [not_found] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert not_found["request_id"] == response["X-Request-ID"]
    assert not_found["user"] == officer_a.pk


def test_probes_write_no_access_line(db, client, log_lines):
    assert client.get("/healthz").status_code == 200
    assert access_lines(log_lines()) == []


def test_a_job_binds_its_id_for_the_lines_it_logs(log_lines):
    logger = logging.getLogger("tests.job")
    with logcontext.bind(job=41):
        logger.info("Import started.")
        with logcontext.bind(job=42):
            logger.info("Nested.")
        logger.info("Import done.")
    logger.info("Outside.")
    assert [line.get("job") for line in log_lines()] == [41, 42, 41, None]
    with pytest.raises(TypeError):
        logcontext.bind(iin="x")


def test_twelve_digits_in_a_library_message_or_traceback_are_hidden(log_lines):
    logger = logging.getLogger("tests.library")
    try:
        raise ValueError("duplicate key value: Key (iin)=(150601500123) already exists.")
    except ValueError:
        logger.exception("Write failed for %s", "150601500123")
    [line] = log_lines()
    assert "150601500123" not in json.dumps(line)
    assert line["message"] == "Write failed for [12 digits]"
    assert "Key (iin)=([12 digits])" in line["exception"]


def test_text_format_for_a_terminal():
    record = logging.LogRecord("registry.requests", logging.INFO, "", 0, "GET / 200", (), None)
    with logcontext.bind(request_id="abc", user=7):
        text = logcontext.TextFormatter().format(record)
    assert text.endswith(" INFO registry.requests request_id=abc user=7 GET / 200")
