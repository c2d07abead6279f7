"""Where later apps (housing, benefits, care follow-up) add to the child's page and
timeline without the children app importing them."""

from registry.extensions import Slot

# Panels on the child's page: Panel(template, context(request, child=...)).
child_sections = Slot("child_sections")

# Events on the child's timeline: callables `events(child) -> list[TimelineEvent]`,
# registered as TimelineSource(events, order).
timeline_sources = Slot("timeline_sources")

# Sections of the child's card (children.card): CardPart(build, order), where
# `build(child, day)` gives a list of CardSection.
card_sections = Slot("card_sections")
