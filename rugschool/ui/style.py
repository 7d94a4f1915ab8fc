"""The look: Qt's Fusion style, a calm light palette, text large enough to read at arm's
length from a laptop at the front of a room."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from rugschool.paths import resource_path

ACCENT = "#1f6f78"
ACCENT_DARK = "#174f55"
INK = "#1e2a30"
MUTED = "#5b6b73"
SURFACE = "#f4f6f6"
BORDER = "#d5dcdf"

STYLESHEET = f"""
QMainWindow, QWidget#page {{ background: #ffffff; }}
QListWidget#navigation {{
    background: {SURFACE}; border: none; border-right: 1px solid {BORDER};
    padding-top: 8px; font-size: 11.5pt; outline: 0;
}}
QListWidget#navigation::item {{
    padding: 10px 14px; margin: 2px 8px; border-radius: 6px; color: {INK};
}}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#navigation::item:hover:!selected {{ background: #e3ecec; }}
QLabel#brand {{ font-size: 15pt; font-weight: 600; color: {ACCENT_DARK}; padding: 4px 2px; }}
QLabel#screenTitle {{ font-size: 18pt; font-weight: 600; color: {INK}; }}
QLabel#screenSubtitle, QLabel#hint {{ color: {MUTED}; }}
QLabel#emptyState {{ color: {MUTED}; font-size: 12pt; padding: 40px; }}
QLabel#bannerTitle {{ font-size: 12.5pt; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel#logoPreview {{ border: 1px dashed {BORDER}; border-radius: 6px; color: {MUTED}; }}
QFrame#welcomeBanner {{
    background: #e6f2f1; border: 1px solid #b9dbd8; border-radius: 8px; margin: 12px 28px 0 28px;
}}
QPushButton {{
    padding: 6px 14px; border-radius: 5px; border: 1px solid {BORDER}; background: #ffffff;
}}
QPushButton:hover {{ background: {SURFACE}; }}
QPushButton:disabled {{ color: #9aa5aa; }}
QToolButton {{
    padding: 4px 10px; border-radius: 5px; border: 1px solid {BORDER}; background: #ffffff;
}}
QToolButton:hover {{ background: {SURFACE}; }}
QPushButton#primaryButton {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK}; font-weight: 600;
}}
QPushButton#primaryButton:hover {{ background: {ACCENT_DARK}; }}
QGroupBox {{
    font-weight: 600; border: 1px solid {BORDER}; border-radius: 8px;
    margin-top: 14px; padding: 14px 12px 10px 12px;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; color: {INK}; }}
QTableView {{
    border: 1px solid {BORDER}; border-radius: 6px; gridline-color: {BORDER};
    selection-background-color: #cfe5e3; selection-color: {INK};
    alternate-background-color: #f8fafa;
}}
QTableView::item {{ padding: 4px 6px; }}
QHeaderView::section {{
    background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER};
    padding: 6px 8px; font-weight: 600; color: {INK};
}}
QLineEdit#search {{ padding: 6px 8px; border: 1px solid {BORDER}; border-radius: 6px; }}
QStatusBar {{ color: {MUTED}; }}
QListWidget#programmeSections {{
    border: 1px solid {BORDER}; border-radius: 8px; padding: 6px; font-size: 11pt; outline: 0;
}}
QListWidget#programmeSections::item {{ padding: 6px 8px; border-radius: 5px; }}
QListWidget#programmeSections::item:selected {{ background: #cfe5e3; color: {INK}; }}
QListWidget#programmeSections::item:disabled {{
    color: {MUTED}; font-size: 9pt; font-weight: 600; padding-top: 12px;
}}
QLabel#pageTitle {{ font-size: 16pt; font-weight: 600; color: {INK}; }}
QLabel#pageSubtitle {{ color: {MUTED}; font-size: 11pt; }}
QLabel#themeTitle {{ font-size: 13pt; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel#sectionLabel {{ font-weight: 600; color: {INK}; }}
QLabel#levelHeading, QLabel#messageNumber {{
    font-weight: 700; color: {ACCENT_DARK}; font-size: 11pt;
}}
QLabel#levelDose {{ font-weight: 600; }}
QLabel#messageTitle {{ font-size: 14pt; font-weight: 600; color: {INK}; }}
QFrame#levelCard, QFrame#messageCard {{
    background: #ffffff; border: 1px solid {BORDER}; border-radius: 10px;
}}
"""


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def nav_icon(name: str) -> QIcon:
    """A line icon that turns white on the selected (accent-coloured) navigation item."""
    svg = resource_path("icons", f"{name}.svg").read_bytes()
    result = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, INK), (QIcon.Mode.Selected, "#ffffff")):
        pixmap = QPixmap()
        pixmap.loadFromData(svg.replace(b'stroke="#2b3a42"', f'stroke="{colour}"'.encode()))
        result.addPixmap(pixmap, mode)
    return result


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8fafa"))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Button, QColor(SURFACE))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
    app.setWindowIcon(icon("rugschool"))
