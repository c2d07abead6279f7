"""The audit trail and the access log, read-only, for the regional administrator.

Reading either is itself in the access log (the trail names children and shows what
was recorded about them)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.access import MANAGE_ROLES, role_required
from registry.audit import (
    children_on,
    describe_entries,
    describe_records,
    log_list_view,
    logged_list,
)
from registry.downloads import Column, download, wants_download
from registry.filters import AccessLogFilter, AuditEntryFilter
from registry.models import District, User
from registry.selectors import (
    access_log_visible_to,
    audit_entries_visible_to,
    districts_managed_by,
    users_managed_by,
)
from registry.views.helpers import paginate

TRAIL = logged_list(
    "audit_trail",
    _("Audit trail"),
    filterset=AuditEntryFilter,
    references={"actor": (User, "pk"), "district": (District, "pk")},
)
ACCESS_LOG = logged_list(
    "access_log", _("Access log"), filterset=AccessLogFilter, references={"user": (User, "pk")}
)


def _child_id(entry):
    return entry.child_id


def _described(entries: list) -> list:
    describe_entries(entries)
    return entries


# The access log's columns, as its page shows them (its Excel download).
ACCESS_LOG_COLUMNS = [
    Column(_("Time"), lambda entry: f"{timezone.localtime(entry.timestamp):%Y-%m-%d %H:%M:%S}"),
    Column(_("User"), lambda entry: str(entry.user) if entry.user else gettext("system")),
    Column(_("Action"), lambda entry: entry.get_action_display()),
    Column(_("What"), lambda entry: entry.what),
    Column(_("District"), lambda entry: str(entry.district) if entry.district else "—"),
    Column(_("Address"), lambda entry: entry.remote_addr or ""),
]


def _trail_rows(entries: list) -> list:
    describe_records(entries)
    return entries


def _changes(entry) -> str:
    return "\n".join(
        f"{str(field)[:1].upper()}{str(field)[1:]}: {before} → {after}"
        for field, before, after in entry.changes_shown
    )


# The trail's columns, as its page shows them (its Excel download).
TRAIL_COLUMNS = [
    Column(_("Time"), lambda entry: f"{timezone.localtime(entry.timestamp):%Y-%m-%d %H:%M:%S}"),
    Column(_("User"), lambda entry: entry.actor_label),
    Column(_("Action"), lambda entry: entry.get_action_display()),
    Column(_("Record"), lambda entry: f"{entry.record_type}: {entry.record_label}"),
    Column(_("District"), lambda entry: str(entry.district) if entry.district else "—"),
    Column(_("Before → after"), _changes),
]


@role_required(*MANAGE_ROLES)
def audit_trail(request):
    entries = AuditEntryFilter(
        request.GET or None,
        queryset=audit_entries_visible_to(request.user),
        users=users_managed_by(request.user),
        districts=districts_managed_by(request.user),
    )
    if wants_download(request):
        return download(
            request, TRAIL, entries.qs, TRAIL_COLUMNS, child_id=_child_id, prepare=_trail_rows
        )
    page = paginate(request, entries.qs)
    log_list_view(request, TRAIL, children=children_on(page, _child_id))
    describe_records(page.object_list)
    context = {"filter": entries, "page": page, "downloadable": True}
    return render(request, "registry/audit_trail.html", context)


@role_required(*MANAGE_ROLES)
def access_log(request):
    entries = AccessLogFilter(
        request.GET or None,
        queryset=access_log_visible_to(request.user),
        users=users_managed_by(request.user),
    )
    if wants_download(request):
        return download(
            request,
            ACCESS_LOG,
            entries.qs,
            ACCESS_LOG_COLUMNS,
            child_id=_child_id,
            prepare=_described,
        )
    page = paginate(request, entries.qs)
    # The page's own entry is written after its rows are read: it shows on the next.
    log_list_view(request, ACCESS_LOG, children=children_on(page, _child_id))
    describe_entries(page.object_list)
    context = {"filter": entries, "page": page, "downloadable": True}
    return render(request, "registry/access_log.html", context)
