import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from children.ages import years_before
from children.models import Category, PlacementForm
from children.names import name_key
from children.selectors import in_contingent_q, today, with_situation

UNPLACED = "none"
AGE_BANDS = [
    ("0-2", _("0–2 years")),
    ("3-6", _("3–6 years")),
    ("7-13", _("7–13 years")),
    ("14-17", _("14–17 years")),
    ("18-", _("18 and older")),
]
STATES = [("active", _("in the register (status, under 18)")), ("ended", _("left the register"))]


class ChildFilter(django_filters.FilterSet):
    """The children list's search and filters, all relative to one date (`on`,
    today by default), so that a report figure links to exactly its children."""

    q = django_filters.CharFilter(method="search", label=_("IIN or name"))
    on = django_filters.DateFilter(
        method="keep", label=_("As of"), widget=forms.DateInput(attrs={"type": "date"})
    )
    district = django_filters.ModelChoiceFilter(label=_("District"), queryset=None)
    state = django_filters.ChoiceFilter(method="filter_state", choices=STATES, label=_("Status"))
    category = django_filters.ChoiceFilter(
        field_name="status_category", choices=Category.choices, label=_("Category")
    )
    form = django_filters.ChoiceFilter(
        method="filter_form",
        choices=[*PlacementForm.choices, (UNPLACED, _("no placement"))],
        label=_("Form of care"),
    )
    institution = django_filters.ModelChoiceFilter(
        field_name="placement_institution_id", queryset=None, label=_("Institution")
    )
    age = django_filters.ChoiceFilter(method="filter_age", choices=AGE_BANDS, label=_("Age"))
    iin = django_filters.ChoiceFilter(
        method="filter_iin", choices=[("missing", _("IIN not known"))], label=_("IIN")
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("last_name", "name"),
            ("birth_date", "birth_date"),
            ("registered_on", "registered_on"),
        ),
        field_labels={
            "last_name": _("name"),
            "birth_date": _("birth date"),
            "registered_on": _("date registered"),
        },
        label=_("Sort by"),
    )

    def __init__(self, *args, districts, institutions, show_district: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["district"].queryset = districts
        self.filters["institution"].queryset = institutions
        if not show_district:
            del self.filters["district"]
        self.day = today()

    def filter_queryset(self, queryset):
        self.day = getattr(self.form, "cleaned_data", {}).get("on") or today()
        queryset = with_situation(queryset, self.day)
        return super().filter_queryset(queryset)

    def keep(self, queryset, name, value):
        return queryset  # `on` is applied in filter_queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(iin__startswith=value)
        words = value.split()
        condition = Q()
        for word in words:
            condition &= (
                Q(last_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(middle_name__icontains=word)
            )
        if len(words) >= 2:
            condition |= Q(name_key=name_key(words[0], words[1]))
        return queryset.filter(condition)

    def filter_state(self, queryset, name, value):
        contingent = in_contingent_q(self.day)
        return queryset.filter(contingent) if value == "active" else queryset.exclude(contingent)

    def filter_form(self, queryset, name, value):
        if value == UNPLACED:
            return queryset.filter(placement_form__isnull=True)
        return queryset.filter(placement_form=value)

    def filter_age(self, queryset, name, value):
        low, _sep, high = value.partition("-")
        queryset = queryset.filter(birth_date__lte=years_before(self.day, int(low)))
        if high:
            queryset = queryset.filter(birth_date__gt=years_before(self.day, int(high) + 1))
        return queryset

    def filter_iin(self, queryset, name, value):
        return queryset.filter(iin__isnull=True)
