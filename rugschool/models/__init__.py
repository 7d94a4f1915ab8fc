"""What is stored: typed SQLAlchemy entities, the engine, and migrations."""

from rugschool.models.base import Base
from rugschool.models.core import (
    Enrollment,
    EnrollmentStatus,
    Group,
    Participant,
    Setting,
    Therapist,
    group_therapists,
)
from rugschool.models.database import Database

__all__ = [
    "Base",
    "Database",
    "Enrollment",
    "EnrollmentStatus",
    "Group",
    "Participant",
    "Setting",
    "Therapist",
    "group_therapists",
]
