"""Shapefiles as old ArcGIS, MapGIS and SuperMap leave them: Chinese attributes in GBK, no .cpg,
and a .dbf whose language driver byte (LDID, byte 29) is 0, so the file names no encoding."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from gisapp.io.importer import import_file, preview_rows
from gisapp.io.summary import import_summary
from gisapp.project import Project, Settings

NAMES = ["城关村", "王团庄", "河西村"]
# 城关村 in GBK is B3C7 B9D8 B4E5: every byte a printable ISO-8859-1 character (³Ç¹Ø´å), so
# only that UTF-8 fails, not that Latin-1 succeeds, tells it is Chinese.
LATIN1_LOOKALIKE = "城关村"
GBK_WARNING = "村界.shp 的 .dbf 没有 .cpg 编码说明，文字不是 UTF-8，已按 GBK 读取"
CP936_LDID = 0x4D  # what ArcGIS on Chinese Windows writes when it names the code page


@pytest.fixture
def county(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "county.gpkg", Settings(name="测试县",
                                                             county_code="640324"))


def village_shapefile(path: Path, encoding: str, *, cpg: bool, ldid: int = 0,
                      names: list[str] = NAMES, fields: tuple[str, str] = ("村代码", "村名称"),
                      ) -> Path:
    """Villages with Chinese field names and values, written in `encoding`."""
    villages = gpd.GeoDataFrame(
        {fields[0]: [f"640324100{i:03d}" for i in range(len(names))], fields[1]: names},
        geometry=[box(105.85 + i / 10, 36.95, 105.9 + i / 10, 37.0) for i in range(len(names))],
        crs="EPSG:4490")
    villages.to_file(path, encoding=encoding)
    if not cpg:
        path.with_suffix(".cpg").unlink()
    dbf = path.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[29] = ldid
    dbf.write_bytes(bytes(data))
    return path


def imported_names(county: Project) -> list[str]:
    return county.read_layer("villages").sort_values("code")["name"].tolist()


def test_gbk_without_cpg_is_read_as_gbk_and_the_planner_is_told(county: Project,
                                                                tmp_path: Path) -> None:
    path = village_shapefile(tmp_path / "村界.shp", "GBK", cpg=False)
    assert not path.with_suffix(".cpg").exists()
    result = import_file(county, "villages", path)
    assert result.accepted == 3  # 村代码 and 村名称 were found: the field names are GBK too
    assert imported_names(county) == NAMES
    assert len(result.file_warnings) == 1 and result.file_warnings[0].startswith(GBK_WARNING)
    assert f"注意：{result.file_warnings[0]}" in import_summary(result, county.catalog["villages"])
    preview = preview_rows(county, "villages", path)
    assert preview.file_warnings == result.file_warnings  # the wizard shows it before importing


def test_a_name_that_also_reads_as_latin1_comes_out_as_gbk(county: Project,
                                                          tmp_path: Path) -> None:
    assert LATIN1_LOOKALIKE.encode("gbk").decode("latin-1").isprintable()
    path = village_shapefile(tmp_path / "村界.shp", "GBK", cpg=False, names=[LATIN1_LOOKALIKE])
    result = import_file(county, "villages", path)
    assert imported_names(county) == [LATIN1_LOOKALIKE]
    assert result.file_warnings[0].startswith(GBK_WARNING)


def test_a_rare_character_beyond_gbk_is_kept(county: Project, tmp_path: Path) -> None:
    path = village_shapefile(tmp_path / "村界.shp", "GB18030", cpg=False, names=["䶮村"])
    result = import_file(county, "villages", path)
    assert imported_names(county) == ["䶮村"] and result.file_warnings[0].startswith(GBK_WARNING)


def test_gbk_with_cpg_is_read_as_before(county: Project, tmp_path: Path) -> None:
    path = village_shapefile(tmp_path / "村界.shp", "GBK", cpg=True)
    result = import_file(county, "villages", path)
    assert imported_names(county) == NAMES and result.file_warnings == []


def test_a_code_page_named_by_the_language_driver_byte_is_used(county: Project,
                                                               tmp_path: Path) -> None:
    path = village_shapefile(tmp_path / "村界.shp", "GBK", cpg=False, ldid=CP936_LDID)
    result = import_file(county, "villages", path)
    assert imported_names(county) == NAMES and result.file_warnings == []


def test_utf8_without_cpg_is_read_as_utf8_without_a_warning(county: Project,
                                                            tmp_path: Path) -> None:
    path = village_shapefile(tmp_path / "村界.shp", "UTF-8", cpg=False)
    result = import_file(county, "villages", path)
    assert imported_names(county) == NAMES and result.file_warnings == []


def test_ascii_only_without_cpg_is_read_as_before(county: Project, tmp_path: Path) -> None:
    path = village_shapefile(tmp_path / "villages.shp", "UTF-8", cpg=False,
                             names=["Chengguan", "Wangtuan"], fields=("code", "name"))
    result = import_file(county, "villages", path)
    assert imported_names(county) == ["Chengguan", "Wangtuan"] and result.file_warnings == []
