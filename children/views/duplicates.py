"""A suspected duplicate, side by side: two children with the same name and birth
date. Every reader compares them; an officer of the district keeping both marks them
as different children, or merges them into the record they choose."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from children.forms import ChildMergeForm, NotDuplicateForm
from children.models import Child
from children.selectors import (
    attach_institutions,
    child_get_for,
    children_visible_to,
    not_duplicate_of,
    with_situation,
)
from children.services.duplicates import is_suspected_pair, not_duplicate_add
from children.services.merge import FILLED_FIELDS, child_merge, merge_preview
from children.views.common import child_for_edit, log_child_view
from registry.access import EDIT_ROLES, READ_ROLES, may_edit_cases_in, role_required
from registry.services.base import rules_of
from registry.views.helpers import submit


def _suspected(first, second):
    if not is_suspected_pair(first, second):
        raise Http404
    return first, second


def _pair_page(request, first, second, form=None):
    user = request.user
    day = timezone.localdate()
    pair = attach_institutions(
        with_situation(children_visible_to(user), day)
        .filter(pk__in=(first.pk, second.pk))
        .select_related("district", "registered_district")
        .order_by("registered_on", "pk")
    )
    for child in pair:
        log_child_view(request, child)
    older, newer = pair
    marked = not_duplicate_of(first, second)
    may_mark = all(may_edit_cases_in(user, child.district_id) for child in pair)
    context = {
        "pair": pair,
        "older": older,
        "newer": newer,
        "day": day,
        "marked": marked,
        "may_mark": may_mark and marked is None,
        "form": form or NotDuplicateForm(),
        "mark_url": reverse("children:not_duplicate_add", args=(first.pk, second.pk)),
        "merge_form": ChildMergeForm(pair=pair, initial={"keep": older.pk}),
        "merge_url": reverse("children:child_merge", args=(first.pk, second.pk)),
    }
    return render(request, "children/duplicate_pair.html", context)


@role_required(*READ_ROLES)
def duplicate_pair(request, pk, other):
    """Both children: 404 unless the user sees both and they share a name and a birth
    date (in any spelling)."""
    user = request.user
    first, second = _suspected(child_get_for(user, pk), child_get_for(user, other))
    return _pair_page(request, first, second)


@role_required(*EDIT_ROLES)
def not_duplicate_add_view(request, pk, other):
    """Mark the pair as two different children: for an officer who edits both (404
    outside the area, 403 where the officer only reads one)."""
    user = request.user
    first, second = _suspected(child_for_edit(user, pk), child_for_edit(user, other))
    done, form, _conflict = submit(
        request,
        NotDuplicateForm(request.POST or None),
        lambda data: not_duplicate_add(
            actor=user, child=first, other=second, reason=data["reason"]
        ),
    )
    if done:
        messages.success(request, _("Marked as different children."))
        return redirect("children:duplicate_pair", pk=first.pk, other=second.pk)
    return _pair_page(request, first, second, form)


def _chosen(pair, value):
    """The record the officer chose to keep (the one registered first by default), and
    the one merged into it."""
    older, newer = pair
    try:
        chosen = int(value)
    except (TypeError, ValueError):
        chosen = older.pk
    return (newer, older) if chosen == newer.pk else (older, newer)


@role_required(*EDIT_ROLES)
def child_merge_view(request, pk, other):
    """Merge the pair into the record the officer chose: what will move and what the
    kept record takes, then the merge on confirmation. For an officer who edits both
    (404 outside the area, 403 where the officer only reads one)."""
    user = request.user
    first, second = _suspected(child_for_edit(user, pk), child_for_edit(user, other))
    pair = sorted((first, second), key=lambda child: (child.registered_on, child.pk))
    keep, merge = _chosen(pair, request.POST.get("keep") or request.GET.get("keep"))
    form = ChildMergeForm(request.POST or None, pair=pair, initial={"keep": keep.pk})
    form.fields["keep"].widget = forms.HiddenInput()
    done, form, _conflict = submit(
        request,
        form,
        lambda data: child_merge(actor=user, keep=keep, merge=merge, reason=data["reason"]),
    )
    if done:
        messages.success(
            request,
            _("Record #%(merged)s is merged into this record.") % {"merged": merge.pk},
        )
        return redirect(done.get_absolute_url())
    for child in pair:
        log_child_view(request, child)
    # What the merge would say, tried and rolled back: the officer sees before
    # confirming whether it can be done (different IINs, records that would overlap).
    trial = rules_of(lambda: child_merge(actor=user, keep=keep, merge=merge, reason="(trial)"))
    context = {
        "keep": keep,
        "merge": merge,
        "moving": merge_preview(merge),
        "filled": [
            (Child._meta.get_field(name).verbose_name, getattr(merge, name))
            for name in FILLED_FIELDS
            if not getattr(keep, name) and getattr(merge, name)
        ],
        "earlier_registration": merge.registered_on < keep.registered_on,
        "blockers": trial.messages if trial is not None else [],
        "form": form,
        "pair_url": reverse("children:duplicate_pair", args=(first.pk, second.pk)),
    }
    return render(request, "children/child_merge.html", context)
