"""Reads of the core app, each scoped to what the user may see."""

from django.db.models import Q, QuerySet

from registry.models import AccessLog, AuditEntry, District, Job, Region, Role, User


def districts_managed_by(user) -> QuerySet[District]:
    if user.role != Role.ADMIN or not user.region_id:
        return District.objects.none()
    return District.objects.filter(region_id=user.region_id).select_related("region")


def regions_managed_by(user) -> QuerySet[Region]:
    if user.role != Role.ADMIN or not user.region_id:
        return Region.objects.none()
    return Region.objects.filter(pk=user.region_id)


def users_managed_by(user) -> QuerySet[User]:
    """Accounts of people of the administrator's region: its districts' officers and its
    own staff (not the service accounts of other systems)."""
    if user.role != Role.ADMIN or not user.region_id:
        return User.objects.none()
    return (
        User.objects.filter(Q(region_id=user.region_id) | Q(district__region_id=user.region_id))
        .exclude(role="")
        .exclude(is_service_account=True)  # managed on their own page (app `api`)
        .select_related("district", "region")
    )


def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    """The audit trail of the administrator's region."""
    if user.role != Role.ADMIN or not user.region_id:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(region_id=user.region_id).select_related(
        "actor", "district", "content_type"
    )


def access_log_visible_to(user) -> QuerySet[AccessLog]:
    """Who read or exported personal data in the administrator's region."""
    if user.role != Role.ADMIN or not user.region_id:
        return AccessLog.objects.none()
    return AccessLog.objects.filter(
        Q(region_id=user.region_id)
        | Q(user__region_id=user.region_id)
        | Q(user__district__region_id=user.region_id)
    ).select_related("user", "district", "region")


def authenticator_of(user):
    """The account's confirmed authenticator (TOTP device), or None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device_of(user):
    """The account's recovery codes (a django-otp static device), or None."""
    from django_otp.plugins.otp_static.models import StaticDevice

    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def jobs_visible_to(user) -> QuerySet[Job]:
    """The jobs `user` may follow: an officer's own; an administrator's or a regional
    user's, those of their region; a national user's, all. Others' jobs answer 404."""

    if not user.is_authenticated:
        return Job.objects.none()
    jobs = Job.objects.select_related("user")
    if user.role in (Role.REGIONAL, Role.ADMIN) and user.region_id:
        return jobs.filter(Q(user=user) | Q(region_id=user.region_id))
    if user.role == Role.NATIONAL:
        return jobs
    return jobs.filter(user=user)
