# make run   - create .venv if missing, install, start the app on the default local database
# make test  - create .venv if missing, install, lint, type-check, check layers, run the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PO_FILES := $(wildcard resources/locale/*/LC_MESSAGES/rugschool.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: test-postgres run test lint typecheck layers pytest catalogs extract-messages bench migration clean

run: $(STAMP) $(MO_FILES)
	$(BIN)/rugschool

test: lint typecheck layers pytest

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt --config-settings editable_mode=compat -e '.[dev]'
	touch $(STAMP)

# Compiled translation catalogues are build output, made from the committed .po files.
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -D rugschool -i $< -o $@
	test -s $@

catalogs: $(MO_FILES)

lint: $(STAMP)
	$(BIN)/ruff check rugschool tests bench tools
	$(BIN)/ruff format --check rugschool tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP) $(MO_FILES)
	$(BIN)/pytest -q

# The models, services, migrations and commands against a throwaway PostgreSQL server
# (Debian's postgresql packages); the UI tests stay on SQLite.
PG_TESTS = tests/models tests/services tests/test_cli.py tests/test_cli_export.py tests/test_cli_privacy.py tests/test_cli_group.py
test-postgres: $(STAMP) $(MO_FILES)
	$(BIN)/python tools/with_postgres.py -- $(BIN)/pytest -q $(PG_TESTS)

# Refresh the message template and merge new strings into the catalogues.
extract-messages: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output -k _ -k N_ -k ngettext:1,2 \
		-o resources/locale/rugschool.pot rugschool
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -D rugschool -i resources/locale/rugschool.pot -d resources/locale

migration: $(STAMP)
	$(BIN)/python tools/new_migration.py "$(NAME)" "$(MSG)"

bench: $(STAMP) $(MO_FILES)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup.py
	$(BIN)/python bench/recording.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
