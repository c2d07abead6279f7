"""The district filter every area list shares: shown to users who read several
districts, limited to the districts they may read."""

import django_filters
from django.utils.translation import gettext_lazy as _

from registry.access import districts_visible_to
from registry.models import Role


class AreaFilterSet(django_filters.FilterSet):
    """A FilterSet with a `district` filter on `district_field` (e.g. "child__district").

    Officers read one district: the filter is left out for them."""

    district_field = "district"

    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=None, method="in_district"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.role == Role.OFFICER:
            del self.filters["district"]
        else:
            self.filters["district"].queryset = districts_visible_to(user)

    @property
    def shows_district(self) -> bool:
        return "district" in self.filters

    def in_district(self, queryset, name, value):
        return queryset.filter(**{self.district_field: value})
