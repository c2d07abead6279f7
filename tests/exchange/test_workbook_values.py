"""Reading cells as users write them: dates, numbers, codes in three languages."""

import datetime

import pytest

from children.models import Category, InstitutionKind, PlacementForm, Sector
from exchange.workbook import values
from exchange.workbook.values import CellError


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (datetime.datetime(2014, 2, 3, 0, 0), datetime.date(2014, 2, 3)),
        (datetime.date(2014, 2, 3), datetime.date(2014, 2, 3)),
        ("2014-02-03", datetime.date(2014, 2, 3)),
        ("03.02.2014", datetime.date(2014, 2, 3)),
        ("3.2.2014", datetime.date(2014, 2, 3)),
        (" 2014-02-03 00:00:00 ", datetime.date(2014, 2, 3)),
    ],
)
def test_dates(cell, day):
    assert values.date(cell) == day


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("31.02.2014", "The date 31.02.2014 does not exist."),
        ("2014-13-01", "The date 2014-13-01 does not exist."),
        (
            "03/02/2014",
            "“03/02/2014” is not a date: write it as DD.MM.YYYY or YYYY-MM-DD, or use a date cell.",
        ),
        (
            41672,
            "“41672” is not a date: write it as DD.MM.YYYY or YYYY-MM-DD, or use a date cell.",
        ),
    ],
)
def test_dates_that_cannot_be_read(cell, message):
    with pytest.raises(CellError) as error:
        values.date(cell)
    assert error.value.message == message


def test_whole_numbers():
    assert values.integer(120) == 120
    assert values.integer(120.0) == 120
    assert values.integer(" 1 200 ") == 1200
    for cell in ("сто", "12.5", 12.5, True):
        with pytest.raises(CellError, match="is not a whole number"):
            values.integer(cell)


def test_amounts():
    assert str(values.amount("12 500,50")) == "12500.50"
    assert str(values.amount(12500.5)) == "12500.5"
    with pytest.raises(CellError, match="“много” is not a number"):
        values.amount("много")


def test_yes_and_no():
    assert values.boolean(True) is True
    assert values.boolean("да") is True and values.boolean("Иә") is True
    assert values.boolean("нет") is False and values.boolean(0) is False
    with pytest.raises(CellError, match="is not yes or no"):
        values.boolean("maybe")


@pytest.mark.parametrize(
    ("choices", "written", "code"),
    [
        (PlacementForm, "guardianship", "guardianship"),
        (PlacementForm, " Опека ", "guardianship"),
        (PlacementForm, "қорғаншылық", "guardianship"),
        (PlacementForm, "ПОПЕЧИТЕЛЬСТВО", "trusteeship"),
        (PlacementForm, "приемная  семья", "foster_family"),  # е for ё, doubled space
        (PlacementForm, "усыновление (удочерение)", "adoption"),
        (PlacementForm, "бала асырап алу", "adoption"),
        (PlacementForm, "patronage", "patronage"),
        (PlacementForm, "foster family", "foster_family"),  # the English label
        (Category, "ребёнок-сирота", "orphan"),
        (Category, "оставшийся без попечения родителей", "without_care"),
        (Sector, "денсаулық сақтау", "health"),
        (InstitutionKind, "дом юношества", "youth_home"),
        (InstitutionKind, "сәбилер үйі", "baby_home"),
    ],
)
def test_codes_in_any_language(choices, written, code):
    assert values.code(choices)(written) == code


@pytest.mark.parametrize(
    ("written", "sex"),
    [("M", "M"), ("F", "F"), ("М", "M"), ("Ж", "F"), ("ер", "M"), ("Әйел", "F"), ("male", "M")],
)
def test_sex(written, sex):
    assert values.sex(written) == sex


def test_iin_cells():
    assert values.iin_text(50601500012) == "050601500012"  # a number cell lost its 0
    assert values.iin_text(" 1506 0150 0012 ") == "150601500012"
    assert values.child_key("tmp-17") == "TMP-17"
    assert values.is_temporary(values.child_key("tmp-17"))


@pytest.mark.parametrize("cell", [1e300, "1e300", "9" * 40, "10000000000", -1e30])
def test_a_huge_sum_is_too_large_not_an_error_of_the_reader(cell):
    """A sum beyond the register's ten digits (schemathesis sent 1e300 through the API)
    is refused with a message; quantize would overflow on it."""
    with pytest.raises(CellError, match="is too large"):
        values.money(cell)


def test_sums_keep_their_cents():
    assert str(values.money("12 500,50")) == "12500.50"
    assert str(values.money(9999999999.99)) == "9999999999.99"
