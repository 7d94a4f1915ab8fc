"""The errors a user can act on.

A `RugschoolError` is shown as a message in the user's language (status bar, message box or
one line on the command line) and never as a crash. Anything else is a bug: it goes to the
crash dialog and the log. Messages are made where the error is raised, with `_()`, so they
are in the language that was active then.
"""

from __future__ import annotations


class RugschoolError(Exception):
    """Something the user can act on: shown as a message, never as a crash."""

    exit_code = 1


class DatabaseError(RugschoolError):
    """The database cannot be opened or used as it is."""


class DatabaseTooNew(DatabaseError):
    """A newer version of Rugschool made this database; this version will not touch it."""

    exit_code = 3


class NotARugschoolDatabase(DatabaseError):
    """The file is a database, or something else, but not one of ours."""

    exit_code = 4


class DatabaseDamaged(NotARugschoolDatabase):
    """The database file is there but SQLite cannot read it: damaged, never overwritten."""

    exit_code = 13


class ValidationError(RugschoolError):
    """Input that cannot be stored as it is."""

    exit_code = 2


class NotFound(RugschoolError):
    """A record that was asked for by id does not exist."""

    exit_code = 5


class ExportError(RugschoolError):
    """A document or export file cannot be written where it was asked for."""

    exit_code = 9
