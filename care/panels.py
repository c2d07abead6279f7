"""What the care app adds to pages of earlier apps: the child's follow-up section and
the home page's work list."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from care import rules
from care.models import Conclusion
from care.records import care_records
from care.selectors import DUE_SOON_DAYS, LIFE_PLAN_AGE, danger_visits_for_table
from care.worklist import district_overview, work_list_head
from children.ages import age_at, coming_of_age
from children.models import CARER_FORMS, PlacementForm
from children.selectors import children_visible_to
from children.versions import area_cached
from registry.access import may_edit_cases_in
from registry.models import Role
from registry.records.gaps import incomplete_records

HOME_ITEMS = 15
RECENT_VISITS = 4
HOME_DANGER_ROWS = 20


def due_state(due, day) -> tuple[str, str]:
    """How a due visit stands at `day`: a label and a Bootstrap colour."""
    if due.fulfilled_on is not None and due.fulfilled_on <= day:
        return (_("on time"), "success") if due.on_time else (_("late"), "warning")
    if due.is_overdue_at(day):
        return _("overdue"), "danger"
    if due.due_date >= day:
        return _("due"), "secondary"
    return _("not made"), "dark"


def child_section(request, child):
    day = timezone.localdate()
    records = care_records(child)
    current = next((p for p in reversed(records.placements) if p.is_active_at(day)), None)
    monitored = [due for due in records.schedule if due.monitoring_end > day]
    overdue = [due for due in monitored if due.is_overdue_at(day)]
    upcoming = [due for due in monitored if due.due_date >= day and due.fulfilled_on is None]
    left_on = rules.left_institution_on(records.placements)
    age = age_at(child.birth_date, day)
    active_plan = next((plan for plan in records.plans if plan.is_active_at(day)), None)
    active_stay = next((stay for stay in records.stays if stay.is_active_at(day)), None)
    active_waiting = next((entry for entry in records.waiting if entry.is_active_at(day)), None)
    in_institution = current is not None and current.form == PlacementForm.INSTITUTION
    return {
        "child": child,
        "day": day,
        "may_edit": may_edit_cases_in(request.user, child.district_id),
        "records": records,
        "recent_visits": records.visits[:RECENT_VISITS],
        "earlier_visits": records.visits[RECENT_VISITS:],
        "schedule": [(due, *due_state(due, day)) for due in records.schedule],
        "family_placements": [p for p in records.placements if p.form in CARER_FORMS],
        "overdue": overdue,
        "next_due": upcoming[0] if upcoming else None,
        "active_plan": active_plan,
        "plan_expected": in_institution and age >= LIFE_PLAN_AGE and active_plan is None,
        "offer_plan": active_plan is None and (in_institution or bool(records.plans)),
        "offer_graduate": records.graduate is None and left_on is not None,
        "offer_stay": active_stay is None and left_on is not None,
        "offer_waiting": (
            left_on is not None
            and active_stay is None
            and active_waiting is None
            and day < coming_of_age(child.birth_date)
        ),
        "graduate_followed": records.graduate is not None
        and records.graduate.is_followed_up_at(day),
        "danger": Conclusion.DANGER,
    }


def home_work(request):
    """Officers: their work list. Regional, admin and national users: the overview per
    district and the unresolved danger visits."""
    user = request.user
    day = timezone.localdate()
    if user.role == Role.OFFICER:

        def count():
            items, total = work_list_head(user, day, HOME_ITEMS)
            return items, total, incomplete_records(children_visible_to(user)).count()

        # Counted once per version of the district's data (and language: the items'
        # titles are in it), so that an officer's every return to the home page does
        # not count the whole district's visits and records again.
        items, total, incomplete = area_cached(request, f"work-list:{get_language()}", day, count)
        return {
            "mode": "officer",
            "items": items,
            "total": total,
            "soon_days": DUE_SOON_DAYS,
            "incomplete": incomplete,
        }
    danger = list(danger_visits_for_table(user)[: HOME_DANGER_ROWS + 1])
    return {
        "mode": "area",
        "day": day,
        "districts": district_overview(user, day),
        "show_region": user.role == Role.NATIONAL,
        "danger": danger[:HOME_DANGER_ROWS],
        "more_danger": len(danger) > HOME_DANGER_ROWS,
        "soon_days": DUE_SOON_DAYS,
    }
