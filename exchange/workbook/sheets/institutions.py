"""The Institutions sheet."""

from __future__ import annotations

from django.utils.translation import gettext as _

from children.models import Institution, InstitutionKind, Sector
from exchange.workbook import spec, values
from exchange.workbook.context import Ref
from exchange.workbook.sheets.geography import outside_area, reference_refused
from exchange.workbook.sheets.reference import (
    ReferenceSheet,
    active_column,
    export_name,
    name_columns,
)


def unknown_district(code) -> str:
    return _("Unknown district “%(code)s”.") % {"code": code}


class InstitutionsSheet(ReferenceSheet):
    name = "Institutions"
    model = Institution
    kind = "institution"
    columns = (
        spec.text("code", required=True),
        name_columns()[0],
        spec.reference("district", "district", required=True),
        spec.code("kind", InstitutionKind, required=True),
        spec.code("sector", Sector, required=True),
        spec.Column("capacity", values.integer),
        *name_columns()[1:],
        active_column(),
    )
    fields = (
        "code",
        "district",
        "kind",
        "sector",
        "capacity",
        "name_kk",
        "name_ru",
        "name_en",
        "is_active",
    )
    defaults = {"is_active": True, "capacity": None}

    def load(self, ctx) -> None:
        districts = ctx.ident_by_pk("district")
        for institution in ctx.locked(Institution.objects.all()):
            district = districts[institution.district_id]
            values_ = {f: getattr(institution, f) for f in self.fields if f != "district"}
            values_["district"] = district.code
            institution.district = district.obj
            ctx.refs["institution"][institution.code] = Ref(
                institution.code, institution.pk, institution, values_
            )

    def check_row(self, ctx, table, row, ref, new) -> bool:
        ok = True
        district = ctx.ref("district", new["district"])
        if district is None:
            ctx.error(self.name, row.number, "district", unknown_district(new["district"]))
            ok = False
        if new.get("capacity") is not None and new["capacity"] <= 0:
            ctx.error(
                self.name,
                row.number,
                "capacity",
                _("The capacity is a positive number of places."),
            )
            ok = False
        return ok and not district.broken

    def may_change(self, ctx, row, ref, new):
        district = ctx.ref("district", new["district"])
        where = [district]
        if ref.obj is not None:  # moving an institution: both districts must be in the area
            where.append(ctx.ref("district", ref.values["district"]))
        for place in where:
            region = ctx.ref("region", place.values.get("region"))
            if not ctx.scope.district_in_area(place.pk, region.pk if region else None):
                return outside_area()
        return reference_refused(ctx)

    def instance(self, ctx, ref):
        values_ = ref.values
        return Institution(
            code=values_["code"],
            district=ctx.ref("district", values_["district"]).obj,
            name_kk=values_["name_kk"],
            name_ru=values_["name_ru"],
            name_en=values_["name_en"],
            kind=values_["kind"],
            sector=values_["sector"],
            capacity=values_["capacity"],
            is_active=values_["is_active"],
        )

    def audit_scope(self, instance) -> dict:
        return {"region_id": instance.district.region_id, "district_id": instance.district_id}

    def export_rows(self, export):
        districts = export.district_codes()
        for institution in export.institutions():
            yield (
                institution.code,
                export_name(institution),
                districts[institution.district_id],
                institution.kind,
                institution.sector,
                institution.capacity,
                institution.name_kk,
                institution.name_ru,
                institution.name_en,
                institution.is_active,
            )
