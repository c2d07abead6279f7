"""Fixtures of the workbook tests: the areas, a private upload folder per test, and
the register counted by hand of the reports tests (a register with every kind of
record, to export and import)."""

import pytest

from tests.reports.conftest import care_register, material_register, register

__all__ = ["care_register", "material_register", "register"]


@pytest.fixture(autouse=True)
def upload_folder(settings, tmp_path):
    settings.WORKBOOK_UPLOAD_DIR = tmp_path / "uploads"
    return settings.WORKBOOK_UPLOAD_DIR


@pytest.fixture
def areas(region, district_a, district_b, district_c):
    """Region r1 with districts a and b; region r2 with district c."""
    return {"a": district_a, "b": district_b, "c": district_c}
