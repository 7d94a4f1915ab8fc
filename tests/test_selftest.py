"""`rugschool --self-test`, run in this process: it passes on a working installation, and
a missing piece makes it fail with a reason (the bundle's self-test in .ci/run relies on
both)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from rugschool import cli, paths, selftest
from rugschool.models import migrate


def run(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = selftest.run_self_test()
    return code, capsys.readouterr().out.splitlines()


def test_the_self_test_passes_with_one_line_per_step(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run(capsys)
    assert code == 0, lines
    passed = [line for line in lines if line.startswith("ok ")]
    assert len(passed) == len(selftest._steps())
    assert not [line for line in lines if line.startswith("FAILED")]


def test_a_missing_resources_folder_fails_with_its_path(
    qapp: QApplication,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    gone = tmp_path / "no-resources"
    monkeypatch.setattr(paths, "resources_dir", lambda: gone)
    code, lines = run(capsys)
    assert code == selftest.EXIT_FAILED
    failed = [line for line in lines if line.startswith("FAILED")]
    assert len(failed) == 1 and str(gone) in failed[0]
    assert not [line for line in lines if line.startswith("ok ")]


def test_missing_migration_scripts_fail_with_the_missing_file(
    qapp: QApplication,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    empty = tmp_path / "migrations"
    empty.mkdir()
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", empty)
    code, lines = run(capsys)
    assert code == selftest.EXIT_FAILED
    failed = [line for line in lines if line.startswith("FAILED")]
    assert len(failed) == 1 and str(empty / "env.py") in failed[0]


def test_the_option_runs_the_self_test_and_returns_its_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(selftest, "run_self_test", lambda: 7)
    assert cli.main(["--self-test"]) == 7
