"""Every service over one database, handed to the UI as one object (the UI never sees the
database itself)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rugschool.config import TAKEN_ALONG_SUFFIX
from rugschool.models import Database
from rugschool.models.migrate import sqlite_path
from rugschool.services.audit import Actor, AuditService
from rugschool.services.groups import GroupService
from rugschool.services.measures import MeasureService
from rugschool.services.participants import ParticipantService
from rugschool.services.pictures import PictureService
from rugschool.services.programme import ProgrammeService
from rugschool.services.programme_install import InstallResult, install_default_programmes
from rugschool.services.progression import PainBands, ProgressionRule
from rugschool.services.recording import RecordingService, active_participants
from rugschool.services.schedule import ScheduleService
from rugschool.services.settings import SettingsService
from rugschool.services.therapists import TherapistService

if TYPE_CHECKING:
    from rugschool.services.backups import BackupService
    from rugschool.services.bring_back import BroughtBack, Side
    from rugschool.services.course_flags import CourseFlagService
    from rugschool.services.csv_import import ImportService
    from rugschool.services.demo import DemoResult
    from rugschool.services.handouts import HandoutService
    from rugschool.services.progress import GroupProgress, ParticipantProgress
    from rugschool.services.self_management import SelfManagementService
    from rugschool.services.take_along import TakenAlong


@dataclass
class Services:
    db: Database = field(repr=False)
    data_dir: Path
    participants: ParticipantService = field(init=False)
    groups: GroupService = field(init=False)
    settings: SettingsService = field(init=False)
    programme: ProgrammeService = field(init=False)
    pictures: PictureService = field(init=False)
    therapists: TherapistService = field(init=False)
    schedule: ScheduleService = field(init=False)
    measures: MeasureService = field(init=False)
    actor: Actor = field(init=False)  # the therapist whose profile is unlocked
    audit: AuditService = field(init=False)

    def __post_init__(self) -> None:
        self.actor = Actor()
        self.audit = AuditService(self.db, self.actor)
        self.participants = ParticipantService(self.db, self.actor)
        self.groups = GroupService(self.db, self.actor)
        self.settings = SettingsService(self.db)
        self.programme = ProgrammeService(self.db)
        self.pictures = PictureService(self.db, self.data_dir)
        self.therapists = TherapistService(self.db)
        self.schedule = ScheduleService(self.db, self.actor)
        self.measures = MeasureService(self.db, self.actor)

    # Made when first used: printing and self-management are not needed to start.
    @functools.cached_property
    def handouts(self) -> HandoutService:
        from rugschool.services.handouts import HandoutService

        return HandoutService(self.db, self.pictures)

    @functools.cached_property
    def self_management(self) -> SelfManagementService:
        from rugschool.services.self_management import SelfManagementService

        return SelfManagementService(self.db, self.actor)

    def install_programmes(self) -> list[InstallResult]:
        """The default programme in every language, on first start and after an update."""
        return install_default_programmes(self.db)

    def recording(self, therapist_id: int | None = None) -> RecordingService:
        """A recorder for one session window (it keeps who records, and a small cache)."""
        return RecordingService(self.db, therapist_id)

    def course_flags(self) -> CourseFlagService:
        """The attention flags of a course, with the pain bands in use."""
        from rugschool.services.course_flags import CourseFlagService

        return CourseFlagService(self.db, self.pain_bands())

    def backups(self) -> BackupService:
        """Backups of the local database (refused, with the reason, in clinic mode)."""
        from rugschool.paths import backup_dir
        from rugschool.services.backups import BackupService

        return BackupService(self.db, backup_dir(self.data_dir))

    def pain_bands(self) -> PainBands:
        """The pain bands in use: the practice's own (Instellingen), else the GLA:D default."""
        return self.settings.pain_bands()

    def progression_rule(self) -> ProgressionRule:
        """The rule that suggests the next level, with the practice's parameters."""
        return self.settings.progression_rule()

    def participant_progress(self, participant_id: int, group_id: int) -> ParticipantProgress:
        from rugschool.services.progress import participant_progress

        return participant_progress(self.db, participant_id, group_id)

    def group_progress(self, group_id: int) -> GroupProgress:
        from rugschool.services.progress import group_progress

        return group_progress(self.db, group_id)

    def expected_at(self, session_id: int) -> list[int]:
        """Who is expected at a session: the active people of its group who had started."""
        return active_participants(self.db, session_id)

    @property
    def importer(self) -> ImportService:
        # Made when first used: importing participants is rare, start-up is every day.
        from rugschool.services.csv_import import ImportService

        return ImportService(self.db)

    def load_demo(self, today: dt.date | None = None) -> DemoResult:
        from rugschool.services.demo import load_demo

        return load_demo(self.db, today)

    def is_empty(self) -> bool:
        return self.participants.count() == 0 and not self.groups.rows()

    @property
    def clinic_mode(self) -> bool:
        """The practice's shared database server: backups are the server's business."""
        return not self.db.is_sqlite

    @property
    def taken_along(self) -> bool:
        """True when this database is a group taken along to a laptop (a .rugschool file)."""
        path = sqlite_path(self.db.url) if self.db.is_sqlite else None
        return path is not None and path.suffix == TAKEN_ALONG_SUFFIX

    def take_along(self, group_id: int, target: Path) -> TakenAlong:
        from rugschool.services.take_along import take_along

        return take_along(self.db, group_id, target, self.describe_database())

    def preview_bring_back(self, path: Path) -> BroughtBack:
        from rugschool.services.bring_back import preview

        return preview(self.db, path)

    def bring_back(self, path: Path, choices: Mapping[str, Side]) -> BroughtBack:
        from rugschool.services.bring_back import bring_back

        return bring_back(self.db, path, choices)

    def describe_database(self) -> str:
        """Where the data lives, for the status bar and the About box (no password)."""
        path = sqlite_path(self.db.url) if self.db.is_sqlite else None
        if path is not None:
            return str(path)
        return self.db.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.db.close()
