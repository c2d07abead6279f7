"""The materialised visit schedule: rebuilt from placements, their region's rules and
visits; and the rules themselves, each region's own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from care import rules, schedule
from care.models import MonitoringVisit, ScheduledVisit, VisitScheduleRule
from children.models import Placement, PlacementForm
from registry.access import may_manage_region
from registry.bulk import insert_rows
from registry.records.rules import raise_if
from registry.services.base import claim_version, service
from registry.services.jobs import job_create
from registry.stamps import touch

CHUNK = 500
# Plain rows through registry.bulk, not instances through bulk_create: building and
# preparing 137,000 instances was most of the rebuild after a large import.
WRITE_ROWS = 2000
SCHEDULED_COLUMNS = [
    "placement_id",
    "child_id",
    "number",
    "due_date",
    "window_start",
    "monitoring_end",
    "visit_id",
    "fulfilled_on",
    "on_time",
]

# The schedule a region starts with: the first visit within a month of the placement,
# then every six months; for an adoption during its first three years only.
DEFAULT_FIRST_VISIT_DAYS = 30
DEFAULT_INTERVAL_MONTHS = 6
DEFAULT_DURATIONS = {
    PlacementForm.GUARDIANSHIP: None,
    PlacementForm.TRUSTEESHIP: None,
    PlacementForm.PATRONAGE: None,
    PlacementForm.FOSTER_FAMILY: None,
    PlacementForm.ADOPTION: 36,
}


def default_rules_for(regions) -> list[VisitScheduleRule]:
    """Give each of `regions` (just added) the default schedule. Called in the
    transaction that adds them (registry.extensions.region_setups); each rule is in the
    audit trail of its region."""
    created = []
    for region in regions:
        have = set(VisitScheduleRule.objects.filter(region=region).values_list("form", flat=True))
        for form, duration in DEFAULT_DURATIONS.items():
            if form in have:
                continue
            rule = VisitScheduleRule(
                region=region,
                form=form,
                first_visit_days=DEFAULT_FIRST_VISIT_DAYS,
                interval_months=DEFAULT_INTERVAL_MONTHS,
                duration_months=duration,
            )
            rule.full_clean()
            rule.save()
            created.append(rule)
    return created


def rebuild_schedules(placement_ids: Iterable[int], progress: Callable | None = None) -> int:
    """Recompute the due visits of these placements and which visits fulfil them, by
    the rules of the region whose district keeps each child's case.

    Works in bulk: five queries per 500 placements, whatever their history. Call it
    after writing placements or visits without their services (bulk inserts of the
    workbook import, the synthetic generator); the services and the placement's
    `post_save` call it themselves. Returns the number of due visits written.
    `progress(done)` is told how many placements are done after each batch."""
    ids = sorted({int(pk) for pk in placement_ids if pk is not None})
    if not ids:
        return 0
    written = 0
    with transaction.atomic():
        rules = {
            (rule.region_id, rule.form): rule
            for rule in VisitScheduleRule.objects.filter(is_active=True)
        }
        pending: list[tuple] = []  # due visits not written yet, as SCHEDULED_COLUMNS
        children: set[int] = set()  # whose due visits were written again
        for offset in range(0, len(ids), CHUNK):
            written += _rebuild_chunk(ids[offset : offset + CHUNK], rules, pending, children)
            # Written WRITE_ROWS at a time, not per chunk: each chunk has another
            # number of rows, and each number a statement text of its own, which
            # SQLite's driver keeps prepared with its parameters (a hundred of them:
            # 90 MB more at the peak of a 10,000-children import).
            while len(pending) >= WRITE_ROWS:
                insert_rows(ScheduledVisit, SCHEDULED_COLUMNS, pending[:WRITE_ROWS])
                del pending[:WRITE_ROWS]
            if progress is not None:
                progress(min(offset + CHUNK, len(ids)))
        insert_rows(ScheduledVisit, SCHEDULED_COLUMNS, pending)
        # Due visits have no audit entry of their own: what was counted from them
        # before is stale (registry.stamps).
        touch(children)
    return written


def _rebuild_chunk(ids: list[int], rules: dict, pending: list, children: set) -> int:
    """Delete the due visits of the placements `ids` and add their new ones to
    `pending` (written by the caller, after this chunk's delete): their number. The
    placements' children are added to `children`."""
    # Lock the placements: two rebuilds of one placement run one after the other.
    placements = list(
        Placement.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
        .values(
            "pk",
            "child_id",
            "form",
            "start_date",
            "end_date",
            "child__birth_date",
            "child__district__region_id",
        )
    )
    visits = defaultdict(list)
    for visit_id, placement_id, day in (
        MonitoringVisit.objects.filter(placement_id__in=ids)
        .order_by()
        .values_list("pk", "placement_id", "date")
    ):
        visits[placement_id].append((visit_id, day))
    before = len(pending)
    children.update(placement["child_id"] for placement in placements)
    for placement in placements:
        rule = rules.get((placement["child__district__region_id"], placement["form"]))
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
        pending.extend(
            (
                placement["pk"],
                placement["child_id"],
                due.number,
                due.due_date,
                due.window_start,
                due.monitoring_end,
                due.visit_id,
                due.fulfilled_on,
                due.on_time,
            )
            for due in schedule.match_visits(dues, visits[placement["pk"]])
        )
    ScheduledVisit.objects.filter(placement_id__in=ids).delete()
    return len(pending) - before


def rebuild_for_children(child_ids: Iterable[int]) -> int:
    """After a child's birth date changes (its 18th birthday bounds the schedule) or
    its case moves to another district (perhaps of a region with other rules)."""
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
    """Change when the children of the rule's region placed in its form of care are
    visited. Every placement of that form in the region gets its schedule again (visits
    already made keep counting) in a job, made with the rule and left on it as
    `rule.rebuild_job`: the caller queues it (`job_enqueue`) once this has committed.
    The caller has checked that `actor` manages the rule's region
    (care.selectors.schedule_rules_managed_by); anyone else is refused here too."""
    if not may_manage_region(actor, rule.region_id):
        raise PermissionDenied
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
    from care.jobs import SCHEDULE_REBUILD

    rule.rebuild_job = job_create(
        actor=actor,
        kind=SCHEDULE_REBUILD,
        description=_("Visit schedule for %(form)s (%(region)s)")
        % {"form": rule.get_form_display(), "region": rule.region},
        parameters={"rule": rule.pk},
    )
    return rule


def rule_placement_ids(rule: VisitScheduleRule) -> list[int]:
    """The placements whose schedule `rule` makes: of its form, in its region."""
    return list(
        Placement.objects.filter(
            form=rule.form, child__district__region_id=rule.region_id
        ).values_list("pk", flat=True)
    )
