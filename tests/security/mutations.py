"""Each protection, removed, is noticed by its test.

    python tests/security/mutations.py [NAME ...]

For every protection below, the source line that provides it is changed in place
(the file is restored afterwards, whatever happens), the tests that check it run, and
they must fail. Exits non-zero, naming them, if any protection can be removed
without a test noticing, or if a source line moved (update the list). CI runs it.

A protection that only PostgreSQL has (a trigger) is marked "postgresql": it is
checked when DATABASE_URL names a PostgreSQL database (its tests make a new test
database, with the changed migration) and skipped, saying so, otherwise;
`DATABASE_URL=postgres://… python tests/security/mutations.py --postgresql` checks
those alone (CI does, after the others on SQLite).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (protection, file, what provides it, what it becomes without it, the tests[, "postgresql"])
MUTATIONS = [
    (
        "axes middleware",
        "registry/settings.py",
        '    "axes.middleware.AxesMiddleware",\n',
        "",
        "tests/registry/test_security.py -k failed_attempts",
    ),
    (
        "axes backend",
        "registry/settings.py",
        '    "axes.backends.AxesStandaloneBackend",\n',
        "",
        "tests/registry/test_security.py -k failed_attempts",
    ),
    (
        "password length",
        "registry/settings.py",
        '"OPTIONS": {"min_length": 12}',
        '"OPTIONS": {"min_length": 10}',
        "tests/registry/test_security.py -k password_rules",
    ),
    (
        "session idle",
        "registry/settings.py",
        'SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 30) * 60',
        'SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 300) * 60',
        "tests/registry/test_security.py -k idle",
    ),
    (
        "session max",
        "registry/settings.py",
        'SESSION_MAX_SECONDS = env_int("SESSION_MAX_HOURS", 12) * 3600',
        'SESSION_MAX_SECONDS = env_int("SESSION_MAX_HOURS", 120) * 3600',
        "tests/registry/test_security.py -k 12_hours",
    ),
    (
        "second factor",
        "registry/settings.py",
        '    "registry.middleware.SecondFactorMiddleware",\n',
        "",
        "tests/registry/test_second_factor.py -k every_role",
    ),
    (
        "second factor for every role",
        "registry/access.py",
        "    return user.role != Role.OFFICER or settings.OTP_REQUIRED_FOR_OFFICERS",
        "    return user.role == Role.ADMIN",
        "tests/registry/test_second_factor.py -k every_role",
    ),
    (
        "only officers relaxed",
        "registry/access.py",
        "    return user.role != Role.OFFICER or settings.OTP_REQUIRED_FOR_OFFICERS",
        "    return settings.OTP_REQUIRED_FOR_OFFICERS",
        "tests/registry/test_second_factor.py -k relaxes_officers_only",
    ),
    (
        "second factor decided on every request",
        "registry/middleware.py",
        "            needed = second_factor_needed(user)\n",
        '            needed = request.session.setdefault("2fa", second_factor_needed(user))\n',
        "tests/registry/test_second_factor.py -k promoted_while_signed_in",
    ),
    (
        "recovery codes removed with the authenticator",
        "registry/services/second_factor.py",
        "    StaticDevice.objects.filter(user=user).delete()\n",
        "",
        "tests/registry/test_second_factor.py -k removes_a_lost_authenticator",
    ),
    (
        "CSP",
        "registry/settings.py",
        '    "csp.middleware.CSPMiddleware",\n',
        "",
        "tests/registry/test_security.py -k content_security",
    ),
    (
        "no-store",
        "registry/settings.py",
        '    "registry.middleware.NoStoreMiddleware",\n',
        "",
        "tests/registry/test_security.py -k browsers",
    ),
    (
        "csrf",
        "registry/settings.py",
        '    "django.middleware.csrf.CsrfViewMiddleware",\n',
        "",
        "tests/security/test_protections.py -k token",
    ),
    (
        "login required",
        "registry/settings.py",
        '    "django.contrib.auth.middleware.LoginRequiredMiddleware",\n',
        "",
        "tests/registry/test_permission_walk.py -k anonymous",
    ),
    (
        "iin mask",
        "registry/templatetags/registry_tags.py",
        '    if getattr(user, "role", None) == Role.OFFICER:\n        return iin',
        "    return iin",
        "tests/children/test_views.py -k masked",
    ),
    (
        "role check",
        "registry/access.py",
        "    if user.role not in roles or not user.has_area:\n        raise PermissionDenied",
        "    if not user.has_area:\n        raise PermissionDenied",
        "tests/security/test_permission_matrix.py",
    ),
    (
        "edit conflict",
        "registry/services/base.py",
        ".filter(pk=instance.pk, version=expected_version).update(",
        ".filter(pk=instance.pk).update(",
        "tests/children/test_views.py -k two_officers",
    ),
    (
        "upload limit",
        "exchange/forms.py",
        "if upload.size > UPLOAD_LIMIT:",
        "if False:",
        "tests/exchange/test_workbook_pages.py -k size",
    ),
    (
        "append-only",
        "registry/models/audit.py",
        """    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")""",
        """    def delete(self):
        return super().delete()""",
        "tests/registry/test_audit.py -k cannot_be",
    ),
    (
        "access log on open",
        "children/views/common.py",
        "    log_access(",
        "    (lambda **k: None)(",
        "tests/children/test_views.py -k logged",
    ),
    (
        "sql literal",
        "reports/indicators/columns.py",
        "raise ValueError",
        "return str(value)  #",
        "tests/reports/test_indicators.py -k reach_the_sql",
    ),
    (
        "area of the children's records",
        "children/selectors.py",
        "    return Child.objects.filter(area_filter(user))",
        "    return Child.objects.all()",
        "tests/security/test_permission_matrix.py -k every_url",
    ),
    (
        "audit trail of changes",
        "registry/audit.py",
        "    auditlog.register(\n",
        "    (lambda *args, **kwargs: None)(\n",
        "tests/registry/test_audit.py -k create_is_recorded",
    ),
    (
        "exports signed with the user",
        "exchange/workbook/exporter.py",
        'workbook.properties.creator = user.get_username() if user is not None else ""',
        'workbook.properties.creator = ""',
        "tests/exchange/test_workbook_pages.py -k logged_and_signed",
    ),
    (
        "rows a sheet may hold",
        "exchange/workbook/xlsx.py",
        "                if row_number > max_rows:\n",
        "                if False:\n",
        "tests/exchange/test_workbook_limits.py -k 999999999",
    ),
    (
        "cells a workbook may hold",
        "exchange/workbook/xlsx.py",
        "                if self.cells > max_cells:\n",
        "                if False:\n",
        "tests/exchange/test_workbook_limits.py -k limit_of_cells",
    ),
    (
        "row numbers only as decimal integers",
        "exchange/workbook/xlsx.py",
        "if stated is not None and stated.isdigit() and stated.isascii():",
        "if stated:\n                    stated = str(int(float(stated)))",
        "tests/exchange/test_workbook_limits.py -k 1e12",
    ),
    (
        "text like a formula written as text",
        "registry/cells.py",
        "        risky = value.startswith(FORMULA_STARTS)",
        "        risky = False",
        "tests/exchange/test_workbook_formulas.py",
    ),
    (
        "every start of a formula",
        "registry/cells.py",
        'FORMULA_STARTS = ("=", "+", "-", "@", "\\t", "\\r")',
        'FORMULA_STARTS = ("=",)',
        "tests/exchange/test_workbook_formulas.py -k written_as_text",
    ),
    (
        "an upload read only by its uploader",
        "exchange/uploads.py",
        "        .filter(pk=upload_id, user=request.user)",
        "        .filter(pk=upload_id)",
        "tests/exchange/test_uploads.py -k anothers_upload",
    ),
    (
        "another's job answers 404",
        "registry/selectors.py",
        "    return jobs.filter(user=user)",
        "    return jobs",
        "tests/registry/test_jobs.py -k another_officers_job",
    ),
    (
        "cached figures follow corrections after a move",
        "children/versions.py",
        '_last(entries.filter(child_id__in=moved_out.values("child_id"))),',
        "_last(entries.none()),",
        "tests/reports/test_figures_cache.py",
    ),
    (
        "throttling by the client behind the proxies",
        "registry/settings.py",
        'AXES_CLIENT_IP_CALLABLE = "registry.audit.client_address"\n',
        "",
        "tests/registry/test_client_address.py -k locked_out_alone",
    ),
    (
        "X-Forwarded-For read only from trusted proxies",
        "registry/audit.py",
        "    proxies = settings.TRUSTED_PROXIES\n",
        "    proxies = settings.TRUSTED_PROXIES or 1\n",
        "tests/registry/test_client_address.py -k forged_forwarded_for_is_ignored",
    ),
    (
        "the audit trail records the client address",
        "registry/settings.py",
        '    "registry.middleware.AuditlogMiddleware",\n',
        '    "auditlog.middleware.AuditlogMiddleware",\n',
        "tests/registry/test_client_address.py -k forged_forwarded_for_is_ignored",
    ),
    (
        "e-mail only over TLS or SSL",
        "registry/checks.py",
        "@register(Tags.security, deploy=True)\n",
        "",
        "tests/security/test_protections.py -k mail_server_without_encryption",
    ),
    (
        "no redirect to another site after the second factor",
        "registry/views/account.py",
        "    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):",
        "    if False:",
        "tests/security/test_protections.py -k next_never",
    ),
    (
        "visit schedule of the administrator's own region",
        "care/selectors.py",
        '    return VisitScheduleRule.objects.filter(region_id=user.region_id).select_related("region")',
        '    return VisitScheduleRule.objects.select_related("region")',
        "tests/care/test_schedule_regions.py -k another_regions",
    ),
    (
        "visit schedule changed by its region's administrator only",
        "care/services/schedules.py",
        "    if not may_manage_region(actor, rule.region_id):\n        raise PermissionDenied",
        "",
        "tests/care/test_schedule_regions.py -k another_regions",
    ),
    (
        "workbook checks in the access log",
        "exchange/workbook/checks.py",
        "    log_access(",
        "    (lambda **k: None)(",
        "tests/exchange/test_workbook_pages.py -k access_log",
    ),
    (
        "workbook checks limited per hour",
        "exchange/workbook/checks.py",
        "    return done + checks_waiting(user) < settings.WORKBOOK_CHECKS_PER_HOUR",
        "    return True",
        "tests/exchange/test_workbook_pages.py -k limited_per_hour",
    ),
    (
        "a workbook's record of a child kept elsewhere reads as unknown",
        "exchange/workbook/sheets/children.py",
        '            ctx.error(sheet, row.number, "iin", child_unknown())\n            return None\n'
        "        return entry",
        '            ctx.error(sheet, row.number, "iin", child_outside_area())\n            return None\n'
        "        return entry",
        "tests/exchange/test_workbook_scope.py -k out_of_reach",
    ),
    (
        "access log of list views",
        "registry/audit.py",
        "    return log_access(\n        user=user,\n        action=AccessLog.Action.LIST,",
        "    return (lambda **k: None)(\n        user=user,\n        action=AccessLog.Action.LIST,",
        "tests/registry/test_access_log_lists.py",
    ),
    (
        "access log of the children list",
        "children/views/lists.py",
        "    log_list_view(request, CHILDREN, children=children_on(page))",
        "    children_on(page)",
        "tests/registry/test_access_log_lists.py -k children_list",
    ),
    (
        "log lines without the query string",
        "registry/middleware.py",
        '                    "path": request.path,\n',
        '                    "path": request.get_full_path(),\n',
        "tests/registry/test_logging.py -k search_by_iin",
    ),
    (
        "twelve digits hidden in log messages",
        "registry/logcontext.py",
        '            "message": scrub(record.getMessage()),\n',
        '            "message": record.getMessage(),\n',
        "tests/registry/test_logging.py -k twelve_digits",
    ),
    (
        "database connections checked after a restart",
        "registry/settings.py",
        '    database["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", True)\n',
        '    database["CONN_HEALTH_CHECKS"] = False\n',
        "tests/ops/test_restart.py -k with-check",
        "postgresql",
    ),
    (
        "audit trail unchangeable in the database",
        "registry/migrations/0006_audit_append_only.py",
        'f"BEFORE UPDATE OR DELETE OR TRUNCATE ON {quoted} "',
        'f"BEFORE TRUNCATE ON {quoted} "',
        "tests/ops/test_postgres.py -k refuse_changes",
        "postgresql",
    ),
    (
        "audit trail not emptied by its owner",
        "registry/migrations/0006_audit_append_only.py",
        'f"BEFORE UPDATE OR DELETE OR TRUNCATE ON {quoted} "',
        'f"BEFORE UPDATE OR DELETE ON {quoted} "',
        "tests/ops/test_postgres.py -k refuse_changes",
        "postgresql",
    ),
]


def main(only: list[str]) -> int:
    failures = []
    on_postgresql = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    postgresql_only = "--postgresql" in only
    only = [name for name in only if name != "--postgresql"]
    for name, path, old, new, tests, *needs in MUTATIONS:
        if (only and name not in only) or (postgresql_only and "postgresql" not in needs):
            continue
        if "postgresql" in needs and not on_postgresql:
            print(f"skipped: {name} (needs PostgreSQL: set DATABASE_URL)", flush=True)
            continue
        file = ROOT / path
        source = file.read_text()
        if old not in source:
            failures.append(f"{name}: the line is no longer in {path}")
            continue
        file.write_text(source.replace(old, new, 1))
        try:
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-x",
                    "-p",
                    "no:cacheprovider",
                    *tests.split(),
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
        finally:
            file.write_text(source)
        # Exit code 1: tests failed. 5 (none collected) or 0 would mean nothing noticed.
        noticed = result.returncode == 1
        print(f"{'noticed' if noticed else 'NOT NOTICED'}: {name} ({tests})", flush=True)
        if not noticed:
            failures.append(f"{name}: {tests} exited with {result.returncode}")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
