"""Allowances: granted from a date, ended; never deleted."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from benefits import rules
from benefits.models import Allowance, AllowanceKind
from children.models import Child
from registry.records.rules import for_fields, raise_if
from registry.records.services import end_record, update_record
from registry.services.base import service


def _errors(
    child: Child, *, kind, monthly_amount, start, end, decision_date, exclude_pk=None, fields=None
):
    """What the rules say of an allowance; with `fields`, only the details those fields
    must state (ending it: an amount the list did not state does not stop it from
    ending)."""
    others = child.allowances.exclude(pk=exclude_pk) if exclude_pk else child.allowances.all()
    errors = rules.allowance_errors(
        kind=kind,
        kind_label=AllowanceKind(kind).label if kind in AllowanceKind.values else kind,
        monthly_amount=monthly_amount,
        birth_date=child.birth_date,
        start=start,
        end=end,
        decision_date=decision_date,
        others=list(others),
        today=timezone.localdate(),
    )
    return errors if fields is None else for_fields(errors, fields)


@service
def allowance_add(
    *,
    actor,
    child: Child,
    kind: str,
    monthly_amount: Decimal | None,
    start_date: datetime.date,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
) -> Allowance:
    """Record an allowance the child receives from `start_date`."""
    raise_if(
        _errors(
            child,
            kind=kind,
            monthly_amount=monthly_amount,
            start=start_date,
            end=None,
            decision_date=decision_date,
        )
    )
    allowance = Allowance(
        child=child,
        kind=kind,
        monthly_amount=monthly_amount,
        start_date=start_date,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
    )
    allowance.full_clean()
    allowance.save()
    return allowance


@service
def allowance_end(
    *, actor, allowance: Allowance, version: int | None, end_date: datetime.date
) -> Allowance:
    """The allowance is no longer paid from `end_date`."""
    return end_record(
        allowance,
        version=version,
        check=lambda: _errors(
            allowance.child,
            kind=allowance.kind,
            monthly_amount=allowance.monthly_amount,
            start=allowance.start_date,
            end=end_date,
            decision_date=allowance.decision_date,
            exclude_pk=allowance.pk,
            fields=("end_date",),
        ),
        end_date=end_date,
    )


@service
def allowance_correct(
    *,
    actor,
    allowance: Allowance,
    version: int | None,
    kind: str,
    monthly_amount: Decimal | None,
    start_date: datetime.date,
    end_date: datetime.date | None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
) -> Allowance:
    """Correct a mistake in an allowance; the audit trail keeps what it said before."""
    return update_record(
        allowance,
        version=version,
        check=lambda: _errors(
            allowance.child,
            kind=kind,
            monthly_amount=monthly_amount,
            start=start_date,
            end=end_date,
            decision_date=decision_date,
            exclude_pk=allowance.pk,
        ),
        kind=kind,
        monthly_amount=monthly_amount,
        start_date=start_date,
        end_date=end_date,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
    )
