"""The declarative base, with a naming convention so every constraint has a stable name
(Alembic's batch mode on SQLite needs names to alter or drop a constraint later)."""

from __future__ import annotations

import unicodedata

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def nfc(value: str | None) -> str | None:
    """Names are stored as typed, but in one unicode form (NFC): an "ë" typed as e plus
    a combining diaeresis and one typed as a single character are the same name."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Case and accents removed, whitespace folded: "Zoë  de Vries" -> "zoe de vries".
    What search and the duplicate check compare."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    # Letters that do not decompose into a base letter and a mark: Polish ł, Danish ø,
    # Croatian đ, Turkish dotless ı.
    for letter, base in (("ł", "l"), ("ø", "o"), ("đ", "d"), ("ı", "i")):
        plain = plain.replace(letter, base)
    return " ".join(plain.split())
