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

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely

from gisapp.crs import STORAGE_CRS
from gisapp.io.text import header_key

ObjectArray = npt.NDArray[np.object_]

# Longest first: "社区居委会" must lose "居委会" whole, not "会". Each says whether the place
# is a rural village (村, 嘎查) or an urban community (社区): 布拉格嘎查村 and 布拉格社区 are two.
_VILLAGE_SUFFIXES = (("嘎查村民委员会", "村"), ("村民委员会", "村"), ("居民委员会", "社区"),
                     ("社区居委会", "社区"), ("嘎查委员会", "村"), ("委员会", ""),
                     ("居委会", "社区"), ("村委会", "村"), ("委会", ""))
_VILLAGE_KINDS = (("嘎查村", "村"), ("社区", "社区"), ("村", "村"), ("嘎查", "村"),
                  ("居委", "社区"))
_TOWNSHIP_SUFFIXES = ("街道办事处", "人民政府", "办事处")
# "田老庄乡" became "田老庄镇" in 2026 and rosters keep both spellings for years.
_TOWNSHIP_KINDS = ("街道", "民族乡", "民族镇", "苏木", "镇", "乡")


def village_key(name: object) -> str:
    """'园艺村村民委员会', '园艺村委会' and '园艺村' are one village; '' for no name."""
    return village_parts(name)[0]


def village_parts(name: object) -> tuple[str, str]:
    """The name without its suffixes, and the kind they say: "村", "社区" or "" (unsaid)."""
    key, kind = _text_key(name), ""
    for suffixes in (_VILLAGE_SUFFIXES, _VILLAGE_KINDS):
        for suffix, said in suffixes:
            if key.endswith(suffix) and len(key) - len(suffix) >= 2:
                key, kind = key[: -len(suffix)], kind or said
                break
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


LEVEL_OF_LAYER = {"townships": "township", "villages": "village"}


@dataclass(frozen=True)
class PlaceMatch:
    """Rows of a list of places matched to the places the project holds: the stored code each
    row is (its own where it is new), a warning where its code was another system's, and a
    problem where its code is a stored place of another name."""

    code: pd.Series
    name: pd.Series  # blank where the stored place has the same name in its official spelling
    warnings: pd.Series
    problems: pd.Series


class Gazetteer:
    """The townships and villages of a project, looked up by name and by code."""

    def __init__(self, townships: gpd.GeoDataFrame | None, villages: gpd.GeoDataFrame | None):
        self._township_by_key: dict[str, str] = {}
        self.township_points: dict[str, shapely.Point] = {}
        self._township_codes: set[str] = set()
        self._key_of_code: dict[str, str] = {}  # a stored place's code -> its name's key
        self._township_by_code: dict[str, str] = {}
        if townships is not None and len(townships) and "code" in townships.columns:
            rows = townships[townships["code"].notna()]
            names = rows["name"] if "name" in rows.columns else pd.Series("", index=rows.index)
            self._township_by_key = _unique_map(names.map(township_key), rows["code"])
            self._township_by_code = {township_code9(c) or c: c for c in rows["code"]}
            self._township_codes = set(rows["code"])
            self._key_of_code = dict(zip(rows["code"], names.map(township_key), strict=True))
            self.township_points = {c: p for c, p in zip(rows["code"], _points(rows), strict=True)
                                    if p is not None}
        self._village_town: dict[str, str | None] = {}
        # (township, name) and name alone -> every village of that name, with its kind
        self._village_by_pair: dict[tuple[str | None, str], list[tuple[str, str]]] = {}
        self._village_by_key: dict[str, list[tuple[str, str]]] = {}
        self.village_points: dict[str, shapely.Point] = {}
        if villages is not None and len(villages) and "code" in villages.columns:
            self._index_villages(villages[villages["code"].notna()])

    def _index_villages(self, villages: gpd.GeoDataFrame) -> None:
        codes = villages["code"].astype(object).to_numpy()
        parts = _column(villages, "name").map(village_parts)
        keys = parts.map(lambda p: p[0]).to_numpy()
        kinds = parts.map(lambda p: p[1]).to_numpy()
        towns = self._townships(_column(villages, "township_code").to_numpy(),
                                _column(villages, "township_name").to_numpy(),
                                np.array([c[:9] for c in codes], dtype=object))[0]
        self._village_town = dict(zip(codes, towns, strict=True))
        for code, town, key, kind in zip(codes, towns, keys, kinds, strict=True):
            if key:
                self._village_by_pair.setdefault((town, key), []).append((code, kind))
                self._village_by_key.setdefault(key, []).append((code, kind))
        self._key_of_code |= dict(zip(codes, keys, strict=True))
        points = _points(villages)
        self.village_points = {c: p for c, p in zip(codes, points, strict=True) if p is not None}

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

    def match_places(self, rows: pd.DataFrame, layer: str) -> PlaceMatch:
        """A township or village list imported over the one the project has is matched on names:
        a boundary file with NBS codes updates the MCA list's townships of the same names (keeping
        their codes), and never renames a township whose code it happens to share."""
        level = LEVEL_OF_LAYER[layer]
        key = township_key if level == "township" else village_key
        naming = self.name(rows, own_level=level)
        resolved = pd.Series(naming.township if level == "township" else naming.village,
                             index=rows.index, dtype=object)
        own = _column(rows, "code")
        names = _column(rows, "name")
        stored = resolved.map(lambda c: c in self._key_of_code)
        by_name = stored & (resolved.map(self._key_of_code) == names.map(key))
        code = own.where(~by_name, resolved)
        warnings = pd.Series(None, index=rows.index, dtype=object)
        moved = by_name & own.notna() & (own != resolved)
        warnings[moved] = [f"代码 {o} 与已有的“{n}”（{r}）不同：按名称归属，保留原代码"
                           for o, n, r in zip(own[moved], names[moved], resolved[moved],
                                              strict=True)]
        problems = pd.Series(None, index=rows.index, dtype=object)
        taken = ~by_name & own.map(lambda c: c in self._key_of_code) & names.notna() & \
            (own.map(self._key_of_code) != names.map(key))
        problems[taken] = [f"代码 {o} 已属于另一个地方，与本行名称“{n}”不符"
                           for o, n in zip(own[taken], names[taken], strict=True)]
        # 查干庙村 for 查干庙村村委会: the list's official spelling stays.
        same_name = stored & (resolved.map(self._key_of_code) == names.map(key)) & \
            (code == resolved)
        return PlaceMatch(code, names.where(~same_name, None), warnings, problems)

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
            key, kind = village_parts(name)
            by_name = None
            if key:
                by_name = _one_of(self._village_by_pair.get((town[i], key), []), kind)
                if by_name is None:  # one village of that name in the county
                    by_name = _one_of(self._village_by_key.get(key, []), kind)
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


def _one_of(candidates: list[tuple[str, str]], kind: str) -> str | None:
    """The one village among `candidates` of a kind compatible with the row's (unsaid fits
    any); None where none or several fit."""
    fitting = [code for code, own in candidates if not kind or not own or own == kind]
    return fitting[0] if len(set(fitting)) == 1 else None


def _unique_map(keys: pd.Series, codes: pd.Series) -> dict[str, str]:
    """key → code for keys that name exactly one place (two villages of one name are left to
    their township)."""
    pairs = pd.DataFrame({"key": keys.to_numpy(), "code": codes.to_numpy()})
    pairs = pairs[pairs["key"].astype(bool)].drop_duplicates()
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
