"""Writing files whole or not at all, and handing them to the print service."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from rugschool.errors import ExportError
from rugschool.export.output import remove_old_files, send_to_printer
from rugschool.writing import write_file


def test_a_file_is_written_whole_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = write_file(tmp_path / "a.pdf", b"%PDF-1.4 new")
    assert target.read_bytes() == b"%PDF-1.4 new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_a_file_that_cannot_be_replaced_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def locked(_src: object, _dst: object) -> None:
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match=r"a\.pdf"):
        write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_a_missing_or_read_only_folder_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ExportError, match="bestaat niet"):
        write_file(tmp_path / "nope" / "a.pdf", b"x")

    def read_only(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(ExportError, match="Read-only file system"):
        write_file(tmp_path / "a.pdf", b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match="No space left"):
        write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_printing_hands_the_file_to_the_print_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "printed.txt"
    fake = tmp_path / "lp"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n')
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake) if name == "lp" else None)
    document = write_file(tmp_path / "a.pdf", b"%PDF")
    send_to_printer(document)
    assert str(document) in log.read_text()


def test_no_print_service_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(ExportError, match="afdrukdienst"):
        send_to_printer(tmp_path / "a.pdf")


def test_a_refusing_printer_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "lp"
    fake.write_text('#!/bin/sh\necho "lp: The printer or class does not exist." >&2\nexit 1\n')
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake) if name == "lp" else None)
    with pytest.raises(ExportError, match="does not exist"):
        send_to_printer(tmp_path / "a.pdf")


def test_old_copies_are_removed_and_recent_ones_kept(tmp_path: Path) -> None:
    old, new = tmp_path / "old.pdf", tmp_path / "new.pdf"
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    long_ago = time.time() - 8 * 86400
    os.utime(old, (long_ago, long_ago))
    assert remove_old_files(tmp_path, 7) == 1
    assert not old.exists() and new.exists()
