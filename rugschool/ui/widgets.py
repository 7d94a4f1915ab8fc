"""Small helpers for building widgets in code."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """Give a widget an object name (what the style sheet and the tests find it by)."""
    widget.setObjectName(name)
    return widget
