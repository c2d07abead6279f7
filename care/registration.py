"""What the care app plugs into the register when Django starts (AppConfig.ready)."""

from django.db.models.signals import post_save


def register() -> None:
    from care.models import (
        FollowUpAction,
        GraduateNote,
        GraduateRecord,
        LifePlan,
        LifePlanReview,
        MonitoringVisit,
        VisitScheduleRule,
        YouthHomeStay,
        YouthHomeWaiting,
    )
    from care.signals import child_saved, placement_saved
    from children.models import Child, Placement
    from registry.audit import audit_register

    # Every record an officer or administrator writes is in the audit trail, filed
    # under the child's district (ScheduledVisit and ReminderSent are derived or logs).
    audit_register(VisitScheduleRule)
    for model in (MonitoringVisit, LifePlan, YouthHomeStay, YouthHomeWaiting):
        audit_register(model, exclude_fields=["created_at", "child"])
    audit_register(GraduateRecord, exclude_fields=["created_at", "child"])
    for model in (FollowUpAction, LifePlanReview, GraduateNote):
        audit_register(model, exclude_fields=["created_at"])

    post_save.connect(placement_saved, sender=Placement, dispatch_uid="care_placement_saved")
    post_save.connect(child_saved, sender=Child, dispatch_uid="care_child_saved")
