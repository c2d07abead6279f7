from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from children.models import (
    Category,
    Child,
    Institution,
    PlacementEndReason,
    PlacementForm,
    Sex,
    StatusEndReason,
    StatusReason,
)
from registry.forms import VersionedFormMixin
from registry.records.forms import VersionedForm, date_field
from registry.records.views import record_values


class IdentityFields(forms.Form):
    iin = forms.CharField(
        label=_("IIN"),
        max_length=14,
        required=False,
        help_text=_("12 digits. Leave empty while the IIN is not known (temporary registration)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    middle_name = forms.CharField(label=_("Middle name"), max_length=100, required=False)
    birth_date = date_field(_("Birth date"))
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)


class ChildRegisterForm(IdentityFields):
    registered_on = date_field(_("Date of registration"), initial=timezone.localdate)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    reason = forms.ChoiceField(label=_("Reason"), choices=StatusReason.choices)
    status_start = date_field(
        _("Status since"), help_text=_("The date of the decision or event that gave the status.")
    )
    document = forms.CharField(label=_("Document"), max_length=200, required=False)
    confirm_similar = forms.BooleanField(
        label=_("I have checked: this is a different child. Register it."), required=False
    )


class ChildIdentityForm(VersionedForm, IdentityFields):
    def __init__(self, *args, record: Child, **kwargs):
        kwargs.setdefault(
            "initial", {**record_values(record, IdentityFields), "iin": record.iin or ""}
        )
        super().__init__(*args, record=record, **kwargs)


class StatusOpenForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    reason = forms.ChoiceField(label=_("Reason"), choices=StatusReason.choices)
    start_date = date_field(_("Since"))
    document = forms.CharField(label=_("Document"), max_length=200, required=False)


class StatusEndForm(VersionedForm):
    end_date = date_field(_("End date"), initial=timezone.localdate)
    end_reason = forms.ChoiceField(label=_("Why it ended"), choices=StatusEndReason.choices)


class StatusCorrectForm(VersionedForm):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    # "—" for a status imported without its reason: the form asks for one, and never
    # shows the first reason as if it had been stated.
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *StatusReason.choices])
    start_date = date_field(_("Since"))
    end_date = date_field(_("End date"), required=False)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=[("", "—"), *StatusEndReason.choices], required=False
    )
    document = forms.CharField(label=_("Document"), max_length=200, required=False)


class CarerFields(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.none(), required=False
    )
    carer_name = forms.CharField(
        label=_("Carer's name"),
        max_length=300,
        required=False,
        help_text=_("Guardian, trustee, foster parent or adoptive parent."),
    )
    carer_iin = forms.CharField(label=_("Carer's IIN"), max_length=12, required=False)
    carer_address = forms.CharField(label=_("Carer's address"), max_length=300, required=False)
    carer_phone = forms.CharField(label=_("Carer's phone"), max_length=50, required=False)

    def set_institutions(self, institutions):
        self.fields["institution"].queryset = institutions


class PlacementStartForm(CarerFields):
    form = forms.ChoiceField(label=_("Form of care"), choices=PlacementForm.choices)
    start_date = date_field(_("Since"), initial=timezone.localdate)
    field_order = ["form", "start_date", "institution"]

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_institutions(institutions)


class PlacementEndForm(VersionedForm):
    end_date = date_field(_("End date"), initial=timezone.localdate)
    end_reason = forms.ChoiceField(label=_("Why it ended"), choices=PlacementEndReason.choices)


class PlacementCorrectForm(VersionedForm, CarerFields):
    form = forms.ChoiceField(label=_("Form of care"), choices=PlacementForm.choices)
    start_date = date_field(_("Since"))
    end_date = date_field(_("End date"), required=False)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=[("", "—"), *PlacementEndReason.choices], required=False
    )
    field_order = ["form", "start_date", "end_date", "end_reason", "institution"]

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_institutions(institutions)


class TransferForm(VersionedForm):
    to_district = forms.ModelChoiceField(label=_("To district"), queryset=None)
    date = date_field(_("Date of transfer"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_district"].queryset = districts


class InstitutionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Institution
        fields = [
            "code",
            "name_kk",
            "name_ru",
            "name_en",
            "district",
            "kind",
            "sector",
            "capacity",
            "is_active",
        ]

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        if self.instance.pk:
            self.add_version_field(self.instance)
        else:
            del self.fields["is_active"]


class NotDuplicateForm(forms.Form):
    reason = forms.CharField(
        label=_("How you checked that these are two children"),
        max_length=500,
        help_text=_("For example: different IINs in the birth certificates, different parents."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChildMergeForm(forms.Form):
    """Merge a suspected duplicate: which record stays, and how the officer checked."""

    keep = forms.TypedChoiceField(
        label=_("The record that stays"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("The other record is merged into it and removed."),
    )
    reason = forms.CharField(
        label=_("How you checked that this is one child"),
        max_length=500,
        help_text=_("For example: the same birth certificate, the same IIN in both documents."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            (child.pk, f"#{child.pk} {child.full_name} ({child.registered_on:%d.%m.%Y})")
            for child in pair
        ]
