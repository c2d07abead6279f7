"""Life plans of older pupils and their reviews."""

from __future__ import annotations

import datetime

from django.utils import timezone

from care import rules
from care.models import LifePlan, LifePlanReview
from children.models import Child
from registry.records.rules import dates_errors, raise_if
from registry.records.services import end_record
from registry.services.base import claim_version, service

TEXTS = ("education_goal", "career_goal", "independent_living_skills", "responsible_person")


def _check(child: Child, *, start, end, next_review_date, exclude_pk=None) -> None:
    others = child.life_plans.exclude(pk=exclude_pk) if exclude_pk else child.life_plans.all()
    raise_if(
        rules.life_plan_errors(
            birth_date=child.birth_date,
            start=start,
            end=end,
            next_review_date=next_review_date,
            others=list(others),
            today=timezone.localdate(),
        )
    )


@service
def life_plan_add(
    *,
    actor,
    child: Child,
    start_date: datetime.date,
    education_goal: str,
    responsible_person: str,
    next_review_date: datetime.date,
    career_goal: str = "",
    independent_living_skills: str = "",
) -> LifePlan:
    _check(child, start=start_date, end=None, next_review_date=next_review_date)
    plan = LifePlan(
        child=child,
        start_date=start_date,
        next_review_date=next_review_date,
        education_goal=education_goal.strip(),
        career_goal=career_goal.strip(),
        independent_living_skills=independent_living_skills.strip(),
        responsible_person=responsible_person.strip(),
    )
    plan.full_clean()
    plan.save()
    return plan


@service
def life_plan_correct(
    *,
    actor,
    plan: LifePlan,
    version: int | None,
    start_date: datetime.date,
    end_date: datetime.date | None,
    next_review_date: datetime.date,
    education_goal: str,
    responsible_person: str,
    career_goal: str = "",
    independent_living_skills: str = "",
) -> LifePlan:
    """Correct or update a plan; the audit trail keeps what it said before."""
    _check(
        plan.child,
        start=start_date,
        end=end_date,
        next_review_date=next_review_date,
        exclude_pk=plan.pk,
    )
    claim_version(plan, version)
    plan.start_date, plan.end_date, plan.next_review_date = start_date, end_date, next_review_date
    values = (education_goal, career_goal, independent_living_skills, responsible_person)
    for field, value in zip(TEXTS, values, strict=True):
        setattr(plan, field, value.strip())
    plan.full_clean()
    plan.save()
    return plan


@service
def life_plan_end(
    *, actor, plan: LifePlan, version: int | None, end_date: datetime.date
) -> LifePlan:
    return end_record(
        plan,
        version=version,
        check=lambda: dates_errors(plan.start_date, end_date, timezone.localdate()),
        end_date=end_date,
    )


@service
def life_plan_review(
    *,
    actor,
    plan: LifePlan,
    version: int | None,
    date: datetime.date,
    notes: str,
    next_review_date: datetime.date | None,
) -> LifePlanReview:
    """Record a review; the plan's next review date moves on."""
    raise_if(
        rules.review_errors(
            date=date,
            next_review_date=next_review_date,
            plan_start=plan.start_date,
            plan_end=plan.end_date,
            today=timezone.localdate(),
        )
    )
    review = LifePlanReview(
        plan=plan, date=date, notes=notes.strip(), next_review_date=next_review_date
    )
    review.full_clean()
    claim_version(plan, version)
    review.save()
    if plan.next_review_date != next_review_date:
        plan.next_review_date = next_review_date
        plan.save(update_fields=["next_review_date", "version"])
    return review
