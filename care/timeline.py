"""The care app's events on the child's timeline."""

from __future__ import annotations

from django.utils.translation import gettext as _

from care.records import care_records
from children.timeline import TimelineEvent


def care_events(child) -> list[TimelineEvent]:
    records = care_records(child)
    events = []
    for visit in records.visits:
        events.append(
            TimelineEvent(
                visit.date,
                _("Monitoring visit: %(conclusion)s")
                % {"conclusion": visit.get_conclusion_display()},
                visit.visited_by,
            )
        )
    for plan in records.plans:
        events.append(TimelineEvent(plan.start_date, _("Life plan"), plan.education_goal[:80]))
        if plan.end_date:
            events.append(TimelineEvent(plan.end_date, _("Life plan ended"), ended=True))
    if records.graduate is not None:
        events.append(
            TimelineEvent(records.graduate.left_care_on, _("Graduate: follow-up until 23"))
        )
    for stay in records.stays:
        events.append(TimelineEvent(stay.start_date, _("Youth home"), str(stay.institution)))
        if stay.end_date:
            events.append(
                TimelineEvent(
                    stay.end_date,
                    _("Left the youth home"),
                    stay.get_end_reason_display(),
                    ended=True,
                )
            )
    for entry in records.waiting:
        events.append(
            TimelineEvent(
                entry.start_date,
                _("On the youth home waiting list"),
                str(entry.institution or ""),
            )
        )
        if entry.end_date:
            events.append(
                TimelineEvent(
                    entry.end_date,
                    _("Off the youth home waiting list"),
                    entry.get_end_reason_display(),
                    ended=True,
                )
            )
    return events
