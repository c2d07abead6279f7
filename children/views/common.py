from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from children.gaps import record_gap_list
from children.selectors import child_get_for
from registry.access import may_edit_cases_in
from registry.views.helpers import submit

CORRECT_INTRO = gettext_lazy(
    "Correct a mistake. The audit trail keeps what the record said before."
)


def child_for_edit(user, pk):
    """A child the user may edit: 404 outside their area, 403 where they only read."""
    child = child_get_for(user, pk)
    if not may_edit_cases_in(user, child.district_id):
        raise PermissionDenied
    return child


def form_page(request, child, form, title, conflict=(), intro="", anchor="", record=None):
    """The page of a form about one of the child's records, within the child's page;
    *Cancel* returns to the child's page at `anchor` (its section). With `record`, the
    page says which details the record does not state yet (children.gaps)."""
    context = {
        "child": child,
        "form": form,
        "title": title,
        "conflict": conflict,
        "intro": intro,
        "not_stated": record_gap_list(record) if record is not None else [],
        "cancel": child.get_absolute_url() + (f"#{anchor}" if anchor else ""),
    }
    return render(request, "children/child_form.html", context)


def saved(request, child, anchor=""):
    """After a save: back to the child's page at `anchor`, saying so."""
    messages.success(request, _("Saved."))
    return redirect(child.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def correct_page(request, child, record, *, form_class, save, title, anchor="", **kwargs):
    """The *Correct* form of one of the child's records: the form opens with the
    record's values of its fields, `save(cleaned_data)` runs the service; after a lost
    update the form shows the current values and what the user had typed
    (`form_class` takes `record=` and `initial=`, and `kwargs`)."""

    def form_for(current, data=None):
        initial = {field: getattr(current, field) for field in form_class.base_fields}
        return form_class(data, record=current, initial=initial, **kwargs)

    done, form, conflict = submit(
        request, form_for(record, request.POST or None), save, fresh=form_for
    )
    if done:
        return saved(request, child, anchor)
    return form_page(
        request, child, form, title, conflict, CORRECT_INTRO, anchor=anchor, record=record
    )
