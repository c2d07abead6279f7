"""The housing app's events on the child's timeline."""

from django.utils.translation import gettext as _

from children.timeline import TimelineEvent
from housing.models import HousingKind, QueueEndReason
from housing.selectors import child_housing


def housing_events(child) -> list[TimelineEvent]:
    history = child_housing(child)
    events = []
    for right in history["rights"]:
        kind = right.get_kind_display()
        if right.kind == HousingKind.SHARE:
            kind = _("%(kind)s, %(share)s") % {"kind": kind, "share": right.share_size}
        events.append(
            TimelineEvent(
                right.start_date, _("Housing secured: %(kind)s") % {"kind": kind}, right.address
            )
        )
        if right.end_date:
            events.append(
                TimelineEvent(
                    right.end_date,
                    _("Housing right ended"),
                    right.get_end_reason_display(),
                    ended=True,
                )
            )
    for entry in history["queue_entries"]:
        events.append(
            TimelineEvent(
                entry.start_date,
                _("Put on the housing queue of %(district)s") % {"district": entry.district},
            )
        )
        if entry.end_date and entry.end_reason == QueueEndReason.REMOVED:
            events.append(
                TimelineEvent(
                    entry.end_date,
                    _("Removed from the housing queue"),
                    entry.end_explanation,
                    ended=True,
                )
            )
    for provision in history["provisions"]:
        events.append(TimelineEvent(provision.date, _("Housing provided"), provision.address))
    return events
