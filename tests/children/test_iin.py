"""The IIN rules: 12 digits, a real birth date, century and sex, the check digit."""

import datetime

import pytest

from children.iin import check_digit, iin_errors, is_valid_iin, make_iin

BORN = datetime.date(2012, 3, 15)


@pytest.mark.parametrize(
    ("iin", "sex"),
    [
        # 1·1+2·2+3·0+4·3+5·1+6·5+7·6+8·0+9·0+10·0+11·0 = 94; 94 mod 11 = 6
        ("120315600006", "F"),
        # first weights give 87 mod 11 = 10, so the second weights:
        # 3·1+4·2+5·0+6·3+7·1+8·5+9·5 = 121; 121 mod 11 = 0
        ("120315500000", "M"),
    ],
)
def test_valid_iins(iin, sex):
    assert iin_errors(iin, BORN, sex) == []
    assert is_valid_iin(iin)


@pytest.mark.parametrize(
    ("iin", "message"),
    [
        ("12031560000", "An IIN is exactly 12 digits."),
        ("1203156000060", "An IIN is exactly 12 digits."),
        ("12031560000a", "An IIN is exactly 12 digits."),
        ("120315600007", "The IIN's check digit does not match: look for a mistyped digit."),
        # both weightings give 10: no check digit exists for these eleven digits
        ("120315600780", "The IIN's check digit does not match: look for a mistyped digit."),
        ("121315600006", "The first six digits of the IIN (YYMMDD) are not a real date."),
        ("120230600006", "The first six digits of the IIN (YYMMDD) are not a real date."),
        (
            "120315900006",
            "The 7th digit of an IIN must be 3, 4, 5 or 6 (century and sex); it is 9.",
        ),
    ],
)
def test_invalid_iins(iin, message):
    assert message in iin_errors(iin)
    assert not is_valid_iin(iin)


def test_birth_date_must_match_the_iin():
    assert iin_errors("120315600006", datetime.date(2012, 3, 16), "F") == [
        "The IIN gives the birth date 15.03.2012, but the birth date entered is 16.03.2012."
    ]


def test_century_digit_must_match_the_birth_year():
    # 3/4: born in the 1900s; 5/6: in the 2000s. 7th digit 4 says 1912.
    iin = make_iin(datetime.date(1912, 3, 15), "F", 0)
    assert iin[6] == "4"
    assert (
        "The IIN gives the birth date 15.03.1912, but the birth date entered is 15.03.2012."
        in iin_errors(iin, BORN, "F")
    )


def test_sex_must_match_the_iin():
    assert iin_errors("120315600006", BORN, "M") == [
        "The 7th digit of the IIN says the person is female."
    ]
    assert iin_errors("120315500000", BORN, "F") == [
        "The 7th digit of the IIN says the person is male."
    ]


def test_made_iins_are_valid_for_every_serial():
    for serial in range(200):
        iin = make_iin(BORN, "M", serial)
        assert iin_errors(iin, BORN, "M") == [], iin
    assert check_digit("12031560078") is None
