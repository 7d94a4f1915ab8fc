"""Showing an exercise picture: the default SVG drawing rendered sharp at any size, or the
therapist's own photo scaled to fit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget


def picture_pixmap(path: Path, size: QSize, ratio: float = 1.0) -> QPixmap:
    """The picture fitted into `size` (keeping its proportions), on white."""
    target = QPixmap(size * ratio)
    target.setDevicePixelRatio(ratio)
    target.fill(QColor("white"))
    painter = QPainter(target)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if renderer.isValid():
            renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    else:
        photo = QPixmap(str(path))
        if not photo.isNull():
            scaled = photo.scaled(
                size * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(ratio)
            x = (size.width() - scaled.width() / ratio) / 2
            y = (size.height() - scaled.height() / ratio) / 2
            painter.drawPixmap(int(x), int(y), scaled)
    painter.end()
    return target


class PictureView(QWidget):
    """An exercise picture that fills the width it is given, keeping the drawings'
    proportions, rendered sharp at whatever size the card has."""

    ASPECT = 260 / 400  # the drawings' viewBox

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._cache: QPixmap | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(150, int(150 * self.ASPECT))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * self.ASPECT)

    def sizeHint(self) -> QSize:
        return QSize(230, self.heightForWidth(230))

    def pixmap(self) -> QPixmap:
        """The picture as drawn at the widget's current size."""
        size = QSize(self.width(), self.heightForWidth(self.width()))
        if self._cache is None or self._cache.deviceIndependentSize().toSize() != size:
            self._cache = picture_pixmap(self._path, size, self.devicePixelRatioF())
        return self._cache

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setFixedHeight(self.heightForWidth(self.width()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.pixmap())
        painter.setPen(QColor("#d5dcdf"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
