"""What the care app adds to the child's card: the last monitoring visits and the
life plan in force (or the latest one)."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from care.panels import RECENT_VISITS
from care.records import care_records
from children.card import CardSection, CardTable, day_text


def _plan(plans, day) -> CardSection:
    plan = next((plan for plan in plans if plan.is_active_at(day)), None) or next(iter(plans), None)
    if plan is None:
        return CardSection(_("Life plan"), notes=[_("No life plan.")])
    if plan.end_date:
        period = _("From %(start)s to %(end)s") % {
            "start": day_text(plan.start_date),
            "end": day_text(plan.end_date),
        }
    else:
        period = _("Since %(start)s") % {"start": day_text(plan.start_date)}
        period += " · " + _("next review %(date)s") % {"date": day_text(plan.next_review_date)}
    facts = [
        (_("Period"), period),
        (_("Responsible"), plan.responsible_person),
        (_("Education goal"), plan.education_goal),
    ]
    if plan.career_goal:
        facts.append((_("Career goal"), plan.career_goal))
    if plan.independent_living_skills:
        facts.append((_("Skills for independent life"), plan.independent_living_skills))
    reviews = [f"{day_text(review.date)}: {review.notes}" for review in plan.reviews.all()]
    return CardSection(_("Life plan"), facts=facts, notes=reviews)


def care_card(child, day) -> list[CardSection]:
    records = care_records(child)
    visits = [
        (
            day_text(visit.date),
            visit.get_kind_display(),
            visit.visited_by,
            capfirst(visit.get_conclusion_display()),
        )
        for visit in records.visits[:RECENT_VISITS]
    ]
    return [
        CardSection(
            _("Monitoring visits"),
            tables=[
                CardTable(
                    (_("Date"), _("Kind"), _("Visited by"), _("Conclusion")),
                    visits,
                    _("No visits recorded."),
                    widths=(3, 4, 5, 4),
                )
            ],
        ),
        _plan(records.plans, day),
    ]
