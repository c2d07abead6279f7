"""A suspected duplicate, side by side: two children with the same name and birth
date. An officer of the district keeping both marks them as different children, or
follows the steps of a merge."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from children.forms import NotDuplicateForm
from children.selectors import (
    attach_institutions,
    child_get_for,
    children_visible_to,
    not_duplicate_of,
    with_situation,
)
from children.services.duplicates import is_suspected_pair, not_duplicate_add
from registry.access import READ_ROLES, may_edit_cases_in, role_required
from registry.audit import log_access
from registry.models import AccessLog
from registry.views.helpers import submit


@role_required(*READ_ROLES)
def duplicate_pair(request, pk, other):
    """Both children: 404 unless the user sees both and they share a name and a birth
    date; marking them different is for an officer who edits both."""
    user = request.user
    first, second = child_get_for(user, pk), child_get_for(user, other)
    if not is_suspected_pair(first, second):
        raise Http404
    may_mark = may_edit_cases_in(user, first.district_id) and may_edit_cases_in(
        user, second.district_id
    )
    if request.method == "POST" and not may_mark:
        raise PermissionDenied
    marked = not_duplicate_of(first, second)
    form = NotDuplicateForm(request.POST or None)
    if marked is None and may_mark:
        done, form, _conflict = submit(
            request,
            form,
            lambda data: not_duplicate_add(
                actor=user, child=first, other=second, reason=data["reason"]
            ),
        )
        if done:
            messages.success(request, _("Marked as different children."))
            return redirect("children:duplicate_pair", pk=first.pk, other=second.pk)
    day = timezone.localdate()
    pair = attach_institutions(
        with_situation(children_visible_to(user), day)
        .filter(pk__in=(first.pk, second.pk))
        .select_related("district", "registered_district")
        .order_by("registered_on", "pk")
    )
    for child in pair:
        log_access(
            user=user,
            action=AccessLog.Action.VIEW,
            description=f"{child.full_name} (#{child.pk})",
            region_id=child.district.region_id,
            district_id=child.district_id,
            child_id=child.pk,
            request=request,
        )
    older, newer = pair
    context = {
        "pair": pair,
        "older": older,
        "newer": newer,
        "day": day,
        "marked": marked,
        "may_mark": may_mark and marked is None,
        "may_edit_older": may_edit_cases_in(user, older.district_id),
        "form": form,
    }
    return render(request, "children/duplicate_pair.html", context)
