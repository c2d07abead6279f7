"""Change stamps: every change to a child's records raises that child's stamp, in the
transaction that makes the change (registry.models.stamps).

Raised for each audit entry of a child's record: by django-auditlog's entries (a
`post_save` of the entry, `registry.apps`), by the entries of bulk writes
(`registry.audit_bulk`), and by writes that have no entry of their own (the due
visits a schedule's rebuild derives from an audited change, the synthetic
generator's children): `touch`.

A count that reads a child's records and its stamp in one statement (one snapshot)
is exact while the stamp is unchanged: a change committed later, whatever the order
of the transactions, has raised it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections

from registry.models.stamps import ChangeStamp

CHUNK = 500  # stamps raised a statement


def touch(child_ids: Iterable[int | None], using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the stamps of these children (None, no child, is skipped), each once, in
    the order of their ids (two writers raise shared stamps in the same order)."""
    keys = sorted({int(pk) for pk in child_ids if pk is not None})
    if not keys:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    table, key = quote(ChangeStamp._meta.db_table), quote("child_id")
    with connection.cursor() as cursor:
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            values = ", ".join(["(%s, 1)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({key}, stamp) VALUES {values} "  # noqa: S608 - model names
                f"ON CONFLICT ({key}) DO UPDATE SET stamp = {table}.stamp + 1",
                chunk,
            )


def entry_saved(sender, instance, created: bool, raw: bool = False, using=None, **kwargs) -> None:
    """`post_save` of an audit entry: raise the stamp of its child."""
    if created and not raw and instance.child_id is not None:
        touch([instance.child_id], using or DEFAULT_DB_ALIAS)
