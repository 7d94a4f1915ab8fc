"""The progression rule: it only suggests, steps up after a run of good sessions, and never
steps down on pain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugschool.errors import ValidationError
from rugschool.i18n import set_language
from rugschool.services.progression import (
    DEFAULT_RULE,
    Attempt,
    PainBands,
    ProgressionRule,
    band_name,
    suggest,
)

TOP = 4


def easy(level: int = 1, pain: int | None = None) -> Attempt:
    return Attempt(level=level, pain=pain, easy=True)


def hurt(pain: int | None, level: int = 1) -> Attempt:
    """Not marked easy, with this pain score."""
    return Attempt(level=level, pain=pain, easy=False)


# ---------------------------------------------------------------- stepping up


def test_two_easy_sessions_step_up() -> None:
    s = suggest([easy(2), easy(2)], DEFAULT_RULE, TOP)
    assert (s.kind, s.level, s.current) == ("up", 3, 2)
    assert s.changes_level


def test_two_sessions_with_pain_in_the_safe_band_step_up() -> None:
    s = suggest([hurt(0, 2), hurt(2, 2)], DEFAULT_RULE, TOP)
    assert (s.kind, s.level) == ("up", 3)


@pytest.mark.parametrize("history", [[easy(), hurt(1)], [hurt(1), easy()]])
def test_one_easy_and_one_safe_session_step_up(history: list[Attempt]) -> None:
    assert suggest(history, DEFAULT_RULE, TOP).level == 2


def test_one_good_session_is_not_enough() -> None:
    s = suggest([easy(2)], DEFAULT_RULE, TOP)
    assert (s.kind, s.level, s.current) == ("stay", 2, 2)
    assert not s.changes_level


def test_an_older_good_session_before_a_bad_one_does_not_count() -> None:
    assert suggest([easy(), easy(), hurt(4), easy()], DEFAULT_RULE, TOP).kind == "stay"


def test_a_level_change_breaks_the_streak() -> None:
    s = suggest([easy(1), easy(1), easy(2)], DEFAULT_RULE, TOP)
    assert (s.kind, s.level) == ("stay", 2)
    assert suggest([easy(1), easy(1), easy(2), easy(2)], DEFAULT_RULE, TOP).level == 3


def test_going_back_to_a_level_starts_the_count_again() -> None:
    history = [easy(2), hurt(8, 3), easy(2)]
    assert suggest(history, DEFAULT_RULE, TOP).kind == "stay"


def test_pain_not_asked_does_not_count_as_safe() -> None:
    assert suggest([hurt(None), hurt(1)], DEFAULT_RULE, TOP).kind == "stay"
    assert suggest([hurt(1), hurt(None)], DEFAULT_RULE, TOP).kind == "stay"


def test_pain_not_asked_but_marked_easy_counts() -> None:
    assert suggest([easy(pain=None), hurt(1)], DEFAULT_RULE, TOP).kind == "up"


def test_easy_with_acceptable_pain_counts() -> None:
    # The rule reads "easily or with pain in the safe band": easy is enough on its own.
    assert suggest([easy(pain=4), easy(pain=5)], DEFAULT_RULE, TOP).kind == "up"


def test_too_high_pain_never_counts_as_good_even_when_marked_easy() -> None:
    assert suggest([easy(pain=7), easy()], DEFAULT_RULE, TOP).kind == "stay"


def test_at_the_top_level_it_stays() -> None:
    s = suggest([easy(TOP), easy(TOP), easy(TOP)], DEFAULT_RULE, TOP)
    assert (s.kind, s.level, s.current) == ("stay", TOP, TOP)


# ---------------------------------------------------------------- staying and talking it over


def test_acceptable_pain_stays() -> None:
    s = suggest([hurt(1, 2), hurt(4, 2)], DEFAULT_RULE, TOP)
    assert (s.kind, s.level) == ("stay", 2)
    assert suggest([hurt(3), hurt(5)], DEFAULT_RULE, TOP).kind == "stay"


@pytest.mark.parametrize("pain", [6, 8, 10])
def test_a_single_too_high_score_suggests_talking_it_over_never_down(pain: int) -> None:
    s = suggest([easy(3), easy(3), hurt(pain, 3)], DEFAULT_RULE, TOP)
    assert (s.kind, s.level, s.current) == ("discuss", 3, 3)
    assert not s.changes_level


def test_too_high_scores_in_a_row_still_only_suggest_talking_it_over() -> None:
    s = suggest([hurt(7, 3), hurt(9, 3), hurt(8, 3)], DEFAULT_RULE, TOP)
    assert (s.kind, s.level) == ("discuss", 3)


def test_too_high_even_when_marked_easy_is_talked_over() -> None:
    assert suggest([easy(), easy(pain=9)], DEFAULT_RULE, TOP).kind == "discuss"


def test_no_history_stays_at_the_starting_level() -> None:
    s = suggest([], DEFAULT_RULE, TOP, starting_level=2)
    assert (s.kind, s.level, s.current) == ("stay", 2, 2)
    assert suggest([], DEFAULT_RULE, TOP).level == 1


# ---------------------------------------------------------------- the reasons, in English


def test_the_reasons_say_why(english: None) -> None:
    assert suggest([easy(2), hurt(1, 2)], DEFAULT_RULE, TOP).reason == (
        "2 sessions in a row easy or with pain in the safe band at level 2"
    )
    assert "1 of 2" in suggest([easy(2)], DEFAULT_RULE, TOP).reason
    assert "acceptable" in suggest([hurt(4, 2)], DEFAULT_RULE, TOP).reason
    assert "No pain score" in suggest([hurt(None, 2)], DEFAULT_RULE, TOP).reason
    assert "Top level 4" in suggest([easy(4), easy(4)], DEFAULT_RULE, TOP).reason
    assert "start at level 3" in suggest([], DEFAULT_RULE, TOP, starting_level=3).reason


def test_talking_it_over_names_the_level_below_only_after_repeated_high_pain(
    english: None,
) -> None:
    once = suggest([hurt(8, 3)], DEFAULT_RULE, TOP).reason
    assert "talk it over" in once and "level 2" not in once
    twice = suggest([hurt(8, 3), hurt(7, 3)], DEFAULT_RULE, TOP).reason
    assert "2 sessions in a row" in twice and "level 2 suits better" in twice
    bottom = suggest([hurt(8), hurt(7)], DEFAULT_RULE, TOP).reason
    assert "adapt the exercise" in bottom


# ---------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("pain", "band"),
    [(None, None), (0, "safe"), (2, "safe"), (3, "acceptable"), (5, "acceptable"),
     (6, "too_high"), (10, "too_high")],
)  # fmt: skip
def test_the_default_bands_are_those_of_glad(pain: int | None, band: str | None) -> None:
    assert DEFAULT_RULE.bands.band(pain) == band


def test_the_bands_are_configurable() -> None:
    wider = ProgressionRule.from_values(safe_max=3, acceptable_max=6, sessions_in_a_row=2)
    assert wider.bands.band(3) == "safe"
    assert wider.bands.band(7) == "too_high"
    assert suggest([hurt(3), hurt(3)], wider, TOP).kind == "up"
    assert suggest([hurt(3), hurt(3)], DEFAULT_RULE, TOP).kind == "stay"
    assert suggest([hurt(6)], wider, TOP).kind == "stay"
    assert suggest([hurt(6)], DEFAULT_RULE, TOP).kind == "discuss"


def test_the_number_of_sessions_in_a_row_is_configurable() -> None:
    three = ProgressionRule.from_values(2, 5, 3)
    assert suggest([easy(), easy()], three, TOP).kind == "stay"
    assert suggest([easy(), easy(), easy()], three, TOP).kind == "up"
    assert suggest([easy()], ProgressionRule.from_values(2, 5, 1), TOP).kind == "up"


def test_the_default_rule_is_glad_with_two_in_a_row() -> None:
    assert ProgressionRule.from_values(2, 5, 2) == DEFAULT_RULE
    assert DEFAULT_RULE.bands.is_glad_default


@pytest.mark.parametrize(
    ("safe_max", "acceptable_max"), [(3, 3), (5, 2), (-1, 5), (2, 11), (10, 10)]
)
def test_bands_that_do_not_make_sense_are_refused(safe_max: int, acceptable_max: int) -> None:
    with pytest.raises(ValidationError):
        PainBands(safe_max, acceptable_max)
    with pytest.raises(ValidationError):
        ProgressionRule.from_values(safe_max, acceptable_max, 2)


@pytest.mark.parametrize("sessions", [0, -1, 9])
def test_a_senseless_number_of_sessions_in_a_row_is_refused(sessions: int) -> None:
    with pytest.raises(ValidationError):
        ProgressionRule.from_values(2, 5, sessions)


def test_the_band_label_says_it_comes_from_glad(english: None) -> None:
    label = PainBands().label()
    assert "GLA:D knee and hip programme" in label
    assert "0-2 safe, 3-5 acceptable, above 5 too high" in label
    assert "No pain rule is published for the back programme" in label
    adapted = PainBands(0, 10).label()
    assert adapted.startswith("Adapted from the pain-monitoring model of the GLA:D")
    assert "0 safe, 1-10 acceptable." in adapted
    assert band_name("too_high") == "too high"


def test_the_band_label_names_glad_in_dutch_too() -> None:
    assert "GLA:D" in PainBands().label()
    assert "GLA:D" in PainBands(3, 6).label()


def test_the_rule_describes_itself(english: None) -> None:
    assert "after 2 sessions in a row" in DEFAULT_RULE.description()
    assert "after 1 session at" in ProgressionRule(sessions_in_a_row=1).description()


# ---------------------------------------------------------------- bugs, not user errors


def test_inconsistent_input_is_a_bug_not_a_user_error() -> None:
    with pytest.raises(ValueError, match="below 1"):
        Attempt(level=0, pain=None, easy=True)
    with pytest.raises(ValueError, match="scale"):
        Attempt(level=1, pain=11, easy=False)
    with pytest.raises(ValueError, match="outside"):
        suggest([easy(5)], DEFAULT_RULE, TOP)
    with pytest.raises(ValueError, match="outside"):
        suggest([], DEFAULT_RULE, TOP, starting_level=0)


# ---------------------------------------------------------------- the property


@st.composite
def histories(draw: st.DrawFn) -> tuple[int, list[Attempt], ProgressionRule]:
    max_level = draw(st.integers(1, 6))
    attempt = st.builds(
        Attempt,
        level=st.integers(1, max_level),
        pain=st.none() | st.integers(0, 10),
        easy=st.booleans(),
    )
    safe_max = draw(st.integers(0, 9))
    acceptable_max = draw(st.integers(safe_max + 1, 10))
    rule = ProgressionRule.from_values(safe_max, acceptable_max, draw(st.integers(1, 8)))
    return max_level, draw(st.lists(attempt, max_size=20)), rule


@given(histories(), st.data())
def test_the_suggestion_stays_in_range_and_never_goes_down(
    case: tuple[int, list[Attempt], ProgressionRule], data: st.DataObject
) -> None:
    max_level, history, rule = case
    start = data.draw(st.integers(1, max_level))
    s = suggest(history, rule, max_level, starting_level=start)
    assert s.current == (history[-1].level if history else start)
    assert 1 <= s.level <= max_level
    assert s.current <= s.level <= s.current + 1
    assert (s.kind == "up") == (s.level > s.current)
    if history and rule.bands.band(history[-1].pain) == "too_high":
        assert s.kind == "discuss"


@pytest.fixture
def english() -> None:
    """English for this test; the conftest's autouse fixture puts the language back."""
    set_language("en")
