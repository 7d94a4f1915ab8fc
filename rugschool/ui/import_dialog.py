"""Importing participants from a CSV file: a preview of every line with what will happen to
it, an optional group to enroll them in, and the import itself.

Importing is all or nothing: with an error on any line the Import button is disabled, and
"Import only the valid rows" appears when there are valid rows to import. Likely duplicates
are skipped and never block. After an import `result_summary` holds the result and the
dialog accepts; the screen that opened it announces the change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rugschool.errors import RugschoolError
from rugschool.i18n import _, ngettext
from rugschool.services.csv_import import ImportPreview, ImportResult, ImportRow, ImportService
from rugschool.services.names import list_name
from rugschool.ui.style import current_theme
from rugschool.ui.widgets import named


def row_status(row: ImportRow) -> str:
    """What happens to a line, in words: the error, the duplicate, the warnings, or OK."""
    if row.errors:
        return _("Error: {reason}").format(reason=" ".join(row.errors))
    if row.duplicate:
        return _("Skipped: {reason}").format(reason=row.duplicate)
    if row.warnings:
        return _("Warning: {reason}").format(reason=" ".join(row.warnings))
    return _("OK")


def preview_summary(preview: ImportPreview) -> str:
    """One line, e.g. "12 lines: 9 to import, 2 with errors, 1 likely duplicate, 3 warnings"."""
    lines = ngettext("{n} line", "{n} lines", len(preview.rows)).format(n=len(preview.rows))
    parts = [_("{n} to import").format(n=len(preview.importable))]
    if errors := len(preview.errors):
        parts.append(ngettext("{n} with an error", "{n} with errors", errors).format(n=errors))
    if duplicates := len(preview.duplicates):
        parts.append(
            ngettext("{n} likely duplicate", "{n} likely duplicates", duplicates).format(
                n=duplicates
            )
        )
    if warnings := len(preview.warnings):
        parts.append(ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))
    return f"{lines}: {', '.join(parts)}."


class ImportDialog(QDialog):
    def __init__(
        self,
        service: ImportService,
        group_names: list[tuple[int, str]] | None,
        path: Path,
        parent: QWidget | None = None,
    ) -> None:
        """Reads the file at once; a file that cannot be imported at all raises the
        service's RugschoolError, which the caller shows as any user error."""
        super().__init__(parent)
        self._service = service
        self.preview = service.preview(path)
        self.result_summary: ImportResult | None = None
        self.setWindowTitle(_("Import participants"))
        self.setMinimumSize(780, 440)
        self._group_ids: list[int | None] = [None]
        self.group_choice: QComboBox | None = None
        if group_names:
            self.group_choice = named(QComboBox(), "importGroup")
            self.group_choice.addItem(_("No group"))
            for group_id, name in group_names:
                self.group_choice.addItem(name)
                self._group_ids.append(group_id)
        self.table = named(self._make_table(), "importPreview")
        self.summary = named(QLabel(preview_summary(self.preview)), "importSummary")
        self.message = named(QLabel(), "formMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self._button(_("Import"), "importAll", only_valid=False)
        self.import_valid_button = self._button(
            _("Import only the valid rows"), "importValid", only_valid=True
        )
        self.buttons.rejected.connect(self.reject)
        self._set_buttons()
        self._build()

    def _button(self, text: str, name: str, *, only_valid: bool) -> QPushButton:
        button = named(QPushButton(text), name)
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: self.run_import(only_valid=only_valid))
        return button

    def _set_buttons(self) -> None:
        has_errors, importable = bool(self.preview.errors), bool(self.preview.importable)
        self.import_button.setEnabled(importable and not has_errors)
        self.import_button.setDefault(importable and not has_errors)
        self.import_valid_button.setVisible(has_errors and importable)
        if has_errors:
            self._say(
                _(
                    "Lines with an error stop the import. Correct the file and open it "
                    "again, or import only the valid rows."
                )
                if importable
                else _("Correct the file and open it again.")
            )

    def _make_table(self) -> QTableWidget:
        headers = (_("Line"), _("Name"), _("Date of birth"), _("Phone"), _("E-mail"), _("Status"))
        table = QTableWidget(len(self.preview.rows), len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        for index, row in enumerate(self.preview.rows):
            for column, text in enumerate(_cells(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(index, column, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(
            len(headers) - 1, QHeaderView.ResizeMode.Stretch
        )
        return table

    def _build(self) -> None:
        preview = self.preview
        separator = _("tab") if preview.separator == "\t" else preview.separator
        source = QLabel(
            _("{file} (read as {encoding}, separator {separator})").format(
                file=preview.path.name, encoding=preview.encoding_label, separator=separator
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        if preview.ignored_columns:
            ignored = QLabel(
                _("Ignored columns: {columns}").format(columns=", ".join(preview.ignored_columns))
            )
            ignored.setWordWrap(True)
            layout.addWidget(named(ignored, "importIgnored"))
        if self.group_choice is not None:
            form = QFormLayout()
            form.addRow(_("Enroll in group"), self.group_choice)
            layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def selected_group(self) -> int | None:
        if self.group_choice is None:
            return None
        return self._group_ids[self.group_choice.currentIndex()]

    def run_import(self, *, only_valid: bool) -> None:
        try:
            result = self._service.run(self.preview, self.selected_group(), only_valid)
        except RugschoolError as error:
            self._say(str(error))
            return
        self.result_summary = result
        self.accept()

    def _say(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {current_theme().error};")
        self.message.setText(text)


def _cells(row: ImportRow) -> tuple[str, ...]:
    data = row.data
    born = data.date_of_birth.strftime("%d-%m-%Y") if data.date_of_birth else row.date_of_birth_text
    # Last name first, prefix after the first name: shows how a single name column was split.
    name = list_name(data.first_name, data.name_prefix, data.last_name, "nl")
    return (str(row.line), name, born, data.phone, data.email, row_status(row))
