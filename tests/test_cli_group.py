"""`rugschool group export|import`, `rugschool --open FILE` and the portable backup of a clinic
database, on the configured database (PostgreSQL under `make test-postgres`)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.test_cli import run


@pytest.fixture
def clinic(capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str) -> list[str]:
    where = ["--data-dir", str(tmp_path / "data"), "--database-url", db_url]
    assert run(capsys, *where, "demo")[0] == 0
    return where


def _groups(capsys: pytest.CaptureFixture[str], *where: str) -> list[dict[str, object]]:
    code, out, _err = run(capsys, *where, "list", "groups", "--json")
    assert code == 0
    found: list[dict[str, object]] = json.loads(out)
    return found


def test_take_along_open_change_and_bring_back(
    capsys: pytest.CaptureFixture[str], clinic: list[str], tmp_path: Path
) -> None:
    group = _groups(capsys, *clinic)[0]
    file = tmp_path / "dinsdag.rugschool"
    code, out, err = run(
        capsys, *clinic, "group", "export", "--group", str(group["id"]), "--out", str(file)
    )
    assert code == 0, err
    assert "rugschool --open" in out and file.is_file()

    laptop = ["--data-dir", str(tmp_path / "laptop"), "--open", str(file)]
    assert [g["id"] for g in _groups(capsys, *laptop)] == [group["id"]]
    assert not (tmp_path / "laptop" / "rugschool.sqlite3").exists()  # its own data dir
    csv = tmp_path / "nieuw.csv"
    csv.write_text("voornaam;achternaam\nNina;Nieuwkomer\n", encoding="utf-8")
    code, _out, err = run(
        capsys, *laptop, "import", "participants", str(csv), "--group", str(group["id"])
    )
    assert code == 0, err

    code, out, err = run(capsys, *clinic, "group", "import", str(file), "--dry-run")
    assert code == 0 and "toegevoegd" in out and "niets opgeslagen" in out
    code, out, err = run(capsys, *clinic, "group", "import", str(file))
    assert code == 0, err
    code, out, _err = run(capsys, *clinic, "list", "participants", "--json")
    assert [p["last_name"] for p in json.loads(out)].count("Nieuwkomer") == 1
    code, out, _err = run(capsys, *clinic, "group", "import", str(file))
    assert code == 0 and "0 toegevoegd, 0 gewijzigd, 0 verwijderd" in out


def test_conflicts_are_listed_and_nothing_is_stored_without_a_choice(
    capsys: pytest.CaptureFixture[str], clinic: list[str], tmp_path: Path
) -> None:
    group = _groups(capsys, *clinic)[0]
    file = tmp_path / "g.rugschool"
    run(capsys, *clinic, "group", "export", "--group", str(group["id"]), "--out", str(file))
    with closing(sqlite3.connect(file)) as laptop, laptop:
        laptop.execute("UPDATE groups SET location = 'Zaal 2', version = version + 1")
    _rename_group_location(clinic, "Zaal 3")

    code, out, err = run(capsys, *clinic, "group", "import", str(file))
    assert code == 14
    assert "Aan beide kanten gewijzigd: Groep" in out and "locatie: hier Zaal 3" in out
    assert "--keep" in out and "nothing" not in err
    assert _groups(capsys, *clinic)[0]["location"] == "Zaal 3"

    keep = ("--keep", "clinic")
    code, out, err = run(capsys, *clinic, "group", "import", str(file), *keep, "--dry-run")
    assert code == 0 and "1 bewaard zoals deze database" in out  # the choice, shown
    assert "Aan beide kanten" not in out and "niets opgeslagen" in out

    code, out, err = run(capsys, *clinic, "group", "import", str(file), "--keep", "file")
    assert code == 0, err
    assert _groups(capsys, *clinic)[0]["location"] == "Zaal 2"


def _rename_group_location(where: list[str], location: str) -> None:
    from dataclasses import replace

    from rugschool.models.migrate import open_database
    from rugschool.services.groups import GroupService

    url = where[where.index("--database-url") + 1]
    with open_database(url, Path(where[1]) / "b").database as db:
        service = GroupService(db)
        row = service.rows()[0]
        service.update(row.id, replace(row.as_input(), location=location))


def test_a_group_that_does_not_exist_is_one_line(
    capsys: pytest.CaptureFixture[str], clinic: list[str], tmp_path: Path
) -> None:
    code, _out, err = run(
        capsys, *clinic, "group", "export", "--group", "999", "--out", str(tmp_path / "x")
    )
    assert code != 0 and err.count("\n") == 1
    code, _out, err = run(capsys, "--open", str(tmp_path / "er-niet.rugschool"), "list", "groups")
    assert code != 0 and "bestaat niet" in err


def test_the_backup_command_writes_a_portable_copy_of_any_database(
    capsys: pytest.CaptureFixture[str], clinic: list[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "kliniek.sqlite3"
    code, _out, err = run(capsys, *clinic, "backup", "--out", str(out_file))
    assert code == 0, err
    local = ["--data-dir", str(tmp_path / "elders")]
    code, out, err = run(capsys, *local, "restore", str(out_file))
    assert code == 0, err
    assert "10 deelnemers" in out
    code, out, _err = run(capsys, *local, "list", "participants", "--json")
    assert len(json.loads(out)) == 10
