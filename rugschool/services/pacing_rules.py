"""The rules of a pacing week plan (seed 003), pure and tested without a database.

Against the pattern of doing everything on a good day and paying for it after, the seed
advises spreading activities over the day and the week, alternating effort and rest, and
alternating what must be done with what one wants to do (what gives energy). A week plan
is a list of blocks, each on a weekday (ISO, 1 = Monday) and part of the day, in order within
that part. `pacing_hints` reads a plan and says in plain language where it goes against the
advice; it only advises, it never refuses a plan.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rugschool.errors import ValidationError
from rugschool.i18n import N_, _
from rugschool.models import DayPart
from rugschool.services.names import one_line


class BlockKind(enum.StrEnum):
    EFFORT = "effort"
    REST = "rest"


class Need(enum.StrEnum):
    MUST = "must"  # has to be done ("moeten")
    WANT = "want"  # enjoyable or important to them ("willen")


DAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
DAY_PART_NAMES = {
    DayPart.MORNING.value: N_("morning"),
    DayPart.AFTERNOON.value: N_("afternoon"),
    DayPart.EVENING.value: N_("evening"),
}
KIND_NAMES = {BlockKind.EFFORT.value: N_("effort"), BlockKind.REST.value: N_("rest")}
NEED_NAMES = {Need.MUST.value: N_("must"), Need.WANT.value: N_("want")}
_PART_ORDER = {part.value: index for index, part in enumerate(DayPart)}


def day_name(weekday: int) -> str:
    return _(DAY_NAMES[weekday - 1])


def day_part_name(day_part: str) -> str:
    return _(DAY_PART_NAMES[day_part])


@dataclass(frozen=True)
class PacingBlock:
    """One block of the week plan: an activity on a weekday and part of the day."""

    weekday: int  # ISO: 1 = Monday
    day_part: str  # a DayPart value
    activity: str
    kind: str = BlockKind.EFFORT.value
    need: str = Need.MUST.value
    position: int = 0  # order within the day part; as input only the order counts


def _check_block(block: PacingBlock) -> PacingBlock:
    if not 1 <= block.weekday <= 7:
        raise ValidationError(_("Choose a day from Monday to Sunday."))
    if block.day_part not in DAY_PART_NAMES:
        raise ValidationError(_("Choose morning, afternoon or evening."))
    if block.kind not in KIND_NAMES:
        raise ValidationError(_("A block is effort or rest."))
    if block.need not in NEED_NAMES:
        raise ValidationError(_("A block is something that must be done or something wanted."))
    activity = one_line(block.activity)  # a pasted NUL or tab is no activity
    if not activity:
        raise ValidationError(_("Say what the activity is."))
    return replace(block, activity=activity)


def _slot(block: PacingBlock) -> tuple[int, int]:
    return block.weekday, _PART_ORDER[block.day_part]


def in_week_order(blocks: Iterable[PacingBlock]) -> list[PacingBlock]:
    """By day, part of the day (morning, afternoon, evening) and position."""
    return sorted(blocks, key=lambda b: (*_slot(b), b.position))  # sorted() is stable


def check_week_plan(blocks: Sequence[PacingBlock]) -> list[PacingBlock]:
    """The plan checked and in order (day, part of the day, position), numbered 1, 2, ...
    within each part of the day in the order given (by position, then as listed)."""
    ordered = in_week_order(_check_block(block) for block in blocks)
    plan: list[PacingBlock] = []
    for _key, in_part in itertools.groupby(ordered, key=_slot):
        plan.extend(replace(block, position=n) for n, block in enumerate(in_part, start=1))
    return plan


class HintKind(enum.StrEnum):
    NO_REST = "no_rest"  # a day with effort and no rest at all
    EFFORT_IN_A_ROW = "effort_in_a_row"  # two effort blocks with no rest between them
    NO_WANT = "no_want"  # a day with only what must be done


@dataclass(frozen=True)
class PacingHint:
    kind: HintKind
    weekday: int
    day_part: str | None  # the part of the day it is about, None for the whole day
    text: str


def pacing_hints(blocks: Iterable[PacingBlock]) -> list[PacingHint]:
    """Plain-language hints where the plan goes against the seed's advice, per day in week
    order: a day with only effort and no rest; effort blocks back to back within a part of
    the day (on a day that has rest at all; a day without any says so once); a day with
    only "must" and no "want". Days without blocks get no hints. Two parts of the day are
    not back to back: a meal lies between them."""
    ordered = in_week_order(blocks)
    hints: list[PacingHint] = []
    for weekday, in_day in itertools.groupby(ordered, key=lambda b: b.weekday):
        hints.extend(_day_hints(weekday, list(in_day)))
    return hints


def _day_hints(weekday: int, day: list[PacingBlock]) -> list[PacingHint]:
    hints = []
    name = day_name(weekday)
    if all(block.kind == BlockKind.EFFORT for block in day):
        text = _("On {day} there is only effort and no rest: plan a rest as well.")
        hints.append(PacingHint(HintKind.NO_REST, weekday, None, text.format(day=name)))
    else:
        hints.extend(_effort_in_a_row(weekday, day))
    if all(block.need == Need.MUST for block in day):
        text = _(
            "On {day} there is only what must be done: plan something enjoyable or "
            "important as well."
        )
        hints.append(PacingHint(HintKind.NO_WANT, weekday, None, text.format(day=name)))
    return hints


def _effort_in_a_row(weekday: int, day: list[PacingBlock]) -> list[PacingHint]:
    hints = []
    for first, second in itertools.pairwise(day):
        same_part = first.day_part == second.day_part
        if same_part and first.kind == second.kind == BlockKind.EFFORT:
            text = _(
                "On {day} in the {part}, “{first}” and “{second}” follow each other "
                "without rest: take a break in between."
            ).format(
                day=day_name(weekday),
                part=day_part_name(first.day_part),
                first=first.activity,
                second=second.activity,
            )
            hints.append(PacingHint(HintKind.EFFORT_IN_A_ROW, weekday, first.day_part, text))
    return hints
