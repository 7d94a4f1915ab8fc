"""Which programme versions the recordings point at, and which groups follow which version.

A recording (an exercise result, a core message covered, the theme of the day) points at
rows of one programme version. Those rows must never change: an edit to a version that
recordings point at is made in a copy (programme_edit), and a group moves to the copy only
when it has no recordings yet, or when the therapist asks for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import exists, select, union
from sqlalchemy.orm import Session

from rugschool.errors import ValidationError
from rugschool.i18n import _
from rugschool.models import (
    CoreMessage,
    Database,
    DayTheme,
    EducationSession,
    EducationTheme,
    ExerciseResult,
    Group,
    GroupSession,
    MessageCoverage,
    ProgrammeExercise,
    ProgrammeVersion,
)
from rugschool.models.migrate import sqlite_path
from rugschool.services.audit import Actor
from rugschool.services.versions import mark_changed

TAKE_ALONG_SUFFIX = ".rugschool"  # services/take_along.SUFFIX, without importing it at start


def refuse_on_a_taken_along_group(db: Database) -> None:
    """A group taken along to a laptop carries the programme for reading only: bringing
    it back merges recordings, never programme versions."""
    path = sqlite_path(db.url) if db.is_sqlite else None
    if path is not None and path.suffix == TAKE_ALONG_SUFFIX:
        raise ValidationError(
            _(
                "This is a group taken along; its programme goes along for reading only. "
                "Change the programme at the practice."
            )
        )


@dataclass(frozen=True)
class GroupOnVersion:
    """A group that follows another version of the programme than the newest."""

    id: int
    name: str
    version_id: int
    started: bool  # it has recordings: moving it is the therapist's choice


def recorded(s: Session, version_id: int) -> bool:
    """True when any recording points at a row of this version."""
    exercises = select(ProgrammeExercise.id).where(ProgrammeExercise.version_id == version_id)
    messages = select(CoreMessage.id).where(CoreMessage.version_id == version_id)
    themes = (
        select(EducationTheme.id)
        .join(EducationSession, EducationTheme.session_id == EducationSession.id)
        .where(EducationSession.version_id == version_id)
    )
    return any(
        s.scalar(select(exists().where(condition)))
        for condition in (
            ExerciseResult.exercise_id.in_(exercises),
            MessageCoverage.message_id.in_(messages),
            DayTheme.theme_id.in_(themes),
        )
    )


def started_groups(s: Session) -> set[int]:
    """The groups with any recording (an exercise result, a message covered, a theme)."""
    sessions = union(
        select(ExerciseResult.session_id),
        select(MessageCoverage.session_id),
        select(DayTheme.session_id).where(DayTheme.theme_id.is_not(None)),
    ).subquery()
    query = select(GroupSession.group_id).where(GroupSession.id.in_(select(sessions.c[0])))
    return set(s.scalars(query.distinct()))


def move_unstarted_groups(s: Session, old_id: int, new_id: int, actor: Actor | None) -> int:
    """Moves the groups on `old_id` that have no recordings yet (and are not archived) to
    `new_id`; returns how many moved."""
    started = started_groups(s)
    groups = s.scalars(
        select(Group).where(Group.programme_version_id == old_id, Group.archived.is_(False))
    ).all()
    moving = [group for group in groups if group.id not in started]
    move_groups(moving, new_id, actor)
    return len(moving)


def move_groups(groups: Iterable[Group], version_id: int, actor: Actor | None) -> None:
    """Levels carry over by exercise key and level number: progress, starting levels and
    charts read keys and numbers, never the rows of one version."""
    for group in groups:
        group.programme_version_id = version_id
        mark_changed(group, actor)


def groups_behind(s: Session, version: ProgrammeVersion) -> list[GroupOnVersion]:
    """The groups (not archived) on an older version in the same language."""
    query = (
        select(Group.id, Group.name, Group.programme_version_id)
        .join(ProgrammeVersion, Group.programme_version_id == ProgrammeVersion.id)
        .where(
            ProgrammeVersion.language == version.language,
            ProgrammeVersion.id != version.id,
            Group.archived.is_(False),
        )
        .order_by(Group.name, Group.id)
    )
    started = started_groups(s)
    return [
        GroupOnVersion(gid, name, version_id or 0, gid in started)
        for gid, name, version_id in s.execute(query)
    ]
