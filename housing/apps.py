from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "housing"
    verbose_name = _("Housing")

    def ready(self):
        from children.card import CardPart
        from children.extensions import card_sections, child_sections, timeline_sources
        from children.timeline import TimelineSource
        from housing.card import housing_card
        from housing.gaps import housing_gaps
        from housing.models import HousingProvision, HousingQueueEntry, HousingRight
        from housing.panels import housing_section
        from housing.timeline import housing_events
        from registry.access import READ_ROLES
        from registry.audit import audit_register
        from registry.extensions import NavItem, Panel, navigation
        from registry.records.gaps import record_gaps

        # A child's records name their child in the entry's child column.
        for model in (HousingRight, HousingQueueEntry, HousingProvision):
            audit_register(model, exclude_fields=["created_at", "child"])
        child_sections.register(Panel("housing/_child_section.html", housing_section, order=20))
        card_sections.register(CardPart(housing_card, order=20))
        timeline_sources.register(TimelineSource(housing_events, order=20))
        navigation.register(NavItem(_("Housing"), "housing:queue", READ_ROLES, order=30))
        for gap in housing_gaps():
            record_gaps.register(gap)
        # One housing queue at a time, also after merging two records of a child.
        from children.extensions import OneAtATime, merge_rules

        merge_rules.register(OneAtATime(HousingQueueEntry, order=20))
