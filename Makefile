# ServiceDesk. `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test install migrate messages compilemessages lint format clean bench backup restore

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

compilemessages: install
	$(PY) scripts/compile_messages.py

migrate: install
	$(PY) manage.py migrate --noinput

run: install compilemessages migrate
	$(PY) manage.py seed_demo --no-logins
	./scripts/run_local.sh

test: install compilemessages
	$(PY) -m pytest $(PYTEST_ARGS)

# Backups: the database (pg_dump, or SQLite's online backup) and the uploaded files in one
# archive under var/backups/ (BACKUP_DIR=… to choose). `make restore ARCHIVE=…` puts them back.
BACKUP_DIR ?= var/backups
backup: install
	$(PY) manage.py backup --dest $(BACKUP_DIR)

restore: install
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=var/backups/servicedesk-….tar.gz"; exit 2; }
	$(PY) manage.py restore --yes $(ARCHIVE)

# Refresh the catalogs after changing user-facing strings (needs GNU gettext).
# `make messages APP=vehicles` refreshes one app's catalogs only.
APP ?=
messages: install
ifneq ($(APP),)
	test -d $(subst .,/,$(APP))/locale || { echo "$(APP) has no locale/ folder of its own: mkdir $(subst .,/,$(APP))/locale first"; exit 2; }
	cd $(subst .,/,$(APP)) && DJANGO_SETTINGS_MODULE=servicedesk.settings.catalogs $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete
	$(PY) scripts/fill_english.py
else
	$(PY) manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete -i ".venv/*" -i "staticfiles/*" -i "tests/*" -i "bench/*"
	$(PY) scripts/fill_english.py
endif

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# The benchmark (docs/benchmark.md): needs DATABASE_URL (PostgreSQL) and REDIS_URL.
# `make bench SCALE=1` seeds a million work orders first; BENCH_ARGS=--no-seed reuses the data.
SCALE ?= 0.1
BENCH_SECONDS ?= 20
BENCH_ARGS ?=
bench: install compilemessages
	$(PY) bench/run.py --scale $(SCALE) --seconds $(BENCH_SECONDS) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
