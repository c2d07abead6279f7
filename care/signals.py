"""Keeping the materialised schedule in step with the children register.

Placements are written by the children app's services, which know nothing of care;
the schedule follows them through `post_save` (derived data only: nothing an officer
records is written here)."""

from care.services.schedules import rebuild_for_children, rebuild_schedules


def placement_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        rebuild_schedules([instance.pk])


def child_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    """A corrected birth date moves the 18th birthday, which ends the visits; a case
    transferred to another region is visited by that region's rules."""
    if raw or created:
        return
    if update_fields is not None and not {"birth_date", "district"} & set(update_fields):
        return
    rebuild_for_children([instance.pk])
