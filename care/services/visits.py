"""Monitoring visits and their follow-up actions: recorded, corrected, done."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from care import rules
from care.models import FollowUpAction, MonitoringVisit
from care.services.schedules import rebuild_schedules
from children.models import Placement
from registry.records.rules import Errors, for_fields, raise_if
from registry.records.services import update_record
from registry.services.base import claim_version, service

FINDINGS = ("living_conditions", "upbringing", "health", "schooling")


def _first_action_errors(visit_date, action: dict, has_action_already: bool, conclusion, today):
    described = any(str(value or "").strip() for value in action.values())
    errors = rules.danger_errors(conclusion=conclusion, has_action=has_action_already or described)
    if described:
        errors += rules.action_errors(
            visit_date=visit_date,
            description=action.get("description") or "",
            due_date=action.get("due_date"),
            responsible=action.get("responsible") or "",
            done_on=None,
            result="",
            today=today,
            prefix="action_",
        )
    return errors, described


def _visit_errors(placement: Placement, date: datetime.date, today) -> Errors:
    return rules.visit_errors(
        date=date,
        placement_form=placement.form,
        placement_start=placement.start_date,
        placement_end=placement.end_date,
        today=today,
    )


def _add_action(visit, action: dict) -> FollowUpAction:
    created = FollowUpAction(
        visit=visit,
        description=action["description"].strip(),
        due_date=action["due_date"],
        responsible=action["responsible"].strip(),
    )
    created.full_clean(exclude=["visit"])  # the visit is the one just saved
    created.save()
    return created


@service
def visit_add(
    *,
    actor,
    placement: Placement,
    date: datetime.date,
    visited_by: str,
    kind: str,
    conclusion: str,
    living_conditions: str = "",
    upbringing: str = "",
    health: str = "",
    schooling: str = "",
    action_description: str = "",
    action_due_date: datetime.date | None = None,
    action_responsible: str = "",
    rebuild: bool = True,
) -> MonitoringVisit:
    """Record a visit to a child in a receiving family, with its first follow-up action
    (required when the visit finds the child in danger). The visit counts for the
    earliest due visit still open (see `care.schedule`).

    `rebuild=False` leaves the schedule to one `rebuild_schedules` call at the end of
    a batch (the demo loader)."""
    today = timezone.localdate()
    action = {
        "description": action_description,
        "due_date": action_due_date,
        "responsible": action_responsible,
    }
    errors = _visit_errors(placement, date, today)
    action_problems, with_action = _first_action_errors(date, action, False, conclusion, today)
    raise_if(errors + action_problems)
    visit = MonitoringVisit(
        child=placement.child,
        placement=placement,
        date=date,
        visited_by=visited_by.strip(),
        kind=kind,
        conclusion=conclusion,
        **{
            field: value.strip()
            for field, value in zip(
                FINDINGS, (living_conditions, upbringing, health, schooling), strict=True
            )
        },
    )
    visit.full_clean(exclude=["child", "placement"])  # both come from the placement in hand
    visit.save()
    if with_action:
        _add_action(visit, action)
    if rebuild:
        rebuild_schedules([placement.pk])
    return visit


@service
def visit_correct(
    *,
    actor,
    visit: MonitoringVisit,
    version: int | None,
    placement: Placement,
    date: datetime.date,
    visited_by: str,
    kind: str,
    conclusion: str,
    living_conditions: str = "",
    upbringing: str = "",
    health: str = "",
    schooling: str = "",
    action_description: str = "",
    action_due_date: datetime.date | None = None,
    action_responsible: str = "",
) -> MonitoringVisit:
    """Correct a visit; the audit trail keeps what it said before. A visit corrected to
    "danger" needs a follow-up action, given here when it has none yet."""
    today = timezone.localdate()
    if placement.child_id != visit.child_id:
        raise_if([("placement", _("Choose a placement of this child."))])
    action = {
        "description": action_description,
        "due_date": action_due_date,
        "responsible": action_responsible,
    }
    errors = _visit_errors(placement, date, today)
    action_problems, with_action = _first_action_errors(
        date, action, visit.actions.exists(), conclusion, today
    )
    raise_if(errors + action_problems)
    claim_version(visit, version)
    old_placement_id = visit.placement_id
    visit.placement, visit.date, visit.visited_by = placement, date, visited_by.strip()
    visit.kind, visit.conclusion = kind, conclusion
    for field, value in zip(
        FINDINGS, (living_conditions, upbringing, health, schooling), strict=True
    ):
        setattr(visit, field, value.strip())
    visit.full_clean()
    visit.save()
    if with_action:
        _add_action(visit, action)
    rebuild_schedules([old_placement_id, placement.pk])
    return visit


@service
def action_add(
    *,
    actor,
    visit: MonitoringVisit,
    description: str,
    due_date: datetime.date | None,
    responsible: str,
) -> FollowUpAction:
    raise_if(
        rules.action_errors(
            visit_date=visit.date,
            description=description,
            due_date=due_date,
            responsible=responsible,
            done_on=None,
            result="",
            today=timezone.localdate(),
        )
    )
    return _add_action(
        visit, {"description": description, "due_date": due_date, "responsible": responsible}
    )


@service
def action_complete(
    *,
    actor,
    action: FollowUpAction,
    version: int | None,
    done_on: datetime.date | None,
    result: str,
) -> FollowUpAction:
    """Mark an action done, with what came of it (what the action itself does not state
    is completed by correcting it, and does not stop it being done)."""

    def check():
        errors = rules.action_errors(
            visit_date=action.visit.date,
            description=action.description,
            due_date=action.due_date,
            responsible=action.responsible,
            done_on=done_on,
            result=result,
            today=timezone.localdate(),
        )
        errors = for_fields(errors, ("done_on", "result"))
        if done_on is None:
            errors.append(("done_on", _("Give the date it was done.")))
        return errors

    return update_record(
        action, version=version, check=check, done_on=done_on, result=result.strip()
    )


@service
def action_correct(
    *,
    actor,
    action: FollowUpAction,
    version: int | None,
    description: str,
    due_date: datetime.date | None,
    responsible: str,
    done_on: datetime.date | None,
    result: str,
) -> FollowUpAction:
    """Correct an action; the audit trail keeps what it said before."""
    return update_record(
        action,
        version=version,
        check=lambda: rules.action_errors(
            visit_date=action.visit.date,
            description=description,
            due_date=due_date,
            responsible=responsible,
            done_on=done_on,
            result=result,
            today=timezone.localdate(),
        ),
        description=description.strip(),
        due_date=due_date,
        responsible=responsible.strip(),
        done_on=done_on,
        result=result.strip(),
    )
