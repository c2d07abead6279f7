from django.core.exceptions import PermissionDenied

from children.selectors import child_get_for
from registry.access import may_edit_cases_in
from registry.audit import log_access
from registry.models import AccessLog


def child_for_edit(user, pk):
    """A child the user may edit: 404 outside their area, 403 where they only read.
    The owner of every record page (registry.records.views.set_owner)."""
    child = child_get_for(user, pk)
    if not may_edit_cases_in(user, child.district_id):
        raise PermissionDenied
    return child


def log_child_view(request, child) -> None:
    """A child's record was shown to the user: an entry in the access log."""
    log_access(
        user=request.user,
        action=AccessLog.Action.VIEW,
        description=f"{child.full_name} (#{child.pk})",
        region_id=child.district.region_id,
        district_id=child.district_id,
        child_id=child.pk,
        request=request,
    )
