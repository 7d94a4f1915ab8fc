"""Programma: the whole programme, to prepare a session. A list of sections on the left (the
warm-up, the exercises, the education sessions, the core messages, the instruction hints),
the chosen section on the right. A level's picture can be replaced by the therapist's own
photo, and the default drawing restored.

"Edit" shows an edit button on every item (programme_editor_actions does the work): each
change is stored at once, Ctrl+Z undoes the last. Export and Import carry a whole
programme in one file. When groups follow an earlier version of the programme, a line
says so and offers to move them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import NotFound, RugschoolError
from rugschool.i18n import _, current_language, ngettext
from rugschool.services.pictures import PictureService
from rugschool.services.programme import Programme, ProgrammeService
from rugschool.services.programme_items import ItemRef
from rugschool.ui.events import Events
from rugschool.ui.programme_editor_actions import ProgrammeEditing
from rugschool.ui.programme_pages import (
    PageEdits,
    PictureActions,
    exercise_page,
    hints_page,
    messages_page,
    session_page,
    warmup_page,
)
from rugschool.ui.widgets import hint, named

KEY_ROLE = Qt.ItemDataRole.UserRole
PHOTO_FILTER = "*.jpg *.jpeg *.png *.heic *.webp *.bmp *.tif *.tiff"


class ProgrammeScreen(QWidget):
    message = Signal(str)  # a short confirmation or problem for the status bar

    def __init__(
        self,
        programme: ProgrammeService,
        pictures: PictureService,
        events: Events,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._pictures, self._events = programme, pictures, events
        self.programme: Programme | None = None
        self._custom: dict[str, Path] = {}
        self.sections = named(QListWidget(), "programmeSections")
        self.sections.setFixedWidth(260)
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.currentItemChanged.connect(self._show_current)
        self.page_area = QScrollArea()
        self.page_area.setWidgetResizable(True)
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.title = named(QLabel(), "screenTitle")
        self.subtitle = named(QLabel(), "screenSubtitle")
        self.subtitle.setWordWrap(True)
        self.editing = ProgrammeEditing(
            programme.editor(), programme.transfer(pictures), events, lambda: self.programme, self
        )
        self.editing.message.connect(self.message)
        self.editing.section_wanted.connect(self._want_section)
        self._wanted: str | None = None
        self._make_controls()
        self._layout()
        QShortcut(QKeySequence.StandardKey.Undo, self, self.editing.undo).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        events.programme_changed.connect(self.reload)
        self.reload()

    def _make_controls(self) -> None:
        self.edit_button = named(QPushButton(_("Edit")), "editProgramme")
        self.edit_button.setCheckable(True)
        self.edit_button.setToolTip(_("Change texts, doses, pictures, exercises and levels"))
        self.edit_button.toggled.connect(self._edit_mode_changed)
        self.export_button = QPushButton(_("Export programme…"))
        self.export_button.clicked.connect(self.editing.ask_export)
        self.import_button = QPushButton(_("Import programme…"))
        self.import_button.clicked.connect(self.editing.ask_import)
        self.behind = hint("")
        self.move_button = named(QPushButton(_("Move groups…")), "moveGroups")
        self.move_button.clicked.connect(self.editing.ask_move_groups)
        self.add_exercise_button = named(QPushButton(_("Add an exercise…")), "addExercise")
        self.add_exercise_button.clicked.connect(
            lambda: self.editing.open(self.editing.exercise_form)
        )
        self.name_button = named(QPushButton(_("Name and description…")), "editVersion")
        self.name_button.clicked.connect(
            lambda: self.open_form(ItemRef("version"), _("Name and description"))
        )

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        for button in (self.export_button, self.import_button, self.edit_button):
            head.addWidget(button)
        self.behind_row = self._row([self.behind, self.move_button])
        self.edit_row = self._row(
            [
                hint(_("Every change is stored at once. Ctrl+Z undoes the last one.")),
                self.name_button,
                self.add_exercise_button,
            ]
        )
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(self.sections)
        body.addWidget(self.page_area, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.behind_row)
        layout.addWidget(self.edit_row)
        layout.addLayout(body, 1)
        self.edit_row.hide()

    @staticmethod
    def _row(widgets: list[QWidget]) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widgets[0], 1)
        for widget in widgets[1:]:
            layout.addWidget(widget)
        return row

    @property
    def editable(self) -> bool:
        return self.edit_button.isChecked()

    def _edit_mode_changed(self, on: bool) -> None:
        self.edit_button.setText(_("Done editing") if on else _("Edit"))
        self.edit_button.setObjectName("primaryButton" if on else "editProgramme")
        self.edit_button.style().unpolish(self.edit_button)
        self.edit_button.style().polish(self.edit_button)
        self.edit_row.setVisible(on)
        self._show_current()

    def _want_section(self, key: str) -> None:
        self._wanted = key

    def open_form(self, ref: ItemRef, title: str) -> None:
        self.editing.open(lambda: self.editing.form(ref, title))

    # -------------------------------------------------------------- content

    def reload(self) -> None:
        chosen = self.current_section()
        try:
            self.programme = self._service.current(current_language())
        except NotFound as error:
            self.programme = None
            self.title.setText(_("Programme"))
            self.subtitle.setText(str(error))
            self.sections.clear()
            return
        self._custom = self._pictures.overrides()
        self.title.setText(_("Programme"))
        self.subtitle.setText(self._subtitle(self.programme))
        self._show_groups_behind(self.programme.version_id)
        self._fill_sections()
        wanted, self._wanted = self._wanted, None
        keys = self.section_keys()
        self.show_section(next((k for k in (wanted, chosen) if k in keys), self._first_section()))

    @staticmethod
    def _subtitle(programme: Programme) -> str:
        text = f"{programme.name}. {programme.description}".strip()
        if programme.source_file:
            text += " " + _("(imported from {file})").format(file=programme.source_file)
        return text

    def _show_groups_behind(self, version_id: int) -> None:
        behind = self.editing.editor.groups_behind(version_id)
        self.behind.setText(
            ngettext(
                "{n} group follows an earlier version of this programme.",
                "{n} groups follow an earlier version of this programme.",
                len(behind),
            ).format(n=len(behind))
        )
        self.behind_row.setVisible(bool(behind))

    def _fill_sections(self) -> None:
        programme = self.programme
        assert programme is not None
        self.sections.blockSignals(True)
        self.sections.clear()
        self._add_header(_("Exercise sessions"))
        if programme.warmup:
            self._add_item(programme.warmup.name, "warmup")
        for exercise in programme.exercises:
            self._add_item(f"{exercise.position}. {exercise.name}", f"exercise:{exercise.key}")
        self._add_header(_("Education"))
        for session in programme.sessions:
            label = _("Session {n}: {title}").format(n=session.number, title=session.title)
            self._add_item(label, f"session:{session.key}")
        self._add_item(_("Core messages"), "messages")
        self._add_header(_("For the therapist"))
        self._add_item(_("How to instruct"), "hints")
        self.sections.blockSignals(False)

    def _add_header(self, label: str) -> None:
        item = QListWidgetItem(label.upper())
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "header")
        self.sections.addItem(item)

    def _add_item(self, label: str, key: str) -> None:
        item = QListWidgetItem(label)
        item.setData(KEY_ROLE, key)
        self.sections.addItem(item)

    def _first_section(self) -> str:
        return "warmup" if self.programme and self.programme.warmup else "messages"

    def section_keys(self) -> list[str]:
        items = (self.sections.item(row) for row in range(self.sections.count()))
        return [key for item in items if (key := item.data(KEY_ROLE))]

    def current_section(self) -> str | None:
        item = self.sections.currentItem()
        return item.data(KEY_ROLE) if item else None

    def show_section(self, key: str) -> None:
        for row in range(self.sections.count()):
            if self.sections.item(row).data(KEY_ROLE) == key:
                self.sections.setCurrentRow(row)
                return

    def _show_current(self) -> None:
        key = self.current_section()
        if key is None or self.programme is None:
            return
        self.page_area.setWidget(self._page(self.programme, key))

    def _page(self, programme: Programme, key: str) -> QWidget:
        kind, _sep, name = key.partition(":")
        pictures = PictureActions(
            self._pictures.path, set(self._custom), self.ask_for_photo, self.ask_to_restore
        )
        edits = self._page_edits() if self.editable else None
        if kind == "warmup" and programme.warmup:
            page = warmup_page(programme.warmup, pictures, edits)
        elif kind == "exercise":
            page = exercise_page(programme.exercise(name), pictures, edits=edits)
        elif kind == "session":
            session = next(s for s in programme.sessions if s.key == name)
            page = session_page(session, edits)
        elif kind == "messages":
            page = messages_page(programme.core_messages, edits)
        else:
            page = hints_page(programme.hints, edits)
        page.setObjectName(f"page_{kind}")
        page.setContentsMargins(4, 0, 12, 12)
        return page

    def _page_edits(self) -> PageEdits:
        return PageEdits(
            edit=self.open_form,
            add_level=lambda exercise: self.editing.open(lambda: self.editing.level_form(exercise)),
            remove_exercise=self.editing.remove_exercise,
            remove_level=self.editing.remove_level,
        )

    # -------------------------------------------------------------- pictures

    def ask_for_photo(self, picture: str) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a photo for this level"), "", _("Photos") + f" ({PHOTO_FILTER})"
        )
        if path:
            self.replace_picture(picture, Path(path))

    def replace_picture(self, picture: str, photo: Path) -> bool:
        try:
            self._pictures.replace(picture, photo)
        except RugschoolError as error:
            self.message.emit(str(error))
            return False
        self._events.programme_changed.emit()
        self.message.emit(_("The photo is used from now on, on screen and on paper."))
        return True

    def ask_to_restore(self, picture: str) -> None:
        answer = QMessageBox.question(
            self,
            _("Show the drawing again?"),
            _("Your own photo for this level is removed and the default drawing comes back."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_picture(picture)

    def restore_picture(self, picture: str) -> None:
        self._pictures.restore(picture)
        self._events.programme_changed.emit()
        self.message.emit(_("The default drawing is back."))
