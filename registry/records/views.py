"""The pages that add, end and correct a child's records, from one declaration per kind
of record.

A kind of record is declared once (`RecordViews`): its model, where its URLs live, its
section of the owner's page, and its actions (`Action`): the form, the service it runs,
the title. The views, their URLs and the conflict handling come from the declaration,
in the manner of wagtail's `ModelViewSet` (one declaration, its views and URLs), kept
to what these pages need: a form about a record, or a new one, on the owner's page.

Every action is for the district's officers (`EDIT_ROLES`) and works on a record of an
owner they may edit: the owner (the child) is looked up by the app that owns records,
which registers its lookup with `set_owner` (a record of another district answers
404, a reader 403). After a save the user is back on the owner's page at the kind's
section; a form that corrects a record opens with its values and, after a lost update,
shows the current values beside what the user had typed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.access import EDIT_ROLES, role_required
from registry.forms import VersionedFormMixin
from registry.records.gaps import record_gap_list
from registry.views.helpers import submit

CORRECT_INTRO = gettext_lazy(
    "Correct a mistake. The audit trail keeps what the record said before."
)

_OWNER: dict[str, Callable] = {}


def set_owner(for_edit: Callable) -> None:
    """Register how the owner of records is found for editing: `for_edit(user, pk)`
    returns it, or raises Http404 (outside the user's area) or PermissionDenied (a
    reader). The children app registers the child."""
    _OWNER["for_edit"] = for_edit


def owner_for_edit(user, pk):
    return _OWNER["for_edit"](user, pk)


def _at(owner, anchor: str) -> str:
    return owner.get_absolute_url() + (f"#{anchor}" if anchor else "")


def form_page(request, owner, form, title, conflict=(), intro="", anchor="", record=None):
    """The page of a form about one of the owner's records, within the owner's page;
    *Cancel* returns to the owner's page at `anchor` (its section). With `record`, the
    page says which details the record does not state yet (registry.records.gaps)."""
    context = {
        "owner": owner,
        "form": form,
        "title": title,
        "conflict": conflict,
        "intro": intro,
        "not_stated": record_gap_list(record) if record is not None else [],
        "cancel": _at(owner, anchor),
    }
    return render(request, "registry/record_form.html", context)


def saved(request, owner, anchor=""):
    """After a save: back to the owner's page at `anchor`, saying so."""
    messages.success(request, _("Saved."))
    return redirect(_at(owner, anchor))


def record_values(record, form_class) -> dict:
    """A record's values for the fields of a form that corrects it."""
    return {
        name: getattr(record, name)
        for name in form_class.base_fields
        if name != "version" and hasattr(record, name)
    }


@dataclass(frozen=True)
class Action:
    """One form of a kind of record.

    - `path` and `name`: the URL below the record (or below the kind, for a new
      record: `on_record=False`) and its name;
    - `form`: a form class; a versioned one (VersionedForm, VersionedFormMixin) gets the
      record (`record=`) and carries its version;
    - `service(actor=, <record or "child">=, **cleaned_data)`: what saving does;
    - `title`: text, or a function of the record;
    - `fills`: the form opens with the record's values of its fields (a correction):
      after a lost update it shows the current values and what the user had typed,
      and the page says what the record does not state yet;
    - `options(request, owner, record)`: further keyword arguments of the form (its
      choices, its initial values);
    - `takes`: the keyword the service takes the record by (a new one: its owner by),
      when not the kind's (`child`); None: neither, the form's data names it.
    """

    path: str
    name: str
    form: type
    service: Callable
    title: Any
    intro: Any = ""
    on_record: bool = True
    fills: bool = False
    options: Callable | None = None
    takes: str | None = ""


@dataclass(frozen=True)
class RecordViews:
    """A kind of a child's records, declared once.

    - `model`, and `owner_path`: how a record reaches its owner ("child",
      "visit__child");
    - `prefix`: its URLs, below the owner's ("statuses" → children/<pk>/statuses/…);
    - `record`: its name, which names the URL argument (`<record>_pk`) and the
      service's keyword;
    - `anchor`: its section on the owner's page;
    - `single`: the owner has one record of this kind at most (its URLs name none);
    - `related`: what to read with the record (select_related).
    """

    model: type
    prefix: str
    record: str
    actions: tuple[Action, ...]
    anchor: str = ""
    owner_path: str = "child"
    single: bool = False
    related: tuple[str, ...] = ()
    base: str = "children/<int:pk>/"

    def record_of(self, owner, kwargs):
        records = self.model._default_manager.filter(**{self.owner_path: owner})
        if self.related:
            records = records.select_related(*self.related)
        if self.single:
            return get_object_or_404(records)
        return get_object_or_404(records, pk=kwargs[f"{self.record}_pk"])

    def view(self, action: Action):
        kind = self

        @role_required(*EDIT_ROLES)
        def record_view(request, pk, **kwargs):
            owner = owner_for_edit(request.user, pk)
            record = kind.record_of(owner, kwargs) if action.on_record else None
            options = action.options(request, owner, record) if action.options else {}
            versioned = issubclass(action.form, VersionedFormMixin)

            def form_for(current, data=None):
                extra = dict(options)
                if versioned and current is not None:
                    extra["record"] = current
                if action.fills:
                    extra["initial"] = record_values(current, action.form)
                return action.form(data, **extra)

            def save(data, record=record, owner=owner):
                if action.takes is None:  # the form's data names what the record hangs on
                    target = {}
                elif record is not None:
                    target = {action.takes or kind.record: record}
                else:
                    target = {action.takes or "child": owner}
                return action.service(actor=request.user, **target, **data)

            def trial(data):  # on copies: the page goes on showing the record as it is
                return save(data, copy.copy(record), copy.copy(owner))

            done, form, conflict = submit(
                request,
                form_for(record, request.POST or None),
                save,
                fresh=form_for if action.fills else None,
                trial=trial,
            )
            if done:
                return saved(request, owner, kind.anchor)
            title = action.title(record) if callable(action.title) else action.title
            return form_page(
                request,
                owner,
                form,
                title,
                conflict,
                action.intro,
                anchor=kind.anchor,
                record=record if action.fills else None,
            )

        record_view.__name__ = action.name
        return record_view

    def urls(self) -> list:
        """The URL patterns of every action of the kind."""
        patterns = []
        for action in self.actions:
            below = f"{self.base}{self.prefix}/"
            if action.on_record and not self.single:
                below += f"<int:{self.record}_pk>/"
            patterns.append(path(f"{below}{action.path}", self.view(action), name=action.name))
        return patterns


def record_urls(*kinds: RecordViews) -> list:
    return [pattern for kind in kinds for pattern in kind.urls()]
