"""Which area a report is about, as the user may ask for it.

Officers report on their district; regional staff and administrators on their region
or one of its districts; national users on the whole register, a region or a
district. Asking for an area outside one's own answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from registry.access import districts_visible_to, regions_visible_to
from registry.models import District, Region, Role
from registry.ordering import by_name


@dataclass(frozen=True)
class Area:
    region: Region | None
    district: District | None

    @property
    def label(self) -> str:
        if self.district is not None:
            return str(self.district)
        if self.region is not None:
            return str(self.region)
        return _("All regions")

    @property
    def query(self) -> str:
        """The URL parameters naming this area."""
        if self.district is not None:
            return f"district={self.district.code}"
        if self.region is not None:
            return f"region={self.region.code}"
        return ""

    @property
    def kwargs(self) -> dict:
        return {"region": self.region, "district": self.district}

    def districts(self):
        """The districts this area's figures break down into, by name."""
        if self.district is not None:
            districts = District.objects.filter(pk=self.district.pk)
        elif self.region is not None:
            districts = self.region.districts.all()
        else:
            districts = District.objects.select_related("region")
        return districts.order_by(by_name("name"), "pk")


def area_for(user, params) -> Area:
    """The area named by `params` (district=CODE or region=CODE), or the user's own."""
    district_code, region_code = params.get("district"), params.get("region")
    if district_code:
        district = (
            districts_visible_to(user).select_related("region").filter(code=district_code).first()
        )
        if district is None:
            raise Http404
        return Area(region=district.region, district=district)
    if user.role == Role.OFFICER:
        return Area(region=user.district.region, district=user.district)
    if region_code:
        region = regions_visible_to(user).filter(code=region_code).first()
        if region is None:
            raise Http404
        return Area(region=region, district=None)
    if user.role == Role.NATIONAL:
        return Area(region=None, district=None)
    return Area(region=Region.objects.get(pk=user.region_id), district=None)
