"""One form per instrument, scoring itself as it is filled in (NPRS, PSK, QBPDS; totals
and clinician tests as numbers). The measure dialog puts them together per moment."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import ValidationError
from rugschool.i18n import N_, _, current_language
from rugschool.services import scoring
from rugschool.ui.widgets import named

EMPTY = -1  # a spin box at its minimum shows a dash: not filled in
DASH = "\u2013"
ERROR_COLOUR, MUTED_COLOUR, SCORE_COLOUR = "#b3261e", "#5b6b73", "#174f55"
Answers = dict[str, object]

# How each form says its score ({score}); the tests share one.
SCORE_TEXTS = {
    "nprs": N_("Score: {score} (back pain)"),
    "psk": N_("Score: {score} (mean of the scored activities)"),
    "qbpds": N_("Total score: {score} of 100"),
    "odi": N_("Total score: {score} %"),
    "fabq_pa": N_("Total score: {score} of 24"),
    "forward_bend": N_("Score: {score} cm"),
    "extensor_endurance": N_("Score: {score} seconds"),
    "flexor_endurance": N_("Score: {score} seconds"),
    "sit_to_stand": N_("Score: {score} ({unit})"),
}
# The instruments that are one number: answer key, label, highest, decimals, suffix.
NUMBERS: dict[str, tuple[str, str, float, int, str]] = {
    "odi": ("total", N_("Total (0-100 %)"), 100, 1, " %"),
    "fabq_pa": ("total", N_("Total (0-24)"), 24, 0, ""),
    "forward_bend": ("value", N_("Fingertips to floor"), 100, 1, " cm"),
    "extensor_endurance": ("value", N_("Time held"), 600, 1, " s"),
    "flexor_endurance": ("value", N_("Time held"), 600, 1, " s"),
    "sit_to_stand": ("value", N_("Result"), 600, 0, ""),
}
NO_SCORE_TEXTS = {
    "psk": N_("No score yet: no activity scored"),
    "qbpds": N_("No total score: more than two items not answered"),
}
# The tabs of the dialog and the instruments on each, in the standard order.
PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Pain and complaints"), ("nprs", "psk")),
    ("QBPDS", ("qbpds",)),
    (N_("Questionnaire totals"), ("odi", "fabq_pa")),
    (N_("Tests"), ("forward_bend", "extensor_endurance", "flexor_endurance", "sit_to_stand")),
)
LICENSED_NOTE = N_(
    "The Oswestry and FABQ questionnaires are copyrighted: let the participant fill in the "
    "licensed forms and enter only their totals here."
)


def score_text(value: float) -> str:
    """A score as a person writes it: 6, 5.5 (5,5 in Dutch), at most one decimal."""
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if current_language() == "nl" else text


def named_input(widget: QWidget, name: str, tip: str = "") -> None:
    widget.setAccessibleName(name)
    widget.setToolTip(tip or name)


def _number(high: float, decimals: int = 0, suffix: str = "") -> QDoubleSpinBox:
    """A number box that starts empty (a dash, its minimum); decimals=0 for whole numbers."""
    box = QDoubleSpinBox()
    box.setRange(EMPTY, high)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setSpecialValueText(DASH)
    box.setValue(EMPTY)
    box.setMaximumWidth(150)
    return box


def _value(box: QDoubleSpinBox) -> float | None:
    return None if box.value() == box.minimum() else box.value()


def _set(box: QDoubleSpinBox, value: object) -> None:
    box.setValue(float(value) if isinstance(value, int | float) else box.minimum())


class InstrumentForm(QGroupBox):
    """One instrument: its inputs, and beside them its score or what is wrong."""

    changed = Signal()

    def __init__(self, instrument: str) -> None:
        super().__init__(scoring.instrument_name(scoring.instrument_of(instrument)))
        self.instrument = instrument
        description = scoring.instrument_description(scoring.instrument_of(instrument))
        self.setToolTip(description)
        self.setAccessibleName(self.title())
        self.setAccessibleDescription(description)
        column = QVBoxLayout(self)
        self.form = QFormLayout()
        self.score_label = named(QLabel(), "measureScore")
        self.score_label.setWordWrap(True)
        column.addLayout(self.form)
        column.addWidget(self.score_label)
        column.addStretch(1)  # beside a taller form, keep to the top
        self.changed.connect(self.show_score)

    def answers(self) -> Answers | None:
        """What is filled in, in the shape scoring.assess takes; None: left empty."""
        raise NotImplementedError

    def load(self, answers: Mapping[str, object]) -> None:
        raise NotImplementedError

    def assessed(self) -> scoring.Assessed | None:
        """The scored answers; None when left empty; ValidationError for bad input."""
        answers = self.answers()
        return None if answers is None else scoring.assess(self.instrument, answers)

    def show_score(self) -> None:
        try:
            found = self.assessed()
        except ValidationError as error:
            text, colour = str(error), ERROR_COLOUR
        else:
            scored = found is not None and found.score is not None
            text, colour = self._score_text(found), SCORE_COLOUR if scored else MUTED_COLOUR
        self.score_label.setText(text)
        self.score_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.score_label.setAccessibleName(text)

    def _score_text(self, found: scoring.Assessed | None) -> str:
        if found is None:
            return _("Not filled in")
        if found.score is None:
            return _(NO_SCORE_TEXTS.get(self.instrument, ""))
        unit = scoring.unit_name(str(found.answers.get("unit", scoring.REPS)))
        return _(SCORE_TEXTS[self.instrument]).format(score=score_text(found.score), unit=unit)

    def edited(self, *_args: object) -> None:
        """Any input changed (Qt passes the new value, which the score reads itself)."""
        self.changed.emit()

    def _watch(self, box: QDoubleSpinBox, name: str, tip: str = "") -> QDoubleSpinBox:
        named_input(box, name, tip or self.toolTip())
        box.valueChanged.connect(self.edited)
        return box


class NprsForm(InstrumentForm):
    def __init__(self) -> None:
        super().__init__("nprs")
        worst = _("0 (no pain) to 10 (worst imaginable)")
        self.back = self._watch(_number(10), _("Pain in the low back"), worst)
        not_asked = _("0 to 10; leave empty when not asked")
        self.leg = self._watch(_number(10), _("Pain in the leg"), not_asked)
        self.form.addRow(_("Low back (0-10)"), self.back)
        self.form.addRow(_("Leg (0-10)"), self.leg)

    def answers(self) -> Answers | None:
        back, leg = _value(self.back), _value(self.leg)
        return None if back is None and leg is None else {"back": back, "leg": leg}

    def load(self, answers: Mapping[str, object]) -> None:
        _set(self.back, answers.get("back"))
        _set(self.leg, answers.get("leg"))


class PskForm(InstrumentForm):
    """Up to three activities, each scored 0-10. Stored once at least one is scored: names
    alone (as prefilled from the intake) are not a measurement yet."""

    def __init__(self) -> None:
        super().__init__("psk")
        self.names: list[QLineEdit] = []
        self.scores: list[QDoubleSpinBox] = []
        for n in range(1, scoring.PSK_MAX_ACTIVITIES + 1):
            name = QLineEdit()
            name.setPlaceholderText(_("An activity that is hard now"))
            named_input(name, _("Activity {n}").format(n=n))
            score_name = _("Score of activity {n}").format(n=n)
            score = self._watch(_number(10), score_name, _("0 (no difficulty) to 10 (impossible)"))
            name.textChanged.connect(self.edited)
            row = QHBoxLayout()
            row.addWidget(name, 1)
            row.addWidget(score)
            self.form.addRow(_("Activity {n}").format(n=n), row)
            self.names.append(name)
            self.scores.append(score)

    def answers(self) -> Answers | None:
        rows = [
            (name.text(), _value(score))
            for name, score in zip(self.names, self.scores, strict=True)
        ]
        given = [[name, score] for name, score in rows if name.strip() or score is not None]
        if all(score is None for _name, score in given):
            return None
        return {"activities": given}

    def load(self, answers: Mapping[str, object]) -> None:
        given = answers.get("activities")
        entries = list(given) if isinstance(given, list | tuple) else []
        for index, (name, score) in enumerate(zip(self.names, self.scores, strict=True)):
            entry = entries[index] if index < len(entries) else ["", None]
            name.setText(str(entry[0]))
            _set(score, entry[1])

    def prefill(self, names: Sequence[str]) -> None:
        """The same activities as before, to be scored again."""
        self.load({"activities": [[name, None] for name in names]})


class QbpdsForm(InstrumentForm):
    def __init__(self) -> None:
        super().__init__("qbpds")
        hint = QLabel(_("Each activity from 0 (no difficulty) to 5 (unable to do)."))
        self.form.addRow(hint)
        grid = QGridLayout()
        self.items: list[QComboBox] = []
        half = scoring.QBPDS_ITEMS // 2
        for index, label in enumerate(scoring.qbpds_item_labels()):
            choice = QComboBox()
            choice.addItem(_("not answered"), None)
            for value in range(6):
                choice.addItem(str(value), value)
            named_input(choice, label)
            choice.currentIndexChanged.connect(self.edited)
            row, column = index % half, (index // half) * 2
            grid.addWidget(QLabel(f"{index + 1}. {label}"), row, column)
            grid.addWidget(choice, row, column + 1)
            self.items.append(choice)
        grid.setColumnMinimumWidth(2, 280)
        self.form.addRow(grid)

    def answers(self) -> Answers | None:
        items = [choice.currentData() for choice in self.items]
        return None if all(item is None for item in items) else {"items": items}

    def load(self, answers: Mapping[str, object]) -> None:
        given = answers.get("items")
        values = list(given) if isinstance(given, list | tuple) else []
        for choice, value in zip(self.items, [*values, *[None] * len(self.items)], strict=False):
            choice.setCurrentIndex(max(0, choice.findData(value)))  # None: "not answered"


class NumberForm(InstrumentForm):
    """One number (NUMBERS): a questionnaire's total or a clinician's test; sit-to-stand
    also its unit."""

    def __init__(self, instrument: str) -> None:
        super().__init__(instrument)
        self.key, label, high, decimals, suffix = NUMBERS[instrument]
        name = f"{self.title()}: {_(label)}"
        self.box = self._watch(_number(high, decimals, suffix), name)
        self.form.addRow(_(label), self.box)
        self.unit: QComboBox | None = None
        if instrument == "sit_to_stand":
            self.unit = QComboBox()
            for unit in (scoring.REPS, scoring.SECONDS):
                self.unit.addItem(scoring.unit_name(unit), unit)
            named_input(self.unit, _("Unit"))
            self.unit.currentIndexChanged.connect(self._unit_changed)
            self.form.addRow(_("Unit"), self.unit)

    def _unit_changed(self) -> None:
        # Repetitions are whole; the time for five takes tenths of a second.
        self.box.setDecimals(1 if self.unit and self.unit.currentData() == scoring.SECONDS else 0)
        self.changed.emit()

    def answers(self) -> Answers | None:
        value = _value(self.box)
        if value is None:
            return None
        return {self.key: value} | ({"unit": self.unit.currentData()} if self.unit else {})

    def load(self, answers: Mapping[str, object]) -> None:
        if self.unit is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(answers.get("unit"))))
        _set(self.box, answers.get(self.key))


FORMS: dict[str, Callable[[], InstrumentForm]] = {
    "nprs": NprsForm,
    "psk": PskForm,
    "qbpds": QbpdsForm,
}


def make_form(instrument: str) -> InstrumentForm:
    return FORMS[instrument]() if instrument in FORMS else NumberForm(instrument)
