"""The app-wide hub: operations announce what changed; screens listen and refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Events(QObject):
    participants_changed = Signal()
    groups_changed = Signal()
    programme_changed = Signal()  # content or pictures
    settings_changed = Signal(str)  # the setting's key
    language_changed = Signal(str)  # the new language code
