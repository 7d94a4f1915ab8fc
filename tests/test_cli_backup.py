"""`rugschool backup`, `restore` and `check`: act or refuse with one line, never prompt."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from rugschool.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_check_and_restore_with_a_password_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    assert run(capsys, "--data-dir", data, "demo")[0] == 0
    password = tmp_path / "password.txt"
    password.write_text("geheim\n", encoding="utf-8")
    stick = tmp_path / "stick.backup"
    code, out, _ = run(
        capsys, "--data-dir", data, "backup", "--out", str(stick), "--password-file", str(password)
    )
    assert code == 0 and str(stick) in out
    code, out, _ = run(capsys, "--data-dir", data, "check")
    assert code == 0 and out.strip()
    with closing(sqlite3.connect(tmp_path / "data" / "rugschool.sqlite3")) as conn:
        # Without foreign keys on, as a damaged file would be: rows left pointing nowhere.
        conn.execute("DELETE FROM participants WHERE id = 1")
        conn.commit()
    code, _, err = run(capsys, "--data-dir", data, "check")
    assert code == 11 and err.count("\n") == 1  # the damage is found
    code, _, err = run(capsys, "--data-dir", data, "restore", str(stick))
    assert code != 0 and err.count("\n") == 1  # no password: refused, nothing changed
    code, out, _ = run(
        capsys, "--data-dir", data, "restore", str(stick), "--password-file", str(password)
    )
    assert code == 0 and "10" in out
    with closing(sqlite3.connect(tmp_path / "data" / "rugschool.sqlite3")) as conn:
        assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 10
    assert run(capsys, "--data-dir", data, "check")[0] == 0
    kept = list((tmp_path / "data" / "backups").glob("before-restore-*"))
    assert len(kept) == 1  # the damaged state was kept, not thrown away
