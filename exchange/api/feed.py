"""The change feed: the children of an area touched since a cursor, from the audit
trail.

The audit trail orders every change (`registry.models.AuditEntry`, by id), and files
each entry under the region, district and child it belongs to. `changes` reads the
entries of the area after a cursor, in id order, and answers each child they touch
once: with its whole document (`documents.child_documents`) when it is in the area,
as a removal when it no longer is (its case was transferred to another district, or
it was merged into another record and deleted). A consumer that calls `changes`
again with the cursor it answered, until it answers nothing, holds the documents
`children_page` gives for the area, whatever it held before.

A transfer is filed under the district that receives the case (`Transfer.audit_scope`,
and the workbook's Transfers sheet the same), so the sending district's entries do not
name it: the entries of a transfer whose `from_district` is in the area are read too,
and the child, now elsewhere, is a removal.

Items and documents identify a child by `id` (its id in the register, which never
changes) as well as by `child`, its key in the workbook (its IIN, or `TMP-…`): a key
changes when an IIN becomes known or is corrected, and a merge gives the IIN of the
record deleted to the one kept. A consumer keys its copy by `id`.

Only settled entries are served (`settled_before`): on PostgreSQL a transaction still
writing (a long import) holds entry ids below those others have committed meanwhile,
and a consumer whose cursor went past them would never see them.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, Max, Min, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from children.models import Child, Transfer
from exchange.api.documents import child_documents
from exchange.models import WorkbookKey
from exchange.workbook.scope import ExportScope
from exchange.workbook.sheets.children import native_key
from registry.models import AuditEntry

BATCH = 2000  # entries read per query
SCAN_LIMIT = 20 * BATCH  # entries read per call at most (a page then ends early)


def area_scope(user_or_scope) -> ExportScope:
    """The area of a user (an officer: their district; regional staff and
    administrators: their region; national users: everything) or an ExportScope. An
    account without a role and its area: PermissionError."""
    if isinstance(user_or_scope, ExportScope):
        scope = user_or_scope
    elif not user_or_scope.is_authenticated or not user_or_scope.has_area:
        raise PermissionError("This account has no area to follow.")
    else:
        scope = ExportScope.for_user(user_or_scope)
    if scope.district_id is None and scope.region_id is None and scope.children != Q():
        raise ValueError("The change feed follows a district, a region or everything.")
    return scope


def entries_of_area(scope: ExportScope, using: str = DEFAULT_DB_ALIAS) -> Q:
    """The audit entries of the area's children: those filed under the area, and
    those of the transfers out of it."""
    if scope.district_id is not None:
        filed, sent = Q(district_id=scope.district_id), Q(from_district_id=scope.district_id)
    elif scope.region_id is not None:
        filed, sent = Q(region_id=scope.region_id), Q(from_district__region_id=scope.region_id)
    else:
        return Q()  # everything: removals are children merged and deleted
    transfers = (
        Transfer.objects.using(using)
        .filter(sent)
        .annotate(object_key=Cast("pk", CharField()))
        .values("object_key")
    )
    transfer_type = ContentType.objects.db_manager(using).get_for_model(Transfer)
    return filed | Q(content_type_id=transfer_type.pk, object_pk__in=transfers)


# The oldest start of the other transactions of this database that have written (and
# so may hold entry ids not committed yet), or the database's clock when there are
# none; less the hosts' clock skew (API_FEED_SETTLE_SECONDS).
UNSETTLED_SINCE = """
    (SELECT LEAST(min(xact_start), clock_timestamp()) FROM pg_stat_activity
     WHERE datname = current_database() AND backend_xid IS NOT NULL
       AND pid <> pg_backend_pid())
    - make_interval(secs => %s)
"""


def settled_before(using: str = DEFAULT_DB_ALIAS) -> int | None:
    """The id of the first audit entry the feed may not serve yet (None: all may be).

    PostgreSQL allocates entry ids as entries are inserted, but a transaction commits
    when it ends: while a long import writes, entries of others with higher ids commit
    and become visible, the import's lower ids later. A feed that served them would
    move its consumer's cursor past the import's entries for good. Every entry not
    committed yet belongs to a transaction that has written, so its timestamp (the
    app host's clock when it was made) is at or after that transaction's start, less
    the hosts' clock skew; and an entry with a higher id was inserted later, so its
    timestamp is at or after too. The feed therefore stops before the first entry
    whose timestamp is at or after the oldest start of the other writing transactions
    (or now, when there are none: a transaction starting now takes higher ids), less
    API_FEED_SETTLE_SECONDS for the skew: the entries before it are all committed.
    One query. It reads the primary's pg_stat_activity: the feed is read on the
    primary, never a standby, which would not know the primary's transactions.

    SQLite has one writer at a time: a transaction that writes holds the database's
    write lock until it commits, so no entry with a higher id can commit before its
    own, and everything committed is settled."""
    if connections[using].vendor != "postgresql":
        return None
    # A constant statement; the setting is a bound parameter.
    since = RawSQL(UNSETTLED_SINCE, [settings.API_FEED_SETTLE_SECONDS])  # noqa: S611
    unsettled = (
        AuditEntry.objects.using(using).filter(timestamp__gte=since).aggregate(first=Min("pk"))
    )
    return unsettled["first"]


def touched_children(
    scope: ExportScope, *, after: int, limit: int, using: str = DEFAULT_DB_ALIAS
) -> tuple[dict[int, int], int]:
    """The children the area's settled entries (`settled_before`) after `after` touch,
    at most `limit`, each with its last entry read, by that entry; and the last entry
    read (`after` when none)."""
    entries = (
        AuditEntry.objects.using(using)
        .filter(entries_of_area(scope, using), child_id__isnull=False)
        .order_by("pk")
        .values_list("pk", "child_id")
    )
    stop = settled_before(using)
    if stop is not None:
        entries = entries.filter(pk__lt=stop)
    last_entry: dict[int, int] = {}
    cursor, scanned = after, 0
    while True:
        batch = list(entries.filter(pk__gt=cursor)[:BATCH])
        for entry_id, child_id in batch:
            if child_id not in last_entry and len(last_entry) >= limit:
                return _by_entry(last_entry), cursor
            last_entry[child_id] = entry_id
            cursor = entry_id
        scanned += len(batch)
        if len(batch) < BATCH or scanned >= SCAN_LIMIT:
            return _by_entry(last_entry), cursor


def _by_entry(last_entry: dict[int, int]) -> dict[int, int]:
    return dict(sorted(last_entry.items(), key=lambda item: item[1]))


def changes(
    user_or_scope, *, after: int, limit: int, using: str = DEFAULT_DB_ALIAS
) -> tuple[list[dict], int]:
    """The children of the area (see `area_scope`) that changed after the cursor
    `after` (0: from the start), at most `limit`, and the cursor to ask with next.

    Each child touched is one item, in the order of its last change:
    `{"cursor": entry id, "action": "upsert", "id": …, "child": key, "record":
    document}` (the document as `children_page` gives it), or, for a child no longer
    in the area, `{"cursor": …, "action": "remove", "id": …, "child": key}` (the key
    it last had; null for a record deleted without one). An item's `cursor` is a
    place to resume from too. No items: the consumer is up to date (the cursor
    answered is then `after`). Entries of the last API_FEED_SETTLE_SECONDS, and
    those after the start of a transaction still writing, wait (`settled_before`)."""
    if limit < 1:
        raise ValueError("A page holds at least one child.")
    scope = area_scope(user_or_scope)
    touched, cursor = touched_children(scope, after=after, limit=limit, using=using)
    if not touched:
        return [], cursor
    documents = child_documents(scope, Q(pk__in=list(touched)), using=using)
    gone = [pk for pk in touched if pk not in documents]
    keys = removed_keys(gone, using) if gone else {}
    items = []
    for child_id, entry_id in touched.items():
        document = documents.get(child_id)
        if document is None:
            items.append(
                {
                    "cursor": entry_id,
                    "action": "remove",
                    "id": child_id,
                    "child": keys.get(child_id),
                }
            )
        else:
            items.append(
                {
                    "cursor": entry_id,
                    "action": "upsert",
                    "id": child_id,
                    "child": document["iin"],
                    "record": document,
                }
            )
    return items, cursor


def cursor_at(moment: datetime.datetime, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """The cursor of the changes made from `moment` on: `changes(…,
    after=cursor_at(moment))` answers every child changed since then (and perhaps a
    few changed just before: the entries of one import share its start's time)."""
    trail = AuditEntry.objects.using(using)
    first = trail.filter(timestamp__gte=moment).aggregate(first=Min("pk"))["first"]
    if first is not None:
        return first - 1
    return trail.aggregate(last=Max("pk"))["last"] or 0


def removed_keys(ids: list[int], using: str = DEFAULT_DB_ALIAS) -> dict[int, str]:
    """The workbook keys of children that left the area (as their export writes
    them) or were deleted (the IIN their deletion's entry keeps, else `TMP-<id>`)."""
    keys = {}
    existing = (
        Child.objects.using(using).filter(pk__in=ids).values_list("pk", "iin", "workbook_key__key")
    )
    taken = None
    for pk, iin, stored in existing:
        if not iin and not stored and taken is None:
            taken = set(WorkbookKey.objects.using(using).values_list("key", flat=True))
        keys[pk] = iin or stored or native_key(pk, taken or set())
    deleted = [pk for pk in ids if pk not in keys]
    if deleted:
        child_type = ContentType.objects.db_manager(using).get_for_model(Child)
        entries = AuditEntry.objects.using(using).filter(
            content_type_id=child_type.pk,
            action=AuditEntry.Action.DELETE,
            object_pk__in=[str(pk) for pk in deleted],
        )
        for object_pk, entry_changes in entries.values_list("object_pk", "changes"):
            iin = (entry_changes or {}).get("iin", [None])[0]
            keys[int(object_pk)] = (
                iin if iin and iin != "None" else native_key(int(object_pk), set())
            )
    return keys
