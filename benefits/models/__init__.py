from benefits.models.alimony import AlimonyOrder, AlimonyPayment
from benefits.models.allowance import Allowance, AllowanceKind

__all__ = ["AlimonyOrder", "AlimonyPayment", "Allowance", "AllowanceKind"]
