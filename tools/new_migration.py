"""Write a new Alembic migration from the difference between the models and head.

    make migration NAME=0002_programme MSG="programme content"

Runs every existing migration on a scratch SQLite database, then lets Alembic's
autogenerate compare it with the models. Read and tidy what it writes before committing.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command

from rugschool.config import sqlite_url
from rugschool.models.migrate import _migration_connection, alembic_config, upgrade


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rev_id", help="revision id, e.g. 0002_programme")
    parser.add_argument("message", help="one line saying what the migration adds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = sqlite_url(Path(scratch) / "scratch.sqlite3")
        upgrade(url)
        with _migration_connection(url) as conn:
            command.revision(
                alembic_config(conn), message=args.message, autogenerate=True, rev_id=args.rev_id
            )


if __name__ == "__main__":
    main()
