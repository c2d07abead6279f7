from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from registry.models import District, Role, User


class VersionedFormMixin:
    """A hidden `version` field: the record's version when the user opened the form."""

    def add_version_field(self, instance) -> None:
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=instance.version if instance else None
        )


class DistrictForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = District
        fields = ["code", "name_kk", "name_ru", "name_en", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.add_version_field(self.instance)
        else:
            del self.fields["is_active"]


class PasswordPairMixin:
    """Two password fields that must agree and pass the password rules."""

    def password_fields(self, required: bool) -> None:
        self.fields["password1"] = forms.CharField(
            label=_("Password"),
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            required=required,
            help_text=password_validation.password_validators_help_text_html(),
            strip=False,
        )
        self.fields["password2"] = forms.CharField(
            label=_("Password again"),
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            required=required,
            strip=False,
        )

    def clean_password2(self):
        first = self.cleaned_data.get("password1")
        second = self.cleaned_data.get("password2")
        if first and first != second:
            raise forms.ValidationError(_("The two passwords differ."))
        return second


class UserForm(VersionedFormMixin, PasswordPairMixin, forms.ModelForm):
    """Create or edit an account within the areas the administrator manages."""

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "district",
            "region",
            "is_active",
        ]

    def __init__(self, *args, districts, regions, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["region"].queryset = regions
        self.fields["role"].choices = [("", "---------")] + [
            (value, label) for value, label in Role.choices if value in roles
        ]
        self.fields["role"].required = True
        self.fields["district"].help_text = _("Required for officers.")
        self.fields["region"].help_text = _("Required for regional specialists and administrators.")
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.add_version_field(self.instance)
        else:
            del self.fields["is_active"]
            self.password_fields(required=False)
            self.fields["password1"].help_text = _(
                "Leave empty to create the account without a password and set it later."
            )


class SetPasswordForm(PasswordPairMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.password_fields(required=True)
