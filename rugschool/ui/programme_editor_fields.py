"""The fields of the programme editor's forms: one small widget per kind of value, each
giving and taking the stored values of the fields it covers (the dose covers two)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from rugschool.i18n import _
from rugschool.services.pictures import default_picture
from rugschool.services.programme import EQUIPMENT_LABELS
from rugschool.services.programme_file import default_pictures
from rugschool.services.programme_items import field_label
from rugschool.ui.pictures import picture_pixmap


class Field:
    """What every field widget offers the form."""

    names: tuple[str, ...]
    widget: QWidget
    wide = False  # takes the form's whole width (texts); numbers and choices stay small

    def label(self) -> str:
        return field_label(self.names[0])

    def name_controls(self, label: str) -> None:
        """Names for a screen reader (the form's label is not a buddy of a row layout)."""
        self.widget.setAccessibleName(label)

    def value(self) -> dict[str, Any]:
        raise NotImplementedError

    def show_value(self, values: dict[str, Any]) -> None:
        raise NotImplementedError


class LineField(Field):
    wide = True

    def __init__(self, name: str) -> None:
        self.names, self.edit = (name,), QLineEdit()
        self.widget = self.edit

    def value(self) -> dict[str, Any]:
        return {self.names[0]: self.edit.text()}

    def show_value(self, values: dict[str, Any]) -> None:
        self.edit.setText(values.get(self.names[0]) or "")


class TextField(Field):
    """A text of one or more paragraphs (a blank line between paragraphs)."""

    wide = True

    def __init__(self, name: str, lines: int = 3) -> None:
        self.names, self.edit = (name,), QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * lines + 16)
        self.widget = self.edit

    def value(self) -> dict[str, Any]:
        return {self.names[0]: self.edit.toPlainText()}

    def show_value(self, values: dict[str, Any]) -> None:
        self.edit.setPlainText(values.get(self.names[0]) or "")


class LinesField(TextField):
    """A list of short texts (talking points): each line is one, shown with a blank line
    between them so a long one that wraps still reads as one."""

    def value(self) -> dict[str, Any]:
        lines = self.edit.toPlainText().splitlines()
        return {self.names[0]: [line.strip() for line in lines if line.strip()]}

    def show_value(self, values: dict[str, Any]) -> None:
        self.edit.setPlainText("\n\n".join(values.get(self.names[0]) or []))


class NumberField(Field):
    def __init__(self, name: str, low: int, high: int) -> None:
        self.names, self.spin = (name,), QSpinBox()
        self.spin.setRange(low, high)
        self.widget = self.spin

    def value(self) -> dict[str, Any]:
        return {self.names[0]: self.spin.value()}

    def show_value(self, values: dict[str, Any]) -> None:
        value = values.get(self.names[0])
        self.spin.setValue(value if isinstance(value, int) else self.spin.minimum())


class FlagField(Field):
    def __init__(self, name: str) -> None:
        self.names, self.box = (name,), QCheckBox()
        self.box.setAccessibleName(field_label(name))
        self.widget = self.box

    def value(self) -> dict[str, Any]:
        return {self.names[0]: self.box.isChecked()}

    def show_value(self, values: dict[str, Any]) -> None:
        self.box.setChecked(bool(values.get(self.names[0])))


class DoseField(Field):
    """Repetitions or a hold in seconds: one of the two, never both."""

    KINDS = ("repetitions", "hold_seconds")

    def label(self) -> str:
        return _("Per set")

    def name_controls(self, label: str) -> None:
        self.amount.setAccessibleName(label)
        self.kind.setAccessibleName(_("Repetitions or seconds hold"))

    def __init__(self) -> None:
        self.names = self.KINDS
        self.kind = QComboBox()
        self.kind.addItem(_("times"), "repetitions")
        self.kind.addItem(_("seconds hold"), "hold_seconds")
        self.amount = QSpinBox()
        self.kind.currentIndexChanged.connect(self._limit)
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount)
        row.addWidget(self.kind)
        row.addStretch(1)
        self._limit()

    def _limit(self) -> None:
        self.amount.setRange(1, 100 if self.kind.currentData() == "repetitions" else 300)

    def value(self) -> dict[str, Any]:
        chosen = self.kind.currentData()
        return {kind: self.amount.value() if kind == chosen else None for kind in self.KINDS}

    def show_value(self, values: dict[str, Any]) -> None:
        kind = "hold_seconds" if values.get("hold_seconds") is not None else "repetitions"
        self.kind.setCurrentIndex(self.KINDS.index(kind))
        self.amount.setValue(values.get(kind) or 10)


class EquipmentField(Field):
    def __init__(self) -> None:
        self.names = ("equipment",)
        self.widget = QWidget()
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for index, (key, label) in enumerate(EQUIPMENT_LABELS.items()):
            box = QCheckBox(_(label))
            box.setObjectName(f"equipment_{key}")
            self.boxes[key] = box
            grid.addWidget(box, index // 4, index % 4)

    def value(self) -> dict[str, Any]:
        return {"equipment": [key for key, box in self.boxes.items() if box.isChecked()]}

    def show_value(self, values: dict[str, Any]) -> None:
        chosen = set(values.get("equipment") or [])
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)


class PictureField(Field):
    """One of the default drawings; a therapist's own photo replaces a drawing on the
    level's card ("Picture" menu)."""

    def __init__(self) -> None:
        self.names, self.combo = ("picture",), QComboBox()
        self.combo.setIconSize(QSize(60, 39))
        self.combo.setMaxVisibleItems(12)
        for name in default_pictures():
            icon = QIcon(picture_pixmap(default_picture(name), QSize(60, 39)))
            self.combo.addItem(icon, name, name)
        self.widget = self.combo

    def value(self) -> dict[str, Any]:
        return {"picture": self.combo.currentData()}

    def show_value(self, values: dict[str, Any]) -> None:
        index = self.combo.findData(values.get("picture"))
        self.combo.setCurrentIndex(max(index, 0))


def fields_for(kind: str) -> list[Field]:
    """The form of one kind of item (a warm-up level counts minutes instead of a dose)."""
    if kind in ("version", "exercise", "warmup"):
        other = "description" if kind == "version" else "purpose"
        return [LineField("name"), TextField(other)]
    if kind in ("level", "warmup_level"):
        fields: list[Field] = [TextField("instruction", 6)]
        if kind == "level":
            fields += [NumberField("sets", 1, 10), DoseField(), FlagField("per_side")]
        else:
            fields.append(NumberField("minutes", 1, 120))
        return [*fields, EquipmentField(), PictureField()]
    if kind == "message":
        return [
            LineField("title"),
            LineField("theme"),
            TextField("gain", 2),
            TextField("explanation", 7),
            LinesField("talking_points", 8),
        ]
    if kind == "session":
        return [LineField("title"), NumberField("minutes", 10, 240), TextField("description")]
    if kind == "theme":
        return [LineField("title"), TextField("summary")]
    return [LineField("title"), TextField("text", 4)]
