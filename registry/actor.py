"""The account on whose behalf the current code runs, for the audit trail."""

import contextlib
from contextvars import ContextVar

_actor: ContextVar = ContextVar("registry_audit_actor", default=None)


@contextlib.contextmanager
def acting_as(actor):
    """Attribute every audit entry written inside the block to `actor`."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()
