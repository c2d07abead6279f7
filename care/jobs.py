"""A visit-schedule rule's rebuild as a job (`registry.jobs`): the rule is saved in
the request (`schedule_rule_update`), and every placement of its form in its region
gets its due visits again here, in one transaction (a worker killed half-way leaves
the schedule as it was), reporting the placements done out of their total."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop

from care.models import VisitScheduleRule
from care.services.schedules import rebuild_schedules, rule_placement_ids
from registry.jobs import JobFailed
from registry.models import Job

SCHEDULE_REBUILD = "schedule_rebuild"

RULE_GONE = gettext_noop("This visit schedule rule no longer exists: nothing was recomputed.")


@transaction.atomic
def run_rebuild(job, progress) -> dict:
    # The region's rules are locked while their placements are rebuilt: a change of a
    # rule saved meanwhile waits, and its own rebuild (queued after it commits) comes
    # after this one, so two rebuilds on two workers never leave the older schedule.
    rule = VisitScheduleRule.objects.filter(pk=job.parameters.get("rule")).first()
    if rule is None:
        raise JobFailed(RULE_GONE)
    list(VisitScheduleRule.objects.select_for_update().filter(region_id=rule.region_id))
    ids = rule_placement_ids(rule)
    total = len(ids)
    progress(
        phase=Job.Phase.WRITING,
        total=total,
        rows_read=total,
        rows_checked=total,
        to_write=total,
        records_written=0,
    )
    written = rebuild_schedules(ids, progress=lambda done: progress(records_written=done))
    return {"rule": rule.pk, "placements": total, "due_visits": written}
