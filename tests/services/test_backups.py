"""Backups with SQLite's backup API: checked, thinned, protected with a password, previewed
and restored, with the database as it was kept first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rugschool.models import Database
from rugschool.services.backups import MAGIC, BackupError, BackupService, problems
from rugschool.services.participants import ParticipantInput, ParticipantService


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
    with pytest.raises(BackupError):
        service.preview(stick, password="fout")
    assert service.preview(stick, password="geheim").participants == 10


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
