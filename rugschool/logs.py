"""A rotating log file in the data dir: what the crash dialog points to."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from rugschool.paths import log_dir

LOG_FILE = "rugschool.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Log to data_dir/logs/rugschool.log (1 MB a file, 5 kept); returns the file's path."""
    directory = log_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its per-plugin chatter
    return path
