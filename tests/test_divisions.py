"""The national list of divisions: facts about four real counties, checked against reference
files made independently of data/places (tests/data/README.md), and the shape of the whole."""

from __future__ import annotations

import csv
import gzip
import os
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest
import shapely

from gisapp import divisions
from gisapp.crs import metric_crs
from gisapp.errors import UserError
from gisapp.resources import places_dir
from tests.conftest import REPO, TEST_DATA

REFERENCE = TEST_DATA / "divisions"
FOUR = ["640202", "640324", "500243", "150627"]
# The 31 province-level codes of the mainland (GB/T 2260), the only ones NBS lists.
PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
             "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
             "63", "64", "65"}
# The reference files' kinds, in the words data/places uses.
VILLAGE_KINDS = {"村委会/嘎查": "村委会", "社区居委会": "社区居委会"}
TOWNSHIP_KINDS = {"其他(开发区/园区等)": "其他"}


def outline(code: str) -> shapely.Geometry:
    text = (REFERENCE / f"{code}_outline_wgs84.geojson").read_text(encoding="utf-8")
    return shapely.union_all(shapely.get_parts(shapely.from_geojson(text)))


def test_a_county_is_found_by_its_code() -> None:
    found = divisions.county("640202")
    assert found is not None
    assert found.name == "大武口区"
    assert (found.prefecture, found.province) == ("石嘴山市", "宁夏回族自治区")
    assert found.full_name == "宁夏回族自治区石嘴山市大武口区"


def test_full_names_leave_out_what_is_not_a_prefecture() -> None:
    pengshui = divisions.county("500243")
    assert pengshui is not None and pengshui.prefecture == "县"  # as NBS lists Chongqing's counties
    assert pengshui.full_name == "重庆市彭水苗族土家族自治县"
    assert divisions.county("441900").full_name == "广东省东莞市"
    assert divisions.county("110101").full_name == "北京市东城区"


def test_an_unknown_code_is_no_county() -> None:
    assert divisions.county("640299") is None
    assert divisions.county("999999") is None
    assert divisions.county("") is None
    with pytest.raises(UserError, match="640299"):
        divisions.county_villages("640299")


@pytest.mark.parametrize("code", FOUR)
def test_the_centre_lies_inside_the_county(code: str) -> None:
    found = divisions.county(code)
    assert found is not None and found.lon is not None and found.lat is not None
    assert outline(code).contains(shapely.Point(found.lon, found.lat))


# CGCS2000 3-degree Gauss-Kruger zones without the zone prefix are EPSG:4534 (central meridian
# 75E) to EPSG:4554 (135E), one code per 3 degrees: EPSG = 4534 + (CM - 75) / 3, where CM is the
# multiple of 3 nearest the longitude. 大武口区 spans 106.09-106.50E and 同心县 105.55-106.70E,
# both centred near 106.3E: CM 105E, 4544. 彭水 spans 107.81-108.59E: CM 108E, 4545.
# 伊金霍洛旗 spans 109.00-110.43E, centred near 109.7E, east of the 109.5E zone edge: CM 111E, 4546.
@pytest.mark.parametrize(("code", "epsg"),
                         [("640202", 4544), ("640324", 4544), ("500243", 4545), ("150627", 4546)])
def test_the_centre_gives_the_zone_of_the_county(code: str, epsg: int) -> None:
    found = divisions.county(code)
    assert found is not None and found.lon is not None and found.lat is not None
    assert metric_crs(found.lon, found.lat).to_epsg() == epsg
    middle = outline(code).centroid
    assert metric_crs(middle.x, middle.y).to_epsg() == epsg


@pytest.mark.parametrize("code", FOUR)
def test_townships_are_the_nbs_list(code: str) -> None:
    expected = pd.read_csv(REFERENCE / f"{code}_townships.csv", dtype=str)
    got = divisions.county_townships(code)
    assert list(got.columns) == ["code", "name", "kind"]
    assert list(got["code"]) == list(expected["nbs2023_code_9"])
    assert list(got["name"]) == list(expected["name_nbs2023"])
    assert list(got["kind"]) == [TOWNSHIP_KINDS.get(k, k) for k in expected["type"]]


@pytest.mark.parametrize("code", FOUR)
def test_villages_are_the_nbs_list(code: str) -> None:
    expected = pd.read_csv(REFERENCE / f"{code}_villages.csv", dtype=str)
    got = divisions.county_villages(code)
    assert list(got.columns) == ["code", "name", "township_code", "township_name", "kind"]
    assert len(got) == len(expected)
    assert list(got["code"]) == list(expected["village_code_12"])
    assert list(got["name"]) == list(expected["name"])
    assert list(got["township_code"]) == list(expected["township_code_9"])
    assert list(got["township_name"]) == list(expected["township_name"])
    assert list(got["kind"]) == [VILLAGE_KINDS[k] for k in expected["kind"]]


def test_known_counts() -> None:
    # DOMAIN.md: 同心县 has 11 townships (7 镇, 4 乡) and 153 villages (142 村, 11 社区).
    townships = divisions.county_townships("640324")
    assert Counter(townships["kind"]) == {"镇": 7, "乡": 4}
    villages = divisions.county_villages("640324")
    assert Counter(villages["kind"]) == {"村委会": 142, "社区居委会": 11}


@pytest.mark.parametrize(("text", "code"), [
    ("大武口区", "640202"), ("大武口", "640202"), ("石嘴山市大武口区", "640202"),
    ("宁夏回族自治区石嘴山市大武口区", "640202"), ("宁夏大武口区", "640202"), ("640202", "640202"),
    ("彭水", "500243"), ("彭水县", "500243"), ("彭水苗族土家族自治县", "500243"),
    ("伊金霍洛旗", "150627"), (" 同心县 ", "640324"),
])
def test_counties_are_found_by_name(text: str, code: str) -> None:
    assert [found.code for found in divisions.find_counties(text)][:1] == [code]


def test_an_exact_name_comes_before_names_that_contain_it() -> None:
    # Two districts are called 朝阳区 (Beijing, Changchun); "朝阳" also begins 朝阳县 and others.
    found = [c.code for c in divisions.find_counties("朝阳区")]
    assert found == ["110105", "220104"]
    beginning = divisions.find_counties("朝阳")
    assert [c.code for c in beginning[:3]] == ["110105", "211321", "220104"]
    assert beginning[3:] and all(c.prefecture == "朝阳市" for c in beginning[3:])
    assert divisions.find_counties("石嘴山") == [divisions.county(c)
                                               for c in ("640202", "640205", "640221")]
    assert divisions.find_counties("") == []
    assert divisions.find_counties("不存在的县") == []


def test_the_number_of_counties_is_the_nbs_2023_count() -> None:
    # NBS 统计用区划代码 2023 (china-division 2.7.0) lists 2,978 county-level codes: the 2,844
    # county-level divisions the MCA counted at the end of 2023, plus NBS's statistical units
    # (124 开发区 and the like, numbered xxxx7x, and a few more).
    everyone = divisions.all_counties()
    assert len(everyone) == 2978
    located = [c for c in everyone if c.lon is not None]
    assert len(located) >= 2840
    # Those not located are NBS's statistical units without an outline of their own.
    unlocated = {c.code for c in everyone if c.lon is None}
    others = {c for c in unlocated if c[4] != "7"}
    assert others == {"232762", "232763", "232764", "460323", "659011", "659012"}


def test_every_row_of_the_county_table_is_well_formed() -> None:
    with (places_dir() / "counties.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows and list(rows[0]) == ["code", "name", "province", "prefecture", "lon", "lat",
                                      "centre_source"]
    codes = [row["code"] for row in rows]
    assert len(set(codes)) == len(codes)
    for row in rows:
        assert len(row["code"]) == 6 and row["code"].isdigit(), row
        assert row["code"][:2] in PROVINCES, row
        assert row["name"] and row["province"] and row["prefecture"], row
        assert bool(row["lon"]) == bool(row["lat"]) == bool(row["centre_source"]), row
        if row["lon"]:
            # China's extent, the Nansha islands included
            assert 73 < float(row["lon"]) < 136 and 3 < float(row["lat"]) < 54, row
    names = Counter((row["province"], row["code"][:4], row["name"]) for row in rows)
    assert [key for key, count in names.items() if count > 1] == []
    assert len({(row["code"][:2], row["province"]) for row in rows}) == len(PROVINCES)


def test_every_province_has_its_townships_and_villages() -> None:
    for province in sorted(PROVINCES):
        for folder in ("townships", "villages"):
            with gzip.open(places_dir() / folder / f"{province}.csv.gz", "rt",
                           encoding="utf-8") as file:
                header = file.readline().strip()
                first = file.readline()
            assert header == "code,name,kind" and first.startswith(province), (folder, province)


def test_importing_the_module_reads_nothing(tmp_path) -> None:
    # With GISAPP_HOME an empty folder, the import still works; only a look-up needs the data.
    script = "import gisapp.divisions as d\nprint('imported')\nd.county('640202')\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, env={**os.environ, "GISAPP_HOME": str(tmp_path)})
    assert result.stdout.strip() == "imported"
    assert "counties.csv" in result.stderr
