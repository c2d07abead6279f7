from registry.models.audit import AccessLog, AuditEntry
from registry.models.geography import District, Region
from registry.models.jobs import Job
from registry.models.users import Role, User

__all__ = ["AccessLog", "AuditEntry", "District", "Job", "Region", "Role", "User"]
