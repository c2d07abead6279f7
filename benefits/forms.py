from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benefits.models import AllowanceKind
from registry.records.forms import VersionedForm, date_field


def plain_amount(text: str) -> str:
    """An amount as people type it ("36 900,50", "36,900.50", "36900") in the notation
    Python reads ("36900.50"): spaces go, the last of "," or "." is the decimal mark
    when two digits or fewer follow it, a thousands separator otherwise."""
    text = "".join(text.split())
    marks = [position for position, char in enumerate(text) if char in ",."]
    if not marks:
        return text
    last = marks[-1]
    digits, decimals = text[:last], text[last + 1 :]
    if len(decimals) == 3 and len({text[position] for position in marks}) == 1:
        digits, decimals = text, ""  # only thousands separators: "36,900", "1.250.000"
    whole = digits.replace(",", "").replace(".", "")
    return f"{whole}.{decimals}" if decimals else whole


class MoneyField(forms.DecimalField):
    """Tenge, typed in Kazakh, Russian or English notation."""

    def to_python(self, value):
        if isinstance(value, str):
            value = plain_amount(value)
        return super().to_python(value)


def money_field(label, required=True, **kwargs):
    return MoneyField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **kwargs,
    )


class AllowanceGrantForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AllowanceKind.choices)
    monthly_amount = money_field(_("Monthly amount (tenge)"))
    start_date = date_field(_("Paid since"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_date = date_field(_("Decision date"), required=False)


class AllowanceCorrectForm(VersionedForm, AllowanceGrantForm):
    end_date = date_field(_("End date"), required=False)
    field_order = ["kind", "monthly_amount", "start_date", "end_date"]


class EndForm(VersionedForm):
    end_date = date_field(_("End date"), initial=timezone.localdate)


class AlimonyOrderForm(forms.Form):
    decision_number = forms.CharField(label=_("Court decision number"), max_length=100)
    decision_date = date_field(_("Decision date"))
    court = forms.CharField(label=_("Court"), max_length=300)
    debtor_name = forms.CharField(
        label=_("Debtor parent"), max_length=300, help_text=_("Full name of the parent who pays.")
    )
    start_date = date_field(_("In force since"))
    monthly_amount = money_field(
        _("Monthly amount (tenge)"),
        required=False,
        help_text=_("Leave empty when the court fixed a share of income."),
    )
    income_share = forms.CharField(
        label=_("Share of income"),
        max_length=20,
        required=False,
        help_text=_("When the court fixed a share of income instead of a sum: e.g. 1/4."),
    )


class AlimonyOrderCorrectForm(VersionedForm, AlimonyOrderForm):
    end_date = date_field(_("End date"), required=False)
    field_order = [
        "decision_number",
        "decision_date",
        "court",
        "debtor_name",
        "start_date",
        "end_date",
        "monthly_amount",
        "income_share",
    ]


class AlimonyPaymentForm(forms.Form):
    date = date_field(_("Date received"), initial=timezone.localdate)
    amount = money_field(_("Amount (tenge)"))
