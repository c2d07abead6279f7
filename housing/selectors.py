"""Reads of housing records, each scoped to the children the user may see.

A record belongs to the district that keeps the child's case (as everywhere in the
register); the queue entry's own district is the akimat whose queue it is.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from children.ages import ADULT_AGE, years_before
from children.models import Child, Placement, Status, StatusEndReason
from children.selectors import children_visible_to, in_contingent_q, with_situation
from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from registry.access import area_filter

# A status ended for these reasons means the child left care for a family of its own
# (or died): not a graduate the housing lists follow.
NOT_LEAVING_CARE = (StatusEndReason.ADOPTED, StatusEndReason.RETURNED, StatusEndReason.DIED)


def child_housing(child: Child) -> dict:
    """A child's housing history, for its page: three queries whatever its length."""
    return {
        "rights": list(child.housing_rights.all()),
        "queue_entries": list(child.housing_queue_entries.select_related("district", "provision")),
        "provisions": list(child.housing_provisions.select_related("queue_entry__district")),
    }


def queue_entries_visible_to(user) -> QuerySet[HousingQueueEntry]:
    return HousingQueueEntry.objects.filter(area_filter(user, "child__district"))


def housing_queue(user, day: datetime.date) -> QuerySet[HousingQueueEntry]:
    """Entries active at `day`, in queue order: by district, position, then since when."""
    return (
        queue_entries_visible_to(user)
        .filter(HousingQueueEntry.active_at_q(day))
        .select_related("child", "district")
        .order_by(
            "district__code",
            F("position").asc(nulls_last=True),
            "start_date",
            "pk",
        )
    )


def active_right_exists(day: datetime.date) -> Exists:
    return Exists(HousingRight.objects.filter(HousingRight.active_at_q(day), child=OuterRef("pk")))


def active_queue_entry_exists(day: datetime.date) -> Exists:
    return Exists(
        HousingQueueEntry.objects.filter(HousingQueueEntry.active_at_q(day), child=OuterRef("pk"))
    )


def children_without_housing(user, day: datetime.date) -> QuerySet[Child]:
    """Children in the contingent at `day` with neither a housing right nor a queue
    entry active then: nobody is securing their housing."""
    return (
        with_situation(children_visible_to(user), day)
        .filter(in_contingent_q(day))
        .filter(~active_right_exists(day), ~active_queue_entry_exists(day))
        .select_related("district")
        .order_by("district__code", "birth_date", "pk")
    )


def graduates_without_housing(
    children: QuerySet[Child], day: datetime.date, years: int
) -> QuerySet[Child]:
    """Of `children` (already scoped to the user), people who left care in the `years`
    before `day` (came of age with a status, or whose status ended otherwise than by
    adoption, return home or death) and who have neither been provided with housing
    nor hold a housing right at `day`."""
    since = years_before(day, years)
    open_status = Exists(Status.objects.filter(child=OuterRef("pk"), end_date__isnull=True))
    came_of_age = (
        Q(birth_date__gt=years_before(since, ADULT_AGE))
        & Q(birth_date__lte=years_before(day, ADULT_AGE))
        & open_status
    )
    status_ended = Exists(
        Status.objects.filter(child=OuterRef("pk"), end_date__gt=since, end_date__lte=day).exclude(
            end_reason__in=NOT_LEAVING_CARE
        )
    ) & ~Exists(Status.objects.filter(Status.active_at_q(day), child=OuterRef("pk")))
    last_placement = Placement.objects.filter(child=OuterRef("pk"), start_date__lte=day).order_by(
        "-start_date", "-pk"
    )
    last_status_end = Status.objects.filter(child=OuterRef("pk"), end_date__isnull=False).order_by(
        "-end_date", "-pk"
    )
    queue = HousingQueueEntry.objects.filter(
        HousingQueueEntry.active_at_q(day), child=OuterRef("pk")
    )
    return (
        children.filter(came_of_age | status_ended)
        .filter(
            ~Exists(HousingProvision.objects.filter(child=OuterRef("pk"), date__lte=day)),
            ~active_right_exists(day),
        )
        .annotate(
            last_form=Subquery(last_placement.values("form")[:1]),
            status_ended_on=Subquery(last_status_end.values("end_date")[:1]),
            queue_since=Subquery(queue.values("start_date")[:1]),
            queue_position=Subquery(queue.values("position")[:1]),
        )
        .select_related("district")
        .order_by("district__code", "birth_date", "pk")
    )
