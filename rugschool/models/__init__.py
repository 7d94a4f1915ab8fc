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
from rugschool.models.programme import (
    CoreMessage,
    EducationSession,
    EducationTheme,
    ExerciseLevel,
    InstructionHint,
    PictureOverride,
    ProgrammeExercise,
    ProgrammeVersion,
    ThemeMessage,
)

__all__ = [
    "Base",
    "CoreMessage",
    "Database",
    "EducationSession",
    "EducationTheme",
    "Enrollment",
    "EnrollmentStatus",
    "ExerciseLevel",
    "Group",
    "InstructionHint",
    "Participant",
    "PictureOverride",
    "ProgrammeExercise",
    "ProgrammeVersion",
    "Setting",
    "ThemeMessage",
    "Therapist",
    "group_therapists",
]
