"""The LifePlans sheet: pupils' individual plans for education, career and
independent life, by (iin, start_date); a child has one plan at a time.

`goal` is the plan's education goal. Beyond the template: `end_date`,
`career_goal`, `independent_living_skills`, `responsible_person` and
`next_review_date`. Defaults of a district's list that does not say, written back
by the export: `goal` and `responsible_person` "—" (not stated), `next_review_date`
six months after the start (a plan without a recorded review is then due for one).
"""

from __future__ import annotations

from care import rules
from care.models import LifePlan
from care.schedule import add_months
from exchange.workbook import spec
from exchange.workbook.sheets.records import NOT_STATED, ChildRecordSheet, iin_column

REVIEW_MONTHS = 6


class LifePlansSheet(ChildRecordSheet):
    name = "LifePlans"
    model = LifePlan
    key = ("iin", "start_date")
    columns = (
        iin_column(),
        spec.date("start_date", required=True),
        spec.text("goal", field="education_goal"),
        spec.date("end_date", extra=True),
        spec.text("career_goal", extra=True),
        spec.text("independent_living_skills", extra=True),
        spec.text("responsible_person", extra=True),
        spec.date("next_review_date", extra=True),
    )
    defaults = {
        "education_goal": NOT_STATED,
        "responsible_person": NOT_STATED,
        "next_review_date": lambda record: add_months(record.start_date, REVIEW_MONTHS),
    }

    def check(self, ctx, child, record, others):
        return rules.life_plan_errors(
            birth_date=child.birth_date,
            start=record.start_date,
            end=record.end_date,
            next_review_date=record.next_review_date,
            others=others,
            today=ctx.today,
        )
