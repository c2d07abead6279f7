"""Where later apps (housing, benefits, care follow-up) add to the child's page and
timeline without the children app importing them."""

from collections.abc import Callable
from dataclasses import dataclass

from registry.extensions import Slot

# Panels on the child's page: Panel(template, context(request, child=...)).
child_sections = Slot("child_sections")

# Events on the child's timeline: callables `events(child) -> list[TimelineEvent]`,
# registered as TimelineSource(events, order).
timeline_sources = Slot("timeline_sources")

# How merging two records of one child (`children.services.merge`) treats a kind of
# record, registered by the app that owns it: OneAtATime (a status, a placement, a
# life plan, …: the merge refuses to make two of them overlap), KeptOnce.
merge_rules = Slot("merge_rules")


@dataclass(frozen=True)
class OneAtATime:
    """A child's records of `model` (dated: start_date, end_date) must not overlap;
    with `by`, only those that agree on these fields (an allowance of one kind)."""

    model: type
    by: tuple = ()
    order: int = 100


@dataclass(frozen=True)
class KeptOnce:
    """A record a child has one of (a one-to-one relation) that only says how the
    child is known elsewhere (the key a workbook knows it by): when both records have
    one, the kept record's stays and the other's is dropped. Any other such record
    held by both refuses the merge."""

    model: type
    order: int = 100


# Sections of the child's card (children.card): CardPart(build, order), where
# `build(child, day)` gives a list of CardSection.
card_sections = Slot("card_sections")


@dataclass(frozen=True)
class RecordLink:
    text: str
    url: str


@dataclass(frozen=True)
class RecordNotes:
    """What a later app lists beside each of the child's records on the child's page
    (the documents about a placement, a housing right, …), under `label`.
    `notes(request, child)` reads them for all the child's records at once and returns
    {(the record's model label_lower, its pk): [RecordLink, …]}."""

    label: object
    notes: Callable
    order: int = 100


# Beside each record on the child's page: RecordNotes(label, notes, order).
record_notes = Slot("record_notes")


def record_notes_of(request, child) -> dict:
    """{(model label_lower, pk): [(label, [RecordLink, …]), …]}: what every registered
    app lists beside each of the child's records (the tag `record_notes` shows it)."""
    found: dict = {}
    for source in record_notes:
        for key, links in source.notes(request, child).items():
            if links:
                found.setdefault(key, []).append((source.label, links))
    return found
