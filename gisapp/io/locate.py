"""Place each row: its coordinates (decimal or degrees-minutes-seconds, in any of the datums
Chinese maps use), else its village code, else its township and village names."""

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
from gisapp.io.text import header_key

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
    located_by: pd.Series  # "coordinates" | "village" | None
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


def place_rows(lon_text: pd.Series | None, lat_text: pd.Series | None,
               village_code: pd.Series | None, township_name: pd.Series | None,
               village_name: pd.Series | None, source_crs: str,
               villages: gpd.GeoDataFrame | None, index: pd.Index) -> Placed:
    """Coordinates first, then the village code, then township + village name."""
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
        x, y = to_storage(lon[has_xy].to_numpy(), lat[has_xy].to_numpy(), source_crs)
        geometry[has_xy] = shapely.points(x, y)
        located_by[has_xy] = "coordinates"
        if villages is not None and village_code is not None and source_crs.lower() in (
                "wgs84", "cgcs2000"):
            datum_check = _gcj_check(geometry[has_xy], village_code[has_xy], villages)

    if villages is not None and len(villages):
        todo = located_by.isna() & problems.isna()
        points = _village_points(villages)
        if village_code is not None:
            by_code = village_code[todo].map(points["by_code"])
            found = by_code.notna()
            geometry[found[found].index] = by_code[found].to_numpy()
            located_by[found[found].index] = "village"
            todo &= located_by.isna()
        if township_name is not None and village_name is not None:
            keys = township_name[todo].map(_place_key) + "/" + village_name[todo].map(_place_key)
            by_name = keys.map(points["by_name"])
            found = by_name.notna()
            geometry[found[found].index] = by_name[found].to_numpy()
            located_by[found[found].index] = "village"
        warnings[(located_by == "village") & warnings.isna()] = "无坐标，按所在村定位"
    problems[located_by.isna() & problems.isna()] = "无坐标，且无法按村代码或村名定位"
    return Placed(geometry, located_by, problems, warnings, datum_check)


def _is_geographic(source_crs: str) -> bool:
    if not source_crs.upper().startswith("EPSG:"):
        return True
    try:
        return CRS.from_user_input(source_crs).is_geographic
    except Exception:
        return True


def _in_range(values: pd.Series, bounds: tuple[float, float]) -> pd.Series:
    return (values >= bounds[0]) & (values <= bounds[1])


def _place_key(name: object) -> str:
    """'豫海镇'/'园艺村委会' and '豫海镇'/'园艺村' are one place."""
    key = header_key("" if pd.isna(name) else str(name))
    for suffix in ("居民委员会", "村民委员会", "委员会", "居委会", "村委会", "委会"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
            break
    return key.removesuffix("村").removesuffix("社区")


def _village_points(villages: gpd.GeoDataFrame) -> dict[str, dict[str, shapely.Point]]:
    inside = villages.to_crs(STORAGE_CRS).geometry.representative_point()
    by_code = dict(zip(villages["code"], inside, strict=True))
    names = villages["township_name"].map(_place_key) + "/" + villages["name"].map(_place_key)
    by_name = dict(zip(names, inside, strict=True))
    return {"by_code": by_code, "by_name": by_name}


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
        raise UserError(f"--crs {source_crs}: {exc}") from None
