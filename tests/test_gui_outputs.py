"""输出 menu in the window: the print dialog previews the page and writes what the window
shows, proposals included; the web map is written from the same figures."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtGui import QAction

from gisapp.views.main_window import MainWindow
from gisapp.views.print_dialog import PrintDialog
from tests.test_gui import no_leaked_windows, no_unexpected_dialogs, settings, window  # noqa: F401


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def open_print_dialog(window: MainWindow, qtbot) -> PrintDialog:
    window.findChild(QAction, "print-maps").trigger()
    dialog = window.findChild(PrintDialog)
    qtbot.waitUntil(lambda: dialog._pixmap is not None, timeout=60_000)
    return dialog


def test_print_a_page_with_the_proposals_on_it(window: MainWindow, qtbot, tmp_path: Path,
                                               monkeypatch) -> None:
    townships = window.map_state.layers.by_id("townships").data.set_index("code")
    spot = townships.geometry["640324203"].representative_point()
    window.proposal_tool.action.setChecked(True)
    window.proposal_tool.place(spot.x, spot.y)
    dialog = open_print_dialog(window, qtbot)
    assert dialog.indicator.currentData() == "rehab_reach"  # the indicator on the map
    def reach(rows) -> int:
        return next(r.numerator for r in rows if r.indicator == "rehab_reach")

    assert reach(dialog.report.county) == reach(window.results.county) > reach(
        window.baseline.county)  # the figures with the proposal, as the dashboard shows them
    out = tmp_path / "康复站覆盖.pdf"
    monkeypatch.setattr("gisapp.views.print_dialog.QFileDialog.getSaveFileName",
                        lambda *args: (str(out), ""))
    dialog.save_pdf.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("已写入"), timeout=60_000)
    dialog.reject()
    text = pdf_text(out)
    assert "拟建康复站（方案）（1 个）" in text
    assert "张家塬乡" in text and "有康复需求残疾人的康复站服务半径覆盖率" in text


def test_print_an_atlas_from_the_dialog(window: MainWindow, qtbot, tmp_path: Path,
                                        monkeypatch) -> None:
    dialog = open_print_dialog(window, qtbot)
    dialog.paper.setCurrentIndex(dialog.paper.findData("A3"))
    dialog.atlas.setChecked(True)
    assert not dialog.save_png.isEnabled()  # an atlas is a PDF
    dialog.township.setCurrentIndex(dialog.township.findData("640324203"))
    out = tmp_path / "图集.pdf"
    monkeypatch.setattr("gisapp.views.print_dialog.QFileDialog.getSaveFileName",
                        lambda *args: (str(out), ""))
    dialog.save_pdf.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("已写入"), timeout=120_000)
    dialog.reject()
    info = dict(line.split(":", 1) for line in subprocess.run(
        ["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout.splitlines())
    assert int(info["Pages"]) == 11  # a page per township
    assert info["Page size"].strip().endswith("(A3)")


def test_export_the_web_map(window: MainWindow, qtbot, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "同心县.html"
    monkeypatch.setattr("gisapp.views.report_outputs.QFileDialog.getSaveFileName",
                        lambda *args: (str(out), ""))
    window.findChild(QAction, "export-webmap").trigger()
    qtbot.waitUntil(lambda: "网络地图已写入" in window.statusBar().currentMessage(),
                    timeout=60_000)
    html = out.read_text(encoding="utf-8")
    assert "张家塬乡" in html and '<script src="http' not in html


def test_siting_puts_its_proposals_on_the_map(window: MainWindow, qtbot, tmp_path: Path,
                                              monkeypatch) -> None:
    from gisapp.views.siting_dialog import SitingDialog

    window.findChild(QAction, "siting").trigger()
    dialog = window.findChild(SitingDialog)
    assert dialog.candidates.currentData() == "villages" and dialog.share.value() == 90.0
    dialog.count.setValue(10)
    dialog.run.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    result = dialog.result
    assert result.status == "optimal" and len(result.proposals) == 10
    assert dialog.table.rowCount() == 10
    assert dialog.table.item(9, 4).text() == f"{result.coverage()[-1] * 100:.1f}%"
    dialog.to_map.click()
    assert len(window.proposal_tool.layer.data) == 10
    reach = next(r for r in window.results.county if r.indicator == "rehab_reach")
    assert reach.numerator == result.reached[-1][-1]  # the map agrees with the solver
    assert not window.undo_stack.isClean()  # unsaved: closing would ask
    out = tmp_path / "选址.xlsx"
    monkeypatch.setattr("gisapp.views.siting_dialog.QFileDialog.getSaveFileName",
                        lambda *args: (str(out), ""))
    dialog.excel.click()
    assert out.exists() and out.with_suffix(".curve.png").exists()
    dialog.reject()


def test_siting_reports_townships_out_of_reach(window: MainWindow, qtbot) -> None:
    from gisapp.views.siting_dialog import SitingDialog

    window.open_siting()
    dialog = window.findChild(SitingDialog)
    dialog.reach.setChecked(True)
    dialog.per_township.setChecked(True)
    dialog.radius.setValue(1.0)  # a small radius leaves remote people beyond every village
    dialog.run.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    assert dialog.result.unreachable
    assert "全部候选点都建站也只能覆盖" in dialog.unreachable.text()
    dialog.reject()


def test_changed_settings_open_the_project_again(qtbot, tmp_path: Path, settings) -> None:
    from gisapp.demo import build_demo
    from gisapp.views.app import _windows
    from gisapp.views.settings_dialog import SettingsDialog

    project = build_demo(tmp_path / "county.gpkg")
    first = MainWindow(project, settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.results is not None, timeout=30_000)
    first.findChild(QAction, "project-settings").trigger()
    dialog = first.findChild(SettingsDialog)
    dialog.fields["radius_km"].setText("8")
    dialog.fields["issuing_office"].setText("同心县残疾人联合会办公室")
    assert dialog.changes() == {"radius_km": "8", "issuing_office": "同心县残疾人联合会办公室"}
    dialog.accept()
    qtbot.waitUntil(lambda: any(w.project.path == project.path for w in _windows),
                    timeout=30_000)
    again = next(w for w in _windows if w.project.path == project.path)
    qtbot.waitUntil(lambda: again.results is not None, timeout=30_000)
    assert again.project.settings.radius_km == 8.0 and not first.isVisible()
    reach = next(r for r in again.results.county if r.indicator == "rehab_reach")
    assert reach.value > 0.795  # a wider radius reaches more people
    again.close()


def test_a_bad_setting_is_one_sentence_and_the_dialog_stays(window: MainWindow, qtbot,
                                                            monkeypatch) -> None:
    from gisapp.views.settings_dialog import SettingsDialog

    told = []
    monkeypatch.setattr("gisapp.views.settings_dialog.QMessageBox.warning",
                        lambda parent, title, text: told.append(text))
    dialog = SettingsDialog(window.project, window.files.before_writing, window)
    dialog.fields["data_date"].setText("明年")
    dialog.accept()
    assert told == ["data_date：“明年”不是日期（例如 2026-06-30）"]
    assert dialog.result() == 0 and dialog.changed == []
    dialog.reject()
