"""Schemathesis against the served OpenAPI description (/api/v1/schema): for every
operation, generated calls with a district's token and with the region's, valid and
invalid values alike. No answer is a 500, and every answer (status, content type,
headers, body) is one the description promises. Bounded: few examples, a deadline."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode

from exchange.api.documents import RECORD_SHEETS
from registry.audit import system_actor
from registry.models import AccessLog
from tests.exchange.workbooks import full_sheets, problem_lines, run_import

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 15


@pytest.fixture
def described(db):
    """The description as the application serves it, called through WSGI. As in
    Django's test client, a request's end does not close the database connection
    (on PostgreSQL that would end the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def operations(schema):
    found = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in found} >= {
        "/api/v1/me",
        "/api/v1/districts",
        "/api/v1/institutions",
        "/api/v1/indicators",
        "/api/v1/children",
        "/api/v1/children/{id}",
        "/api/v1/changes",
        "/api/v1/records",
        *(f"/api/v1/records/{sheet.name}" for sheet in RECORD_SHEETS),
    }
    return found


@pytest.fixture
def register(district_a, district_b):
    """Children with every kind of record (the workbook tests' full workbook: a boy of
    district a, a girl moved to b), so that documents and rows are validated too."""
    result = run_import(full_sheets(), actor=system_actor())
    assert result.written, problem_lines(result)
    kinds = {sheet.name for sheet in RECORD_SHEETS}
    assert kinds <= {name for name, counts in result.counts.items() if counts["created"]}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_matches_the_description(
    described, district_token, regional_token, register, settings, mode
):
    settings.API_THROTTLE_RATE = "100000/min"
    for operation in operations(described):
        for token in (district_token, regional_token):
            fuzz(operation, mode, {"Authorization": f"Bearer {token}"})
    # The calls reached the endpoints with the tokens (each is in the access log).
    assert AccessLog.objects.filter(action="api").count() > 4 * 2 * EXAMPLES // 2


def fuzz(operation, mode, headers) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=2000,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    call()


def test_the_description_names_the_bearer_scheme_and_problems(client, db):
    response = client.get("/api/v1/schema", headers={"Accept": "application/vnd.oai.openapi+json"})
    schema = json.loads(response.content)
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A service account's token: `Authorization: Bearer <token>`.",
    }
    for path, item in schema["paths"].items():
        for operation in item.values():
            assert operation["security"] == [{"bearer": []}], path
            problem = operation["responses"]["401"]["content"]["application/problem+json"]
            assert problem["schema"] == {"$ref": "#/components/schemas/Problem"}
            assert operation["description"], path
