"""Merging one child registered twice: every record of the one that goes moves to the
one that stays, which then holds the child's whole history.

The children app does not know the records later apps keep of a child (housing,
benefits, follow-up, …): they are found through the child's relations
(`Child._meta.related_objects`), each record moved and checked as its own model says
(`full_clean`). The kinds of which a child has one at a time are registered by their
apps (`children.extensions.merge_rules`): a merge that would make two overlap is
refused, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from children.extensions import KeptOnce, OneAtATime, merge_rules
from children.models import Child, NotDuplicate
from children.names import name_key, search_key
from children.services.duplicates import is_suspected_pair
from registry.access import may_edit_cases_in
from registry.models import AuditEntry
from registry.records.rules import overlapping
from registry.services.base import service

# Identity details the kept record takes from the other where it has none.
FILLED_FIELDS = ("iin", "middle_name")


@dataclass(frozen=True)
class Moving:
    """How many records of one kind the merged record brings."""

    label: str
    count: int


def _relations():
    """The relations of other records to a child (each model's `child`), in the order
    the models were declared."""
    return [
        relation
        for relation in Child._meta.related_objects
        if relation.field.name == "child" and (relation.one_to_many or relation.one_to_one)
    ]


def _records_of(relation, child):
    return relation.related_model._base_manager.filter(**{relation.field.name: child})


def merge_preview(merge: Child) -> list[Moving]:
    """The records of `merge` that a merge moves, by kind, the kinds it has."""
    moving = []
    for relation in _relations():
        count = _records_of(relation, merge).count()
        if count:
            meta = relation.related_model._meta
            label = meta.verbose_name if count == 1 else meta.verbose_name_plural
            moving.append(Moving(str(label), count))
    return moving


def merge_errors(keep: Child, merge: Child) -> list[str]:
    """Why the two records cannot be one child, before anything moves."""
    errors = []
    if keep.pk == merge.pk or not is_suspected_pair(keep, merge):
        errors.append(_("These children do not share a name and a birth date."))
    if keep.iin and merge.iin and keep.iin != merge.iin:
        errors.append(
            _(
                "The records have different IINs (%(keep)s and %(merge)s): they are two "
                "children, or one IIN is wrong. Correct the IIN first."
            )
            % {"keep": keep.iin, "merge": merge.iin}
        )
    first, second = sorted((keep.pk, merge.pk))
    if NotDuplicate.objects.filter(child_a_id=first, child_b_id=second).exists():
        errors.append(_("These records are marked as different children."))
    return errors


def _overlap_errors(child: Child) -> list[str]:
    """A message for each kind of record of which the child now holds two at once."""
    errors = []
    for rule in merge_rules:
        if not isinstance(rule, OneAtATime):
            continue
        records = list(rule.model._base_manager.filter(child=child).order_by("start_date", "pk"))
        for index, record in enumerate(records):
            peers = [
                other
                for other in records[:index]
                if all(getattr(other, name) == getattr(record, name) for name in rule.by)
            ]
            clash = overlapping(record.start_date, record.end_date, peers)
            if clash is not None:
                errors.append(
                    _(
                        "%(kind)s would overlap: %(first)s and %(second)s. Correct or end one "
                        "of them before merging."
                    )
                    % {
                        "kind": str(rule.model._meta.verbose_name_plural).capitalize(),
                        "first": clash,
                        "second": record,
                    }
                )
                break
    return errors


def _transfer_errors(child: Child) -> list[str]:
    """The transfers must make one history: each from the district that kept the case
    then, the last to the district that keeps it now."""
    district_id = child.registered_district_id
    for transfer in child.transfers.order_by("date", "pk"):
        if transfer.from_district_id != district_id:
            break
        district_id = transfer.to_district_id
    else:
        if district_id == child.district_id:
            return []
    return [
        _(
            "The two records' transfers between districts do not make one history: "
            "correct them before merging."
        )
    ]


def _as_messages(error: ValidationError, record) -> list[str]:
    label = f"{str(record._meta.verbose_name).capitalize()} «{record}»"
    return [f"{label}: {message}" for message in error.messages]


@service
def child_merge(*, actor, keep: Child, merge: Child, reason: str) -> Child:
    """Make `keep` the one record of a child registered twice: every record of `merge`
    moves to it, `keep` takes the IIN and middle name `merge` has where it has none
    (nothing it holds is overwritten) and the earlier registration, and `merge` is
    deleted. Both are recorded in the audit trail with who merged them and why.

    Refused, with nothing written, for an officer who does not edit both cases; when the
    records are not a suspected pair, have different IINs or were marked different
    children; when a moved record breaks its rules, or two records of a kind the child
    has one at a time would overlap."""
    # Read again, locked: what the officer confirmed may have changed since, and the
    # caller's objects are left as they were if the merge is refused.
    locked = Child.objects.select_for_update(of=("self",)).select_related(
        "district", "registered_district"
    )
    keep, merge = locked.get(pk=keep.pk), locked.get(pk=merge.pk)
    if not (
        may_edit_cases_in(actor, keep.district_id) and may_edit_cases_in(actor, merge.district_id)
    ):
        raise PermissionDenied
    reason = reason.strip()
    errors = merge_errors(keep, merge)
    if not reason:
        errors.append(_("Say how you checked that the two records are one child."))
    if errors:
        raise ValidationError(errors)

    moved = {}
    problems: list[str] = []
    for relation in _relations():
        records = list(_records_of(relation, merge))
        if not records:
            continue
        model = relation.related_model
        if relation.one_to_one and _records_of(relation, keep).exists():
            if any(rule.model is model for rule in merge_rules if isinstance(rule, KeptOnce)):
                for record in records:
                    record.delete()
                continue
            problems.append(
                _("Both records have a %(record)s: a child has one. Keep one of them first.")
                % {"record": model._meta.verbose_name}
            )
            continue
        for record in records:
            setattr(record, relation.field.name, keep)
            try:
                record.full_clean()
            except ValidationError as error:
                problems += _as_messages(error, record)
                continue
            record.save()
        moved[model._meta.label_lower] = len(records)

    # The child came into the register with the earlier of its two registrations.
    if (merge.registered_on, merge.pk) < (keep.registered_on, keep.pk):
        keep.registered_on = merge.registered_on
        keep.registered_district = merge.registered_district
    filled = [name for name in FILLED_FIELDS if not getattr(keep, name) and getattr(merge, name)]
    problems += _overlap_errors(keep) + _transfer_errors(keep)
    if problems:
        raise ValidationError(problems)

    _pairs_move(keep, merge)
    merged_id = merge.pk  # gone once the record is deleted
    AuditEntry.objects.log_create(
        merge,
        force_log=True,
        action=AuditEntry.Action.UPDATE,
        changes={},
        additional_data={"merged_into": keep.pk, "reason": reason, "moved": moved},
    )
    values = {name: getattr(merge, name) for name in filled}
    merge.delete()
    for name, value in values.items():
        setattr(keep, name, value)
    keep.name_key = name_key(keep.last_name, keep.first_name)
    keep.search_key = search_key(keep.last_name, keep.first_name, keep.middle_name)
    keep.version += 1
    keep.full_clean()
    keep.save()
    AuditEntry.objects.log_create(
        keep,
        force_log=True,
        action=AuditEntry.Action.UPDATE,
        changes={},
        additional_data={"merged_from": merged_id, "reason": reason, "moved": moved},
    )
    return keep


def _pairs_move(keep: Child, merge: Child) -> None:
    """A pair of different children that names `merge` names `keep` instead (kept
    once); the records are suspected duplicates of the same children as before."""
    for pair in NotDuplicate.objects.filter(Q(child_a=merge) | Q(child_b=merge)):
        other_id = pair.child_b_id if pair.child_a_id == merge.pk else pair.child_a_id
        first, second = sorted((keep.pk, other_id))
        pair.delete()
        if (
            other_id != keep.pk
            and not NotDuplicate.objects.filter(child_a_id=first, child_b_id=second).exists()
        ):
            NotDuplicate.objects.create(
                child_a_id=first,
                child_b_id=second,
                marked_by=pair.marked_by,
                reason=pair.reason,
            )
