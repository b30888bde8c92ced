"""The import wizard, driven page by page from the real main window (offscreen), and the
headless functions under it: the file's first rows, the preview, an edited column mapping."""

from __future__ import annotations

import threading
from pathlib import Path

import geopandas as gpd
import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWizard

from gisapp.crs import wgs84_to_gcj02
from gisapp.errors import UserError
from gisapp.io import importer
from gisapp.io.importer import import_file, preview_rows
from gisapp.io.mapping import ColumnMapping, all_aliases, auto_mapping
from gisapp.io.summary import import_summary
from gisapp.io.tables import open_table, read_head
from gisapp.map_state import MapState
from gisapp.project import Project, Settings
from gisapp.views.import_columns import SKIP, mapping_warnings
from gisapp.views.import_pages import ImportChoices
from gisapp.views.import_wizard import CRS, HEADER, MAPPING, PREVIEW, RESULT, RUN, ImportWizard
from gisapp.views.main_window import MainWindow
from tests.test_gui import no_leaked_windows, no_unexpected_dialogs, settings  # noqa: F401
from tests.test_import_rows import TOWNSHIPS, VILLAGES, person_id

HEADER_CELLS = ["序号", "姓名", "公民身份号码", "残疾类别", "残疾等级", "所在村代码", "东经",
                "北纬", "监护人电话", "备注"]
# True places inside 园艺村 near its east edge; picked on Amap, so given in GCJ-02, which
# puts them ~500 m east, inside 城北村, when read as WGS84.
TRUTH = [(105.8985 - 0.0004 * i, 36.96 + 0.005 * i) for i in range(6)]
YUANYI, CHENGBEI = "640324100200", "640324100201"
KNOWN = person_id("19700101", 0)  # already in the project, with grade 4


def messy_roster(path: Path) -> Path:
    """Two title rows, the header on row 3, rows 4-12: six points picked on Amap, one placed
    by its village, a bad ID number, a missing grade."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["同心县持证残疾人花名册（2026年）"])
    ws.merge_cells("A1:J1")
    ws.append(["填报单位：豫海镇残联", *[None] * 7, "填报日期：2026年6月"])
    ws.append(HEADER_CELLS)
    for i, (x, y) in enumerate(TRUTH):
        lon, lat = wgs84_to_gcj02(x, y)
        ws.append([i + 1, f"人{i}", person_id("19700101", i), "肢体", "二级", YUANYI, lon, lat,
                   f"1390953000{i}", "2025年新办证"])
    ws.append([7, "按村", person_id("19800101", 7), "视力", 1, CHENGBEI, "", "", "", ""])
    bad = person_id("19800101", 8)
    ws.append([8, "错号", bad[:17] + ("0" if bad[17] != "0" else "1"), "肢体", 2, YUANYI,
               105.87, 36.97, "", ""])
    ws.append([9, "缺等级", person_id("19800101", 9), "肢体", None, YUANYI, 105.87, 36.97, "", ""])
    notes = wb.create_sheet("填表说明")
    notes.append(["身份证号请设为文本格式"])
    wb.save(path)
    return path


@pytest.fixture
def county(tmp_path: Path) -> Project:
    """Two townships, three villages and one person already imported."""
    project = Project.create(tmp_path / "county.gpkg",
                             Settings(name="测试县", county_code="640324", metric_crs="EPSG:4544"))
    known = gpd.GeoDataFrame({"id_number": [KNOWN], "name": ["人0"], "disability_type": [4],
                              "grade": [4]}, geometry=gpd.points_from_xy([105.87], [36.97]),
                             crs="EPSG:4490")
    project.write_layers({"townships": TOWNSHIPS, "villages": VILLAGES, "households": known})
    return project


@pytest.fixture
def window(qtbot, county: Project, settings: QSettings) -> MainWindow:
    window = MainWindow(county, settings)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    yield window
    if window._job is not None:
        window._job.wait(30.0)


# -- headless -------------------------------------------------------------------------------

def test_the_first_rows_and_the_header_found_in_them(tmp_path: Path, county: Project) -> None:
    path = messy_roster(tmp_path / "roster.xlsx")
    head = read_head(path, aliases=all_aliases(county.catalog["households"]))
    assert head.header_index == 2  # row 3, below the title and the reporting office
    assert head.rows[2] == HEADER_CELLS
    assert head.rows[0][0] == "同心县持证残疾人花名册（2026年）"
    assert len(head.rows) == 12
    with pytest.raises(UserError, match="没有工作表"):
        read_head(path, sheet="没有这个表")


def test_preview_sorts_the_first_rows_and_writes_nothing(tmp_path: Path,
                                                         county: Project) -> None:
    path = messy_roster(tmp_path / "roster.xlsx")
    before = county.path.read_bytes()
    kind = county.catalog["households"]
    mapping = auto_mapping(open_table(path, aliases=all_aliases(kind)).columns, kind)
    mapping.fields["所在村代码"] = "village_code"
    as_wgs84 = preview_rows(county, "households", path, mapping=mapping)
    assert (as_wgs84.read, len(as_wgs84.accepted), len(as_wgs84.rejected)) == (9, 7, 2)
    assert as_wgs84.rejected["未导入原因"].tolist() == ["身份证号校验位错误",
                                                      "缺少必填项：残疾等级"]
    assert "GCJ-02" in as_wgs84.file_warnings[0]  # Amap points given as GPS are suspected
    as_gcj = preview_rows(county, "households", path, mapping=mapping, crs="gcj02")
    assert as_gcj.file_warnings == []
    assert as_gcj.accepted.geometry.iloc[:6].within(VILLAGES.geometry[0]).all()
    first3 = preview_rows(county, "households", path, mapping=mapping, rows=3)
    assert first3.read == 3 and first3.accepted["name"].tolist() == ["人0", "人1", "人2"]
    assert county.path.read_bytes() == before
    assert not (tmp_path / "roster.rejected.xlsx").exists()


def test_preview_of_more_rows_than_a_block_holds(tmp_path: Path, county: Project) -> None:
    path = tmp_path / "roster.csv"
    lines = ["标题", "姓名,身份证号,残疾类别,残疾等级,村代码"]
    lines += [f"某{i},{person_id('19900101', i)},4,2,{YUANYI}" for i in range(30)]
    path.write_text("\n".join(lines), encoding="utf-8")
    prepared = preview_rows(county, "households", path, rows=25)
    assert prepared.read == 25 and len(prepared.accepted) == 25


def test_import_takes_an_edited_mapping(tmp_path: Path, county: Project) -> None:
    path = messy_roster(tmp_path / "roster.xlsx")
    kind = county.catalog["households"]
    mapping = auto_mapping(open_table(path, aliases=all_aliases(kind)).columns, kind)
    assert mapping.column_of("village_code") is None and mapping.lon == "东经"
    mapping.fields["所在村代码"] = "village_code"
    mapping.fields["监护人电话"] = "phone"
    mapping.skipped.append("备注")
    result = import_file(county, "households", path, crs="gcj02", mapping=mapping)
    assert (result.accepted, len(result.rejected), result.added, result.updated) == (7, 2, 6, 1)
    stored = county.read_layer("households").set_index("name")
    assert "备注" not in stored.columns and "监护人电话" not in stored.columns
    assert stored.loc["人1", "phone"] == "13909530001"
    assert stored.loc["人0", "grade"] == 2  # updated by ID number
    assert stored.loc["按村", "located_by"] == "village"
    assert "未导入的列：备注" in import_summary(result, kind)
    saved = tmp_path / "mapping.json"
    mapping.save(saved)
    assert ColumnMapping.load(saved, kind, HEADER_CELLS) == mapping


def test_an_edited_mapping_is_checked_like_a_saved_one(tmp_path: Path,
                                                      county: Project) -> None:
    path = messy_roster(tmp_path / "roster.xlsx")
    with pytest.raises(UserError, match="文件中没有列 户主"):
        import_file(county, "households", path, mapping=ColumnMapping({"户主": "name"}))
    with pytest.raises(UserError, match="有两列都对应到 name"):
        import_file(county, "households", path,
                    mapping=ColumnMapping({"姓名": "name", "备注": "name"}))
    with pytest.raises(ValueError, match="not both"):
        import_file(county, "households", path, mapping=ColumnMapping(),
                    mapping_path=tmp_path / "m.json")


# -- the wizard -----------------------------------------------------------------------------

def open_wizard(window: MainWindow, qtbot) -> ImportWizard:
    window.findChild(QAction, "import-data").trigger()
    wizard = window.findChild(ImportWizard)
    qtbot.waitExposed(wizard)
    return wizard


def next_page(wizard: ImportWizard, qtbot, expected: int) -> None:
    """Click 下一步 (or 开始导入) once the page is ready, and land on `expected`."""
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=30_000)
    button = wizard.button(QWizard.WizardButton.CommitButton
                           if wizard.currentPage().isCommitPage()
                           else QWizard.WizardButton.NextButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == expected


def up_to_the_preview(wizard: ImportWizard, qtbot, roster: Path, crs: str) -> None:
    wizard.file_page.set_path(roster)
    next_page(wizard, qtbot, 1)  # two sheets: which one
    assert [wizard.sheet_page.list.item(i).text() for i in range(2)] == ["花名册", "填表说明"]
    next_page(wizard, qtbot, HEADER)
    qtbot.waitUntil(lambda: wizard.header_page.isComplete(), timeout=30_000)
    assert wizard.header_page.header_row() == 3
    assert "已自动找到表头：第 3 行" in wizard.header_page.found.text()
    next_page(wizard, qtbot, MAPPING)
    page = wizard.mapping_page
    qtbot.waitUntil(page.isComplete, timeout=30_000)
    shown = {page.table.item(r, 0).text(): page.combos[r].currentText()
             for r in range(page.table.rowCount())}
    assert shown == {"序号": "编号", "姓名": "姓名", "公民身份号码": "身份证号",
                     "残疾类别": "残疾类别（必填）", "残疾等级": "残疾等级（必填）",
                     "所在村代码": "（按原列名保留）", "东经": "经度", "北纬": "纬度",
                     "监护人电话": "（按原列名保留）", "备注": "（按原列名保留）"}
    assert page.table.item(1, 2).text() == "人0"  # a sample value
    page.choose("所在村代码", "village_code")
    page.choose("备注", SKIP)
    assert wizard.choices.mapping.fields["所在村代码"] == "village_code"
    assert page.warnings.text() == ""
    next_page(wizard, qtbot, CRS)
    wizard.crs_page.choose(crs)
    next_page(wizard, qtbot, PREVIEW)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=30_000)


def test_import_a_messy_roster_through_the_wizard(window: MainWindow, qtbot, tmp_path: Path,
                                                  county: Project, monkeypatch) -> None:
    roster = messy_roster(tmp_path / "roster.xlsx")
    wizard = open_wizard(window, qtbot)
    up_to_the_preview(wizard, qtbot, roster, "wgs84")
    preview = wizard.preview_page
    assert preview.counts.text() == "全部 9 行：可导入 7 行，不能导入 2 行"
    assert "GCJ-02" in preview.warnings.text()  # GPS was the wrong choice: it says so
    wizard.back()
    wizard.crs_page.choose("gcj02")
    next_page(wizard, qtbot, PREVIEW)
    qtbot.waitUntil(preview.isComplete, timeout=30_000)
    assert preview.counts.text() == "全部 9 行：可导入 7 行，不能导入 2 行"
    assert preview.warnings.text() == ""
    assert "第 11 行：身份证号校验位错误" in preview.reasons.text()
    assert len(preview.points.data) == 7
    assert len(window.map_state.layers.by_id("households").data) == 1  # nothing written yet

    next_page(wizard, qtbot, RUN)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=60_000)
    result = wizard.choices.result
    assert (result.read, result.accepted, len(result.rejected)) == (9, 7, 2)
    assert (result.added, result.updated) == (6, 1)
    assert result.rejects_path == tmp_path / "roster.rejected.xlsx"
    assert result.rejects_path.exists()
    page = wizard.result_page
    assert page.headline.text().startswith("残疾人家庭：导入 7 行（新增 6，更新 1），未导入 2 行")
    assert "身份证号校验位错误 1 行" in page.details.toPlainText()

    households = window.map_state.layers.by_id("households").data
    assert len(households) == 7 and households.crs == window.map_state.crs
    assert "备注" not in households.columns and "监护人电话" in households.columns
    households_row = window.layer_model.row_of(window.map_state.layers.by_id("households"))
    assert window.layer_model.data(window.layer_model.index(households_row)).startswith(
        "残疾人家庭（7）")
    qtbot.waitUntil(lambda: window._job is None or window._job.future.done(), timeout=30_000)

    opened: list[QUrl] = []
    monkeypatch.setattr("gisapp.views.import_run.QDesktopServices.openUrl", opened.append)
    qtbot.mouseClick(page.open_rejects, Qt.MouseButton.LeftButton)
    assert [Path(u.toLocalFile()) for u in opened] == [result.rejects_path]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()


@pytest.fixture
def held_import(monkeypatch):
    """The import waits for the test before it starts reading: Cancel lands mid-import."""
    started, go_on = threading.Event(), threading.Event()
    real = importer.import_file

    def held(*args, **kwargs):
        started.set()
        go_on.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr("gisapp.views.import_run.import_file", held)
    yield started, go_on
    go_on.set()


def test_cancel_leaves_the_project_as_it_was(window: MainWindow, qtbot, tmp_path: Path,
                                             county: Project, held_import) -> None:
    started, go_on = held_import
    before = county.path.read_bytes()
    wizard = open_wizard(window, qtbot)
    up_to_the_preview(wizard, qtbot, messy_roster(tmp_path / "roster.xlsx"), "gcj02")
    next_page(wizard, qtbot, RUN)
    run = wizard.run_page
    assert started.wait(10) and run.running()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    qtbot.mouseClick(run.cancel_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: not run.running(), timeout=30_000)
    assert run.status.text() == "已取消导入：项目没有任何改动。"
    assert wizard.currentId() == RUN and run.back_button.isVisible()
    assert county.path.read_bytes() == before
    assert len(window.map_state.layers.by_id("households").data) == 1
    assert not (tmp_path / "roster.rejected.xlsx").exists()
    qtbot.mouseClick(run.back_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PREVIEW
    wizard.reject()
    assert not wizard.isVisible()


def test_closing_during_the_import_cancels_it_first(window: MainWindow, qtbot, tmp_path: Path,
                                                    county: Project, held_import) -> None:
    started, go_on = held_import
    before = county.path.read_bytes()
    wizard = open_wizard(window, qtbot)
    up_to_the_preview(wizard, qtbot, messy_roster(tmp_path / "roster.xlsx"), "gcj02")
    next_page(wizard, qtbot, RUN)
    assert started.wait(10)
    closed: list[int] = []
    wizard.finished.connect(closed.append)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()  # it waits for the import to stop
    go_on.set()
    qtbot.waitUntil(lambda: closed == [QWizard.DialogCode.Rejected], timeout=30_000)
    assert county.path.read_bytes() == before


def test_mapping_warnings_speak_of_what_will_happen(county: Project, tmp_path: Path) -> None:
    choices = ImportChoices(county, MapState.from_project(county), path=tmp_path / "r.xlsx")
    choices.mapping = ColumnMapping({"姓名": "name", "残疾等级": "grade",
                                     "村代码": "village_code"})
    assert mapping_warnings(choices) == [
        "没有“残疾类别”（必填）：每一行都会因缺少这一项而不能导入。",
        "没有“身份证号”：以后再导入同一批数据时认不出是同一条，会重复添加。",
        "没有经纬度：每一行将按村代码放在所在村内的一个点上，并注明“按所在村定位”；"
        "查不到所在村的行不能导入。"]
    choices.mapping = ColumnMapping({"姓名": "name"}, lon="经度")
    assert mapping_warnings(choices)[-2:] == [
        "只选了经度或纬度中的一个：经纬度要成对才能用。",
        "没有经纬度，也没有村代码（或乡镇名称加村名称）：所有行都无法上图，不能导入。"]
    choices.mapping = ColumnMapping({"身份证号": "id_number", "类别": "disability_type",
                                     "等级": "grade"}, lon="经度", lat="纬度")
    assert mapping_warnings(choices) == []
    choices.path = tmp_path / "村界.shp"
    choices.kind_id = "villages"
    choices.mapping = ColumnMapping({"村名称": "name"})
    assert mapping_warnings(choices) == ["没有“村代码”（必填）：每一行都会因缺少这一项而不能导入。"]


def test_boundaries_are_refused_from_a_table(window: MainWindow, qtbot, tmp_path: Path) -> None:
    wizard = open_wizard(window, qtbot)
    page = wizard.file_page
    page.kind_box.setCurrentIndex(page.kind_box.findData("villages"))
    page.set_path(messy_roster(tmp_path / "roster.xlsx"))
    assert "只能从 Shapefile" in page.problem.text()
    assert not page.isComplete()
    page.kind_box.setCurrentIndex(page.kind_box.findData("households"))
    qtbot.waitUntil(page.isComplete, timeout=30_000)
    wizard.reject()


def test_closing_while_the_file_is_read(window: MainWindow, qtbot, tmp_path: Path) -> None:
    wizard = open_wizard(window, qtbot)
    wizard.file_page.set_path(messy_roster(tmp_path / "roster.xlsx"))
    job = wizard.file_page._job
    wizard.reject()
    qtbot.waitUntil(job.future.done, timeout=30_000)
    qtbot.wait(50)  # the job's reports arrive after the wizard is gone, and are ignored


def test_facilities_from_a_geopackage_skip_the_header(window: MainWindow, qtbot,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "facilities.gpkg"
    stations = gpd.GeoDataFrame({"名称": ["园艺村康复站", "河西镇卫生院康复室"],
                                 "级别": ["村级", "乡镇级"]},
                                geometry=gpd.points_from_xy([105.87, 106.0], [36.97, 36.98]),
                                crs="EPSG:4490")
    stations.to_file(path, layer="康复站")
    stations.iloc[:1].to_file(path, layer="其他")
    wizard = open_wizard(window, qtbot)
    page = wizard.file_page
    page.kind_box.setCurrentIndex(page.kind_box.findData("rehab_stations"))
    page.set_path(path)
    next_page(wizard, qtbot, 1)  # the GeoPackage's tables
    next_page(wizard, qtbot, MAPPING)  # no header row to choose in a map file
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=30_000)
    combos = [c.currentText() for c in wizard.mapping_page.combos]
    assert combos == ["名称（必填）", "级别"]  # and no 经度/纬度 to choose
    assert wizard.mapping_page.combos[0].findText("经度") == -1
    next_page(wizard, qtbot, CRS)
    assert wizard.crs_page.note.isVisible() and not wizard.crs_page.buttons["epsg"].isVisible()
    next_page(wizard, qtbot, PREVIEW)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=30_000)
    assert wizard.preview_page.counts.text() == "全部 2 行：可导入 2 行，不能导入 0 行"
    next_page(wizard, qtbot, RUN)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=60_000)
    assert not wizard.result_page.open_rejects.isEnabled()
    assert len(window.map_state.layers.by_id("rehab_stations").data) == 2
    qtbot.waitUntil(lambda: window._job is None or window._job.future.done(), timeout=30_000)
    wizard.accept()


def test_an_unreadable_file_is_one_sentence(window: MainWindow, qtbot, tmp_path: Path,
                                            monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr("gisapp.views.import_pages.QMessageBox.warning",
                        lambda parent, title, text: told.append(text))
    broken = tmp_path / "名单.xlsx"
    broken.write_bytes(b"not a workbook")
    wizard = open_wizard(window, qtbot)
    wizard.file_page.set_path(broken)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert told[0].startswith(f"{broken}：不是可读的 Excel 工作簿")
    assert "\n" not in told[0] and "Traceback" not in told[0]
    assert not wizard.file_page.isComplete()
    wizard.reject()
