"""The programme editor's form: one item (or a new exercise with its first level) in a
small dialog with Save and Cancel. A field that differs from its default has a "Default"
button that puts the default back in the form (stored with Save); "Reset to default"
stores the whole item's defaults at once.
A refused value is shown in the form, which keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.services.programme_versions import GroupOnVersion
from rugschool.ui.instrument_forms import ERROR_COLOUR
from rugschool.ui.programme_editor_fields import Field, fields_for
from rugschool.ui.widgets import hint, named

Values = dict[str, Any]
LABEL_WRAP = 20  # characters: a longer field label wraps, so the fields keep their width


@dataclass
class FormSection:
    """One item in the form: its kind (as fields_for knows it), a heading (may be empty),
    the values to start with, and its default values ({}: nothing to go back to)."""

    kind: str
    heading: str
    values: Values
    defaults: Values = field(default_factory=dict)
    fields: list[Field] = field(default_factory=list)

    def value(self) -> Values:
        found: Values = {}
        for item in self.fields:
            found.update(item.value())
        return found


def _shown(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value if value is not None else "")
    return text if len(text) <= 200 else text[:200] + "…"


class ItemDialog(QDialog):
    """`save` gets each section's values and stores them (raising a RugschoolError when it
    cannot); `reset`, when given, stores the item's defaults."""

    def __init__(
        self,
        title: str,
        sections: list[FormSection],
        save: Callable[[list[Values]], object],
        reset: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("programmeItemDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(720)
        self.sections, self._save, self._reset = sections, save, reset
        self.problem = named(QLabel(), "formMessage")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(named(QLabel(title), "pageTitle"))
        for section in sections:
            if section.heading:
                layout.addWidget(named(QLabel(section.heading), "themeTitle"))
            layout.addLayout(self._form(section))
        layout.addWidget(hint(_("Texts for participants: short sentences, everyday words.")))
        layout.addWidget(self.problem)
        layout.addWidget(self._buttons())
        for section in sections:
            for item in section.fields:
                item.show_value(section.values)

    def _form(self, section: FormSection) -> QFormLayout:
        form = QFormLayout()
        section.fields = fields_for(section.kind)
        for item in section.fields:
            item.widget.setObjectName(f"field_{item.names[0]}")
            item.name_controls(item.label())
            row = QHBoxLayout()
            row.addWidget(item.widget, 1 if item.wide else 0)
            if not item.wide:
                row.addStretch(1)
            if any(
                section.values.get(n) != section.defaults.get(n, section.values.get(n))
                for n in item.names
            ):
                row.addWidget(self._default_button(section, item))
            label = QLabel(item.label())
            label.setWordWrap(len(item.label()) > LABEL_WRAP)  # a long label takes two lines
            label.setMaximumWidth(170)
            form.addRow(label, row)
        return form

    def _default_button(self, section: FormSection, item: Field) -> QToolButton:
        button = named(QToolButton(), f"default_{item.names[0]}")
        button.setText(_("Default"))
        default = [section.defaults.get(name) for name in item.names]
        shown = "; ".join(_shown(v) for v in default if v is not None)
        button.setToolTip(_("Put the default back: {value}").format(value=shown))
        button.clicked.connect(lambda: item.show_value({**section.values, **section.defaults}))
        return button

    def _buttons(self) -> QWidget:
        box = QDialogButtonBox()
        self.save_button = box.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        box.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.store)
        box.rejected.connect(self.reject)
        self.reset_button: QPushButton | None = None
        if self._reset is not None:
            self.reset_button = box.addButton(
                _("Reset to default"), QDialogButtonBox.ButtonRole.ResetRole
            )
            self.reset_button.setObjectName("resetButton")
            self.reset_button.setEnabled(self._differs())
            self.reset_button.clicked.connect(self.reset_all)
        return box

    def _differs(self) -> bool:
        return any(
            s.values.get(name) != value for s in self.sections for name, value in s.defaults.items()
        )

    def values(self) -> list[Values]:
        return [section.value() for section in self.sections]

    def store(self) -> None:
        self._run(lambda: self._save(self.values()))

    def reset_all(self) -> None:
        if self._reset is not None:
            self._run(self._reset)

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except RugschoolError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return
        self.accept()


class MoveGroupsDialog(QDialog):
    """The groups on an earlier version of the programme, to move to the newest one. A
    running group is not ticked: its therapist chooses."""

    def __init__(self, groups: list[GroupOnVersion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Use this version of the programme"))
        self.setMinimumWidth(560)
        self.groups = named(QListWidget(), "groupsBehind")
        self.groups.setWordWrap(True)
        for group in groups:
            label = group.name
            if group.started:
                label += "  " + _("(running)")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if group.started else Qt.CheckState.Checked)
            self.groups.addItem(item)
        box = QDialogButtonBox()
        move = box.addButton(_("Move the ticked groups"), QDialogButtonBox.ButtonRole.AcceptRole)
        move.setObjectName("primaryButton")
        box.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                _(
                    "A moved group follows this version from its next session on. Levels "
                    "carry over by exercise and level number. What a running group recorded "
                    "stays as it was done, with the texts of that time."
                )
            )
        )
        layout.addWidget(self.groups)
        layout.addWidget(box)

    def chosen(self) -> list[int]:
        items = (self.groups.item(row) for row in range(self.groups.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]
