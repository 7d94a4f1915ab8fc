"""What bringing a taken-along group back has done: every row a file added or changed, under
which key here, and what it held then, so that bringing the same file back twice adds and
changes nothing twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from rugschool.models.base import Base


class BroughtBackRow(Base):
    """A row a take-along file added or changed here: its key in the file and here (the
    primary key's values as JSON) and a digest of what it brought."""

    __tablename__ = "brought_back_rows"

    file_id: Mapped[str] = mapped_column(String, primary_key=True)  # the file's own uuid
    table_name: Mapped[str] = mapped_column(String, primary_key=True)
    file_key: Mapped[str] = mapped_column(String, primary_key=True)
    row_key: Mapped[str] = mapped_column(String)
    digest: Mapped[str] = mapped_column(String)
    brought_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
