import datetime

import pytest

from children.models import InstitutionKind, PlacementEndReason, PlacementForm, Sector
from children.services.institutions import institution_create
from children.services.placements import placement_end
from tests.children.conftest import child_a, child_b, children_home  # noqa: F401 - fixtures
from tests.children.factories import place, register_child


@pytest.fixture
def family(officer_a, child_a):  # noqa: F811
    """child_a (born 1 June 2015) under guardianship from 1 January 2021."""
    return place(officer_a, child_a, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))


@pytest.fixture
def youth_home(actor, district_a):
    return institution_create(
        actor=actor,
        code="YH-A",
        name_kk="Жасөспірімдер үйі",
        name_ru="Дом юношества А",
        name_en="Youth home A",
        district=district_a,
        kind=InstitutionKind.YOUTH_HOME,
        sector=Sector.EDUCATION,
        capacity=2,
    )


def graduate(
    officer, district, home, *, birth_date, left_on, reason=PlacementEndReason.CAME_OF_AGE
):
    """A young person who lived in `home` from 2020 and left it on `left_on`."""
    child = register_child(officer, district, birth_date=birth_date)
    placement = place(officer, child, PlacementForm.INSTITUTION, datetime.date(2020, 2, 1), home)
    placement_end(
        actor=officer,
        placement=placement,
        version=placement.version,
        end_date=left_on,
        end_reason=reason,
    )
    child.refresh_from_db()
    return child


@pytest.fixture
def make_graduate(officer_a, district_a, children_home):  # noqa: F811
    def make(birth_date=datetime.date(2004, 3, 1), left_on=None, **kwargs):
        kwargs.setdefault("reason", PlacementEndReason.CAME_OF_AGE)
        left_on = left_on or datetime.date(birth_date.year + 18, birth_date.month, birth_date.day)
        return graduate(
            kwargs.pop("officer", officer_a),
            kwargs.pop("district", district_a),
            children_home,
            birth_date=birth_date,
            left_on=left_on,
            **kwargs,
        )

    return make
