"""Suggesting the next session's level, per participant and exercise: the documented rule.

Rugschool only suggests. The therapist accepts a suggestion with one key, or does not, and
decides it with the participant; a level never changes by itself.

Pain bands. Pain during an exercise is scored 0 to 10 (NRS), or left blank when it was not
asked. No numeric pain rule is published for the back programme, so Rugschool offers, as a
labelled and configurable default, the pain-monitoring model of the GLA:D knee and hip
programme: 0-2 safe, 3-5 (above 2 up to 5) acceptable, above 5 too high.

A session "went well" when the participant did the exercise easily, with control (the
"went easily" mark), or with pain in the safe band. Pain in the too-high band never counts
as going well, even when marked easy. A blank pain score counts for nothing: such a session
went well only when it was marked easy. Easy with pain in the acceptable band does count,
as the rule reads "easily or with pain in the safe band".

Looking at the sessions in which the participant did the exercise, newest last:

1. No sessions yet: stay at the starting level.
2. Pain too high in the latest session: talk it over with the participant, at the current
   level. Never a step down on its own: pain varies from day to day and is allowed during
   exercise, and going back a level is decided together. When the pain was too high in two
   or more sessions in a row at this level, the reason says so and names the level below as
   something to talk over; the suggestion still keeps the current level.
3. The latest sessions, as many as the rule asks (two by default), all at the current level
   and all gone well: one level up. At the top level: stay, and the reason says the top
   level is reached.
4. Otherwise: stay, with the reason (pain in the acceptable band, not yet enough sessions in
   a row, or no pain score and not marked easy).

Only the sessions since the latest level change count: after a change the count starts again.

The numbers (end of the safe band, end of the acceptable band, sessions in a row) are the
rule's parameters: `ProgressionRule.from_values` builds a rule from settings and refuses
values that do not make sense; `DEFAULT_RULE` is the GLA:D default with two sessions in a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rugschool.errors import ValidationError
from rugschool.i18n import N_, _, ngettext

Band = Literal["safe", "acceptable", "too_high"]
Kind = Literal["up", "stay", "discuss"]

PAIN_SCALE_MAX = 10  # NRS 0-10
# The pain-monitoring model of the GLA:D knee and hip programme.
GLAD_SAFE_MAX = 2
GLAD_ACCEPTABLE_MAX = 5
# More than half the sixteen exercise sessions in a row would leave hardly any room to progress.
MAX_SESSIONS_IN_A_ROW = 8
# From this many too-high scores in a row the reason names the level below (only as a topic).
REPEATED_HIGH_PAIN = 2

BAND_NAMES: dict[Band, str] = {
    "safe": N_("safe"),
    "acceptable": N_("acceptable"),
    "too_high": N_("too high"),
}


def band_name(band: Band) -> str:
    """The band's name in the active language."""
    return _(BAND_NAMES[band])


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


@dataclass(frozen=True)
class PainBands:
    """0..safe_max safe, safe_max+1..acceptable_max acceptable, above that too high."""

    safe_max: int = GLAD_SAFE_MAX
    acceptable_max: int = GLAD_ACCEPTABLE_MAX

    def __post_init__(self) -> None:
        if not 0 <= self.safe_max < self.acceptable_max <= PAIN_SCALE_MAX:
            raise ValidationError(
                _(
                    "The safe band must end below the acceptable band, both on the pain scale "
                    "from 0 to 10 (now {safe_max} and {acceptable_max})."
                ).format(safe_max=self.safe_max, acceptable_max=self.acceptable_max)
            )

    def band(self, pain: int | None) -> Band | None:
        """The band a pain score falls in; None when pain was not asked."""
        if pain is None:
            return None
        if not 0 <= pain <= PAIN_SCALE_MAX:
            raise ValueError(f"pain {pain} is not on the scale 0-{PAIN_SCALE_MAX}")
        if pain <= self.safe_max:
            return "safe"
        if pain <= self.acceptable_max:
            return "acceptable"
        return "too_high"

    @property
    def is_glad_default(self) -> bool:
        return (self.safe_max, self.acceptable_max) == (GLAD_SAFE_MAX, GLAD_ACCEPTABLE_MAX)

    def label(self) -> str:
        """Where the bands come from and what they are, in the active language."""
        if self.is_glad_default:
            source = _("Pain-monitoring model taken from the GLA:D knee and hip programme")
        else:
            source = _(
                "Adapted from the pain-monitoring model of the GLA:D knee and hip programme "
                "(there 0-2 safe, 3-5 acceptable, above 5 too high)"
            )
        safe = _span(0, self.safe_max)
        acceptable = _span(self.safe_max + 1, self.acceptable_max)
        if self.acceptable_max < PAIN_SCALE_MAX:
            bands = _("{safe} safe, {acceptable} acceptable, above {acceptable_max} too high")
        else:
            bands = _("{safe} safe, {acceptable} acceptable")
        bands = bands.format(safe=safe, acceptable=acceptable, acceptable_max=self.acceptable_max)
        note = _("No pain rule is published for the back programme.")
        return f"{source}: {bands}. {note}"


@dataclass(frozen=True)
class Attempt:
    """One session in which a participant did an exercise."""

    level: int
    pain: int | None  # NRS 0-10; None: not asked, counts for nothing
    easy: bool  # went easily, with control

    def __post_init__(self) -> None:
        if self.level < 1:
            raise ValueError(f"level {self.level} is below 1")
        if self.pain is not None and not 0 <= self.pain <= PAIN_SCALE_MAX:
            raise ValueError(f"pain {self.pain} is not on the scale 0-{PAIN_SCALE_MAX}")


@dataclass(frozen=True)
class Suggestion:
    kind: Kind
    level: int  # for the next session; for "discuss" and "stay" the current level
    reason: str  # in the language active when it was made
    current: int

    @property
    def changes_level(self) -> bool:
        return self.level != self.current


@dataclass(frozen=True)
class ProgressionRule:
    bands: PainBands = field(default_factory=PainBands)
    sessions_in_a_row: int = 2

    def __post_init__(self) -> None:
        if not 1 <= self.sessions_in_a_row <= MAX_SESSIONS_IN_A_ROW:
            raise ValidationError(
                _("The number of sessions in a row must be from 1 to {max}.").format(
                    max=MAX_SESSIONS_IN_A_ROW
                )
            )

    @classmethod
    def from_values(
        cls, safe_max: int, acceptable_max: int, sessions_in_a_row: int
    ) -> ProgressionRule:
        """A rule from stored settings; ValidationError when they do not make sense."""
        return cls(PainBands(safe_max, acceptable_max), sessions_in_a_row)

    def went_well(self, attempt: Attempt) -> bool:
        band = self.bands.band(attempt.pain)
        return band != "too_high" and (attempt.easy or band == "safe")

    def description(self) -> str:
        """The rule in plain words, for settings and help."""
        n = self.sessions_in_a_row
        return ngettext(
            "Suggests one level up after {n} session at the same level that went easily or "
            "with pain in the safe band. Too much pain: suggests talking it over, never a step "
            "down. Nothing changes until you accept.",
            "Suggests one level up after {n} sessions in a row at the same level that went "
            "easily or with pain in the safe band. Too much pain: suggests talking it over, "
            "never a step down. Nothing changes until you accept.",
            n,
        ).format(n=n)


DEFAULT_RULE = ProgressionRule()


def suggest(
    history: Sequence[Attempt], rule: ProgressionRule, max_level: int, starting_level: int = 1
) -> Suggestion:
    """The suggested level for the next session, from one participant's sessions with one
    exercise, oldest first. See the module's docstring for the rule."""
    if not history:
        _check_level(starting_level, max_level)
        reason = _("No sessions recorded yet: start at level {level}").format(level=starting_level)
        return Suggestion("stay", starting_level, reason, starting_level)
    current = history[-1].level
    _check_level(current, max_level)
    run = _since_level_change(history)
    if rule.bands.band(run[-1].pain) == "too_high":
        return _discuss(run, rule, current)
    good = _count_from_end(run, rule.went_well)
    if good >= rule.sessions_in_a_row:
        return _step_up(current, max_level, good)
    return Suggestion("stay", current, _stay_reason(run[-1], rule, good), current)


def _check_level(level: int, max_level: int) -> None:
    # The levels come from stored recordings and programme content: a mismatch is a bug.
    if not 1 <= level <= max_level:
        raise ValueError(f"level {level} is outside 1-{max_level}")


def _since_level_change(history: Sequence[Attempt]) -> Sequence[Attempt]:
    current = history[-1].level
    start = len(history) - _count_from_end(history, lambda a: a.level == current)
    return history[start:]


def _count_from_end(attempts: Sequence[Attempt], test: Callable[[Attempt], bool]) -> int:
    count = 0
    for attempt in reversed(attempts):
        if not test(attempt):
            break
        count += 1
    return count


def _step_up(current: int, max_level: int, good: int) -> Suggestion:
    if current >= max_level:
        reason = _("Top level {level} reached and going well").format(level=current)
        return Suggestion("stay", current, reason, current)
    reason = ngettext(
        "{n} session easy or with pain in the safe band at level {level}",
        "{n} sessions in a row easy or with pain in the safe band at level {level}",
        good,
    ).format(n=good, level=current)
    return Suggestion("up", current + 1, reason, current)


def _discuss(run: Sequence[Attempt], rule: ProgressionRule, current: int) -> Suggestion:
    high = _count_from_end(run, lambda a: rule.bands.band(a.pain) == "too_high")
    if high < REPEATED_HIGH_PAIN:
        reason = _("Pain too high at level {level} last session: talk it over with the participant")
    elif current > 1:
        reason = _(
            "Pain too high {n} sessions in a row at level {level}: talk over with the "
            "participant whether level {lower} suits better"
        )
    else:
        reason = _(
            "Pain too high {n} sessions in a row at level {level}: talk over with the "
            "participant how to adapt the exercise"
        )
    return Suggestion(
        "discuss", current, reason.format(n=high, level=current, lower=current - 1), current
    )


def _stay_reason(latest: Attempt, rule: ProgressionRule, good: int) -> str:
    level = latest.level
    if good:
        return _(
            "{n} of {needed} sessions in a row easy or with pain in the safe band at level {level}"
        ).format(n=good, needed=rule.sessions_in_a_row, level=level)
    if latest.pain is None:
        return _(
            "No pain score and not marked as easy at level {level}: stay at this level"
        ).format(level=level)
    return _("Pain in the acceptable band at level {level}: stay at this level").format(level=level)
