"""What the Programma screen's edit controls do: open a form, store, confirm a removal,
move groups, export and import a whole programme, and undo (Ctrl+Z) the last change.

Every change is stored at once by the edit service, then announced with
`programme_changed`; the screen rebuilds itself from it. An undo writes back the values an
edit returned (or removes what was added); removals are confirmed instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from rugschool.errors import RugschoolError
from rugschool.i18n import LANGUAGES, _, current_language, ngettext
from rugschool.services.programme import Exercise, Programme
from rugschool.services.programme_edit import ChangedMeanwhile, Outcome, ProgrammeEditService
from rugschool.services.programme_export import ProgrammeTransfer
from rugschool.services.programme_items import ItemRef
from rugschool.services.programme_versions import GroupOnVersion
from rugschool.ui.events import Events
from rugschool.ui.programme_editor import FormSection, ItemDialog, MoveGroupsDialog, Values
from rugschool.ui.widgets import busy

Undo = tuple[str, Callable[[int], object]]  # what it undoes, and how (given the version)
STARTER_LEVEL: Values = {
    "instruction": "",
    "sets": 2,
    "repetitions": 10,
    "hold_seconds": None,
    "per_side": False,
    "equipment": ["mat"],
    "picture": "warmup",
}


class ProgrammeEditing(QObject):
    message = Signal(str)  # a confirmation or a problem, for the status bar
    section_wanted = Signal(str)  # show this section after the next reload

    def __init__(
        self,
        editor: ProgrammeEditService,
        transfer: ProgrammeTransfer,
        events: Events,
        programme: Callable[[], Programme | None],
        widget: QWidget,
    ) -> None:
        super().__init__(widget)
        self.editor, self.transfer, self._events = editor, transfer, events
        self._programme, self._widget = programme, widget
        self.undo_stack: list[Undo] = []
        self.ask: Callable[[str, str], bool] = self._ask  # tests answer for the therapist

    def _version(self) -> int:
        programme = self._programme()
        if programme is None:
            raise RugschoolError(_("There is no programme yet."))
        return programme.version_id

    # -------------------------------------------------------------- forms

    def form(self, ref: ItemRef, title: str) -> ItemDialog:
        """The form of one item, not yet shown (`open()` shows it)."""
        item = self.editor.item(self._version(), ref)
        kind = ref.kind
        if item.warmup:
            kind = "warmup_level" if kind == "level" else "warmup"
        section = FormSection(kind, "", item.values, item.defaults)
        reset = (lambda: self._fresh(lambda: self.reset(ref, title))) if item.defaults else None
        return ItemDialog(
            title,
            [section],
            lambda values: self._fresh(
                lambda: self.update(ref, title, _changed(item.values, values))
            ),
            reset,
            self._widget,
        )

    def _fresh(self, save: Callable[[], object]) -> None:
        """Runs a form's save; when the screen showed an older version, the screen reloads
        (the refusal shows in the form, and Save stores into the newest version)."""
        try:
            save()
        except ChangedMeanwhile:
            self._events.programme_changed.emit()
            raise

    def update(self, ref: ItemRef, title: str, values: Values) -> None:
        outcome = self.editor.update(self._version(), ref, values)
        if outcome.changed:
            undo = (title, lambda version: self.editor.update(version, ref, outcome.before))
            self._done(outcome, undo)

    def reset(self, ref: ItemRef, title: str) -> None:
        outcome = self.editor.reset(self._version(), ref)
        if outcome.changed:
            undo = (title, lambda version: self.editor.update(version, ref, outcome.before))
            self._done(outcome, undo, _("The default text is back."))

    def level_form(self, exercise: Exercise) -> ItemDialog:
        """A new level after the last, starting as a copy of the last one."""
        last = self.editor.item(self._version(), ItemRef.level(exercise.key, len(exercise.levels)))
        number = len(exercise.levels) + 1
        title = _("{exercise}: new level {n}").format(exercise=exercise.name, n=number)

        def save(values: list[Values]) -> None:
            outcome = self.editor.add_level(self._version(), exercise.key, values[0])
            undo = (title, lambda v: self.editor.remove_level(v, exercise.key, number))
            self._done(outcome, undo)

        section = FormSection("level", "", last.values)
        return ItemDialog(
            title, [section], lambda v: self._fresh(lambda: save(v)), None, self._widget
        )

    def exercise_form(self) -> ItemDialog:
        """A new exercise of the practice's own, with its first level."""
        title = _("New exercise")
        sections = [
            FormSection("exercise", _("The exercise"), {}),
            FormSection("level", _("Level {n}").format(n=1), dict(STARTER_LEVEL)),
        ]

        def save(values: list[Values]) -> None:
            outcome = self.editor.add_exercise(self._version(), values[0], values[1])
            undo = (title, lambda v: self.editor.remove_exercise(v, outcome.key))
            self.section_wanted.emit(f"exercise:{outcome.key}")
            self._done(outcome, undo)

        return ItemDialog(
            title, sections, lambda v: self._fresh(lambda: save(v)), None, self._widget
        )

    # -------------------------------------------------------------- removing

    def remove_exercise(self, exercise: Exercise) -> bool:
        text = _("Remove the exercise {name} from the programme?").format(name=exercise.name)
        return self._remove(
            ItemRef("exercise", exercise.key),
            _("Remove exercise"),
            text,
            lambda: self.editor.remove_exercise(self._version(), exercise.key),
        )

    def remove_level(self, exercise: Exercise, number: int) -> bool:
        text = _("Remove level {n} of {exercise}? The levels after it move up one number.")
        return self._remove(
            ItemRef.level(exercise.key, number),
            _("Remove level"),
            text.format(n=number, exercise=exercise.name),
            lambda: self.editor.remove_level(self._version(), exercise.key, number),
        )

    def _remove(self, ref: ItemRef, title: str, text: str, remove: Callable[[], Outcome]) -> bool:
        asked: list[bool] = []

        def confirm_and_remove() -> None:
            recorded = self.editor.recordings(ref)
            question = text
            if recorded:
                question += " " + ngettext(
                    "It was recorded {n} time; that recording stays as it was done. It is "
                    "removed from a new version of the programme, for the sessions ahead.",
                    "It was recorded {n} times; those recordings stay as they were done. It is "
                    "removed from a new version of the programme, for the sessions ahead.",
                    recorded,
                ).format(n=recorded)
            asked.append(self.ask(title, question))
            if asked[-1]:
                self._done(remove())

        return self._stored(confirm_and_remove) and asked[-1]

    # -------------------------------------------------------------- groups

    def ask_move_groups(self) -> None:
        groups: list[GroupOnVersion] = []
        if not self._stored(lambda: groups.extend(self.editor.groups_behind(self._version()))):
            return
        dialog = MoveGroupsDialog(groups, self._widget)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.chosen()
        dialog.deleteLater()
        if accepted:
            self.move_groups(chosen)

    def open(self, make: Callable[[], QDialog]) -> None:
        """Shows a form; a problem reading what it shows is a message, not a form."""
        dialogs: list[QDialog] = []
        if self._stored(lambda: dialogs.append(make())):
            dialogs[0].open()

    def move_groups(self, group_ids: list[int]) -> bool:
        def move() -> None:
            moved = self.editor.move_groups(self._version(), group_ids)
            self._events.groups_changed.emit()
            self._events.programme_changed.emit()
            self.message.emit(
                ngettext(
                    "{n} group follows this version from now on.",
                    "{n} groups follow this version from now on.",
                    moved,
                ).format(n=moved)
            )

        return self._stored(move)

    # -------------------------------------------------------------- one file

    def ask_export(self) -> None:
        programme = self._programme()
        name = re.sub(r'[\\/:*?"<>|]+', "", programme.name if programme else "") or "programma"
        path, _filter = QFileDialog.getSaveFileName(
            self._widget,
            _("Export programme"),
            f"{name}.zip",
            _("Rugschool programme") + " (*.zip)",
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        def export() -> None:
            with busy():
                done = self.transfer.export(self._version(), path)
            self.message.emit(
                ngettext(
                    "Exported to {file}, with {n} own photo.",
                    "Exported to {file}, with {n} own photos.",
                    done.photos,
                ).format(file=path.name, n=done.photos)
            )

        return self._stored(export)

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._widget, _("Import programme"), "", _("Rugschool programme") + " (*.zip *.toml)"
        )
        text = _(
            "The programme in {file} becomes the practice's programme in its language. Groups "
            "that have not started yet follow it; running groups keep their version until you "
            "move them. Import it?"
        )
        if path and self.ask(_("Import programme"), text.format(file=Path(path).name)):
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        def import_() -> None:
            with busy():
                done = self.transfer.import_file(path)
            self.undo_stack.clear()  # the undo steps were for the programme before
            self._events.groups_changed.emit()
            self._events.programme_changed.emit()
            text = _("Imported {name} from {file}.").format(name=done.name, file=path.name)
            if done.language != current_language():
                text += " " + _("Switch the language to {language} to see it.").format(
                    language=LANGUAGES.get(done.language, done.language)
                )
            self.message.emit(text)

        return self._stored(import_)

    # -------------------------------------------------------------- undo

    def undo(self) -> bool:
        if not self.undo_stack:
            self.message.emit(_("Nothing to undo."))
            return False
        title, action = self.undo_stack.pop()

        def run() -> None:
            action(self._version())
            self._events.programme_changed.emit()
            self.message.emit(_("Undone: {what}.").format(what=title))

        return self._stored(run)

    # -------------------------------------------------------------- after a change

    def _done(self, outcome: Outcome, undo: Undo | None = None, text: str = "") -> None:
        if undo is not None:
            self.undo_stack.append(undo)
        self._events.programme_changed.emit()
        self.message.emit(text or self._stored_text(outcome))

    @staticmethod
    def _stored_text(outcome: Outcome) -> str:
        if not outcome.copied:
            return _("Stored. Ctrl+Z undoes it.")
        text = _("Stored in a new version of the programme; what was recorded keeps its texts.")
        if outcome.moved:
            text += " " + ngettext(
                "{n} group that had not started yet follows the new version.",
                "{n} groups that had not started yet follow the new version.",
                outcome.moved,
            ).format(n=outcome.moved)
        return text

    def _stored(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except RugschoolError as error:
            self.message.emit(str(error))
            self._events.programme_changed.emit()  # show what is stored now
            return False
        return True

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._widget, title, text)
        return answer == QMessageBox.StandardButton.Yes


def _changed(shown: Values, values: list[Values]) -> Values:
    """Only what the therapist changed in the form: a save never puts back what another
    therapist changed meanwhile in the fields this one left alone."""
    return {name: value for name, value in values[0].items() if shown.get(name) != value}
