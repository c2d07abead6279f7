"""The register workbook: import and export (`shared/spec/import-template.md`).

Modules:
- `spec`: how a sheet is declared (columns, key, phases); `values`, `terms`: reading
  a cell (dates, numbers, codes in any of the register's languages);
- `reader`, `xlsx`: the streaming reader (each sheet's XML once, compact rows);
- `sheets/`: one module per sheet, and `SHEETS`, their order;
- `importer`: `check_workbook` (dry run) and the `import_workbook` service;
  `stored`: the rows a check read, kept with the upload for the confirmed import;
  `context`, `writer`: the merged picture, and its bulk writes with their audit
  entries (through `registry.bulk` and `registry.audit_bulk`);
- `exporter`: `export_workbook`; `annotate`: the copy with bad cells marked;
- `scope`: what an import may change and an export may read.

A generated workbook for tests and the benchmark is development data
(`devdata/synthetic.py`).

Adding a sheet of a child's records is one module in `sheets/` and one line in
`sheets/__init__.py` (see `sheets/housing_rights.py`):

    class HousingRightsSheet(ChildRecordSheet):
        name = "HousingRights"
        model = HousingRight                       # child FK + the fields below
        key = ("iin", "start_date")                # the child and the record's date
        columns = (                                # order = the sheet's columns
            iin_column(),
            spec.code("kind", HousingKind, required=True),
            spec.text("address"),
            spec.date("start_date", required=True),
            spec.date("end_date"),
            spec.text("share_size", extra=True),   # beyond the template: round trip
        )

        def check(self, ctx, child, record, others):  # the app's pure rules
            return rules.housing_right_errors(..., today=ctx.today)

Columns map to model fields of the same name (`field=` to rename, `ref="district"`
for a column holding a district's or institution's code); `ChildRecordSheet` reads
the existing records of the children the workbook names in bulk, matches rows to
them by the key, writes creations and changes in bulk with their audit entries, and
exports the records ordered by child and date. Override `normalize` to make a record
consistent as the services do, `defaults` for fields the model needs but a list may
leave empty, `resolve`/`loaded` for a record that hangs on another record of the
child (a payment on its order, a visit on its placement, housing provided on the
queue entry it closes), `child_path` when the model reaches the child through it,
`audit_scope_of` when the record is filed under another district than the child's.
"""
