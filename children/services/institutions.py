from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from children.models import Institution
from registry.services.base import claim_version, service

FIELDS = ("code", "name_kk", "name_ru", "name_en", "district", "kind", "sector", "capacity")


def _check_capacity(capacity):
    if capacity is not None and capacity <= 0:
        raise ValidationError({"capacity": _("The capacity is a positive number of places.")})


@service
def institution_create(
    *, actor, code, name_kk, name_ru, district, kind, sector, capacity=None, name_en=""
) -> Institution:
    _check_capacity(capacity)
    institution = Institution(
        code=code.strip(),
        name_kk=name_kk.strip(),
        name_ru=name_ru.strip(),
        name_en=name_en.strip(),
        district=district,
        kind=kind,
        sector=sector,
        capacity=capacity,
    )
    institution.full_clean()
    institution.save()
    return institution


@service
def institution_update(*, actor, institution: Institution, version=None, **changes) -> Institution:
    unknown = set(changes) - {*FIELDS, "is_active"}
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    _check_capacity(changes.get("capacity"))
    claim_version(institution, version)
    for field, value in changes.items():
        setattr(institution, field, value.strip() if isinstance(value, str) else value)
    institution.full_clean()
    institution.save()
    return institution
