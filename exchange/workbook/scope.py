"""Which part of the register an import may change and an export may read.

The import's scope follows the user's area (`registry.access`): an officer imports
the children of their district and cannot add or change districts and
institutions; an administrator imports for the districts of their region and may
add or change its districts and institutions. The command line imports anything,
or one district with `--district`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from registry.access import area_filter
from registry.models import District, Role


@dataclass(frozen=True)
class ImportScope:
    district_ids: frozenset | None = None  # children of these districts (None: any)
    region_ids: frozenset | None = None  # districts and institutions of these regions
    may_change_reference: bool = True  # add or change districts and institutions
    may_change_regions: bool = True
    label: str = ""  # for the access log

    def district_in_area(self, district_id: int | None, region_id: int | None) -> bool:
        """Whether a district (an existing one, or a new one of `region_id`) is inside."""
        if self.region_ids is not None and region_id not in self.region_ids:
            return False
        if self.district_ids is None:
            return True
        return district_id is not None and district_id in self.district_ids

    @classmethod
    def everything(cls) -> ImportScope:
        return cls(label="all")

    @classmethod
    def of_district(cls, district: District, *, may_change_reference=True) -> ImportScope:
        return cls(
            district_ids=frozenset({district.pk}),
            region_ids=frozenset({district.region_id}),
            may_change_reference=may_change_reference,
            may_change_regions=False,
            label=district.code,
        )

    @classmethod
    def for_user(cls, user) -> ImportScope:
        """Officers: their district, reading only; administrators: their region."""
        if user.role == Role.OFFICER and user.district_id:
            return cls.of_district(user.district, may_change_reference=False)
        if user.role == Role.ADMIN and user.region_id:
            return cls(
                region_ids=frozenset({user.region_id}),
                may_change_regions=False,
                label=user.region.code,
            )
        raise PermissionError("This account does not import workbooks.")


@dataclass(frozen=True)
class ExportScope:
    """The children an export holds: `children` filters Child (by its current
    district); the districts and institutions they name come along."""

    children: Q
    districts: Q  # the districts of the area (their institutions come along too)
    label: str = ""
    region_id: int | None = None
    district_id: int | None = None

    @classmethod
    def everything(cls) -> ExportScope:
        return cls(children=Q(), districts=Q(), label="all")

    @classmethod
    def of_district(cls, district: District) -> ExportScope:
        return cls(
            children=Q(district_id=district.pk),
            districts=Q(pk=district.pk),
            label=district.code,
            region_id=district.region_id,
            district_id=district.pk,
        )

    @classmethod
    def for_user(cls, user, district: District | None = None) -> ExportScope:
        """Officers their district; regional staff and administrators their region
        (or one district of it); national users everything (or one district)."""
        if district is not None:
            return cls.of_district(district)
        if user.role == Role.OFFICER:
            return cls.of_district(user.district)
        if user.role == Role.NATIONAL:
            return cls.everything()
        return cls(
            children=area_filter(user),
            districts=Q(region_id=user.region_id),
            label=user.region.code,
            region_id=user.region_id,
        )
