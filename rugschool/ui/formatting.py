"""How dates and counts look on screen: the Dutch way (dd-mm-jjjj)."""

from __future__ import annotations

import datetime as dt


def date_text(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def date_sort_key(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
