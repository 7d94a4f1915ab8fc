"""The words that differ between the Netherlands and Flanders: what the profession and the
health insurer are called, and the legal retention term. Terminology, not translation: the
Dutch of both regions is one catalogue, so the region picks the word here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rugschool.i18n import N_, _, current_language
from rugschool.i18n import language as speaking
from rugschool.services.privacy_rules import LEGAL_TERMS

REGIONS = {"nl": N_("Netherlands"), "be": N_("Flanders")}


@dataclass(frozen=True)
class RegionWords:
    therapist: str  # "fysiotherapeut" / "kinesitherapeut"
    insurer: str  # "zorgverzekeraar" / "mutualiteit"
    retention_years: int  # the legal term for keeping a record


DUTCH = {
    "nl": ("fysiotherapeut", "zorgverzekeraar"),
    "be": ("kinesitherapeut", "mutualiteit"),
}


def region_words(region: str, language: str | None = None) -> RegionWords:
    """The region's words in `language` (the active one when None)."""
    region = region if region in REGIONS else "nl"
    code = language or current_language()
    if code == "nl":
        therapist, insurer = DUTCH[region]
    else:
        with speaking(code):
            therapist, insurer = _("physiotherapist"), _("health insurer")
    return RegionWords(therapist, insurer, LEGAL_TERMS[region])


def region_name(region: str) -> str:
    return _(REGIONS.get(region, REGIONS["nl"]))
