"""Which township or village a row belongs to: the polygon it lies in, else the code it carries.

Persons and facilities are placed by location first (a roster's codes are typed by hand, the
coordinates were taken on site); a row without coordinates, or outside every polygon, falls back
to its own township or village code. A village itself belongs to its township by its code: the
statistical code is authoritative and village outlines are often rough.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely

from gisapp.gazetteer import gazetteer_of

Level = str  # "county" | "township" | "village"
LEVELS = ("county", "township", "village")
PLACE_LAYER = {"township": "townships", "village": "villages"}
_NAME_FIELD = {"township": "township_name", "village": "village_name"}

ObjectArray = npt.NDArray[np.object_]
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Regions:
    """The regions of one level, in order: the county alone, or the place layer's rows."""

    level: Level
    codes: list[str]
    names: list[str]

    def index_of(self, codes: ObjectArray, names: ObjectArray | None = None) -> tuple[
            Regions, IntArray]:
        """Region position of each code; codes not yet listed become regions of their own
        (named after the rows), so no assigned row is dropped. -1 for no code."""
        known = {c: i for i, c in enumerate(self.codes)}
        extra = sorted({c for c in codes if c is not None and c not in known})
        names_of: dict[str, str] = {}
        unnamed = set(extra)
        if names is not None:
            for code, name in zip(codes, names, strict=True):
                if not unnamed:
                    break
                if code in unnamed and isinstance(name, str) and name:
                    names_of[code] = name
                    unnamed.discard(code)
        regions = Regions(self.level, self.codes + extra,
                          self.names + [names_of.get(c, "") for c in extra])
        known.update({c: len(self.codes) + i for i, c in enumerate(extra)})
        index = pd.Series(codes, dtype=object).map(known).fillna(-1).to_numpy(dtype=np.intp)
        return regions, index


def regions_of(level: Level, layers: Mapping[str, gpd.GeoDataFrame], county_code: str,
               county_name: str) -> Regions:
    if level == "county":
        return Regions(level, [county_code], [county_name])
    places = layers.get(PLACE_LAYER[level])
    if places is None or places.empty:
        return Regions(level, [], [])
    places = places[places["code"].notna()].drop_duplicates("code")
    names = places["name"] if "name" in places.columns else pd.Series("", index=places.index)
    return Regions(level, [str(c) for c in places["code"]],
                   [n if isinstance(n, str) else "" for n in names])


def place_codes(frame: gpd.GeoDataFrame, level: Level,
                layers: Mapping[str, gpd.GeoDataFrame], *,
                own_level: Level | None = None) -> ObjectArray:
    """The township or village code of each row (the place layer's own codes where it knows
    the place); None where unknown. A row lies in the polygon it is in, else in the place its
    names give, else in the place of its codes. A layer of places (`own_level`) is placed by
    its own code and names first: the statistical code is authoritative, outlines are rough."""
    gazetteer = gazetteer_of(layers)

    def by_name(rows: pd.DataFrame) -> ObjectArray:
        naming = gazetteer.name(rows, own_level=own_level)
        return naming.township if level == "township" else naming.village

    places = layers.get(PLACE_LAYER[level])
    located = isinstance(frame, gpd.GeoDataFrame) and frame.active_geometry_name is not None
    if places is None or not located or not _has_shapes(places):
        return by_name(frame)
    by_location = _located_in(frame, places)
    if own_level:
        named = by_name(frame)
        out = np.where(pd.isna(named), by_location, named)
    else:  # names only for the rows no polygon holds: most rows of a located roster are held
        out = by_location.copy()
        unplaced = pd.isna(by_location)
        if unplaced.any():
            out[unplaced] = by_name(frame[unplaced])
    out[pd.isna(out)] = None  # one spelling of "unknown"
    return out


def _has_shapes(places: gpd.GeoDataFrame) -> bool:
    """A place layer with at least one polygon (a village list as a table has none)."""
    if places.empty or places.active_geometry_name is None:
        return False
    shapes = places.geometry.to_numpy()
    return bool((~(shapely.is_missing(shapes) | shapely.is_empty(shapes))).any())


def _located_in(frame: gpd.GeoDataFrame, places: gpd.GeoDataFrame) -> ObjectArray:
    geometry = frame.geometry
    if geometry.crs is not None and places.crs is not None and not geometry.crs.equals(places.crs):
        geometry = geometry.to_crs(places.crs)
    values = geometry.to_numpy()
    if (shapely.get_type_id(values) > 0).any():  # polygons are placed by an inside point
        values = shapely.point_on_surface(values)
    located = np.flatnonzero(~(shapely.is_missing(values) | shapely.is_empty(values)))
    tree = shapely.STRtree(places.geometry.to_numpy())
    point, polygon = tree.query(values[located], predicate="within")
    # A point strictly inside lies in one polygon; keep the first should the data overlap.
    point, first = np.unique(point, return_index=True)
    codes = np.full(len(values), None, dtype=object)
    codes[located[point]] = places["code"].to_numpy(dtype=object)[polygon[first]]
    return codes


def region_names(frame: pd.DataFrame, level: Level) -> ObjectArray | None:
    """Names the rows give their region, for regions missing from the place layer."""
    field = _NAME_FIELD.get(level)
    if field is None or field not in frame.columns:
        return None
    return frame[field].to_numpy(dtype=object)
