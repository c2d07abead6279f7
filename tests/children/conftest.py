import datetime

import pytest

from children.models import InstitutionKind, Sector
from children.services.institutions import institution_create
from tests.children.factories import register_child


@pytest.fixture
def children_home(actor, district_a):
    return institution_create(
        actor=actor,
        code="CH-A",
        name_kk="А балалар үйі",
        name_ru="Детский дом А",
        district=district_a,
        kind=InstitutionKind.CHILDREN_HOME,
        sector=Sector.EDUCATION,
        capacity=50,
    )


@pytest.fixture
def child_a(officer_a, district_a):
    """A boy born 1 June 2015, registered in district A on 10 January 2020."""
    return register_child(
        officer_a,
        district_a,
        last_name="Омаров",
        first_name="Арман",
        birth_date=datetime.date(2015, 6, 1),
    )


@pytest.fixture
def child_b(officer_b, district_b):
    return register_child(
        officer_b,
        district_b,
        last_name="Исаева",
        first_name="Дана",
        sex="F",
        birth_date=datetime.date(2012, 2, 3),
    )


@pytest.fixture
def youth_home(actor, district_a):
    return institution_create(
        actor=actor,
        code="YH-A",
        name_kk="А жасөспірімдер үйі",
        name_ru="Дом юношества А",
        district=district_a,
        kind=InstitutionKind.YOUTH_HOME,
        sector=Sector.EDUCATION,
        capacity=30,
    )
