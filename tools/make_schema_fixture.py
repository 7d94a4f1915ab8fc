"""Keep a small database of the current schema under tests/fixtures/schemas/.

Run once per released schema (`python tools/make_schema_fixture.py`): it writes
<revision>.sqlite3 with the demo in it, and <revision>.json with what the upgrade test
expects to find after upgrading it to head.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from rugschool.config import sqlite_url
from rugschool.models.migrate import HEAD_REVISION, open_database
from rugschool.services.demo import load_demo
from rugschool.services.participants import ParticipantService

TARGET = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "schemas"


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    path = TARGET / f"{HEAD_REVISION}.sqlite3"
    path.unlink(missing_ok=True)
    with (
        tempfile.TemporaryDirectory() as scratch,
        open_database(sqlite_url(path), Path(scratch)).database as db,
    ):
        load_demo(db, today=dt.date(2026, 11, 25))
        people = ParticipantService(db).rows()
    expected = {"participants": [[p.first_name, p.name_prefix, p.last_name] for p in people]}
    path.with_suffix(".json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
