"""The demo county's places: the real outline, real township seats and village names and codes,
and synthetic township polygons and village locations (no public source has them).

Everything is computed in the county's metric CRS and returned in STORAGE_CRS.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from gisapp.crs import STORAGE_CRS, metric_crs
from gisapp.resources import boundaries_dir

COUNTY_CODE = "640324"
COUNTY_NAME = "同心县"
SYNTHETIC = "合成示意（演示用，非真实界线）"
_MIN_VILLAGE_SPACING_M = 1500.0


@dataclass(frozen=True)
class CountyPlaces:
    metric: CRS
    outline: shapely.Geometry  # in the metric CRS
    seats: gpd.GeoDataFrame  # township seats, metric CRS
    townships: gpd.GeoDataFrame  # metric CRS
    villages: gpd.GeoDataFrame  # polygons, metric CRS, with a `point` column (village centre)


def county_places(rng: np.random.Generator) -> CountyPlaces:
    folder = boundaries_dir()
    outline_ll = gpd.read_file(folder / f"{COUNTY_CODE}_outline_wgs84.geojson").to_crs(STORAGE_CRS)
    centre = outline_ll.union_all().centroid
    metric = metric_crs(centre.x, centre.y)
    outline = outline_ll.to_crs(metric).union_all()

    seats_csv = pd.read_csv(folder / f"{COUNTY_CODE}_township_seats.csv",
                            dtype={"township_code_9": str})
    seats = gpd.GeoDataFrame(
        {"code": seats_csv["township_code_9"], "name": seats_csv["name"]},
        geometry=gpd.points_from_xy(seats_csv["lon_wgs84"], seats_csv["lat_wgs84"]),
        crs=STORAGE_CRS,
    ).to_crs(metric)
    townships = _township_cells(seats, outline)
    villages = _villages(townships, seats, folder, rng)
    return CountyPlaces(metric, outline, seats, townships, villages)


def _township_cells(seats: gpd.GeoDataFrame, outline: shapely.Geometry) -> gpd.GeoDataFrame:
    """Voronoi cells of the seats clipped to the outline: a stand-in for township boundaries."""
    cells = shapely.voronoi_polygons(shapely.MultiPoint(list(seats.geometry)), extend_to=outline)
    polygons = []
    for seat in seats.geometry:
        cell = next(c for c in cells.geoms if c.contains(seat))
        polygons.append(cell.intersection(outline))
    return gpd.GeoDataFrame({"code": seats["code"], "name": seats["name"],
                             "source": SYNTHETIC}, geometry=polygons, crs=seats.crs)


def _villages(townships: gpd.GeoDataFrame, seats: gpd.GeoDataFrame, folder,
              rng: np.random.Generator) -> gpd.GeoDataFrame:
    listing = pd.read_csv(folder / f"{COUNTY_CODE}_villages.csv",
                          dtype={"village_code_12": str, "township_code_9": str})
    frames = []
    for township, seat in zip(townships.itertuples(), seats.geometry, strict=True):
        rows = listing[listing["township_code_9"] == township.code].sort_values("village_code_12")
        is_community = (rows["kind"] == "社区居委会").to_numpy()
        points = _spread_points(township.geometry, seat, is_community, rng)
        cells = shapely.voronoi_polygons(shapely.MultiPoint(points), extend_to=township.geometry)
        polygons = [next(c for c in cells.geoms if c.contains(p)).intersection(township.geometry)
                    for p in points]
        frames.append(gpd.GeoDataFrame({
            "code": rows["village_code_12"].to_numpy(),
            "name": [_short_name(n) for n in rows["name"]],
            "township_code": township.code,
            "township_name": township.name,
            "kind": np.where(is_community, "community", "village"),
            "point": gpd.GeoSeries(points, crs=townships.crs).to_numpy(),
            "source": SYNTHETIC,
        }, geometry=polygons, crs=townships.crs))
    return pd.concat(frames, ignore_index=True)


def _spread_points(area: shapely.Geometry, seat: shapely.Point, near_seat: np.ndarray,
                   rng: np.random.Generator) -> list[shapely.Point]:
    """One point per village inside `area`, kept apart; communities cluster around the seat."""
    spacing = min(_MIN_VILLAGE_SPACING_M, np.sqrt(area.area / max(len(near_seat), 1)) / 2)
    minx, miny, maxx, maxy = area.bounds
    placed: list[shapely.Point] = []
    for community in near_seat:
        for _ in range(2000):
            if community:
                x, y = rng.normal((seat.x, seat.y), 900.0)
            else:
                x, y = rng.uniform((minx, miny), (maxx, maxy))
            candidate = shapely.Point(x, y)
            gap = spacing / 3 if community else spacing
            if area.contains(candidate) and all(candidate.distance(p) > gap for p in placed):
                placed.append(candidate)
                break
        else:
            raise RuntimeError("could not place a village; the township is too small")
    return placed


def _short_name(official: str) -> str:
    """富兴社区居委会 -> 富兴社区, 园艺村委会 -> 园艺村: the names planners use."""
    for suffix in ("居委会", "委会", "居民委员会", "委员会"):
        if official.endswith(suffix):
            return official[: -len(suffix)]
    return official
