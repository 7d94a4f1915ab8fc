"""Groups: one run of the programme each, with its therapists and enrolled participants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from rugschool.errors import NotFound
from rugschool.i18n import _
from rugschool.models import Database, EnrollmentStatus, Group


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    location: str
    start_date: dt.date | None
    max_size: int
    archived: bool
    therapists: tuple[str, ...]
    active_count: int
    enrolled_count: int


def _row(g: Group) -> GroupRow:
    statuses = [e.status for e in g.enrollments]
    return GroupRow(
        id=g.id,
        name=g.name,
        location=g.location,
        start_date=g.start_date,
        max_size=g.max_size,
        archived=g.archived,
        therapists=tuple(t.name for t in g.therapists),
        active_count=statuses.count(EnrollmentStatus.ACTIVE.value),
        enrolled_count=len(statuses),
    )


def _group_query() -> Select[Group]:
    # Therapists and enrollments in two extra queries for all groups, not one per group.
    return select(Group).options(selectinload(Group.therapists), selectinload(Group.enrollments))


class GroupService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> list[GroupRow]:
        """Every group, ordered by id."""
        with self._db.transaction() as s:
            return [_row(g) for g in s.scalars(_group_query().order_by(Group.id))]

    def get(self, group_id: int) -> GroupRow:
        with self._db.transaction() as s:
            group = s.scalars(_group_query().where(Group.id == group_id)).one_or_none()
            if group is None:
                raise NotFound(_("There is no group with number {id}.").format(id=group_id))
            return _row(group)
