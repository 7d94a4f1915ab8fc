"""Content files: the defaults load in both languages; a broken file names file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from rugschool.services.programme_file import (
    ContentError,
    default_programme_file,
    read_programme,
    tidy,
)
from tests.services.programme_samples import MINIMAL, write


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_default_programme_loads(language: str) -> None:
    tree = read_programme(default_programme_file(language), language)
    exercises = tree.children_of("exercise")
    assert exercises[0].values["kind"] == "warmup"
    assert len(exercises[1:]) == 8
    assert all(len(e.children) == 4 for e in exercises[1:])
    messages = tree.children_of("message")
    assert len(messages) == 5
    assert all(len(m.values["talking_points"]) >= 3 for m in messages)
    sessions = tree.children_of("session")
    assert len(sessions) == 2
    taught = {key for s in sessions for theme in s.children for key in theme.links}
    assert taught == {m.key for m in messages}
    assert len(tree.children_of("hint")) >= 3
    assert "GLA:D" not in default_programme_file(language).read_text(encoding="utf-8")


def test_both_languages_describe_the_same_programme() -> None:
    def shape(language: str) -> list[object]:
        tree = read_programme(default_programme_file(language), language)
        numbers = (
            "sets",
            "repetitions",
            "hold_seconds",
            "minutes",
            "per_side",
            "equipment",
            "picture",
        )
        return [
            (
                c.kind,
                c.key,
                [(lv.key, [lv.values[n] for n in numbers]) for lv in c.children]
                if c.kind == "exercise"
                else [(t.key, t.links) for t in c.children],
            )
            for c in tree.children
        ]

    assert shape("nl") == shape("en")


def test_a_small_file_reads_with_doses_and_links(tmp_path: Path) -> None:
    tree = read_programme(write(tmp_path), "nl")
    level = tree.children_of("exercise")[1].children[1]
    assert level.values["hold_seconds"] == 20 and level.values["repetitions"] is None
    assert level.values["per_side"] is True
    assert tree.children_of("session")[0].children[0].links == ("strong-back",)


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (("sets = 2", "sets = 0"), "exercises[1].levels[1].sets", "geheel getal van 1 tot 10"),
        (
            ('equipment = ["mat"]', 'equipment = ["trampoline"]'),
            "exercises[1].levels[1].equipment",
            "onbekend materiaal trampoline",
        ),
        (
            ("hold_seconds = 20", "repetitions = 5\n  hold_seconds = 20"),
            "exercises[1].levels[2].repetitions",
            "niet allebei",
        ),
        (
            ('core_messages = ["strong-back"]', 'core_messages = ["nope"]'),
            "education_sessions[1].themes[1].core_messages",
            "onbekende kernboodschap nope",
        ),
        (('language = "nl"', 'language = "en"'), "programme.language", "moet nl zijn"),
        (
            ('picture = "back-mobility-2"', 'picture = "nowhere-9"'),
            "exercises[1].levels[2].picture",
            "nowhere-9.svg",
        ),
        (('title = "Je rug is sterk."\n', ""), "core_messages[1].title", "ontbreekt"),
        (
            ('talking_points = ["Een.", "Twee.", "Drie."]', 'talking_points = ["Een."]'),
            "core_messages[1].talking_points",
            "minstens 3",
        ),
        (("number = 2", "number = 3"), "exercises[1].levels[2].number", "op volgorde"),
    ],
)
def test_a_broken_file_names_the_file_and_the_field(
    tmp_path: Path, change: tuple[str, str], where: str, problem: str
) -> None:
    old, new = change
    assert old in MINIMAL
    path = write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(ContentError) as raised:
        read_programme(path, "nl")
    message = str(raised.value)
    assert message.startswith(f"default.nl.toml: {where}: ")
    assert problem in message


def test_a_file_that_is_not_toml(tmp_path: Path) -> None:
    path = write(tmp_path, "[programme\nname = ")
    with pytest.raises(ContentError, match=r"^default\.nl\.toml: geen geldige TOML"):
        read_programme(path, "nl")


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="ontbreekt"):
        read_programme(tmp_path / "default.nl.toml", "nl")


def test_paragraphs_are_tidied() -> None:
    assert tidy("  Een  zin\nloopt door.\n\n  Tweede   alinea. ") == (
        "Een zin loopt door.\n\nTweede alinea."
    )
