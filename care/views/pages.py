"""The care app's own pages: the work list, the visit schedule rules, youth homes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from care.forms import ScheduleRuleForm
from care.jobs import SCHEDULE_REBUILD
from care.selectors import (
    DUE_SOON_DAYS,
    danger_visits_for_table,
    schedule_rules_managed_by,
    schedule_rules_visible_to,
    waiting_list,
    youth_homes_overview,
)
from care.services.schedules import schedule_rule_update
from care.templatetags.care_tags import days_until
from care.worklist import district_overview, work_list
from children.selectors import children_visible_to
from children.templatetags.children_tags import age_on
from registry.access import MANAGE_ROLES, READ_ROLES, role_required
from registry.audit import children_on, log_list_view, logged_list
from registry.downloads import Column, download, wants_download
from registry.models import Job, Role
from registry.records.gaps import as_records, incomplete_records
from registry.selectors import jobs_visible_to
from registry.services.jobs import job_enqueue, jobs_fail_stale
from registry.views.helpers import paginate, submit

# The waiting list names young people: its views and downloads are in the access log.
WAITING = logged_list("care_waiting", gettext_lazy("Youth home waiting list"))

DANGER = logged_list(
    "care_danger", gettext_lazy("Visits that found a child in danger, until every action is done")
)


# An officer's work list names the district's children: its downloads are logged.
WORK_LIST = logged_list("care_work_list", gettext_lazy("Work list"))

# The youth homes' places and occupants (figures, not names): logged when downloaded,
# like every list.
YOUTH_HOMES = logged_list("care_youth_homes", gettext_lazy("Youth homes"))


def work_list_columns() -> list[Column]:
    """The officer's work list's columns, as the page shows them."""
    return [
        Column(gettext_lazy("Child"), lambda item: item.child_name),
        Column(gettext_lazy("What is due"), lambda item: item.title),
        Column(gettext_lazy("Details"), lambda item: item.detail),
    ]


def _home_name(row) -> str:
    home = row["home"]
    return str(home) if home.is_active else f"{home} {_('closed')}"


def _or_dash(value):
    return "—" if value is None else value


def youth_home_columns() -> list[Column]:
    """The youth homes' table, as the page shows it."""
    return [
        Column(gettext_lazy("Youth home"), _home_name),
        Column(gettext_lazy("District"), lambda row: str(row["home"].district)),
        Column(gettext_lazy("Places"), lambda row: _or_dash(row["home"].capacity)),
        Column(gettext_lazy("Occupied"), lambda row: row["home"].occupied),
        Column(gettext_lazy("Free"), lambda row: _or_dash(row["free"])),
        Column(gettext_lazy("Waiting for this home"), lambda row: row["home"].waiting),
    ]


def _no_child(row) -> None:
    return None


def _first_due(visit):
    if visit.first_due:
        return visit.first_due
    return _("not stated") if visit.open_actions else _("no action recorded")


def danger_columns() -> list[Column]:
    """The danger visits' columns, as the readers' follow-up page shows them."""
    return [
        Column(gettext_lazy("Child"), lambda visit: visit.child.full_name),
        Column(gettext_lazy("District"), lambda visit: str(visit.child.district)),
        Column(
            gettext_lazy("Visit"),
            lambda visit: f"{visit.date:%d.%m.%Y} · {visit.placement.get_form_display()}",
        ),
        Column(gettext_lazy("Open actions"), lambda visit: visit.open_actions),
        Column(gettext_lazy("First due by"), _first_due),
    ]


def waiting_columns(day, show_district: bool) -> list[Column]:
    """The waiting list's columns, as its page shows them (its Excel download)."""
    return [
        Column(gettext_lazy("Name"), lambda entry: entry.child.full_name),
        *(
            [Column(gettext_lazy("District"), lambda entry: str(entry.child.district))]
            if show_district
            else []
        ),
        Column(gettext_lazy("Birth date"), lambda entry: entry.child.birth_date),
        Column(gettext_lazy("Age"), lambda entry: age_on(entry.child.birth_date, day)),
        Column(gettext_lazy("On the list since"), lambda entry: entry.start_date),
        Column(gettext_lazy("Days waiting"), lambda entry: days_until(entry.start_date, day)),
        Column(
            gettext_lazy("Preferred youth home"),
            lambda entry: str(entry.institution) if entry.institution else "—",
        ),
    ]


@role_required(*READ_ROLES)
def work_list_view(request):
    """Officers: everything due, by urgency. Others: the districts' figures and the
    visits that found a child in danger, until every action after them is done."""
    user = request.user
    day = timezone.localdate()
    context = {"day": day, "soon_days": DUE_SOON_DAYS}
    if user.role == Role.OFFICER:
        context["items"] = items = work_list(user, day)
        if wants_download(request):  # the work items, every one
            return download(
                request, WORK_LIST, items, work_list_columns(), child_id=lambda item: item.child_id
            )
        context["downloadable"] = True
        incomplete = paginate(request, incomplete_records(children_visible_to(user)))
        incomplete.object_list = as_records(incomplete.object_list)
        context["incomplete"] = incomplete
    elif wants_download(request):  # the danger visits, every one
        rows = danger_visits_for_table(user)
        return download(request, DANGER, rows, danger_columns(), child_id=_child_of)
    else:
        context["districts"] = district_overview(user, day)
        context["show_region"] = user.role == Role.NATIONAL
        context["danger"] = paginate(request, danger_visits_for_table(user))
        context["downloadable"] = True
    return render(request, "care/work_list.html", context)


@role_required(*READ_ROLES)
def rule_list(request):
    """Each region's schedule: the user's region's, every region's for national users;
    the region's administrators edit it."""
    user = request.user
    jobs_fail_stale()
    context = {
        "rules": schedule_rules_visible_to(user),
        "managed_region_id": user.region_id if user.role in MANAGE_ROLES else None,
        # Rebuilds still under way, each linking its job (`care.jobs`).
        "rebuilds": jobs_visible_to(user)
        .filter(kind=SCHEDULE_REBUILD, phase__in=(Job.Phase.QUEUED, *Job.RUNNING))
        .order_by("created", "pk"),
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
        job = job_enqueue(done.rebuild_job)
        values = {"form": rule.get_form_display()}
        if job.phase == job.Phase.DONE:
            messages.success(
                request,
                _("The visit schedule for %(form)s is saved; the due visits are recomputed.")
                % values,
            )
        elif job.phase == job.Phase.FAILED:
            messages.error(
                request,
                _(
                    "The visit schedule for %(form)s is saved, but its due visits could not "
                    "be recomputed: save it again."
                )
                % values,
            )
        else:
            messages.info(
                request,
                _("The visit schedule for %(form)s is saved; its due visits are being recomputed.")
                % values,
            )
        return redirect("care:rule_list")
    context = {"rule": rule, "form": form, "conflict": conflict}
    return render(request, "care/rule_form.html", context)


@role_required(*READ_ROLES)
def youth_homes_view(request):
    """Each youth home: places, occupants, free places and who waits for it. The
    figures count every young person; the names are those the user may see."""
    day = timezone.localdate()
    overview = youth_homes_overview(request.user, day)
    if wants_download(request):
        return download(
            request, YOUTH_HOMES, overview["rows"], youth_home_columns(), child_id=_no_child
        )
    context = {"day": day, "downloadable": True, **overview}
    return render(request, "care/youth_homes.html", context)


def _child_of(entry) -> int:
    return entry.child_id


@role_required(*READ_ROLES)
def waiting_list_view(request):
    day = timezone.localdate()
    rows = waiting_list(request.user, day)
    show_district = request.user.role != Role.OFFICER
    if wants_download(request):
        columns = waiting_columns(day, show_district)
        return download(request, WAITING, rows, columns, child_id=_child_of)
    page = paginate(request, rows)
    log_list_view(request, WAITING, children=children_on(page, _child_of))
    context = {
        "day": day,
        "page": page,
        "show_district": show_district,
        "downloadable": True,
    }
    return render(request, "care/waiting_list.html", context)
