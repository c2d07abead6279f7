"""What the children app shows on the home page: the area's register at a glance,
each figure a link to the children behind it."""

from django.db.models import Count, Q

from children.selectors import children_visible_to, in_contingent_q, with_situation
from children.versions import area_cached
from registry.records.rules import today


def register_summary(request):
    day = today()
    children = with_situation(children_visible_to(request.user), day)
    contingent = in_contingent_q(day)

    def count():
        return children.aggregate(
            total=Count("pk", filter=contingent),
            unplaced=Count("pk", filter=contingent & Q(placement_form__isnull=True)),
            institution=Count("pk", filter=contingent & Q(placement_form="institution")),
            without_iin=Count("pk", filter=Q(iin__isnull=True)),
        )

    # Counted once per version of the area's data: every child's situation is read.
    return {"figures": area_cached(request, "register-summary", day, count)}
