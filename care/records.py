"""A child's follow-up records, read once per page (the section and the timeline)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from care.models import (
    FollowUpAction,
    GraduateRecord,
    LifePlan,
    MonitoringVisit,
    ScheduledVisit,
    YouthHomeStay,
    YouthHomeWaiting,
)
from children.models import Child, Placement


@dataclass
class CareRecords:
    placements: list[Placement]
    visits: list[MonitoringVisit]
    schedule: list[ScheduledVisit]
    plans: list[LifePlan]
    graduate: GraduateRecord | None
    stays: list[YouthHomeStay]
    waiting: list[YouthHomeWaiting]


def care_records(child: Child) -> CareRecords:
    """Everything the care app shows for one child, in a fixed number of queries; kept
    on the child object so that the page's section and timeline share it."""
    cached = getattr(child, "_care_records", None)
    if cached is not None:
        return cached
    records = CareRecords(
        placements=list(child.placements.select_related("institution")),
        visits=list(
            MonitoringVisit.objects.filter(child=child)
            .select_related("placement")
            .prefetch_related(
                Prefetch("actions", queryset=FollowUpAction.objects.order_by("due_date", "pk"))
            )
            .order_by("-date", "-pk")
        ),
        schedule=list(
            ScheduledVisit.objects.filter(child=child)
            .select_related("placement")
            .order_by("due_date", "pk")
        ),
        plans=list(
            LifePlan.objects.filter(child=child)
            .prefetch_related("reviews")
            .order_by("-start_date", "-pk")
        ),
        graduate=GraduateRecord.objects.filter(child=child).prefetch_related("follow_ups").first(),
        stays=list(
            YouthHomeStay.objects.filter(child=child)
            .select_related("institution")
            .order_by("-start_date", "-pk")
        ),
        waiting=list(
            YouthHomeWaiting.objects.filter(child=child)
            .select_related("institution")
            .order_by("-start_date", "-pk")
        ),
    )
    if records.graduate is not None:
        records.graduate.child = child
    child._care_records = records
    return records
