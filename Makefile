# make run   - create .venv if missing, install, start the app on the default local database
# make test  - create .venv if missing, install, lint, type-check, check layers, run the tests
# make dist  - the app as one folder with PyInstaller (dist/rugschool), on this platform
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PO_FILES := $(wildcard resources/locale/*/LC_MESSAGES/rugschool.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: test-postgres run test lint typecheck layers pytest catalogs extract-messages bench migration clean dist

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

# The bundle: PyInstaller and its hooks (the `build` extra) on top of the usual install.
# rugschool.spec compiles the catalogues and trims Qt and ICU itself (on Linux it needs
# binutils). Its self-test: dist/rugschool/rugschool --self-test
BUILD_STAMP := $(VENV)/.build-installed-stamp

$(BUILD_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt --config-settings editable_mode=compat -e '.[dev,build]'
	touch $(BUILD_STAMP)

dist: $(BUILD_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build rugschool.spec
	du -sh dist/rugschool

# Every benchmark on a practice with ten years of data (built once per schema revision into
# bench/.cache/); the figures go to docs/BENCHMARKS.md. Not part of `make test`.
bench: $(STAMP) $(MO_FILES)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
