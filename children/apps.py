from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildrenConfig(AppConfig):
    name = "children"
    verbose_name = _("Children")

    def ready(self):
        from children.gaps import children_gaps
        from children.models import (
            Child,
            Institution,
            NotDuplicate,
            Placement,
            Status,
            Transfer,
        )
        from children.panels import register_summary
        from children.views.common import child_for_edit
        from registry.access import EDIT_ROLES, READ_ROLES
        from registry.audit import ACCESS_DESCRIPTIONS, audit_register
        from registry.extensions import (
            NavGroup,
            NavItem,
            Panel,
            home_panels,
            nav_groups,
            navigation,
        )
        from registry.records.gaps import record_gaps
        from registry.records.views import set_owner

        audit_register(Child, exclude_fields=["name_key", "search_key", "updated_at", "created_at"])
        # A child's records name their child in the entry's child column.
        for model in (Status, Transfer):
            audit_register(model, exclude_fields=["created_at", "child"])
        audit_register(Placement, exclude_fields=["created_at", "child", "carer_key"])
        audit_register(Institution)
        audit_register(NotDuplicate, exclude_fields=["created_at"])
        nav_groups.register(NavGroup("children", _("Children"), order=10))
        navigation.register(
            NavItem(_("List of children"), "children:list", READ_ROLES, order=10, group="children")
        )
        navigation.register(
            NavItem(
                _("Register a child"), "children:register", EDIT_ROLES, order=11, group="children"
            )
        )
        navigation.register(
            NavItem(
                _("Institutions"),
                "children:institution_list",
                READ_ROLES,
                order=80,
                group="children",
            )
        )
        home_panels.register(Panel("children/_home_summary.html", register_summary, order=50))
        for gap in children_gaps():
            record_gaps.register(gap)
        ACCESS_DESCRIPTIONS["child_card"] = describe_card_printed
        set_owner(child_for_edit)  # a child's records are edited on the child's page
        # One status and one placement at a time, also after merging two records.
        from children.extensions import OneAtATime, merge_rules

        for model in (Status, Placement):
            merge_rules.register(OneAtATime(model, order=10))


def describe_card_printed(entry) -> str:
    """An access-log entry of a child's card printed, in the reader's language."""
    from django.utils.translation import gettext

    if entry.parameters.get("form") == "pdf":
        text = gettext("card of %(name)s printed (PDF)")
    else:
        text = gettext("card of %(name)s opened for printing")
    return text % {"name": entry.parameters.get("name", "")}
