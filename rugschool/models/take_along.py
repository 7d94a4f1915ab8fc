"""What bringing a taken-along group back has done: which rows a file added, under which
number here, so that bringing the same file back twice adds nothing twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from rugschool.models.base import Base


class BroughtBackRow(Base):
    """A row that a take-along file added: its number in the file, its number here."""

    __tablename__ = "brought_back_rows"

    file_id: Mapped[str] = mapped_column(String, primary_key=True)  # the file's own uuid
    table_name: Mapped[str] = mapped_column(String, primary_key=True)
    file_row_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_id: Mapped[int] = mapped_column(Integer)
    brought_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
