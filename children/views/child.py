"""A child's page, its registration, identity and transfer."""

import contextlib
import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from children.extensions import child_sections, record_notes_of
from children.forms import ChildIdentityForm, ChildRegisterForm, TransferForm
from children.models import Category, StatusReason
from children.selectors import (
    child_audit_history,
    child_get_for,
    child_timeline,
    children_visible_to,
    with_situation,
)
from children.services.children import (
    DuplicateIIN,
    SimilarChildren,
    child_register,
    child_update_identity,
)
from children.services.transfers import child_transfer
from children.timeline import child_events
from children.views.common import child_for_edit, log_child_view
from registry.access import EDIT_ROLES, READ_ROLES, may_edit_cases_in, role_required
from registry.audit import describe_records
from registry.models import District
from registry.ordering import by_name
from registry.records.gaps import child_incomplete_records
from registry.records.views import form_page
from registry.views.helpers import add_rule_errors, add_service_errors, submit

IDENTITY_FIELDS = ("iin", "last_name", "first_name", "middle_name", "birth_date", "sex")
AUDIT_ROWS = 100


@role_required(*READ_ROLES)
def child_detail(request, pk):
    child = child_get_for(request.user, pk)
    day = timezone.localdate()
    situation = (
        with_situation(children_visible_to(request.user).filter(pk=child.pk), day)
        .values("status_category", "placement_form")
        .first()
    )
    log_child_view(request, child)
    timeline = child_timeline(child)
    context = {
        "child": child,
        "day": day,
        "situation": situation,
        "current_status": next(
            (s for s in reversed(timeline["statuses"]) if s.is_active_at(day)), None
        ),
        "current_placement": next(
            (p for p in reversed(timeline["placements"]) if p.is_active_at(day)), None
        ),
        "timeline": timeline,
        "events": child_events(child, timeline),
        "may_edit": may_edit_cases_in(request.user, child.district_id),
        "sections": child_sections.panels(request, child=child),
        "record_notes": record_notes_of(request, child),
        "audit": describe_records(child_audit_history(child)[:AUDIT_ROWS]),
        "incomplete": child_incomplete_records(child),
    }
    return render(request, "children/child_detail.html", context)


def _visible_or_none(user, child):
    return child if children_visible_to(user).filter(pk=child.pk).exists() else None


REGISTRATION_FIELDS = (
    "registered_on",
    "category",
    "reason",
    "status_start",
    "document",
    "confirm_similar",
)


@role_required(*EDIT_ROLES)
def child_register_view(request):
    user = request.user
    form = ChildRegisterForm(request.POST or None)
    similar = []

    def register(data):
        return child_register(
            actor=user,
            district=user.district,
            **{field: data[field] for field in (*IDENTITY_FIELDS, *REGISTRATION_FIELDS)},
        )

    def trial(data):
        with contextlib.suppress(DuplicateIIN, SimilarChildren):  # asked when complete
            register(data)

    if request.method == "POST" and form.is_bound and not form.is_valid():
        add_rule_errors(form, trial)  # every problem at once
    elif request.method == "POST" and form.is_valid():
        try:
            child = register(form.cleaned_data)
        except DuplicateIIN as error:
            existing = _visible_or_none(user, error.existing)
            if existing is not None:
                messages.error(
                    request,
                    _("This IIN is already in the register: %(name)s.")
                    % {"name": existing.full_name},
                )
                return redirect(existing)
            form.add_error(
                "iin",
                _(
                    "A child with this IIN is already in the register, in a district "
                    "you cannot see. Contact the regional office before registering."
                ),
            )
        except SimilarChildren as error:
            similar = [
                (child, _visible_or_none(user, child) is not None) for child in error.similar
            ]
            form.add_error(None, error.messages[0])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": child.full_name})
            return redirect(child)
    context = {"form": form, "similar": similar, "categories": Category, "reasons": StatusReason}
    return render(request, "children/child_register.html", context)


@role_required(*EDIT_ROLES)
def child_edit(request, pk):
    child = child_for_edit(request.user, pk)

    def update(data, child=child):
        return child_update_identity(
            actor=request.user,
            child=child,
            version=data["version"],
            **{field: data[field] for field in IDENTITY_FIELDS},
        )

    done, form, conflict = submit(
        request,
        ChildIdentityForm(request.POST or None, record=child),
        update,
        fresh=lambda current: ChildIdentityForm(record=current),
        trial=lambda data: update(data, copy.copy(child)),
    )
    if done:
        messages.success(request, _("Saved."))
        return redirect(child)
    return form_page(
        request, child, form, _("Identity of %(name)s") % {"name": child.full_name}, conflict
    )


@role_required(*EDIT_ROLES)
def child_transfer_view(request, pk):
    child = child_for_edit(request.user, pk)
    districts = (
        District.objects.filter(is_active=True)
        .exclude(pk=child.district_id)
        .select_related("region")
        .order_by(by_name("name"), "pk")
    )
    form = TransferForm(request.POST or None, record=child, districts=districts)

    def transfer(data, child=child):
        return child_transfer(
            actor=request.user,
            child=child,
            version=data["version"],
            to_district=data["to_district"],
            date=data["date"],
            note=data["note"],
        )

    done, form, _conflict = submit(
        request, form, transfer, trial=lambda data: transfer(data, copy.copy(child))
    )
    if done:
        messages.success(
            request,
            _("The case of %(name)s is handed over to %(district)s.")
            % {"name": child.full_name, "district": done.to_district},
        )
        return redirect("children:list")
    return form_page(
        request,
        child,
        form,
        _("Transfer to another district"),
        intro=_(
            "From the date of transfer the receiving district keeps the case; you will "
            "no longer see it. Past figures keep the child in your district."
        ),
    )
