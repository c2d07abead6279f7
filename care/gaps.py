"""What a list may leave out of monitoring visits (see `registry.records.gaps`)."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from care.models import Conclusion, FollowUpAction, MonitoringVisit
from registry.records.gaps import Gap


def care_gaps() -> list[Gap]:
    return [
        Gap(
            "monitoringvisit.danger_action",
            MonitoringVisit,
            Q(conclusion=Conclusion.DANGER)
            & ~Q(Exists(FollowUpAction.objects.filter(visit=OuterRef("pk")))),
            _("Visits that found danger without a follow-up action"),
            _("the follow-up action"),
            "care:visit_correct",
            "visit_pk",
            date="date",
            order=60,
        ),
        Gap(
            "followupaction.action",
            FollowUpAction,
            Q(description="")
            | Q(responsible="")
            | Q(due_date__isnull=True)
            | (Q(done_on__isnull=True) & ~Q(result="")),
            _("Follow-up actions not fully stated"),
            _("what is to be done, by whom and by when"),
            "care:action_correct",
            "action_pk",
            child="visit__child",
            date="visit__date",
            order=61,
        ),
    ]
