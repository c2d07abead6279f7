"""The version of an area's register, and what is counted once per version.

Every change to the register writes an audit entry, filed under the region, district
and child it belongs to, with an id that only grows. The latest entry of the records
an area's children hold is therefore a version of that area's data: a figure counted
under it is exact until the next change there. It is the latest of:

- the entries filed under the area (its children now, a transfer in);
- the entries of children who moved out of it (their past stays the area's, and the
  transfer out is filed under the receiver);
- the entries of no child (institutions, districts, the visit schedule, a bulk
  write of the synthetic generator): rare, and read anywhere, so any of them counts
  everywhere.

Entries of records no count reads (`UNCOUNTED`: accounts, their authenticators and
API tokens) are left out: an officer's first sign-in sets up an authenticator, and
must not have every area of the country counted again.

The figures of the reports (`reports.indicators.cache`) add what they count beyond
the area's children; the home page's counts (`area_cached`) need no more.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Max

from children.models import Transfer
from registry.jobs import job_kinds
from registry.models import AuditEntry, District, Job, Role

T = TypeVar("T")

# A counted value is kept at most this long (seconds), whatever the version.
TIMEOUT = 60 * 60
# The models (app label, model name) whose records no count reads.
UNCOUNTED = [
    ("registry", "user"),
    ("otp_totp", "totpdevice"),
    ("otp_static", "staticdevice"),
    ("api", "apitoken"),
]


def uncounted_types(using: str = DEFAULT_DB_ALIAS) -> list[int]:
    """The content types of `UNCOUNTED` (-1 when none is installed: a list SQL takes)."""
    models = []
    for label in UNCOUNTED:
        try:
            models.append(apps.get_model(*label))
        except LookupError:
            continue
    types = ContentType.objects.db_manager(using).get_for_models(*models)  # kept by Django
    return sorted(found.pk for found in types.values()) or [-1]


def counted_entries(using: str = DEFAULT_DB_ALIAS, uncounted: list[int] | None = None):
    """The audit entries of records some count reads (`uncounted`: `uncounted_types`,
    when the caller has it already)."""
    if uncounted is None:
        uncounted = uncounted_types(using)
    return AuditEntry.objects.using(using).exclude(content_type_id__in=uncounted)


def _last(entries) -> int:
    return entries.aggregate(last=Max("id"))["last"] or 0


def area_version_parts(region=None, district=None, *, using: str = DEFAULT_DB_ALIAS) -> list[int]:
    """The latest entries of the records of a district's, a region's or (neither) the
    whole register's children, as the database `using` names has them: one number for
    the register, three for an area (its own, its children who moved out, no child's)."""
    entries = counted_entries(using)
    if region is None and district is None:
        return [_last(entries)]
    if district is not None:
        own = entries.filter(district=district)
        moved_out = Transfer.objects.using(using).filter(from_district=district)
    else:
        own = entries.filter(region=region)
        moved_out = (
            Transfer.objects.using(using)
            .filter(from_district__region=region)
            .exclude(to_district__region=region)
        )
    return [
        _last(own),
        _last(entries.filter(child_id__in=moved_out.values("child_id"))),
        _last(entries.filter(child_id__isnull=True)),
    ]


def district_version_parts(
    region=None, district=None, *, using: str = DEFAULT_DB_ALIAS
) -> dict[int, list[int]]:
    """`area_version_parts(district=…)` of `district`, or of every district of `region`
    (neither: of the register), in one statement: {district id: [own, moved out, no
    child's]}. Each latest entry is one lookup in an index of the audit trail (by
    district, and by child for each transfer out), whatever the size of the trail."""
    quote = connections[using].ops.quote_name

    def name(model, field=None) -> str:
        return quote(model._meta.get_field(field).column if field else model._meta.db_table)

    audit, transfer = name(AuditEntry), name(Transfer)
    uncounted = uncounted_types(using)
    counted = f"a.{name(AuditEntry, 'content_type')} NOT IN ({', '.join(['%s'] * len(uncounted))})"
    # Names from the models, no values: the area and the content types are parameters.
    sql = (
        f"SELECT d.id, (SELECT a.id FROM {audit} a WHERE a.{name(AuditEntry, 'district')} = d.id "  # noqa: S608
        f"AND {counted} ORDER BY a.id DESC LIMIT 1), (SELECT MAX((SELECT a.id FROM {audit} a "
        f"WHERE a.{name(AuditEntry, 'child_id')} = t.{name(Transfer, 'child')} "
        f"ORDER BY a.id DESC LIMIT 1)) FROM {transfer} t "
        f"WHERE t.{name(Transfer, 'from_district')} = d.id) FROM {name(District)} d"
    )
    parameters = [*uncounted]
    if district is not None:
        sql += " WHERE d.id = %s"
        parameters.append(getattr(district, "pk", district))
    elif region is not None:
        sql += f" WHERE d.{name(District, 'region')} = %s"
        parameters.append(getattr(region, "pk", region))
    with connections[using].cursor() as cursor:
        cursor.execute(sql, parameters)
        rows = cursor.fetchall()
    no_child = _last(counted_entries(using, uncounted).filter(child_id__isnull=True))
    return {pk: [own or 0, moved or 0, no_child] for pk, own, moved in rows}


def last_derived_write(using: str = DEFAULT_DB_ALIAS) -> int:
    """When (in microseconds) the last job that writes derived records finished: such
    a job writes them after the audited change that asked for it (a schedule rule's
    rebuild writes the due visits of the region), and what was counted in between
    must not outlive it (`registry.jobs.JobKind.derived`)."""
    finished = (
        Job.objects.using(using)
        .filter(kind__in=job_kinds.derived())
        .aggregate(last=Max("finished"))["last"]
    )
    return int(finished.timestamp() * 1_000_000) if finished else 0


def area_of(user) -> tuple[int | None, int | None]:
    """(region id, district id) of the area `user` reads: the district for an officer,
    the region for regional staff, neither for a national user."""
    if user.role == Role.OFFICER:
        return None, user.district_id
    if user.role in (Role.REGIONAL, Role.ADMIN):
        return user.region_id, None
    return None, None


def area_version(request) -> str:
    """The version of the data of the area the user of `request` reads, read once a
    request (the home page's panels share it; a page that reads does not change it):
    the audit entries, and the last write of derived records."""
    version = getattr(request, "_area_version", None)
    if version is None:
        region_id, district_id = area_of(request.user)
        parts = area_version_parts(region_id, district_id)
        parts.append(last_derived_write())
        version = ".".join(map(str, parts))
        request._area_version = version
    return version


def area_cached(request, name: str, day: datetime.date, count: Callable[[], T]) -> T:
    """`count()` (a value of the area of the request's user at `day`), counted once
    per version of the area's data and kept in the cache: exact, since any change to
    the area's records gives it a new version. `name` tells the value apart from the
    area's others."""
    region_id, district_id = area_of(request.user)
    area = f"{region_id or '-'}:{district_id or '-'}"
    key = f"area:{name}:{area}:{day.isoformat()}:{area_version(request)}"
    value = cache.get(key)
    if value is None:
        value = count()
        cache.set(key, value, TIMEOUT)
    return value
