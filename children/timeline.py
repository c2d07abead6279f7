"""The child's history as one dated list of events, newest first."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from children.extensions import timeline_sources


@dataclass(frozen=True)
class TimelineEvent:
    date: datetime.date
    title: str
    detail: str = ""
    ended: bool = False  # an ending (drawn grey)


@dataclass(frozen=True)
class TimelineSource:
    events: Callable
    order: int = 100


def _where(placement) -> str:
    return str(placement.institution) if placement.institution_id else placement.carer_name


def child_events(child, timeline: dict) -> list[TimelineEvent]:
    events = [
        TimelineEvent(
            child.registered_on,
            _("Registered in %(district)s") % {"district": child.registered_district},
        )
    ]
    for status in timeline["statuses"]:
        events.append(
            TimelineEvent(
                status.start_date,
                _("Status: %(category)s") % {"category": status.get_category_display()},
                status.get_reason_display(),
            )
        )
        if status.end_date:
            events.append(
                TimelineEvent(
                    status.end_date, _("Status ended"), status.get_end_reason_display(), ended=True
                )
            )
    for placement in timeline["placements"]:
        events.append(
            TimelineEvent(
                placement.start_date, placement.get_form_display().capitalize(), _where(placement)
            )
        )
        if placement.end_date:
            events.append(
                TimelineEvent(
                    placement.end_date,
                    _("Placement ended: %(form)s") % {"form": placement.get_form_display()},
                    placement.get_end_reason_display(),
                    ended=True,
                )
            )
    for transfer in timeline["transfers"]:
        events.append(
            TimelineEvent(
                transfer.date,
                _("Case transferred to %(district)s") % {"district": transfer.to_district},
                _("from %(district)s") % {"district": transfer.from_district},
            )
        )
    for source in timeline_sources:
        events.extend(source.events(child))
    return sorted(events, key=lambda event: event.date, reverse=True)
