"""What the benefits app adds to the child's page: its section."""

from benefits.selectors import child_benefits
from registry.access import may_edit_cases_in
from registry.records.rules import today


def benefits_section(request, *, child) -> dict:
    return {
        **child_benefits(child),
        "day": today(),
        "may_edit": may_edit_cases_in(request.user, child.district_id),
    }
