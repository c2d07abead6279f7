"""What the housing app adds to the child's card: its rights, queue entries (with the
position) and housing provided."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from children.card import CardSection, CardTable, day_text, not_stated
from housing.selectors import child_housing
from housing.templatetags.housing_tags import months_since


def _ended(record) -> str:
    if record.end_date and not record.end_reason:
        return not_stated()
    return record.get_end_reason_display() or ""


def _position(entry) -> str:
    if not entry.position:
        return "—"
    if entry.position_on:
        return _("%(position)s (as of %(date)s)") % {
            "position": entry.position,
            "date": day_text(entry.position_on),
        }
    return str(entry.position)


def _kind(right) -> str:
    kind = capfirst(right.get_kind_display())
    if right.share_size:
        return f"{kind} {right.share_size}"
    return f"{kind} {not_stated()}" if right.kind == "share" else kind


def housing_card(child, day) -> list[CardSection]:
    history = child_housing(child)
    rights = [
        (
            _kind(right),
            right.address or not_stated(),
            right.document,
            day_text(right.start_date),
            day_text(right.end_date),
            _ended(right),
        )
        for right in history["rights"]
    ]
    queue = [
        (
            str(entry.district),
            day_text(entry.start_date),
            _position(entry),
            str(months_since(entry.start_date, entry.end_date or day)),
            day_text(entry.end_date),
            " ".join(filter(None, [_ended(entry), entry.end_explanation])),
        )
        for entry in history["queue_entries"]
    ]
    provided = [
        (
            day_text(provision.date),
            provision.address or not_stated(),
            provision.get_source_display(),
            (
                f"{provision.queue_entry.district}, "
                + _("since %(date)s") % {"date": day_text(provision.queue_entry.start_date)}
                if provision.queue_entry
                else f"{_('Exception:')} {provision.exception_reason or not_stated()}"
            ),
        )
        for provision in history["provisions"]
    ]
    return [
        CardSection(
            _("Housing"),
            tables=[
                CardTable(
                    (
                        _("Ownership"),
                        _("Address"),
                        _("Document"),
                        _("Start"),
                        _("Until"),
                        _("Why it ended"),
                    ),
                    rights,
                    _("No secured housing recorded."),
                    widths=(3, 5, 3, 3, 3, 3),
                    heading=_("Secured housing"),
                ),
                CardTable(
                    (
                        _("Queue of the district"),
                        _("On the queue since"),
                        _("Position"),
                        _("Waiting (months)"),
                        _("Until"),
                        _("Why it ended"),
                    ),
                    queue,
                    _("Not on a housing queue."),
                    widths=(4, 3, 3, 2, 3, 4),
                    heading=_("Housing queue"),
                ),
                CardTable(
                    (_("Date"), _("Address"), _("Source"), _("From the queue")),
                    provided,
                    _("No housing provided yet."),
                    widths=(3, 6, 3, 5),
                    heading=_("Housing provided"),
                ),
            ],
        )
    ]
