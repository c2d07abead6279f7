from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.geography import District, Region


class Role(models.TextChoices):
    OFFICER = "officer", _("District guardianship officer")
    REGIONAL = "regional", _("Regional specialist")
    ADMIN = "admin", _("Regional administrator")
    NATIONAL = "national", _("National specialist")


class User(AbstractUser):
    """An account of the register. What it may see follows from its role and area.

    - officer: one district; enters and edits that district's cases;
    - regional: one region; reads all its districts, dashboards, exports;
    - admin: one region; manages its districts, institutions and accounts;
    - national: reads every region.
    """

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("district"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("region"),
    )
    # An account of another system (the exchange API, app `api`): it reads and writes
    # through its tokens only, never signs in to the pages (registry.backends), and
    # an administrator manages it on its own page, not among the people's accounts.
    is_service_account = models.BooleanField(_("service account"), default=False, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        full_name = self.get_full_name()
        return f"{full_name} ({self.username})" if full_name else self.username

    @property
    def has_area(self) -> bool:
        """True when the account has the role, and the district or region, it needs."""
        if self.role == Role.OFFICER:
            return self.district_id is not None
        if self.role in (Role.REGIONAL, Role.ADMIN):
            return self.region_id is not None
        return self.role == Role.NATIONAL

    @property
    def area_region_id(self) -> int | None:
        """The region the account works in (None for national accounts)."""
        if self.role == Role.OFFICER and self.district_id:
            return self.district.region_id
        return self.region_id

    def audit_scope(self) -> dict:
        return {"region_id": self.area_region_id, "district_id": self.district_id}
