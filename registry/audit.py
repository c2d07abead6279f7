"""Who acts, and the access log of personal data.

Changes are logged by django-auditlog's signals into `AuditEntry`; this module tells
it who is acting (services run inside `acting_as(actor)`) and writes the access log:
opening a record, exporting, and every view of a list of children (`LoggedList`,
`log_list_view`), which the access-log page describes in the reader's language
(`describe_entries`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ipware import get_client_ip

from registry.actor import acting_as, current_actor
from registry.models import AccessLog
from registry.models.audit import SECRET_FIELDS

__all__ = [
    "LoggedList",
    "acting_as",
    "audit_register",
    "client_address",
    "current_actor",
    "describe_entries",
    "describe_records",
    "log_access",
    "log_list_view",
    "logged_list",
    "record_refused_change",
    "system_actor",
]

# Bookkeeping columns that are not facts about the child.
UNTRACKED_FIELDS = ["version"]


def audit_register(model, exclude_fields=(), **options) -> None:
    """Track every create, change and delete of `model` in the audit trail; a secret
    field (SECRET_FIELDS: a password's hash) is never recorded, not even masked."""
    from auditlog.registry import auditlog

    # Reverse relations ("a district's users") are not values of the record itself.
    reverse = [
        field.name
        for field in model._meta.get_fields()
        if field.auto_created and not field.concrete
    ]
    auditlog.register(
        model,
        exclude_fields=[*UNTRACKED_FIELDS, *SECRET_FIELDS, *reverse, *exclude_fields],
        **options,
    )


SYSTEM_USERNAME = "system"


def system_actor():
    """The account that stands for the register itself (commands without a user)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False, "first_name": "System"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def client_address(request) -> str | None:
    """The address of the client that sent `request`, the one place that decides it:
    axes throttles sign-ins by it (AXES_CLIENT_IP_CALLABLE), the audit trail
    (registry.middleware.AuditlogMiddleware) and the access log record it.

    Without trusted proxies (TRUSTED_PROXIES=0) it is REMOTE_ADDR, whatever
    X-Forwarded-For says. Behind N proxies that each append the address they were
    reached from, it is the N-th address from the right of X-Forwarded-For: what
    the outermost proxy saw. Addresses further left were written by the client and
    are never taken. A request without enough of them (it did not come through the
    proxies) falls back to REMOTE_ADDR.
    """
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        # django-ipware counts the proxies listed after the client in the header; the
        # proxy nearest the application is not listed there: it is REMOTE_ADDR.
        address, _public = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,  # at least N-1 listed; what the client wrote on the left is skipped
        )
        if address is not None:
            return address
    return request.META.get("REMOTE_ADDR")


def log_access(
    *,
    user,
    action: str,
    description: str,
    region_id: int | None = None,
    district_id: int | None = None,
    child_id: int | None = None,
    parameters: dict | None = None,
    request=None,
) -> AccessLog:
    """Record that `user` read or exported personal data."""
    return AccessLog.objects.create(
        user=user if user is not None and user.pk else None,
        action=action,
        description=description[:300],
        region_id=region_id,
        district_id=district_id,
        child_id=child_id,
        parameters=parameters or {},
        remote_addr=client_address(request),
    )


# --- views of lists --------------------------------------------------------------
MAX_PARAMETERS = 30  # query parameters kept of one view; the rest is not a filter
MAX_VALUE = 200  # characters kept of one parameter's name or value
PARAMETER_LABELS = {"page": gettext_lazy("page")}


@dataclass(frozen=True)
class LoggedList:
    """A page listing children (or records of children) whose every view is in the
    access log. `name` is kept with each entry; the access-log page names the list by
    `label` and its parameters by the labels (and choices) of `filterset`, or of
    `parameters`, in the reader's language. A parameter in `references` holds a
    record's key, (model, key field): its name is shown; one in `values` is named by
    the function (e.g. an indicator's key)."""

    name: str
    label: str
    filterset: type | None = None
    parameters: Mapping[str, str] = field(default_factory=dict)
    references: Mapping[str, tuple] = field(default_factory=dict)
    values: Mapping[str, Callable] = field(default_factory=dict)

    def parameter_label(self, key: str) -> str:
        if key in self.parameters:
            return str(self.parameters[key])
        declared = getattr(self.filterset, "base_filters", {}).get(key)
        if declared is not None and declared.label:
            return str(declared.label)
        return str(PARAMETER_LABELS.get(key, key))

    def value_label(self, key: str, value: str, names: dict) -> str:
        if key in self.values:
            return str(self.values[key](value))
        if key in self.references:
            return names.get(self.references[key], {}).get(value, value)
        declared = getattr(self.filterset, "base_filters", {}).get(key)
        choices = declared.extra.get("choices") if declared is not None else None
        if isinstance(choices, list | tuple):
            return str(dict(choices).get(value, value))
        return value


LOGGED_LISTS: dict[str, LoggedList] = {}

# How an app's access-log entries of one kind read, in the reader's language: an entry
# names its kind in its parameters ("described_by"); the function is given the entry
# (its parameters, region and district). The stored description (English) is kept for
# an entry of a kind nobody describes.
ACCESS_DESCRIPTIONS: dict[str, Callable] = {}


def logged_list(name: str, label, **options) -> LoggedList:
    """Declare a list whose views are logged (once, where its view is defined)."""
    listed = LOGGED_LISTS[name] = LoggedList(name, label, **options)
    return listed


def query_parameters(query) -> list[list[str]]:
    """A request's query parameters as given (not the whole URL): [name, value] pairs
    in their order, a repeated name once a value (a JSON object would lose both on
    PostgreSQL); at most MAX_PARAMETERS, names and values cut to MAX_VALUE characters."""
    pairs = [(key, value) for key, values in query.lists() for value in values]
    return [[key[:MAX_VALUE], value[:MAX_VALUE]] for key, value in pairs[:MAX_PARAMETERS]]


def children_on(page, child_id=None) -> int:
    """The children a page of a list shows, each once: its rows, or, with `child_id`
    (a row's child's id or None), the rows' children. Evaluates the page's rows (the
    template then reads them without a query)."""
    page.object_list = rows = list(page.object_list)
    if child_id is None:
        return len(rows)
    return len({child_id(row) for row in rows} - {None})


def log_list_view(request, listed: LoggedList, *, children: int) -> AccessLog:
    """One access-log entry for one view of a list: which list, its filter as given,
    how many children the page shows; filed under the reader's area."""
    user = request.user
    with translation.override("en"):
        description = str(listed.label)
    return log_access(
        user=user,
        action=AccessLog.Action.LIST,
        description=description,
        region_id=user.area_region_id,
        district_id=user.district_id,
        parameters={
            "list": listed.name,
            "filter": query_parameters(request.GET),
            "children": children,
        },
        request=request,
    )


def describe_entries(entries) -> None:
    """Give each access-log entry `what`: its description, or, for a view of a list,
    the list, its filter and the children shown, in the current language. The records
    the filters name (districts, accounts, …) are read at once, one query per kind."""
    listed_entries = []
    wanted = defaultdict(set)  # (model, key field) -> values
    for entry in entries:
        entry.what = entry.description
        described_by = ACCESS_DESCRIPTIONS.get((entry.parameters or {}).get("described_by"))
        if described_by is not None:
            entry.what = described_by(entry)
        listed = LOGGED_LISTS.get((entry.parameters or {}).get("list"))
        if entry.action != AccessLog.Action.LIST or listed is None:
            continue
        listed_entries.append((entry, listed))
        for key, value in _filter_of(entry):
            if key in listed.references:
                wanted[listed.references[key]].add(value)
    names = {}
    for (model, key_field), values in wanted.items():
        found = model._default_manager.filter(**{f"{key_field}__in": sorted(values)})
        names[(model, key_field)] = {str(getattr(obj, key_field)): str(obj) for obj in found}
    for entry, listed in listed_entries:
        shown = {}
        for key, value in _filter_of(entry):
            label = listed.parameter_label(key)
            named = listed.value_label(key, value, names)
            shown[label] = f"{shown[label]}, {named}" if label in shown else named
        values = {"list": listed.label, "count": entry.parameters.get("children", 0)}
        if shown:
            values["filter"] = "; ".join(f"{name}: {value}" for name, value in shown.items())
            entry.what = _("%(list)s (%(filter)s); children shown: %(count)s") % values
        else:
            entry.what = _("%(list)s; children shown: %(count)s") % values


def _filter_of(entry):
    """(parameter, value) for each value of the entry's filter."""
    for pair in entry.parameters.get("filter") or ():
        if isinstance(pair, list | tuple) and len(pair) == 2:
            yield str(pair[0]), str(pair[1])


# --- the audit trail as a reader sees it ----------------------------------------------
# Columns that are the database's own bookkeeping, not facts: not shown.
HIDDEN_CHANGES = {"id"}


def describe_records(entries) -> list:
    """Give each audit entry, in the reader's language, `record_label` (the record as
    it reads now: the label stored with the entry is in the writer's language; a
    record that is no longer there keeps it), `actor_label` and `changes_shown`
    ((field, before, after) rows). The records are read at once, one query per kind."""
    entries = list(entries)
    wanted = defaultdict(set)
    for entry in entries:
        wanted[entry.content_type_id].add(entry.object_pk)
    found = {}
    kinds = {entry.content_type_id: entry.content_type for entry in entries}
    for type_id, keys in wanted.items():
        model = kinds[type_id].model_class()
        if model is None:
            continue
        related = [
            field.name
            for field in model._meta.concrete_fields
            if field.many_to_one or field.one_to_one
        ]
        rows = model._default_manager.select_related(*related).filter(pk__in=sorted(keys))
        found[type_id] = {str(row.pk): row for row in rows}
    names = _names_now(entries)
    for entry in entries:
        record = found.get(entry.content_type_id, {}).get(entry.object_pk)
        entry.record_label = str(record) if record is not None else entry.object_repr
        entry.actor_label = actor_label(entry.actor)
        entry.changes_shown = changes_shown(entry, names)
    return entries


# A link to a district, a region or an institution is kept in the trail as the name the
# writer read (AUDITLOG_USE_FK_STRING_REPRESENTATION): it is shown by its name in the
# reader's language when one of its names matches.
NAME_FIELDS = ("name_kk", "name_ru", "name_en")


def _named_target(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    target = field.related_model if field.many_to_one else None
    if target is None:
        return None
    own = {f.name for f in target._meta.concrete_fields}
    return target if {"name_kk", "name_ru"} <= own else None


def _names_now(entries) -> dict[str, str]:
    """Each name (in any language) of the named records the entries link to → its name
    in the reader's language; one query per kind of named record."""
    wanted = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None:
            continue
        for name, values in (entry.changes_dict or {}).items():
            target = _named_target(model, name)
            if target is not None:
                wanted[target].update(str(v) for v in values if v not in (None, "", "None"))
    names = {}
    for target, values in wanted.items():
        own = {f.name for f in target._meta.concrete_fields}
        match = Q()
        for column in NAME_FIELDS:
            if column in own:
                match |= Q(**{f"{column}__in": sorted(values)})
        for row in target._default_manager.filter(match):
            for column in NAME_FIELDS:
                if getattr(row, column, ""):
                    names[getattr(row, column)] = str(row)
    return names


def actor_label(user) -> str:
    """Who made a change: the register itself reads as "system" in every language."""
    if user is None or user.username == SYSTEM_USERNAME:
        return _("system")
    return str(user)


def changes_shown(entry, names=None) -> list[tuple[str, str, str]]:
    """(field, before, after) of an entry in the reader's language, without the
    bookkeeping columns; a yes/no value reads as a word, not Python's True/False."""
    model = entry.content_type.model_class()
    fields = {}
    if model is not None:
        fields = {str(field.verbose_name): field for field in model._meta.concrete_fields}
    rows = []
    for label, values in entry.changes_display_dict.items():
        field = fields.get(str(label))
        if field is not None and (field.primary_key or field.name in HIDDEN_CHANGES):
            continue
        if field is None and str(label).lower() in HIDDEN_CHANGES:
            continue
        before, after = [*values, None, None][:2]
        if names and field is not None and field.many_to_one:
            before, after = names.get(before, before), names.get(after, after)
        # A library's field is named in plain English: the project's catalogue has it.
        rows.append((_(str(label)), _shown_value(before, field), _shown_value(after, field)))
    return rows


def _shown_value(value, field=None) -> str:
    if value in (None, "", "None", "**ne"):  # "**ne": nothing, masked (a password)
        return "—"
    if field is not None and field.get_internal_type() == "DecimalField":
        try:  # an amount as the reader's language writes it: 42 500,50
            return number_format(Decimal(str(value)), force_grouping=True)
        except InvalidOperation:
            return str(value)
    if value == "True":
        return _("yes")
    if value == "False":
        return _("no")
    return str(value)


def record_refused_change(*, actor, current, attempted: dict):
    """An audit entry for a save refused as a lost update: the values the record has
    and the values the refused save would have written, marked as refused."""
    from registry.models import AuditEntry

    fields = {field.name: field for field in current._meta.concrete_fields}
    changes = {}
    for name, value in attempted.items():
        if name in fields and name != "version":
            now = getattr(current, name)
            if now != value:
                changes[name] = [
                    str(now) if now is not None else None,
                    str(value) if value is not None else None,
                ]
    with acting_as(actor):
        return AuditEntry.objects.log_create(
            current,
            force_log=True,
            action=AuditEntry.Action.UPDATE,
            changes=changes,
            additional_data={
                "refused": "edit_conflict",
                "version": getattr(current, "version", None),
            },
        )
