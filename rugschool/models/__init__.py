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
from rugschool.models.recording import Attendance, DayTheme, ExerciseResult, MessageCoverage

__all__ = [
    "Appointment",
    "AppointmentKind",
    "Attendance",
    "Base",
    "CatchUp",
    "ClosedDay",
    "CoreMessage",
    "Database",
    "DayTheme",
    "EducationSession",
    "EducationTheme",
    "Enrollment",
    "EnrollmentStatus",
    "ExerciseLevel",
    "ExerciseResult",
    "Group",
    "GroupKind",
    "GroupSession",
    "InstructionHint",
    "MessageCoverage",
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
