"""The sheets of the register workbook, in the order they are read, checked, written
and exported: a sheet may only refer to records of the sheets before it."""

from reports.workbook.sheets.alimony_orders import AlimonyOrdersSheet
from reports.workbook.sheets.alimony_payments import AlimonyPaymentsSheet
from reports.workbook.sheets.benefits import BenefitsSheet
from reports.workbook.sheets.children import ChildrenSheet
from reports.workbook.sheets.geography import DistrictsSheet, RegionsSheet
from reports.workbook.sheets.housing_provided import HousingProvidedSheet
from reports.workbook.sheets.housing_queue import HousingQueueSheet
from reports.workbook.sheets.housing_rights import HousingRightsSheet
from reports.workbook.sheets.institutions import InstitutionsSheet
from reports.workbook.sheets.life_plans import LifePlansSheet
from reports.workbook.sheets.placements import PlacementsSheet
from reports.workbook.sheets.statuses import StatusesSheet
from reports.workbook.sheets.transfers import TransfersSheet
from reports.workbook.sheets.visits import VisitsSheet

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
