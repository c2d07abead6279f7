"""Test children made through the services officers use."""

import datetime
import itertools

from children.iin import make_iin
from children.models import Category, StatusReason
from children.services.children import child_register, child_update_identity
from children.services.placements import placement_add

_serial = itertools.count(100)


def fresh_iin(birth_date: datetime.date, sex: str) -> str:
    """A valid IIN no other call gives: make_iin moves a serial whose check digit would
    be 10 on to the next one, which the next call would give again."""
    while True:
        serial = next(_serial)
        iin = make_iin(birth_date, sex, serial)
        if iin[7:11] == f"{serial % 10000:04d}":
            return iin


def register_child(
    actor,
    district,
    *,
    birth_date=datetime.date(2015, 6, 1),
    sex="M",
    registered_on=None,
    iin="auto",
    last_name="Ахметов",
    first_name=None,
    category=Category.WITHOUT_CARE,
    reason=StatusReason.DEPRIVED,
    status_start=None,
    confirm_similar=True,
    **extra,
):
    registered_on = registered_on or max(birth_date, datetime.date(2020, 1, 10))
    return child_register(
        actor=actor,
        district=district,
        iin=fresh_iin(birth_date, sex) if iin == "auto" else iin,
        last_name=last_name,
        first_name=first_name or f"Бала{next(_serial)}",
        birth_date=birth_date,
        sex=sex,
        registered_on=registered_on,
        category=category,
        reason=reason,
        status_start=status_start or registered_on,
        confirm_similar=confirm_similar,
        **extra,
    )


def place(actor, child, form, start_date, institution=None, carer_name="Серікова Гүлнар", **extra):
    return placement_add(
        actor=actor,
        child=child,
        form=form,
        start_date=start_date,
        institution=institution,
        carer_name=carer_name,
        **extra,
    )


def register_namesake(actor, district, other, **fields):
    """A child of the same name and birth date as `other`, registered in `district`
    (`fields`: its other details, as `register_child` takes them)."""
    return register_child(
        actor,
        district,
        birth_date=other.birth_date,
        last_name=other.last_name,
        first_name=other.first_name,
        middle_name=other.middle_name,
        **fields,
    )


def registered_twice(child):
    """The same child registered again in its district (a suspected duplicate)."""
    from children.services.children import child_register
    from registry.audit import system_actor

    return child_register(
        actor=system_actor(),
        district=child.district,
        iin=None,
        last_name=child.last_name.upper(),
        first_name=child.first_name,
        middle_name=child.middle_name,
        birth_date=child.birth_date,
        sex=child.sex,
        registered_on=child.registered_on,
        category="without_care",
        reason="deprived",
        status_start=child.registered_on,
        confirm_similar=True,
    )


def identity_changed(actor, child, *, version=None, **changes):
    """The child's identity saved by `actor` with `changes` (`last_name=…`, …) and the
    rest as it is (`version`: the one the form was opened at, by default the child's)."""
    fields = ("iin", "last_name", "first_name", "middle_name", "birth_date", "sex")
    return child_update_identity(
        actor=actor,
        child=child,
        version=child.version if version is None else version,
        **{**{name: getattr(child, name) for name in fields}, **changes},
    )
