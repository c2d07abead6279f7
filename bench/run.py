"""The benchmark suite: build a register of a given size and time what users wait for.

    python bench/run.py --children 10000            # the configured DATABASE_URL's server
    python bench/run.py --children 100000 --reuse   # keep an already generated register

On PostgreSQL (DATABASE_URL=postgres://...) the register is built in a database of its
own, `<name>_bench_<children>`, made afresh (dropped first) unless --reuse; on SQLite
in a file under bench/results/. The register has 17 regions of 10 districts (a national register), so
"a region" is about a seventeenth of it. Each measurement runs several times (after
one warm-up) and is reported as median and spread (min–max); results go to
bench/results/<date>-<database>-<children>.json and are printed as the rows of the
table in bench/README.md. Timings are never asserted in the test suite; this is where
they are measured.

What is measured (server time: in-process, through Django's test client for pages):
- all indicators for one region and for one district (the engine, uncached), beside a
  hand-written SQL count of the same contingent (the baseline of what the database
  does without our code);
- the national part: every key for the whole register (the engine, uncached) and the
  dashboard of the country and of one region, counted afresh and from the cache,
  each beside the hand-written contingent SQL of the same area in the same run, and
  the ratio (`--only national` runs this part alone);
- the children list filtered, 50 rows; a child's page with the longest history; the
  officer's home page counted (the first view after a change) and kept (a return);
  the dashboard (uncached); with their query counts;
- the annual report workbook (time and peak memory), beside openpyxl writing the same
  cell values bare;
- optionally (--load) the load test against gunicorn (bench/load.py): 20 users for
  60 s reading for 2 s between pages, and the same without reading (a stress figure);
- optionally (--import) the import of the synthetic 10,000-children workbook
  (bench/import_benchmark.py) into a database of its own.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
REPEAT = 5


def bench_database(children) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urlparse(url)
        name = f"{parts.path.lstrip('/') or 'registry'}_bench_{children}"
        return urlunparse(parts._replace(path=f"/{name}"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{RESULTS / f'bench-{children}.sqlite3'}"


def _connect(url: str, dbname: str | None = None):
    """A psycopg2 connection (autocommit) to the server of `url`, to its database or
    to `dbname`."""
    import psycopg2

    parts = urlparse(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=dbname or parts.path.lstrip("/"),
    )
    connection.autocommit = True
    return connection


def prepare_database(url: str, fresh: bool) -> None:
    """The database of `url` ready to be migrated: on PostgreSQL created when missing
    (`fresh`: dropped first), on SQLite the file removed when `fresh`."""
    if not url.startswith("postgres"):
        if fresh:
            Path(urlparse(url).path).unlink(missing_ok=True)
        return
    name = urlparse(url).path.lstrip("/")
    admin = _connect(url, "postgres")
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def settle(url: str) -> None:
    """Let PostgreSQL write out what the previous measurement left in its buffers
    (CHECKPOINT), so that it is not flushed during the next one. SQLite: nothing."""
    if not url.startswith("postgres"):
        return
    import psycopg2

    connection = _connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except psycopg2.Error as error:  # CHECKPOINT needs a superuser or pg_checkpoint
        print(f"(no checkpoint: {error})")
    finally:
        connection.close()


def vacuum_if_off() -> None:
    """On a PostgreSQL server whose autovacuum is off (this machine's, for its tests),
    what autovacuum does on a production server between two measurements: the dead
    rows of updated tables cleared and their statistics made (`VACUUM ANALYZE`).
    Without it the kept columns' table, refilled again and again by the measurements,
    grew to ten times its size and every sum read the dead rows."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] == "on":
            return
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE n_dead_tup > 50 + n_live_tup / 5"
        )
        for (name,) in cursor.fetchall():  # autovacuum's own threshold
            cursor.execute(f'VACUUM ANALYZE "{name}"')


def setup(url: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "registry.settings",
            "DATABASE_URL": url,
            "DEBUG": "0",  # with DEBUG, Django keeps and times every query
            "DEVELOPMENT_DATA": "1",  # generate_register (devdata), which DEBUG would load
            "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-key-not-for-production-use"),
            "ALLOWED_HOSTS": "testserver,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "LANGUAGE_CODE": "ru",
            "STATIC_ROOT": str(RESULTS / "static"),
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def timed(function, repeat: int = REPEAT) -> dict:
    function()  # warm-up: connections, caches of the ORM, not of our figures
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return spread(seconds)


def spread(seconds: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(seconds), 4),
        "min_s": round(min(seconds), 4),
        "max_s": round(max(seconds), 4),
    }


def machine_speed() -> float:
    """Seconds a bare Python loop of 10 million additions takes: the VM's speed at the
    time of a run, to read its figures by (it varies by up to a half during a day)."""

    def loop():
        total = 0
        for number in range(10_000_000):
            total += number

    return timed(loop, repeat=3)["median_s"]


def queries_of(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def contingent_baseline_sql(district_ids: list[int], day: datetime.date) -> str:
    """The contingent by form of care at `day` for the districts, written by hand: the
    least the database must do for the first section of the report."""
    from children.ages import years_before

    ids = ", ".join(str(int(pk)) for pk in district_ids)
    cutoff = years_before(day, 18).isoformat()
    d = day.isoformat()
    return f"""
        SELECT p.form, COUNT(*) FROM children_child c
        JOIN children_status s ON s.child_id = c.id AND s.start_date <= '{d}'
             AND (s.end_date IS NULL OR s.end_date > '{d}')
        LEFT JOIN children_placement p ON p.child_id = c.id AND p.start_date <= '{d}'
             AND (p.end_date IS NULL OR p.end_date > '{d}')
        WHERE c.birth_date > '{cutoff}' AND COALESCE((SELECT t.to_district_id FROM children_transfer t
              WHERE t.child_id = c.id AND t.date <= '{d}' ORDER BY t.date DESC, t.id DESC LIMIT 1),
              c.registered_district_id) IN ({ids})
        GROUP BY p.form"""  # noqa: S608 - integers and ISO dates only


def client_for(user):
    """A test client signed in past the second factor, as a user is after the second
    step."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session["started_at"] = session["seen_at"] = int(time.time())
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def account(username, **area):
    from registry.audit import system_actor
    from registry.models import User
    from registry.services.users import user_create

    user = User.objects.filter(username=username).first()
    return user or user_create(actor=system_actor(), username=username, password=None, **area)


def timed_after_change(change, function, repeat: int = REPEAT) -> dict:
    """`function` timed after each of `repeat` calls of `change` (not timed), after a
    warm-up; `change` is called an even number of times."""
    seconds = []
    for _ in range(repeat + 1 + repeat % 2):
        change()
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return spread(seconds[1:])


def identity_toggle(district):
    """A change an officer makes in `district`: a child's middle name corrected, and
    corrected back the next time (a change to a name is a change of the namesakes
    everywhere, the widest a district's change reaches)."""
    from children.models import Child
    from children.services.children import child_update_identity
    from registry.models import Role

    officer = account(f"bench-officer-{district.code}", role=Role.OFFICER, district=district)
    pk = Child.objects.filter(district=district).order_by("pk").values_list("pk", flat=True)[0]

    def change():
        child = Child.objects.get(pk=pk)
        middle = child.middle_name
        child_update_identity(
            actor=officer,
            child=child,
            version=child.version,
            iin=child.iin,
            last_name=child.last_name,
            first_name=child.first_name,
            middle_name=middle[:-1] if middle.endswith("-") else middle + "-",
            birth_date=child.birth_date,
            sex=child.sex,
        )

    return change


def measure_national(year: int) -> dict:
    """The country's figures and dashboards, and a region's, each beside the
    hand-written contingent SQL of the same area, timed in turn in this run: counted
    afresh (the cache emptied), from the cache, and after a change in one district;
    and every dashboard counted ahead (`warm_figures`)."""
    from django.core.cache import cache
    from django.db import connection

    from registry.models import District, Region, Role
    from reports.indicators.cache import figures
    from reports.indicators.conditions import Period
    from reports.indicators.engine import compute
    from reports.models import ChildFacts

    region = Region.objects.get(code="gen-01")
    change = identity_toggle(District.objects.get(code="gen-01-01"))

    def forget():
        """No child's columns kept (as before the first count): the table emptied as
        a new one is, without the dead rows a DELETE leaves."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"TRUNCATE {ChildFacts._meta.db_table}")
            else:
                cursor.execute(f"DELETE FROM {ChildFacts._meta.db_table}")  # noqa: S608

    national = client_for(account("bench-national", role=Role.NATIONAL))
    regional = client_for(account("bench-regional", role=Role.REGIONAL, region=region))
    day = Period(year).day

    def baseline(district_ids):
        sql = contingent_baseline_sql(district_ids, day)

        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchall()

        return run

    def dashboard(client, query, fresh):
        def run():
            if fresh:
                cache.clear()
            response = client.get(f"/reports/?year={year}{query}")
            assert response.status_code == 200, response.status_code

        return run

    results = {}
    for area, ids, client, query, kwargs in (
        ("country", list(District.objects.values_list("pk", flat=True)), national, "", {}),
        (
            "region",
            list(region.districts.values_list("pk", flat=True)),
            regional,
            "",
            {"region": region},
        ),
    ):
        vacuum_if_off()
        part = {
            "baseline_contingent_sql": timed(baseline(ids)),
            # Every key without the figures' cache: summed from each child's kept
            # columns; with none kept (the first count, or after a release that
            # counts them otherwise), counted and kept first; and from the records
            # (the engine before the kept columns, what they equal).
            "indicators_uncached": timed(lambda kwargs=kwargs: compute(year, **kwargs), repeat=3),
            "indicators_uncached_nothing_kept": timed_after_change(
                forget, lambda kwargs=kwargs: compute(year, **kwargs), repeat=3
            ),
            "indicators_uncached_after_change": timed_after_change(
                change, lambda kwargs=kwargs: compute(year, **kwargs), repeat=3
            ),
            "indicators_from_records": timed(
                lambda kwargs=kwargs: compute(year, from_records=True, **kwargs), repeat=3
            ),
            "indicators_after_change": timed_after_change(
                change, lambda kwargs=kwargs: figures(year, **kwargs)
            ),
            "dashboard_uncached": timed(dashboard(client, query, True), repeat=3),
            "dashboard_uncached_nothing_kept": timed_after_change(
                forget, dashboard(client, query, True), repeat=3
            ),
            "dashboard_cached": timed(dashboard(client, query, False)),
            "dashboard_after_change": timed_after_change(change, dashboard(client, query, False)),
        }
        base = part["baseline_contingent_sql"]["median_s"]
        for key, measured in part.items():
            if key != "baseline_contingent_sql":
                measured["ratio_to_baseline"] = round(measured["median_s"] / base, 1)
        results[area] = part
    # `warm_figures`: every dashboard of the year (the register, 17 regions, 170
    # districts) counted ahead, after a change every figure reads (the cache emptied,
    # as after an institution's change or `migrate`); with no child's columns kept
    # either (the first run, or after a release that counts them otherwise); and
    # after a change in one district.
    from reports.indicators.warm import warm_dashboards

    def nothing_kept():
        cache.clear()
        forget()

    vacuum_if_off()
    results["warm_dashboards"] = {
        "after_everything_changed": timed_after_change(
            cache.clear, lambda: warm_dashboards([year]), repeat=3
        ),
        "nothing_kept": timed_after_change(nothing_kept, lambda: warm_dashboards([year]), repeat=3),
        "after_a_change_in_one_district": timed_after_change(
            change, lambda: warm_dashboards([year]), repeat=3
        ),
    }
    return results


def measure(children: int) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from openpyxl import Workbook

    from children.models import Child
    from registry.models import District, Region, Role
    from reports.annual import build
    from reports.areas import Area
    from reports.indicators.conditions import Period
    from reports.indicators.engine import compute

    year = datetime.date.today().year - 1
    region = Region.objects.get(code="gen-01")
    district = District.objects.get(code="gen-01-01")
    region_ids = list(region.districts.values_list("pk", flat=True))

    regional = account("bench-regional", role=Role.REGIONAL, region=region)
    officer = account("bench-officer", role=Role.OFFICER, district=district)

    reader, clerk = client_for(regional), client_for(officer)
    results: dict = {"children": children, "year": year}
    results["indicators_region"] = timed(lambda: compute(year, region=region))
    results["indicators_district"] = timed(lambda: compute(year, district=district))

    baseline = contingent_baseline_sql(region_ids, Period(year).day)

    def run_baseline():
        with connection.cursor() as cursor:
            cursor.execute(baseline)
            cursor.fetchall()

    results["baseline_contingent_sql_region"] = timed(run_baseline)

    list_url = "/children/?state=active&form=guardianship&sort=-birth_date"
    results["children_list"] = timed(lambda: reader.get(list_url))
    results["children_list"]["queries"] = queries_of(lambda: reader.get(list_url))
    busiest = (
        Child.objects.filter(district=district)
        .order_by("-placements__start_date")
        .values_list("pk", flat=True)
        .first()
    )
    child_url = f"/children/{busiest}/"
    results["child_page"] = timed(lambda: clerk.get(child_url))
    results["child_page"]["queries"] = queries_of(lambda: clerk.get(child_url))

    def home_counted():  # the first view after a change: the work list counted again
        cache.clear()
        clerk.get("/")

    results["home_officer_counted"] = timed(home_counted)
    results["home_officer_counted"]["queries"] = queries_of(home_counted)
    results["home_officer_kept"] = timed(lambda: clerk.get("/"))
    results["home_officer_kept"]["queries"] = queries_of(lambda: clerk.get("/"))

    def dashboard():
        cache.clear()
        response = reader.get(f"/reports/?year={year}")
        assert response.status_code == 200, response.status_code

    results["dashboard_uncached"] = timed(dashboard, repeat=3)
    results["dashboard_cached"] = timed(lambda: reader.get(f"/reports/?year={year}"))

    area = Area(region=region, district=None)

    def annual():
        cache.clear()
        return build(area, year, regional)

    tracemalloc.start()
    book = annual()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results["annual_workbook"] = timed(lambda: annual().save(Path(os.devnull)), repeat=3)
    results["annual_workbook"]["peak_python_mb"] = round(peak / 2**20, 1)
    results["annual_workbook"]["process_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    cells = [[cell.value for cell in row] for sheet in book.worksheets for row in sheet.iter_rows()]

    def bare():
        plain = Workbook()
        sheet = plain.active
        for row in cells:
            sheet.append(row)
        plain.save(Path(os.devnull))

    results["baseline_openpyxl_same_cells"] = timed(bare, repeat=3)
    settle(os.environ["DATABASE_URL"])
    results["national"] = measure_national(year)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description="The benchmark suite (see bench/README.md).")
    parser.add_argument("--children", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="keep an already generated register")
    parser.add_argument(
        "--load", action="store_true", help="also run bench/load.py (60 s, 20 users)"
    )
    parser.add_argument(
        "--import",
        dest="import_",
        action="store_true",
        help="also run bench/import_benchmark.py (10,000 children)",
    )
    parser.add_argument(
        "--only",
        choices=["national"],
        help="measure only this part (national: the country's and a region's figures)",
    )
    args = parser.parse_args()

    url = bench_database(args.children)
    import_url = bench_database("import")  # before setup() points DATABASE_URL at `url`
    prepare_database(url, fresh=not args.reuse)
    setup(url)
    from django.core.management import call_command
    from django.db import connection

    from children.models import Child

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # pages need the manifest
    if not (args.reuse and Child.objects.exists()):
        started = time.perf_counter()
        call_command(
            "generate_register",
            children=args.children,
            regions=17,
            districts=10,
            seed=args.seed,
            verbosity=0,
        )
        generated = round(time.perf_counter() - started, 1)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    else:
        generated = None
    settle(url)
    speed_before = machine_speed()
    if args.only == "national":
        results = {
            "children": args.children,
            "national": measure_national(datetime.date.today().year - 1),
        }
    else:
        results = measure(args.children)
    results["machine_speed_loop_s"] = {"before": speed_before, "after": machine_speed()}
    results.update(
        {
            "generated_s": generated,
            "database": f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version}",
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
            "date": datetime.date.today().isoformat(),
        }
    )
    if args.load:
        # Users reading 2 s between pages (the budget), and without reading (stress).
        for key, think in (("load", "2"), ("load_stress", "0")):
            report = RESULTS / f"{key}.json"
            settle(url)
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "bench" / "load.py"),
                    "--think",
                    think,
                    "--out",
                    str(report),
                ],
                env={**os.environ, "DATABASE_URL": url},
                check=False,
            )
            results[key] = json.loads(report.read_text())
    if args.import_:
        report = RESULTS / "import.json"
        prepare_database(import_url, fresh=True)
        settle(url)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "import_benchmark.py"),
                "--flush",
                "--out",
                str(report),
            ],
            env={**os.environ, "DATABASE_URL": import_url},
            check=False,
        )
        results["import"] = json.loads(report.read_text())
    RESULTS.mkdir(parents=True, exist_ok=True)
    part = f"-{args.only}" if args.only else ""
    out = RESULTS / f"{results['date']}-{connection.vendor}-{args.children}{part}.json"
    out.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    print(f"\nWritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
