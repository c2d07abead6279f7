# The two commands of a fresh machine: `make run` and `make test`.
# Both create the virtual environment, install the pinned requirements and compile
# the translation catalogues first.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed

.PHONY: setup run test lint format bench clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

setup: $(STAMP)
	DEBUG=1 $(PY) manage.py compile_translations

run: setup
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The benchmark suite (bench/README.md): `make bench` (10,000 children) or
# `make bench SIZE=100000`, on DATABASE_URL's server (SQLite file when unset).
SIZE ?= 10000
bench: setup
	$(PY) bench/run.py --children $(SIZE) --load --import

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
