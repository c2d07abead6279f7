"""Checking a workbook for a user: every check is in the access log, and an account
checks at most `WORKBOOK_CHECKS_PER_HOUR` workbooks an hour.

A check looks every IIN of the workbook up in the whole register: a child kept by a
district the user may not import into is refused, so a check tells whether an IIN is
in the register. The access log records each check with the number of IINs it looked
up (administrators read it), and the limit, counted from the access log (and the
checks still waiting for a worker), keeps an account from sending thousands of IINs
again and again.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from exchange.workbook.importer import ImportResult, check_workbook
from exchange.workbook.scope import ImportScope
from registry.audit import log_access
from registry.models import AccessLog, Job

WINDOW = datetime.timedelta(hours=1)


def checks_in_the_last_hour(user) -> int:
    """The workbooks `user` had checked in the last hour (one indexed count)."""
    return AccessLog.objects.filter(
        user=user, action=AccessLog.Action.CHECK, timestamp__gte=timezone.now() - WINDOW
    ).count()


def checks_waiting(user) -> int:
    """`user`'s workbook checks queued or running: not yet in the access log."""
    from exchange.jobs import CHECK

    return Job.objects.filter(
        user=user, kind=CHECK, phase__in=(Job.Phase.QUEUED, *Job.RUNNING)
    ).count()


def may_check(user) -> bool:
    """Whether `user` may have another workbook checked this hour (the checks done,
    and those waiting for a worker, count)."""
    done = checks_in_the_last_hour(user)
    return done + checks_waiting(user) < settings.WORKBOOK_CHECKS_PER_HOUR


def check_for(
    *, user, source, scope: ImportScope, description: str, request=None, progress=None, keep=False
) -> ImportResult:
    """Check the workbook (nothing is written) and record the check in the access log:
    which file, for which area, how many IINs it looked up, how many problems.
    `progress`, `keep`: see `check_workbook`."""
    result = check_workbook(source, scope=scope, progress=progress, keep=keep)
    log_check(user=user, scope=scope, result=result, description=description, request=request)
    return result


def log_check(*, user, scope: ImportScope, result: ImportResult, description: str, request=None):
    """A check in the access log: what was checked, for which area, how many IINs it
    looked up, how many problems (also an import refused unwritten: it looked up as
    many IINs)."""
    log_access(
        user=user,
        action=AccessLog.Action.CHECK,
        description=description,
        region_id=next(iter(scope.region_ids), None) if scope.region_ids else None,
        district_id=next(iter(scope.district_ids), None) if scope.district_ids else None,
        parameters={
            "scope": scope.label,
            "iins": result.looked_up,
            "problems": len(result.problems),
        },
        request=request,
    )
