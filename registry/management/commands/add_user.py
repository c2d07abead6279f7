import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from registry.audit import system_actor
from registry.models import District, Region, Role, User
from registry.services.users import user_create


class Command(BaseCommand):
    help = (
        "Create an account. The password is read from the REGISTRY_PASSWORD environment "
        "variable, or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help="officer, regional, admin or national")
        parser.add_argument("--district", help="district code (officers)")
        parser.add_argument(
            "--region", help="region code (regional specialists and administrators)"
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, district, region, **options):
        if role not in Role.values:
            raise CommandError(f"Unknown role '{role}'. Choose one of: {', '.join(Role.values)}.")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"An account '{username}' already exists.")
        district_obj = region_obj = None
        if district:
            district_obj = District.objects.filter(code=district).first()
            if district_obj is None:
                known = ", ".join(District.objects.values_list("code", flat=True)) or "none yet"
                raise CommandError(f"Unknown district '{district}'. Known districts: {known}.")
        if region:
            region_obj = Region.objects.filter(code=region).first()
            if region_obj is None:
                known = ", ".join(Region.objects.values_list("code", flat=True)) or "none yet"
                raise CommandError(f"Unknown region '{region}'. Known regions: {known}.")
        password = os.environ.get("REGISTRY_PASSWORD") or self._ask_password()
        try:
            user = user_create(
                actor=system_actor(),
                username=username,
                role=role,
                district=district_obj,
                region=region_obj,
                password=password,
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Account '{user.username}' ({user.get_role_display()}) created.")
        )

    def _ask_password(self) -> str:
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password (again): ")
        if first != second:
            raise CommandError("The two passwords differ.")
        if not first:
            raise CommandError("A password is required (or set REGISTRY_PASSWORD).")
        return first
