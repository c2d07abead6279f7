"""The endpoints of /api/v1/ that read and write a child's records, in the workbook
template's words (`exchange.api`): the children's documents page by page, the rows of
one kind of record, the change feed, and records sent to be imported."""

from __future__ import annotations

import dataclasses
import datetime
import json

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.exceptions import NotFound

from api import pagination
from api.problems import InvalidInput
from api.schema import COMMON_PROBLEMS, PAGE_PARAMETERS, page_of, problems
from api.serializers import ChangesBody, ChildDocument, RecordsSent, WriteBody, record_row
from api.views.base import ApiView
from exchange.api import changes, check_records, children_page, cursor_at, import_records
from exchange.api.documents import RECORD_SHEETS, child_documents
from exchange.workbook.scope import ExportScope, ImportScope
from registry.access import districts_visible_to
from registry.replica import figures_db

CHILD_PAGE_PARAMETERS = [
    PAGE_PARAMETERS[0],
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1},
        description="Children per page: 100 unless given, at most 1000 (settings "
        "API_PAGE_SIZE, API_PAGE_MAX; a larger limit gives the most).",
    ),
]
DISTRICT_PARAMETER = OpenApiParameter(
    "district",
    str,
    description="A district code of the caller's area: its children only (404 outside the "
    "area). A district's token: its own district only.",
)


LARGEST_ID = 2**63 - 1  # the largest id (and cursor) the databases hold


class TooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The body is larger than this server takes.")
    default_code = "too_large"


class RecordsRefused(InvalidInput):
    """Records that the import refuses: 422, with the workbook's problems in `errors`."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = gettext_lazy("The records were refused; nothing was written.")
    default_code = "records_refused"


class RecordsView(ApiView):
    """An endpoint reading children's documents of the caller's area."""

    def area(self, request) -> ExportScope:
        """The caller's area (ExportScope.for_user), or the district `?district=`
        names, which must be one the caller reads (else 404)."""
        code = request.query_params.get("district", "")
        if code == "":
            return ExportScope.for_user(request.user)
        district = districts_visible_to(request.user).filter(code=code).first()
        if district is None:
            raise NotFound(_("No district with this code in your area."))
        return ExportScope.of_district(district)

    def after(self) -> int | None:
        """The id of the last child of the page before (a signed cursor), or None."""
        after = pagination.cursor_key(self.request, self.name)
        if after is not None and not isinstance(after, int):
            raise InvalidInput([{"field": "cursor", "message": _("Invalid cursor.")}])
        return after

    def documents_page(self, scope: ExportScope, sheets=None):
        """The page of documents the call asks for, and the URL of the next (None on
        the last). The limit counts children."""
        limit = pagination.page_limit(self.request)
        documents, last = children_page(
            scope, after=self.after(), limit=limit, using=figures_db(), sheets=sheets
        )
        next_url = None
        if last is not None:
            next_url = pagination.next_page_url(self.request, self.name, last, limit)
        return documents, next_url


class ChildList(RecordsView):
    name = "children"

    @extend_schema(
        operation_id="children",
        parameters=[*CHILD_PAGE_PARAMETERS, DISTRICT_PARAMETER],
        responses={
            200: page_of("ChildPage", ChildDocument),
            **COMMON_PROBLEMS,
            **problems(_404="A district outside the caller's area."),
        },
        tags=["records"],
    )
    def get(self, request):
        """The children of the caller's area (a district's token: its district; the
        region's: the region, or one district of it with `district=CODE`), each as
        its document: its `id` in the register (which never changes: key a copy by
        it), its row of the workbook's Children sheet, and one list per sheet of a
        child's records holding its rows, as the workbook export writes them. By id:
        a page continues after the last child of the one before, so children
        registered meanwhile are not skipped. `limit` counts children. A consumer
        reads these pages once, then follows /api/v1/changes, first with
        `since=<the day it read them>`, then with the cursors it answers."""
        documents, next_url = self.documents_page(self.area(request))
        return self.answer({"results": documents, "next": next_url}, records=len(documents))


class ChildDetail(RecordsView):
    name = "child"

    @extend_schema(
        operation_id="child",
        responses={
            200: ChildDocument,
            **COMMON_PROBLEMS,
            **problems(_404="No child with this id in the caller's area."),
        },
        tags=["records"],
    )
    def get(self, request, pk: int):
        """One child's document (as in /api/v1/children) by its id. A child of
        another area, or no child with this id: 404."""
        if pk > LARGEST_ID:  # no such id, and too large for the database's integers
            raise NotFound(_("No child with this id in your area."))
        scope = ExportScope.for_user(request.user)
        document = child_documents(scope, Q(pk=pk), using=figures_db()).get(pk)
        if document is None:
            raise NotFound(_("No child with this id in your area."))
        return self.answer(document)


class SheetRows(RecordsView):
    """The rows of one sheet of a child's records (`sheet`), children by children."""

    sheet = None  # a ChildRecordSheet

    def get(self, request):
        sheet = self.sheet
        scope = self.area(request)
        # The children that have rows of this kind (none else would fill a page).
        having = sheet.model.objects.values(sheet.child_path)
        scope = dataclasses.replace(scope, children=scope.children & Q(pk__in=having))
        documents, next_url = self.documents_page(scope, sheets=[sheet.name])
        rows = [
            {"child_id": document["id"], **row}
            for document in documents
            for row in document[sheet.name]
        ]
        return self.answer({"results": rows, "next": next_url}, records=len(rows))


def sheet_rows_view(sheet) -> type[SheetRows]:
    """The endpoint of one sheet of a child's records: GET /api/v1/records/<Sheet>."""

    def get(self, request):
        return SheetRows.get(self, request)

    get.__doc__ = (
        f"The rows of the workbook's {sheet.name} sheet for the children of the caller's "
        "area (or of one district of it, `district=CODE`), with the columns, codes and "
        "keys of the template, each with `child_id`, the child's id in the register "
        "(`iin` is the child's key in the workbook). Children come by pages in the order "
        "of their ids, each with all its rows; `limit` counts children, so a page holds "
        "at least as many rows as children. Only children with such rows are counted."
    )
    decorated = extend_schema(
        operation_id=f"records_{sheet.name}",
        parameters=[*CHILD_PAGE_PARAMETERS, DISTRICT_PARAMETER],
        responses={
            200: page_of(f"{sheet.name}Page", record_row(sheet, with_child=True)),
            **COMMON_PROBLEMS,
            **problems(_404="A district outside the caller's area."),
        },
        tags=["records"],
    )(get)
    return type(
        f"{sheet.name}Rows",
        (SheetRows,),
        {
            "name": f"records/{sheet.name}",
            "sheet": sheet,
            "get": decorated,
            "__module__": __name__,
            "__doc__": get.__doc__,
        },
    )


SHEET_VIEWS = {sheet.name: sheet_rows_view(sheet) for sheet in RECORD_SHEETS}


EARLIEST = datetime.date(1900, 1, 1)


class Changes(ApiView):
    name = "changes"

    @extend_schema(
        operation_id="changes",
        parameters=[
            OpenApiParameter(
                "cursor",
                {"type": "integer", "minimum": 0},
                description="The `cursor` of the answer before (0, or none, from the start). "
                "A plain number: store it with the copy, and ask with it next time.",
            ),
            OpenApiParameter(
                "since",
                OpenApiTypes.DATE,
                description="Instead of a cursor: the changes from this day on (YYYY-MM-DD, "
                "the register's time zone); perhaps a few from just before.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1},
                description="Children per answer: 100 unless given, at most 1000.",
            ),
        ],
        responses={200: ChangesBody, **COMMON_PROBLEMS},
        tags=["records"],
    )
    def get(self, request):
        """The children of the caller's area changed after the cursor, each once, in
        the order of its last change: `upsert` with its document (replace your copy
        of the child with this `id`), or `remove` for a child that left the area (its
        case transferred out of it, or merged into another record). Ask again with
        the answer's `cursor` until `results` is empty: the copy then holds exactly
        the area's children. The cursor is a plain number (the audit trail's order):
        a consumer stores it. The feed serves settled changes only: those at least
        API_FEED_SETTLE_SECONDS old (5 unless set) and none made after the start of
        a write still going on, so that a change committed late is never behind a
        cursor already served; a change shows a few seconds after it is made."""
        limit = pagination.page_limit(request)
        cursor = self.int_parameter("cursor", low=0, high=LARGEST_ID)
        since = request.query_params.get("since", "")
        if since != "":
            if cursor is not None:
                raise InvalidInput(
                    [{"field": "since", "message": _("Give a cursor or a date, not both.")}]
                )
            cursor = cursor_at(self.start_of(since))
        items, cursor = changes(request.user, after=cursor or 0, limit=limit)
        return self.answer({"results": items, "cursor": cursor}, records=len(items))

    @staticmethod
    def start_of(raw: str) -> datetime.datetime:
        try:
            day = datetime.date.fromisoformat(raw)
            if len(raw) != 10:
                raise ValueError
        except ValueError:
            raise InvalidInput(
                [{"field": "since", "message": _("Give a date as YYYY-MM-DD.")}]
            ) from None
        # A day before the register's time is its start (and the year 1 has no UTC
        # moment in a time zone east of it).
        day = max(day, EARLIEST)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


DRY_RUN = {"": False, "false": False, "0": False, "true": True, "1": True}


class RecordsWrite(ApiView):
    name = "records"

    @extend_schema(
        operation_id="records_write",
        parameters=[
            OpenApiParameter(
                "dry_run",
                {"type": "boolean"},
                description="true: check the records and answer what they would change, "
                "writing nothing.",
            )
        ],
        request={"application/json": RecordsSent},
        responses={
            200: WriteBody,
            **COMMON_PROBLEMS,
            **problems(
                _403="A region's token, or an account that may not write: only a district's "
                "token writes, its district's children.",
                _413="The body is larger than API_MAX_BODY_BYTES.",
                _415="The body is not sent as application/json.",
                _422="The records were refused, nothing was written: `errors` names the sheet, "
                "the row (its place in the sheet's list, from 1) and the column of each "
                "problem, in the language of Accept-Language.",
            ),
        },
        tags=["records"],
    )
    def post(self, request):
        """Import records into the caller's district (a district's token only), as a
        workbook of the same rows is imported: an object whose keys are the template's
        sheet names (Children, Statuses, …) and whose values are lists of rows, each an
        object of that sheet's columns. The same keys match (a child by its IIN, a
        record by the child and its date, …), the same rules and messages apply, and
        it is all or nothing. Safe to retry: records sent again match what the first
        call wrote and change nothing (`unchanged`, no audit entries). Answers the
        records created, updated and unchanged per sheet; `dry_run=true` answers the
        same without writing. Refused records: 422, nothing written."""
        dry_run = DRY_RUN.get(request.query_params.get("dry_run", "").lower())
        if dry_run is None:
            raise InvalidInput([{"field": "dry_run", "message": _("Give true or false.")}])
        payload = self.payload(request)
        scope = ImportScope.for_user(request.user)
        if dry_run:
            result = check_records(
                user=request.user, payload=payload, scope=scope, request=request._request
            )
        else:
            result = import_records(
                actor=request.user, payload=payload, scope=scope, request=request._request
            )
        if result.problems:
            raise RecordsRefused([problem_item(problem) for problem in result.problems])
        records = sum(sum(counts.values()) for counts in result.counts.values())
        return self.answer(
            {
                "written": result.written,
                "dry_run": dry_run,
                "counts": result.counts,
                "incomplete": result.incomplete,
            },
            records=records,
        )

    def payload(self, request):
        """The body as JSON, at most API_MAX_BODY_BYTES (413 past it; 400 when it is
        not JSON in UTF-8)."""
        if request.content_type.split(";")[0].strip().lower() != "application/json":
            raise exceptions.UnsupportedMediaType(request.content_type)
        limit = settings.API_MAX_BODY_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise TooLarge
        # Read from the stream, not request.body, whose own bound
        # (DATA_UPLOAD_MAX_MEMORY_SIZE) is smaller than a district's records.
        body = request._request.read(limit + 1)
        if len(body) > limit:
            raise TooLarge
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise exceptions.ParseError(_("The body is not JSON in UTF-8.")) from None


def problem_item(problem) -> dict:
    """A problem of the import as an item of `errors`: the sheet, row and column it
    is about, where it has them, and its message."""
    item = {"message": problem.message}
    if problem.sheet:
        item["sheet"] = problem.sheet
    if problem.row is not None:
        item["row"] = problem.row
    if problem.column:
        item["column"] = problem.column
    return item
