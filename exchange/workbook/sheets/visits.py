"""The Visits sheet: monitoring visits to children in receiving families, by
(iin, date): one visit per child and day.

A visit belongs to the child's placement in force on its date (Placements sheet or
the register), which must be a receiving family (guardianship, trusteeship,
patronage, foster family, adoption). `outcome` is the visit's conclusion
(`satisfactory`, `concerns`, `danger`); beyond the template: `visited_by` and the
findings (`living_conditions`, `upbringing`, `health`, `schooling`), and the visit's
first follow-up action (`action_description`, `action_due_date`,
`action_responsible`, `action_done_on`, `action_result`), which a visit that finds
the child in danger needs, as the care service asks.

Defaults of a district's list that does not say, written back by the export:
`kind` planned, `outcome` satisfactory, `visited_by` "—" (not stated). An empty
action cell keeps what the register holds (an action is never removed).

Writing visits changes which due visits they fulfil: the schedules of their
placements are rebuilt after the import (`importer`, with the care app's
`rebuild_schedules`).
"""

from __future__ import annotations

from collections import deque

from django.utils.translation import gettext as _

from care import rules
from care.models import Conclusion, FollowUpAction, MonitoringVisit, VisitKind
from children.models import CARER_FORMS, Placement
from exchange.workbook import spec
from exchange.workbook.context import among
from exchange.workbook.sheets.placements import PlacementsSheet
from exchange.workbook.sheets.records import NOT_STATED, ChildRecordSheet, iin_column
from registry.bulk import instances_of
from registry.records.rules import fmt

PLACEMENTS = PlacementsSheet.name
FINDINGS = ("living_conditions", "upbringing", "health", "schooling")
ACTION = ("description", "due_date", "responsible", "done_on", "result")
ACTION_FIELDS = tuple(f"action_{field}" for field in ACTION)
make_placement = instances_of(Placement)


class VisitsSheet(ChildRecordSheet):
    name = "Visits"
    model = MonitoringVisit
    key = ("iin", "date")
    columns = (
        iin_column(),
        spec.date("date", required=True),
        spec.code("kind", VisitKind),
        spec.code("outcome", Conclusion, field="conclusion"),
        spec.text("visited_by", extra=True),
        *(spec.text(field, extra=True) for field in FINDINGS),
        spec.text("action_description", extra=True),
        spec.date("action_due_date", extra=True),
        spec.text("action_responsible", extra=True),
        spec.date("action_done_on", extra=True),
        spec.text("action_result", extra=True),
    )
    defaults = {
        "kind": VisitKind.PLANNED,
        "conclusion": Conclusion.SATISFACTORY,
        "visited_by": NOT_STATED,
    }
    keep_when_empty = ACTION_FIELDS
    # the Placements record it belongs to; its first follow-up action's id and version
    record_slots = ("placement", "action_pk", "action_version")
    other_fields = ACTION_FIELDS
    extra_lookups = ("placement_id",)

    def _max_lengths(self) -> dict[str, int]:
        lengths = super()._max_lengths()
        for field in ("description", "responsible", "result"):
            length = FollowUpAction._meta.get_field(field).max_length
            if length:
                lengths[f"action_{field}"] = length
        return lengths

    def column_label(self, column: spec.Column) -> str:
        # The follow-up action's columns are the action's fields.
        if column.name in ACTION_FIELDS:
            field = column.name.removeprefix("action_")
            return str(FollowUpAction._meta.get_field(field).verbose_name)
        return super().column_label(column)

    def gap_code(self, what: str) -> str:
        # What a follow-up action does not state is the action's gap, not the visit's.
        return "followupaction.action" if what == "action" else super().gap_code(what)

    def duplicate_message(self, row_number: int) -> str:
        return _(
            "This row repeats row %(row)s: the same child and date. A child is visited once "
            "a day: give each visit its own date."
        ) % {"row": row_number}

    # --- reading ----------------------------------------------------------------------
    def prepare(self, ctx, table) -> None:
        super().prepare(ctx, table)
        visits = {
            record.pk: record
            for child in ctx.children.by_pk().values()
            for record in child.records.get(self.name, [])
        }
        if not visits:
            return
        actions = (
            ctx.locked(FollowUpAction.objects.filter(visit_id__in=among(visits)))
            .order_by("visit_id", "pk")
            .values_list("visit_id", "pk", "version", *ACTION)
        )
        for visit_id, pk, version, *action in actions:
            record = visits[visit_id]
            if record.action_pk is None:  # the first action of the visit
                record.action_pk, record.action_version = pk, version
                for field, value in zip(ACTION_FIELDS, action, strict=True):
                    setattr(record, field, value)

    def loaded(self, ctx, child, record, extra) -> None:
        (placement_id,) = extra
        placements = child.records.get(PLACEMENTS, [])
        record.placement = next((p for p in placements if p.pk == placement_id), None)

    def resolve(self, ctx, child, row) -> dict | None:
        if child.broken:  # its placements may be missing: its problems are reported
            return None
        day = row.date
        placement = next(
            (
                p
                for p in child.records.get(PLACEMENTS, [])
                if p.form in CARER_FORMS
                and p.start_date <= day
                and (p.end_date is None or day < p.end_date)
            ),
            None,
        )
        if placement is None:
            ctx.error(
                self.name,
                row.number,
                "date",
                _(
                    "On %(date)s the child was not placed in a receiving family: a visit "
                    "belongs to the family placement in force on its date."
                )
                % {"date": fmt(day)},
            )
            return None
        return {"placement": placement}

    def check(self, ctx, child, record, others):
        placement = record.placement
        errors = rules.visit_errors(
            date=record.date,
            placement_form=placement.form,
            placement_start=placement.start_date,
            placement_end=placement.end_date,
            today=ctx.today,
        )
        action = {field: getattr(record, f"action_{field}") for field in ACTION}
        described = any(str(value or "").strip() for value in action.values())
        errors += rules.danger_errors(conclusion=record.conclusion, has_action=described)
        if described:
            errors += rules.action_errors(
                visit_date=record.date,
                description=action["description"] or "",
                due_date=action["due_date"],
                responsible=action["responsible"] or "",
                done_on=action["done_on"],
                result=action["result"] or "",
                today=ctx.today,
                prefix="action_",
            )
        return errors

    # --- writing ----------------------------------------------------------------------
    @staticmethod
    def placement_instance(placement) -> Placement | None:
        """The placement as the visit refers to it (named in the audit trail)."""
        if placement is None:
            return None
        return make_placement(
            {
                "id": placement.pk,
                "form": placement.form,
                "carer_name": placement.carer_name,
                "start_date": placement.start_date,
            }
        )

    def instance(self, ctx, child, record):
        instance = super().instance(ctx, child, record)
        instance.placement = self.placement_instance(record.placement)
        return instance

    def old_values(self, ctx, old: dict) -> dict:
        result = super().old_values(ctx, old)
        if "placement" in old:
            result["placement"] = self.placement_instance(old["placement"])
        return result

    def write(self, ctx, writer) -> None:
        super().write(ctx, writer)
        plan = ctx.plans.get(self.name)
        if plan is None:
            return
        for change in plan.changes:
            record = change.record[1]
            writer.placements_to_rebuild.add(record.placement.pk)
            if change.old and change.old.get("placement") is not None:
                writer.placements_to_rebuild.add(change.old["placement"].pk)
        self.write_actions(ctx, writer, plan)

    def write_actions(self, ctx, writer, plan) -> None:
        """The first follow-up action of each visit written: added, or corrected."""
        created, updated, fields = [], [], set()
        pending = deque()
        for change in plan.changes:
            child, record = change.record
            if not any(str(getattr(record, field) or "").strip() for field in ACTION_FIELDS):
                continue
            changed = {
                field: value
                for field, value in (change.old or {}).items()
                if field in ACTION_FIELDS
            }
            if record.action_pk is not None and not changed:
                continue
            action = self.action_instance(child, record)
            if record.action_pk is None:
                created.append(action)
                pending.append(record)
            else:
                old = {field.removeprefix("action_"): value for field, value in changed.items()}
                updated.append((action, old))
                fields.update(old)

        def scope(action):
            return ctx.children.scope_of(action.visit.child_id)

        def saved(batch):
            for action in batch:
                pending.popleft().action_pk = action.pk

        writer.update(FollowUpAction, updated, fields, scope)
        writer.create(FollowUpAction, created, scope, saved=saved)

    @staticmethod
    def action_instance(child, record) -> FollowUpAction:
        visit = MonitoringVisit(
            pk=record.pk, child_id=child.pk, date=record.date, conclusion=record.conclusion
        )
        action = FollowUpAction(
            visit=visit, **{field: getattr(record, f"action_{field}") for field in ACTION}
        )
        for field in ("description", "responsible", "result"):
            setattr(action, field, getattr(action, field) or "")
        if record.action_pk is not None:
            action.pk, action.version = record.action_pk, record.action_version
        return action

    # --- export -------------------------------------------------------------------------
    def export_rows(self, export):
        first_actions = {}
        actions = (
            export.read(FollowUpAction)
            .filter(visit__child__in=export.children())
            .order_by("visit_id", "-pk")
            .values_list("visit_id", *ACTION)
        )
        for visit_id, *action in actions.iterator(chunk_size=2000):
            first_actions[visit_id] = action  # the lowest id comes last and stays
        empty = [None] * len(ACTION)
        rows = (
            export.read(MonitoringVisit)
            .filter(child__in=export.children())
            .order_by("child_id", "date", "pk")
            .values_list("pk", "child_id", *self.lookups())
        )
        for pk, child_id, *rest in rows.iterator(chunk_size=2000):
            yield (export.child_key(child_id), *rest, *first_actions.get(pk, empty))
