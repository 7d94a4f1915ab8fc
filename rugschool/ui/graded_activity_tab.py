"""The graded-activity tab of a participant's progress window (seed 003): a plan form that
shows the baseline, start and weekly step while the therapist types, and once there is a
plan its week table, a row to log what was done and the chart of planned against done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import _
from rugschool.services import graded_activity_rules as rules
from rugschool.services.self_management import PlanInput, PlanRow
from rugschool.ui.tab_helpers import (
    RULE_TIP,
    TOO_FEW_COLOUR,
    UNIT_NAMES,
    W,
    button_row,
    date_edit,
    hint_label,
    labelled,
    message_label,
    parse_amount,
    pydate,
    qdate,
    run,
    spin,
    table,
    unit_name,
)
from rugschool.ui.widgets import named

if TYPE_CHECKING:
    from rugschool.ui.progress_window import ProgressWindow


class PlanForm(QWidget):
    """A new plan, or a change to one: stored as a whole with "Save plan"."""

    def __init__(self, data: PlanInput | None) -> None:
        super().__init__()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        what = _("One activity that can be measured: walking, cycling, swimming")
        self.activity = self._row(QLineEdit(), _("Activity"), what)
        self.activity.setMinimumWidth(360)
        self.unit = self._row(QComboBox(), _("Unit"))
        for value in UNIT_NAMES:
            self.unit.addItem(unit_name(value), value)
        self.baselines = [
            labelled(QLineEdit(), _("Baseline measurement {n}").format(n=n), _(RULE_TIP))
            for n in (1, 2, 3)
        ]
        baselines = QHBoxLayout()
        for edit in self.baselines:
            baselines.addWidget(edit)
        self.form.addRow(_("Three baseline measurements"), baselines)
        reduction = spin(QDoubleSpinBox(), 0, rules.MAX_REDUCTION, rules.DEFAULT_REDUCTION)
        reduction.setDecimals(0)
        reduction.setSuffix(" %")
        advised = _("20 to 30 percent is advised; 25 unless agreed otherwise.")
        self.reduction = self._row(reduction, _("Start below the baseline"), advised)
        self.goal = self._row(QLineEdit(), _("Goal"), _("The amount the person wants to reach"))
        weeks = spin(QSpinBox(), rules.MIN_WEEKS, rules.MAX_WEEKS, 6)
        after = _("The goal is reached in the week after the last step.")
        self.weeks = self._row(weeks, _("Weeks to build up"), after)
        times = spin(QSpinBox(), 1, rules.MAX_TIMES_PER_WEEK, rules.ADVISED_TIMES_PER_WEEK)
        self.times = self._row(times, _("Times per week"), _("At least three times a week."))
        self.starts_on = self._row(date_edit(dt.date.today()), _("Start date"))
        self.figures, self.warnings = hint_label(name="sectionLabel"), hint_label()
        self.message = message_label()
        self.save_button = named(QPushButton(_("Save plan")), "primaryButton")
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setVisible(data is not None)  # only when changing a plan
        self._lay_out()
        if data is not None:
            self._fill(data)
        self._connect()

    def _row(self, widget: W, label: str, tip: str = "") -> W:
        self.form.addRow(label, labelled(widget, label, tip))
        return widget

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(hint_label(_(RULE_TIP)))
        column.addLayout(self.form)
        for widget in (self.figures, self.warnings, self.message):
            column.addWidget(widget)
        column.addLayout(button_row(self.save_button, self.cancel_button))
        column.addStretch(1)

    def _connect(self) -> None:
        for edit in (self.goal, *self.baselines):
            edit.textChanged.connect(self._preview)
        for box in (self.reduction, self.weeks, self.times):
            box.valueChanged.connect(self._preview)
        self._preview()

    def _fill(self, data: PlanInput) -> None:
        self.activity.setText(data.activity)
        self.unit.setCurrentIndex(max(0, self.unit.findData(data.unit)))
        for edit, value in zip(self.baselines, data.baselines, strict=True):
            edit.setText(rules.amount_text(value))
        self.reduction.setValue(data.reduction_percent)
        self.goal.setText(rules.amount_text(data.goal))
        self.weeks.setValue(data.weeks)
        self.times.setValue(data.times_per_week)
        self.starts_on.setDate(qdate(data.starts_on))

    def plan_input(self) -> PlanInput:
        """What the form says (ValidationError for a field that is not a number)."""
        name = _("the baseline")
        first, second, third = (parse_amount(edit.text(), name) for edit in self.baselines)
        return PlanInput(
            activity=self.activity.text(),
            baselines=(first, second, third),
            goal=parse_amount(self.goal.text(), _("the goal")),
            weeks=self.weeks.value(),
            starts_on=pydate(self.starts_on.date()),
            unit=str(self.unit.currentData()),
            reduction_percent=self.reduction.value(),
            times_per_week=self.times.value(),
        )

    def _preview(self) -> None:
        """Baseline, start and weekly step, live while the therapist types."""
        warnings = rules.plan_warnings(self.reduction.value(), self.times.value())
        self.warnings.setText("\n".join(warnings))
        try:
            base = rules.baseline([parse_amount(e.text(), "") for e in self.baselines])
            start = rules.start_level(base, self.reduction.value())
        except RugschoolError:
            self.figures.setText(_("Type the three baseline measurements to see the start."))
            return
        values = {"baseline": rules.amount_text(base), "start": rules.amount_text(start)}
        try:
            goal = parse_amount(self.goal.text(), "")
            step = rules.amount_text(rules.weekly_step(start, goal, self.weeks.value()))
        except RugschoolError:
            self.figures.setText(_("Baseline {baseline} · start {start}").format(**values))
            return
        text = _("Baseline {baseline} · start {start} · +{step} per week")
        self.figures.setText(text.format(step=step, **values))


# ------------------------------------------------------------------ a plan and its log


def plan_summary(plan: PlanRow) -> str:
    figures = plan.figures
    return _(
        "{activity} in {unit}: baseline {baseline} · start {start} · +{step} per week · "
        "goal {goal} from week {week}"
    ).format(
        activity=plan.data.activity,
        unit=unit_name(plan.data.unit),
        baseline=rules.amount_text(figures.baseline),
        start=rules.amount_text(figures.start),
        step=rules.amount_text(figures.step),
        goal=rules.amount_text(figures.goal),
        week=figures.goal_week,
    )


def _week_items(week: rules.WeekRow) -> list[QTableWidgetItem]:
    dates = f"{week.starts_on:%d-%m} - {week.ends_on:%d-%m-%Y}"
    done = rules.amount_text(week.done) if week.done is not None else ""
    times = _("{times} of {planned}").format(times=week.times, planned=week.times_planned)
    texts = [str(week.week), dates, rules.amount_text(week.planned), done, times]
    items = [QTableWidgetItem(text) for text in texts]
    for item in items:
        if week.too_few_times:  # a week that is over, done fewer times than agreed
            item.setBackground(QColor(TOO_FEW_COLOUR))
            item.setToolTip(_("This week was done fewer times than agreed."))
        if week.state is rules.WeekState.CURRENT:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(_("This week"))
    return items


class PlanView(QWidget):
    """One plan: its weeks, a row to log what was done, the chart, change and remove."""

    def __init__(self, window: ProgressWindow, plan: PlanRow) -> None:
        super().__init__()
        self._progress, self.plan = window, plan
        self.summary = hint_label(plan_summary(plan), "sectionLabel")
        self.summary.setToolTip(_(RULE_TIP))
        self.warnings = hint_label("\n".join(plan.warnings))
        columns = [_("Week"), _("Dates"), _("Planned"), _("Done"), _("Times")]
        self.weeks_table = table(columns, _("Planned against done per week"), _(RULE_TIP))
        self.weeks_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.weeks_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.weeks_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.log_date = labelled(date_edit(max(dt.date.today(), plan.data.starts_on)), _("Day"))
        self.log_date.setMinimumDate(qdate(plan.data.starts_on))
        same_day = _("A second entry on the same day replaces the first.")
        self.amount = labelled(QLineEdit(), _("Amount done"), same_day)
        self.note = labelled(QLineEdit(), _("Note"))
        self.log_button = named(QPushButton(_("Log")), "primaryButton")
        self.change_button = QPushButton(_("Change plan…"))
        self.remove_button = QPushButton(_("Remove plan"))
        self.message = message_label()
        self.chart_box = QVBoxLayout()
        self._lay_out()
        for signal in (self.log_button.clicked, self.amount.returnPressed, self.note.returnPressed):
            signal.connect(self.log_amount)
        self.reload()

    def _lay_out(self) -> None:
        entry = QHBoxLayout()
        for text, widget in ((_("Day"), self.log_date), (_("Amount"), self.amount)):
            entry.addWidget(QLabel(text))
            entry.addWidget(widget)
        entry.addWidget(QLabel(_("Note")))
        entry.addWidget(self.note, 1)
        entry.addWidget(self.log_button)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.warnings)
        column.addWidget(self.weeks_table)
        column.addLayout(entry)
        column.addWidget(self.message)
        column.addLayout(self.chart_box, 1)
        column.addLayout(button_row(self.change_button, self.remove_button))

    def reload(self) -> None:
        """The week table and the chart anew from the database."""
        weeks = self._progress.services.self_management.schedule(self.plan.id, dt.date.today())
        self.weeks_table.setRowCount(len(weeks))
        for row, week in enumerate(weeks):
            for column, item in enumerate(_week_items(week)):
                self.weeks_table.setItem(row, column, item)
        self._fit_table(min(len(weeks), 10))
        while (old := self.chart_box.takeAt(0)) is not None:
            if (chart := old.widget()) is not None:
                chart.deleteLater()
        self.chart_box.addWidget(plan_chart(self.plan, weeks))

    def _fit_table(self, rows: int) -> None:
        """Tall enough for the weeks of a plan, so the chart gets the rest."""
        view = self.weeks_table
        height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        view.setFixedHeight(height + sum(view.rowHeight(row) for row in range(rows)))

    def log_amount(self) -> None:
        service = self._progress.services.self_management

        def store() -> None:
            amount = parse_amount(self.amount.text(), _("the amount"))
            service.log(self.plan.id, pydate(self.log_date.date()), amount, self.note.text())

        if run(self._progress, self.message, store):
            self.amount.clear()
            self.note.clear()
            self.reload()


class GradedActivityTab(QWidget):
    """The form while there is no plan; the person's (first) plan once there is one."""

    def __init__(self, window: ProgressWindow) -> None:
        super().__init__()
        self._progress = window
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self.body = QWidget()
        self._column.addWidget(self.body)
        self.show_current()

    def show_current(self) -> None:
        plans = self._progress.services.self_management.plans(self._progress.enrollment.id)
        self._set_body(self._view(plans[0]) if plans else self._form(None))

    def reload(self) -> None:
        """The plan as stored now. A plan form stays as typed; the plan's own view keeps
        what is typed in its log row unless the plan itself changed."""
        if isinstance(self.body, PlanForm):
            return
        plans = self._progress.services.self_management.plans(self._progress.enrollment.id)
        if isinstance(self.body, PlanView) and plans and plans[0] == self.body.plan:
            self.body.reload()
        else:
            self.show_current()

    def _set_body(self, body: QWidget) -> None:
        self._column.replaceWidget(self.body, body)
        self.body.deleteLater()
        self.body = body

    def _form(self, plan: PlanRow | None) -> PlanForm:
        form = PlanForm(plan.data if plan else None)
        form.save_button.clicked.connect(lambda: self._save(form, plan))
        form.cancel_button.clicked.connect(self.show_current)
        return form

    def _view(self, plan: PlanRow) -> PlanView:
        view = PlanView(self._progress, plan)
        view.change_button.clicked.connect(lambda: self._set_body(self._form(plan)))
        view.remove_button.clicked.connect(lambda: self._remove(view))
        return view

    def _save(self, form: PlanForm, plan: PlanRow | None) -> None:
        service = self._progress.services.self_management
        enrollment_id = self._progress.enrollment.id

        def store() -> None:
            data = form.plan_input()
            if plan is None:
                service.create_plan(enrollment_id, data)
            else:
                service.update_plan(plan.id, data)

        if run(self._progress, form.message, store):
            self.show_current()

    def _remove(self, view: PlanView) -> None:
        question = _("Remove the plan for “{activity}” with everything logged in it?")
        answer = QMessageBox.question(
            self,
            _("Remove plan"),
            question.format(activity=view.plan.data.activity),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self._progress.services.self_management
        if run(self._progress, view.message, lambda: service.remove_plan(view.plan.id)):
            self.show_current()


# ------------------------------------------------------------------ the chart


def plan_chart(plan: PlanRow, weeks: Sequence[rules.WeekRow]) -> QWidget:
    """Planned against done (the mean of each week's entries) per week of one plan."""
    from rugschool.ui.charts import INK, _fit_x, _headroom, _integer_ticks, _line, _plot

    title = _("Graded activity: {activity}").format(activity=plan.data.activity)
    plot = _plot(title, _("Week of the plan"), unit_name(plan.data.unit))
    plot.addLegend(offset=(-4, 4), labelTextColor=INK)
    xs = [week.week for week in weeks]
    planned = [week.planned for week in weeks]
    done = [(week.week, week.done) for week in weeks if week.done is not None]
    _headroom(plot, max([*planned, *(y for _x, y in done)], default=1))
    _line(plot, xs, planned, 0, name=_("Planned"))
    _line(plot, [x for x, _y in done], [y for _x, y in done], 1, symbol="s", name=_("Done"))
    _integer_ticks(plot, "bottom", xs)
    _fit_x(plot)
    widget: QWidget = plot
    return widget


def graded_activity_chart(window: ProgressWindow) -> QWidget | None:
    """The chart of the person's first plan; None while there is no plan."""
    service = window.services.self_management
    plans = service.plans(window.enrollment.id)
    if not plans:
        return None
    return plan_chart(plans[0], service.schedule(plans[0].id, dt.date.today()))
