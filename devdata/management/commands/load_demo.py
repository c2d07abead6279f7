"""A demo region to try the register with: districts, one account per role, and the
demo records of every app (`devdata.demo`)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from devdata.demo import load_demo_records
from registry.audit import system_actor
from registry.models import Region, Role, User
from registry.services.geography import district_create, region_create
from registry.services.users import user_create

DEMO_PASSWORD = "Zhetisu-demo-2026"

REGIONS = [
    {
        "code": "zhetisu",
        "name_kk": "Жетісу облысы",
        "name_ru": "Область Жетісу",
        "name_en": "Zhetisu Region",
        "districts": [
            ("taldykorgan", "Талдықорған қаласы", "город Талдыкорган", "Taldykorgan city"),
            ("tekeli", "Текелі қаласы", "город Текели", "Tekeli city"),
            ("aksu", "Ақсу ауданы", "Аксуский район", "Aksu district"),
            ("alakol", "Алакөл ауданы", "Алакольский район", "Alakol district"),
            ("eskeldi", "Ескелді ауданы", "Ескельдинский район", "Eskeldi district"),
            ("karatal", "Қаратал ауданы", "Каратальский район", "Karatal district"),
            ("kerbulak", "Кербұлақ ауданы", "Кербулакский район", "Kerbulak district"),
            ("koksu", "Көксу ауданы", "Коксуский район", "Koksu district"),
            ("panfilov", "Панфилов ауданы", "Панфиловский район", "Panfilov district"),
            ("sarkand", "Сарқан ауданы", "Саркандский район", "Sarkand district"),
        ],
    },
    {
        "code": "abai",
        "name_kk": "Абай облысы",
        "name_ru": "Область Абай",
        "name_en": "Abai Region",
        "districts": [
            ("semey", "Семей қаласы", "город Семей", "Semey city"),
            ("ayagoz", "Аягөз ауданы", "Аягозский район", "Ayagoz district"),
        ],
    },
]

# username, role, district code, region code, first name, last name
ACCOUNTS = [
    ("officer", Role.OFFICER, "taldykorgan", None, "Айгүл", "Серікбаева"),
    ("officer2", Role.OFFICER, "eskeldi", None, "Марат", "Жақсылықов"),
    ("regional", Role.REGIONAL, None, "zhetisu", "Гүлнар", "Омарова"),
    ("admin", Role.ADMIN, None, "zhetisu", "Ерлан", "Төлеуов"),
    ("national", Role.NATIONAL, None, None, "Сәуле", "Ахметова"),
]


class Command(BaseCommand):
    help = "Load the demo region and accounts into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014, help="seed of the demo records")

    def handle(self, *args, seed, **options):
        if Region.objects.exists():
            self.stdout.write("The database already holds a register; the demo was not loaded.")
        else:
            with transaction.atomic():
                self._load(seed)
            self.stdout.write(self.style.SUCCESS("Demo region loaded."))
        self._print_accounts()

    def _load(self, seed: int) -> None:
        actor = system_actor()
        districts = {}
        for spec in REGIONS:
            region = region_create(
                actor=actor,
                code=spec["code"],
                name_kk=spec["name_kk"],
                name_ru=spec["name_ru"],
                name_en=spec["name_en"],
            )
            for code, name_kk, name_ru, name_en in spec["districts"]:
                districts[code] = district_create(
                    actor=actor,
                    region=region,
                    code=code,
                    name_kk=name_kk,
                    name_ru=name_ru,
                    name_en=name_en,
                )
        regions = {region.code: region for region in Region.objects.all()}
        for username, role, district, region, first_name, last_name in ACCOUNTS:
            user_create(
                actor=actor,
                username=username,
                role=role,
                district=districts.get(district),
                region=regions.get(region),
                password=DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
        load_demo_records(actor=actor, seed=seed, stdout=self.stdout)

    def _print_accounts(self) -> None:
        demo = User.objects.filter(username__in=[row[0] for row in ACCOUNTS]).select_related(
            "district", "region"
        )
        if not demo:
            return
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        for user in demo:
            area = user.district or user.region or "all regions"
            self.stdout.write(f"  {user.username:<10} {user.role:<9} {area}")
        if settings.OTP_REQUIRED_FOR_OFFICERS:
            who = "Every demo account"
        else:
            who = (
                "Officers sign in with the password alone (OTP_REQUIRED_FOR_OFFICERS=0); "
                "every other"
            )
        self.stdout.write(
            f"{who} sets up two-step sign-in at its first sign-in: scan the QR code with an "
            "authenticator app, enter the code it shows, keep the recovery codes shown."
        )
