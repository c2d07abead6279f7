"""Time the workbook import on the configured database, and its peak memory.

    python bench/import_benchmark.py                  # SQLite, a fresh temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/import_benchmark.py --flush

The synthetic workbook (devdata/synthetic.py; 10,000 children with full
histories by default, about 192,000 rows) is written once to bench/results/ by a
separate process, so that its memory does not count. The script first times the
baseline, a bare read of the file (every sheet unzipped and parsed by expat, nothing
kept), then migrates the database, empties it (--flush; refused on a database that
holds a register otherwise), imports the workbook into it, imports it a second time
(nothing changes): the same file (known by its digest: not read), then the same
workbook saved as another file (read and checked), then as the pages do: checks a
file and confirms (imports the rows the check kept without reading the file again),
for the file imported already, for another file of the same workbook with the
register as the check read it, and for a third after a change to the register.
Last, the writing's baseline: every row of the register's tables written again by
hand-written statements in one transaction (`bare_write`). It prints the seconds and
the peak memory of each step, each import's ratio to the bare read, and the first
import's to the bare read and write together. Record the figures in bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    # Not DEBUG: Django would keep the text of every query, and time it.
    os.environ["DEBUG"] = "0"
    # The synthetic workbook is development data (devdata), which DEBUG would load.
    os.environ["DEVELOPMENT_DATA"] = "1"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-not-for-production-use")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="workbook-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(path: Path, children: int, seed: int) -> None:
    setup_django()
    from devdata.synthetic import write_synthetic_workbook

    started = time.perf_counter()
    rows = write_synthetic_workbook(path, children=children, seed=seed)
    print(
        f"workbook: {path} ({sum(rows.values())} rows: {rows}) written in "
        f"{time.perf_counter() - started:.1f} s"
    )


def bare_read(path: Path) -> float:
    """The baseline: seconds to unzip every worksheet of the workbook and parse its
    XML with expat, the standard library's C parser, without looking at any element
    (the least any reader of the file in Python does)."""
    from xml.parsers import expat

    started = time.perf_counter()
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                parser = expat.ParserCreate(namespace_separator="}")
                with archive.open(name) as part:
                    while chunk := part.read(64 * 1024):
                        parser.Parse(chunk, False)
                parser.Parse(b"", True)
    return time.perf_counter() - started


def bare_write() -> dict:
    """The baseline of the writing: every row the register's tables hold (after the
    imports: the records, their audit entries, the due visits and the few rows of the
    set-up) read out, the tables emptied, then written back by hand-written statements
    in one transaction, with the tables' indexes, constraints and triggers as they
    are (the foreign keys checked at the commit): COPY on PostgreSQL, `executemany` of
    sqlite3 on SQLite (the least the database must do to store what an import
    stores). Leaves the database as it found it. The seconds of the writing with the
    commit, the rows written, and the seconds of each table and of the commit."""
    from django.db import connection, transaction

    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    quote = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    held: dict[str, object] = {}
    rows = 0
    with connection.cursor() as cursor:
        for table in tables:
            if postgres:
                buffer = io.StringIO()
                cursor.cursor.copy_expert(f"COPY {quote(table)} TO STDOUT", buffer)
                rows += buffer.getvalue().count("\n")
                held[table] = buffer
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - its own tables
                held[table] = cursor.fetchall()
                rows += len(held[table])
        if postgres:  # a superuser's TRUNCATE (the audit trail's trigger lets it)
            cursor.execute("TRUNCATE " + ", ".join(map(quote, tables)))
            cursor.execute("CHECKPOINT")
    if not postgres:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - its own tables
    by_table = {}
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            for table, values in held.items():
                table_started = time.perf_counter()
                if postgres:
                    values.seek(0)
                    cursor.cursor.copy_expert(f"COPY {quote(table)} FROM STDIN", values)
                elif values:
                    marks = ", ".join("?" * len(values[0]))
                    connection.connection.executemany(
                        f"INSERT INTO {quote(table)} VALUES ({marks})",  # noqa: S608
                        values,
                    )
                by_table[table] = time.perf_counter() - table_started
        written = time.perf_counter()
    finished = time.perf_counter()
    return {
        "seconds": finished - started,
        "rows": rows,
        "commit_seconds": finished - written,
        "tables_seconds": by_table,
    }


def saved_again(path: Path, copy: int) -> Path:
    """The same workbook in another file, as a district saving it again makes: every
    part as it is, the archive's dates others (`copy`: which other file)."""
    target = path.with_name(f"{path.stem}-copy{copy}{path.suffix}")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as again:
        for info in source.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, copy, 0))
            part.compress_type = info.compress_type
            again.writestr(part, source.read(info.filename))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flush", action="store_true", help="empty the database first")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations (slower)"
    )
    parser.add_argument("--generate-only", metavar="PATH")
    parser.add_argument("--out", metavar="PATH", help="also write the figures as JSON here")
    args = parser.parse_args()
    if args.generate_only:
        generate(Path(args.generate_only), args.children, args.seed)
        return

    RESULTS.mkdir(parents=True, exist_ok=True)
    workbook = RESULTS / f"synthetic-{args.children}-{args.seed}.xlsx"
    if not workbook.exists():  # in another process: its memory does not count
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--generate-only",
                str(workbook),
                "--children",
                str(args.children),
                "--seed",
                str(args.seed),
            ],
            check=True,
        )
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from children.models import Child
    from exchange.workbook.importer import check_workbook, import_workbook
    from exchange.workbook.scope import ImportScope
    from registry.audit import system_actor

    call_command("migrate", verbosity=0)
    if args.flush:
        call_command("flush", interactive=False, verbosity=0)
    elif Child.objects.exists():
        sys.exit("The database holds a register: pass --flush to empty it first.")
    actor = system_actor()
    database = settings.DATABASES["default"]
    print(f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
    print(f"machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"workbook: {workbook} ({workbook.stat().st_size / 1e6:.1f} MB)")
    report = {"children": args.children, "workbook_mb": round(workbook.stat().st_size / 1e6, 1)}
    bare = sorted(bare_read(workbook) for _run in range(3))[1]
    print(f"bare read (every sheet unzipped and parsed by expat, median of 3): {bare:.2f} s")
    report["bare_read_seconds"] = round(bare, 2)
    runs = (
        ("first import", workbook),
        ("second import, the same file", workbook),
        ("second import, the workbook saved again", saved_again(workbook, 1)),
    )
    for run, source in runs:
        before = rss_mb()
        if args.tracemalloc:
            tracemalloc.start()
        started = time.perf_counter()
        result = import_workbook(actor=actor, source=source, scope=ImportScope.everything())
        seconds = time.perf_counter() - started
        traced = ""
        if args.tracemalloc:
            traced = f", traced peak {tracemalloc.get_traced_memory()[1] / 1e6:.0f} MB"
            tracemalloc.stop()
        if result.problems:
            for problem in result.problems[:20]:
                print(problem)
            sys.exit(f"{len(result.problems)} problems")
        rows = sum(sum(figures.values()) for figures in result.counts.values())
        print(
            f"{run}: {rows} rows in {seconds:.2f} s ({seconds / bare:.2f}x the bare read); "
            f"RSS before {before:.0f} MB, "
            f"peak RSS {peak_rss_mb():.0f} MB{traced}; audit entries {result.audit_entries}"
        )
        print(f"  {result.counts}")
        print("  seconds by phase: " + ", ".join(f"{k} {v:.1f}" for k, v in result.timings.items()))
        report[run.replace(",", "").replace(" ", "_")] = {
            "rows": rows,
            "seconds": round(seconds, 2),
            "times_bare_read": round(seconds / bare, 2),
            "phases": {key: round(value, 1) for key, value in result.timings.items()},
            "rss_before_mb": round(before),
            "peak_rss_mb": round(peak_rss_mb()),
        }
    # The pages' way: a check job reads the file and keeps its rows with the upload;
    # confirming imports those rows without the file. Here for the unchanged workbook
    # (the register holds it already): the file imported (known: not read), another
    # file of it confirmed while the register is as the check read it (nothing to check
    # again), then a third after a change elsewhere in the register (a district added:
    # every row is checked again).
    from registry.models import Region
    from registry.services.geography import district_create

    report["check_and_confirm"] = {}
    cases = (
        ("known", workbook),
        ("unchanged", saved_again(workbook, 2)),
        ("changed", saved_again(workbook, 3)),
    )
    for case, source in cases:
        started = time.perf_counter()
        checked = check_workbook(source, scope=ImportScope.everything(), keep=True)
        check_seconds = time.perf_counter() - started
        if case == "changed":
            district_create(
                actor=actor,
                region=Region.objects.first(),
                code="BENCH-NEW",
                name_kk="Бенчмарк",
                name_ru="Бенчмарк",
            )
        started = time.perf_counter()
        confirmed = import_workbook(
            actor=actor, source=source, scope=ImportScope.everything(), kept=checked.kept
        )
        confirm_seconds = time.perf_counter() - started
        if checked.problems or confirmed.problems:
            sys.exit("the check or the confirmed import found problems")
        print(
            f"check and confirm, {case}: the check keeping the rows {check_seconds:.2f} s; "
            f"the confirmed import from them {confirm_seconds:.2f} s ("
            + ", ".join(f"{k} {v:.1f}" for k, v in confirmed.timings.items())
            + f"); kept {len(checked.kept) / 1e6:.1f} MB"
        )
        report["check_and_confirm"][case] = {
            "check_seconds": round(check_seconds, 2),
            "confirm_seconds": round(confirm_seconds, 2),
            "confirm_phases": {key: round(value, 1) for key, value in confirmed.timings.items()},
            "kept_mb": round(len(checked.kept) / 1e6, 1),
        }
    # The writing's baseline, last: it empties the tables and writes them again.
    written = bare_write()
    seconds, first = written["seconds"], report["first_import"]
    largest = sorted(written["tables_seconds"].items(), key=lambda item: -item[1])[:4]
    print(
        f"bare write (every row of the register's tables written again by hand-written "
        f"statements, one transaction): {written['rows']} rows in {seconds:.2f} s "
        f"({seconds / bare:.1f}x the bare read; "
        + ", ".join(f"{table} {table_seconds:.1f}" for table, table_seconds in largest)
        + f", the commit {written['commit_seconds']:.1f}); the first import's write "
        f"phase {first['phases']['write']:.1f} s is {first['phases']['write'] / seconds:.1f}x "
        f"it; the first import {first['seconds'] / (bare + seconds):.1f}x the bare read "
        f"and write together"
    )
    report["bare_write"] = {
        "rows": written["rows"],
        "seconds": round(seconds, 2),
        "commit_seconds": round(written["commit_seconds"], 2),
        "tables_seconds": {table: round(value, 2) for table, value in largest},
    }
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
