"""The materialised visit schedule: rebuilt from placements, rules and visits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from care import rules, schedule
from care.models import MonitoringVisit, ScheduledVisit, VisitScheduleRule
from children.models import Placement
from children.rules import raise_if
from registry.services.base import claim_version, service

CHUNK = 500


def rebuild_schedules(placement_ids: Iterable[int]) -> int:
    """Recompute the due visits of these placements and which visits fulfil them.

    Works in bulk: five queries per 500 placements, whatever their history. Call it
    after writing placements or visits without their services (bulk inserts of the
    workbook import, the synthetic generator); the services and the placement's
    `post_save` call it themselves. Returns the number of due visits written."""
    ids = sorted({int(pk) for pk in placement_ids if pk is not None})
    if not ids:
        return 0
    written = 0
    with transaction.atomic():
        rule_by_form = {
            rule.form: rule for rule in VisitScheduleRule.objects.filter(is_active=True)
        }
        for offset in range(0, len(ids), CHUNK):
            written += _rebuild_chunk(ids[offset : offset + CHUNK], rule_by_form)
    return written


def _rebuild_chunk(ids: list[int], rule_by_form: dict) -> int:
    # Lock the placements: two rebuilds of one placement run one after the other.
    placements = list(
        Placement.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
        .values("pk", "child_id", "form", "start_date", "end_date", "child__birth_date")
    )
    visits = defaultdict(list)
    for visit_id, placement_id, day in (
        MonitoringVisit.objects.filter(placement_id__in=ids)
        .order_by()
        .values_list("pk", "placement_id", "date")
    ):
        visits[placement_id].append((visit_id, day))
    rows = []
    for placement in placements:
        rule = rule_by_form.get(placement["form"])
        if rule is None:
            continue
        dues = schedule.due_dates(
            start=placement["start_date"],
            end=placement["end_date"],
            birth_date=placement["child__birth_date"],
            first_visit_days=rule.first_visit_days,
            interval_months=rule.interval_months,
            duration_months=rule.duration_months,
        )
        for due in schedule.match_visits(dues, visits[placement["pk"]]):
            rows.append(
                ScheduledVisit(
                    placement_id=placement["pk"],
                    child_id=placement["child_id"],
                    number=due.number,
                    due_date=due.due_date,
                    window_start=due.window_start,
                    monitoring_end=due.monitoring_end,
                    visit_id=due.visit_id,
                    fulfilled_on=due.fulfilled_on,
                    on_time=due.on_time,
                )
            )
    ScheduledVisit.objects.filter(placement_id__in=ids).delete()
    ScheduledVisit.objects.bulk_create(rows, batch_size=CHUNK)
    return len(rows)


def rebuild_for_children(child_ids: Iterable[int]) -> int:
    """After a child's birth date changes: its 18th birthday bounds the schedule."""
    return rebuild_schedules(
        Placement.objects.filter(child_id__in=list(child_ids)).values_list("pk", flat=True)
    )


@service
def schedule_rule_update(
    *,
    actor,
    rule: VisitScheduleRule,
    version: int | None,
    first_visit_days: int,
    interval_months: int,
    duration_months: int | None,
    is_active: bool,
) -> VisitScheduleRule:
    """Change when children in one form of care are visited; every placement of that
    form gets its schedule again (visits already made keep counting)."""
    raise_if(
        rules.schedule_rule_errors(
            first_visit_days=first_visit_days,
            interval_months=interval_months,
            duration_months=duration_months,
        )
    )
    claim_version(rule, version)
    rule.first_visit_days, rule.interval_months = first_visit_days, interval_months
    rule.duration_months, rule.is_active = duration_months, is_active
    rule.full_clean()
    rule.save()
    rebuild_schedules(Placement.objects.filter(form=rule.form).values_list("pk", flat=True))
    return rule
