"""Where and with whom the child lives: placements started, ended, corrected."""

from __future__ import annotations

import datetime

from django.db.models import Min
from django.utils import timezone

from children import rules
from children.models import Child, Placement, PlacementEndReason, PlacementForm, StatusEndReason
from children.names import search_key
from children.services.statuses import end_open_status
from registry.records.rules import period_errors, raise_if
from registry.records.services import end_record, update_record
from registry.services.base import claim_version, service

CARER_FIELDS = ("carer_iin", "carer_name", "carer_address", "carer_phone")


def first_status_start(child: Child) -> datetime.date | None:
    """When the child was first left without parental care: its first status's start."""
    return child.statuses.aggregate(first=Min("start_date"))["first"]


def _errors(child: Child, *, form, start, end, end_reason, institution, carers: dict, others):
    return rules.placement_errors(
        form=form,
        birth_date=child.birth_date,
        registered_on=child.registered_on,
        start=start,
        end=end,
        end_reason=end_reason,
        has_institution=institution is not None,
        institution_kind=institution.kind if institution is not None else "",
        status_start=first_status_start(child),
        carer_name=carers.get("carer_name", ""),
        carer_iin=carers.get("carer_iin", ""),
        others=others,
        today=timezone.localdate(),
    )


def _carers(form: str, values: dict) -> dict:
    """The carer's fields of a placement, and the key the list finds its name by."""
    if form == PlacementForm.INSTITUTION:
        carers = dict.fromkeys(CARER_FIELDS, "")
    else:
        carers = {field: (values.get(field) or "").strip() for field in CARER_FIELDS}
    return {**carers, "carer_key": search_key(carers["carer_name"])}


@service
def placement_add(
    *,
    actor,
    child: Child,
    form: str,
    start_date: datetime.date,
    institution=None,
    end_current: bool = True,
    **carer,
) -> Placement:
    """Place the child. The placement it is in now ends on the same day (reason:
    moved, or adopted) when `end_current`; an adoption also ends the status."""
    carers = _carers(form, carer)
    others = list(child.placements.all())
    current = next((p for p in others if p.end_date is None and p.start_date < start_date), None)
    if end_current and current is not None:
        others = [p for p in others if p.pk != current.pk]
    if form != PlacementForm.INSTITUTION:
        institution = None
    raise_if(
        _errors(
            child,
            form=form,
            start=start_date,
            end=None,
            end_reason="",
            institution=institution,
            carers=carers,
            others=others,
        )
    )
    if end_current and current is not None:
        current.end_date = start_date
        current.end_reason = (
            PlacementEndReason.ADOPTED
            if form == PlacementForm.ADOPTION
            else PlacementEndReason.MOVED
        )
        claim_version(current, current.version)
        current.save()
    placement = Placement(
        child=child, form=form, institution=institution, start_date=start_date, **carers
    )
    placement.full_clean()
    placement.save()
    if form == PlacementForm.ADOPTION:
        end_open_status(child, end_date=start_date, end_reason=StatusEndReason.ADOPTED)
    return placement


@service
def placement_end(
    *, actor, placement: Placement, version: int | None, end_date: datetime.date, end_reason: str
) -> Placement:
    end_record(
        placement,
        version=version,
        check=lambda: period_errors(
            placement.start_date, end_date, end_reason, timezone.localdate()
        ),
        end_date=end_date,
        end_reason=end_reason,
    )
    if end_reason == PlacementEndReason.RETURNED:
        end_open_status(placement.child, end_date=end_date, end_reason=StatusEndReason.RETURNED)
    return placement


@service
def placement_correct(
    *,
    actor,
    placement: Placement,
    version: int | None,
    form: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    end_reason: str,
    institution=None,
    **carer,
) -> Placement:
    """Correct a mistake in a placement; the audit trail keeps what it said before."""
    child = placement.child
    carers = _carers(form, carer)
    if form != PlacementForm.INSTITUTION:
        institution = None
    return update_record(
        placement,
        version=version,
        check=lambda: _errors(
            child,
            form=form,
            start=start_date,
            end=end_date,
            end_reason=end_reason,
            institution=institution,
            carers=carers,
            others=list(child.placements.exclude(pk=placement.pk)),
        ),
        form=form,
        institution=institution,
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason,
        **carers,
    )
