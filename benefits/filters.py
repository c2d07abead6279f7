import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from benefits.selectors import DEFAULT_UNPAID_MONTHS, alimony_unpaid
from children.models import FAMILY_FORMS, Category
from registry.filtersets import AreaFilterSet
from registry.records.rules import today

MISSING = [
    ("survivor", _("orphan without a survivor allowance")),
    ("guardian", _("family care without the guardian's payment")),
]


class MissingAllowanceFilter(AreaFilterSet):
    district_field = "district"

    missing = django_filters.ChoiceFilter(
        method="filter_missing", choices=MISSING, label=_("Missing")
    )

    def filter_missing(self, queryset, name, value):
        if value == "survivor":
            return queryset.filter(Q(status_category=Category.ORPHAN, has_survivor=False))
        return queryset.filter(Q(placement_form__in=FAMILY_FORMS, has_guardian=False))


class AlimonyBalanceFilter(AreaFilterSet):
    district_field = "district"


class AlimonyUnpaidFilter(AreaFilterSet):
    district_field = "child__district"

    months = django_filters.NumberFilter(
        method="keep",
        label=_("Nothing received within (months)"),
        widget=forms.NumberInput(attrs={"placeholder": DEFAULT_UNPAID_MONTHS}),
        min_value=1,
        max_value=36,
        decimal_places=0,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.day, self.months = today(), DEFAULT_UNPAID_MONTHS

    def filter_queryset(self, queryset):
        months = getattr(self.form, "cleaned_data", {}).get("months")
        self.months = int(months) if months else DEFAULT_UNPAID_MONTHS
        queryset = alimony_unpaid(queryset, self.day, self.months)
        return super().filter_queryset(queryset)

    def keep(self, queryset, name, value):
        return queryset  # `months` is applied in filter_queryset
