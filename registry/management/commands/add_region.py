from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from registry.audit import system_actor
from registry.services.geography import region_create


class Command(BaseCommand):
    help = "Add a region. The first region added becomes the deployment's default region."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("--name-kk", required=True)
        parser.add_argument("--name-ru", required=True)
        parser.add_argument("--name-en", default="")
        parser.add_argument("--default", action="store_true", help="make it the default region")

    def handle(self, *args, code, name_kk, name_ru, name_en, default, **options):
        try:
            region = region_create(
                actor=system_actor(),
                code=code,
                name_kk=name_kk,
                name_ru=name_ru,
                name_en=name_en,
                is_default=True if default else None,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        note = " (default region)" if region.is_default else ""
        self.stdout.write(self.style.SUCCESS(f"Region {region.code} added{note}."))
