"""The register's records for other systems, in the workbook template's words: the
functions the HTTP API (`api`) calls, plain Python.

- `documents`: `children_page` (a child with all its records, page by page, by
  cursor);
- `feed`: `changes` (the children changed since a cursor, from the audit trail,
  and those that left the area as removals), `cursor_at` (the cursor of a date);
- `writes`: `import_records` and `check_records` (records sent as JSON, through the
  workbook import).
"""

from exchange.api.documents import children_page
from exchange.api.feed import changes, cursor_at
from exchange.api.writes import check_records, import_records

__all__ = [
    "changes",
    "check_records",
    "children_page",
    "cursor_at",
    "import_records",
]
