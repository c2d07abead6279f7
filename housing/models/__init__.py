from housing.models.provision import HousingProvision, ProvisionSource
from housing.models.queue import HousingQueueEntry, QueueEndReason
from housing.models.right import HousingKind, HousingRight, HousingRightEndReason

__all__ = [
    "HousingKind",
    "HousingProvision",
    "HousingQueueEntry",
    "HousingRight",
    "HousingRightEndReason",
    "ProvisionSource",
    "QueueEndReason",
]
