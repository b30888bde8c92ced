"""文件 → 新建项目 and 另存为, and the one door every write to the open project goes through.

The demo county is the app's own file: it opens on first run and must stay as shipped. So a
change the planner makes to it (an import, a setting, a scenario) first saves their own copy
(另存为), the window goes on with the copy, and the change is made there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gisapp.new_project import NewProject
from gisapp.project import Project
from gisapp.user_files import is_demo_project
from gisapp.views import workers
from gisapp.views.new_project_dialog import NewProjectDialog, documents_folder, free_path

if TYPE_CHECKING:
    from gisapp.views.main_window import MainWindow

# A change to the project, made once there is a project it may be made in.
Write = Callable[[Project], None]


class ProjectFiles(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def before_writing(self, write: Write, parent: QWidget | None = None) -> None:
        """Run `write` on the open project, at once; or, for the demo, once the planner has
        saved a copy of it (and on that copy), or never if they cancel."""
        project = self.window.project
        if not is_demo_project(project.path):
            write(project)
            return
        # Opened, not exec'd: the window keeps painting, and nothing waits in a nested loop.
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("演示项目"),
                          self.tr("这是演示项目。请先另存为您自己的项目，再导入或修改。"),
                          QMessageBox.StandardButton.NoButton, parent or self.window)
        box.setObjectName("demo-guard")
        save = box.addButton(self.tr("另存为…"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _: self.save_as(then=write, parent=parent)
                             if box.clickedButton() is save else None)
        box.open()

    def save_as(self, *, then: Write | None = None, parent: QWidget | None = None) -> None:
        """Copy the open project to a file the planner names, and go on with the copy."""
        project = self.window.project
        path, _ = QFileDialog.getSaveFileName(
            parent or self.window, self.tr("另存为"), str(self._suggested(project)),
            self.tr("项目文件 (*.gpkg)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".gpkg") else Path(path + ".gpkg")
        if is_demo_project(target):
            QMessageBox.warning(parent or self.window, self.tr("另存为没有完成"),
                                self.tr("演示项目不能被覆盖；请另选一个文件名。"))
            return

        def saved(copy: Project) -> None:
            self.window.use_project(copy)
            self.window.statusBar().showMessage(
                self.tr("已另存为 {path}，以后的修改都保存在这里").format(path=copy.path), 10000)
            if then is not None:
                then(copy)

        job = workers.start(lambda feedback: project.save_copy(target), saved,
                            on_failed=lambda message: QMessageBox.warning(
                                parent or self.window, self.tr("另存为没有完成"), message))
        self.window.jobs.follow(job, self.tr("正在另存为 {name}…").format(name=target.name))

    def _suggested(self, project: Project) -> Path:
        if is_demo_project(project.path):  # the app's own folder is hidden: not for their work
            return free_path(documents_folder(), project.settings.county_name or "我的项目")
        return free_path(project.path.parent, self.tr("{name}（副本）").format(
            name=project.path.stem))

    def new_project(self) -> None:
        dialog = NewProjectDialog(self.window.may_close, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._open_new(dialog.made))
        dialog.open()

    def _open_new(self, made: NewProject | None) -> None:
        if made is None:
            return
        path = made.project.path

        def tell(window: MainWindow) -> None:
            if made.notes:
                QMessageBox.information(window, self.tr("新建项目"), "\n\n".join(
                    [self.tr("已新建项目 {path}。").format(path=path), *made.notes]))
            else:
                window.statusBar().showMessage(
                    self.tr("已新建项目 {path}").format(path=path), 10000)

        self.window.open_project(path, on_opened=tell)
