"""What a list may leave out of a child's housing records (see `registry.records.gaps`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from housing.models import (
    HousingKind,
    HousingProvision,
    HousingQueueEntry,
    HousingRight,
    QueueEndReason,
)
from registry.records.gaps import Gap, end_gaps


def housing_gaps() -> list[Gap]:
    return [
        Gap(
            "housingright.share_size",
            HousingRight,
            Q(kind=HousingKind.SHARE, share_size=""),
            _("Shares in housing without their size"),
            _("the size of the share"),
            "housing:right_correct",
            "right_pk",
            order=30,
        ),
        Gap(
            "housingright.address",
            HousingRight,
            Q(address=""),
            _("Housing rights without an address"),
            _("the address"),
            "housing:right_correct",
            "right_pk",
            order=31,
        ),
        *end_gaps(
            HousingRight,
            ended=_("Housing rights ended without a reason"),
            dated=_("Housing rights with an end reason but no end date"),
            url_name="housing:right_correct",
            url_kwarg="right_pk",
            order=32,
        ),
        *end_gaps(
            HousingQueueEntry,
            ended=_("Queue entries ended without a reason"),
            dated=_("Queue entries with an end reason but no end date"),
            url_name="housing:queue_correct",
            url_kwarg="entry_pk",
            order=40,
        ),
        Gap(
            "housingqueueentry.end_explanation",
            HousingQueueEntry,
            Q(end_reason=QueueEndReason.REMOVED, end_explanation=""),
            _("Removals from the queue without an explanation"),
            _("the explanation of the removal"),
            "housing:queue_correct",
            "entry_pk",
            order=42,
        ),
        Gap(
            "housingprovision.address",
            HousingProvision,
            Q(address=""),
            _("Housing provided without an address"),
            _("the address"),
            "housing:provision_correct",
            "provision_pk",
            date="date",
            order=45,
        ),
        Gap(
            "housingprovision.exception_reason",
            HousingProvision,
            Q(queue_entry__isnull=True, exception_reason=""),
            _("Housing provided outside the queue without a stated exception"),
            _("why it was an exception to the queue"),
            "housing:provision_correct",
            "provision_pk",
            date="date",
            order=46,
        ),
    ]
