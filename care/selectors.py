"""Reads of the follow-up records, each scoped to what the user may see."""

from __future__ import annotations

import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from care.models import (
    Conclusion,
    FollowUpAction,
    LifePlan,
    MonitoringVisit,
    ScheduledVisit,
    VisitScheduleRule,
    YouthHomeStay,
    YouthHomeWaiting,
)
from children.ages import years_before
from children.models import Institution, InstitutionKind, PlacementForm
from children.selectors import children_visible_to, in_contingent_q, with_situation
from registry.access import area_filter, regions_visible_to
from registry.models import Role
from registry.ordering import by_name

DUE_SOON_DAYS = 30
LIFE_PLAN_AGE = 14


# --- the schedule's definitions, shared with the indicators -------------------------
def overdue_q(day: datetime.date, prefix: str = "") -> Q:
    """Due visits overdue at `day`: due before `day` (on the due date itself the visit
    is still on time), not made by `day`, and the placement still monitored at `day`."""
    return Q(**{f"{prefix}due_date__lt": day, f"{prefix}monitoring_end__gt": day}) & (
        Q(**{f"{prefix}fulfilled_on__isnull": True}) | Q(**{f"{prefix}fulfilled_on__gt": day})
    )


# --- scoped querysets ----------------------------------------------------------------
def scheduled_visits_visible_to(user) -> QuerySet[ScheduledVisit]:
    return ScheduledVisit.objects.filter(area_filter(user, "child__district"))


def visits_visible_to(user) -> QuerySet[MonitoringVisit]:
    return MonitoringVisit.objects.filter(area_filter(user, "child__district"))


def actions_visible_to(user) -> QuerySet[FollowUpAction]:
    return FollowUpAction.objects.filter(area_filter(user, "visit__child__district"))


def life_plans_visible_to(user) -> QuerySet[LifePlan]:
    return LifePlan.objects.filter(area_filter(user, "child__district"))


def danger_visits_unresolved(user) -> QuerySet[MonitoringVisit]:
    """Visits that found a child in danger, while any of their actions is not done, or
    while they have none (an imported list that did not state it: nothing is planned
    for the child yet)."""
    actions = FollowUpAction.objects.filter(visit=OuterRef("pk"))
    return visits_visible_to(user).filter(
        Q(Exists(actions.filter(done_on__isnull=True))) | ~Q(Exists(actions)),
        conclusion=Conclusion.DANGER,
    )


def danger_visits_for_table(user) -> QuerySet[MonitoringVisit]:
    """The unresolved danger visits with their open actions' count and first due date."""
    return (
        danger_visits_unresolved(user)
        .annotate(
            open_actions=Count("actions", filter=Q(actions__done_on__isnull=True)),
            first_due=Min("actions__due_date", filter=Q(actions__done_on__isnull=True)),
        )
        .select_related("child__district", "placement")
        .order_by(F("first_due").asc(nulls_first=True), "date", "pk")
    )


def schedule_rules_visible_to(user) -> QuerySet[VisitScheduleRule]:
    """The visit schedule of the user's region (every region's for national users)."""
    return (
        VisitScheduleRule.objects.filter(region__in=regions_visible_to(user))
        .select_related("region")
        .order_by("region__code", "pk")
    )


def schedule_rules_managed_by(user) -> QuerySet[VisitScheduleRule]:
    """The rules an administrator may change: their own region's, no other."""
    if user.role != Role.ADMIN or not user.region_id:
        return VisitScheduleRule.objects.none()
    return VisitScheduleRule.objects.filter(region_id=user.region_id).select_related("region")


def pupils_without_life_plan(user, day: datetime.date):
    """Pupils of institutions aged 14 or more at `day`, in the register, with no life
    plan active at `day`."""
    active_plan = LifePlan.objects.filter(LifePlan.active_at_q(day), child=OuterRef("pk"))
    return (
        with_situation(children_visible_to(user), day)
        .filter(
            in_contingent_q(day),
            placement_form=PlacementForm.INSTITUTION,
            birth_date__lte=years_before(day, LIFE_PLAN_AGE),
        )
        .exclude(Exists(active_plan))
    )


# --- youth homes -------------------------------------------------------------------
def youth_homes_visible_to(user) -> QuerySet[Institution]:
    return Institution.objects.filter(
        kind=InstitutionKind.YOUTH_HOME, district__region__in=regions_visible_to(user)
    ).select_related("district")


def youth_home_occupancy(user, day: datetime.date) -> QuerySet[Institution]:
    """Each youth home of the user's region(s) with its places, occupants and waiting
    list at `day`. The figures count every young person, whichever district keeps their
    case; the names shown are only those the user may see."""
    stays = YouthHomeStay.objects.filter(YouthHomeStay.active_at_q(day), institution=OuterRef("pk"))
    waiting = YouthHomeWaiting.objects.filter(
        YouthHomeWaiting.active_at_q(day), institution=OuterRef("pk")
    )

    def count(queryset):
        return Coalesce(
            Subquery(
                queryset.order_by().values("institution").annotate(n=Count("pk")).values("n")[:1],
                output_field=IntegerField(),
            ),
            0,
        )

    return youth_homes_visible_to(user).annotate(occupied=count(stays), waiting=count(waiting))


def stays_visible_to(user) -> QuerySet[YouthHomeStay]:
    return YouthHomeStay.objects.filter(area_filter(user, "child__district"))


def waiting_visible_to(user) -> QuerySet[YouthHomeWaiting]:
    return YouthHomeWaiting.objects.filter(area_filter(user, "child__district"))


def waiting_list(user, day: datetime.date) -> QuerySet[YouthHomeWaiting]:
    """Who waits for a youth home place at `day`, longest waiting first."""
    return (
        waiting_visible_to(user)
        .filter(YouthHomeWaiting.active_at_q(day))
        .select_related("child__district", "institution")
        .order_by("start_date", "pk")
    )


def youth_homes_overview(user, day: datetime.date) -> dict:
    """The youth homes page: each home's figures (everyone) with the occupants and the
    young people waiting for it whom the user may see; three queries."""
    homes = list(youth_home_occupancy(user, day).order_by("district__code", by_name("name"), "pk"))
    by_home = {home.pk: {"occupants": [], "waiting": []} for home in homes}
    occupants = (
        stays_visible_to(user)
        .filter(YouthHomeStay.active_at_q(day), institution__in=list(by_home))
        .select_related("child__district")
        .order_by("start_date", "pk")
    )
    for stay in occupants:
        by_home[stay.institution_id]["occupants"].append(stay)
    waiting = list(waiting_list(user, day))
    for entry in waiting:
        if entry.institution_id in by_home:
            by_home[entry.institution_id]["waiting"].append(entry)
    rows = []
    for home in homes:
        known = home.capacity is not None
        rows.append(
            {
                "home": home,
                "free": max(home.capacity - home.occupied, 0) if known else None,
                "full": known and home.occupied >= home.capacity,
                **by_home[home.pk],
            }
        )
    totals = {
        "places": sum(home.capacity or 0 for home in homes),
        "occupied": sum(home.occupied for home in homes),
        "waiting": len(waiting),
    }
    return {"rows": rows, "totals": totals}
