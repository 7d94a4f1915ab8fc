"""Scoring the outcome measures, as pure functions tested without a database: which answers
each instrument takes, the score they give, whether a change is better or worse, which
instruments each moment asks for and when a moment is due. rugschool.services.measures
stores what these score.

Answers are kept as entered (the JSON of `Measurement.answers`), in one shape per
instrument; `assess()` checks them, returns them tidied and scores them:

- NPRS: {"back": 0-10, "leg": 0-10 or None}
- PSK: {"activities": [[name, 0-10 or None], ...]} (one to three)
- QBPDS: {"items": [0-5 or None] * 20}
- ODI: {"total": 0-100}; FABQ-PA: {"total": 0-24}
- the clinician's tests: {"value": number}; sit-to-stand also {"unit": "reps" | "seconds"}
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from statistics import fmean

from rugschool.errors import ValidationError
from rugschool.i18n import N_, _
from rugschool.models import AppointmentKind, Instrument, Moment

Answers = Mapping[str, object]

REPS, SECONDS = "reps", "seconds"  # sit-to-stand: repetitions in 30 s, or seconds for five
QBPDS_ITEMS = 20
QBPDS_MAX_MISSING = 2
PSK_MAX_ACTIVITIES = 3
DUE_WINDOW = dt.timedelta(days=14)  # a moment is due from 14 days before to 14 days after
# How long Vandaag keeps listing a moment or an appointment that was missed: half a year.
# Older ones are past helping (a three-month follow-up taken at nine months says little) and
# stay visible in the person's own progress window; it also keeps ten years of a practice
# from being read at every start.
OVERDUE_REACH = dt.timedelta(days=183)


@dataclass(frozen=True)
class Assessed:
    """Answers checked and tidied, with the score they give (None: too much missing)."""

    answers: dict[str, object]
    score: float | None


@dataclass(frozen=True)
class Change:
    """`after - before`, and whether that is better (None: no change)."""

    difference: float
    improved: bool | None


class MomentStatus(enum.StrEnum):
    DONE = "done"  # every instrument the moment asks for is recorded
    NOT_YET = "not_yet"  # more than 14 days before the due date, or no due date yet
    DUE = "due"  # within 14 days of the due date, either side
    OVERDUE = "overdue"  # more than 14 days after the due date, still not done


# ------------------------------------------------------------------ checking numbers


def _number(value: object, low: float, high: float, message: str, whole: bool = False) -> float:
    """`value` as a number from `low` to `high`; `whole`: an integer (7.0 counts as 7).
    Booleans, text, NaN and infinity are refused with `message`; so is any whole number
    out of range, however large (math.isfinite cannot take one beyond a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(message)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(message)
    if not low <= value <= high or (whole and not float(value).is_integer()):
        raise ValidationError(message)
    return int(value) if whole else float(value)


def _whole(value: object, high: int, message: str) -> int:
    return int(_number(value, 0, high, message, whole=True))


# ------------------------------------------------------------------ the instruments


def assess_nprs(answers: Answers) -> Assessed:
    """Numeric pain rating: pain in the low back and in the leg, each a whole number from 0
    (no pain) to 10 (worst imaginable). The score is the back pain; leg pain is kept with
    the answers and may be left out (None) when it was not asked."""
    message = _("Back pain and leg pain are each scored as a whole number from 0 to 10.")
    back = _whole(answers.get("back"), 10, message)
    leg = answers.get("leg")
    leg = None if leg is None else _whole(leg, 10, message)
    return Assessed({"back": back, "leg": leg}, float(back))


def _psk_activity(entry: object) -> list[object]:
    if not isinstance(entry, list | tuple) or len(entry) != 2:
        raise ValidationError(_("Give each activity a name and a score."))
    given, rating = entry
    name = " ".join(given.split()) if isinstance(given, str) else ""
    if not name:
        raise ValidationError(_("Give each activity a name."))
    message = _("Score each activity as a whole number from 0 (no difficulty) to 10 (impossible).")
    return [name, None if rating is None else _whole(rating, 10, message)]


def assess_psk(answers: Answers) -> Assessed:
    """Patient Specific Complaints: one to three activities the participant names, each a
    whole number from 0 (no difficulty) to 10 (impossible), or None when not scored this
    time. The score is the mean of the scored activities; None when none was scored.
    Names are tidied (spaces) and must differ (case aside)."""
    entries = answers.get("activities")
    if not isinstance(entries, list | tuple) or not 1 <= len(entries) <= PSK_MAX_ACTIVITIES:
        raise ValidationError(_("Name one, two or three activities."))
    activities = [_psk_activity(entry) for entry in entries]
    names = [str(name).casefold() for name, _rating in activities]
    if len(set(names)) != len(names):
        raise ValidationError(_("Name each activity once."))
    scored = [float(r) for _name, r in activities if isinstance(r, int)]
    return Assessed({"activities": activities}, fmean(scored) if scored else None)


def qbpds_total(items: list[int | None]) -> float | None:
    """Quebec Back Pain Disability Scale: 20 items, each 0 (no difficulty) to 5 (unable);
    the total is their sum, 0-100, higher = more disability. Missing items (None): with up
    to two missing, the sum is prorated to 20 items, round(sum * 20 / answered); with three
    or more missing there is no total (None). A tie never occurs in the rounding: with 18
    or 19 answered, sum * 20 / answered is never exactly halfway between whole numbers."""
    answered = [item for item in items if item is not None]
    if not answered or len(items) - len(answered) > QBPDS_MAX_MISSING:
        return None
    return float(round(sum(answered) * QBPDS_ITEMS / len(answered)))


def assess_qbpds(answers: Answers) -> Assessed:
    """The 20 QBPDS items, each a whole number 0-5 or None (not answered); see
    `qbpds_total` for the score."""
    items = answers.get("items")
    if not isinstance(items, list | tuple) or len(items) != QBPDS_ITEMS:
        raise ValidationError(_("The Quebec scale has 20 items."))
    message = _("Each Quebec item is scored as a whole number from 0 to 5.")
    checked = [None if item is None else _whole(item, 5, message) for item in items]
    return Assessed({"items": checked}, qbpds_total(checked))


def assess_odi(answers: Answers) -> Assessed:
    """Oswestry Disability Index: the total only (the items are copyrighted), a percentage
    from 0 to 100, higher = more disability. The score is the total."""
    message = _("The Oswestry total is a percentage from 0 to 100.")
    total = _number(answers.get("total"), 0, 100, message)
    return Assessed({"total": total}, total)


def assess_fabq_pa(answers: Answers) -> Assessed:
    """Fear-Avoidance Beliefs, physical activity scale: the total only (copyrighted
    items), a whole number from 0 to 24, higher = more fear of activity."""
    message = _("The FABQ physical activity total is a whole number from 0 to 24.")
    total = _whole(answers.get("total"), 24, message)
    return Assessed({"total": total}, float(total))


def assess_forward_bend(answers: Answers) -> Assessed:
    """Standing forward bend: the distance from fingertips to floor in cm, 0 (touches the
    floor) to 100. The score is the distance; lower is better."""
    message = _("The forward bend is measured in centimetres, from 0 to 100.")
    value = _number(answers.get("value"), 0, 100, message)
    return Assessed({"value": value}, value)


def assess_endurance(answers: Answers) -> Assessed:
    """Back-extensor (Ito) or trunk-flexor endurance: how long the position is held, 0 to
    600 seconds. The score is the time; higher is better."""
    message = _("An endurance test lasts from 0 to 600 seconds.")
    value = _number(answers.get("value"), 0, 600, message)
    return Assessed({"value": value}, value)


def _sit_to_stand_unit(unit: object) -> str:
    if unit not in (REPS, SECONDS):
        message = _("Give sit-to-stand in repetitions (in 30 seconds) or seconds (for five).")
        raise ValidationError(message)
    return str(unit)


def assess_sit_to_stand(answers: Answers) -> Assessed:
    """Sit-to-stand, in one of two forms: the repetitions done in 30 seconds (a whole number
    0-60, higher is better), or the seconds five repetitions take (more than 0, at most
    600, lower is better). The score is the value, in its unit."""
    unit, value = _sit_to_stand_unit(answers.get("unit")), answers.get("value")
    if unit == REPS:
        message = _("Sit-to-stand repetitions in 30 seconds are a whole number from 0 to 60.")
        reps = _whole(value, 60, message)
        return Assessed({"value": reps, "unit": unit}, float(reps))
    message = _("Five sit-to-stands take more than 0 and at most 600 seconds.")
    seconds = _number(value, 0, 600, message)
    if seconds == 0:
        raise ValidationError(message)
    return Assessed({"value": seconds, "unit": unit}, seconds)


_ASSESS: dict[Instrument, Callable[[Answers], Assessed]] = {
    Instrument.NPRS: assess_nprs,
    Instrument.PSK: assess_psk,
    Instrument.QBPDS: assess_qbpds,
    Instrument.ODI: assess_odi,
    Instrument.FABQ_PA: assess_fabq_pa,
    Instrument.FORWARD_BEND: assess_forward_bend,
    Instrument.EXTENSOR_ENDURANCE: assess_endurance,
    Instrument.FLEXOR_ENDURANCE: assess_endurance,
    Instrument.SIT_TO_STAND: assess_sit_to_stand,
}


def instrument_of(value: str) -> Instrument:
    """The instrument by its stored value; a ValidationError for one we do not know."""
    try:
        return Instrument(value)
    except ValueError:
        raise ValidationError(_("There is no measure {name}.").format(name=value)) from None


def moment_of(value: str) -> Moment:
    try:
        return Moment(value)
    except ValueError:
        raise ValidationError(
            _("There is no measuring moment {name}.").format(name=value)
        ) from None


def assess(instrument: Instrument | str, answers: Answers) -> Assessed:
    """Checks the answers for an instrument (ValidationError with the reason), tidies them
    and scores them."""
    return _ASSESS[instrument_of(instrument)](answers)


def score(instrument: Instrument | str, answers: Answers) -> float | None:
    """The score the answers give; None only where a rule says so (too many QBPDS items
    missing, no PSK activity scored)."""
    return assess(instrument, answers).score


# ------------------------------------------------------------------ change


def lower_is_better(instrument: Instrument, unit: str = REPS) -> bool:
    """Pain, complaints, disability, fear and the forward-bend distance go down as someone
    gets better; endurance and sit-to-stand repetitions go up; sit-to-stand seconds (the
    time for five) go down."""
    if instrument is Instrument.SIT_TO_STAND:
        return unit == SECONDS
    return instrument not in (Instrument.EXTENSOR_ENDURANCE, Instrument.FLEXOR_ENDURANCE)


def change(instrument: Instrument, before: float, after: float, unit: str = REPS) -> Change:
    """From `before` to `after`: the difference `after - before` and whether it is better
    for this instrument (`unit` for sit-to-stand); None when the two are equal."""
    if instrument is Instrument.SIT_TO_STAND:
        _sit_to_stand_unit(unit)
    difference = after - before
    if math.isclose(after, before, abs_tol=1e-9):
        return Change(0.0, None)
    return Change(difference, (difference < 0) == lower_is_better(instrument, unit))


# ------------------------------------------------------------------ moments

_TESTS = (
    Instrument.FORWARD_BEND,
    Instrument.EXTENSOR_ENDURANCE,
    Instrument.FLEXOR_ENDURANCE,
    Instrument.SIT_TO_STAND,
)
_FOLLOW_UP = (Instrument.NPRS, Instrument.PSK, Instrument.QBPDS, Instrument.ODI)
# What each moment asks: everything at the intake; pain and the own activities halfway;
# the questionnaires and the tests again at the end; the questionnaires at follow-ups.
ASKED: dict[Moment, tuple[Instrument, ...]] = {
    Moment.INTAKE: tuple(Instrument),
    Moment.MID: (Instrument.NPRS, Instrument.PSK),
    Moment.END: (*_FOLLOW_UP, Instrument.FABQ_PA, *_TESTS),
    Moment.FOLLOW_UP_3: _FOLLOW_UP,
    Moment.FOLLOW_UP_6: _FOLLOW_UP,
    Moment.FOLLOW_UP_12: _FOLLOW_UP,
}
# The moments that fall on an individual appointment; the mid-course one falls in the course.
APPOINTMENT_MOMENTS: dict[str, Moment] = {
    AppointmentKind.INTAKE.value: Moment.INTAKE,
    AppointmentKind.FINAL.value: Moment.END,
    AppointmentKind.FOLLOW_UP_3.value: Moment.FOLLOW_UP_3,
    AppointmentKind.FOLLOW_UP_6.value: Moment.FOLLOW_UP_6,
    AppointmentKind.FOLLOW_UP_12.value: Moment.FOLLOW_UP_12,
}


def mid_course_due(first_exercise: dt.date | None) -> dt.date | None:
    """The mid-course moment is weeks 3-4 of the person's own course, week 1 being the
    calendar week of their first exercise session: it is due on the Monday of week 3, so
    the window (14 days either side) closes on the Monday of week 5."""
    if first_exercise is None:
        return None
    return first_exercise - dt.timedelta(days=first_exercise.weekday()) + dt.timedelta(weeks=2)


def moment_dues(
    appointment_dues: Mapping[str, dt.date], first_exercise: dt.date | None
) -> dict[Moment, dt.date | None]:
    """Every moment's due date, in moment order: the due date of its appointment (intake,
    final visit, follow-ups), the mid-course one from the course; None: not planned yet."""
    dues: dict[Moment, dt.date | None] = dict.fromkeys(Moment)
    for kind, due in appointment_dues.items():
        if kind in APPOINTMENT_MOMENTS:
            dues[APPOINTMENT_MOMENTS[kind]] = due
    dues[Moment.MID] = mid_course_due(first_exercise)
    return dues


def moment_status(due: dt.date | None, today: dt.date, done: bool) -> MomentStatus:
    """Done once done; otherwise by the window of 14 days either side of the due date,
    both edges included in "due": before it "not_yet", after it "overdue". A moment
    without a due date (not planned yet) is "not_yet"."""
    if done:
        return MomentStatus.DONE
    if due is None or today < due - DUE_WINDOW:
        return MomentStatus.NOT_YET
    if today > due + DUE_WINDOW:
        return MomentStatus.OVERDUE
    return MomentStatus.DUE


# ------------------------------------------------------------------ labels

# The questionnaires keep their international short names in every language; the tests'
# names are translated.
_NAMES: dict[Instrument, str] = {
    Instrument.NPRS: "NPRS",
    Instrument.PSK: "PSK",
    Instrument.QBPDS: "QBPDS",
    Instrument.ODI: "ODI",
    Instrument.FABQ_PA: "FABQ-PA",
    Instrument.FORWARD_BEND: N_("Forward bend"),
    Instrument.EXTENSOR_ENDURANCE: N_("Back-extensor endurance"),
    Instrument.FLEXOR_ENDURANCE: N_("Trunk-flexor endurance"),
    Instrument.SIT_TO_STAND: N_("Sit-to-stand"),
}
_DESCRIPTIONS: dict[Instrument, str] = {
    Instrument.NPRS: N_("Pain in the low back and in the leg, 0 (none) to 10 (worst imaginable)"),
    Instrument.PSK: N_(
        "Patient Specific Complaints: up to three activities, 0 (no difficulty) to 10 (impossible)"
    ),
    Instrument.QBPDS: N_("Quebec Back Pain Disability Scale: 20 activities, total 0-100"),
    Instrument.ODI: N_("Oswestry Disability Index: total 0-100 %"),
    Instrument.FABQ_PA: N_("Fear-Avoidance Beliefs, physical activity: total 0-24"),
    Instrument.FORWARD_BEND: N_("Standing forward bend: fingertips to floor, in cm"),
    Instrument.EXTENSOR_ENDURANCE: N_("Back-extensor endurance (Ito test), in seconds"),
    Instrument.FLEXOR_ENDURANCE: N_("Trunk-flexor endurance, in seconds"),
    Instrument.SIT_TO_STAND: N_("Sit-to-stand: repetitions in 30 seconds, or seconds for five"),
}
_MOMENT_NAMES: dict[Moment, str] = {
    Moment.INTAKE: N_("Intake"),
    Moment.MID: N_("Mid-course"),
    Moment.END: N_("End of course"),
    Moment.FOLLOW_UP_3: N_("Follow-up after 3 months"),
    Moment.FOLLOW_UP_6: N_("Follow-up after 6 months"),
    Moment.FOLLOW_UP_12: N_("Follow-up after 12 months"),
}
_STATUS_NAMES: dict[MomentStatus, str] = {
    MomentStatus.DONE: N_("done"),
    MomentStatus.NOT_YET: N_("not yet"),
    MomentStatus.DUE: N_("due"),
    MomentStatus.OVERDUE: N_("overdue"),
}
_UNIT_NAMES = {REPS: N_("repetitions in 30 seconds"), SECONDS: N_("seconds for five")}
# The QBPDS activities in our own short words (not the questionnaire's wording), in order.
QBPDS_ITEM_LABELS: tuple[str, ...] = (
    N_("Getting out of bed"),
    N_("Sleeping through the night"),
    N_("Turning over in bed"),
    N_("Riding in a car"),
    N_("Standing for 20 to 30 minutes"),
    N_("Sitting in a chair for several hours"),
    N_("Climbing one flight of stairs"),
    N_("Walking a few blocks"),
    N_("Walking several kilometres"),
    N_("Reaching up to a high shelf"),
    N_("Throwing a ball"),
    N_("Running a short distance"),
    N_("Taking food out of the fridge"),
    N_("Making a bed"),
    N_("Putting on socks"),
    N_("Bending over to clean the bathtub"),
    N_("Moving a chair"),
    N_("Pulling or pushing a heavy door"),
    N_("Carrying two bags of groceries"),
    N_("Lifting and carrying a heavy suitcase"),
)


def instrument_name(instrument: Instrument) -> str:
    """As the reports name it: the questionnaires' short names untranslated, the tests'
    names in the current language."""
    return _(_NAMES[instrument]) if instrument in _TESTS else _NAMES[instrument]


def instrument_description(instrument: Instrument) -> str:
    return _(_DESCRIPTIONS[instrument])


def moment_name(moment: Moment) -> str:
    return _(_MOMENT_NAMES[moment])


def status_name(status: MomentStatus) -> str:
    return _(_STATUS_NAMES[status])


def unit_name(unit: str) -> str:
    """A sit-to-stand unit ("reps", "seconds") in words."""
    return _(_UNIT_NAMES[unit])


def qbpds_item_labels() -> list[str]:
    return [_(label) for label in QBPDS_ITEM_LABELS]
