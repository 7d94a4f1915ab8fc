"""Shared fixtures: a real database in a temporary folder, the demo, the services."""

from __future__ import annotations

import os

# Qt runs offscreen in every test; set once, before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from rugschool.config import sqlite_url
from rugschool.i18n import current_language, set_language
from rugschool.models import Database
from rugschool.models.migrate import open_database
from rugschool.services.bundle import Services
from tests.demo_cache import install

load_demo = install()  # test modules that import load_demo after this get the cached one

settings.register_profile("rugschool", deadline=None)
settings.load_profile("rugschool")


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """Every test starts in Dutch, the default, and leaves the language as it found it."""
    before = current_language()
    set_language("nl")
    yield
    set_language(before)


# `make test-postgres` sets this to a throwaway server (tools/with_postgres.py): every test
# that asks for a database then gets a fresh PostgreSQL database instead of a SQLite file.
POSTGRES_SERVER = os.environ.get("RUGSCHOOL_TEST_POSTGRES_URL", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, what only SQLite has (files, its backup API, its pragmas) is skipped."""
    if not POSTGRES_SERVER:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is None:
            continue
        reason = marker.kwargs.get("reason", "")
        if not reason:  # each skip says what only SQLite has, so it still holds tomorrow
            raise pytest.UsageError(f"{item.nodeid}: sqlite_only needs reason=...")
        item.add_marker(pytest.mark.skip(reason=str(reason)))


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    if not POSTGRES_SERVER:
        yield sqlite_url(tmp_path / "rugschool.sqlite3")
        return
    from tests.postgres import fresh_database

    with fresh_database(POSTGRES_SERVER) as url:
        yield url


@pytest.fixture
def db(db_url: str, tmp_path: Path) -> Iterator[Database]:
    database = open_database(db_url, tmp_path / "backups").database
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    load_demo(db)
    return db


@pytest.fixture
def services(db: Database, tmp_path: Path) -> Services:
    return Services(db, tmp_path)


def clear_measures_and_tools(db: Database) -> None:
    """The demo without its measures and self-management tools: for tests that record their
    own from nothing."""
    from sqlalchemy import delete

    from rugschool.models import (
        ExposureItem,
        GradedActivityPlan,
        Measurement,
        PacingEntry,
        SmartGoal,
    )

    with db.transaction() as s:
        for model in (Measurement, SmartGoal, GradedActivityPlan, ExposureItem, PacingEntry):
            s.execute(delete(model))
