"""A child's statuses and placements, declared once: add, end, correct."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from children.forms import (
    PlacementCorrectForm,
    PlacementEndForm,
    PlacementStartForm,
    StatusCorrectForm,
    StatusEndForm,
    StatusOpenForm,
)
from children.models import Institution, InstitutionKind, Placement, Status
from children.services.placements import placement_add, placement_correct, placement_end
from children.services.statuses import status_add, status_correct, status_end
from registry.ordering import by_name
from registry.records.views import CORRECT_INTRO, Action, RecordViews


def _institutions(request, child, record=None) -> dict:
    """Institutions a child of this district can be placed in: those of its region, but
    not youth homes (a stay there is not a placement: care records it). A correction
    keeps offering the institution the placement names, for the service to judge."""
    institutions = Institution.objects.filter(
        is_active=True, district__region_id=child.district.region_id
    ).exclude(kind=InstitutionKind.YOUTH_HOME)
    if record is not None and record.institution_id is not None:
        institutions = institutions | Institution.objects.filter(pk=record.institution_id)
    return {"institutions": institutions.order_by(by_name("name"), "pk")}


STATUSES = RecordViews(
    model=Status,
    prefix="statuses",
    record="status",
    actions=(
        Action(
            "new/",
            "status_add",
            StatusOpenForm,
            status_add,
            gettext_lazy("New status"),
            on_record=False,
        ),
        Action(
            "end/",
            "status_end",
            StatusEndForm,
            status_end,
            lambda status: _("End the status: %(status)s") % {"status": status},
        ),
        Action(
            "edit/",
            "status_correct",
            StatusCorrectForm,
            status_correct,
            gettext_lazy("Correct the status"),
            CORRECT_INTRO,
            fills=True,
        ),
    ),
)

PLACEMENTS = RecordViews(
    model=Placement,
    prefix="placements",
    record="placement",
    related=("institution",),
    actions=(
        Action(
            "new/",
            "placement_add",
            PlacementStartForm,
            placement_add,
            gettext_lazy("New placement"),
            gettext_lazy(
                "The placement the child is in now ends on the start date of the new one. An "
                "adoption also ends the child's status."
            ),
            on_record=False,
            options=_institutions,
        ),
        Action(
            "end/",
            "placement_end",
            PlacementEndForm,
            placement_end,
            lambda placement: _("End the placement: %(placement)s") % {"placement": placement},
        ),
        Action(
            "edit/",
            "placement_correct",
            PlacementCorrectForm,
            placement_correct,
            gettext_lazy("Correct the placement"),
            CORRECT_INTRO,
            fills=True,
            options=_institutions,
        ),
    ),
)
