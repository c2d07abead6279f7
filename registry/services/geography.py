from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registry.extensions import region_setups
from registry.models import District, Region
from registry.services.base import claim_version, service


def regions_added(regions) -> None:
    """What every new region needs from the other apps (its visit schedule, …). Call it
    in the transaction that adds them, however they are added (this service, the
    workbook import, the synthetic generator)."""
    regions = list(regions)
    if regions:
        for item in region_setups:
            item.setup(regions)


@service
def region_create(
    *,
    actor,
    code: str,
    name_kk: str,
    name_ru: str,
    name_en: str = "",
    is_default: bool | None = None,
) -> Region:
    """Add a region. The first region of a deployment becomes its default region."""
    if is_default is None:
        is_default = not Region.objects.filter(is_default=True).exists()
    if is_default:
        Region.objects.filter(is_default=True).update(is_default=False)
    region = Region(
        code=code.strip(),
        name_kk=name_kk.strip(),
        name_ru=name_ru.strip(),
        name_en=name_en.strip(),
        is_default=is_default,
    )
    region.full_clean()
    region.save()
    regions_added([region])
    return region


@service
def district_create(
    *, actor, region: Region, code: str, name_kk: str, name_ru: str, name_en: str = ""
) -> District:
    district = District(
        region=region,
        code=code.strip(),
        name_kk=name_kk.strip(),
        name_ru=name_ru.strip(),
        name_en=name_en.strip(),
    )
    district.full_clean()
    district.save()
    return district


@service
def district_update(
    *, actor, district: District, version: int | None = None, **changes
) -> District:
    """Change a district's code, names or active flag (never its region)."""
    allowed = {"code", "name_kk", "name_ru", "name_en", "is_active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    claim_version(district, version)
    for field, value in changes.items():
        setattr(district, field, value.strip() if isinstance(value, str) else value)
    district.full_clean()
    district.save()
    return district


def default_region() -> Region | None:
    """The deployment's region: the one marked default, or the only one."""
    region = Region.objects.filter(is_default=True).first()
    if region is None:
        regions = list(Region.objects.all()[:2])
        region = regions[0] if len(regions) == 1 else None
    return region
