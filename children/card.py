"""The child's card: one document with the child's whole case, in the reader's
language, printed as a PDF (children.card_pdf) or from the browser's print dialog.

The card is plain data (sections of facts and tables of text) built once and
rendered twice. The children app builds its own sections; housing, benefits, care and
documents add theirs through the `card_sections` slot (registered in their `ready()`),
as they add their panels to the child's page, so that the children app imports none
of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from children.ages import age_at
from children.extensions import card_sections
from children.models import Child
from children.selectors import child_timeline


@dataclass(frozen=True)
class CardTable:
    """A table of the card: its column headers, rows of text (one cell a column),
    what it says when it has no rows, and the columns' relative widths."""

    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    empty: str
    widths: Sequence[int] = ()
    heading: str = ""


@dataclass(frozen=True)
class CardSection:
    """A section of the card: a heading, facts (label, value) and tables."""

    heading: str
    facts: Sequence[tuple[str, str]] = ()
    tables: Sequence[CardTable] = ()
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class CardPart:
    """What a later app adds to the card: `build(child, day)` gives its sections."""

    build: Callable
    order: int = 100


@dataclass
class Card:
    child: Child
    title: str
    subtitle: str
    sections: list[CardSection] = field(default_factory=list)
    printed_at: datetime.datetime | None = None
    printed_by: str = ""

    @property
    def printed_line(self) -> str:
        return _("Printed on %(date)s by %(officer)s") % {
            "date": timezone.localtime(self.printed_at).strftime("%d.%m.%Y %H:%M"),
            "officer": self.printed_by,
        }


def day_text(value) -> str:
    """A date as the card shows it (dd.mm.yyyy), or a dash."""
    return value.strftime("%d.%m.%Y") if value else "—"


def amount_text(value) -> str:
    """An amount of tenge as the pages show it (grouped, no needless decimals)."""
    return "—" if value is None else str(floatformat(value, "-2g"))


def not_stated() -> str:
    return _("not stated")


def _ended(record, end_reason_display: str) -> str:
    if record.end_date and not record.end_reason:
        return not_stated()
    return end_reason_display


def _identity(child: Child, day: datetime.date) -> CardSection:
    def label(name):
        return capfirst(Child._meta.get_field(name).verbose_name)

    return CardSection(
        _("Identity"),
        facts=[
            (_("IIN"), child.iin or _("not known (temporary registration)")),
            (label("last_name"), child.last_name),
            (label("first_name"), child.first_name),
            (label("middle_name"), child.middle_name or "—"),
            (
                label("birth_date"),
                "{} ({})".format(
                    day_text(child.birth_date),
                    _("age %(age)s") % {"age": age_at(child.birth_date, day)},
                ),
            ),
            (label("sex"), child.get_sex_display()),
            (label("district"), str(child.district)),
            (label("registered_on"), day_text(child.registered_on)),
        ],
    )


def _statuses(statuses) -> CardSection:
    rows = [
        (
            capfirst(status.get_category_display()),
            status.get_reason_display() if status.reason else not_stated(),
            day_text(status.start_date),
            day_text(status.end_date),
            _ended(status, status.get_end_reason_display() or ""),
        )
        for status in reversed(statuses)
    ]
    return CardSection(
        _("Statuses"),
        tables=[
            CardTable(
                (_("Category"), _("Reason"), _("Start"), _("Until"), _("Why it ended")),
                rows,
                _("No statuses."),
                widths=(5, 5, 3, 3, 4),
            )
        ],
    )


def _where(placement) -> str:
    if placement.institution:
        return str(placement.institution)
    if placement.form == "institution" or not placement.carer_name:
        return not_stated()
    parts = [placement.carer_name]
    if placement.carer_iin:
        parts.append(f"({placement.carer_iin})")
    if placement.carer_address:
        parts.append(f"{placement.carer_address} {placement.carer_phone}".strip())
    return " ".join(parts)


def _placements(placements, day: datetime.date) -> CardSection:
    columns = (_("Form of care"), _("Where, with whom"), _("Start"), _("Until"), _("Why it ended"))
    widths = (4, 6, 3, 3, 3)

    def row(placement):
        return (
            capfirst(placement.get_form_display()),
            _where(placement),
            day_text(placement.start_date),
            day_text(placement.end_date),
            _ended(placement, placement.get_end_reason_display() or ""),
        )

    current = [row(p) for p in reversed(placements) if p.is_active_at(day)]
    past = [row(p) for p in reversed(placements) if not p.is_active_at(day)]
    return CardSection(
        _("Placements"),
        tables=[
            CardTable(columns, current, _("Not placed."), widths, heading=_("Form of care today")),
            CardTable(columns, past, _("No placements."), widths, heading=_("Earlier placements")),
        ],
    )


def child_card(*, child: Child, user, day: datetime.date | None = None) -> Card:
    """The card of a child the user may read (fetched with `child_get_for`), as of
    `day`, printed by `user` now, in the active language."""
    day = day or timezone.localdate()
    timeline = child_timeline(child)
    sections = [
        _identity(child, day),
        _statuses(timeline["statuses"]),
        _placements(timeline["placements"], day),
    ]
    for part in card_sections:
        sections.extend(part.build(child, day))
    return Card(
        child=child,
        title=_("Card of the child"),
        subtitle=child.full_name,
        sections=sections,
        printed_at=timezone.now(),
        printed_by=user.get_full_name() or user.username,
    )
