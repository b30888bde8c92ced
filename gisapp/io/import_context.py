"""What the rows of an import are checked and placed against: the project's townships and
villages, the county's area, and the keys the layer holds already."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely

from gisapp.catalog import LayerKind
from gisapp.crs import STORAGE_CRS, metric_crs
from gisapp.divisions import county
from gisapp.gazetteer import Gazetteer, gazetteer_of
from gisapp.project import Project

# Points this close outside the county line are kept: published outlines are approximate.
_COUNTY_TOLERANCE_DEG = 0.002
# Without outlines: the widest county-level divisions (Xinjiang, Tibet) span about 400 km.
_COUNTY_REACH_M = 250_000.0


@dataclass(frozen=True)
class ImportContext:
    """What rows are checked and placed against: the project's places, the county's area, and
    the keys the layer holds already (a row with one of them updates that row: it need not
    repeat what the layer knows)."""

    places: Gazetteer = field(default_factory=lambda: Gazetteer(None, None))
    villages: gpd.GeoDataFrame | None = None
    county: shapely.Geometry | None = None
    existing_keys: pd.Index = field(default_factory=lambda: pd.Index([]))

    @classmethod
    def of(cls, project: Project, kind: LayerKind) -> ImportContext:
        layers = {k: project.read_layer(k) for k in ("townships", "villages")
                  if k in project.catalog}
        keys = project.read_column(kind.id, kind.key) if kind.key else pd.Series([])
        area = _county_area(layers)
        if area is None:
            area = _around_county(project.settings.county_code)
        return cls(gazetteer_of(layers), layers.get("villages"), area,
                   pd.Index(keys.dropna().unique()))


def _around_county(code: str) -> shapely.Geometry | None:
    """Without outlines, the country around the county's centre: no county reaches farther
    than this from its centre, and a point beyond is a typing or datum slip."""
    found = county(code) if code else None
    if found is None or found.lon is None or found.lat is None:
        return None
    centre = gpd.GeoSeries([shapely.Point(found.lon, found.lat)], crs=STORAGE_CRS)
    metric = metric_crs(found.lon, found.lat).to_string()
    return centre.to_crs(metric).buffer(_COUNTY_REACH_M).to_crs(STORAGE_CRS).iloc[0]


def _county_area(layers: dict[str, gpd.GeoDataFrame]) -> shapely.Geometry | None:
    for kind_id in ("townships", "villages"):
        areas = layers.get(kind_id)
        if areas is not None and len(areas):
            shapes = areas.to_crs(STORAGE_CRS).geometry
            shapes = shapes[shapes.notna() & ~shapes.is_empty]
            if len(shapes):
                return shapes.union_all().buffer(_COUNTY_TOLERANCE_DEG)
    return None
