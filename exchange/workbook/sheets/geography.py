"""The Regions and Districts sheets."""

from __future__ import annotations

from django.utils.translation import gettext as _

from exchange.workbook import spec
from exchange.workbook.context import Ref
from exchange.workbook.sheets.reference import (
    ReferenceSheet,
    active_column,
    export_name,
    name_columns,
)
from registry.models import District, Region
from registry.services.geography import regions_added


def outside_area() -> str:
    return _("This row is outside the area you may import into.")


def reference_refused(ctx) -> str | None:
    """Why this import may not add or change districts and institutions, if it may not."""
    if ctx.scope.may_change_reference:
        return None
    return _("Only the regional administrator can add or change districts and institutions.")


class RegionsSheet(ReferenceSheet):
    """Not in the template: the register's own sheet, so that a whole register can be
    put back into an empty database. Regions are added from the command line only."""

    name = "Regions"
    model = Region
    kind = "region"
    columns = (spec.text("code", required=True), *name_columns())
    fields = ("code", "name_kk", "name_ru", "name_en")

    def load(self, ctx) -> None:
        for region in Region.objects.all():
            ref = Ref(region.code, region.pk, region, {f: getattr(region, f) for f in self.fields})
            ctx.refs["region"][region.code] = ref
            if region.is_default:
                ctx.default_region = ref
        if ctx.default_region is None and len(ctx.refs["region"]) == 1:
            ctx.default_region = next(iter(ctx.refs["region"].values()))

    def merge(self, ctx, table) -> None:
        super().merge(ctx, table)
        if ctx.default_region is None:  # the first region added becomes the default
            ctx.default_region = next(
                (change.record for change in ctx.plan(self.name).changes if change.created), None
            )

    def may_change(self, ctx, row, ref, new):
        if not ctx.scope.may_change_regions:
            return _("This import may not add or change regions.")
        return None

    def instance(self, ctx, ref):
        values = ref.values
        return Region(
            code=values["code"],
            name_kk=values["name_kk"],
            name_ru=values["name_ru"],
            name_en=values["name_en"],
            is_default=ctx.default_region is ref,
        )

    def audit_scope(self, instance) -> dict:
        return {"region_id": instance.pk}

    def write(self, ctx, writer) -> None:
        super().write(ctx, writer)
        plan = ctx.plans.get(self.name)
        # A region added here gets what the services give every new region (its own
        # visit schedule, before the Placements sheet's due visits are computed).
        if plan is not None:
            regions_added(change.record.obj for change in plan.changes if change.created)

    def export_rows(self, export):
        for region in export.regions():
            yield (region.code, export_name(region), region.name_kk, region.name_ru, region.name_en)


class DistrictsSheet(ReferenceSheet):
    name = "Districts"
    model = District
    kind = "district"
    columns = (
        spec.text("code", required=True),
        name_columns()[0],
        spec.reference("region", "region", empty=""),
        *name_columns()[1:],
        active_column(),
    )
    fields = ("code", "region", "name_kk", "name_ru", "name_en", "is_active")
    defaults = {"is_active": True}

    def load(self, ctx) -> None:
        regions = ctx.ident_by_pk("region")
        for district in ctx.locked(District.objects.all()):
            values = {f: getattr(district, f) for f in self.fields if f != "region"}
            values["region"] = regions[district.region_id].code
            district.region = regions[district.region_id].obj
            ctx.refs["district"][district.code] = Ref(district.code, district.pk, district, values)

    def check_row(self, ctx, table, row, ref, new) -> bool:
        if not new.get("region"):
            if ctx.default_region is None:
                ctx.error(
                    self.name,
                    row.number,
                    "region",
                    _("Give the region: the register has no default region."),
                )
                return False
            new["region"] = ctx.default_region.code
        region = ctx.ref("region", new["region"])
        if region is None:
            ctx.error(
                self.name,
                row.number,
                "region",
                _("Unknown region “%(code)s”.") % {"code": new["region"]},
            )
            return False
        if ref.obj is not None and ref.values["region"] != new["region"]:
            ctx.error(
                self.name, row.number, "region", _("A district cannot move to another region.")
            )
            return False
        return True

    def may_change(self, ctx, row, ref, new):
        region = ctx.ref("region", new["region"])
        if not ctx.scope.district_in_area(ref.pk, region.pk):
            return outside_area()
        return reference_refused(ctx)

    def instance(self, ctx, ref):
        values = ref.values
        return District(
            code=values["code"],
            region=ctx.ref("region", values["region"]).obj,
            name_kk=values["name_kk"],
            name_ru=values["name_ru"],
            name_en=values["name_en"],
            is_active=values["is_active"],
        )

    def export_rows(self, export):
        regions = export.region_codes()
        for district in export.districts():
            yield (
                district.code,
                export_name(district),
                regions[district.region_id],
                district.name_kk,
                district.name_ru,
                district.name_en,
                district.is_active,
            )
