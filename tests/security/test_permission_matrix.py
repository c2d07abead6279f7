"""The full permission matrix: every URL of the project × every role × the record's own
district / another district / another region / anonymous, for GET and for POST.

The register is the demo region (made through the services) with a second region.
For each URL that names a record, the record is one of the demo's, in a district of
the Zhetisu region; "own" is an officer of that district, "other district" an officer
of another district of the region, "other region" accounts of the Abai region. The
rules (registry/access.py):

- anonymous: sent to the login page (public pages excepted);
- an account without a role: 403 on every data page;
- a role the view does not serve: 403;
- a role it serves, outside the record's area: 404 (the record's existence is not
  revealed); inside it: the page (200) or, after a POST, the page again with its
  messages (200) or a redirect (302).
"""

import datetime

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from api.services import service_account_create, token_create
from benefits.models import AlimonyOrder, Allowance
from care.models import (
    FollowUpAction,
    GraduateRecord,
    LifePlan,
    MonitoringVisit,
    VisitScheduleRule,
    YouthHomeStay,
    YouthHomeWaiting,
)
from children.models import Child, Institution, Placement, Status
from documents.models import Document
from housing.models import HousingProvision, HousingQueueEntry, HousingRight
from registry.jobs import store_file
from registry.models import District, Job, Region, Role, User
from registry.services.jobs import job_create
from tests.children.factories import registered_twice
from tests.conftest import login, make_user
from tests.urlwalk import ACCOUNT, PUBLIC, SAMPLE_VALUES, _walk, is_api

pytestmark = pytest.mark.django_db

# The records the URL keyword arguments name; `pk` depends on the URL's prefix.
RECORDS = {
    "status_pk": Status,
    "placement_pk": Placement,
    "right_pk": HousingRight,
    "provision_pk": HousingProvision,
    "allowance_pk": Allowance,
    "order_pk": AlimonyOrder,
    "visit_pk": MonitoringVisit,
    "action_pk": FollowUpAction,
    "plan_pk": LifePlan,
    "stay_pk": YouthHomeStay,
    "document": Document,
}
OK = {200, 302}

# Who each page serves: the policy, written out here so that a change to a view's roles
# is a change to this table too (the matrix below checks the views keep to their roles).
READ = {Role.OFFICER, Role.REGIONAL, Role.ADMIN, Role.NATIONAL}
POLICY = {
    frozenset({Role.ADMIN}): {
        "district_list",
        "district_create",
        "district_edit",
        "user_list",
        "user_create",
        "user_edit",
        "user_password",
        "user_otp_reset",
        "audit_trail",
        "access_log",
        "children:institution_create",
        "children:institution_edit",
        "care:rule_edit",
        "reports:close_year",
        "service_accounts:list",
        "service_accounts:create",
        "service_accounts:detail",
        "service_accounts:token_create",
        "service_accounts:token_revoke",
    },
    frozenset(READ): {
        "children:list",
        "children:detail",
        "children:card",
        "children:card_pdf",
        "children:duplicate_pair",
        "children:institution_list",
        "housing:queue",
        "housing:without",
        "housing:graduates",
        "benefits:missing_allowance",
        "benefits:alimony_balance",
        "benefits:alimony_unpaid",
        "care:work_list",
        "care:rule_list",
        "care:youth_homes",
        "care:waiting_list",
        "reports:dashboard",
        "reports:children_behind",
        "reports:annual_workbook",
        "reports:data_quality",
        "exchange:export",
        "exchange:export_download",
        "job_list",
        "job_detail",
        "job_progress",
        "job_file",
        "documents:download",
    },
    frozenset({Role.ADMIN, Role.OFFICER}): {
        "exchange:import",
        "exchange:check",
        "exchange:annotated",
        "exchange:confirm",
    },
}


def child_of(record):
    for path in ("child", "order.child", "visit.child"):
        target = record
        for part in path.split("."):
            target = getattr(target, part, None)
        if isinstance(target, Child):
            return target
    return None


def build_url(name, pattern, kwargs, demo):
    """The URL of `name` for a record of the demo, and the district the record is in
    (None for pages about no district's record)."""
    route = str(pattern.pattern)
    values, district = {}, None
    if "year" in kwargs:
        values["year"] = 2025
    if route.startswith("children/") and "pk" in kwargs:
        child, extra = demo["child_for"](route, kwargs)
        values["pk"] = child.pk
        values.update(extra)
        district = child.district
    elif "pk" not in kwargs:
        pass
    elif route.startswith("institutions/"):
        institution = Institution.objects.filter(district__region__code="zhetisu").first()
        values["pk"], district = institution.pk, institution.district
    elif route.startswith("manage/districts/"):
        district = District.objects.get(code="taldykorgan")
        values["pk"] = district.pk
    elif route.startswith("manage/users/"):
        account = User.objects.get(username="officer")
        values["pk"], district = account.pk, account.district
    elif route.startswith("manage/service-accounts/"):
        # A service account of Taldykorgan (and a token of it): the Zhetisu region's
        # administrators manage it, the other region's answer 404.
        district = District.objects.get(code="taldykorgan")
        admin = User.objects.get(username="admin")
        account = service_account_create(
            actor=admin,
            username=f"service-{User.objects.count()}",
            role=Role.OFFICER,
            district=district,
        )
        values["pk"] = account.pk
        if "token_pk" in kwargs:
            made = token_create(
                actor=admin,
                account=account,
                name="x",
                expires_on=timezone.localdate() + datetime.timedelta(days=30),
            )
            values["token_pk"] = made.token.pk
    elif route.startswith("jobs/") and "pk" in kwargs:
        # A job of the district's officer (the "own officer" below): their region's
        # staff and national users follow it, anyone else is answered 404.
        district = District.objects.get(code="taldykorgan")
        starter = User.objects.filter(role=Role.OFFICER, district=district, is_active=True)
        job = job_create(actor=starter.first(), kind="workbook_export", description="export")
        Job.objects.filter(pk=job.pk).update(phase="done", outcome={"scope": "x", "rows": {}})
        store_file(job, name="export.xlsx", content_type="application/octet-stream", content=b"")
        values["pk"] = job.pk
    elif route.startswith("follow-up/schedule/"):
        # A rule of the Zhetisu region's schedule: its administrators change it, the
        # other region's answer 404 (each region sets its own).
        rule = VisitScheduleRule.objects.filter(region__code="zhetisu").order_by("pk").first()
        values["pk"] = rule.pk
        district = District.objects.filter(region=rule.region).order_by("pk").first()
    for key in kwargs:
        values.setdefault(key, SAMPLE_VALUES["int"])
    from django.urls import reverse

    query = {"reports:children_behind": "?key=contingent.total&year=2025"}.get(name, "")
    return reverse(name, kwargs=values) + query, district


@pytest.fixture
def demo(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())

    def child_for(route, kwargs):
        """A child of the Zhetisu region that has every record `kwargs` names."""
        needed = [RECORDS[key] for key in kwargs if key in RECORDS]
        if route.endswith(("graduate/", "graduate/notes/new/")):
            needed.append(GraduateRecord)
        if "entry_pk" in kwargs:
            needed.append(YouthHomeWaiting if "waiting" in route else HousingQueueEntry)
        candidates = Child.objects.filter(district__region__code="zhetisu").order_by("pk")
        for model in needed:
            candidates = candidates.filter(pk__in=model.objects.values(_child_path(model)))
        child = candidates.first()
        assert child is not None, f"the demo has no child with {needed} for {route}"
        extra = {}
        if "other" in kwargs:  # a suspected duplicate: the child registered again
            extra["other"] = registered_twice(child).pk
        for key in kwargs:
            model = RECORDS.get(key) or (
                (YouthHomeWaiting if "waiting" in route else HousingQueueEntry)
                if key == "entry_pk"
                else None
            )
            if model is not None:
                extra[key] = (
                    model.objects.filter(**{_child_path(model): child}).order_by("pk").first().pk
                )
        return child, extra

    return {"child_for": child_for}


def _child_path(model) -> str:
    if model is FollowUpAction:
        return "visit__child"
    return "child"


@pytest.fixture
def accounts(demo):
    abai = Region.objects.get(code="abai")
    zhetisu = Region.objects.get(code="zhetisu")

    def officer_of(district):
        return User.objects.filter(
            role=Role.OFFICER, district=district, is_active=True
        ).first() or make_user(f"officer-{district.code}", Role.OFFICER, district=district)

    return {
        "officer_of": officer_of,
        "regional": User.objects.get(username="regional"),
        "admin": User.objects.get(username="admin"),
        "national": User.objects.get(username="national"),
        "regional_other": make_user("regional-abai", Role.REGIONAL, region=abai),
        "admin_other": make_user("admin-abai", Role.ADMIN, region=abai),
        "officer_other_region": officer_of(District.objects.get(code="semey")),
        "zhetisu": zhetisu,
        # Services refuse an account without a role; `createsuperuser` makes one.
        "no_role": User.objects.create_superuser("no-role", password="x"),
    }


def expected(view, user, district, method):
    """The statuses the rules allow. A view that only takes POST answers a GET with
    405 before it looks the record up."""
    allowed = getattr(view, "allowed_roles", None)
    if allowed is None:
        return OK | {405}
    if user.role not in allowed:
        return {403}
    if district is None:
        return OK | {405}
    visible = {
        Role.OFFICER: lambda: user.district_id == district.pk,
        Role.REGIONAL: lambda: user.region_id == district.region_id,
        Role.ADMIN: lambda: user.region_id == district.region_id,
        Role.NATIONAL: lambda: True,
    }[user.role]()
    if visible:
        return OK | {405}
    return {404, 405} if method == "get" else {404}


def test_each_page_serves_the_roles_of_the_policy():
    """Pages that change a child's record serve district officers only; management
    pages the administrator; reading pages every role."""
    from django.urls import get_resolver

    served = {}
    for name, _kwargs, pattern in _walk(get_resolver().url_patterns):
        roles = getattr(pattern.callback, "allowed_roles", None)
        if roles is not None:
            served[name] = frozenset(roles)
    for roles, names in POLICY.items():
        for name in names:
            assert served.pop(name) == roles, name
    # Everything else is a page where an officer records something about a child.
    assert len(served) > 30
    assert set(served.values()) == {frozenset({Role.OFFICER})}, served


def test_every_url_for_every_role_and_area(demo, accounts):
    from django.urls import get_resolver

    failures = []
    seen = set()
    for name, kwargs, pattern in _walk(get_resolver().url_patterns):
        if name in seen or name in PUBLIC or is_api(name):
            continue  # the API's own matrix: tests/api/test_permissions.py
        seen.add(name)
        url, district = build_url(name, pattern, kwargs, demo)
        view = resolve(url.split("?")[0]).func
        for method in ("get", "post"):
            anonymous = getattr(Client(), method)(url)
            if anonymous.status_code != 302 or "/accounts/login/" not in anonymous["Location"]:
                failures.append(f"{method.upper()} {url} anonymous: {anonymous.status_code}")
            if name in ACCOUNT:
                continue
            other_officer = None
            if district is not None:
                other = (
                    District.objects.filter(region=district.region).exclude(pk=district.pk).first()
                )
                other_officer = accounts["officer_of"](other)
            users = {
                "own officer": accounts["officer_of"](
                    district or District.objects.get(code="taldykorgan")
                ),
                "other district's officer": other_officer,
                "other region's officer": accounts["officer_other_region"],
                "regional": accounts["regional"],
                "other region's regional": accounts["regional_other"],
                "admin": accounts["admin"],
                "other region's admin": accounts["admin_other"],
                "national": accounts["national"],
                "account without a role": accounts["no_role"],
            }
            for key, user in users.items():
                if user is None:
                    continue
                response = getattr(login(user), method)(url)
                allowed = expected(view, user, district, method)
                if name == "job_file":  # a job's file: its starter's only
                    starter = key == "own officer"
                    allowed = {200 if starter else 404} if method == "get" else {405}
                    if user.role not in READ:
                        allowed = {403}
                if response.status_code not in allowed:
                    failures.append(
                        f"{method.upper()} {url} {key}: {response.status_code}, expected {sorted(allowed)}"
                    )
    assert len(seen) > 60
    assert failures == [], "\n".join(failures)
