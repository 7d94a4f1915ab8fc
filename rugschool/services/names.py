"""How a person's name is shown: "Jan van der Berg" in running text, "Berg, Jan van der" in
a list sorted by last name."""

from __future__ import annotations

import unicodedata


def full_name(first: str, prefix: str, last: str) -> str:
    return " ".join(part for part in (first, prefix, last) if part)


def list_name(first: str, prefix: str, last: str) -> str:
    given = " ".join(part for part in (first, prefix) if part)
    if last and given:
        return f"{last}, {given}"
    return last or given


def collation_key(text: str) -> str:
    """A key that sorts the way a Dutch reader expects: case and accents do not count, so
    "Çelik" sits with the C's and "Şahin" with the S's."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
