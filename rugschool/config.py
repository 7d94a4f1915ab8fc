"""Which database and data dir this run uses: command line first, then environment, then
the platform's default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rugschool.paths import DATABASE_FILE, default_data_dir

ENV_DATA_DIR = "RUGSCHOOL_DATA_DIR"
ENV_DATABASE_URL = "RUGSCHOOL_DATABASE_URL"


@dataclass(frozen=True)
class Location:
    data_dir: Path
    database_url: str

    @property
    def is_local_file(self) -> bool:
        """True for the default SQLite file in the data dir (backups are then ours to make)."""
        return self.database_url.startswith("sqlite")


def resolve_location(data_dir: str | None = None, database_url: str | None = None) -> Location:
    chosen_dir = data_dir or os.environ.get(ENV_DATA_DIR) or None
    directory = Path(chosen_dir).expanduser() if chosen_dir else default_data_dir()
    url = database_url or os.environ.get(ENV_DATABASE_URL) or None
    if not url:
        url = sqlite_url(directory / DATABASE_FILE)
    return Location(data_dir=directory.resolve(), database_url=url)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"
