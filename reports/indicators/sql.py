"""Database expressions the indicators need that Django does not ship."""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Mod, Substr

from children.iin import WEIGHTS_FIRST, WEIGHTS_SECOND

# Twelve digits with a century-and-sex digit of 3 to 6.
WELL_FORMED_IIN = r"^[0-9]{6}[3-6][0-9]{5}$"


def _weighted_sum(field: str, weights):
    total = Value(0)
    for position, weight in enumerate(weights, start=1):
        total = total + Cast(Substr(field, position, 1), IntegerField()) * weight
    return Mod(total, Value(11))


def invalid_iin(field: str = "iin") -> tuple[dict, Q]:
    """Annotations and a condition that holds for a present IIN failing the rules a
    database can check: form (twelve digits, 7th digit 3 to 6) and the check digit
    with both weightings. Digits are only read from well-formed text, so no cast fails
    (the date inside the IIN is checked when the IIN is entered)."""
    well_formed = Q(**{f"{field}__regex": WELL_FORMED_IIN})
    annotations = {
        "_iin_first": Case(
            When(well_formed, then=_weighted_sum(field, WEIGHTS_FIRST)), output_field=IntegerField()
        ),
        "_iin_second": Case(
            When(well_formed, then=_weighted_sum(field, WEIGHTS_SECOND)),
            output_field=IntegerField(),
        ),
        "_iin_last": Case(
            When(well_formed, then=Cast(Substr(field, 12, 1), IntegerField())),
            output_field=IntegerField(),
        ),
    }
    annotations["_iin_check"] = Case(
        When(~Q(_iin_first=10), then=F("_iin_first")),
        When(~Q(_iin_second=10), then=F("_iin_second")),
        default=Value(-1),
        output_field=IntegerField(),
    )
    invalid = Q(**{f"{field}__isnull": False}) & (~well_formed | ~Q(_iin_check=F("_iin_last")))
    return annotations, invalid
