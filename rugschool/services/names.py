"""How a person's name is shown and sorted, the way the region expects.

Netherlands: the prefix ("van der") is not part of the sort: "Jan van der Berg" is listed as
"Berg, Jan van der", under B. Flanders: the prefix belongs to the last name and is
capitalised: "Lotte Van den Broeck" is listed as "Van den Broeck, Lotte", under V.
"""

from __future__ import annotations

from rugschool.models.base import fold

REGIONS = ("nl", "be")


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
