"""Who may see and do what: the one place where area scoping is decided.

Every selector that fetches district data filters it with `area_filter(user)`;
every view states the roles it serves with `role_required`.
A record outside the user's area is simply not in the queryset, so fetching it
answers 404 (its existence is not revealed); a role that does not serve the view,
or an account without the district or region its role needs, answers 403; an
anonymous visitor is sent to the login page (LoginRequiredMiddleware).
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from registry.models import District, Region, Role
from registry.ordering import by_name

READ_ROLES = (Role.OFFICER, Role.REGIONAL, Role.ADMIN, Role.NATIONAL)
EDIT_ROLES = (Role.OFFICER,)
MANAGE_ROLES = (Role.ADMIN,)


def second_factor_required(user) -> bool:
    """Whether `user` must confirm a second factor (TOTP) before any page: every
    account must, district officers excepted while OTP_REQUIRED_FOR_OFFICERS is off
    (a roll-out). Read on every request, so a change of role or of the setting holds
    a signed-in account at its next page."""
    return user.role != Role.OFFICER or settings.OTP_REQUIRED_FOR_OFFICERS


def area_filter(user, district_field: str = "district") -> Q:
    """A filter on `district_field` keeping the records `user` may read."""
    if not user.is_authenticated or not user.has_area:
        return Q(pk__in=[])
    if user.role == Role.OFFICER:
        return Q(**{f"{district_field}_id": user.district_id})
    if user.role in (Role.REGIONAL, Role.ADMIN):
        return Q(**{f"{district_field}__region_id": user.region_id})
    return Q()  # national


def districts_visible_to(user) -> QuerySet[District]:
    """The districts the user reads, by name (in the user's language and alphabet)."""
    if not user.is_authenticated or not user.has_area:
        return District.objects.none()
    if user.role == Role.OFFICER:
        districts = District.objects.filter(pk=user.district_id)
    elif user.role in (Role.REGIONAL, Role.ADMIN):
        districts = District.objects.filter(region_id=user.region_id)
    else:
        districts = District.objects.all()
    return districts.order_by(by_name("name"), "pk")


def regions_visible_to(user) -> QuerySet[Region]:
    if not user.is_authenticated or not user.has_area:
        return Region.objects.none()
    if user.role == Role.NATIONAL:
        return Region.objects.all()
    return Region.objects.filter(pk=user.area_region_id)


def may_edit_cases_in(user, district_id: int | None) -> bool:
    """Officers enter and edit the cases of their own district, nobody else does."""
    return (
        user.is_authenticated
        and user.role == Role.OFFICER
        and user.district_id is not None
        and user.district_id == district_id
    )


def may_manage_region(user, region_id: int | None) -> bool:
    """Administrators manage their own region's districts, institutions and accounts."""
    return (
        user.is_authenticated
        and user.role == Role.ADMIN
        and user.region_id is not None
        and user.region_id == region_id
    )


def check_role(user, roles) -> None:
    if not user.is_authenticated:  # LoginRequiredMiddleware normally stops this first
        raise PermissionDenied
    if user.role not in roles or not user.has_area:
        raise PermissionDenied


def role_required(*roles):
    """View decorator: only accounts with one of `roles` (and their area) pass."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            check_role(request.user, roles)
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = tuple(roles)
        return wrapped

    return decorator
