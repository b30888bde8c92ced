"""文件 → 项目设置: the settings a planner may change (radius, target document, data date,
issuing office, Tianditu key ...), checked before they are kept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from gisapp.errors import UserError
from gisapp.project import Project
from gisapp.project_settings import EDITABLE, change_settings, checked_changes
from gisapp.targets import available_target_sets, target_set

# The window's door for writes (ProjectFiles.before_writing): the demo is saved as a copy first.
BeforeWriting = Callable[[Callable[[Project], None], QWidget], None]


class SettingsDialog(QDialog):
    def __init__(self, project: Project, before_writing: BeforeWriting,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("项目设置"))
        self.project = project
        self.before_writing = before_writing
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        shown = dict(project.settings.to_rows())
        form = QFormLayout(self)
        for key, label in EDITABLE.items():
            if key == "target_set":
                field = QComboBox(self)
                for set_id in available_target_sets():
                    targets = target_set(set_id)
                    field.addItem(f"{targets.document}　{targets.name}", set_id)
                field.setCurrentIndex(field.findData(shown[key]))
            else:
                field = QLineEdit(shown[key], self)
                field.setMinimumWidth(420)
            self.fields[key] = field
            form.addRow(label + "：", field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.changed: list[str] = []

    def changes(self) -> dict[str, str]:
        shown = dict(self.project.settings.to_rows())
        values = {key: (field.currentData() if isinstance(field, QComboBox) else field.text())
                  for key, field in self.fields.items()}
        return {key: value for key, value in values.items() if value != shown[key]}

    def accept(self) -> None:
        changes = self.changes()
        try:
            checked_changes(changes)  # a wrong value is told before the demo asks for a copy
        except UserError as exc:
            QMessageBox.warning(self, self.tr("设置未保存"), str(exc))
            return
        if not changes:
            super().accept()
            return
        self.before_writing(lambda project: self._keep(project, changes), self)

    def _keep(self, project: Project, changes: dict[str, str]) -> None:
        try:
            change_settings(project, changes)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("设置未保存"), str(exc))
            return
        self.project, self.changed = project, list(changes)
        super().accept()
