"""文件 → 导入数据: a wizard over the import backend, for a planner who knows Excel but not GIS.

file → sheet (when there are several) → header row → column mapping → coordinate source →
preview on a map → import on a worker thread → what it did, with the rejected-rows file a
click away. The pages live in import_pages, import_columns and import_run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from gisapp.map_state import MapState
from gisapp.project import Project
from gisapp.views.import_columns import CrsPage, MappingPage
from gisapp.views.import_pages import FilePage, HeaderPage, ImportChoices, SheetPage
from gisapp.views.import_run import PreviewPage, ResultPage, RunPage

if TYPE_CHECKING:
    from gisapp.views.main_window import MainWindow

FILE, SHEET, HEADER, MAPPING, CRS, PREVIEW, RUN, RESULT = range(8)


class ImportWizard(QWizard):
    imported = Signal(str, object)  # layer kind, all its rows now, in the map's CRS

    def __init__(self, project: Project, map_state: MapState, parent: QWidget | None = None):
        super().__init__(parent)
        self.choices = ImportChoices(project, map_state)
        self.setWindowTitle(self.tr("导入数据"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        for option in (QWizard.WizardOption.NoBackButtonOnStartPage,
                       QWizard.WizardOption.NoBackButtonOnLastPage,
                       QWizard.WizardOption.NoCancelButtonOnLastPage):
            self.setOption(option, True)
        for button, text in ((QWizard.WizardButton.BackButton, self.tr("上一步")),
                             (QWizard.WizardButton.NextButton, self.tr("下一步")),
                             (QWizard.WizardButton.CommitButton, self.tr("开始导入")),
                             (QWizard.WizardButton.FinishButton, self.tr("完成")),
                             (QWizard.WizardButton.CancelButton, self.tr("取消"))):
            self.setButtonText(button, text)
        self.file_page = FilePage(self.choices)
        self.sheet_page = SheetPage(self.choices)
        self.header_page = HeaderPage(self.choices)
        self.mapping_page = MappingPage(self.choices)
        self.crs_page = CrsPage(self.choices)
        self.preview_page = PreviewPage(self.choices)
        self.run_page = RunPage(self.choices, self.imported.emit)
        self.result_page = ResultPage(self.choices)
        for page_id, page in enumerate((self.file_page, self.sheet_page, self.header_page,
                                        self.mapping_page, self.crs_page, self.preview_page,
                                        self.run_page, self.result_page)):
            self.setPage(page_id, page)
        self.resize(980, 720)

    def nextId(self) -> int:
        c, page = self.choices, self.currentId()
        if page == FILE and len(c.sheets) > 1:
            return SHEET
        if page in (FILE, SHEET):
            return HEADER if c.tabular else MAPPING
        return page + 1 if page < RESULT else -1

    def reject(self) -> None:
        """Closing while the import runs cancels it first, and closes once it has stopped."""
        if self.run_page.running():
            self.run_page.cancel(close_after=True)
            return
        super().reject()

    def done(self, result: int) -> None:
        for page in (self.file_page, self.header_page, self.mapping_page, self.preview_page):
            page.forget()  # a report arriving after the close would find the pages gone
        super().done(result)


def open_import_wizard(window: MainWindow) -> ImportWizard:
    """The wizard over `window`, whose map and dashboard follow a finished import."""
    wizard = ImportWizard(window.project, window.map_state, window)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.imported.connect(window.show_imported_layer)
    wizard.open()
    return wizard
