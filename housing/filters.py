import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from children.models import PlacementForm
from housing.selectors import graduates_without_housing
from registry.filtersets import AreaFilterSet
from registry.records.rules import today

DEFAULT_YEARS = 3
UNPLACED = "none"


class QueueFilter(AreaFilterSet):
    """The queue list: one akimat's queue (for users who read several districts)."""

    district_field = "district"


class WithoutHousingFilter(AreaFilterSet):
    district_field = "district"

    form = django_filters.ChoiceFilter(
        method="filter_form",
        choices=[*PlacementForm.choices, (UNPLACED, _("no placement"))],
        label=_("Form of care"),
    )

    def filter_form(self, queryset, name, value):
        if value == UNPLACED:
            return queryset.filter(placement_form__isnull=True)
        return queryset.filter(placement_form=value)


class GraduatesFilter(AreaFilterSet):
    district_field = "district"

    years = django_filters.NumberFilter(
        method="keep",
        label=_("Left care within (years)"),
        widget=forms.NumberInput(attrs={"placeholder": DEFAULT_YEARS}),
        min_value=1,
        max_value=20,
        decimal_places=0,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.day, self.years = today(), DEFAULT_YEARS

    def filter_queryset(self, queryset):
        years = getattr(self.form, "cleaned_data", {}).get("years")
        self.years = int(years) if years else DEFAULT_YEARS
        queryset = graduates_without_housing(queryset, self.day, self.years)
        return super().filter_queryset(queryset)

    def keep(self, queryset, name, value):
        return queryset  # `years` is applied in filter_queryset
