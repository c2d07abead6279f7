"""The user's own account: the second factor (TOTP and recovery codes)."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from registry.access import MANAGE_ROLES, role_required, second_factor_required
from registry.selectors import (
    authenticator_of,
    recovery_codes_left,
    recovery_device_of,
    users_managed_by,
)
from registry.services.second_factor import (
    authenticator_confirm,
    authenticator_pending,
    recovery_codes_replace,
    second_factor_remove,
)

APP_CODE_LENGTH = 6
RECOVERY_CODE_LENGTH = 8  # django-otp's StaticToken.random_token(): 8 base32 letters


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Six-digit code from the authenticator app"),
        max_length=APP_CODE_LENGTH,
        min_length=APP_CODE_LENGTH,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code is six digits."))
        return token


class SecondStepForm(forms.Form):
    """The second step of signing in: a code from the app, or a recovery code."""

    token = forms.CharField(
        label=gettext_lazy("Code from the authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split()).replace("-", "").lower()
        if len(token) == APP_CODE_LENGTH:
            if not token.isdigit():
                raise forms.ValidationError(_("The code is six digits."))
        elif len(token) != RECOVERY_CODE_LENGTH:
            raise forms.ValidationError(
                _("Enter the six digits the app shows, or one of your recovery codes.")
            )
        return token

    @property
    def is_recovery_code(self) -> bool:
        return len(self.cleaned_data["token"]) == RECOVERY_CODE_LENGTH


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return "/"
    return target


def _check(form, device) -> bool:
    """Verify the form's code against `device`, explaining throttling and wrong codes."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error(
            "token", _("Too many wrong codes: wait a few seconds, then enter the code now shown.")
        )
        return False
    if device.verify_token(form.cleaned_data["token"]):
        return True
    form.add_error("token", _("This code is wrong or has expired. Enter the code now shown."))
    return False


def _show_recovery_codes(request, codes: list[str], next_url: str):
    """The recovery codes, shown this once: no page shows them again."""
    return render(request, "registry/recovery_codes.html", {"codes": codes, "next": next_url})


def otp_verify(request):
    """The second step of signing in for accounts with an authenticator."""
    if request.user.is_verified():
        return redirect(_next(request))
    authenticator = authenticator_of(request.user)
    if authenticator is None:  # removed by an administrator
        if second_factor_required(request.user):
            return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _next(request)})}")
        return redirect(_next(request))
    form = SecondStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_recovery_code:
            device = recovery_device_of(request.user)
            if device is None:
                form.add_error(
                    "token", _("This code is wrong or has expired. Enter the code now shown.")
                )
        else:
            device = authenticator
        if device is not None and _check(form, device):
            otp_login(request, device)
            if form.is_recovery_code:
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code, which is now used up. Recovery "
                        "codes left: %(count)s. If your phone is lost, link a new "
                        "authenticator under My account."
                    )
                    % {"count": recovery_codes_left(request.user)},
                )
            return redirect(_next(request))
    return render(request, "registry/otp_verify.html", {"form": form, "next": _next(request)})


def otp_setup(request):
    """Link an authenticator app: scan the code, confirm with the code it shows; then
    the recovery codes are shown, once."""
    if authenticator_of(request.user) is not None and not request.user.is_verified():
        return redirect("otp_verify")
    device = authenticator_pending(actor=request.user, user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(form, device):
        codes = authenticator_confirm(actor=request.user, device=device)
        otp_login(request, device)
        messages.success(request, _("Two-step sign-in is on for your account."))
        return _show_recovery_codes(request, codes, _next(request))
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr": mark_safe(qr.svg_inline(scale=5, dark="#000", light="#fff")),  # noqa: S308 - segno output
        "secret": device.config_url.split("secret=")[1].split("&")[0],
        "required": second_factor_required(request.user) and not request.user.is_verified(),
        "next": _next(request),
    }
    return render(request, "registry/otp_setup.html", context)


def account_security(request):
    has_device = authenticator_of(request.user) is not None
    context = {
        "has_device": has_device,
        "required": second_factor_required(request.user),
        "recovery_codes_left": recovery_codes_left(request.user) if has_device else 0,
    }
    return render(request, "registry/account_security.html", context)


@require_POST
def otp_recovery_codes(request):
    """New recovery codes for the signed-in account; the ones before stop working."""
    if not request.user.is_verified():  # an account without an authenticator
        messages.error(request, _("Set up two-step sign-in first."))
        return redirect("account_security")
    codes = recovery_codes_replace(actor=request.user, user=request.user)
    return _show_recovery_codes(request, codes, reverse("account_security"))


def confirmed(request) -> bool:
    """Whether the user answered yes on the confirmation page (`confirm_page`): a
    removal is done only from there, never by a bare request."""
    return request.method == "POST" and request.POST.get("confirm") == "yes"


def confirm_page(request, *, title, question, button, cancel):
    """Ask before an act that cannot be undone; *Cancel* goes back to `cancel`."""
    context = {"title": title, "question": question, "button": button, "cancel": cancel}
    return render(request, "registry/confirm.html", context)


def otp_disable(request):
    """Turn off two-step sign-in for the signed-in account, once confirmed."""
    if second_factor_required(request.user):
        messages.error(request, _("Your account must keep two-step sign-in."))
        return redirect("account_security")
    if not confirmed(request):
        return confirm_page(
            request,
            title=_("Turn off two-step sign-in"),
            question=_(
                "Your authenticator and your recovery codes will be removed: your password "
                "alone will open your account. Turn off two-step sign-in?"
            ),
            button=_("Turn off"),
            cancel=reverse("account_security"),
        )
    second_factor_remove(actor=request.user, user=request.user)
    messages.success(request, _("Two-step sign-in is off for your account."))
    return redirect("account_security")


@role_required(*MANAGE_ROLES)
def otp_reset(request, pk):
    """An administrator removes a user's authenticator and recovery codes (a lost
    phone), once confirmed; the account's sessions are held at their next page until
    it sets up a new authenticator."""
    account = get_object_or_404(users_managed_by(request.user), pk=pk)
    if not confirmed(request):
        return confirm_page(
            request,
            title=_("Remove the authenticator"),
            question=_(
                "The authenticator and the recovery codes of “%s” will be removed; the "
                "account sets up a new authenticator at its next sign-in. Remove them?"
            )
            % account.username,
            button=_("Remove the authenticator"),
            cancel=reverse("user_edit", kwargs={"pk": account.pk}),
        )
    second_factor_remove(actor=request.user, user=account)
    messages.success(
        request,
        _(
            "The authenticator and the recovery codes of “%s” are removed. Where two-step "
            "sign-in is required, the account sets up a new authenticator before its next page."
        )
        % account.username,
    )
    return redirect("user_edit", pk=account.pk)
