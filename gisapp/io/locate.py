"""Place each row: its coordinates (decimal or degrees-minutes-seconds, in any of the datums
Chinese maps use), else the point of the village it names (by names, else by code)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely
from pyproj import CRS

from gisapp.crs import STORAGE_CRS, gcj02_to_wgs84, to_storage
from gisapp.errors import UserError
from gisapp.gazetteer import Gazetteer, Naming
from gisapp.io.checks import outside_problems

# Degrees, then optional minutes and seconds, marked by ° ′ ″, 度 分 秒, colons or spaces (a
# double prime is sometimes typed as two primes).
_DMS = re.compile(r"""^\s*([-+]?\d+(?:\.\d+)?)\s*[°度:]?\s*
                     (?:(\d+(?:\.\d+)?)\s*[′'分:]?\s*)?
                     (?:(\d+(?:\.\d+)?)\s*(?:[″"秒]|''|′′)?\s*)?
                     ([NSEW东西南北])?\s*$""", re.IGNORECASE | re.VERBOSE)
_DECIMAL = r"[-+]?(\d+(\.\d*)?|\.\d+)"
_CHINA_LON = (73.0, 136.0)
_CHINA_LAT = (3.0, 54.0)
# Share of a file's points that must look GCJ-shifted before we warn about the datum.
_GCJ_SUSPICION = 0.5


@dataclass
class DatumCheck:
    """Points tested against their own village polygon, and how many of them sit outside it
    but inside once read as GCJ-02: added up over a file's blocks, judged once at the end."""

    checked: int = 0
    shifted: int = 0

    def __add__(self, other: DatumCheck) -> DatumCheck:
        return DatumCheck(self.checked + other.checked, self.shifted + other.shifted)

    def warning(self) -> str | None:
        """Points outside their own village that land inside it once read as GCJ-02 were
        most likely picked on Amap or Tencent maps and given as WGS84."""
        if self.checked < 5 or self.shifted <= _GCJ_SUSPICION * self.checked:
            return None
        return (f"{self.shifted} 个点偏离所在村约数百米，"
                "而按 GCJ-02（高德/腾讯坐标）换算后落入本村："
                "坐标可能取自高德或腾讯地图，请选 GCJ-02 坐标重新导入（命令行：--crs gcj02）")


@dataclass
class Placed:
    geometry: gpd.GeoSeries  # STORAGE_CRS, None where the row could not be placed
    located_by: pd.Series  # "coordinates" | "village" | "township" | "name" (no location)
    problems: pd.Series  # reason a row cannot be placed (reject), or None
    warnings: pd.Series  # a note on a row that was placed (keep), or None
    datum_check: DatumCheck = field(default_factory=DatumCheck)  # for the file's warning

    @property
    def file_warning(self) -> str | None:
        return self.datum_check.warning()


def parse_degrees(texts: pd.Series) -> pd.Series:
    """Decimal degrees from '105.93', '105°52′30.5″E', '105度52分30秒' or '105:52:30'; NaN
    when the text is not a coordinate."""
    text = texts.fillna("").astype(str)
    plain = pd.Series(np.nan, index=text.index)
    # Plain decimals, nearly every cell of a roster, are converted by Arrow in one call.
    decimal = text.str.fullmatch(_DECIMAL).to_numpy(dtype=bool, na_value=False)
    plain[decimal] = pc.cast(pa.array(text[decimal], type=pa.string()), pa.float64()).to_numpy()
    rest = ~decimal & (text != "").to_numpy()
    if rest.any():
        plain[rest] = pd.to_numeric(text[rest].str.strip(), errors="coerce")
        todo = rest & plain.isna().to_numpy()
        plain[todo] = text[todo].map(_dms_value)
    return plain.astype(float)


def _dms_value(text: str) -> float:
    match = _DMS.match(text)
    if not match:
        return np.nan
    degrees, minutes, seconds, hemisphere = match.groups()
    value = abs(float(degrees)) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    negative = degrees.startswith("-") or (hemisphere or "").upper() in ("S", "W", "南", "西")
    return -value if negative else value


def place_rows(lon_text: pd.Series | None, lat_text: pd.Series | None, data: pd.DataFrame,
               source_crs: str, places: Gazetteer, villages: gpd.GeoDataFrame | None,
               *, on_township: bool = False, county: shapely.Geometry | None = None,
               datum_text: pd.Series | None = None) -> Placed:
    """Coordinates first, then the point of the village the row names (by name, else code),
    then, for a facility (`on_township`), the point of its township. Coordinates outside the
    `county` are set aside as a typing or datum slip. A row that can be placed nowhere is
    still kept: counted in the township and village it names, or in the county alone, with no
    location, and the warning says so. A column saying where each row's coordinates were
    taken (`datum_text`: 高德, 百度, GPS ...) converts each row by its own datum."""
    index = data.index
    geometry = gpd.GeoSeries([None] * len(index), index=index, crs=STORAGE_CRS)
    located_by = pd.Series(None, index=index, dtype=object)
    problems = pd.Series(None, index=index, dtype=object)
    warnings = pd.Series(None, index=index, dtype=object)
    datum_check = DatumCheck()

    if lon_text is not None and lat_text is not None:
        lon, lat = parse_degrees(lon_text), parse_degrees(lat_text)
        has_xy = lon.notna() & lat.notna()
        typed = (lon_text.fillna("") != "") | (lat_text.fillna("") != "")
        problems[typed & ~has_xy] = "经纬度无法识别"
        if _is_geographic(source_crs):
            swapped = has_xy & _in_range(lat, _CHINA_LON) & _in_range(lon, _CHINA_LAT)
            lon, lat = lon.where(~swapped, lat), lat.where(~swapped, lon)
            warnings[swapped] = "经度与纬度填反，已自动对调"
            impossible = has_xy & ((lon.abs() > 180) | (lat.abs() > 90))
            problems[impossible] = "经纬度超出取值范围"
            has_xy &= ~impossible
        datums = row_datums(datum_text, source_crs, index)
        unknown = has_xy & datums.isna() & (datum_text.fillna("") != "") \
            if datum_text is not None else pd.Series(False, index=index)
        warnings = _joined(warnings, pd.Series(
            [f"坐标来源“{t}”无法识别，按 {source_crs} 换算" for t in
             (datum_text if datum_text is not None else pd.Series("", index=index))],
            index=index).where(unknown, None))
        datums = datums.fillna(source_crs)
        for datum in datums[has_xy].unique():
            rows = has_xy & (datums == datum)
            x, y = to_storage(lon[rows].to_numpy(), lat[rows].to_numpy(), datum)
            geometry[rows] = shapely.points(x, y)
        located_by[has_xy] = "coordinates"
        far = outside_problems(geometry, county).notna()
        geometry[far], located_by[far] = None, None
        warnings = _joined(warnings, pd.Series("坐标在本县范围之外，已舍弃", index=index)
                           .where(far, None))
        village_code = data.get("village_code")
        if villages is not None and village_code is not None and source_crs.lower() in (
                "wgs84", "cgcs2000"):
            datum_check = _gcj_check(geometry[has_xy], village_code[has_xy], villages)

    naming = places.name(data)
    warnings = _joined(warnings, naming.warnings)
    todo = (located_by.isna() & problems.isna()).to_numpy(copy=True)
    village_point = pd.Series(naming.village, index=index).map(places.village_points)
    found = todo & village_point.notna().to_numpy()
    geometry[found] = village_point[found].to_numpy()
    located_by[found] = "village"
    warnings = _joined(warnings, pd.Series("无坐标，按所在村定位", index=index).where(found, None))
    todo &= ~found
    if on_township:
        town_point = pd.Series(naming.township, index=index).map(places.township_points)
        found = todo & town_point.notna().to_numpy()
        geometry[found] = town_point[found].to_numpy()
        located_by[found] = "township"
        warnings = _joined(warnings,
                           pd.Series("无坐标，按所在乡镇定位", index=index).where(found, None))
        todo &= ~found
    unplaced = pd.Series(_unplaced_note(naming, places, len(index)), index=index)
    located_by[todo] = "name"
    warnings = _joined(warnings, unplaced.where(todo, None))
    return Placed(geometry, located_by, problems, warnings, datum_check)


def _unplaced_note(naming: Naming, places: Gazetteer, rows: int) -> np.ndarray:
    """Why a row without coordinates has no location, and where it is counted."""
    known_village = np.array([places.township_of_village(v) is not None
                              for v in naming.village], dtype=bool)
    known_town = np.array([places.knows_township(t) for t in naming.township], dtype=bool)
    note = np.full(rows, "无坐标，未能对上所在乡镇、村：只计入全县，不计入服务半径覆盖",
                   dtype=object)
    note[known_town] = "无坐标，未能定位到村：计入所在乡镇，不计入服务半径覆盖"
    note[known_village] = "无坐标，所在村无点位：计入所在村，不计入服务半径覆盖"
    unknown_code = ~known_town & pd.notna(naming.township)
    note[unknown_code] = "无坐标，所在乡镇不在乡镇图层中：按乡镇代码计入，不计入服务半径覆盖"
    return note


# What offices write where a row's coordinates came from, by the datum it means.
_DATUM_WORDS = (("gcj02", ("高德", "腾讯", "gcj", "火星", "amap", "谷歌中国", "google")),
                ("bd09", ("百度", "bd09", "bd-09", "baidu")),
                ("wgs84", ("gps", "wgs", "北斗", "天地图", "cgcs", "2000", "奥维", "手持机")))


def row_datums(texts: pd.Series | None, source_crs: str, index: pd.Index) -> pd.Series:
    """The datum each row's coordinates are in, by what its 坐标来源 cell says; NA where the
    cell is blank or says nothing known (the file's own datum, `source_crs`, applies)."""
    datums = pd.Series(pd.NA, index=index, dtype=object)
    if texts is None:
        return datums
    keys = texts.fillna("").astype(str).str.casefold()
    for datum, words in reversed(_DATUM_WORDS):  # the first named wins
        datums[keys.map(lambda k, w=words: any(word in k for word in w)).astype(bool)] = datum
    return datums


def _is_geographic(source_crs: str) -> bool:
    if not source_crs.upper().startswith("EPSG:"):
        return True
    try:
        return CRS.from_user_input(source_crs).is_geographic
    except Exception:
        return True


def _in_range(values: pd.Series, bounds: tuple[float, float]) -> pd.Series:
    return (values >= bounds[0]) & (values <= bounds[1])


def _gcj_check(points: gpd.GeoSeries, codes: pd.Series,
               villages: gpd.GeoDataFrame) -> DatumCheck:
    """Test each point that names its village: inside it, or inside it only once read as
    GCJ-02 (Amap or Tencent coordinates)?"""
    polygons = villages.to_crs(STORAGE_CRS).set_index("code").geometry
    own = codes.map(polygons)
    known = own.notna() & points.notna()
    own_geoms = own[known].to_numpy()
    xy = shapely.get_coordinates(points[known].to_numpy())
    inside = shapely.contains_xy(own_geoms, xy[:, 0], xy[:, 1])
    gx, gy = gcj02_to_wgs84(xy[:, 0], xy[:, 1])
    inside_if_gcj = shapely.contains_xy(own_geoms, gx, gy)
    return DatumCheck(int(known.sum()), int((~inside & inside_if_gcj).sum()))


def check_crs_name(source_crs: str) -> None:
    try:
        to_storage(np.array([105.0]), np.array([36.0]), source_crs)
    except ValueError as exc:
        raise UserError(f"--crs {source_crs}：不认识的坐标系（{exc}）；可用 wgs84（GPS）、"
                        "cgcs2000（天地图）、gcj02（高德、腾讯）、bd09（百度）或 EPSG:n") from None


def _joined(first: pd.Series, second: pd.Series) -> pd.Series:
    """Each row's notes of both series, joined with '；'."""
    both = first.notna() & second.notna()
    out = first.where(first.notna(), second)
    out[both] = first[both] + "；" + second[both]
    return out
