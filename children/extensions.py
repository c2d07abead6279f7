"""Where later apps (housing, benefits, care follow-up) add to the child's page and
timeline without the children app importing them."""

from dataclasses import dataclass

from registry.extensions import Slot

# Panels on the child's page: Panel(template, context(request, child=...)).
child_sections = Slot("child_sections")

# Events on the child's timeline: callables `events(child) -> list[TimelineEvent]`,
# registered as TimelineSource(events, order).
timeline_sources = Slot("timeline_sources")

# Kinds of a child's records of which a child has one at a time (a status, a placement,
# a life plan, …), registered by the app that owns them: merging two records of one
# child refuses to make two of them overlap (`children.services.merge`).
merge_rules = Slot("merge_rules")


@dataclass(frozen=True)
class OneAtATime:
    """A child's records of `model` (dated: start_date, end_date) must not overlap;
    with `by`, only those that agree on these fields (an allowance of one kind)."""

    model: type
    by: tuple = ()
    order: int = 100
