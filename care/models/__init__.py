from care.models.plans import GraduateNote, GraduateRecord, LifePlan, LifePlanReview
from care.models.reminders import ReminderSent
from care.models.schedule import ScheduledVisit, VisitScheduleRule
from care.models.visits import Conclusion, FollowUpAction, MonitoringVisit, VisitKind
from care.models.youth_homes import (
    StayEndReason,
    WaitingEndReason,
    YouthHomeStay,
    YouthHomeWaiting,
)

__all__ = [
    "Conclusion",
    "FollowUpAction",
    "GraduateNote",
    "GraduateRecord",
    "LifePlan",
    "LifePlanReview",
    "MonitoringVisit",
    "ReminderSent",
    "ScheduledVisit",
    "StayEndReason",
    "VisitKind",
    "VisitScheduleRule",
    "WaitingEndReason",
    "YouthHomeStay",
    "YouthHomeWaiting",
]
