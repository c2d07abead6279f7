"""The user's own account: the second factor (TOTP)."""

from __future__ import annotations

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.access import MANAGE_ROLES, role_required
from registry.models import Role
from registry.selectors import users_managed_by


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Six-digit code from the authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code is six digits."))
        return token


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


def _signed_in_with(request, device) -> None:
    otp_login(request, device)
    request.session["second_factor"] = "verify"


def otp_verify(request):
    """The second step of signing in for accounts with an authenticator."""
    if request.user.is_verified():
        return redirect(_next(request))
    if not user_has_device(request.user, confirmed=True):  # removed by an administrator
        request.session.pop("second_factor", None)
        return redirect("otp_setup" if request.user.role == Role.ADMIN else _next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if _check(form, device):
            _signed_in_with(request, device)
            return redirect(_next(request))
    return render(request, "registry/otp_verify.html", {"form": form, "next": _next(request)})


def otp_setup(request):
    """Link an authenticator app: scan the code, confirm with the code it shows."""
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect("otp_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(form, device):
        device.confirmed = True
        device.save()
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        _signed_in_with(request, device)
        messages.success(request, _("Two-step sign-in is on for your account."))
        return redirect(_next(request))
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr": mark_safe(qr.svg_inline(scale=5, dark="#000", light="#fff")),  # noqa: S308 - segno output
        "secret": device.config_url.split("secret=")[1].split("&")[0],
        "required": request.user.role == Role.ADMIN,
        "next": _next(request),
    }
    return render(request, "registry/otp_setup.html", context)


def account_security(request):
    context = {
        "has_device": user_has_device(request.user, confirmed=True),
        "required": request.user.role == Role.ADMIN,
    }
    return render(request, "registry/account_security.html", context)


@require_POST
def otp_disable(request):
    if request.user.role == Role.ADMIN:
        messages.error(request, _("Administrators must keep two-step sign-in."))
    else:
        TOTPDevice.objects.filter(user=request.user).delete()
        request.session["second_factor"] = "none"
        messages.success(request, _("Two-step sign-in is off for your account."))
    return redirect("account_security")


@role_required(*MANAGE_ROLES)
@require_POST
def otp_reset(request, pk):
    """An administrator removes a user's authenticator (a lost phone)."""
    account = get_object_or_404(users_managed_by(request.user), pk=pk)
    TOTPDevice.objects.filter(user=account).delete()
    messages.success(
        request,
        _(
            "The authenticator of “%s” is removed; the account sets up a new one "
            "at its next sign-in where it is required."
        )
        % account.username,
    )
    return redirect("user_edit", pk=account.pk)
