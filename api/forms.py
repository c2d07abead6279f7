"""Forms of the administrator's service-account pages."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import Role
from registry.records.forms import date_field


class ServiceAccountForm(forms.Form):
    username = forms.CharField(
        label=_("Login"),
        max_length=150,
        help_text=_("A name for the other system's account, e.g. databank-taldykorgan."),
    )
    description = forms.CharField(
        label=_("System"),
        max_length=150,
        required=False,
        help_text=_("Which system uses it (the national data bank, the statistics office)."),
    )
    role = forms.ChoiceField(
        label=_("Reads and writes"),
        choices=[
            (Role.OFFICER, _("One district: reads and writes its records")),
            (Role.REGIONAL, _("The region: reads every district of it")),
        ],
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=None,
        required=False,
        help_text=_("Required for a district's account."),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts

    def clean(self):
        # With the other fields' errors at once, not after them.
        data = super().clean()
        if data.get("role") == Role.OFFICER and not data.get("district"):
            self.add_error(
                "district", _("Choose the district whose records the account reads and writes.")
            )
        return data


def default_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=settings.API_TOKEN_DAYS)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the server that uses it."),
    )
    expires_on = date_field(_("Valid until"), initial=default_expiry)
