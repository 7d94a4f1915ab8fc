"""Writing a file the user asked for (a document, an export) whole or not at all, with a
message in the user's language when it cannot be done: an ExportError, exit code 9."""

from __future__ import annotations

import logging
from pathlib import Path

from rugschool.errors import ExportError
from rugschool.files import write_whole
from rugschool.i18n import _

_log = logging.getLogger(__name__)


def write_file(target: Path, data: bytes) -> Path:
    """Puts `data` at `target` whole, or leaves `target` (and the folder) as it was."""
    target = Path(target)
    folder = target.parent
    if target.is_dir():
        raise ExportError(_("{path} is a folder; choose a file name.").format(path=target))
    if not folder.is_dir():
        raise ExportError(_("The folder {folder} does not exist.").format(folder=folder))
    try:
        write_whole(target, data)
    except PermissionError as error:
        raise ExportError(
            _(
                "{name} cannot be replaced: it may be open in another program. "
                "Close it there and try again, or choose another name."
            ).format(name=target.name)
        ) from error
    except OSError as error:
        raise ExportError(
            _("{name} could not be written: {reason}").format(
                name=target.name, reason=error.strerror or error
            )
        ) from error
    _log.info("wrote %s (%d bytes)", target, len(data))
    return target
