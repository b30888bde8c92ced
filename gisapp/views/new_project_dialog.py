"""文件 → 新建项目: the county by code or name, the data date, the service radius, the target
document, the national township and village lists if wanted, and where the file goes.

The project is made on a worker thread by `gisapp.new_project`, the same as `gisapp new`; the
dialog closes once it exists, and stays open with the reason when it cannot be made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gisapp.divisions import County, all_counties, find_counties
from gisapp.errors import UserError
from gisapp.new_project import NewProject, new_project, which_county
from gisapp.targets import DEFAULT_TARGET_SET, available_target_sets, target_set
from gisapp.views import workers

_CODE_SHOWN = re.compile(r"（(\d{6})）$")  # the code at the end of a completion
_SHOWN_COMPLETIONS = 30


def county_label(found: County) -> str:
    """How a county is shown and completed: 宁夏回族自治区石嘴山市大武口区（640202）."""
    return f"{found.full_name}（{found.code}）"


def county_choices(text: str) -> list[County]:
    """Counties for what is typed: the start of a code ("6402"), else `find_counties`."""
    wanted = "".join(text.split())
    if wanted.isdigit():
        return [c for c in all_counties() if c.code.startswith(wanted)]
    return find_counties(wanted)


def documents_folder() -> Path:
    """Where planners keep their files on Windows; the home folder where there is none."""
    folder = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))
    return folder if folder.is_dir() else Path.home()


def free_path(folder: Path, stem: str) -> Path:
    """`stem.gpkg` in `folder`, or `stem（2）.gpkg` ... when that is taken: never an old file."""
    path, number = folder / f"{stem}.gpkg", 2
    while path.exists():
        path, number = folder / f"{stem}（{number}）.gpkg", number + 1
    return path


class NewProjectDialog(QDialog):
    def __init__(self, before_creating: Callable[[], bool], parent: QWidget | None = None):
        """`before_creating` is asked once the planner presses 新建 (the open window's
        unsaved proposals); False leaves the dialog open and nothing made."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建项目"))
        self.before_creating = before_creating
        self.made: NewProject | None = None
        self.job: workers.Job | None = None
        self._path_chosen = False  # once the planner picks a file, the county no longer names it

        self.county = QLineEdit(self)
        self.county.setPlaceholderText(self.tr("县代码（如 640202）或县名（如 大武口区）"))
        self.county.setAccessibleName(self.tr("县"))
        self.county.setMinimumWidth(440)
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        self.county.setCompleter(completer)
        self.county_found = QLabel(self)
        self.county_found.setWordWrap(True)
        self.county_found.setAccessibleName(self.tr("找到的县"))
        self.data_date = QDateEdit(QDate.currentDate(), self)
        self.data_date.setCalendarPopup(True)
        self.data_date.setDisplayFormat("yyyy-MM-dd")
        self.data_date.setAccessibleName(self.tr("数据日期"))
        self.data_date.setToolTip(self.tr("名单所反映的日期；指标和清单按这一天计算"))
        self.radius = QDoubleSpinBox(self)
        self.radius.setRange(0.1, 100.0)
        self.radius.setDecimals(1)
        self.radius.setSingleStep(0.5)
        self.radius.setValue(5.0)
        self.radius.setSuffix(self.tr(" 公里"))
        self.radius.setAccessibleName(self.tr("康复站服务半径"))
        self.targets = QComboBox(self)
        for set_id in available_target_sets():
            targets = target_set(set_id)
            shown = (targets.name if targets.document in targets.name
                     else f"{targets.document}　{targets.name}")
            self.targets.addItem(shown, set_id)
            self.targets.setItemData(self.targets.count() - 1, shown,
                                     Qt.ItemDataRole.ToolTipRole)
        self.targets.setCurrentIndex(self.targets.findData(DEFAULT_TARGET_SET))
        # Long document titles: the list shows them whole, the closed box need not.
        self.targets.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.targets.setMinimumContentsLength(30)
        self.targets.setAccessibleName(self.tr("目标文件"))
        self.with_places = QCheckBox(self.tr("从国家统计局区划名单建立乡镇、村列表(&P)"), self)
        self.with_places.setChecked(True)
        self.with_places.setToolTip(self.tr(
            "乡镇、村（社区）的代码和名称，没有界线；以后导入本县自己的名单或界线会按名称更新"))
        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("项目文件"))
        self.browse = QPushButton(self.tr("浏览(&B)…"), self)
        self.browse.setAccessibleName(self.tr("选择项目文件保存位置"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("县(&C)："), self.county)
        form.addRow("", self.county_found)
        form.addRow(self.tr("数据日期(&D)："), self.data_date)
        form.addRow(self.tr("服务半径(&R)："), self.radius)
        form.addRow(self.tr("目标文件(&T)："), self.targets)
        form.addRow("", self.with_places)
        save_label = QLabel(self.tr("保存为(&S)："), self)
        save_label.setBuddy(self.path)  # a row of two widgets gets no buddy by itself
        form.addRow(save_label, where)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("新建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.county.textEdited.connect(self._complete)
        self.county.textChanged.connect(self._county_changed)
        self.path.textEdited.connect(self._path_typed)
        self.browse.clicked.connect(self.choose_path)
        self._county_changed("")

    def chosen_county(self) -> County | None:
        """The county the field names without doubt, else None."""
        text = self.county.text().strip()
        if shown := _CODE_SHOWN.search(text):
            text = shown.group(1)
        if not text:
            return None
        try:
            return which_county(text if text.isdigit() else "", "" if text.isdigit() else text)
        except UserError:
            return None

    def request(self) -> dict[str, object]:
        """What `new_project` is asked: a code when the field holds one, else the name, so
        a wrong code or an unknown name is refused in the backend's own words."""
        text = self.county.text().strip()
        found = self.chosen_county()
        code = found.code if found is not None else (text if text.isdigit() else "")
        return {
            "path": self.project_path(), "county_code": code,
            "county_name": "" if code else text,
            "data_date": self.data_date.date().toPython(),
            "radius_km": self.radius.value(), "target_set": self.targets.currentData(),
            "with_places": self.with_places.isEnabled() and self.with_places.isChecked(),
        }

    def project_path(self) -> Path:
        path = Path(self.path.text().strip())
        return path if path.suffix.lower() == ".gpkg" else path.with_name(path.name + ".gpkg")

    def choose_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("新建项目保存为"), str(self.project_path()),
            self.tr("项目文件 (*.gpkg)"),
            # An old file is refused when 新建 is pressed: asking to replace it would mislead.
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self._path_chosen = True
            self.path.setText(str(Path(path)))

    def accept(self) -> None:
        if self.job is not None:
            return
        path = self.project_path()
        missing = (self.tr("请填写县代码或县名。") if not self.county.text().strip() else
                   self.tr("请选择项目文件的保存位置。") if not self.path.text().strip() else "")
        if missing:
            QMessageBox.warning(self, self.tr("未能新建项目"), missing)
            return
        if path.exists():
            QMessageBox.warning(self, self.tr("未能新建项目"), self.tr(
                "{path} 已存在；请换一个文件名，已有的项目不会被覆盖。").format(path=path))
            return
        if not self.before_creating():
            return
        request = self.request()
        self._working(True)
        self.status.setText(self.tr("正在建立项目 {name}…").format(name=path.name))
        self.job = workers.start(lambda feedback: new_project(**request), self._created,
                                 on_failed=self._failed)

    def reject(self) -> None:
        if self.job is None:  # a project half made is not left behind: wait for it
            super().reject()

    def _created(self, made: NewProject) -> None:
        self.job, self.made = None, made
        super().accept()

    def _failed(self, message: str) -> None:
        self.job = None
        self._working(False)
        self.status.setText("")
        QMessageBox.warning(self, self.tr("未能新建项目"), message)

    def _working(self, working: bool) -> None:
        for widget in (self.county, self.data_date, self.radius, self.targets, self.with_places,
                       self.path, self.browse, self.buttons):
            widget.setEnabled(not working)
        if not working:
            self._county_changed(self.county.text())

    def _complete(self, text: str) -> None:
        self._completions.setStringList(
            [county_label(c) for c in county_choices(text)[:_SHOWN_COMPLETIONS]])

    def _county_changed(self, text: str) -> None:
        found = self.chosen_county()
        if found is not None:
            self.county_found.setText(county_label(found))
        elif text.strip():
            self.county_found.setText(self.tr("（未确定：请从列表中选择，或输入 6 位县代码）"))
        else:
            self.county_found.setText(self.tr("（输入县代码或县名，从列表中选择）"))
        # The national lists exist only for the counties of the national table.
        self.with_places.setEnabled(found is not None)
        if not self._path_chosen:
            stem = found.name if found is not None else "新项目"
            self.path.setText(str(free_path(documents_folder(), stem)))

    def _path_typed(self) -> None:
        self._path_chosen = True
