from registry.models.audit import AccessLog, AuditEntry
from registry.models.geography import District, Region
from registry.models.jobs import Job, JobFile
from registry.models.stamps import ChangeStamp
from registry.models.users import Role, User

__all__ = [
    "AccessLog",
    "AuditEntry",
    "ChangeStamp",
    "District",
    "Job",
    "JobFile",
    "Region",
    "Role",
    "User",
]
