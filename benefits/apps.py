from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Benefits")

    def ready(self):
        from benefits.card import benefits_card
        from benefits.gaps import benefits_gaps
        from benefits.models import AlimonyOrder, AlimonyPayment, Allowance
        from benefits.panels import benefits_section
        from benefits.timeline import benefits_events
        from children.card import CardPart
        from children.extensions import card_sections, child_sections, timeline_sources
        from children.timeline import TimelineSource
        from registry.access import READ_ROLES
        from registry.audit import audit_register
        from registry.extensions import NavItem, Panel, navigation
        from registry.records.gaps import record_gaps

        # A child's records name their child in the entry's child column.
        for model in (Allowance, AlimonyOrder):
            audit_register(model, exclude_fields=["created_at", "child"])
        audit_register(AlimonyPayment, exclude_fields=["created_at"])
        child_sections.register(Panel("benefits/_child_section.html", benefits_section, order=30))
        card_sections.register(CardPart(benefits_card, order=30))
        timeline_sources.register(TimelineSource(benefits_events, order=30))
        navigation.register(
            NavItem(_("Benefits"), "benefits:missing_allowance", READ_ROLES, order=40)
        )
        # An allowance of one kind at a time, also after merging two records of a child.
        from children.extensions import OneAtATime, merge_rules

        merge_rules.register(OneAtATime(Allowance, by=("kind",), order=30))
        for gap in benefits_gaps():
            record_gaps.register(gap)
