"""Importing rows into a small county whose answers are known: where each row lands, which are
refused and why, and that nothing is ever lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import Point, box

from gisapp import project as project_module
from gisapp.crs import wgs84_to_bd09, wgs84_to_gcj02
from gisapp.errors import UserError
from gisapp.id_numbers import check_digit
from gisapp.io.importer import import_file
from gisapp.project import Project, Settings
from tests.conftest import REPO

# Two townships side by side, three villages (boxes in degrees, CGCS2000).
TOWNSHIPS = gpd.GeoDataFrame(
    {"code": ["640324100", "640324101"], "name": ["豫海镇", "河西镇"]},
    geometry=[box(105.85, 36.95, 105.95, 37.00), box(105.95, 36.95, 106.05, 37.00)],
    crs="EPSG:4490")
VILLAGES = gpd.GeoDataFrame(
    {"code": ["640324100200", "640324100201", "640324101200"],
     "name": ["园艺村", "城北村", "河西村"],
     "township_code": ["640324100", "640324100", "640324101"],
     "township_name": ["豫海镇", "豫海镇", "河西镇"]},
    geometry=[box(105.85, 36.95, 105.90, 37.00), box(105.90, 36.95, 105.95, 37.00),
              box(105.95, 36.95, 106.05, 37.00)], crs="EPSG:4490")
HEADER = ["序号", "姓名", "公民身份号码", "残疾人证号", "残疾类别", "残疾等级", "乡镇（街道）",
          "村（社区）", "村代码", "经度", "纬度", "是否低保"]


def person_id(birth: str, order: int) -> str:
    first17 = f"640324{birth}{order:03d}"
    return first17 + check_digit(first17)


A, B, C, D = (person_id("19800101", 11), person_id("19750505", 22), person_id("19900909", 33),
              person_id("20120202", 44))


@pytest.fixture
def county(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "county.gpkg", Settings(name="测试县",
                                                                county_code="640324"))
    project.write_layers({"townships": TOWNSHIPS, "villages": VILLAGES})
    return project


def workbook(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["测试县残疾人名单"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


MESSY = [  # file rows 3.. ; the comment says what must happen
    [1, "马文", A, A + "42", "肢体", "二级", "豫海镇", "园艺村", "", 105.87, 36.97, "是"],  # ok
    [2, "李花", 6.40324198001011e17, "", "视力", "一级", "", "", "", 105.87, 36.97, ""],  # float ID
    [3, "王五", B, "", 4, 3, "", "", "640324100201", "", "", "否"],  # ok, by village code
    [4, "赵六", A[:17] + ("0" if A[17] != "0" else "1"), "", 4, 3, "", "", "", 105.87, 36.97, ""],
    [5, "孙八", C, C + "41", 4, "二级", "", "", "", 105.87, 36.97, ""],  # certificate grade
    [6, "周九", D, "", 4, "五级", "", "", "", 105.87, 36.97, ""],  # grade 5
    [7, "吴十", person_id("19600101", 55), "", 8, 1, "", "", "", 105.87, 36.97, ""],  # type 8
    [8, "郑一", A, "", 4, 2, "", "", "", 105.88, 36.96, ""],  # the same person as row 3
    [9, "冯二", person_id("19600101", 66), "", 4, 2, "", "", "", 106.5, 37.2, ""],  # outside
    [10, "陈三", person_id("19600101", 77), "", 4, 2, "", "", "", 36.97, 105.88, ""],  # swapped
    [11, "褚四", person_id("19600101", 88), "", 4, 2, "", "", "", "105°52′30″E", "36°58′N", ""],
    [12, "卫五", person_id("19600101", 99), "", 4, 2, "豫海镇", "园艺村委会", "", "", "", ""],
    [13, "蒋六", person_id("19610101", 11), "", 4, 2, "豫海镇", "不存在村", "", "", "", ""],
    [14, "沈七", person_id("19610101", 22), "", 4, None, "", "", "", 105.87, 36.97, ""],
    [15, "韩八", person_id("19610101", 33), "", 4, 1, "", "", "", 105.87, 36.97, "也许"],
]


def test_every_rule_on_a_messy_roster(county: Project, tmp_path: Path) -> None:
    path = workbook(tmp_path / "roster.xlsx", MESSY)
    result = import_file(county, "households", path)
    assert (result.read, result.accepted, len(result.rejected)) == (15, 8, 7)
    reasons = dict(zip(result.rejected["原行号"], result.rejected["未导入原因"], strict=True))
    assert reasons == {
        4: "身份证号被 Excel 存成了数字，后几位已丢失（请将该列设为文本后重新导出）",
        6: "身份证号校验位错误",
        7: "残疾人证号第20位与残疾等级不一致",
        8: "残疾等级：无法识别“五级”（可填：一级、二级、三级、四级）",
        9: "残疾类别：无法识别“8”（可填：视力、听力、言语、肢体、智力、精神、多重）",
        10: "与第 3 行重复（同一身份证号）",
        16: "缺少必填项：残疾等级",
    }
    warnings = dict(zip(result.warnings["原行号"], result.warnings["警告"], strict=True))
    assert warnings == {5: "无坐标，按所在村定位", 12: "经度与纬度填反，已自动对调",
                        14: "无坐标，按所在村定位",
                        11: "坐标在本县范围之外，已舍弃；"
                            "无坐标，未能对上所在乡镇、村：只计入全县，不计入服务半径覆盖",
                        15: "无坐标，未能定位到村：计入所在乡镇，不计入服务半径覆盖",
                        17: "是否低保：无法识别“也许”（应为 是/否），该项留空"}
    stored = county.read_layer("households").set_index("name")
    assert len(stored) == 8 and result.added == 8
    # 蒋六's village is unknown: kept without a location, counted in 豫海镇.
    assert stored.loc["蒋六", "located_by"] == "name" and stored.loc["蒋六"].geometry is None
    assert stored.loc["马文", "grade"] == 2 and stored.loc["马文", "dibao"]
    assert stored.loc["马文", "located_by"] == "coordinates"
    assert stored.loc["王五", "located_by"] == "village"
    assert stored.loc["王五"].geometry.within(VILLAGES.geometry[1])  # 城北村
    assert stored.loc["卫五"].geometry.within(VILLAGES.geometry[0])  # 园艺村 by name
    assert stored.loc["陈三"].geometry.equals_exact(Point(105.88, 36.97), 1e-9)
    assert stored.loc["褚四"].geometry.equals_exact(Point(105.875, 36.96666666666), 1e-6)
    assert stored.loc["韩八", "dibao"] is pd.NA
    assert stored.loc["马文", "person_id"] == "1"


def test_a_repeated_column_is_kept_beside_the_mapped_one(county: Project,
                                                        tmp_path: Path) -> None:
    header = [*HEADER, "grade"]
    path = workbook(tmp_path / "roster.xlsx", [[*MESSY[0], "二级（复评）"]], header=header)
    import_file(county, "households", path)
    stored = county.read_layer("households")
    assert stored["grade"].tolist() == [2]
    assert stored["grade（原表）"].tolist() == ["二级（复评）"]


def test_nothing_is_lost_in_the_rejects_file(county: Project, tmp_path: Path) -> None:
    path = workbook(tmp_path / "roster.xlsx", MESSY)
    result = import_file(county, "households", path)
    assert result.rejects_path == tmp_path / "roster.rejected.xlsx"
    sheets = openpyxl.load_workbook(result.rejects_path)
    rows = list(sheets["未导入"].iter_rows(values_only=True))
    assert rows[0] == ("原行号", *HEADER, "未导入原因")
    assert len(rows) == 1 + 7
    assert rows[1][:3] == (4, "2", "李花")
    assert len(list(sheets["警告"].iter_rows())) == 1 + 6
    assert sheets["未导入"].freeze_panes == "A2"


def test_a_corrected_roster_updates_instead_of_duplicating(county: Project,
                                                           tmp_path: Path) -> None:
    first = workbook(tmp_path / "v1.xlsx", [MESSY[0], MESSY[2]])
    import_file(county, "households", first)
    corrected = [list(MESSY[0]), list(MESSY[2])]
    corrected[0][5] = "一级"
    corrected[0][3] = A + "41"
    again = import_file(county, "households", workbook(tmp_path / "v2.xlsx", corrected))
    assert (again.added, again.updated) == (0, 2)
    stored = county.read_layer("households")
    assert len(stored) == 2
    assert stored.set_index("id_number").loc[A, "grade"] == 1


@pytest.mark.parametrize(("datum", "shift"), [("gcj02", wgs84_to_gcj02), ("bd09", wgs84_to_bd09)])
def test_amap_and_baidu_coordinates_come_back_to_the_truth(county: Project, tmp_path: Path,
                                                           datum: str, shift) -> None:
    truth = np.array([[105.8731, 36.9712], [105.9912, 36.9823]])
    lon, lat = shift(truth[:, 0], truth[:, 1])
    rows = [[i, "某", person_id("19700101", i), "", 4, 2, "", "", "", lon[i], lat[i], ""]
            for i in range(2)]
    import_file(county, "households", workbook(tmp_path / "picked.xlsx", rows), crs=datum)
    stored = county.read_layer("households").to_crs("EPSG:4544")
    expected = gpd.GeoSeries.from_xy(truth[:, 0], truth[:, 1], crs="EPSG:4490").to_crs("EPSG:4544")
    assert stored.distance(expected, align=False).max() < 2.0  # metres


def test_gcj_points_given_as_wgs84_are_suspected(county: Project, tmp_path: Path) -> None:
    # Points just inside the west edge of 城北村: read as GCJ-02 they land ~400 m away, back in
    # 园艺村... so build the opposite: true places inside 园艺村 near its east edge, shifted.
    truth = [(105.8985 - 0.0004 * i, 36.96 + 0.005 * i) for i in range(6)]
    shifted = [wgs84_to_gcj02(x, y) for x, y in truth]
    rows = [[i, "某", person_id("19700101", i), "", 4, 2, "", "", "640324100200", x, y, ""]
            for i, (x, y) in enumerate(shifted)]
    result = import_file(county, "households", workbook(tmp_path / "amap.xlsx", rows))
    assert len(result.file_warnings) == 1
    assert "--crs gcj02" in result.file_warnings[0]


def test_projected_coordinates_by_epsg_code(county: Project, tmp_path: Path) -> None:
    point = gpd.GeoSeries([Point(105.88, 36.97)], crs="EPSG:4490").to_crs("EPSG:4544")[0]
    rows = [[1, "某", A, "", 4, 2, "", "", "", point.x, point.y, ""]]
    import_file(county, "households", workbook(tmp_path / "gk.xlsx", rows), crs="EPSG:4544")
    stored = county.read_layer("households").geometry[0]
    assert stored.distance(Point(105.88, 36.97)) < 1e-7


def test_township_polygons_from_the_land_bureau(county: Project, tmp_path: Path) -> None:
    bureau = gpd.GeoDataFrame({"XZQDM": ["640324100", "640324101", "6403241"],
                               "XZQMC": ["豫海镇", "河西镇", "坏代码镇"]},
                              geometry=[*list(TOWNSHIPS.geometry), box(106, 37, 106.1, 37.1)],
                              crs="EPSG:4490").to_crs("EPSG:4544")
    path = tmp_path / "xzq.geojson"
    bureau.to_file(path)
    result = import_file(county, "townships", path)
    assert (result.accepted, result.updated) == (2, 2)
    assert result.rejected["未导入原因"].tolist() == ["乡镇代码格式不对"]
    stored = county.read_layer("townships").set_index("code")
    assert stored.geometry["640324100"].area == pytest.approx(0.005, rel=1e-6)  # reprojected


def test_village_shapefile_with_gbk_attributes(county: Project, tmp_path: Path) -> None:
    path = tmp_path / "村界.shp"
    VILLAGES.rename(columns={"code": "村代码", "name": "村名称", "township_code": "乡镇代码",
                             "township_name": "乡镇名称"}).to_file(path, encoding="GBK")
    assert (tmp_path / "村界.cpg").read_text().upper().startswith("GBK")
    result = import_file(county, "villages", path)
    assert result.accepted == 3
    stored = county.read_layer("villages")
    assert set(stored["name"]) == {"园艺村", "城北村", "河西村"}
    assert set(stored["township_name"]) == {"豫海镇", "河西镇"}


def test_facilities_from_a_geopackage_table(county: Project, tmp_path: Path) -> None:
    path = tmp_path / "facilities.gpkg"
    stations = gpd.GeoDataFrame({"名称": ["园艺村康复站", "河西镇卫生院康复室"],
                                 "级别": ["村级", "乡镇级"], "备注": ["2024年新建", None]},
                                geometry=[Point(105.87, 36.97), Point(106.0, 36.98)],
                                crs="EPSG:4490")
    stations.to_file(path, layer="康复站")
    stations.iloc[:1].to_file(path, layer="其他")
    result = import_file(county, "rehab_stations", path, sheet="康复站")
    assert result.accepted == 2
    stored = county.read_layer("rehab_stations")
    assert stored["level"].tolist() == ["village", "township"]
    assert stored["备注"].tolist() == ["2024年新建", None]  # columns the catalog lacks are kept


def test_a_township_list_without_polygons_is_a_township_layer(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "list.gpkg", Settings(name="列表县"))
    path = tmp_path / "townships.csv"
    path.write_text("乡镇代码,乡镇名称,经度,纬度\n640324100,豫海镇,105.9,36.98\n"
                    "640324001000,丁塘镇,,\n", encoding="utf-8")
    result = import_file(project, "townships", path)
    assert (result.accepted, len(result.rejected)) == (2, 0)
    stored = project.read_layer("townships")
    assert stored["code"].tolist() == ["640324100", "640324001"]  # the 12-digit form shortened
    assert stored.geometry.isna().all()
    assert (stored["lon"][0], stored["lat"][0]) == (105.9, 36.98)


def test_a_failed_import_leaves_the_project_as_it_was(county: Project, tmp_path: Path,
                                                      monkeypatch) -> None:
    before = county.path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_module.shutil, "copyfile", crash)
    with pytest.raises(UserError, match="磁盘上的文件没有改动"):
        import_file(county, "households", workbook(tmp_path / "r.xlsx", [MESSY[0]]))
    assert county.path.read_bytes() == before


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gisapp", *args], cwd=REPO,
                          capture_output=True, text=True)


def test_cli_summary_and_exit_codes(county: Project, tmp_path: Path) -> None:
    path = workbook(tmp_path / "roster.xlsx", MESSY)
    done = run_cli("import", str(county.path), str(path), "--layer", "households")
    assert done.returncode == 0, done.stderr
    assert "读取 15 行，导入 8 行（新增 8，更新 0），未导入 7 行，警告 6 条" in done.stdout
    assert "roster.rejected.xlsx" in done.stdout
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    failed = run_cli("import", str(county.path), str(broken), "--layer", "households")
    assert failed.returncode == 2
    assert failed.stderr.startswith(f"gisapp: {broken}：不是可读的 Excel 工作簿")
    assert "Traceback" not in failed.stderr
    unknown = run_cli("import", str(county.path), str(path), "--layer", "schools")
    assert unknown.returncode == 2 and "“schools”不是图层类型" in unknown.stderr
    bad_crs = run_cli("import", str(county.path), str(path), "--layer", "households",
                      "--crs", "mars")
    assert bad_crs.returncode == 2 and "--crs mars" in bad_crs.stderr


def test_cli_saves_and_reuses_a_mapping(county: Project, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.json"
    path = workbook(tmp_path / "roster.xlsx", [MESSY[0]])
    assert run_cli("import", str(county.path), str(path), "--layer", "households",
                   "--save-mapping", str(mapping)).returncode == 0
    renamed = workbook(tmp_path / "renamed.xlsx", [MESSY[2]],
                       header=[h.replace("残疾等级", "等级（1-4）") for h in HEADER])
    text = mapping.read_text(encoding="utf-8").replace('"残疾等级"', '"等级（1-4）"')
    mapping.write_text(text, encoding="utf-8")
    done = run_cli("import", str(county.path), str(renamed), "--layer", "households",
                   "--mapping", str(mapping))
    assert done.returncode == 0, done.stderr
    assert len(county.read_layer("households")) == 2



def test_a_row_failing_several_checks_gets_every_reason_the_identity_first(
        county: Project, tmp_path: Path) -> None:
    bad_id = A[:17] + ("0" if A[17] != "0" else "1")
    path = workbook(tmp_path / "roster.xlsx",
                    [[1, "赵六", bad_id, "", 4, "五级", "", "", "", "东经", "36.97", ""]])
    result = import_file(county, "households", path)
    assert result.rejected["未导入原因"].tolist() == [
        "身份证号校验位错误；残疾等级：无法识别“五级”（可填：一级、二级、三级、四级）；经纬度无法识别"]


def test_one_subsidy_column_answers_both_subsidies(county: Project, tmp_path: Path) -> None:
    ids = [person_id("19700101", n) for n in (61, 62, 63, 64, 65, 66)]
    kinds = ["生活补贴", "护理补贴", "两项补贴", "未享受", "", "生活补贴、护理补贴"]
    path = workbook(tmp_path / "roster.xlsx",
                    [[i, f"人{i}", pid, "", 4, 2, "豫海镇", "园艺村", "", "", "", ""]
                     for i, pid in enumerate(ids)],
                    header=[*HEADER[:-1], "补贴类型"])
    # the last column of HEADER (是否低保) becomes 补贴类型: the rows' last cells are its values
    book = openpyxl.load_workbook(path)
    for row, kind in enumerate(kinds, start=3):
        book.active.cell(row=row, column=len(HEADER), value=kind)
    book.save(path)
    result = import_file(county, "households", path)
    assert result.mapping.combined == {"补贴类型": "subsidy_type"}
    stored = county.read_layer("households").set_index("id_number").loc[ids]
    assert stored["living_subsidy"].tolist() == [True, False, True, False, pd.NA, True]
    assert stored["care_subsidy"].tolist() == [False, True, True, False, pd.NA, True]


def test_each_row_is_converted_by_the_datum_its_source_column_names(county: Project,
                                                                     tmp_path: Path) -> None:
    lon, lat = 105.87, 36.97  # WGS84, inside the test county
    gcj = wgs84_to_gcj02(lon, lat)
    bd = wgs84_to_bd09(lon, lat)
    rows = [[1, "甲", person_id("19700101", 71), "", 4, 2, "", "", "", lon, lat, "", "GPS"],
            [2, "乙", person_id("19700101", 72), "", 4, 2, "", "", "", *gcj, "", "高德地图"],
            [3, "丙", person_id("19700101", 73), "", 4, 2, "", "", "", *bd, "", "百度"],
            [4, "丁", person_id("19700101", 74), "", 4, 2, "", "", "", lon, lat, "", ""],
            [5, "戊", person_id("19700101", 75), "", 4, 2, "", "", "", lon, lat, "", "问村干部"]]
    path = workbook(tmp_path / "roster.xlsx", rows, header=[*HEADER, "定位来源"])
    result = import_file(county, "households", path)
    assert result.mapping.datum == "定位来源"
    stored = county.read_layer("households").set_index("name")
    for name in ("甲", "乙", "丙", "丁", "戊"):
        point = stored.loc[name].geometry
        assert abs(point.x - lon) < 1e-7 and abs(point.y - lat) < 1e-7, name
    notes = dict(zip(result.warnings["原行号"], result.warnings["警告"], strict=True))
    assert notes == {7: "坐标来源“问村干部”无法识别，按 wgs84 换算"}


def test_a_station_list_without_numbers_updates_its_stations_by_name(county: Project,
                                                                     tmp_path: Path) -> None:
    first = tmp_path / "康复站.csv"
    first.write_text("名称,乡镇（街道）\n园艺村康复站,豫海镇\n城北康复站,豫海镇\n",
                     encoding="utf-8")
    import_file(county, "rehab_stations", first)
    again = tmp_path / "康复站_坐标.csv"
    again.write_text("名称,经度,纬度\n园艺村康复站,105.87,36.97\n", encoding="utf-8")
    result = import_file(county, "rehab_stations", again)
    assert (result.added, result.updated) == (0, 1)
    stations = county.read_layer("rehab_stations").set_index("name")
    assert len(stations) == 2 and stations.loc["园艺村康复站", "located_by"] == "coordinates"
    assert stations.loc["园艺村康复站", "township_name"] == "豫海镇"  # kept
