"""Writing a finished document to disk, and sending it to the printer.

A file is written under a temporary name in the target folder, flushed to disk and then
renamed over the target in one step: a crash never leaves half a PDF, and a file that
cannot be replaced (open in a viewer, on Windows) stays as it was. Nothing here prompts.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rugschool.errors import ExportError
from rugschool.i18n import _

_log = logging.getLogger(__name__)


def remove_old_files(folder: Path, days: int) -> int:
    """Deletes the files in `folder` not changed for `days` days; returns how many went.
    A file still open somewhere is left for next time."""
    limit = time.time() - days * 86400
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:
            _log.info("could not remove %s; trying again later", path)
    return removed


def print_command() -> list[str] | None:
    """The operating system's print command for a PDF, if there is one (lp on Linux and
    macOS, lpr as the older alternative); None on Windows, which prints through the shell."""
    for program in ("lp", "lpr"):
        found = shutil.which(program)
        if found:
            return [found]
    return None


def send_to_printer(path: Path) -> None:
    """Hands the PDF to the system's print service (the default printer)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
        except OSError as error:
            raise ExportError(
                _("Windows could not print {name}: {reason}").format(name=path.name, reason=error)
            ) from error
        return
    command = print_command()
    if command is None:
        raise ExportError(
            _("No print service was found on this computer. Open the PDF and print it from there.")
        )
    done = subprocess.run(
        [*command, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip() or str(done.returncode)
        raise ExportError(
            _("The printer refused {name}: {reason}").format(name=path.name, reason=reason)
        )
    _log.info("sent %s to the printer", path)
