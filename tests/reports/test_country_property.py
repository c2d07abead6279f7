"""The whole register's figures are counted in another shape than an area's (each fact
table grouped whole rather than looked up child by child, namesakes found by a grouped
scan): on random registers, every district's counts are the same either way, and the
country is the sum of its regions on every count."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from children.models import Child
from devdata.generator import RegisterGenerator
from registry.models import Region
from reports.indicators.engine import compute
from reports.indicators.keys import COUNT_KEYS
from tests.children.test_properties import PROFILE, isolated


@settings(PROFILE, max_examples=6)
@given(seed=st.integers(min_value=1, max_value=10_000), back=st.integers(min_value=0, max_value=3))
def test_the_country_equals_its_regions_on_every_count(db, seed, back):
    year = datetime.date.today().year - 1 - back

    def check():
        RegisterGenerator(seed=seed, districts=2, regions=2).generate(80)
        # Two namesakes born the same day (a suspected duplicate), in two regions.
        first, second = Child.objects.order_by("pk")[:1].get(), Child.objects.order_by("-pk")[0]
        Child.objects.filter(pk=second.pk).update(
            last_name=first.last_name,
            first_name=first.first_name,
            middle_name=first.middle_name,
            name_key=first.name_key,
            birth_date=first.birth_date,
        )
        country = compute(year)
        regions = [compute(year, region=region) for region in Region.objects.all()]
        for region in regions:
            for district, values in region.districts.items():
                assert country.districts[district] == values, district
        for key in COUNT_KEYS:
            assert country.values[key] == sum(region.values[key] for region in regions), key
        return country.values["contingent.total"]

    assert isolated(check) > 0
