"""One participant's course in a window of its own: charts of their progress, their
measures, their goal and their self-management tools (graded activity, exposure ladder,
pacing), and the attention flags of their course at the top.

Opened from the group's participant list ("Progress…") and from Deelnemers. Every tab
stores what is entered at once, like the rest of the app; the charts tab rebuilds when
another tab changed something.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from rugschool.errors import RugschoolError
from rugschool.i18n import N_, _
from rugschool.services.audit import AuditAction
from rugschool.services.bundle import Services
from rugschool.services.groups import EnrollmentRow
from rugschool.ui.events import Events
from rugschool.ui.widgets import named

TabFactory = Callable[["ProgressWindow"], QWidget]


class ProgressWindow(QWidget):
    def __init__(
        self,
        services: Services,
        events: Events,
        enrollment: EnrollmentRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.services, self.events, self.enrollment = services, events, enrollment
        services.audit.log(
            AuditAction.OPENED, enrollment.participant_id, N_("progress and measures")
        )
        self.setWindowTitle(
            _("{name} in {group}").format(name=enrollment.name, group=enrollment.group_name)
        )
        self.resize(1100, 760)
        self.title = named(QLabel(enrollment.name), "pageTitle")
        self.flags = named(QLabel(), "hint")
        self.flags.setWordWrap(True)
        self.tabs = QTabWidget()
        self.charts_tab = QScrollArea()
        self.charts_tab.setWidgetResizable(True)
        self.tabs.addTab(self.charts_tab, _("Charts"))
        for title, factory in extra_tabs():
            self.tabs.addTab(factory(self), title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.flags)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def show_measures(self) -> None:
        """Opens on the measures tab (from the due list on Vandaag)."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if tab is not None and tab.objectName() == "measures":
                self.tabs.setCurrentIndex(index)

    def refresh(self) -> None:
        """Charts and flags anew from the database (after any change in a tab)."""
        self.charts_tab.setWidget(self._charts())
        self.flags.setText(self._flag_text())

    def _charts(self) -> QWidget:
        from rugschool.ui import charts

        page = QWidget()
        column = QVBoxLayout(page)
        try:
            progress = self.services.participant_progress(
                self.enrollment.participant_id, self.enrollment.group_id
            )
        except RugschoolError as error:
            column.addWidget(QLabel(str(error)))
            return page
        column.addWidget(charts.level_chart(progress.levels))
        column.addWidget(charts.pain_chart(progress.report.pain, self.services.pain_bands()))
        for chart in chart_extras(self):
            column.addWidget(chart)
        return page

    def _flag_text(self) -> str:
        """The attention flags of this course, each with why it matters."""
        try:
            flags = self.services.course_flags().for_enrollment(self.enrollment.id, dt.date.today())
        except RugschoolError as error:
            return str(error)
        if not flags:
            return _("No attention flags: nothing in this course asks for action now.")
        return "\n".join(f"⚑ {f.title}: {f.explanation}" for f in flags)


def _measures(window: ProgressWindow) -> QWidget:
    from rugschool.ui.measures_tab import measures_tab

    tab = measures_tab(window)
    tab.setObjectName("measures")
    return tab


def extra_tabs() -> list[tuple[str, TabFactory]]:
    """The tabs after the charts: measures, goal and self-management tools."""
    from rugschool.ui.self_management_tabs import self_management_tabs

    return [(_("Measures"), _measures), *self_management_tabs()]


def chart_extras(window: ProgressWindow) -> list[QWidget]:
    """Charts of measures and graded activity, when there is something to show."""
    from rugschool.ui.measures_tab import measures_chart
    from rugschool.ui.self_management_tabs import graded_activity_chart

    found = [measures_chart(window), graded_activity_chart(window)]
    return [chart for chart in found if chart is not None]
