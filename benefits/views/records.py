"""A child's allowances and alimony from its page."""

from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from benefits.forms import (
    AlimonyOrderCorrectForm,
    AlimonyOrderForm,
    AlimonyPaymentForm,
    AllowanceCorrectForm,
    AllowanceGrantForm,
    EndForm,
)
from benefits.services.alimony import (
    alimony_order_add,
    alimony_order_correct,
    alimony_order_end,
    alimony_payment_record,
)
from benefits.services.allowances import allowance_correct, allowance_end, allowance_grant
from children.views.common import child_for_edit, correct_page, form_page, saved
from registry.access import EDIT_ROLES, role_required
from registry.views.helpers import submit

ANCHOR = "benefits-heading"
_page = partial(form_page, anchor=ANCHOR)
_saved = partial(saved, anchor=ANCHOR)


@role_required(*EDIT_ROLES)
def allowance_grant_view(request, pk):
    child = child_for_edit(request.user, pk)
    done, form, _c = submit(
        request,
        AllowanceGrantForm(request.POST or None),
        lambda data: allowance_grant(actor=request.user, child=child, **data),
    )
    if done:
        return _saved(request, child)
    return _page(request, child, form, _("New allowance"))


@role_required(*EDIT_ROLES)
def allowance_end_view(request, pk, allowance_pk):
    child = child_for_edit(request.user, pk)
    allowance = get_object_or_404(child.allowances, pk=allowance_pk)
    done, form, _c = submit(
        request,
        EndForm(request.POST or None, record=allowance),
        lambda data: allowance_end(actor=request.user, allowance=allowance, **data),
    )
    if done:
        return _saved(request, child)
    return _page(
        request, child, form, _("End the allowance: %(allowance)s") % {"allowance": allowance}
    )


@role_required(*EDIT_ROLES)
def allowance_correct_view(request, pk, allowance_pk):
    child = child_for_edit(request.user, pk)
    allowance = get_object_or_404(child.allowances, pk=allowance_pk)
    return correct_page(
        request,
        child,
        allowance,
        form_class=AllowanceCorrectForm,
        save=lambda data: allowance_correct(actor=request.user, allowance=allowance, **data),
        title=_("Correct the allowance"),
        anchor=ANCHOR,
    )


@role_required(*EDIT_ROLES)
def alimony_order_add_view(request, pk):
    child = child_for_edit(request.user, pk)
    done, form, _c = submit(
        request,
        AlimonyOrderForm(request.POST or None),
        lambda data: alimony_order_add(actor=request.user, child=child, **data),
    )
    if done:
        return _saved(request, child)
    return _page(
        request,
        child,
        form,
        _("New alimony order"),
        _("The court decision ordering a parent to pay alimony for the child."),
    )


@role_required(*EDIT_ROLES)
def alimony_order_end_view(request, pk, order_pk):
    child = child_for_edit(request.user, pk)
    order = get_object_or_404(child.alimony_orders, pk=order_pk)
    done, form, _c = submit(
        request,
        EndForm(request.POST or None, record=order),
        lambda data: alimony_order_end(actor=request.user, order=order, **data),
    )
    if done:
        return _saved(request, child)
    return _page(request, child, form, _("End the alimony order: %(order)s") % {"order": order})


@role_required(*EDIT_ROLES)
def alimony_order_correct_view(request, pk, order_pk):
    child = child_for_edit(request.user, pk)
    order = get_object_or_404(child.alimony_orders, pk=order_pk)
    return correct_page(
        request,
        child,
        order,
        form_class=AlimonyOrderCorrectForm,
        save=lambda data: alimony_order_correct(actor=request.user, order=order, **data),
        title=_("Correct the alimony order"),
        anchor=ANCHOR,
    )


@role_required(*EDIT_ROLES)
def alimony_payment_view(request, pk, order_pk):
    child = child_for_edit(request.user, pk)
    order = get_object_or_404(child.alimony_orders, pk=order_pk)
    done, form, _c = submit(
        request,
        AlimonyPaymentForm(request.POST or None),
        lambda data: alimony_payment_record(actor=request.user, order=order, **data),
    )
    if done:
        return _saved(request, child)
    return _page(request, child, form, _("Alimony received under %(order)s") % {"order": order})
