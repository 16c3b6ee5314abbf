# ServiceDesk. `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test install migrate messages compilemessages lint format clean bench

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
	$(PY) manage.py seed_demo
	./scripts/run_local.sh

test: install compilemessages
	$(PY) -m pytest $(PYTEST_ARGS)

# Refresh the catalogs after changing user-facing strings (needs GNU gettext).
# `make messages APP=vehicles` refreshes one app's catalogs only.
APP ?=
messages: install
ifneq ($(APP),)
	cd $(subst .,/,$(APP)) && DJANGO_SETTINGS_MODULE=servicedesk.settings.local $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete
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

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
