"""Places without polygons, matched by name: a village list as a table, a township list with
MCA codes beside NBS village codes, persons located only by the names of their township and
village, a partial re-import.

The county (大武口区 640202, names and NBS codes real, persons made up):

| township (list: MCA-style code) | NBS code   | villages (NBS 12-digit)                   |
| 长胜街道 640202004              | 640202003  | 光明社区 640202003001, 胜利社区 640202003002 |
| 人民路街道 640202001            | 640202001  | 胜利社区 640202001003 (a second 胜利社区)   |
| 星海镇 640202100                | 640202100  | 潮湖村 640202100201                         |

The township list says 长胜街道 is 640202004; the village list's codes start 640202003: matched
by names, the villages belong to 长胜街道 all the same.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from gisapp.analysis.indicators import project_indicators
from gisapp.gazetteer import Gazetteer, township_key, village_key
from gisapp.id_numbers import check_digit
from gisapp.io.importer import import_file
from gisapp.project import Project, Settings

CHANGSHENG, RENMIN, XINGHAI = "640202004", "640202001", "640202100"
GUANGMING, SHENGLI_CS, SHENGLI_RM, CHAOHU = ("640202003001", "640202003002", "640202001003",
                                             "640202100201")


def person_id(order: int, birth: str = "19700101") -> str:
    first17 = f"640202{birth}{order:03d}"
    return first17 + check_digit(first17)


def workbook(path: Path, title: str, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def county(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "dwk.gpkg", Settings(
        name="大武口区", county_code="640202", county_name="大武口区", metric_crs="EPSG:4543",
        data_date=dt.date(2025, 12, 31)))
    towns = workbook(tmp_path / "街道名单.xlsx", "大武口区街道（乡镇）名单",
                     ["区划代码", "乡镇名称"],
                     [[CHANGSHENG, "长胜街道办事处"], [RENMIN + "000", "人民路街道"],
                      [XINGHAI, "星海镇"]])
    import_file(project, "townships", towns)
    villages = workbook(tmp_path / "村居名单.xlsx", "大武口区村（社区）名单",
                        ["序号", "统计用区划代码", "村居名称", "所属乡镇"],
                        [[1, GUANGMING, "光明社区居委会", "长胜街道"],
                         [2, SHENGLI_CS, "胜利社区", "长胜街道"],
                         [3, SHENGLI_RM, "胜利社区居民委员会", "人民路街道"],
                         [4, CHAOHU, "潮湖村村民委员会", "星海镇"]])
    result = import_file(project, "villages", villages)
    assert (result.accepted, len(result.rejected)) == (4, 0)
    return project


ROSTER_HEADER = ["序号", "姓名", "证件号码", "残疾类别", "残疾级别", "所在乡镇(街道)", "所在村居",
                 "康复需求", "是否已获康复服务", "是否参加养老保险"]
ROSTER = [
    [1, "甲", person_id(1), "肢体", "一级", "长胜街道", "光明社区", "是", "是", "是"],
    [2, "乙", person_id(2), "视力", "二级", "长胜", "胜利社区", "是", "否", "否"],
    [3, "丙", person_id(3), "智力", "三级", "人民路街道", "胜利社区", "是", "是", "是"],
    [4, "丁", person_id(4), "精神", "四级", "星海镇", "潮湖村", "否", "", "是"],
    [5, "戊", person_id(5), "听力", "二级", "星海镇", "", "是", "否", "否"],  # township only
    [6, "己", person_id(6), "言语", "一级", "", "", "是", "是", "是"],  # no place at all
]


def test_names_match_across_code_systems() -> None:
    towns = pd.DataFrame({"code": [CHANGSHENG, RENMIN], "name": ["长胜街道", "人民路街道"]})
    villages = pd.DataFrame({"code": [GUANGMING, SHENGLI_CS, SHENGLI_RM],
                             "name": ["光明社区", "胜利社区", "胜利社区"],
                             "township_name": ["长胜街道", "长胜街道", "人民路街道"]})
    places = Gazetteer(towns, villages)
    rows = pd.DataFrame({
        "township_name": ["长胜街道办事处", "人民路", "长胜街道", None, "长胜街道"],
        "township_code": [None, None, RENMIN, None, None],
        "village_name": ["胜利社区居委会", "胜利社区", None, None, "光明社区"],
        "village_code": [None, None, None, GUANGMING, SHENGLI_RM],
    })
    naming = places.name(rows)
    # The two 胜利社区 told apart by their township; a bare village code finds its township by
    # the village list's township name, not by its NBS prefix (640202003).
    assert naming.village.tolist() == [SHENGLI_CS, SHENGLI_RM, None, GUANGMING, GUANGMING]
    assert naming.township.tolist() == [CHANGSHENG, RENMIN, CHANGSHENG, CHANGSHENG, CHANGSHENG]
    assert naming.warnings[2] == f"乡镇代码 {RENMIN} 与乡镇名称“长胜街道”不符，按名称归属"
    assert naming.warnings[4] == f"村代码 {SHENGLI_RM} 与村名“光明社区”不符，按村名归属"
    assert naming.warnings[[0, 1, 3]].isna().all()


def test_name_keys() -> None:
    names = ("光明社区居委会", "光明社区", "光明社区居民委员会")
    assert {village_key(n) for n in names} == {"光明"}
    assert {village_key(n) for n in ("潮湖村村民委员会", "潮湖村委会", "潮湖村")} == {"潮湖"}
    assert village_key("新村") == "新村"  # a name that is only its kind keeps it
    assert {township_key(n) for n in ("长胜街道办事处", "长胜街道", "长胜")} == {"长胜"}
    assert township_key("田老庄乡") == township_key("田老庄镇")  # renamed in 2026


def test_a_village_list_without_coordinates_is_a_village_layer(county: Project) -> None:
    villages = county.read_layer("villages")
    assert villages["code"].tolist() == [GUANGMING, SHENGLI_CS, SHENGLI_RM, CHAOHU]
    assert villages.geometry.isna().all()
    assert villages["name"][0] == "光明社区居委会"


def test_persons_located_by_names_are_counted_where_they_live(county: Project,
                                                              tmp_path: Path) -> None:
    roster = workbook(tmp_path / "花名册.xlsx", "大武口区持证残疾人花名册", ROSTER_HEADER, ROSTER)
    result = import_file(county, "households", roster)
    assert (result.read, result.accepted, len(result.rejected)) == (6, 6, 0)
    notes = dict(zip(result.warnings["原行号"], result.warnings["警告"], strict=True))
    assert notes[4] == "无坐标，所在村无点位：计入所在村，不计入服务半径覆盖"
    assert notes[8] == "无坐标，未能定位到村：计入所在乡镇，不计入服务半径覆盖"
    assert notes[9] == "无坐标，未能对上所在乡镇、村：只计入全县，不计入服务半径覆盖"

    township = {(r.indicator, r.code): r for r in
                project_indicators(county, "ningxia_2021", level="township")}
    coverage = {code: (township["rehab_coverage", code].numerator,
                       township["rehab_coverage", code].denominator)
                for code in (CHANGSHENG, RENMIN, XINGHAI)}
    # Need: 甲 乙 in 长胜 (served: 甲); 丙 in 人民路 (served); 戊 in 星海 (not); 己 nowhere.
    assert coverage == {CHANGSHENG: (1, 2), RENMIN: (1, 1), XINGHAI: (0, 1)}
    village = {(r.indicator, r.code): r for r in
               project_indicators(county, "ningxia_2021", level="village")}
    assert (village["rehab_coverage", SHENGLI_CS].denominator,
            village["rehab_coverage", SHENGLI_RM].denominator) == (1, 1)
    county_rows = {r.indicator: r for r in project_indicators(county, "ningxia_2021")}
    assert (county_rows["rehab_coverage"].numerator,
            county_rows["rehab_coverage"].denominator) == (3, 5)  # 己 counted in the county


def test_a_partial_reimport_changes_only_what_it_carries(county: Project,
                                                         tmp_path: Path) -> None:
    import_file(county, "households",
                workbook(tmp_path / "花名册.xlsx", "花名册", ROSTER_HEADER, ROSTER))
    before = county.read_layer("households").set_index("id_number")
    partial = workbook(tmp_path / "补充更新.xlsx", "补充更新",
                       ["证件号码", "姓名", "是否已获康复服务"],
                       [[person_id(2), "乙", "是"], [person_id(5), "戊", ""]])
    result = import_file(county, "households", partial)
    assert (result.accepted, result.added, result.updated, len(result.rejected)) == (2, 0, 2, 0)
    after = county.read_layer("households").set_index("id_number")
    assert after.loc[person_id(2), "rehab_received"]  # the one value the file changed
    changed = {(person_id(2), "rehab_received")}
    for key in before.index:
        for column in before.columns:
            if (key, column) in changed:
                continue
            old, new = before.loc[key, column], after.loc[key, column]
            assert (pd.isna(old) and pd.isna(new)) or old == new, (key, column, old, new)
    # 戊's blank cell kept the stored 否; grades, townships, pensions untouched.
    assert after.loc[person_id(5), "rehab_received"] == False  # noqa: E712
    assert list(after.index) == list(before.index)  # updated in place, order kept


def test_boundaries_from_the_other_code_system_update_the_townships_of_their_names(
        county: Project, tmp_path: Path) -> None:
    # The NBS boundary file: 长胜 is 640202003 there, which is no township of the MCA list;
    # 人民路 is 640202001 in both; 星海 640202100. A fourth row takes 长胜's MCA code for
    # another name: it must not rename 长胜.
    import geopandas as gpd
    import shapely

    boxes = [shapely.box(106.30 + i * 0.05, 39.0, 106.34 + i * 0.05, 39.04) for i in range(4)]
    path = tmp_path / "乡镇界.geojson"
    gpd.GeoDataFrame({"XZQDM": ["640202003000", "640202001000", "640202100000", CHANGSHENG],
                      "XZQMC": ["长胜街道", "人民路街道", "星海镇", "新城街道"]},
                     geometry=boxes, crs="EPSG:4490").to_file(path, driver="GeoJSON")
    result = import_file(county, "townships", path)
    reasons = result.rejected["未导入原因"].tolist()
    assert reasons == [f"代码 {CHANGSHENG} 已属于另一个地方，与本行名称“新城街道”不符；"
                       "与第 1 行重复（同一乡镇代码）"]
    notes = result.warnings["警告"].tolist()
    assert f"代码 640202003 与已有的“长胜街道”（{CHANGSHENG}）不同：按名称归属，保留原代码" in notes
    towns = county.read_layer("townships").set_index("code")
    assert towns.loc[CHANGSHENG, "name"] == "长胜街道办事处"  # code and spelling kept
    assert towns.loc[CHANGSHENG].geometry.equals(shapely.MultiPolygon([boxes[0]]))
    assert len(towns) == 3 and towns.geometry.notna().all()


def test_a_supplementary_file_naming_someone_new_says_so(county: Project, tmp_path: Path) -> None:
    import_file(county, "households",
                workbook(tmp_path / "花名册.xlsx", "花名册", ROSTER_HEADER, ROSTER))
    partial = workbook(tmp_path / "补充.xlsx", "补充", ["证件号码", "是否已获康复服务"],
                       [[person_id(2), "是"], [person_id(99), "是"]])
    result = import_file(county, "households", partial)
    assert result.rejected["未导入原因"].tolist() == [
        "图层中没有此人（按身份证号），而文件没有“残疾类别”“残疾等级”列，不能新增"]


def test_a_gacha_and_a_community_of_one_stem_are_two_places() -> None:
    towns = pd.DataFrame({"code": ["150627106"], "name": ["伊金霍洛镇"]})
    villages = pd.DataFrame({"code": ["150627106002", "150627106200", "150627106201"],
                             "name": ["布拉格社区居委会", "布拉格嘎查村", "苏布尔嘎嘎查村"],
                             "township_name": ["伊金霍洛镇"] * 3})
    rows = pd.DataFrame({"township_name": ["伊金霍洛镇"] * 5,
                         "village_name": ["布拉格嘎查", "布拉格社区", "布拉格", "苏布尔嘎嘎查",
                                          "苏布尔嘎村"]})
    naming = Gazetteer(towns, villages).name(rows)
    # A bare 布拉格 could be either: counted in the township only.
    assert naming.village.tolist() == ["150627106200", "150627106002", None, "150627106201",
                                       "150627106201"]
    assert village_key("苏布尔嘎嘎查村") == village_key("苏布尔嘎嘎查") == "苏布尔嘎"


def test_a_village_list_by_names_gives_the_villages_their_points(county: Project,
                                                                 tmp_path: Path) -> None:
    from gisapp.analysis.reach import points_in_metres

    points = workbook(tmp_path / "村委会位置.xlsx", "村委会位置",
                      ["村（社区）名称", "乡镇", "东经", "北纬"],
                      [["潮湖村", "星海镇", 106.42, 39.05],
                       ["光明社区", "长胜街道", 106.38, 39.03]])
    result = import_file(county, "villages", points)
    assert (result.accepted, result.updated, len(result.rejected)) == (2, 2, 0)
    villages = county.read_layer("villages").set_index("code")
    assert villages.loc[CHAOHU, "name"] == "潮湖村村民委员会"  # the official spelling stays
    assert (villages.loc[CHAOHU, "lon"], villages.loc[CHAOHU, "lat"]) == (106.42, 39.05)
    located = points_in_metres(county.read_layer("villages"), "EPSG:4544")
    assert int((~pd.isna(located[:, 0])).sum()) == 2  # candidates for siting now
