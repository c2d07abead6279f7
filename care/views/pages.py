"""The care app's own pages: the work list, the visit schedule rules, youth homes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from care.forms import ScheduleRuleForm
from care.selectors import (
    DUE_SOON_DAYS,
    danger_visits_for_table,
    schedule_rules_managed_by,
    schedule_rules_visible_to,
    waiting_list,
    youth_homes_overview,
)
from care.services.schedules import schedule_rule_update
from care.worklist import district_overview, work_list
from children.selectors import children_visible_to
from registry.access import MANAGE_ROLES, READ_ROLES, role_required
from registry.models import Role
from registry.records.gaps import as_records, incomplete_records
from registry.views.helpers import paginate, submit


@role_required(*READ_ROLES)
def work_list_view(request):
    """Officers: everything due, by urgency. Others: the districts' figures and the
    visits that found a child in danger, until every action after them is done."""
    user = request.user
    day = timezone.localdate()
    context = {"day": day, "soon_days": DUE_SOON_DAYS}
    if user.role == Role.OFFICER:
        context["items"] = work_list(user, day)
        incomplete = paginate(request, incomplete_records(children_visible_to(user)))
        incomplete.object_list = as_records(incomplete.object_list)
        context["incomplete"] = incomplete
    else:
        context["districts"] = district_overview(user, day)
        context["show_region"] = user.role == Role.NATIONAL
        context["danger"] = paginate(request, danger_visits_for_table(user))
    return render(request, "care/work_list.html", context)


@role_required(*READ_ROLES)
def rule_list(request):
    """Each region's schedule: the user's region's, every region's for national users;
    the region's administrators edit it."""
    user = request.user
    context = {
        "rules": schedule_rules_visible_to(user),
        "managed_region_id": user.region_id if user.role in MANAGE_ROLES else None,
    }
    return render(request, "care/rule_list.html", context)


@role_required(*MANAGE_ROLES)
def rule_edit(request, pk):
    """Another region's rule answers 404: its administrators alone change it."""
    rule = get_object_or_404(schedule_rules_managed_by(request.user), pk=pk)
    done, form, conflict = submit(
        request,
        ScheduleRuleForm(request.POST or None, record=rule),
        lambda data: schedule_rule_update(actor=request.user, rule=rule, **data),
        fresh=lambda current: ScheduleRuleForm(record=current),
    )
    if done:
        messages.success(
            request,
            _("The visit schedule for %(form)s is saved; the due visits are recomputed.")
            % {"form": rule.get_form_display()},
        )
        return redirect("care:rule_list")
    context = {"rule": rule, "form": form, "conflict": conflict}
    return render(request, "care/rule_form.html", context)


@role_required(*READ_ROLES)
def youth_homes_view(request):
    """Each youth home: places, occupants, free places and who waits for it. The
    figures count every young person; the names are those the user may see."""
    day = timezone.localdate()
    context = {"day": day, **youth_homes_overview(request.user, day)}
    return render(request, "care/youth_homes.html", context)


@role_required(*READ_ROLES)
def waiting_list_view(request):
    day = timezone.localdate()
    page = paginate(request, waiting_list(request.user, day))
    context = {
        "day": day,
        "page": page,
        "show_district": request.user.role != Role.OFFICER,
    }
    return render(request, "care/waiting_list.html", context)
