"""What other apps derive from the records an import writes in bulk.

Bulk writes send no `post_save` signals, so an app that keeps something derived
from placements (the care app's schedule of monitoring visits) registers a callable
here; the import calls it inside its transaction, after writing, with the ids of
every placement it created or changed, of the placements of the visits it wrote
and of the placements of children whose birth date it corrected. The reports app
plugs the other apps in, in its `AppConfig.ready()` (the dependencies point towards
reports), e.g.:

    from care.services.schedules import rebuild_schedules
    placements_written.register(PlacementsHook(rebuild_schedules))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from registry.extensions import Slot


@dataclass(frozen=True)
class PlacementsHook:
    """`rebuild(placement_ids: set[int])`, in bulk (a few queries whatever the count)."""

    rebuild: Callable
    order: int = 100


placements_written = Slot("workbook_placements_written")


def after_placements_written(placement_ids: set[int]) -> None:
    if not placement_ids:
        return
    for hook in placements_written:
        hook.rebuild(set(placement_ids))
