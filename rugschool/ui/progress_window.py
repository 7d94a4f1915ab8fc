"""One participant's course in a window of its own: charts of their progress, their
measures, their goal and their self-management tools (graded activity, exposure ladder,
pacing), and the attention flags of their course at the top.

Opened from the group's participant list ("Progress…") and from Deelnemers. Every tab
stores what is entered at once, like the rest of the app.

The window opens on its charts; every other tab is built the first time it is shown (most
visits look at the charts only, and each tab reads the database and builds its widgets).
What a page shows is read anew when it may have changed: the charts after a change in
another tab, every page after a change notice from elsewhere in the app. A page that is
not shown then is read when it is next shown, so a hidden window does no work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from rugschool.errors import RugschoolError
from rugschool.i18n import N_, _
from rugschool.services.audit import AuditAction
from rugschool.services.bundle import Services
from rugschool.services.groups import EnrollmentRow
from rugschool.ui.events import Events
from rugschool.ui.widgets import named

TabFactory = Callable[["ProgressWindow"], QWidget]
CHARTS = "charts"


class TabPlace(QWidget):
    """A tab's page in the window: holds the tab, which its factory builds when the page is
    first shown (`build`)."""

    def __init__(self, name: str, factory: TabFactory, window: ProgressWindow) -> None:
        super().__init__()
        self.setObjectName(name)
        self._factory, self._progress = factory, window
        self.tab: QWidget | None = None
        self._failed: QLabel | None = None  # why the tab could not be built (tried again)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        """The tab, built now if it was not yet. When it cannot be (say, the enrollment
        was removed meanwhile), the reason shows in its place and is returned instead; the
        next `build` tries again."""
        if self.tab is not None:
            return self.tab
        try:
            tab: QWidget = self._factory(self._progress)
        except RugschoolError as error:
            if self._failed is None:
                self._failed = QLabel()
                self._failed.setWordWrap(True)
                self._column.addWidget(self._failed, 0, Qt.AlignmentFlag.AlignTop)
            self._failed.setText(str(error))
            return self._failed
        if self._failed is not None:
            self._failed.deleteLater()
            self._failed = None
        self.tab = tab
        self._column.addWidget(tab)
        tab.show()  # at once: a widget added to a shown page appears a turn later
        if self.hasFocus():  # it followed the page here (Ctrl+Tab from the page before)
            self._focus_first_field()
        return tab

    def _focus_first_field(self) -> None:
        """The focus on the tab's first field, as Qt does when the page is there already."""
        field = self.nextInFocusChain()
        while field is not None and field is not self:
            if (
                field.focusPolicy() & Qt.FocusPolicy.TabFocus
                and self.isAncestorOf(field)
                and field.isVisibleTo(self)
                and field.isEnabled()
            ):
                field.setFocus(Qt.FocusReason.TabFocusReason)
                return
            field = field.nextInFocusChain()

    def reload(self) -> None:
        """What the tab shows, read anew (a tab without `reload` shows nothing stored
        elsewhere)."""
        reload: Callable[[], None] | None = getattr(self.tab, "reload", None)
        if reload is not None:
            reload()


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
        self.charts_tab = named(QScrollArea(), CHARTS)
        self.charts_tab.setWidgetResizable(True)
        self.tabs.addTab(self.charts_tab, _("Charts"))
        for name, title, factory in extra_tabs():
            self.tabs.addTab(TabPlace(name, factory, self), title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.flags)
        layout.addWidget(self.tabs, 1)
        self._stale: set[QWidget] = set()  # pages (and the flags) to read anew when shown
        self.tabs.currentChanged.connect(self._tab_changed)
        events.participants_changed.connect(self.changed_elsewhere)
        events.groups_changed.connect(self.changed_elsewhere)  # recordings, enrollments
        events.programme_changed.connect(self.changed_elsewhere)  # the exercises' names
        events.settings_changed.connect(self._setting_changed)  # the pain bands, say
        self.refresh()

    def show_tab(self, name: str) -> QWidget:
        """Opens on the tab of that name (`extra_tabs`, or "charts"), built if it was not
        yet; returns the tab."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.objectName() == name:
                self.tabs.setCurrentIndex(index)
                return page.build() if isinstance(page, TabPlace) else page
        raise KeyError(name)  # a bug: every caller names a tab of extra_tabs()

    def show_measures(self) -> None:
        """Opens on the measures tab (from the due list on Vandaag)."""
        self.show_tab("measures")

    def refresh(self) -> None:
        """After a change in one of this window's tabs: the flags at once, the charts when
        they are shown (at once while their tab is the current one)."""
        self.flags.setText(self._flag_text())
        self._stale.add(self.charts_tab)
        self._bring_up_to_date()

    def changed_elsewhere(self) -> None:
        """A change notice: every page built so far, and the flags, are read anew, the
        current page at once while the window is shown, the others when they are shown."""
        places = [self.tabs.widget(i) for i in range(self.tabs.count())]
        built = [p for p in places if isinstance(p, TabPlace) and p.tab is not None]
        self._stale.update([self.flags, self.charts_tab, *built])
        if self.isVisible():
            self._bring_up_to_date()

    def _setting_changed(self, _key: str) -> None:
        self.changed_elsewhere()

    def _tab_changed(self, _index: int) -> None:
        self._bring_up_to_date()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._bring_up_to_date()

    def _bring_up_to_date(self) -> None:
        """The flags and the current page, built or read anew where needed."""
        if self.flags in self._stale:
            self._stale.discard(self.flags)
            self.flags.setText(self._flag_text())
        page = self.tabs.currentWidget()
        if isinstance(page, TabPlace) and page.tab is None:
            page.build()  # reads what it shows
        elif page is self.charts_tab and page in self._stale:
            self.charts_tab.setWidget(self._charts())
        elif isinstance(page, TabPlace) and page in self._stale:
            try:
                page.reload()
            except RugschoolError as error:  # say, the enrollment was removed meanwhile
                self.flags.setText(str(error))
        self._stale.discard(page)

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


# Each tab's module is imported when the tab is first built (the self-management tabs
# bring their rules and services along).


def _measures(window: ProgressWindow) -> QWidget:
    from rugschool.ui.measures_tab import MeasuresTab

    return MeasuresTab(window)


def _goal(window: ProgressWindow) -> QWidget:
    from rugschool.ui.self_management_tabs import GoalTab

    return GoalTab(window)


def _graded_activity(window: ProgressWindow) -> QWidget:
    from rugschool.ui.graded_activity_tab import GradedActivityTab

    return GradedActivityTab(window)


def _exposure(window: ProgressWindow) -> QWidget:
    from rugschool.ui.self_management_tabs import ExposureTab

    return ExposureTab(window)


def _pacing(window: ProgressWindow) -> QWidget:
    from rugschool.ui.self_management_tabs import PacingTab

    return PacingTab(window)


def extra_tabs() -> list[tuple[str, str, TabFactory]]:
    """(name, title, factory) of the tabs after the charts: measures, goal and the
    self-management tools."""
    return [
        ("measures", _("Measures"), _measures),
        ("goal", _("Goal"), _goal),
        ("gradedActivity", _("Graded activity"), _graded_activity),
        ("exposure", _("Exposure ladder"), _exposure),
        ("pacing", _("Pacing"), _pacing),
    ]


def chart_extras(window: ProgressWindow) -> list[QWidget]:
    """Charts of measures and graded activity, when there is something to show."""
    from rugschool.ui.graded_activity_tab import graded_activity_chart
    from rugschool.ui.measures_tab import measures_chart

    found = [measures_chart(window), graded_activity_chart(window)]
    return [chart for chart in found if chart is not None]
