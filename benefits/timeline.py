"""The benefits app's events on the child's timeline."""

from django.utils.translation import gettext as _

from benefits.selectors import child_benefits
from children.timeline import TimelineEvent


def benefits_events(child) -> list[TimelineEvent]:
    history = child_benefits(child)
    events = []
    for allowance in history["allowances"]:
        kind = allowance.get_kind_display()
        events.append(
            TimelineEvent(
                allowance.start_date,
                _("Allowance: %(kind)s") % {"kind": kind},
                allowance.decision_number,
            )
        )
        if allowance.end_date:
            events.append(
                TimelineEvent(
                    allowance.end_date,
                    _("Allowance ended: %(kind)s") % {"kind": kind},
                    ended=True,
                )
            )
    for order in history["alimony_orders"]:
        events.append(
            TimelineEvent(
                order.start_date,
                _("Alimony ordered from %(debtor)s") % {"debtor": order.debtor_name},
                order.court,
            )
        )
        if order.end_date:
            events.append(TimelineEvent(order.end_date, _("Alimony order ended"), ended=True))
    return events
