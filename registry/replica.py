"""Where figures are read from: the standby (`DATABASE_REPLICA_URL`) when there is one.

A streaming standby takes the read load of figures off the primary: the dashboard,
the indicator pages and the children behind a figure, the annual report (page and
command), the register workbook export and the lists' Excel downloads. Each of
these asks `figures_db()` for the alias it reads from and says so at the call site
(`.using(alias)`, `connections[alias]`); there is no database router, which would
also send an officer's page after a save to a copy that may lag behind.

Everything else stays on "default", the primary: every write, the session, login
throttling, the audit trail and access log, and whatever is read right after a
write. The cached figures (a table of the primary) are filed under the version of
the data they were counted from, and that version is read from the same database
as the figures (reports.indicators.cache): figures of a lagging standby are filed
under its older version, never under the primary's newer one.

A standby that does not answer is not waited for: the figures are read from the
primary, and a warning is logged, for as long as it does not answer.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"

logger = logging.getLogger(__name__)


def figures_db() -> str:
    """The alias figures, their lists and exports are read from: the standby's when it
    is configured and answers, otherwise the primary's."""
    alias = settings.FIGURES_DATABASE
    if alias == DEFAULT_DB_ALIAS:
        return alias
    connection = connections[alias]
    try:
        # A connection kept from an earlier request (CONN_MAX_AGE) is checked first.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        logger.warning(
            "The standby database (%s) does not answer; figures are read from the primary: %s",
            alias,
            error,
        )
        connection.close()
        return DEFAULT_DB_ALIAS
    return alias
