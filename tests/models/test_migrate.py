"""Migrations: empty to head, models agree with migrations, a newer database refused
without a byte changed, released schemas upgrade with their data intact."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from rugschool.config import sqlite_url
from rugschool.errors import DatabaseError, DatabaseTooNew, NotARugschoolDatabase
from rugschool.models import Base, migrate
from rugschool.models.migrate import (
    HEAD_REVISION,
    alembic_head,
    backup_before_upgrade,
    open_database,
    read_revision,
    sqlite_path,
    upgrade,
)
from rugschool.services.participants import ParticipantService

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def _files_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_head_constant_matches_alembic() -> None:
    assert alembic_head() == HEAD_REVISION


def test_a_new_database_is_created_and_stamped(db_url: str, tmp_path: Path) -> None:
    assert read_revision(db_url) is None
    opened = open_database(db_url, tmp_path / "backups")
    opened.database.close()
    assert opened.created
    assert read_revision(db_url) == HEAD_REVISION
    reopened = open_database(db_url, tmp_path / "backups")
    reopened.database.close()
    assert not reopened.created and reopened.upgraded_from is None


@pytest.mark.parametrize("how", ["migrations", "create_all"])
def test_models_and_migrations_agree(tmp_path: Path, how: str) -> None:
    url = sqlite_url(tmp_path / "x.sqlite3")
    if how == "migrations":
        upgrade(url)  # every migration script, from nothing
    else:
        open_database(url, tmp_path).database.close()
    engine = create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    url = sqlite_url(folder / "rugschool.sqlite3")
    open_database(url, tmp_path / "backups").database.close()
    with closing(sqlite3.connect(folder / "rugschool.sqlite3")) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _files_digest(folder)

    with pytest.raises(DatabaseTooNew, match="9999_from_the_future"):
        open_database(url, tmp_path / "backups")

    assert _files_digest(folder) == before  # same files, same bytes: no -wal or -shm either
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize(
    "content", [b"this is a letter, not a database" * 40, b"SQLite format 3\x00" + b"\xff" * 600]
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "rugschool.sqlite3"
    path.write_bytes(content)
    with pytest.raises(NotARugschoolDatabase):
        open_database(sqlite_url(path), tmp_path / "backups")
    assert path.read_bytes() == content


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(NotARugschoolDatabase, match="geen Rugschool-database"):
        open_database(sqlite_url(path), tmp_path / "backups")


@pytest.mark.sqlite_only(reason="the copy before an upgrade is made with SQLite's backup API")
def test_the_backup_before_an_upgrade_is_a_complete_copy(demo_db_url: str, tmp_path: Path) -> None:
    copy = backup_before_upgrade(demo_db_url, "0001_core", tmp_path / "backups")
    assert copy is not None and copy.parent == tmp_path / "backups"
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (10,)


@pytest.fixture
def demo_db_url(db_url: str, tmp_path: Path) -> str:
    from rugschool.services.demo import load_demo

    with open_database(db_url, tmp_path).database as db:
        load_demo(db)
    return db_url


@pytest.mark.parametrize("fixture", sorted(SCHEMAS.glob("*.sqlite3")), ids=lambda p: p.stem)
def test_every_released_schema_upgrades_with_its_data_intact(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    opened = open_database(sqlite_url(path), tmp_path / "backups")
    with opened.database as db:
        names = [[p.first_name, p.name_prefix, p.last_name] for p in ParticipantService(db).rows()]
    assert read_revision(sqlite_url(path)) == HEAD_REVISION
    assert names == expected["participants"]
    if fixture.stem != HEAD_REVISION:
        assert opened.backup is not None and opened.backup.exists()


def test_there_is_a_fixture_for_the_current_schema() -> None:
    # From the first release on, every released schema keeps a small database here.
    assert (SCHEMAS / f"{HEAD_REVISION}.sqlite3").exists()


def test_a_start_at_head_does_not_import_alembic(demo_db_url: str, tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; "
        "from rugschool.models.migrate import open_database; "
        f"open_database({demo_db_url!r}, Path({str(tmp_path)!r})).database.close(); "
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_failed_upgrade_puts_the_database_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(SCHEMAS / "0001_core.sqlite3", path)
    url = sqlite_url(path)

    def half_an_upgrade(target: str) -> None:
        with closing(sqlite3.connect(sqlite_path(target))) as conn:  # type: ignore[arg-type]
            conn.execute("CREATE TABLE closed_days (day DATE)")  # committed at once
        raise RuntimeError("the disk was pulled out")

    monkeypatch.setattr(migrate, "upgrade", half_an_upgrade)
    with pytest.raises(DatabaseError, match="terug zoals"):
        open_database(url, tmp_path / "backups")
    assert read_revision(url) == "0001_core"
    with closing(sqlite3.connect(path)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "closed_days" not in tables
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (10,)
    monkeypatch.undo()
    open_database(url, tmp_path / "backups").database.close()  # and it upgrades afterwards
    assert read_revision(url) == HEAD_REVISION


@pytest.mark.parametrize("how", ["created", "upgraded"])
def test_the_audit_log_refuses_changes_and_deletions(tmp_path: Path, how: str) -> None:
    path = tmp_path / "rugschool.sqlite3"
    if how == "upgraded":
        shutil.copy(SCHEMAS / "0006_measures.sqlite3", path)
    open_database(sqlite_url(path), tmp_path / "backups").database.close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "INSERT INTO audit_log (action, detail, participant_id) VALUES ('opened', '', 3)"
        )
        conn.commit()
        for statement in ("UPDATE audit_log SET participant_id = 4", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement)
        assert conn.execute("SELECT participant_id FROM audit_log").fetchall() == [(3,)]
