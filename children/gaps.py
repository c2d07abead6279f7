"""What a list may leave out of a child's statuses and placements, and the child itself
(see `registry.records.gaps`)."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from registry.records.gaps import Gap, end_gaps


def children_gaps() -> list[Gap]:
    from children.models import CARER_FORMS, Child, Placement, PlacementForm, Status

    return [
        Gap(
            "child.status",
            Child,
            ~Q(Exists(Status.objects.filter(child=OuterRef("pk")))),
            _("Children without a status"),
            _("the child's status"),
            "children:status_add",
            "",
            child="",
            date="registered_on",
            order=5,
        ),
        Gap(
            "status.reason",
            Status,
            Q(reason=""),
            _("Statuses without a reason"),
            _("the reason for the status"),
            "children:status_correct",
            "status_pk",
            order=10,
        ),
        *end_gaps(
            Status,
            ended=_("Statuses ended without a reason"),
            dated=_("Statuses with an end reason but no end date"),
            url_name="children:status_correct",
            url_kwarg="status_pk",
            order=11,
        ),
        *end_gaps(
            Placement,
            ended=_("Placements ended without a reason"),
            dated=_("Placements with an end reason but no end date"),
            url_name="children:placement_correct",
            url_kwarg="placement_pk",
            order=20,
        ),
        Gap(
            "placement.institution",
            Placement,
            Q(form=PlacementForm.INSTITUTION, institution__isnull=True),
            _("Placements in an institution that do not name it"),
            _("the institution"),
            "children:placement_correct",
            "placement_pk",
            order=22,
        ),
        Gap(
            "placement.carer_name",
            Placement,
            Q(form__in=CARER_FORMS, carer_name=""),
            _("Family placements without the carer's name"),
            _("the carer's name"),
            "children:placement_correct",
            "placement_pk",
            order=23,
        ),
    ]
