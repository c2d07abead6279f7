"""A child's housing records, declared once: rights, the queue, housing provided."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from housing.forms import (
    HousingRightAddForm,
    HousingRightCorrectForm,
    HousingRightEndForm,
    ProvisionCorrectForm,
    ProvisionForm,
    QueueCorrectForm,
    QueueEndForm,
    QueueOpenForm,
    QueuePositionForm,
)
from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from housing.services.provisions import housing_provision_add, housing_provision_correct
from housing.services.queue import (
    queue_entry_add,
    queue_entry_correct,
    queue_entry_end,
    queue_entry_set_position,
)
from housing.services.rights import housing_right_add, housing_right_correct, housing_right_end
from registry.models import District
from registry.ordering import by_name
from registry.records.views import CORRECT_INTRO, Action, RecordViews

BASE = "children/<int:pk>/housing/"
ANCHOR = "housing-heading"


def _queue_districts(child):
    """The queues a child of this district can stand in: its region's districts."""
    return District.objects.filter(region_id=child.district.region_id, is_active=True).order_by(
        by_name("name"), "pk"
    )


RIGHTS = RecordViews(
    model=HousingRight,
    base=BASE,
    prefix="rights",
    record="right",
    anchor=ANCHOR,
    actions=(
        Action(
            "new/",
            "right_add",
            HousingRightAddForm,
            housing_right_add,
            gettext_lazy("Secured housing"),
            on_record=False,
        ),
        Action(
            "end/",
            "right_end",
            HousingRightEndForm,
            housing_right_end,
            lambda right: _("End the housing right: %(right)s") % {"right": right},
        ),
        Action(
            "edit/",
            "right_correct",
            HousingRightCorrectForm,
            housing_right_correct,
            gettext_lazy("Correct the housing right"),
            CORRECT_INTRO,
            fills=True,
        ),
    ),
)

QUEUE = RecordViews(
    model=HousingQueueEntry,
    base=BASE,
    prefix="queue",
    record="entry",
    anchor=ANCHOR,
    related=("district",),
    actions=(
        Action(
            "new/",
            "queue_add",
            QueueOpenForm,
            queue_entry_add,
            gettext_lazy("Put on the housing queue"),
            gettext_lazy(
                "The queue of the district akimat for housing from the state fund. The child "
                "keeps the place after coming of age."
            ),
            on_record=False,
            options=lambda request, child, entry: {
                "districts": _queue_districts(child),
                "initial": {"district": child.district_id},
            },
        ),
        Action(
            "position/",
            "queue_position",
            QueuePositionForm,
            queue_entry_set_position,
            lambda entry: _("Position in the queue: %(entry)s") % {"entry": entry},
            fills=True,
        ),
        Action(
            "end/",
            "queue_end",
            QueueEndForm,
            queue_entry_end,
            lambda entry: _("Take off the queue: %(entry)s") % {"entry": entry},
            gettext_lazy(
                "A removal needs its explanation: wrongful removals are what inspections look "
                "for. When housing was provided, record the housing provided instead."
            ),
        ),
        Action(
            "edit/",
            "queue_correct",
            QueueCorrectForm,
            queue_entry_correct,
            gettext_lazy("Correct the queue entry"),
            CORRECT_INTRO,
            fills=True,
            options=lambda request, child, entry: {
                "districts": _queue_districts(child) | District.objects.filter(pk=entry.district_id)
            },
        ),
    ),
)

PROVISIONS = RecordViews(
    model=HousingProvision,
    base=BASE,
    prefix="provided",
    record="provision",
    anchor=ANCHOR,
    related=("queue_entry",),
    actions=(
        Action(
            "new/",
            "provision_add",
            ProvisionForm,
            housing_provision_add,
            gettext_lazy("Housing provided"),
            gettext_lazy(
                "Housing provided from a queue entry ends that entry on the same date. Without "
                "a queue entry, state why this is an exception."
            ),
            on_record=False,
            options=lambda request, child, provision: {
                "queue_entries": child.housing_queue_entries.filter(
                    end_date__isnull=True
                ).select_related("district")
            },
        ),
        Action(
            "edit/",
            "provision_correct",
            ProvisionCorrectForm,
            housing_provision_correct,
            gettext_lazy("Correct the housing provided"),
            CORRECT_INTRO,
            fills=True,
        ),
    ),
)
