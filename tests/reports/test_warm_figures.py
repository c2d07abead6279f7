"""`warm_figures`: the dashboards counted ahead of their first reader after a change
that every figure reads, exactly as the pages would count them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from children.models import Institution
from children.services.institutions import institution_update
from reports.indicators.cache import figures
from reports.indicators.engine import compute


def warm(*years) -> str:
    out = StringIO()
    call_command("warm_figures", *[f"--year={year}" for year in years], stdout=out)
    return out.getvalue()


def test_after_a_change_every_figure_reads_the_dashboards_are_counted_ahead(
    care_register,
    actor,
    counted,
    as_user,
    region,
    district_a,
    district_b,
    officer_a,
    regional_user,
    national_user,
):
    # An institution is no child's record: every area's figures must be counted again.
    clinic = Institution.objects.get(code="HLT")
    institution_update(actor=actor, institution=clinic, version=clinic.version, sector="education")
    output = warm(2024)
    assert "Dashboards of 2024 kept for the register, 2 regions and 3 districts" in output
    assert counted  # the districts' counts, once
    counted.clear()
    pages = {
        officer_a: "Indicators of Район А",
        regional_user: "Indicators of Первая область",
        national_user: "Indicators of All regions",
    }
    for user, heading in pages.items():
        response = as_user(user).get("/reports/", {"year": 2024})
        assert heading in response.content.decode()
    assert counted == []  # every dashboard read what the command kept
    # ... and what it kept is a count from scratch (the institution is now education).
    for area in ({"district": district_a}, {"district": district_b}, {"region": region}, {}):
        assert figures(2024, **area).values == compute(2024, **area).values, area
    assert figures(2024, district=district_b).values["contingent.institution_education"] == 1


def test_when_nothing_changed_it_counts_nothing(care_register, counted, district_a):
    warm(2023, 2024)
    counted.clear()
    output = warm(2024, 2023)
    assert "Dashboards of 2023, 2024 kept" in output
    assert counted == []


def test_a_year_outside_the_register_is_refused(db):
    with pytest.raises(CommandError, match=r"--year 1999 is not a reporting year\."):
        warm(1999)
