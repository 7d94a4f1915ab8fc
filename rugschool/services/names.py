"""How a person's name is shown and sorted, the way the region expects.

Netherlands: the prefix ("van der") is not part of the sort: "Jan van der Berg" is listed as
"Berg, Jan van der", under B. Flanders: the prefix belongs to the last name and is
capitalised: "Lotte Van den Broeck" is listed as "Van den Broeck, Lotte", under V.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rugschool.models.base import fold, nfc

REGIONS = ("nl", "be")

# Splitting one typed name into first name, prefix and last name (for a single "naam"
# column in an imported file).
_PREFIX_LIST = (
    "van, de, der, den, het, 't, te, ter, ten, van der, van den, van de, van het, van 't, "
    "van ter, van ten, in 't, in het, in de, in den, op de, op den, op 't, op het, op ten, "
    "aan de, aan den, aan het, aan 't, bij de, uit de, uit den, uit het, uit 't, onder de, "
    "over de, voor de, voor 't, vande, vanden, vander, d', l', la, le, du, des, del, "
    "della, di, da, dos, das, von, von der"
)
_PREFIXES = sorted({tuple(p.split()) for p in _PREFIX_LIST.split(",")}, key=len, reverse=True)
_HYPHENED_PREFIX = re.compile(r"-(van|de|der|den|ter|ten|te)$")


def one_line(text: str | None) -> str:
    """A typed name as one tidy line: in one unicode form, with control characters (a
    pasted NUL or tab) and runs of spaces as single spaces, and none at either end. SQLite's
    length() stops at a NUL, so a name of control characters must not pass as filled in."""
    text = nfc(text) or ""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())


def full_name(first: str, prefix: str, last: str) -> str:
    return " ".join(part for part in (first, prefix, last) if part)


def list_name(first: str, prefix: str, last: str, region: str = "nl") -> str:
    if region == "be":
        family, given = " ".join(p for p in (prefix, last) if p), first
    else:
        family, given = last, " ".join(p for p in (first, prefix) if p)
    if family and given:
        return f"{family}, {given}"
    return family or given


def sort_key(first: str, prefix: str, last: str, region: str = "nl") -> str:
    return collation_key(list_name(first, prefix, last, region))


def collation_key(text: str) -> str:
    """Case and accents do not count: "Çelik" sits with the C's and "Şahin" with the S's."""
    return fold(text)


def _prefix_length(tokens: Sequence[str], start: int) -> int:
    """How many tokens from `start` make a known prefix (0: none)."""
    folded = tuple(t.lower().replace("\u2019", "'") for t in tokens[start:])
    return next((len(p) for p in _PREFIXES if folded[: len(p)] == p), 0)


def _is_lower(token: str) -> bool:
    return token == token.lower()


def split_last_name(text: str) -> tuple[str, str]:
    """(prefix, last name) from a last name column: "van der Berg" and "Berg, van der" give
    ("van der", "Berg"). A capitalised prefix ("Van den Broeck") is Flemish: it is part of
    the last name."""
    head, comma, tail = text.partition(",")
    tokens = tail.split()
    if comma and tokens and _is_lower(tokens[0]) and _prefix_length(tokens, 0) == len(tokens):
        return " ".join(tokens), head.strip()
    tokens = text.split()
    n = _prefix_length(tokens, 0)
    if tokens and _is_lower(tokens[0]) and 0 < n < len(tokens):
        return " ".join(tokens[:n]), " ".join(tokens[n:])
    return "", text.strip()


def split_full_name(text: str) -> tuple[str, str, str]:
    """(first, prefix, last) from one name column. "Jan van der Berg" -> ("Jan", "van der",
    "Berg"); "Van den Broeck, Lotte" -> ("Lotte", "", "Van den Broeck"); "Berg, Jan van der"
    -> ("Jan", "van der", "Berg"). One word is taken as the last name."""
    if "," in text:
        last_part, _comma, first_part = text.partition(",")
        prefix, last = split_last_name(last_part)
        tokens = first_part.split()
        for i in range(1, len(tokens)):
            if _is_lower(tokens[i]) and _prefix_length(tokens, i) == len(tokens) - i:
                return " ".join(tokens[:i]), prefix or " ".join(tokens[i:]), last
        return " ".join(tokens), prefix, last
    tokens = text.split()
    if len(tokens) < 2:
        return "", "", " ".join(tokens)
    for i in range(1, len(tokens) - 1):
        n = _prefix_length(tokens, i)
        if 0 < n < len(tokens) - i:
            if _is_lower(tokens[i]):
                return " ".join(tokens[:i]), " ".join(tokens[i : i + n]), " ".join(tokens[i + n :])
            return " ".join(tokens[:i]), "", " ".join(tokens[i:])
        if _HYPHENED_PREFIX.search(tokens[i].lower()):  # "Jan Jansen-de Vries"
            return " ".join(tokens[:i]), "", " ".join(tokens[i:])
    return " ".join(tokens[:-1]), "", tokens[-1]


# ------------------------------------------------------------------ the service
