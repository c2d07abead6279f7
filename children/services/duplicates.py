"""Settling a suspected duplicate: two children with the same name and birth date."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from children.models import Child, NotDuplicate
from registry.access import may_edit_cases_in
from registry.services.base import service


def is_suspected_pair(first: Child, second: Child) -> bool:
    """Whether two children are suspected to be one child registered twice: the same
    name in any spelling and the same birth date."""
    return (
        first.pk != second.pk
        and first.name_key == second.name_key
        and first.birth_date == second.birth_date
    )


@service
def not_duplicate_add(*, actor, child: Child, other: Child, reason: str) -> NotDuplicate:
    """Record that `child` and `other` are two different children: the pair no longer
    counts as a suspected duplicate. Only an officer who edits both children's cases
    (the district keeping both) may say so."""
    if not (
        may_edit_cases_in(actor, child.district_id) and may_edit_cases_in(actor, other.district_id)
    ):
        raise PermissionDenied
    if not is_suspected_pair(child, other):
        raise ValidationError(_("These children do not share a name and a birth date."))
    first, second = sorted((child, other), key=lambda c: c.pk)
    if NotDuplicate.objects.filter(child_a=first, child_b=second).exists():
        raise ValidationError(_("These children are already marked as different children."))
    record = NotDuplicate(child_a=first, child_b=second, marked_by=actor, reason=reason.strip())
    record.full_clean()
    record.save()
    return record
