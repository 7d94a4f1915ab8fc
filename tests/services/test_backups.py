"""Backups with SQLite's backup API: checked, thinned, protected with a password, previewed
and restored, with the database as it was kept first."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from rugschool.models import Database
from rugschool.services.backups import MAGIC, BackupError, BackupService, problems
from rugschool.services.participants import ParticipantInput, ParticipantService
from tests.failures import snapshot

pytestmark = pytest.mark.sqlite_only(
    reason="SQLite's backup API; in clinic mode the server's administrator makes backups"
)


@pytest.fixture
def service(demo_db: Database, tmp_path: Path) -> BackupService:
    return BackupService(demo_db, tmp_path / "backups")


def test_a_backup_is_a_sound_copy_with_everything_in_it(service: BackupService) -> None:
    made = service.back_up()
    assert made.parent == service.folder and problems(made) == []
    preview = service.preview(made)
    assert (preview.participants, preview.groups, preview.sessions) == (10, 1, 18)
    assert not preview.encrypted


def test_a_password_protects_a_backup(service: BackupService, tmp_path: Path) -> None:
    stick = tmp_path / "usb" / "rugschool.backup"
    stick.parent.mkdir()
    service.back_up(stick, password="geheim")
    data = stick.read_bytes()
    assert data.startswith(MAGIC) and b"Vries" not in data and b"SQLite" not in data
    with pytest.raises(BackupError, match="wachtwoord"):
        service.preview(stick)
    with pytest.raises(BackupError, match="Verkeerd wachtwoord") as wrong:
        service.preview(stick, password="fout")
    assert "beschadigd" not in str(wrong.value)
    assert service.preview(stick, password="geheim").participants == 10

    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(data[:-200] + bytes(200))  # the end of the file overwritten
    with pytest.raises(BackupError, match="beschadigd") as broken:
        service.preview(damaged, password="geheim")
    assert "Verkeerd" not in str(broken.value)


def test_restoring_gives_back_exactly_what_was_backed_up(
    service: BackupService, demo_db: Database, tmp_path: Path
) -> None:
    backed_up = snapshot(demo_db)
    stick = service.back_up(tmp_path / "stick.backup", password="geheim")
    people = ParticipantService(demo_db)
    people.create(ParticipantInput("Nieuw", "Na de back-up"))
    people.update(1, replace(people.get(1).data, notes="gewijzigd na de back-up"))
    assert snapshot(demo_db) != backed_up
    service.restore(stick, password="geheim")
    assert snapshot(demo_db) == backed_up


def test_restore_brings_back_the_backup_and_keeps_what_was_there(
    service: BackupService, demo_db: Database
) -> None:
    made = service.back_up()
    people = ParticipantService(demo_db)
    people.create(ParticipantInput("Nieuw", "Na de back-up"))
    assert people.count() == 11
    safety = service.restore(made)
    assert people.count() == 10  # the app's own connections see the restored data
    assert service.preview(safety).participants == 11
    assert not Path(f"{service.path}-wal").exists() or service.check() == []
    assert service.check() == []


def test_something_that_is_not_a_backup_is_refused_and_nothing_changes(
    service: BackupService, tmp_path: Path, demo_db: Database
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(BackupError):
        service.restore(junk)
    assert ParticipantService(demo_db).count() == 10
    assert not any(p.name.startswith("before-restore") for p in service.folder.glob("*"))


def test_automatic_backups_once_a_day_and_thinned(service: BackupService) -> None:
    start = dt.datetime(2026, 1, 1, 9, 0)
    for day in range(40):
        service.automatic(start + dt.timedelta(days=day))
        assert service.automatic(start + dt.timedelta(days=day, hours=2)) is None  # not due
    kept = service.automatic_backups()
    assert 7 <= len(kept) <= 7 + 4 + 12
    newest = max(b.made_at for b in kept)
    assert newest == start + dt.timedelta(days=39)
    closing = service.automatic(start + dt.timedelta(days=39, hours=3), force=True)
    assert closing is not None and closing.exists()


def test_the_check_finds_damage(service: BackupService) -> None:
    assert service.check() == []
    damaged = service.folder / "damaged.sqlite3"
    service.folder.mkdir(parents=True, exist_ok=True)
    made = service.back_up()
    data = bytearray(made.read_bytes())
    data[4096 : 4096 + 512] = b"\xff" * 512  # overwrite part of the second page
    damaged.write_bytes(bytes(data))
    assert problems(damaged) != []


def _damage(path: Path) -> bytes:
    """Overwrites the file's header: SQLite can no longer read it."""
    data = bytearray(path.read_bytes())
    data[0:100] = b"\x00" * 100
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_database_is_refused_untouched_and_recovered_from_the_newest_good_backup(
    service: BackupService, tmp_path: Path, demo_db: Database
) -> None:
    from rugschool.config import sqlite_url
    from rugschool.errors import DatabaseDamaged
    from rugschool.models.migrate import open_database
    from rugschool.services.backups import newest_good_backup, recover_from_backup

    good = service.automatic(dt.datetime(2026, 11, 24, 9, 0))
    newer = service.automatic(dt.datetime(2026, 11, 25, 9, 0))
    assert good is not None and newer is not None
    _damage(newer)  # the newest backup is bad: the one before is offered
    assert newest_good_backup(service.folder) == good
    demo_db.close()
    damaged = _damage(service.path)
    with pytest.raises(DatabaseDamaged):
        open_database(sqlite_url(service.path), service.folder)
    assert service.path.read_bytes() == damaged  # never overwritten
    aside = recover_from_backup(service.path, good)
    assert aside.read_bytes() == damaged  # kept beside it, not deleted
    reopened = open_database(sqlite_url(service.path), service.folder).database
    try:
        assert ParticipantService(reopened).count() == 10
    finally:
        reopened.close()


def test_the_practices_interval_and_a_second_folder(service: BackupService, tmp_path: Path) -> None:
    start = dt.datetime(2026, 1, 1, 9, 0)
    second = tmp_path / "nas"
    made = service.automatic(start, every_days=3, copy_to=second)
    assert made is not None and (second / made.name).read_bytes() == made.read_bytes()
    assert service.automatic(start + dt.timedelta(days=2), every_days=3) is None
    assert service.automatic(start + dt.timedelta(days=3), every_days=3) is not None
    # 0: never at start, only when the app closes.
    assert service.automatic(start + dt.timedelta(days=30), every_days=0) is None
    assert service.automatic(start + dt.timedelta(days=30), every_days=0, force=True) is not None


def test_a_second_folder_that_cannot_be_written_says_so_and_keeps_the_backup(
    service: BackupService, tmp_path: Path
) -> None:
    blocked = tmp_path / "geen-map"
    blocked.write_text("een bestand, geen map", encoding="utf-8")
    with pytest.raises(BackupError, match="niet worden gekopieerd"):
        service.automatic(dt.datetime(2026, 1, 1, 9), copy_to=blocked)
    assert len(service.automatic_backups()) == 1
