"""Development data: what a developer or the benchmark loads, never a deployment.

- `demo/`: the demo region's records, made through the services officers use
  (`manage.py load_demo`, which `make run` calls);
- `generator`: a synthetic register of any size, written in bulk, for the benchmark
  (`manage.py generate_register`, which `bench/run.py` calls);
- `synthetic`: a synthetic register workbook, for the import benchmark
  (`bench/import_benchmark.py`) and the tests;
- `names`: the names, patronymics and streets they all draw from.

`registry/settings.py` installs this app (and with it the two commands) only with
`DEBUG` on or `DEVELOPMENT_DATA=1` (the benchmark sets it), and the test settings;
production, `DEBUG` off, does not load it. Nothing outside it imports it, but the
tests and the benchmark.
"""
