from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render

from registry.audit import children_on, log_list_view
from registry.downloads import download, wants_download
from registry.services.base import EditConflict

PAGE_SIZE = 50


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
    what is now saved, so that nothing typed is lost and nothing saved is overwritten."""
    rows = []
    for name, field in current_form.fields.items():
        if name == "version" or name not in submitted_form.cleaned_data:
            continue
        mine = submitted_form.cleaned_data[name]
        theirs = current_form.initial.get(name, field.initial)
        mine_key = mine.pk if hasattr(mine, "pk") else mine
        if mine_key != theirs and not (mine_key in ("", None) and theirs in ("", None)):
            rows.append({"label": field.label, "mine": mine})
    return rows


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def filtered_list_page(
    request, template, filterset, day, logged, child_id=None, *, columns=None, **extra
):
    """A district list's page: its rows filtered and paged, its view in the access log
    (`child_id`: a row's child, when the rows are records of children). With
    `columns` (the page's columns, `registry.downloads.Column`s), `?format=xlsx`
    answers the workbook of every row under the same filter."""
    if columns is not None and wants_download(request):
        return download(request, logged, filterset.qs, columns, child_id=child_id)
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


def submit(request, form, action, fresh=None):
    """Validate `form` and run `action(cleaned_data)` (a service call).

    Returns (done, form, conflict); `done` is what the action returned (or True),
    or False when nothing was saved. A service's ValidationError shows on the form. A
    lost-update conflict shows a message; with `fresh(current_record)` the returned
    form holds the current values and `conflict` lists what the user had typed.
    """
    if request.method != "POST" or not form.is_valid():
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
