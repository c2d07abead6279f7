from children.models.child import Child, Sex
from children.models.duplicate import NotDuplicate
from children.models.institution import Institution, InstitutionKind, Sector
from children.models.placement import (
    CARER_FORMS,
    FAMILY_FORMS,
    Placement,
    PlacementEndReason,
    PlacementForm,
)
from children.models.status import Category, Status, StatusEndReason, StatusReason
from children.models.transfer import Transfer

__all__ = [
    "CARER_FORMS",
    "FAMILY_FORMS",
    "Category",
    "Child",
    "Institution",
    "InstitutionKind",
    "NotDuplicate",
    "Placement",
    "PlacementEndReason",
    "PlacementForm",
    "Sector",
    "Sex",
    "Status",
    "StatusEndReason",
    "StatusReason",
    "Transfer",
]
