"""What a follow-up questionnaire (3, 6 or 12 months after the start) is printed from: who it
is for, in which language, and the activities they named for the PSK at the intake, so that
they score the same activities again. A fixed four queries, one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rugschool.errors import NotFound, ValidationError
from rugschool.i18n import _
from rugschool.models import Database, Enrollment, Instrument, Measurement, Moment
from rugschool.services.names import full_name
from rugschool.services.scoring import moment_of

FOLLOW_UP_MONTHS: dict[Moment, int] = {
    Moment.FOLLOW_UP_3: 3,
    Moment.FOLLOW_UP_6: 6,
    Moment.FOLLOW_UP_12: 12,
}
_ORDER = {m: i for i, m in enumerate(Moment)}


@dataclass(frozen=True)
class QuestionnaireData:
    enrollment_id: int
    participant_id: int
    first_name: str
    name: str
    language: str  # the participant's: what they read
    group: str
    moment: Moment
    months: int  # after the start: 3, 6 or 12
    activities: tuple[str, ...]  # their PSK activities, as named at the intake; may be empty


def questionnaire_data(db: Database, enrollment_id: int, moment: Moment | str) -> QuestionnaireData:
    """The follow-up questionnaire of one enrollment at 3, 6 or 12 months. The activities
    are the ones named at the intake, else at the earliest moment that has them."""
    moment = moment_of(moment)
    if moment not in FOLLOW_UP_MONTHS:
        raise ValidationError(_("A follow-up questionnaire is made for 3, 6 or 12 months."))
    options = [selectinload(Enrollment.participant), selectinload(Enrollment.group)]
    query = select(Measurement.moment, Measurement.answers).where(
        Measurement.enrollment_id == enrollment_id,
        Measurement.instrument == Instrument.PSK.value,
    )
    with db.transaction() as s:
        enrollment = s.get(Enrollment, enrollment_id, options=options)
        if enrollment is None:
            raise NotFound(_("That enrollment no longer exists."))
        person, group = enrollment.participant, enrollment.group
        found = sorted(s.execute(query).all(), key=lambda row: _ORDER[Moment(row[0])])
        return QuestionnaireData(
            enrollment_id=enrollment.id,
            participant_id=person.id,
            first_name=person.first_name,
            name=full_name(person.first_name, person.name_prefix, person.last_name),
            language=person.language,
            group=group.name,
            moment=moment,
            months=FOLLOW_UP_MONTHS[moment],
            activities=next((names for _m, a in found if (names := _names(a))), ()),
        )


def _names(answers: object) -> tuple[str, ...]:
    entries = answers.get("activities") if isinstance(answers, dict) else None
    if not isinstance(entries, list):
        return ()
    return tuple(str(e[0]) for e in entries if isinstance(e, list) and e and e[0])
