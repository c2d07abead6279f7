"""Fixtures of the workbook tests: the areas, and the register counted by hand of the reports tests (a register with every kind of
record, to export and import)."""

import pytest

from tests.reports.conftest import care_register, material_register, register

__all__ = ["care_register", "material_register", "register"]


@pytest.fixture
def areas(region, district_a, district_b, district_c):
    """Region r1 with districts a and b; region r2 with district c."""
    return {"a": district_a, "b": district_b, "c": district_c}
