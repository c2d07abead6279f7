"""What only PostgreSQL can show: real parallel transactions, and a backup restored
into an empty database giving the same annual figures. Skipped on SQLite (CI runs
the suite on both)."""

import datetime
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections

from children.models import Child, Placement, PlacementEndReason, PlacementForm
from children.services.placements import placement_end
from registry.models import AuditEntry
from registry.services.base import EditConflict
from tests.children.factories import identity_changed, place, register_child

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

ROOT = Path(__file__).resolve().parents[2]


def in_parallel(*actions):
    """Run each action in its own thread and connection, released together."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # the outcome is what the test inspects
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def renamed(actor, child, middle_name: str, version=None):
    """The child's middle name changed by `actor` (`version`: the one the form was
    opened at, by default the child's)."""
    return identity_changed(actor, child, version=version, middle_name=middle_name)


def test_two_sessions_ending_the_same_placement(officer_a, district_a):
    child = register_child(officer_a, district_a, birth_date=datetime.date(2015, 6, 1))
    placement = place(officer_a, child, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    opened = placement.version

    def end(day):
        def action():
            stale = Placement.objects.get(pk=placement.pk)
            return placement_end(
                actor=officer_a,
                placement=stale,
                version=opened,
                end_date=day,
                end_reason=PlacementEndReason.CARER_RELEASED,
            )

        return action

    results = in_parallel(end(datetime.date(2022, 1, 1)), end(datetime.date(2022, 2, 1)))
    winners = [r for r in results if isinstance(r, Placement)]
    losers = [r for r in results if isinstance(r, EditConflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    saved = Placement.objects.get(pk=placement.pk)
    assert saved.end_date == winners[0].end_date
    trail = AuditEntry.objects.filter(object_id=placement.pk, content_type__model="placement")
    assert trail.filter(additional_data__refused="edit_conflict").count() == 1
    assert (
        trail.filter(action=AuditEntry.Action.UPDATE)
        .exclude(additional_data__refused="edit_conflict")
        .count()
        == 1
    )


def test_two_sessions_editing_the_same_child(officer_a, district_a):
    child = register_child(officer_a, district_a, birth_date=datetime.date(2015, 6, 1))
    opened = child.version

    def rename(middle):
        return lambda: renamed(officer_a, Child.objects.get(pk=child.pk), middle, opened)

    results = in_parallel(rename("Серікұлы"), rename("Ерланұлы"))
    assert sorted(type(r).__name__ for r in results) == ["Child", "EditConflict"], results
    winner = next(r for r in results if isinstance(r, Child))
    assert Child.objects.get(pk=child.pk).middle_name == winner.middle_name
    refused = AuditEntry.objects.get(child_id=child.pk, additional_data__refused="edit_conflict")
    assert refused.actor == officer_a


def test_backup_restored_into_an_empty_database_gives_the_same_figures(
    officer_a, district_a, region, tmp_path
):
    for number in range(5):
        child = register_child(officer_a, district_a, birth_date=datetime.date(2012, 1, 1 + number))
        place(officer_a, child, PlacementForm.GUARDIANSHIP, datetime.date(2021, 1, 1))
    out = StringIO()
    call_command("annual_report", "--year", "2024", "--region", region.code, stdout=out)
    before = json.loads(out.getvalue())

    settings_dict = connection.settings_dict
    base = f"postgresql://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
    dump = tmp_path / "registry.dump"
    restored = f"restore_{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    # The commands of the README's "Backing up" section.
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", f"{base}/{settings_dict['NAME']}"],
        check=True,
        env=env,
    )
    subprocess.run(
        [
            "createdb",
            "-h",
            settings_dict["HOST"] or "127.0.0.1",
            "-U",
            settings_dict["USER"],
            restored,
        ],
        check=True,
        env=env,
    )
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={base}/{restored}", str(dump)],
            check=True,
            env=env,
        )
        result = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "annual_report",
                "--year",
                "2024",
                "--region",
                region.code,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**env, "DATABASE_URL": f"{base}/{restored}", "DEBUG": "1"},
        )
        assert json.loads(result.stdout) == before
        assert before["indicators"]["contingent.total"] == 5
        # The restored trail is as append-only as the one backed up.
        triggers = subprocess.run(
            [
                "psql",
                "--no-psqlrc",
                "--tuples-only",
                "--no-align",
                f"--dbname={base}/{restored}",
                "--command=SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
            ],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        assert triggers.stdout.split() == [
            "registry_accesslog_append_only",
            "registry_auditentry_append_only",
        ]
    finally:
        subprocess.run(
            [
                "dropdb",
                "-h",
                settings_dict["HOST"] or "127.0.0.1",
                "-U",
                settings_dict["USER"],
                restored,
            ],
            check=False,
            env=env,
        )


def test_years_counted_in_parallel_equal_years_counted_one_by_one(
    officer_a, district_a, district_b, region, settings, monkeypatch
):
    """A region's dashboard years are counted on several connections at once (the years
    in full in one statement, the others' contingent in another); the figures are the
    same, and no connection is left open behind."""
    from reports.indicators import cache
    from reports.indicators.cache import figures_of_years
    from reports.indicators.engine import compute, count_periods

    threads = set()

    def counting(*args, **kwargs):
        threads.add(threading.get_ident())
        return count_periods(*args, **kwargs)

    monkeypatch.setattr(cache, "count_periods", counting)

    for number in range(4):
        child = register_child(officer_a, district_a, birth_date=datetime.date(2012, 1, 1 + number))
        place(officer_a, child, PlacementForm.GUARDIANSHIP, datetime.date(2020 + number, 2, 1))

    def backends(expected: int | None = None) -> int:
        """The database's connections; with `expected`, once they are that many, or
        after 10 s (a backend whose client closed its connection leaves
        pg_stat_activity a moment later, longer on a loaded machine)."""
        deadline = time.monotonic() + 10
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                )
                count = cursor.fetchone()[0]
            if expected is None or count == expected or time.monotonic() > deadline:
                return count
            time.sleep(0.05)

    before = backends()
    settings.FIGURES_PARALLEL = 3
    years = {2021: "contingent.", 2022: "contingent.", 2023: "", 2024: ""}
    parallel = figures_of_years(years, region=region)
    assert {year: figures.values for year, figures in parallel.items()} == {
        year: compute(year, region=region, prefix=prefix).values for year, prefix in years.items()
    }
    assert [parallel[year].values["contingent.guardianship"] for year in years] == [2, 3, 4, 4]
    assert len(threads) > 1
    assert backends(expected=before) == before

    # A district's years are small: counted one after the other, on this connection.
    threads.clear()
    alone = figures_of_years(years, district=district_a)
    assert threads == {threading.get_ident()}
    assert [alone[year].values["contingent.guardianship"] for year in years] == [2, 3, 4, 4]


def test_connections_plan_without_jit_and_for_fast_random_reads():
    """Every connection, the page's and those counting years in parallel, has JIT off
    (compiling the register's short statements cost more than it saved) and costs
    random reads as on SSD or in memory."""

    def planner() -> tuple[str, str]:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT current_setting('jit'), current_setting('random_page_cost')")
            return cursor.fetchone()

    assert planner() == ("off", "1.1")
    assert in_parallel(planner, planner) == [("off", "1.1")] * 2


def test_the_trail_and_the_access_log_refuse_changes_even_through_sql(officer_a, district_a):
    """The append-only rule holds in the database (registry migration 0006): an
    UPDATE, a DELETE and a TRUNCATE through a raw cursor fail, for the connection's
    own role and for an application role that owns the tables; the rows stay."""
    from django.db import DatabaseError, transaction

    from registry.audit import log_access
    from registry.models import AccessLog

    child = register_child(officer_a, district_a, birth_date=datetime.date(2015, 6, 1))
    log_access(user=officer_a, action=AccessLog.Action.VIEW, description="x", child_id=child.pk)
    entries, reads = AuditEntry.objects.count(), AccessLog.objects.count()
    assert entries and reads
    tables = [model._meta.db_table for model in (AuditEntry, AccessLog)]
    role = f"registry_owner_{uuid.uuid4().hex[:8]}"

    def refused(cursor, statement):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute(statement)

    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            refused(cursor, f"UPDATE {table} SET timestamp = timestamp")
            refused(cursor, f"DELETE FROM {table}")
        # The application connected as the tables' owner (not a superuser).
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} OWNER TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
        for table in tables:
            refused(cursor, f"UPDATE {table} SET timestamp = timestamp")
            refused(cursor, f"DELETE FROM {table}")
            refused(cursor, f"TRUNCATE {table}")
        transaction.set_rollback(True)  # the role and the ownership go with it
    assert (AuditEntry.objects.count(), AccessLog.objects.count()) == (entries, reads)


def test_the_application_still_writes_the_trail_and_the_log(region):
    """Inserts go through: the services' entries, and the workbook import's audit
    entries copied in bulk (COPY on PostgreSQL) with its access-log entry."""
    from registry.models import AccessLog
    from tests.exchange.workbooks import base_sheets, problem_lines, run_import

    before = AuditEntry.objects.count()
    result = run_import(base_sheets())
    assert problem_lines(result) == [] and result.audit_entries > 10
    assert AuditEntry.objects.count() >= before + result.audit_entries
    assert AccessLog.objects.filter(action=AccessLog.Action.IMPORT).count() == 1


def test_a_change_committed_while_figures_are_counted_leaves_no_child_out(
    officer_a, officer_b, district_a, district_b, monkeypatch
):
    """The kept columns' refresh and their sums read one snapshot: a child changed in
    another session between the two counts as it was then, not nowhere. The same
    children, counted again afterwards, count once more."""
    from reports.indicators import facts
    from reports.indicators.conditions import Period
    from reports.indicators.engine import count_periods

    year = datetime.date.today().year - 1
    children = []
    for officer, district in ((officer_a, district_a), (officer_b, district_b)):
        child = register_child(officer, district, birth_date=datetime.date(2015, 6, 1))
        place(officer, child, PlacementForm.GUARDIANSHIP, datetime.date(year, 3, 1))
        children.append(child)

    def guardianship(**kwargs) -> list[int]:
        found = count_periods([Period(year)], None, **kwargs)[0]
        return [
            found[district.pk]["contingent.guardianship"] for district in (district_a, district_b)
        ]

    assert guardianship() == [1, 1]  # every row kept
    refresh, done = facts.refresh, []

    def rename_after(*args, **kwargs):
        found = refresh(*args, **kwargs)
        if not done:  # another session renames the child and commits, once
            stale = Child.objects.get(pk=children[0].pk)
            done.extend(in_parallel(lambda: renamed(officer_a, stale, "Серікұлы")))
        return found

    monkeypatch.setattr(facts, "refresh", rename_after)
    assert guardianship() == [1, 1]
    assert isinstance(done[0], Child), done
    assert guardianship() == [1, 1] == guardianship(from_records=True)
    assert facts.refresh([Period(year)], None) == 0


def test_two_counts_writing_the_same_children_both_count(officer_a, district_a, monkeypatch):
    """Two counts that found the same stale children in snapshots taken together: the
    second's write is refused by PostgreSQL (the first wrote those rows since its
    snapshot), and it counts again in a new one. Both give the figures."""
    from reports.indicators import facts
    from reports.indicators.conditions import Period
    from reports.indicators.engine import count_periods

    year = datetime.date.today().year - 1
    child = register_child(officer_a, district_a, birth_date=datetime.date(2015, 6, 1))
    place(officer_a, child, PlacementForm.GUARDIANSHIP, datetime.date(year, 3, 1))
    refresh, together, attempts = facts.refresh, threading.Barrier(2), []

    def in_step(periods, district_ids, using, **kwargs):
        attempts.append(threading.get_ident())
        if attempts.count(threading.get_ident()) == 1:
            with connections[using].cursor() as cursor:
                cursor.execute("SELECT 1")  # the snapshot taken
            together.wait(timeout=10)
        return refresh(periods, district_ids, using, **kwargs)

    monkeypatch.setattr(facts, "refresh", in_step)

    def guardianship():
        return count_periods([Period(year)], [district_a.pk])[0][district_a.pk][
            "contingent.guardianship"
        ]

    assert in_parallel(guardianship, guardianship) == [1, 1]
    assert len(attempts) == 3  # the second made again
