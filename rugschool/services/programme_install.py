"""Installing the default programme, and updating it when the app ships changed texts.

At every start the default files' digests are compared with those of the newest stored
versions (cheap: two small files hashed, one query). Only when a file changed is it parsed,
merged with the clinic's edits (content_tree.merge), and stored as a new version; the old
version stays, so recordings keep pointing at what was done, and the groups that have not
started yet move to the new one. Default items the practice removed stay removed.

The same conversion between a stored version and a content tree serves the editor (a copy
of a version is its snapshot written again) and the import and export of a programme file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from rugschool.i18n import _
from rugschool.models import (
    CoreMessage,
    Database,
    EducationSession,
    EducationTheme,
    ExerciseLevel,
    InstructionHint,
    ProgrammeExercise,
    ProgrammeVersion,
    ThemeMessage,
)
from rugschool.services.content_tree import Node, merge, same_content
from rugschool.services.programme_file import (
    LANGUAGES,
    ContentError,
    default_programme_file,
    file_digest,
    read_programme,
)
from rugschool.services.programme_versions import move_unstarted_groups

_log = logging.getLogger(__name__)

LEVEL_FIELDS = (
    "instruction",
    "sets",
    "repetitions",
    "hold_seconds",
    "minutes",
    "per_side",
    "equipment",
    "picture",
)
MESSAGE_FIELDS = ("title", "theme", "gain", "explanation", "talking_points")


@dataclass(frozen=True)
class InstallResult:
    language: str
    version_id: int
    created: bool  # False: the stored version was already up to date


def install_default_programmes(
    db: Database, languages: tuple[str, ...] = LANGUAGES
) -> list[InstallResult]:
    return [install_default_programme(db, language) for language in languages]


def install_default_programme(db: Database, language: str) -> InstallResult:
    path = default_programme_file(language)
    try:
        digest = file_digest(path)
    except FileNotFoundError as error:
        raise ContentError(path.name, "", _("the file is missing")) from error
    with db.transaction() as s:
        newest = s.execute(
            select(ProgrammeVersion.id, ProgrammeVersion.source_digest)
            .where(ProgrammeVersion.language == language)
            .order_by(ProgrammeVersion.id.desc())
            .limit(1)
        ).first()
        if newest is not None and newest.source_digest == digest:
            return InstallResult(language, newest.id, created=False)  # the usual start
        default = read_programme(path, language)
        latest = latest_version(s, language)
        if latest is None:
            version = write_version(s, default, language, digest)
        else:
            old = snapshot(latest)
            merged = merge(old, without_removed(default, old, set(latest.removed)))
            if same_content(merged, old):
                latest.source_digest = digest
                return InstallResult(language, latest.id, created=False)
            version = write_version(
                s, merged, language, digest, based_on=latest.id, removed=latest.removed
            )
            version.source_file = latest.source_file
            move_unstarted_groups(s, latest.id, version.id, None)
        _log.info("stored programme version %s (%s) from %s", version.id, language, path.name)
        return InstallResult(language, version.id, created=True)


def without_removed(default: Node, old: Node, removed: set[str], prefix: str = "") -> Node:
    """The new default without what the practice removed (`removed` paths) and without the
    default items that share a key with an item of the practice's own: theirs wins."""
    own = {child.identity(): child for child in old.children}
    children = []
    for child in default.children:
        path = f"{prefix}{child.kind}:{child.key}"
        mine = own.get(child.identity())
        if path in removed or (mine is not None and not mine.shipped):
            continue
        if mine is not None:
            child = without_removed(child, mine, removed, path + "/")
        children.append(child)
    return replace(default, children=children)


WHOLE_VERSION = (
    selectinload(ProgrammeVersion.exercises).selectinload(ProgrammeExercise.levels),
    selectinload(ProgrammeVersion.core_messages),
    selectinload(ProgrammeVersion.education_sessions)
    .selectinload(EducationSession.themes)
    .selectinload(EducationTheme.message_links)
    .selectinload(ThemeMessage.message),
    selectinload(ProgrammeVersion.hints),
)
"""Loader options that read a whole version in a few queries instead of one per item."""


def latest_version(s: Session, language: str) -> ProgrammeVersion | None:
    query = (
        select(ProgrammeVersion)
        .where(ProgrammeVersion.language == language)
        .order_by(ProgrammeVersion.id.desc())
        .limit(1)
        .options(*WHOLE_VERSION)
    )
    return s.scalars(query).first()


# ------------------------------------------------------------------ database to tree


def _values(row: object, fields: tuple[str, ...]) -> dict[str, object]:
    return {name: getattr(row, name) for name in fields}


def level_key(level: ExerciseLevel) -> str:
    """A level's identity in a content tree: its number in the default programme, so that
    it still meets its own default texts after an earlier level was removed; a level of the
    practice's own gets a key no default level has."""
    if level.default_number is not None:
        return str(level.default_number)
    return f"own-{level.number}"


def snapshot(version: ProgrammeVersion) -> Node:
    """A stored version as a content tree, in the same order a content file gives."""
    children: list[Node] = []
    for exercise in version.exercises:
        levels = [
            Node("level", level_key(level), _values(level, LEVEL_FIELDS), dict(level.shipped))
            for level in exercise.levels
        ]
        children.append(
            Node(
                "exercise",
                exercise.key,
                _values(exercise, ("kind", "name", "purpose")),
                dict(exercise.shipped),
                levels,
            )
        )
    children += [
        Node("message", m.key, _values(m, MESSAGE_FIELDS), dict(m.shipped))
        for m in version.core_messages
    ]
    children += [_session_node(session) for session in version.education_sessions]
    children += [
        Node("hint", h.key, _values(h, ("title", "text")), dict(h.shipped)) for h in version.hints
    ]
    return Node(
        "version",
        version.language,
        _values(version, ("name", "description")),
        dict(version.shipped),
        children,
    )


def _session_node(session: EducationSession) -> Node:
    themes = [
        Node(
            "theme",
            t.key,
            _values(t, ("title", "summary")),
            dict(t.shipped),
            links=tuple(m.key for m in t.messages),
        )
        for t in session.themes
    ]
    values = _values(session, ("title", "minutes", "description"))
    return Node("session", session.key, values, dict(session.shipped), themes)


# ------------------------------------------------------------------ tree to database


def write_version(
    s: Session,
    tree: Node,
    language: str,
    digest: str,
    *,
    based_on: int | None = None,
    removed: Iterable[str] = (),
) -> ProgrammeVersion:
    """Stores `tree` as a new version. Levels are numbered 1, 2, 3, … in the tree's order;
    a level with shipped values keeps its default number (its key)."""
    version = ProgrammeVersion(
        language=language,
        source_digest=digest,
        shipped=tree.shipped,
        based_on_id=based_on,
        removed=sorted(set(removed)),
        **tree.values,
    )
    version.exercises = [
        _exercise_row(node, position) for position, node in enumerate(tree.children_of("exercise"))
    ]
    messages = {}
    for number, node in enumerate(tree.children_of("message"), 1):
        messages[node.key] = CoreMessage(
            key=node.key, number=number, shipped=node.shipped, **node.values
        )
        version.core_messages.append(messages[node.key])
    version.education_sessions = [
        _session_row(node, number, messages)
        for number, node in enumerate(tree.children_of("session"), 1)
    ]
    version.hints = [
        InstructionHint(key=node.key, position=position, shipped=node.shipped, **node.values)
        for position, node in enumerate(tree.children_of("hint"))
    ]
    s.add(version)
    s.flush()
    return version


def _exercise_row(node: Node, position: int) -> ProgrammeExercise:
    exercise = ProgrammeExercise(
        key=node.key, position=position, shipped=node.shipped, **node.values
    )
    exercise.levels = [
        ExerciseLevel(
            number=number,
            shipped=level.shipped,
            default_number=int(level.key) if level.shipped and level.key.isdigit() else None,
            **level.values,
        )
        for number, level in enumerate(node.children, 1)
    ]
    return exercise


def _session_row(node: Node, number: int, messages: dict[str, CoreMessage]) -> EducationSession:
    session = EducationSession(key=node.key, number=number, shipped=node.shipped, **node.values)
    for position, theme_node in enumerate(node.children):
        theme = EducationTheme(
            key=theme_node.key, position=position, shipped=theme_node.shipped, **theme_node.values
        )
        theme.message_links = [
            ThemeMessage(message=messages[k], position=i)
            for i, k in enumerate(k for k in theme_node.links if k in messages)
        ]
        session.themes.append(theme)
    return session
