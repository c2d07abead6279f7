"""Places in youth homes and the waiting list of underage graduates."""

from __future__ import annotations

import datetime

from django.utils import timezone

from care import rules
from care.models import (
    WaitingEndReason,
    YouthHomeStay,
    YouthHomeWaiting,
)
from care.services.graduates import institution_left_on
from children.models import Child, Institution
from registry.records.rules import period_errors, raise_if
from registry.records.services import end_record
from registry.services.base import claim_version, service


def _check_stay(
    child: Child,
    institution: Institution,
    *,
    start,
    end,
    end_reason,
    exclude_pk=None,
    current_home_id=None,
) -> None:
    today = timezone.localdate()
    # A stay corrected in a home closed since then keeps its home.
    unchanged = current_home_id is not None and institution.pk == current_home_id
    errors = rules.youth_home_errors(
        kind=institution.kind, is_active=institution.is_active or unchanged
    )
    others = child.youth_home_stays.exclude(pk=exclude_pk)
    errors += rules.stay_errors(
        start=start,
        end=end,
        end_reason=end_reason,
        birth_date=child.birth_date,
        others=list(others),
        today=today,
    )
    if not errors:
        # Lock the home: two officers placing the last free place, one after the other.
        Institution.objects.select_for_update().filter(pk=institution.pk).first()
        occupants = (
            YouthHomeStay.objects.filter(institution=institution)
            .exclude(pk=exclude_pk)
            .values_list("start_date", "end_date")
        )
        errors += rules.capacity_errors(
            home=str(institution),
            capacity=institution.capacity,
            stays=list(occupants),
            start=start,
            end=end,
        )
    raise_if(errors)


@service
def youth_home_stay_add(
    *, actor, child: Child, institution: Institution, start_date: datetime.date
) -> YouthHomeStay:
    """Give a young person a place. Refused when the home has no free place; the
    waiting list entry, if any, ends on the same day (given a place)."""
    _check_stay(child, institution, start=start_date, end=None, end_reason="")
    stay = YouthHomeStay(child=child, institution=institution, start_date=start_date)
    stay.full_clean()
    stay.save()
    waiting = child.youth_home_waiting.filter(
        end_date__isnull=True, start_date__lte=start_date
    ).first()
    if waiting is not None:
        claim_version(waiting, waiting.version)
        waiting.end_date, waiting.end_reason = start_date, WaitingEndReason.PLACED
        waiting.save()
    return stay


@service
def youth_home_stay_end(
    *, actor, stay: YouthHomeStay, version: int | None, end_date: datetime.date, end_reason: str
) -> YouthHomeStay:
    return end_record(
        stay,
        version=version,
        check=lambda: period_errors(stay.start_date, end_date, end_reason, timezone.localdate()),
        end_date=end_date,
        end_reason=end_reason,
    )


@service
def youth_home_stay_correct(
    *,
    actor,
    stay: YouthHomeStay,
    version: int | None,
    institution: Institution,
    start_date: datetime.date,
    end_date: datetime.date | None,
    end_reason: str,
) -> YouthHomeStay:
    """Correct a stay; the home's places are checked again for the corrected period."""
    _check_stay(
        stay.child,
        institution,
        start=start_date,
        end=end_date,
        end_reason=end_reason,
        exclude_pk=stay.pk,
        current_home_id=stay.institution_id,
    )
    claim_version(stay, version)
    stay.institution, stay.start_date = institution, start_date
    stay.end_date, stay.end_reason = end_date, end_reason
    stay.full_clean()
    stay.save()
    return stay


@service
def waiting_add(
    *,
    actor,
    child: Child,
    start_date: datetime.date,
    institution: Institution | None = None,
) -> YouthHomeWaiting:
    """Put an underage graduate on the waiting list for a youth home place."""
    errors = rules.waiting_errors(
        start=start_date,
        end=None,
        end_reason="",
        birth_date=child.birth_date,
        institution_left_on=institution_left_on(child),
        others=list(child.youth_home_waiting.all()),
        today=timezone.localdate(),
    )
    if institution is not None:
        errors += rules.youth_home_errors(kind=institution.kind, is_active=institution.is_active)
    raise_if(errors)
    entry = YouthHomeWaiting(child=child, start_date=start_date, institution=institution)
    entry.full_clean()
    entry.save()
    return entry


@service
def waiting_end(
    *,
    actor,
    entry: YouthHomeWaiting,
    version: int | None,
    end_date: datetime.date,
    end_reason: str,
) -> YouthHomeWaiting:
    return end_record(
        entry,
        version=version,
        check=lambda: period_errors(entry.start_date, end_date, end_reason, timezone.localdate()),
        end_date=end_date,
        end_reason=end_reason,
    )
