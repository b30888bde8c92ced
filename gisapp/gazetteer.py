"""Which township and village a row names, by the names it gives and by its codes.

Codes come from two systems: the NBS statistical codes (统计用区划代码, the only ones with
12-digit village codes) and the MCA administrative codes (区划代码), and township codes differ
between them in many counties; a village list and the township list of one county often come one
from each. So a row is matched on its names where it gives names, and by its codes only where it
does not: where a code and a name disagree, the name wins and the row says so. A township code
may be given in 9 digits or padded to 12 (640202001000).

The gazetteer is built from the project's townships and villages layers; their rows need no
geometry. A village's point (inside its polygon, else the coordinates of the village list) is
where a person located only by village is placed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely

from gisapp.crs import STORAGE_CRS
from gisapp.io.text import header_key

ObjectArray = npt.NDArray[np.object_]

# Longest first: "社区居委会" must lose "居委会" whole, not "会".
_VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "社区居委会", "委员会", "居委会", "村委会",
                     "嘎查委员会", "委会")
_VILLAGE_KINDS = ("社区", "村", "嘎查", "居委")
# The kind each ending states: a township seat often has a 村 and a 社区 of one name, two
# villages that only the kind tells apart.
_KIND_OF = {"村民委员会": "村", "村委会": "村", "村": "村", "居民委员会": "社区",
            "社区居委会": "社区", "居委会": "社区", "社区": "社区", "居委": "社区",
            "嘎查委员会": "嘎查", "嘎查": "嘎查"}
_TOWNSHIP_SUFFIXES = ("街道办事处", "人民政府", "办事处")
# "田老庄乡" became "田老庄镇" in 2026 and rosters keep both spellings for years.
_TOWNSHIP_KINDS = ("街道", "民族乡", "民族镇", "苏木", "镇", "乡")


def village_key(name: object) -> str:
    """'园艺村村民委员会', '园艺村委会' and '园艺村' are one village; '' for no name."""
    return _village_parts(name)[0]


def _village_parts(name: object) -> tuple[str, str]:
    """The village key and the kind the name states (村, 社区, 嘎查; '' when it states none)."""
    key, kind = _text_key(name), ""
    for endings in (_VILLAGE_SUFFIXES, _VILLAGE_KINDS):
        shorter = _without(key, endings)
        kind = kind or _KIND_OF.get(key[len(shorter):], "")
        key = shorter
    return key, kind


def township_key(name: object) -> str:
    """'长胜街道办事处', '长胜街道' and '长胜' are one township; '' for no name."""
    key = _without(_text_key(name), _TOWNSHIP_SUFFIXES)
    return _without(key, _TOWNSHIP_KINDS)


def _text_key(name: object) -> str:
    if name is None or (isinstance(name, float) and np.isnan(name)) or name is pd.NA:
        return ""
    return header_key(str(name))


def _without(key: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        # A name that is only its kind ("新村", "城关镇"→"城关") keeps at least two characters.
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key[: -len(suffix)]
    return key


def township_code9(code: object) -> str | None:
    """A township code as 9 digits: '640202001' or '640202001000' (padded to 12); else None."""
    if not isinstance(code, str):
        return None
    if len(code) == 9 and code.isdigit():
        return code
    if len(code) == 12 and code.isdigit() and code.endswith("000"):
        return code[:9]
    return None


@dataclass(frozen=True)
class Naming:
    """What the rows name: resolved township and village codes (the layers' own codes, or the
    row's code where no layer knows it), and a warning where a code and a name disagreed."""

    township: ObjectArray
    village: ObjectArray
    warnings: pd.Series


class Gazetteer:
    """The townships and villages of a project, looked up by name and by code."""

    def __init__(self, townships: gpd.GeoDataFrame | None, villages: gpd.GeoDataFrame | None):
        self._township_by_key: dict[str, str] = {}
        self.township_points: dict[str, shapely.Point] = {}
        self._township_codes: set[str] = set()
        self._township_by_code: dict[str, str] = {}
        if townships is not None and len(townships) and "code" in townships.columns:
            rows = townships[townships["code"].notna()]
            names = rows["name"] if "name" in rows.columns else pd.Series("", index=rows.index)
            self._township_by_key = _unique_map(names.map(township_key), rows["code"])
            self._township_by_code = {township_code9(c) or c: c for c in rows["code"]}
            self._township_codes = set(rows["code"])
            self.township_points = {c: p for c, p in zip(rows["code"], _points(rows), strict=True)
                                    if p is not None}
        self._village_town: dict[str, str | None] = {}
        # Looked up in turn: (township, kind, key), (township, key), (kind, key), key; each
        # holds only what names one village.
        self._village_lookups: list[dict[object, str]] = [{}, {}, {}, {}]
        self.village_points: dict[str, shapely.Point] = {}
        if villages is not None and len(villages) and "code" in villages.columns:
            self._index_villages(villages[villages["code"].notna()])

    def _index_villages(self, villages: gpd.GeoDataFrame) -> None:
        codes = villages["code"].astype(object).to_numpy()
        parts = _column(villages, "name").map(_village_parts)
        towns = self._townships(_column(villages, "township_code").to_numpy(),
                                _column(villages, "township_name").to_numpy(),
                                np.array([c[:9] for c in codes], dtype=object))[0]
        self._village_town = dict(zip(codes, towns, strict=True))
        wanted = [_village_lookups(town, key, kind)
                  for town, (key, kind) in zip(towns, parts, strict=True)]
        self._village_lookups = [_unique_map(pd.Series([w[i] for w in wanted], dtype=object),
                                             pd.Series(codes)) for i in range(4)]
        points = _points(villages)
        self.village_points = {c: p for c, p in zip(codes, points, strict=True) if p is not None}

    @property
    def knows_villages(self) -> bool:
        return bool(self._village_town)

    def knows_township(self, code: object) -> bool:
        return code in self.township_points or code in self._township_codes

    def township_of_village(self, code: str) -> str | None:
        return self._village_town.get(code)

    def name(self, frame: pd.DataFrame, *, own_level: str | None = None) -> Naming:
        """Resolve every row of `frame`. Its columns township_code, township_name,
        village_code, village_name are used where present; a layer of places names itself
        (`own_level` "township" or "village": its code and name are the place's own)."""
        roles = {"township_code": "township_code", "township_name": "township_name",
                 "village_code": "village_code", "village_name": "village_name"}
        if own_level is not None:
            roles |= {f"{own_level}_code": "code", f"{own_level}_name": "name"}
        columns = [_column(frame, roles[r]) for r in
                   ("township_code", "township_name", "village_code", "village_name")]
        # Rosters repeat a few hundred places a million times: resolve each distinct one once.
        combined, inverse = _distinct_rows(columns)
        township, village, warning = self._resolve(*combined)
        return Naming(township[inverse], village[inverse],
                      pd.Series(warning[inverse], index=frame.index, dtype=object))

    def _resolve(self, t_code: ObjectArray, t_name: ObjectArray, v_code: ObjectArray,
                 v_name: ObjectArray) -> tuple[ObjectArray, ObjectArray, ObjectArray]:
        v_prefix = np.array([c[:9] if isinstance(c, str) and len(c) == 12 else None
                             for c in v_code], dtype=object)
        town, town_warning = self._townships(t_code, t_name, v_prefix)
        named_town = np.array([bool(n) or township_code9(c) is not None
                               for c, n in zip(t_code, t_name, strict=True)])
        village = np.full(len(v_code), None, dtype=object)
        warning = town_warning
        for i, (code, name) in enumerate(zip(v_code, v_name, strict=True)):
            by_code = code if code in self._village_town else None
            key, kind = _village_parts(name)
            by_name = None
            if key:
                by_name = next((found for lookup, wanted in zip(
                    self._village_lookups, _village_lookups(town[i], key, kind), strict=True)
                    if (found := lookup.get(wanted)) is not None), None)
            if by_name is not None and by_code is not None and by_name != by_code:
                warning[i] = _joined(warning[i], f"村代码 {code} 与村名“{name}”不符，按村名归属")
            village[i] = by_name or by_code or (code if isinstance(code, str) else None)
            # The township the row names stands; the village's own township fills it in.
            own_town = self._village_town.get(village[i])
            if own_town is not None and own_town != town[i] and named_town[i] and key:
                warning[i] = _joined(warning[i], f"村“{name}”不在“{t_name[i] or t_code[i]}”")
            if own_town is not None and not named_town[i]:
                town[i] = own_town
        return town, village, warning

    def _townships(self, t_code: ObjectArray, t_name: ObjectArray,
                   v_prefix: ObjectArray) -> tuple[ObjectArray, ObjectArray]:
        town = np.full(len(t_code), None, dtype=object)
        warning = np.full(len(t_code), None, dtype=object)
        for i, (code, name, prefix) in enumerate(zip(t_code, t_name, v_prefix, strict=True)):
            code9 = township_code9(code)
            by_name = self._township_by_key.get(township_key(name)) if name else None
            by_code = self._township_by_code.get(code9) if code9 else None
            if by_name is not None and by_code is not None and by_name != by_code:
                warning[i] = f"乡镇代码 {code} 与乡镇名称“{name}”不符，按名称归属"
            by_prefix = self._township_by_code.get(prefix) if prefix else None
            town[i] = by_name or by_code or code9 or by_prefix or prefix
        return town, warning


def _village_lookups(town: object, key: str, kind: str) -> tuple[object, ...]:
    """What a village is looked up by, most precise first; None where the name lacks it."""
    if not key:
        return None, None, None, None
    return ((town, kind, key) if kind else None, (town, key), (kind, key) if kind else None,
            key)


def gazetteer_of(layers: Mapping[str, gpd.GeoDataFrame]) -> Gazetteer:
    return Gazetteer(layers.get("townships"), layers.get("villages"))


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame.columns:
        return pd.Series(None, index=frame.index, dtype=object)
    column = frame[name].astype(object)
    return column.where(column.notna(), None)


def _distinct_rows(columns: list[pd.Series]) -> tuple[list[ObjectArray], npt.NDArray[np.intp]]:
    """The distinct combinations of the columns' values, and where each row's is."""
    codes = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        part, distinct = pd.factorize(column, use_na_sentinel=False)
        # Compacted after each column, so the combined number never outgrows int64.
        codes = pd.factorize(codes * (len(distinct) + 1) + part)[0]
    _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    return [c.to_numpy(dtype=object)[first] for c in columns], inverse.reshape(-1)


def _unique_map(keys: pd.Series, codes: pd.Series) -> dict[Any, str]:
    """key → code for keys that name exactly one place (two villages of one name are left to
    their township)."""
    pairs = pd.DataFrame({"key": keys.to_numpy(), "code": codes.to_numpy()})
    pairs = pairs[pairs["key"].map(bool)].drop_duplicates()
    once = pairs.drop_duplicates("key", keep=False)
    return dict(zip(once["key"], once["code"], strict=True))


def _points(places: gpd.GeoDataFrame) -> list[shapely.Point | None]:
    """Inside the place's polygon; else the place list's own coordinates; else none."""
    points: list[shapely.Point | None] = [None] * len(places)
    if isinstance(places, gpd.GeoDataFrame) and places.active_geometry_name is not None:
        shapes = places.to_crs(STORAGE_CRS).geometry.to_numpy()
        has = ~(shapely.is_missing(shapes) | shapely.is_empty(shapes))
        inside = np.full(len(shapes), None, dtype=object)
        inside[has] = shapely.point_on_surface(shapes[has])
        points = list(inside)
    if "lon" in places.columns and "lat" in places.columns:
        lon = pd.to_numeric(places["lon"], errors="coerce").to_numpy(dtype=float)
        lat = pd.to_numeric(places["lat"], errors="coerce").to_numpy(dtype=float)
        for i in np.flatnonzero(np.isfinite(lon) & np.isfinite(lat)):
            if points[i] is None:
                points[i] = shapely.Point(lon[i], lat[i])
    return points


def _joined(first: str | None, second: str) -> str:
    return second if not first else f"{first}；{second}"
