from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.choices import flatten_choices

from registry.audit import children_on, log_list_view
from registry.downloads import download, wants_download
from registry.services.base import EditConflict, rules_of

PAGE_SIZE = 50


def add_rule_errors(form, trial) -> None:
    """On a form with errors: what the service's rules say of the values the form could
    read (None for the others), beside the form's own errors, so that the user sees
    every problem at once. Only messages about a field without an error yet, or about
    the record as a whole; nothing is written (`rules_of`)."""
    values = {name: form.cleaned_data.get(name) for name in form.fields}
    error = rules_of(lambda: trial(values))
    if error is None:
        return
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, messages_ in by_field.items():
        if field in (None, NON_FIELD_ERRORS):
            form.add_error(None, messages_)
        elif field in form.fields and field not in form.errors:
            form.add_error(field, messages_)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to its field where the form
    has that field, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def conflicting_values(submitted_form, current_form) -> list[dict]:
    """After a lost-update conflict: each field where what the user typed differs from
    what is now saved, so that nothing typed is lost and nothing saved is overwritten.

    Compared as the form compares a field with its initial value (`has_changed`: a
    choice of a record by its key, a date, an amount in any notation, an empty value
    as empty), so that a field the user left as it is is not listed."""
    rows = []
    for name, field in current_form.fields.items():
        if name == "version" or name not in submitted_form.cleaned_data:
            continue
        if not field.has_changed(current_form[name].initial, submitted_form[name].data):
            continue
        rows.append(
            {"label": field.label, "mine": _shown(field, submitted_form.cleaned_data[name])}
        )
    return rows


def _shown(field, value):
    """A value as the form offered it: a choice by its label."""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return dict(flatten_choices(field.choices)).get(value, value)
    return value


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def filtered_list_page(
    request, template, filterset, day, logged, child_id=None, *, columns=None, sheets=(), **extra
):
    """A district list's page: its rows filtered and paged, its view in the access log
    (`child_id`: a row's child, when the rows are records of children). With
    `columns` (the page's columns, `registry.downloads.Column`s), `?format=xlsx`
    answers the workbook of every row under the same filter (and `sheets`, the
    summaries the page shows beside the list)."""
    if columns is not None and wants_download(request):
        return download(request, logged, filterset.qs, columns, child_id=child_id, sheets=sheets)
    page = paginate(request, filterset.qs)
    log_list_view(request, logged, children=children_on(page, child_id))
    context = {
        "filter": filterset,
        "page": page,
        "day": day,
        "show_district": filterset.shows_district,
        "downloadable": columns is not None,
        **extra,
    }
    return render(request, template, context)


def submit(request, form, action, fresh=None, trial=None):
    """Validate `form` and run `action(cleaned_data)` (a service call).

    Returns (done, form, conflict); `done` is what the action returned (or True),
    or False when nothing was saved. A service's ValidationError shows on the form. A
    lost-update conflict shows a message; with `fresh(current_record)` the returned
    form holds the current values and `conflict` lists what the user had typed.
    With `trial(values)` (the same service call, on a copy of the record it changes),
    a form with errors also shows what the service's rules say of the values it could
    read (`add_rule_errors`): every problem at once, nothing written.
    """
    if request.method != "POST":
        return False, form, []
    if not form.is_valid():
        if trial is not None and form.is_bound:
            add_rule_errors(form, trial)
        return False, form, []
    try:
        result = action(form.cleaned_data)
    except EditConflict as error:
        messages.error(request, error.messages[0])
        if fresh is None:
            return False, form, []
        current = fresh(error.current)
        return False, current, conflicting_values(form, current)
    except ValidationError as error:
        add_service_errors(form, error)
        return False, form, []
    return (True if result is None else result), form, []
