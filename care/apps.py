from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "care"
    verbose_name = _("Care follow-up")

    def ready(self):
        from care import jobs
        from care.card import care_card
        from care.gaps import care_gaps
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
        from care.panels import child_section, home_work
        from care.services.schedules import default_rules_for
        from care.signals import child_saved, placement_saved
        from care.timeline import care_events
        from children.card import CardPart
        from children.extensions import card_sections, child_sections, timeline_sources
        from children.models import Child, Placement
        from children.timeline import TimelineSource
        from registry.access import MANAGE_ROLES, READ_ROLES
        from registry.audit import audit_register
        from registry.extensions import (
            NavGroup,
            NavItem,
            Panel,
            RegionSetup,
            home_panels,
            nav_groups,
            navigation,
            region_setups,
        )
        from registry.jobs import JobKind, job_kinds
        from registry.records.gaps import record_gaps

        # Every record an officer or administrator writes is in the audit trail, filed
        # under the child's district, a schedule rule under its region (ScheduledVisit and
        # ReminderSent are derived or logs).
        audit_register(VisitScheduleRule)
        for model in (MonitoringVisit, LifePlan, YouthHomeStay, YouthHomeWaiting):
            audit_register(model, exclude_fields=["created_at", "child"])
        audit_register(GraduateRecord, exclude_fields=["created_at", "child"])
        for model in (FollowUpAction, LifePlanReview, GraduateNote):
            audit_register(model, exclude_fields=["created_at"])

        # One life plan, youth-home stay and waiting at a time, also after merging two
        # records of a child.
        from children.extensions import OneAtATime, merge_rules

        for model in (LifePlan, YouthHomeStay, YouthHomeWaiting):
            merge_rules.register(OneAtATime(model, order=40))

        # Each region sets its own visit schedule, starting from the defaults.
        region_setups.register(RegionSetup(default_rules_for))
        # A rule's change reschedules its placements as a job.
        job_kinds.register(
            JobKind(
                jobs.SCHEDULE_REBUILD,
                _("Recomputing the visit schedule"),
                jobs.run_rebuild,
                outcome_template="care/_job_rebuild.html",
                order=50,
                derived=True,  # the due visits
            )
        )

        post_save.connect(placement_saved, sender=Placement, dispatch_uid="care_placement_saved")
        post_save.connect(child_saved, sender=Child, dispatch_uid="care_child_saved")

        nav_groups.register(NavGroup("care", _("Follow-up"), order=20))
        navigation.register(
            NavItem(_("Work list"), "care:work_list", READ_ROLES, order=20, group="care")
        )
        navigation.register(
            NavItem(_("Youth homes"), "care:youth_homes", READ_ROLES, order=85, group="care")
        )
        # The region's visit schedule is the administrator's: listed with the other
        # settings of the region (the group is the core's).
        navigation.register(
            NavItem(_("Visit schedule"), "care:rule_list", MANAGE_ROLES, order=905, group="admin")
        )
        home_panels.register(Panel("care/_home_work.html", home_work, order=20))
        child_sections.register(Panel("care/_child_section.html", child_section, order=30))
        card_sections.register(CardPart(care_card, order=40))
        timeline_sources.register(TimelineSource(care_events, order=30))
        for gap in care_gaps():
            record_gaps.register(gap)
