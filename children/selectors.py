"""Reads of the children register, each scoped to what the user may see."""

from __future__ import annotations

import datetime

from django.db.models import (
    BigIntegerField,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Concat, Trim
from django.http import Http404

from children.ages import ADULT_AGE, years_before
from children.models import Child, Institution, NotDuplicate, Placement, Status, Transfer
from registry.access import area_filter, regions_visible_to
from registry.models import AuditEntry, Role
from registry.ordering import by_name


def children_visible_to(user) -> QuerySet[Child]:
    """The children whose case is kept, today, in a district the user may read."""
    return Child.objects.filter(area_filter(user))


def child_get_for(user, pk) -> Child:
    """One child the user may read, or 404 (whether or not it exists elsewhere)."""
    try:
        return (
            children_visible_to(user)
            .select_related("district__region", "registered_district")
            .get(pk=pk)
        )
    except (Child.DoesNotExist, ValueError):
        raise Http404 from None


def institutions_visible_to(user) -> QuerySet[Institution]:
    """Institutions of the user's region(s): officers place children across their region.
    By name, in the user's language and alphabet."""
    return (
        Institution.objects.filter(district__region__in=regions_visible_to(user))
        .select_related("district")
        .order_by(by_name("name"), "pk")
    )


def institutions_managed_by(user) -> QuerySet[Institution]:
    if user.role != Role.ADMIN or not user.region_id:
        return Institution.objects.none()
    return Institution.objects.filter(district__region_id=user.region_id).select_related("district")


def active_status_at(day: datetime.date):
    """Subquery: the child's status active at `day` (its latest, should data overlap)."""
    return Status.objects.filter(Status.active_at_q(day), child=OuterRef("pk")).order_by(
        "-start_date", "-pk"
    )


def active_placement_at(day: datetime.date):
    return Placement.objects.filter(Placement.active_at_q(day), child=OuterRef("pk")).order_by(
        "-start_date", "-pk"
    )


def district_at(day: datetime.date):
    """Expression: the district that kept the child's case at `day`."""
    latest = Transfer.objects.filter(child=OuterRef("pk"), date__lte=day).order_by("-date", "-pk")
    return Coalesce(
        Subquery(latest.values("to_district")[:1]),
        F("registered_district"),
        output_field=BigIntegerField(),
    )


def with_situation(queryset: QuerySet[Child], day: datetime.date) -> QuerySet[Child]:
    """Annotate each child with its status and placement at `day`, in two subqueries
    each, whatever the number of rows."""
    status = active_status_at(day)
    placement = active_placement_at(day)
    return queryset.annotate(
        status_category=Subquery(status.values("category")[:1]),
        status_start=Subquery(status.values("start_date")[:1]),
        placement_form=Subquery(placement.values("form")[:1]),
        placement_institution_id=Subquery(placement.values("institution")[:1]),
    )


def in_contingent_q(day: datetime.date) -> Q:
    """Children with a status at `day` who are younger than 18 at `day`."""
    return Q(status_category__isnull=False, birth_date__gt=years_before(day, ADULT_AGE))


def attach_institutions(children) -> list:
    """Give each annotated child its `placement_institution` in one query."""
    children = list(children)
    ids = {child.placement_institution_id for child in children if child.placement_institution_id}
    institutions = Institution.objects.in_bulk(ids) if ids else {}
    for child in children:
        child.placement_institution = institutions.get(child.placement_institution_id)
    return children


def child_timeline(child: Child) -> dict:
    """A child's whole dated history, for its page."""
    return {
        "statuses": list(child.statuses.all()),
        "placements": list(child.placements.select_related("institution")),
        "transfers": list(child.transfers.select_related("from_district", "to_district")),
    }


def child_audit_history(child: Child) -> QuerySet[AuditEntry]:
    """Every change to the child's records (identity, statuses, placements, transfers,
    and what other apps record for the child), and to those of a record merged into it
    (`children.services.merge`), whose records it now holds."""
    merged = (
        AuditEntry.objects.filter(child_id=child.pk, additional_data__merged_from__isnull=False)
        .annotate(merged=Cast(KT("additional_data__merged_from"), BigIntegerField()))
        .values("merged")
    )
    return AuditEntry.objects.filter(Q(child_id=child.pk) | Q(child_id__in=merged)).select_related(
        "actor", "district", "content_type"
    )


# --- suspected duplicates ---------------------------------------------------------


def _marked_different(child, other) -> Exists:
    """Whether the pair (`child`, `other`: ids or references) is marked as two
    different children (kept in either order)."""
    return Exists(
        NotDuplicate.objects.filter(
            Q(child_a=child, child_b=other) | Q(child_a=other, child_b=child)
        )
    )


def not_duplicate_of(first: Child, second: Child) -> NotDuplicate | None:
    """The record saying that two children are different children, if any."""
    low, high = sorted((first.pk, second.pk))
    return (
        NotDuplicate.objects.filter(child_a_id=low, child_b_id=high)
        .select_related("marked_by")
        .first()
    )


def with_first_twin(queryset: QuerySet[Child], user) -> QuerySet[Child]:
    """Annotate a list of children with each one's first suspected twin the user may
    see: `twin_id` and `twin_name` (None when there is none, or only in a district
    the user cannot see)."""
    twins = (
        Child.objects.filter(
            area_filter(user), name_key=OuterRef("name_key"), birth_date=OuterRef("birth_date")
        )
        .exclude(pk=OuterRef("pk"))
        .exclude(_marked_different(OuterRef(OuterRef("pk")), OuterRef("pk")))
        .order_by("pk")
    )
    name = Concat(
        "last_name", Value(" "), "first_name", Value(" "), "middle_name", output_field=CharField()
    )
    return queryset.annotate(
        twin_id=Subquery(twins.values("pk")[:1]),
        twin_name=Subquery(twins.annotate(name=Trim(name)).values("name")[:1]),
    )
