"""The sheets of the register workbook, in the order they are read, checked, written
and exported: a sheet may only refer to records of the sheets before it."""

from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from exchange.workbook.sheets.alimony_orders import AlimonyOrdersSheet
from exchange.workbook.sheets.alimony_payments import AlimonyPaymentsSheet
from exchange.workbook.sheets.benefits import BenefitsSheet
from exchange.workbook.sheets.children import ChildrenSheet
from exchange.workbook.sheets.geography import DistrictsSheet, RegionsSheet
from exchange.workbook.sheets.housing_provided import HousingProvidedSheet
from exchange.workbook.sheets.housing_queue import HousingQueueSheet
from exchange.workbook.sheets.housing_rights import HousingRightsSheet
from exchange.workbook.sheets.institutions import InstitutionsSheet
from exchange.workbook.sheets.life_plans import LifePlansSheet
from exchange.workbook.sheets.placements import PlacementsSheet
from exchange.workbook.sheets.statuses import StatusesSheet
from exchange.workbook.sheets.transfers import TransfersSheet
from exchange.workbook.sheets.visits import VisitsSheet

SHEETS = [
    RegionsSheet(),
    DistrictsSheet(),
    InstitutionsSheet(),
    ChildrenSheet(),
    StatusesSheet(),
    PlacementsSheet(),
    TransfersSheet(),
    HousingRightsSheet(),
    HousingQueueSheet(),
    HousingProvidedSheet(),
    BenefitsSheet(),
    AlimonyOrdersSheet(),
    AlimonyPaymentsSheet(),
    VisitsSheet(),
    LifePlansSheet(),
]

# What each sheet holds, in the reader's language: the pages name a sheet by it, beside
# its name in the template (the code the workbook carries, the same in every language).
SHEET_LABELS = {
    "Regions": _("regions"),
    "Districts": _("districts"),
    "Institutions": _("institutions"),
    "Children": _("children"),
    "Statuses": _("statuses"),
    "Placements": _("forms of care"),
    "Transfers": _("case transfers"),
    "HousingRights": _("secured housing"),
    "HousingQueue": _("housing queue"),
    "HousingProvided": _("housing provided"),
    "Benefits": _("allowances"),
    "AlimonyOrders": _("alimony orders"),
    "AlimonyPayments": _("alimony payments"),
    "Visits": _("monitoring visits"),
    "LifePlans": _("life plans"),
}


def sheet_label(name: str) -> str:
    """A sheet as the pages name it: "Балалар (Children)"; in English, or unknown, its
    name as it is."""
    label = SHEET_LABELS.get(name)
    # In English the template's name is the sheet's name.
    if label is None or (get_language() or "en").startswith("en"):
        return name
    return gettext("%(label)s (%(sheet)s)") % {"label": capfirst(str(label)), "sheet": name}
