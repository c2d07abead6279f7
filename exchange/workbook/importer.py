"""Importing a workbook: everything is checked first, against the register merged
with the workbook; only when nothing is wrong is everything written, in one
transaction."""

from __future__ import annotations

import datetime
import gc
import hashlib
import logging
import os
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from care.services.schedules import rebuild_schedules
from children.models import Placement
from children.versions import area_version_parts
from exchange.models import RecognisedWorkbook
from exchange.workbook import stored
from exchange.workbook.context import ImportContext
from exchange.workbook.problems import Problem
from exchange.workbook.reader import read_workbook
from exchange.workbook.scope import ImportScope
from exchange.workbook.sheets import SHEETS
from exchange.workbook.spec import Table
from exchange.workbook.writer import Writer
from registry.audit import client_address, log_access
from registry.models import AccessLog
from registry.release import code_version
from registry.services.base import service

logger = logging.getLogger(__name__)
PHASES = ("prepare", "merge", "validate")


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # sheet -> created, updated, unchanged
    # gap code (registry.records.gaps) -> records that will lack that detail ("not stated")
    incomplete: dict = field(default_factory=dict)
    written: bool = False
    audit_entries: int = 0
    timings: dict = field(default_factory=dict)  # phase -> seconds
    looked_up: int = 0  # children's keys (IINs) the check sought in the register
    # What a check read, when asked to keep it and nothing was wrong (`stored`).
    kept: bytes | None = field(default=None, repr=False)
    # Written: the counts a check of the same rows finds now (`Plan.counts_once_written`).
    counts_once_written: dict | None = field(default=None, repr=False)
    # Answered without reading the file (`recognised`): when the same file was
    # imported, or checked and found to change nothing, under the same mark.
    recognised: datetime.datetime | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _no_progress(phase=None, **counts) -> None:
    pass


class WorkbookReader:
    """How `check_tables` reads a workbook file (`reader.read_workbook`). With `kept`,
    what a check of the same file kept (`stored`) is used instead of the file; with
    `keep`, what it read is kept in `self.kept` when nothing was wrong with it."""

    def __init__(self, source, *, kept: bytes | None = None, keep: bool = False):
        self.source, self.stored, self.keep = source, kept, keep
        self.kept: bytes | None = None

    def __call__(self, problems, notices, progress=None) -> dict[str, Table]:
        if self.stored is not None:
            tables = stored.loads(self.stored, SHEETS, notices)
            if tables is not None:
                return tables
        tables = read_workbook(self.source, SHEETS, problems, notices, progress=progress)
        if self.keep and tables and not problems:
            self.kept = stored.dumps(tables, notices)
        return tables


def check_tables(read, scope: ImportScope, *, lock: bool, progress=None) -> ImportContext:
    """Read the rows (`read(problems, notices, progress=...)` gives the `Table` of each
    sheet it found, by name: a workbook's, `WorkbookReader`, or another source's) and
    check them. `progress(phase=None, **counts)`, when given, hears of the rows read
    ("reading"), then of the rows checked ("checking")."""
    progress = progress or _no_progress
    ctx = ImportContext(scope=scope, today=timezone.localdate(), lock=lock)
    started = time.perf_counter()
    progress("reading")
    ctx.tables = read(ctx.problems, ctx.notices, progress=progress)
    ctx.timings["read"] = time.perf_counter() - started
    rows_of = {name: len(table.rows) for name, table in ctx.tables.items()}
    rows = sum(rows_of.values())
    progress("checking", rows_read=rows, total=rows, rows_checked=0)
    if not ctx.tables:  # nothing read (not a workbook, or none of its sheets)
        return ctx
    for sheet in SHEETS:
        ctx.tables.setdefault(sheet.name, Table(sheet=sheet))
    checked = 0
    for phase in PHASES:
        started = time.perf_counter()
        for sheet in SHEETS:
            getattr(sheet, phase)(ctx, ctx.tables[sheet.name])
            if phase == PHASES[-1]:
                checked += rows_of.get(sheet.name, 0)
                progress(rows_checked=checked)
        ctx.timings[phase] = time.perf_counter() - started
    return ctx


def in_workbook_order(problems) -> list[Problem]:
    """Problems by sheet (in the workbook's order), row and column; the file first."""
    sheets = {sheet.name: (number, sheet) for number, sheet in enumerate(SHEETS, start=1)}

    def position(problem: Problem):
        number, sheet = sheets.get(problem.sheet, (0, None))
        columns = sheet.column_names if sheet is not None else ()
        column = columns.index(problem.column) if problem.column in columns else len(columns)
        return (number, problem.row or 0, column)

    return sorted(problems, key=position)


def _result(ctx: ImportContext, written: bool = False, audit_entries: int = 0) -> ImportResult:
    counts = {
        sheet.name: ctx.plan(sheet.name).counts()
        for sheet in SHEETS
        if sheet.name in ctx.tables
        and (ctx.tables[sheet.name].present or ctx.plan(sheet.name).changes)
    }
    incomplete = Counter()
    for plan in ctx.plans.values():
        incomplete.update(plan.gaps)
    return ImportResult(
        problems=in_workbook_order(ctx.problems),
        notices=list(ctx.notices),
        counts=counts,
        incomplete=dict(incomplete),
        written=written,
        audit_entries=audit_entries,
        timings=ctx.timings,
        looked_up=ctx.looked_up,
    )


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused while an import reads, checks and
    writes: the import keeps hundreds of thousands of objects (rows, records, the
    plan), and each collection would go through all of them again, which took a
    third of a large import's time. Reference counting still frees what is no longer
    used; the few cycles the database layer leaves wait for the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_workbook(source, *, scope: ImportScope, progress=None, keep=False) -> ImportResult:
    """Check a workbook without writing anything (a dry run): its problems, and what
    it would create and change. `progress`: see `check_tables`; `keep`: keep what was
    read in the result's `kept` when nothing was wrong with it (`stored`)."""
    digest = file_digest(source)
    known = recognised(digest, scope, written=False)
    if known is not None:
        result, outcome = known
        result.kept = stored.outcome_alone(outcome) if keep else None
        return as_checked(result, progress)
    reader = WorkbookReader(source, keep=keep)
    mark = register_mark(scope)  # before the check reads the register
    ctx, result = _check(reader, scope, progress)
    result.kept = reader.kept
    if not result.problems and not any(plan.changes for plan in ctx.plans.values()):
        outcome = outcome_of(result, mark, result.counts)
        remember(digest, outcome)
        if result.kept is not None:
            result.kept = stored.with_outcome(result.kept, outcome)
    return result


def recognised_note(moment: datetime.datetime) -> str:
    """What a report answered without reading its file (`recognised`) says of it, in
    the reader's language, `moment` being when the file was known."""
    when = date_format(timezone.localtime(moment), "d.m.Y H:i")
    return _(
        "This same file was already imported or checked on %(when)s, and the register of "
        "this area has not changed since: the file was not read again, and it changes "
        "nothing."
    ) % {"when": when}


FILE_BLOCK = 1 << 20


def file_digest(source) -> str | None:
    """The SHA-256 of the workbook file `source` (a path, or a binary file, left where
    it was), or None when it cannot be read as bytes (the reader then says why)."""
    digest = hashlib.sha256()
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as file:
                for block in iter(lambda: file.read(FILE_BLOCK), b""):
                    digest.update(block)
        else:
            position = source.tell()
            source.seek(0)
            try:
                for block in iter(lambda: source.read(FILE_BLOCK), b""):
                    digest.update(block)
            finally:
                source.seek(position)
    except (OSError, AttributeError, TypeError, ValueError):
        return None
    return digest.hexdigest()


def outcome_of(result: ImportResult, mark: list, counts: dict) -> dict:
    """What a check of the rows finds while the register's part is as `mark` says
    (`register_mark`), as plain values: `stored.with_outcome`, `RecognisedWorkbook`."""
    return {
        "register": mark,
        "counts": counts,
        "incomplete": result.incomplete,
        "looked_up": result.looked_up,
        "notices": [(n.sheet, n.row, n.column, n.message) for n in result.notices],
        "language": translation.get_language(),  # that of the notices' messages
    }


def remember(digest: str | None, outcome: dict) -> None:
    """Keep `outcome` as that of the file whose digest this is (`RecognisedWorkbook`),
    in place of what was kept of it before; rows of former days go."""
    if digest is None:
        return
    former_days = timezone.now() - datetime.timedelta(days=1)
    RecognisedWorkbook.objects.filter(Q(digest=digest) | Q(recognised__lt=former_days)).delete()
    RecognisedWorkbook.objects.create(digest=digest, outcome=outcome)


def recognised(
    digest: str | None, scope: ImportScope, *, written: bool
) -> tuple[ImportResult, dict] | None:
    """The outcome kept of the file whose digest this is (`remember`), as a check's
    result (`written`: an import's), with the outcome, when the register's part it
    names is as it was then (`register_mark`), and its notices are in the language
    of this one: the file is then not read. None otherwise."""
    if digest is None:
        return None
    known = RecognisedWorkbook.objects.filter(digest=digest).order_by("-pk").first()
    if known is None:
        return None
    if known.outcome["notices"] and known.outcome.get("language") != translation.get_language():
        return None  # its notices are in another language: read them in this one
    outcome = {**known.outcome, "recognised": known.recognised.isoformat()}
    result = repeated(outcome, scope, written=written)
    return (result, outcome) if result is not None else None


def as_checked(result: ImportResult, progress) -> ImportResult:
    """A result its rows stand for as an earlier check or import read and checked
    them (`repeated`), told to `progress` (`check_tables`) as rows read and checked."""
    rows = sum(sum(figures.values()) for figures in result.counts.values())
    (progress or _no_progress)("checking", rows_read=rows, total=rows, rows_checked=rows)
    return result


def register_mark(scope: ImportScope) -> list:
    """What a check's outcome depends on beyond the rows it read: the part of the
    register it reads, the day its rules compare dates with, the area it checks for,
    and the release whose rules and messages checked it (`registry.release`: after a
    release the workbook is checked again). The part read is that of the area
    imported into, under its data version (`children.versions`: the latest audit
    entry of its children's records, of the children who moved out of it, and of the
    records of no child, such as districts and institutions; every change writes
    one, and ids only grow): a change in another district or region leaves it as it
    was. (A check whose workbook changes nothing names only children of its area:
    one outside it is a problem.)"""

    def only(values):
        return next(iter(values)) if values is not None and len(values) == 1 else None

    def ids(values):
        return None if values is None else sorted(values)

    district, region = only(scope.district_ids), only(scope.region_ids)
    if district is not None:
        version = area_version_parts(district=district)
    elif region is not None and scope.district_ids is None:
        version = area_version_parts(region=region)
    else:
        version = area_version_parts()
    return [
        version,
        timezone.localdate().isoformat(),
        ids(scope.district_ids),
        ids(scope.region_ids),
        scope.may_change_reference,
        scope.may_change_regions,
        code_version(),
    ]


def unchanged_import(kept: bytes, scope: ImportScope) -> ImportResult | None:
    """The import of rows whose check found nothing to write, confirmed while the
    area's part of the register is as the check read it (`register_mark`), on the same
    day and for the same area: the same check would find the same, so it is not run
    again and nothing is written (the check's outcome, `stored.with_outcome`). None
    otherwise: the rows are checked again. (A change whose transaction began before
    the check and committed after it may not be seen here: the import then keeps it,
    where a check again would have laid the workbook's value over it.)"""
    return repeated(stored.outcome_of(kept), scope, written=True)


def repeated(outcome: dict | None, scope: ImportScope, *, written: bool) -> ImportResult | None:
    """The result `outcome` (`outcome_of`) stands for, when the register's part it
    names is as it was then (`register_mark`); None otherwise. Its `recognised`: when
    the file was known (`recognised`), for an outcome that did not read it."""
    if outcome is None or outcome["register"] != register_mark(scope):
        return None
    known = outcome.get("recognised")
    return ImportResult(
        notices=[Problem(*note) for note in outcome["notices"]],
        counts=outcome["counts"],
        incomplete=outcome["incomplete"],
        written=written,
        looked_up=outcome["looked_up"],
        recognised=datetime.datetime.fromisoformat(known) if known else None,
    )


def check_read(read, *, scope: ImportScope, progress=None) -> ImportResult:
    """Check the rows `read` gives (see `check_tables`) without writing anything."""
    return _check(read, scope, progress)[1]


def _check(read, scope: ImportScope, progress) -> tuple[ImportContext, ImportResult]:
    with collector_paused():
        ctx = check_tables(read, scope, lock=False, progress=progress)
        return ctx, _result(ctx)


@service
def import_workbook(
    *,
    actor,
    source,
    scope: ImportScope,
    description: str = "",
    request=None,
    progress=None,
    kept: bytes | None = None,
) -> ImportResult:
    """Check the workbook and, when nothing is wrong, write all of it (audited as
    `actor`); when something is wrong, write nothing. `progress(phase=None, **counts)`,
    when given, hears of the rows read and checked (`check_tables`), then of the records
    written ("writing": `to_write`, `records_written`). `kept`: what the check of the
    same file kept (`ImportResult.kept`): the file is then not read again, and every
    check runs on those rows against the register as it is now (unless that check
    found nothing to write and its area is as it was: `unchanged_import`). The same
    file, imported or checked and found to change nothing under the same mark, is not
    read at all (`recognised`)."""
    digest = file_digest(source)
    unchanged = unchanged_import(kept, scope) if kept is not None else None
    if unchanged is None:
        known = recognised(digest, scope, written=True)
        unchanged = known[0] if known is not None else None
    if unchanged is not None:
        log_import(actor, scope, unchanged, description=description, request=request)
        return as_checked(unchanged, progress)
    with collector_paused():
        result = import_tables(
            actor=actor,
            read=WorkbookReader(source, kept=kept),
            scope=scope,
            description=description,
            request=request,
            progress=progress,
        )
    if result.written:  # the register's part now restates the file
        remember(digest, outcome_of(result, register_mark(scope), result.counts_once_written))
    return result


def import_tables(
    *, actor, read, scope: ImportScope, description: str, request=None, progress=None
) -> ImportResult:
    """The import of the rows `read` gives (see `check_tables`), inside the caller's
    service: checked, then, when nothing is wrong, written as `actor` and logged in
    the access log as `description`; when something is wrong, nothing is written."""
    progress = progress or _no_progress
    ctx = check_tables(read, scope, lock=True, progress=progress)
    if ctx.problems:
        return _result(ctx)
    writer = Writer(actor=actor, remote_addr=client_address(request))
    started = time.perf_counter()
    progress(
        "writing",
        to_write=sum(len(plan.changes) for plan in ctx.plans.values()),
        records_written=0,
    )
    written = 0
    try:
        with transaction.atomic():
            for sheet in SHEETS:
                sheet.write(ctx, writer)
                written += len(ctx.plan(sheet.name).changes) if sheet.name in ctx.plans else 0
                progress(records_written=written)
            writer.refresh_statistics()
            # Bulk writes send no signals: the visit schedule follows the placements
            # written, those whose visits were, and those of children whose birth
            # date changed, in bulk.
            placements = (
                writer.touched.get(Placement._meta.label, set()) | writer.placements_to_rebuild
            )
            if placements:
                rebuild_schedules(placements)
    except (IntegrityError, DataError):
        logger.warning("Workbook import refused by the database", exc_info=True)
        ctx.problems.file(
            _(
                "The register changed while the workbook was being imported, so nothing was "
                "written. Import it again."
            )
        )
        return _result(ctx)
    ctx.timings["write"] = time.perf_counter() - started
    result = _result(ctx, written=True, audit_entries=writer.audit.count)
    result.counts_once_written = {
        sheet.name: ctx.plan(sheet.name).counts_once_written()
        for sheet in SHEETS
        if ctx.tables[sheet.name].present
    }
    log_import(actor, scope, result, description=description, request=request)
    return result


def log_import(actor, scope: ImportScope, result: ImportResult, *, description: str, request):
    log_access(
        user=actor,
        action=AccessLog.Action.IMPORT,
        description=description,
        region_id=next(iter(scope.region_ids), None) if scope.region_ids else None,
        district_id=next(iter(scope.district_ids), None) if scope.district_ids else None,
        parameters={"scope": scope.label, "iins": result.looked_up, "counts": result.counts},
        request=request,
    )
