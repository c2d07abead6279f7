"""What the housing app adds to the child's page: its section."""

from housing.selectors import child_housing
from registry.access import may_edit_cases_in
from registry.records.rules import today


def housing_section(request, *, child) -> dict:
    history = child_housing(child)
    return {
        **history,
        "day": today(),
        "may_edit": may_edit_cases_in(request.user, child.district_id),
        "open_queue_entry": next((e for e in history["queue_entries"] if e.is_open), None),
    }
