"""The endpoints of /api/v1/ that read the register's reference data and figures."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from api.schema import (
    COMMON_PROBLEMS,
    PAGE_PARAMETERS,
    page_of,
    problems,
)
from api.views.base import ApiView
from children.selectors import institutions_visible_to
from registry.access import districts_visible_to
from registry.replica import figures_db
from reports.areas import area_for
from reports.indicators.document import indicators_document

FIRST_YEAR, LAST_YEAR = 1990, 2100


class TokenBody(serializers.Serializer):
    name = serializers.CharField()
    prefix = serializers.CharField(help_text="The token's first 8 characters.")
    expires_at = serializers.DateTimeField()


class MeBody(serializers.Serializer):
    username = serializers.CharField()
    role = serializers.ChoiceField(choices=["officer", "regional"])
    district = serializers.CharField(allow_null=True, help_text="District code (officer).")
    region = serializers.CharField(allow_null=True, help_text="Region code.")
    token = TokenBody(help_text="The token called with.")


class Me(ApiView):
    name = "me"

    @extend_schema(operation_id="me", responses={200: MeBody, **COMMON_PROBLEMS}, tags=["account"])
    def get(self, request):
        """The calling token's account: its role, district and region codes, and when
        the token expires. The token reads (and, for a district's account, writes)
        that area only."""
        account, token = request.user, request.auth
        region = account.district.region if account.district_id else account.region
        return self.answer(
            {
                "username": account.username,
                "role": account.role,
                "district": account.district.code if account.district_id else None,
                "region": region.code if region is not None else None,
                "token": {
                    "name": token.name,
                    "prefix": token.prefix,
                    "expires_at": token.expires_at.isoformat(),
                },
            }
        )


class DistrictBody(serializers.Serializer):
    code = serializers.CharField()
    region = serializers.CharField(help_text="Region code.")
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField(allow_blank=True)
    active = serializers.BooleanField()


def district_row(district) -> dict:
    return {
        "code": district.code,
        "region": district.region.code,
        "name_kk": district.name_kk,
        "name_ru": district.name_ru,
        "name_en": district.name_en,
        "active": district.is_active,
    }


class DistrictList(ApiView):
    name = "districts"

    @extend_schema(
        operation_id="districts",
        parameters=PAGE_PARAMETERS,
        responses={200: page_of("DistrictPage", DistrictBody), **COMMON_PROBLEMS},
        tags=["reference"],
    )
    def get(self, request):
        """The districts of the caller's area (a district's account: its own; the
        region's: the region's), by code, with their names as stored and the codes of
        the register workbook's Districts sheet."""
        districts = districts_visible_to(request.user).select_related("region")
        return self.page_of_queryset(districts, key="code", row=district_row)


class InstitutionBody(serializers.Serializer):
    code = serializers.CharField()
    district = serializers.CharField(help_text="District code.")
    kind = serializers.CharField(help_text="Code of the kind, as in the workbook template.")
    sector = serializers.CharField(help_text="Code of the sector, as in the workbook template.")
    capacity = serializers.IntegerField(allow_null=True)
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField(allow_blank=True)
    active = serializers.BooleanField()


def institution_row(institution) -> dict:
    return {
        "code": institution.code,
        "district": institution.district.code,
        "kind": institution.kind,
        "sector": institution.sector,
        "capacity": institution.capacity,
        "name_kk": institution.name_kk,
        "name_ru": institution.name_ru,
        "name_en": institution.name_en,
        "active": institution.is_active,
    }


class InstitutionList(ApiView):
    name = "institutions"

    @extend_schema(
        operation_id="institutions",
        parameters=PAGE_PARAMETERS,
        responses={
            200: page_of("InstitutionPage", InstitutionBody),
            **COMMON_PROBLEMS,
        },
        tags=["reference"],
    )
    def get(self, request):
        """The institutions of the caller's region (children of a district are placed
        across the region), by code, as in the workbook's Institutions sheet."""
        return self.page_of_queryset(
            institutions_visible_to(request.user), key="code", row=institution_row
        )


class IndicatorsBody(serializers.Serializer):
    year = serializers.IntegerField()
    region = serializers.CharField(allow_null=True)
    district = serializers.CharField(allow_null=True)
    indicators = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Indicator key -> value (a count, a percentage, or null).",
    )


class Indicators(ApiView):
    name = "indicators"

    @extend_schema(
        operation_id="indicators",
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
                required=True,
                description="The reporting year.",
            ),
            OpenApiParameter(
                "district",
                str,
                description="A district code of the caller's area (404 outside it).",
            ),
            OpenApiParameter(
                "region",
                str,
                description="The region code (a regional account); 404 for another region.",
            ),
        ],
        responses={
            200: IndicatorsBody,
            **COMMON_PROBLEMS,
            **problems(_404="A district or region outside the caller's area."),
        },
        tags=["figures"],
    )
    def get(self, request):
        """The indicators of a year for an area: the same keys and values as
        `manage.py annual_report --format json`. A district's account gets its
        district's; the region's account its region's, or one district's with
        `district=CODE`."""
        year = self.int_parameter("year", required=True, low=FIRST_YEAR, high=LAST_YEAR)
        area = area_for(request.user, request.query_params)
        document = indicators_document(
            year, region=area.region, district=area.district, using=figures_db()
        )
        return self.answer(document, records=len(document["indicators"]))
