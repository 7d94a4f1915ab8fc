"""The look: Qt's Fusion style in one of three themes (light, dark, high contrast), at one of
two text sizes. Light or dark follows the system; high contrast and large text are the
practice's choice (Instellingen). Every size in the style sheet is multiplied by the scale,
so large text makes the whole interface larger, readable from three metres away.

Widgets read the active theme and scale from here (`current_theme()`, `pt()`, `px()`) when
they draw something of their own, such as the charts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QToolTip,
    QWidget,
)

from rugschool.paths import resource_path

# The light theme's colours, for the few places that keep a look of their own (the
# presenter's projector style).
ACCENT = "#1f6f78"
ACCENT_DARK = "#174f55"
INK = "#1e2a30"
MUTED = "#5b6b73"
SURFACE = "#f4f6f6"
BORDER = "#d5dcdf"

LARGE_TEXT_SCALE = 1.5
MIN_BASE_POINT_SIZE = 10.5
_BASE_FONT_PROPERTY = "rugschoolBasePointSize"
_FOLLOWING_PROPERTY = "rugschoolFollowsColorScheme"


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    window: str  # the page behind everything
    base: str  # fields, tables and lists
    alternate: str  # every other table row
    surface: str  # the navigation column, table headers, buttons
    ink: str  # text
    muted: str  # secondary text (hints, subtitles)
    heading: str  # headings in the accent colour
    accent: str  # the selected navigation item and the primary button
    on_accent: str  # text on the accent
    accent_hover: str
    selection: str  # selected rows
    on_selection: str
    hover: str
    border: str
    border_width: int  # px
    banner: str
    banner_border: str
    disabled: str
    focus: str  # the keyboard focus outline: never hidden, never faint
    focus_width: int  # px
    link: str
    error: str  # a problem told in words (red)
    warning: str  # a caution told in words (amber)


LIGHT = Theme(
    name="light", dark=False, window="#ffffff", base="#ffffff", alternate="#f8fafa",
    surface=SURFACE, ink=INK, muted=MUTED, heading=ACCENT_DARK, accent=ACCENT,
    on_accent="#ffffff", accent_hover=ACCENT_DARK, selection="#cfe5e3", on_selection=INK,
    hover="#e3ecec", border=BORDER, border_width=1, banner="#e6f2f1", banner_border="#b9dbd8",
    disabled="#8a969b", focus="#0b57d0", focus_width=3, link="#0b57d0", error="#a12622",
    warning="#8a5a00",
)  # fmt: skip
DARK = Theme(
    name="dark", dark=True, window="#1a2124", base="#20292d", alternate="#253035",
    surface="#232c30", ink="#e8eef0", muted="#a9b7bd", heading="#86d0d6", accent=ACCENT,
    on_accent="#ffffff", accent_hover=ACCENT_DARK, selection="#2f5b5f", on_selection="#ffffff",
    hover="#2c383d", border="#46555c", border_width=1, banner="#1d3538",
    banner_border="#2f5a5e", disabled="#7d8b91", focus="#ffd24d", focus_width=3,
    link="#8cc8ff", error="#ff8a80", warning="#f2cc4d",
)  # fmt: skip
# Black, white and yellow, as the high-contrast themes of the operating systems: white
# text on black, a cyan selection with black text, a thick yellow focus outline, and no
# grey text at all.
HIGH_CONTRAST = Theme(
    name="high_contrast", dark=True, window="#000000", base="#000000", alternate="#141414",
    surface="#000000", ink="#ffffff", muted="#ffffff", heading="#ffffff", accent="#1aebff",
    on_accent="#000000", accent_hover="#ffffff", selection="#1aebff", on_selection="#000000",
    hover="#1f1f1f", border="#ffffff", border_width=2, banner="#000000",
    banner_border="#ffffff", disabled="#3ff23f", focus="#ffff00", focus_width=4,
    link="#ffff00", error="#ff6060", warning="#ffff00",
)  # fmt: skip


@dataclass(frozen=True)
class Look:
    """What is applied now: the theme and the factor every size is multiplied by."""

    theme: Theme = LIGHT
    scale: float = 1.0
    large_text: bool = False
    high_contrast: bool = False
    dark: bool | None = None  # None: as the system says


_look = Look()


def current_theme() -> Theme:
    return _look.theme


def current_scale() -> float:
    return _look.scale


def current_look() -> Look:
    return _look


def pt(size: float, scale: float | None = None) -> str:
    """A font size for a style sheet, at the active scale."""
    return f"{size * (_look.scale if scale is None else scale):.1f}pt"


def px(size: float, scale: float | None = None) -> int:
    """A length in pixels at the active scale (icons, fixed widths, row heights)."""
    return round(size * (_look.scale if scale is None else scale))


def stylesheet(theme: Theme = LIGHT, scale: float = 1.0) -> str:
    """The whole application's style sheet for a theme at a scale."""
    t = theme

    def p(size: float) -> str:
        return pt(size, scale)

    def n(size: float) -> int:
        return px(size, scale)

    line = f"{t.border_width}px solid {t.border}"
    ring = f"{t.focus_width}px solid {t.focus}"
    # A focused control's border grows to the outline's width; its padding shrinks as much,
    # so nothing moves when the focus arrives.
    grow = t.focus_width - t.border_width
    return f"""
QMainWindow, QDialog, QWidget#page, QWidget#helpPanel {{ background: {t.window}; }}
QToolTip {{ color: {t.ink}; background: {t.base}; border: {line}; padding: 4px; }}
QListWidget#navigation {{
    background: {t.surface}; border: none; border-right: {line};
    padding-top: {n(8)}px; font-size: {p(11.5)}; outline: 0;
}}
QListWidget#navigation::item {{
    padding: {n(10)}px {n(14)}px; margin: 2px 8px; border-radius: 6px; color: {t.ink};
    border: {t.focus_width}px solid transparent;
}}
QListWidget#navigation::item:selected {{ background: {t.accent}; color: {t.on_accent}; }}
QListWidget#navigation::item:hover:!selected {{ background: {t.hover}; }}
QListWidget#navigation::item:focus {{ border: {ring}; }}
QLabel#brand {{ font-size: {p(15)}; font-weight: 600; color: {t.heading}; padding: 4px 2px; }}
QLabel#screenTitle {{ font-size: {p(18)}; font-weight: 600; color: {t.ink}; }}
QLabel#screenSubtitle, QLabel#hint {{ color: {t.muted}; }}
QLabel#emptyState {{ color: {t.muted}; font-size: {p(12)}; padding: {n(40)}px; }}
QLabel#bannerTitle {{ font-size: {p(12.5)}; font-weight: 600; color: {t.heading}; }}
QLabel#logoPreview {{ border: 1px dashed {t.border}; border-radius: 6px; color: {t.muted}; }}
QFrame#welcomeBanner, QFrame#introPanel {{
    background: {t.banner}; border: {line}; border-color: {t.banner_border};
    border-radius: 8px; margin: {n(12)}px {n(28)}px 0 {n(28)}px;
}}
QLabel#introStep {{ color: {t.muted}; font-weight: 600; }}
QLabel#introTitle {{ font-size: {p(12.5)}; font-weight: 600; color: {t.heading}; }}
QPushButton, QToolButton {{
    padding: {n(6)}px {n(14)}px; border-radius: 5px; border: {line};
    background: {t.base}; color: {t.ink}; outline: none;
}}
QToolButton {{ padding: {n(4)}px {n(10)}px; }}
QPushButton:hover, QToolButton:hover {{ background: {t.hover}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {t.disabled}; border-style: dashed; }}
QPushButton:focus {{
    border: {ring}; padding: {n(6) - grow}px {n(14) - grow}px;
}}
QToolButton:focus {{ border: {ring}; padding: {n(4) - grow}px {n(10) - grow}px; }}
QPushButton#primaryButton {{
    background: {t.accent}; color: {t.on_accent}; border-color: {t.accent_hover};
    font-weight: 600;
}}
QPushButton#primaryButton:hover {{ background: {t.accent_hover}; }}
QPushButton#primaryButton:focus {{ background: {t.base}; color: {t.ink}; border: {ring}; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    border: {line}; border-radius: 5px; background: {t.base}; color: {t.ink};
    padding: {n(4)}px {n(6)}px; selection-background-color: {t.selection};
    selection-color: {t.on_selection};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: {ring}; padding: {max(0, n(4) - grow)}px {max(0, n(6) - grow)}px;
}}
QLineEdit:disabled {{ color: {t.disabled}; }}
QAbstractSpinBox QLineEdit, QComboBox QLineEdit {{
    border: none; padding: 0; background: transparent;
}}
QComboBox QAbstractItemView {{
    background: {t.base}; color: {t.ink}; selection-background-color: {t.selection};
    selection-color: {t.on_selection}; border: {line};
}}
QGroupBox {{
    font-weight: 600; border: {line}; border-radius: 8px;
    margin-top: {n(14)}px; padding: {n(14)}px {n(12)}px {n(10)}px {n(12)}px;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; color: {t.ink}; }}
QTableView, QTreeView, QListView {{
    border: {line}; border-radius: 6px; gridline-color: {t.border};
    background: {t.base}; color: {t.ink};
    selection-background-color: {t.selection}; selection-color: {t.on_selection};
    alternate-background-color: {t.alternate};
}}
QTableView:focus, QTreeView:focus, QListView:focus {{ border: {ring}; }}
QTableView::item {{ padding: {n(4)}px {n(6)}px; }}
QHeaderView::section {{
    background: {t.surface}; border: none; border-bottom: {line};
    padding: {n(6)}px {n(8)}px; font-weight: 600; color: {t.ink};
}}
QLineEdit#search {{ padding: {n(6)}px {n(8)}px; border-radius: 6px; }}
QLineEdit#search:focus {{ padding: {max(0, n(6) - grow)}px {max(0, n(8) - grow)}px; }}
QStatusBar {{ color: {t.muted}; }}
QListWidget#programmeSections {{
    border: {line}; border-radius: 8px; padding: 6px; font-size: {p(11)}; outline: 0;
}}
QListWidget#programmeSections:focus {{ border: {ring}; }}
QListWidget#programmeSections::item {{ padding: {n(6)}px {n(8)}px; border-radius: 5px; }}
QListWidget#programmeSections::item:selected {{
    background: {t.selection}; color: {t.on_selection};
}}
QListWidget#programmeSections::item:disabled {{
    color: {t.muted}; font-size: {p(9)}; font-weight: 600; padding-top: {n(12)}px;
}}
QLabel#pageTitle {{ font-size: {p(16)}; font-weight: 600; color: {t.ink}; }}
QLabel#pageSubtitle {{ color: {t.muted}; font-size: {p(11)}; }}
QLabel#themeTitle {{ font-size: {p(13)}; font-weight: 600; color: {t.heading}; }}
QLabel#sectionLabel {{ font-weight: 600; color: {t.ink}; }}
QLabel#levelHeading, QLabel#messageNumber {{
    font-weight: 700; color: {t.heading}; font-size: {p(11)};
}}
QLabel#levelDose {{ font-weight: 600; }}
QLabel#messageTitle {{ font-size: {p(14)}; font-weight: 600; color: {t.ink}; }}
QFrame#levelCard, QFrame#messageCard {{
    background: {t.base}; border: {line}; border-radius: 10px;
}}
QLabel#runnerNumber {{ font-size: {p(13)}; font-weight: 700; color: {t.heading}; }}
QLabel#runnerTitle {{ font-size: {p(28)}; font-weight: 600; color: {t.ink}; }}
QLabel#runnerExplanation {{ font-size: {p(15)}; color: {t.ink}; }}
QLabel#runnerClock {{ font-size: {p(16)}; font-weight: 600; color: {t.heading}; }}
QLabel#stepCounter {{ font-size: {p(12)}; color: {t.muted}; padding: 0 {n(12)}px; }}
QFrame#runnerPanel {{ background: {t.surface}; border: {line}; border-radius: 10px; }}
QListWidget#talkingPoints {{ border: none; font-size: {p(11)}; background: {t.surface}; }}
QListWidget#talkingPoints::item {{ padding: 4px 2px; }}
QCheckBox#coveredBox {{ font-size: {p(13)}; font-weight: 600; padding: 4px 0; }}
QCheckBox#coveredBox::indicator {{ width: {n(20)}px; height: {n(20)}px; }}
QPlainTextEdit#runnerNotes {{ padding: 4px; }}
QTreeWidget#helpKeys {{ font-size: {p(11)}; }}
"""


class RugschoolStyle(QProxyStyle):
    """Fusion, with a focus outline in the theme's focus colour where the style sheet does
    not draw one (combo and spin boxes, check boxes, tabs, the current cell of a table), and
    check boxes whose box shows on a dark background too."""

    FOCUSED = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)
    INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control not in self.FOCUSED:
            return
        theme, rect = _look.theme, QRectF(option.rect)
        if option.state & QStyle.StateFlag.State_HasFocus:
            _outline(painter, rect, theme.focus, theme.focus_width)
        elif theme.dark:  # Fusion's frame is a shade of the window: lost on black
            _outline(painter, rect, theme.border, theme.border_width)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        theme = _look.theme
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            _outline(painter, QRectF(option.rect), theme.focus, max(2, theme.focus_width - 1))
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in self.INDICATORS:
            colour = theme.ink if theme.dark else theme.muted
            _outline(painter, QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), colour, 1)


def _outline(painter: QPainter, rect: QRectF, colour: str, width: int) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(QColor(colour), width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = width / 2
    painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), 3, 3)
    painter.restore()


def _colour_icon(name: str, colours: dict[QIcon.Mode, str]) -> QIcon:
    """A line icon redrawn in the given colour per mode (the SVGs draw in one ink)."""
    svg = resource_path("icons", f"{name}.svg").read_bytes()
    result = QIcon()
    for mode, colour in colours.items():
        pixmap = QPixmap()
        pixmap.loadFromData(svg.replace(b'stroke="#2b3a42"', f'stroke="{colour}"'.encode()))
        result.addPixmap(pixmap, mode)
    return result


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def nav_icon(name: str, theme: Theme | None = None) -> QIcon:
    """A line icon in the theme's ink that takes the accent's text colour when selected."""
    t = theme or _look.theme
    return _colour_icon(name, {QIcon.Mode.Normal: t.ink, QIcon.Mode.Selected: t.on_accent})


def make_palette(theme: Theme) -> QPalette:
    """Every colour role Fusion uses, so nothing falls back to a light default in the dark."""
    colour = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.ink,
        QPalette.ColorRole.Base: theme.base,
        QPalette.ColorRole.AlternateBase: theme.alternate,
        QPalette.ColorRole.Text: theme.ink,
        QPalette.ColorRole.Button: theme.surface,
        QPalette.ColorRole.ButtonText: theme.ink,
        QPalette.ColorRole.BrightText: theme.ink,
        QPalette.ColorRole.Highlight: theme.accent,
        QPalette.ColorRole.HighlightedText: theme.on_accent,
        QPalette.ColorRole.ToolTipBase: theme.base,
        QPalette.ColorRole.ToolTipText: theme.ink,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Link: theme.link,
        QPalette.ColorRole.LinkVisited: theme.link,
        QPalette.ColorRole.Light: theme.hover,
        QPalette.ColorRole.Midlight: theme.surface,
        QPalette.ColorRole.Mid: theme.border,
        QPalette.ColorRole.Dark: theme.border,
        QPalette.ColorRole.Shadow: "#000000",
    }
    palette = QPalette()
    for role, value in colour.items():
        palette.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled))
    return palette


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def choose_theme(*, high_contrast: bool, dark: bool) -> Theme:
    if high_contrast:
        return HIGH_CONTRAST
    return DARK if dark else LIGHT


def _base_point_size(app: QApplication) -> float:
    """The font size before any scaling, remembered at the first call so that switching
    large text on and off never compounds."""
    stored = app.property(_BASE_FONT_PROPERTY)
    if isinstance(stored, float) and stored > 0:
        return stored
    size = max(app.font().pointSizeF(), MIN_BASE_POINT_SIZE)
    app.setProperty(_BASE_FONT_PROPERTY, float(size))
    return size


def apply_style(
    app: QApplication,
    *,
    large_text: bool = False,
    high_contrast: bool = False,
    dark: bool | None = None,
) -> Look:
    """Style the whole application. `dark=None` follows the system's light or dark setting,
    also when it changes while the app runs."""
    look = _apply(app, large_text, high_contrast, dark, system_dark=system_is_dark())
    _follow_color_scheme(app)
    return look


def _apply(
    app: QApplication, large_text: bool, high_contrast: bool, dark: bool | None, system_dark: bool
) -> Look:
    global _look
    scale = LARGE_TEXT_SCALE if large_text else 1.0
    theme = choose_theme(high_contrast=high_contrast, dark=system_dark if dark is None else dark)
    _look = Look(theme, scale, large_text, high_contrast, dark)
    if not isinstance(app.style(), RugschoolStyle):
        app.setStyle(RugschoolStyle())
    app.setPalette(make_palette(theme))
    font = QFont(app.font())
    font.setPointSizeF(_base_point_size(app) * scale)
    app.setFont(font)
    QToolTip.setFont(font)
    QToolTip.setPalette(app.palette())
    app.setStyleSheet(stylesheet(theme, scale))
    app.setWindowIcon(icon("rugschool"))
    return _look


def _follow_color_scheme(app: QApplication) -> None:
    if app.property(_FOLLOWING_PROPERTY):
        return
    app.setProperty(_FOLLOWING_PROPERTY, True)
    app.styleHints().colorSchemeChanged.connect(lambda scheme: follow_system(app, scheme))


def follow_system(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """The system switched between light and dark: follow it, unless a theme was chosen."""
    look = _look
    system_dark = scheme == Qt.ColorScheme.Dark
    if look.dark is None and not look.high_contrast and system_dark != look.theme.dark:
        _apply(app, look.large_text, False, None, system_dark=system_dark)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(value: str) -> float:
        colour = QColor(value)
        channels = []
        for c in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
