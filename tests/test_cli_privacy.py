"""`rugschool erase`, `export access` and `export research`: act, or say what would happen,
or refuse with one line; never prompt."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.export.pdf_checks import text
from tests.test_cli import run


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "data")
    assert run(capsys, "--data-dir", folder, "demo")[0] == 0
    return folder


def _sql(data_dir: str, statement: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(Path(data_dir) / "rugschool.sqlite3")) as conn:
        rows = conn.execute(statement).fetchall()
        conn.commit()
        return rows


def test_erase_without_confirm_only_says_what_would_go(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "erase", "--participant", "2")
    assert code == 0 and err == ""
    assert "Mehmet Çelik (nummer 2)" in out
    assert "1 groepsinschrijving" in out and "registraties van aanwezigheid" in out
    assert "--confirm" in out
    assert _sql(data_dir, "SELECT count(*) FROM participants") == [(10,)]
    assert _sql(data_dir, "SELECT count(*) FROM audit_log WHERE action = 'erased'") == [(0,)]


def test_erase_with_confirm_erases_and_logs(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, err = run(capsys, "--data-dir", data_dir, "erase", "--participant", "2", "--confirm")
    assert code == 0 and err == "" and "Gewist: deelnemer 2." in out
    assert "back-ups" in out  # older backups still hold them: said, not hidden
    assert _sql(data_dir, "SELECT count(*) FROM participants") == [(9,)]
    assert _sql(data_dir, "SELECT count(*) FROM attendance WHERE participant_id = 2") == [(0,)]
    assert _sql(
        data_dir, "SELECT participant_id, detail FROM audit_log WHERE action = 'erased'"
    ) == [(2, "")]
    code, _, err = run(capsys, "--data-dir", data_dir, "erase", "--participant", "2", "--confirm")
    assert code == 5 and err.count("\n") == 1 and "nummer 2" in err


def test_export_access_writes_json_and_pdf(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    out_dir = tmp_path / "inzage"
    out_dir.mkdir()
    code, out, _ = run(
        capsys,
        "--data-dir",
        data_dir,
        "export",
        "access",
        "--participant",
        "3",
        "--out",
        str(out_dir),
    )
    assert code == 0 and out.count("\n") == 2
    stem = out_dir / "jan-van-der-berg-3-inzage"
    data = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["participant"]["full_name"] == "Jan van der Berg"
    assert "Vastgelegde gegevens van Jan van der Berg" in text(
        stem.with_suffix(".pdf").read_bytes()
    )
    assert _sql(
        data_dir, "SELECT participant_id FROM audit_log WHERE action = 'access_export'"
    ) == [(3,)]


def test_export_access_refuses_clearly(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "--data-dir", data_dir, "export", "access", "--participant", "99", "--out",
        str(tmp_path),
    )  # fmt: skip
    assert code == 5 and err.count("\n") == 1
    code, _, err = run(
        capsys, "--data-dir", data_dir, "export", "access", "--participant", "1", "--out",
        str(tmp_path / "nowhere"),
    )  # fmt: skip
    assert code == 9 and err.count("\n") == 1 and "bestaat niet" in err
    assert not list(tmp_path.glob("*inzage*"))


def test_export_research_has_only_who_consented(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    target = tmp_path / "onderzoek.csv"
    args = ("--data-dir", data_dir, "export", "research", "--out", str(target))
    code, out, _ = run(capsys, *args)
    assert code == 0 and "0 rijen" in out
    _sql(data_dir, "UPDATE participants SET consent_research_on = '2026-01-05' WHERE id IN (1, 4)")
    code, out, _ = run(capsys, *args)
    assert code == 0 and "2 rijen" in out
    content = target.read_bytes().decode("utf-8-sig")
    assert content.startswith("code;group;") and content.count("\r\n") == 3
    assert "Zoë" not in content and "Vries" not in content
    code, _, err = run(capsys, "--data-dir", data_dir, "export", "research", "--out", str(tmp_path))
    assert code == 9 and err.count("\n") == 1
