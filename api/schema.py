"""What the OpenAPI description says of the answers (drf-spectacular): the shapes of
the endpoints' bodies, the problem details of every error, the Bearer scheme."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers


class ProblemError(serializers.Serializer):
    message = serializers.CharField()
    field = serializers.CharField(required=False)
    sheet = serializers.CharField(required=False)
    row = serializers.IntegerField(required=False)
    column = serializers.CharField(required=False)


class Problem(serializers.Serializer):
    """RFC 9457 problem details, in the language of Accept-Language (kk, ru, en)."""

    type = serializers.CharField(help_text="urn:registry:problem:<code>")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = ProblemError(many=True, required=False)


PROBLEM_TYPE = "application/problem+json"


def problems(**described: str) -> dict:
    """Responses of problem details: {(status, "application/problem+json"): ...} for
    `described`, e.g. problems(_404="A district outside the caller's area.")."""
    return {
        (int(key.lstrip("_")), PROBLEM_TYPE): OpenApiResponse(
            response=Problem, description=description
        )
        for key, description in described.items()
    }


# The errors every endpoint may answer (its parameters', the token's, the throttle's).
COMMON_PROBLEMS = problems(
    _400="An invalid value of a parameter (`errors` names it).",
    _401="No token, or a malformed, unknown, expired or revoked one.",
    _403="The token's account has no role or area.",
    _406="The Accept header asks for something else than JSON.",
    _429="Too many calls with this token (API_THROTTLE_RATE); see Retry-After.",
)

PAGE_PARAMETERS = [
    OpenApiParameter(
        "cursor",
        str,
        description="The `next` of the page before (opaque); none for the first page.",
    ),
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1},
        description="Items per page: 100 unless given, at most 1000 (settings API_PAGE_SIZE, "
        "API_PAGE_MAX; a larger limit gives the most).",
    ),
]


def page_of(name: str, item) -> serializers.Serializer:
    return inline_serializer(
        name=name,
        fields={
            "results": item(many=True),
            "next": serializers.URLField(
                allow_null=True, help_text="The next page's URL, or null on the last page."
            ),
        },
    )


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A service account's token: `Authorization: Bearer <token>`.",
        }
