"""Writing a file whole or not at all: a temporary name in the same folder, flushed to the
disk, then renamed over the target in one step. A crash, a full disk or a locked target
leaves the old file (or none) and no partial one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(target: Path, data: bytes) -> Path:
    """Raises OSError (PermissionError when the target cannot be replaced) and then leaves
    nothing behind."""
    handle, partial = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    finally:
        Path(partial).unlink(missing_ok=True)
    return target
