"""The administrator's pages of service accounts and their tokens."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api.forms import ServiceAccountForm, TokenForm
from api.selectors import service_accounts_managed_by, tokens_of
from api.services import service_account_create, token_create, token_revoke
from registry.access import MANAGE_ROLES, role_required
from registry.selectors import districts_managed_by, regions_managed_by
from registry.views.account import confirm_page, confirmed
from registry.views.helpers import submit


@role_required(*MANAGE_ROLES)
def account_list(request):
    accounts = service_accounts_managed_by(request.user)
    return render(request, "api/service_account_list.html", {"accounts": accounts})


@role_required(*MANAGE_ROLES)
def account_create(request):
    admin = request.user

    def create(data):
        return service_account_create(
            actor=admin,
            username=data["username"],
            role=data["role"],
            district=data["district"],
            region=regions_managed_by(admin).first(),
            description=data["description"],
        )

    form = ServiceAccountForm(
        request.POST or None, districts=districts_managed_by(admin).filter(is_active=True)
    )
    account, form, _conflict = submit(request, form, create)
    if account:
        messages.success(request, _("Service account “%s” created.") % account.username)
        return redirect("service_accounts:detail", pk=account.pk)
    return render(request, "api/service_account_form.html", {"form": form})


def _account_page(request, account, form, secret=None, status=200):
    context = {
        "account": account,
        "tokens": tokens_of(account),
        "form": form,
        "secret": secret,
        "now": timezone.now(),
        "api_url": request.build_absolute_uri(reverse("api:me")).removesuffix("me"),
    }
    return render(request, "api/service_account_detail.html", context, status=status)


@role_required(*MANAGE_ROLES)
def account_detail(request, pk):
    account = get_object_or_404(service_accounts_managed_by(request.user), pk=pk)
    return _account_page(request, account, TokenForm())


@role_required(*MANAGE_ROLES)
@require_POST
def token_create_view(request, pk):
    """Make a token and show its secret on this answer only (never stored, never
    redirected to: a reload does not show it again)."""
    account = get_object_or_404(service_accounts_managed_by(request.user), pk=pk)

    def create(data):
        return token_create(
            actor=request.user,
            account=account,
            name=data["name"],
            expires_on=data["expires_on"],
            request=request,
        )

    made, form, _conflict = submit(request, TokenForm(request.POST), create)
    if not made:
        return _account_page(request, account, form)
    return _account_page(request, account, TokenForm(), secret=made.secret)


@role_required(*MANAGE_ROLES)
def token_revoke_view(request, pk, token_pk):
    account = get_object_or_404(service_accounts_managed_by(request.user), pk=pk)
    token = get_object_or_404(tokens_of(account).filter(revoked_at__isnull=True), pk=token_pk)
    if confirmed(request):
        token_revoke(actor=request.user, token=token, request=request)
        messages.success(request, _("Token %s revoked: it no longer opens the API.") % token)
        return redirect("service_accounts:detail", pk=account.pk)
    return confirm_page(
        request,
        title=_("Revoke the token"),
        question=_(
            "Revoke the token %(token)s of %(account)s? Every call with it will be refused; "
            "this cannot be undone."
        )
        % {"token": token, "account": account.username},
        button=_("Revoke"),
        cancel=reverse("service_accounts:detail", args=[account.pk]),
    )
