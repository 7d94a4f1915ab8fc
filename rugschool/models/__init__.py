"""What is stored: typed SQLAlchemy entities, the engine, and migrations."""

from rugschool.models.base import Base
from rugschool.models.core import (
    Appointment,
    AppointmentKind,
    CatchUp,
    ClosedDay,
    Enrollment,
    EnrollmentStatus,
    Group,
    GroupKind,
    GroupSession,
    Participant,
    SessionKind,
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
    "Appointment",
    "AppointmentKind",
    "Base",
    "CatchUp",
    "ClosedDay",
    "CoreMessage",
    "Database",
    "EducationSession",
    "EducationTheme",
    "Enrollment",
    "EnrollmentStatus",
    "ExerciseLevel",
    "Group",
    "GroupKind",
    "GroupSession",
    "InstructionHint",
    "Participant",
    "PictureOverride",
    "ProgrammeExercise",
    "ProgrammeVersion",
    "SessionKind",
    "Setting",
    "ThemeMessage",
    "Therapist",
    "group_therapists",
]
