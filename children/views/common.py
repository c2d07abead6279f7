from django.core.exceptions import PermissionDenied

from children.selectors import child_get_for
from registry.access import may_edit_cases_in


def child_for_edit(user, pk):
    """A child the user may edit: 404 outside their area, 403 where they only read.
    The owner of every record page (registry.records.views.set_owner)."""
    child = child_get_for(user, pk)
    if not may_edit_cases_in(user, child.district_id):
        raise PermissionDenied
    return child
