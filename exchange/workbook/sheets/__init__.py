"""The sheets of the register workbook, in the order they are read, checked, written
and exported: a sheet may only refer to records of the sheets before it."""

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
