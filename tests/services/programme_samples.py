"""A small, valid programme content file to bend in tests (one exercise of two levels)."""

from __future__ import annotations

from pathlib import Path

MINIMAL = """
[programme]
name = "Proefprogramma"
language = "nl"
description = "Een klein programma voor de tests."

[warmup]
key = "warmup"
name = "Warming-up"
purpose = "Op gang komen."
instruction = "Loop rustig rond en zwaai met je armen."
minutes = 8
equipment = []
picture = "warmup"

[[exercises]]
key = "back-mobility"
name = "Beweeglijkheid van de rug"
purpose = "De rug soepel houden."

  [[exercises.levels]]
  number = 1
  instruction = "Lig op je rug. Trek je knieën naar je borst."
  sets = 2
  repetitions = 10
  equipment = ["mat"]
  picture = "back-mobility-1"

  [[exercises.levels]]
  number = 2
  instruction = "Zit op handen en knieën. Maak je rug bol en hol."
  sets = 3
  hold_seconds = 20
  per_side = true
  equipment = ["mat"]
  picture = "back-mobility-2"

[[core_messages]]
key = "strong-back"
number = 1
title = "Je rug is sterk."
theme = "Bewegen"
gain = "Vertrouwen in je rug."
explanation = "Je rug is gemaakt om te bewegen."
talking_points = ["Een.", "Twee.", "Drie."]

[[education_sessions]]
key = "session-1"
number = 1
title = "Over rugpijn"
minutes = 60
description = "Wat rugpijn is."

  [[education_sessions.themes]]
  key = "causes"
  title = "Oorzaken"
  summary = "Waar rugpijn vandaan komt."
  core_messages = ["strong-back"]

[[hints]]
key = "no-single-way"
title = "Er is niet één goede manier"
text = "Laat deelnemers zelf ontdekken wat werkt."
"""


def write(folder: Path, text: str = MINIMAL, name: str = "default.nl.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
