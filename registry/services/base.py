"""What every service shares: one transaction, the acting account, lost-update checks."""

from __future__ import annotations

import functools
import re

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from registry.actor import acting_as

# Control characters other than tab and line breaks: invisible, pasted from word
# processors (a vertical tab for a line break), and refused by the XML of a workbook.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


def service(function):
    """Run a write in one transaction, with every audit entry attributed to `actor`.

    Services take keyword arguments only, and `actor` is always one of them. Text
    arguments lose invisible control characters first.
    """

    @functools.wraps(function)
    def wrapped(*, actor, **kwargs):
        kwargs = {
            key: without_control_characters(value) if isinstance(value, str) else value
            for key, value in kwargs.items()
        }
        try:
            with transaction.atomic(), acting_as(actor):
                return function(actor=actor, **kwargs)
        except EditConflict as conflict:
            # The losing save wrote nothing; the trail still shows that it was tried.
            from registry.audit import record_refused_change

            record_refused_change(actor=actor, current=conflict.current, attempted=kwargs)
            raise

    return wrapped


class _TrialOver(Exception):
    """Ends a trial run (`rules_of`): whatever it wrote is rolled back."""


def rules_of(call) -> ValidationError | None:
    """What a service says of some values, without writing anything: `call()` runs the
    service inside a transaction that is always rolled back, its audit entries with it.
    Returns its ValidationError (the rules' messages), or None when it has nothing to
    say: it accepts the values, or they are too incomplete for its rules to judge (a
    rule or a write that needs a value the form could not give fails on None), or
    the record changed meanwhile (that is answered when the user saves)."""
    try:
        with transaction.atomic():
            call()
            raise _TrialOver
    except (_TrialOver, EditConflict):
        return None
    except ValidationError as error:
        return error
    except (TypeError, AttributeError, ValueError, KeyError, DatabaseError):
        return None


class EditConflict(ValidationError):
    """The record changed after the user opened it: their save is refused."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. Your changes "
                "were not saved; the form now shows the current values."
            ),
            code="conflict",
        )


def claim_version(instance, expected_version: int | None) -> None:
    """Compare-and-swap on `instance.version`, or raise EditConflict.

    Two users who opened version N both try to move it to N+1 in one UPDATE; the
    database lets exactly one of them do it. The loser gets the current record.
    """
    if expected_version is None:
        expected_version = instance.version
    model = type(instance)
    claimed = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(model._base_manager.get(pk=instance.pk))
    instance.version = expected_version + 1
