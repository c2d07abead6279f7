"""Follow-up records made through the services officers use."""

from care.models import Conclusion, VisitKind
from care.services.visits import visit_add


def record_visit(actor, placement, date, conclusion=Conclusion.SATISFACTORY, **extra):
    extra.setdefault("visited_by", "Серікбаева А.")
    extra.setdefault("kind", VisitKind.PLANNED)
    return visit_add(actor=actor, placement=placement, date=date, conclusion=conclusion, **extra)
