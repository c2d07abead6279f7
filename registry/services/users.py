from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registry.models import District, Region, Role, User
from registry.services.base import claim_version, service


def _check_area(*, role: str, district: District | None, region: Region | None) -> tuple:
    """The district or region a role needs; returns the (district, region) to store."""
    if role not in Role.values:
        raise ValidationError(
            {
                "role": _("Unknown role “%(role)s”. Choose one of: %(roles)s.")
                % {"role": role, "roles": ", ".join(Role.values)}
            }
        )
    if role == Role.OFFICER:
        if district is None:
            raise ValidationError({"district": _("An officer must be bound to a district.")})
        return district, district.region
    if role in (Role.REGIONAL, Role.ADMIN):
        if region is None:
            raise ValidationError({"region": _("This role must be bound to a region.")})
        return None, region
    return None, None


def _check_actor_may_assign(actor, role: str, region: Region | None) -> None:
    """A regional administrator gives out accounts of their own region only."""
    if actor is None or actor.is_superuser or actor.role != Role.ADMIN:
        return
    if role == Role.NATIONAL:
        raise ValidationError(
            {"role": _("Only a national administrator creates national accounts.")}
        )
    if region is None or region.pk != actor.region_id:
        raise ValidationError({"region": _("You can only manage accounts of your own region.")})


@service
def user_create(
    *,
    actor,
    username: str,
    role: str,
    password: str | None,
    district: District | None = None,
    region: Region | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create an account; without a password the account cannot log in until one is set."""
    district, region = _check_area(role=role, district=district, region=region)
    _check_actor_may_assign(actor, role, region)
    user = User(
        username=username.strip(),
        role=role,
        district=district,
        region=region,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
    )
    user.full_clean(exclude=["password"])
    if password:
        password_validation.validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@service
def user_update(
    *,
    actor,
    user: User,
    version: int | None = None,
    role: str,
    district: District | None = None,
    region: Region | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_active: bool = True,
) -> User:
    district, region = _check_area(role=role, district=district, region=region)
    _check_actor_may_assign(actor, role, region)
    if actor is not None and actor.pk == user.pk and not is_active:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    claim_version(user, version)
    user.role, user.district, user.region = role, district, region
    user.first_name, user.last_name, user.email = (
        first_name.strip(),
        last_name.strip(),
        email.strip(),
    )
    user.is_active = is_active
    user.full_clean(exclude=["password"])
    user.save()
    return user


@service
def user_set_password(*, actor, user: User, password: str) -> User:
    if user.is_service_account:
        raise ValidationError(
            _("A service account has no password: it calls the exchange API with its tokens.")
        )
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
