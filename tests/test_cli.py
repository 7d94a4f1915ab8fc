"""The command line: acts or refuses with one clear line, never prompts, no traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from rugschool.cli import main
from rugschool.models.migrate import HEAD_REVISION

DEMO_NAMES = [
    ["Zoë", "de", "Vries"],
    ["Mehmet", "", "Çelik"],
    ["Jan", "van der", "Berg"],
    ["Lotte", "", "Van den Broeck"],
    ["Anouk", "", "Jansen"],
    ["Pieter", "", "Peeters"],
    ["Elif", "", "Şahin"],
    ["Łukasz", "", "Nowak"],
    ["Inge", "", "Maes"],
    ["Femke", "van 't", "Hof"],
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    return str(tmp_path / "data")


def test_demo_then_list_participants_as_json(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, _ = run(capsys, "--data-dir", data_dir, "demo")
    assert code == 0 and "10 deelnemers" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "list", "participants", "--json")
    assert code == 0
    people = json.loads(out)
    assert [p["id"] for p in people] == list(range(1, 11))
    assert [[p["first_name"], p["name_prefix"], p["last_name"]] for p in people] == DEMO_NAMES
    assert all(p["archived"] is False for p in people)


def test_the_demo_twice_adds_nothing(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    run(capsys, "--data-dir", data_dir, "demo")
    code, out, _ = run(capsys, "--data-dir", data_dir, "demo")
    assert code == 0 and "niets toegevoegd" in out
    _, out, _ = run(capsys, "--data-dir", data_dir, "list", "participants", "--json")
    assert len(json.loads(out)) == 10


def test_list_groups_and_participants_of_a_group(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    run(capsys, "--data-dir", data_dir, "demo")
    code, out, _ = run(capsys, "--data-dir", data_dir, "list", "groups", "--json")
    [group] = json.loads(out)
    assert code == 0 and group["id"] == 1 and group["active_participants"] == 10
    code, out, _ = run(capsys, "--data-dir", data_dir, "list", "participants", "--group", "1")
    assert code == 0 and len(out.splitlines()) == 10 and "Berg, Jan van der" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "list", "groups")
    assert code == 0 and "Rugschool dinsdag en donderdag" in out


def test_an_archived_participant_is_listed_and_marked(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    run(capsys, "--data-dir", data_dir, "demo")
    with closing(sqlite3.connect(Path(data_dir) / "rugschool.sqlite3")) as conn, conn:
        conn.execute("UPDATE participants SET archived = 1 WHERE id = 3")
    _, out, _ = run(capsys, "--data-dir", data_dir, "list", "participants")
    assert "(gearchiveerd)" in out.splitlines()[2]
    _, out, _ = run(capsys, "--data-dir", data_dir, "list", "participants", "--json")
    assert [p["archived"] for p in json.loads(out)].count(True) == 1


def test_db_current_and_upgrade(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data_dir, "db", "current")
    assert code == 0 and "nog geen database" in out
    assert not (Path(data_dir) / "rugschool.sqlite3").exists()  # looking creates nothing
    code, out, _ = run(capsys, "--data-dir", data_dir, "db", "upgrade")
    assert code == 0 and HEAD_REVISION in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "db", "current")
    assert code == 0 and out.strip() == f"{HEAD_REVISION} (actueel)"
    code, out, _ = run(capsys, "--data-dir", data_dir, "db", "upgrade")
    assert code == 0 and "bijgewerkt" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["list"], 1, "Geef een opdracht op"),
        (["db"], 1, "Geef een opdracht op"),
        (["list", "participants", "--group", "99"], 5, "geen groep met nummer 99"),
    ],
)
def test_user_errors_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], data_dir: str, args: list[str], code: int, message: str
) -> None:
    got, _out, err = run(capsys, "--data-dir", data_dir, *args)
    assert got == code
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_newer_database_is_refused_on_the_command_line(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    run(capsys, "--data-dir", data_dir, "db", "upgrade")
    with closing(sqlite3.connect(Path(data_dir) / "rugschool.sqlite3")) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    code, _, err = run(capsys, "--data-dir", data_dir, "list", "participants")
    assert code == 3 and "nieuwere versie" in err and "Traceback" not in err


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("demo", "db", "list", "--data-dir", "--database-url", "--quit-after-startup"):
        assert command in out


def test_the_environment_chooses_the_data_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUGSCHOOL_DATA_DIR", str(tmp_path / "from-env"))
    assert run(capsys, "demo")[0] == 0
    assert (tmp_path / "from-env" / "rugschool.sqlite3").exists()
    other = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv("RUGSCHOOL_DATABASE_URL", f"sqlite:///{other}")
    assert run(capsys, "demo")[0] == 0
    assert other.exists()


def test_the_installed_command_end_to_end(tmp_path: Path) -> None:
    """As a user types it: the console script, in a process of its own."""
    exe = Path(sys.executable).with_name("rugschool")
    env = {**os.environ, "RUGSCHOOL_DATA_DIR": ""}
    data = str(tmp_path / "d")
    demo = subprocess.run(
        [exe, "--data-dir", data, "demo"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    assert "10 deelnemers" in demo.stdout
    listing = subprocess.run(
        [exe, "--data-dir", data, "list", "participants", "--json"],
        capture_output=True,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    people = json.loads(listing.stdout.decode("utf-8"))
    assert [[p["first_name"], p["name_prefix"], p["last_name"]] for p in people] == DEMO_NAMES


def test_list_sessions_of_the_demo(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    run(capsys, "--data-dir", data_dir, "demo")
    code, out, _ = run(capsys, "--data-dir", data_dir, "list", "sessions", "--json")
    sessions = json.loads(out)
    assert code == 0
    assert [s["kind"] for s in sessions].count("education") == 2
    assert [s["kind"] for s in sessions].count("exercise") == 16
    assert {s["group"] for s in sessions} == {1}
    assert all(set(s) >= {"id", "group", "kind", "number", "date"} for s in sessions)
    code, out, _ = run(capsys, "--data-dir", data_dir, "list", "sessions", "--group", "1")
    assert code == 0 and len(out.splitlines()) == 18 and "oefenles 16" in out


def test_the_commands_run_on_the_configured_database(
    capsys: pytest.CaptureFixture[str], data_dir: str, db_url: str
) -> None:
    """With --database-url (a SQLite file, or the clinic's PostgreSQL in make test-postgres)."""
    where = ["--data-dir", data_dir, "--database-url", db_url]
    assert run(capsys, *where, "demo")[0] == 0
    code, out, _err = run(capsys, *where, "list", "groups", "--json")
    assert code == 0 and json.loads(out)[0]["name"] == "Rugschool dinsdag en donderdag"
    code, out, _err = run(capsys, *where, "check")
    assert code == 0
    if db_url.startswith("postgresql"):
        assert "niets te controleren" in out
        assert not list(Path(data_dir).glob("*.sqlite3"))  # nothing local in clinic mode
    else:
        assert "in orde" in out
