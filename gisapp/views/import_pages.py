"""The first pages of the import wizard: the file and its kind, the sheet, the header row.

Every page reads and fills one `ImportChoices`; what a page needs from the file is read on a
worker thread (a county roster can take seconds to open), and the page is complete once it
has arrived."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from gisapp.catalog import ROLES, LayerKind
from gisapp.feedback import Feedback
from gisapp.io.importer import ImportResult
from gisapp.io.mapping import ColumnMapping, all_aliases
from gisapp.io.tables import SPATIAL_FILES, TEXT_FILES, WORKBOOKS, TableHead, read_head, sheet_names
from gisapp.map_state import MapState
from gisapp.project import Project
from gisapp.views import workers

FILE_FILTER = ("可导入的文件 (*.xlsx *.xls *.csv *.txt *.shp *.gpkg *.geojson);;"
               "Excel 工作簿 (*.xlsx *.xls);;文本表格 (*.csv *.txt);;"
               "地图文件 (*.shp *.gpkg *.geojson)")
WARNING_STYLE = "color: #b35900;"
PROBLEM_STYLE = "color: #c0392b;"
NOTE_STYLE = "color: #555555;"


@dataclass(eq=False)
class ImportChoices:
    """What the planner has chosen so far; the pages fill it in turn."""

    project: Project
    map_state: MapState  # the main window's: its boundaries under the preview, its CRS
    kind_id: str = "households"
    path: Path | None = None
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    header_row: int | None = None  # 1-based, as Excel numbers rows; None: found
    columns: list[str] = field(default_factory=list)
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    crs: str = "wgs84"
    result: ImportResult | None = None

    @property
    def kind(self) -> LayerKind:
        return self.project.catalog[self.kind_id]

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower() if self.path is not None else ""

    @property
    def tabular(self) -> bool:
        """A workbook or text table: it has a header row to find and no geometry."""
        return self.suffix in WORKBOOKS | TEXT_FILES

    @property
    def has_villages(self) -> bool:
        layers = [layer for layer in self.map_state.layers if layer.id == "villages"]
        return bool(layers) and len(layers[0].data) > 0


class LoadingPage(QWizardPage):
    """A page whose content is read on a worker thread: incomplete, and saying so, until the
    reading is done; a file that cannot be read is one sentence in a dialog."""

    def __init__(self, choices: ImportChoices):
        super().__init__()
        self.choices = choices
        self.busy = QLabel(self.tr("正在读取文件，请稍候…"), self)
        self.busy.setStyleSheet(NOTE_STYLE)
        self.busy.hide()
        self._job: workers.Job | None = None
        self._failed = False  # the last reading failed: the page cannot go on

    def load(self, work: Callable[[Feedback], object],
             on_done: Callable[[object], None]) -> None:
        if self._job is not None:
            self._job.feedback.cancel()  # a newer question: the older answer is dropped
        job: workers.Job

        def done(result: object) -> None:
            if job is self._job:
                on_done(result)

        def failed(message: str) -> None:
            if job is self._job:
                self._failed = True
                QMessageBox.warning(self, self.tr("无法读取文件"), message)

        def finished() -> None:
            if job is self._job:
                self._job = None
                self.busy.hide()
                self.completeChanged.emit()

        # Reports are queued to this thread, so none arrives before `job` is set.
        self._failed = False
        job = self._job = workers.start(work, done, on_failed=failed, on_finished=finished)
        self.busy.show()
        self.completeChanged.emit()

    def forget(self) -> None:
        """Ignore the reading still under way: the wizard is closing."""
        if self._job is not None:
            self._job.feedback.cancel()
            self._job = None

    def loading(self) -> bool:
        return self._job is not None

    def ready(self) -> bool:
        return True

    def isComplete(self) -> bool:
        return not self.loading() and not self._failed and self.ready()


class FilePage(LoadingPage):
    def __init__(self, choices: ImportChoices):
        super().__init__(choices)
        self.setTitle(self.tr("选择文件"))
        self.setSubTitle(self.tr("先选要导入的是哪类数据，再选文件。可以导入 Excel 表格（.xlsx、"
                                 ".xls）、CSV 或 TXT 表格，以及 Shapefile、GeoPackage、GeoJSON "
                                 "地图文件。"))
        self.kind_box = QComboBox(self)
        kinds = sorted(choices.project.catalog.values(), key=lambda k: ROLES.index(k.role))
        for kind in kinds:
            self.kind_box.addItem(kind.name.zh, kind.id)
        self.kind_box.setCurrentIndex(self.kind_box.findData(choices.kind_id))
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self._sheets_of: Path | None = None  # the file whose sheets were read
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet(NOTE_STYLE)
        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("尚未选择文件"))
        browse = QPushButton(self.tr("选择文件…"), self)
        browse.clicked.connect(self.choose_file)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.merging = QLabel(self)
        self.merging.setWordWrap(True)
        self.merging.setStyleSheet(NOTE_STYLE)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("数据类别："), self.kind_box)
        form.addRow("", self.description)
        form.addRow(self.tr("文件："), file_row)
        form.addRow("", self.busy)
        form.addRow("", self.problem)
        form.addRow("", self.merging)
        self._kind_chosen()

    def choose_file(self) -> None:
        start = str(self.choices.path.parent if self.choices.path
                    else self.choices.project.path.parent)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择要导入的文件"), start,
                                              self.tr(FILE_FILTER))
        if path:
            self.set_path(Path(path))

    def set_path(self, path: Path) -> None:
        """The file to import (what the file dialog does; tests call it directly)."""
        choices = self.choices
        choices.path, choices.sheets, choices.sheet = Path(path), [], None
        choices.header_row, choices.columns = None, []
        self._sheets_of = None
        self.path_edit.setText(str(path))
        self._refresh()

    def _kind_chosen(self) -> None:
        self.choices.kind_id = self.kind_box.currentData()
        self.choices.columns = []  # the mapping is made again for the new kind
        kind = self.choices.kind
        self.description.setText(kind.description)
        self.merging.setText(self.tr(
            "导入只会新增或更新，不会删除项目里已有的{kind}：与已有数据“{key}”相同的行，会更新"
            "那一条。").format(kind=kind.name.zh, key=kind.field(kind.key).name.zh))
        self._refresh()

    def _refresh(self) -> None:
        """Say what is wrong with the choice, else read the file's sheets (once)."""
        self._show_problem()
        path = self.choices.path
        if path is not None and not self.problem.text() and self._sheets_of != path:
            self._sheets_of = path
            self.load(lambda _: sheet_names(path), self._sheets_read)
        self.completeChanged.emit()

    def _sheets_read(self, names: object) -> None:
        self.choices.sheets = list(names)  # type: ignore[call-overload]

    def _show_problem(self) -> None:
        choices = self.choices
        text = ""
        if choices.path is not None and not (choices.tabular or choices.suffix in SPATIAL_FILES):
            text = self.tr("不能导入 {suffix} 文件：请在 Excel 里另存为 .xlsx 或 CSV 后再选。"
                           ).format(suffix=choices.suffix or self.tr("没有扩展名的"))
        elif choices.tabular and choices.kind.geometry == "polygon":
            text = self.tr("{kind}是有边界的面状图形，只能从 Shapefile（.shp）、GeoPackage"
                           "（.gpkg）或 GeoJSON 地图文件导入，不能从表格导入。"
                           ).format(kind=choices.kind.name.zh)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def ready(self) -> bool:
        return self.choices.path is not None and not self.problem.text()


class SheetPage(QWizardPage):
    def __init__(self, choices: ImportChoices):
        super().__init__()
        self.choices = choices
        self.setTitle(self.tr("选择工作表"))
        self.setSubTitle(self.tr("这个文件里有多个工作表（或图层），请选要导入的那一个。"))
        self.list = QListWidget(self)
        self.list.itemDoubleClicked.connect(lambda _: self.wizard().next())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)

    def initializePage(self) -> None:
        self.list.clear()
        self.list.addItems(self.choices.sheets)
        chosen = self.choices.sheet if self.choices.sheet in self.choices.sheets else None
        self.list.setCurrentRow(self.choices.sheets.index(chosen) if chosen else 0)

    def validatePage(self) -> bool:
        sheet = self.list.currentItem().text()
        if sheet != self.choices.sheet:
            self.choices.sheet, self.choices.header_row = sheet, None
        return True


class HeaderPage(LoadingPage):
    def __init__(self, choices: ImportChoices):
        super().__init__(choices)
        self.setTitle(self.tr("确认表头"))
        self.setSubTitle(self.tr("表头是写着各列名称（如“姓名”“身份证号”）的那一行。它上面的"
                                 "标题、填报单位等不会导入，下面的每一行都会导入。"))
        self.found = QLabel(self)
        self.found.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.found)
        layout.addWidget(self.table)
        self._found_row: int | None = None

    def initializePage(self) -> None:
        choices = self.choices
        self.table.clear()
        self.table.setRowCount(0)
        self.found.clear()
        path, sheet, aliases = choices.path, choices.sheet, all_aliases(choices.kind)
        self.load(lambda _: read_head(path, sheet=sheet, aliases=aliases), self._show)

    def _show(self, head: object) -> None:
        assert isinstance(head, TableHead)
        rows = head.rows
        width = max((len(r) for r in rows), default=0)
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(width)
        self.table.setHorizontalHeaderLabels([excel_column(i) for i in range(width)])
        self.table.setVerticalHeaderLabels([str(i + 1) for i in range(len(rows))])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        for c in range(width):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 180))
        self._found_row = head.header_index
        chosen = (self.choices.header_row - 1 if self.choices.header_row is not None
                  else head.header_index)
        if chosen is not None and chosen < len(rows):
            self.table.selectRow(chosen)
            self.table.scrollToItem(self.table.item(chosen, 0))
        self._row_chosen()

    def header_row(self) -> int | None:
        """The chosen header row, 1-based."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() + 1 if rows else None

    def _row_chosen(self) -> None:
        row = self.header_row()
        if row is None:
            self.found.setText(self.tr("请点选表头所在的一行。"))
        elif self._found_row is not None and row == self._found_row + 1:
            self.found.setText(self.tr("已自动找到表头：第 {row} 行（已选中）。如果不对，请点选"
                                       "正确的一行。").format(row=row))
        else:
            self.found.setText(self.tr("表头：第 {row} 行。").format(row=row))
        self.completeChanged.emit()

    def ready(self) -> bool:
        return self.header_row() is not None

    def validatePage(self) -> bool:
        self.choices.header_row = self.header_row()
        return True


def excel_column(index: int) -> str:
    """A, B, ... Z, AA, AB: columns named as Excel names them."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name

