"""`/healthz`: what a balancer or an operator's monitoring asks every few seconds.

200 when the database answers and every migration is applied, 503 otherwise, with a
tiny JSON body naming each part. No session is read or made, nothing personal is in
it, the HTTPS redirect lets it through (SECURE_REDIRECT_EXEMPT: a balancer probes in
plain HTTP) and it writes no access line. The probe must send a Host in
ALLOWED_HOSTS, like any other request.

`queue` counts the jobs waiting for a background worker (django-tasks-db's table),
for monitoring: a queue that keeps growing means no worker runs. It never makes the
answer 503.
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Once every migration has been found applied, this process does not look again:
# reading the migration files costs tens of milliseconds, and a process started
# before a `migrate` is not started again by it, while one started after it stays so.
_migrations_applied = False


def _queue_depth() -> int | None:
    """The jobs waiting for a worker, which also shows that the database answers (one
    statement per probe); None when it does not."""
    try:
        return DBTaskResult.objects.filter(status="READY").count()
    except DatabaseError:
        logger.warning("Health check: the database does not answer.", exc_info=True)
        return None


def _migrations_are_applied() -> bool:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


@login_not_required
@never_cache
@require_safe
def healthz(request):
    body = {"database": "unavailable", "migrations": "unknown"}
    healthy = False
    depth = _queue_depth()
    if depth is not None:
        body["database"] = "ok"
        body["queue"] = depth
        try:
            applied = _migrations_are_applied()
            body["migrations"] = "ok" if applied else "pending"
            healthy = applied
        except DatabaseError:
            logger.warning("Health check: the database failed half-way.", exc_info=True)
            body["database"] = "unavailable"
    return JsonResponse(body, status=200 if healthy else 503)
