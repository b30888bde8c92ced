"""Proposed rehab stations: place one, move it, take it away, and read the rehab-reach
indicator of the county and every township at once (only the persons near the change are
recomputed)."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from gisapp.analysis.indicators import IndicatorRow
from gisapp.analysis.reach import StraightLine
from gisapp.analysis.regions import place_codes
from gisapp.analysis.what_if import ReachWhatIf
from gisapp.project import Settings
from gisapp.targets import Indicator

PROPOSED = "方案"  # keys of proposed stations: 方案1, 方案2, ...


class StationProposals:
    def __init__(self, layers: Mapping[str, gpd.GeoDataFrame], settings: Settings,
                 indicator: Indicator, document: str, *, radius_km: float | None = None):
        households, stations = layers["households"], layers["rehab_stations"]
        need = households[households["rehab_need"].fillna(False).to_numpy(dtype=bool)]
        self._need = need
        radius = radius_km if radius_km is not None else settings.radius_km
        self.settings = settings
        self.indicator = indicator
        self.source = f"{document} {indicator.section}"
        self._what_if = ReachWhatIf(need, stations, StraightLine(radius * 1000.0),
                                    metric_crs=settings.metric_crs, key="station_id")
        townships = layers["townships"]
        self._township_of = pd.Series(place_codes(need, "township", townships), dtype=object)
        self._townships = list(zip(townships["code"], townships["name"], strict=True))
        self.places: dict[str, tuple[float, float] | None] = {}  # key -> metric x, y

    def add(self, x: float, y: float) -> str:
        key = f"{PROPOSED}{len(self.places) + 1}"
        self._what_if.add(key, x, y)
        self.places[key] = (x, y)
        return key

    def move(self, key: str, x: float, y: float) -> None:
        self._what_if.move(key, x, y)
        self.places[key] = (x, y)

    def remove(self, key: str) -> None:
        self._what_if.remove(key)
        self.places[key] = None

    def proposed(self) -> gpd.GeoDataFrame:
        """The proposals on the map now, in the metric CRS."""
        placed = {k: xy for k, xy in self.places.items() if xy is not None}
        return gpd.GeoDataFrame(
            {"station_id": list(placed), "name": [f"拟建康复站{k}" for k in placed]},
            geometry=gpd.points_from_xy([x for x, _ in placed.values()],
                                        [y for _, y in placed.values()]),
            crs=self.settings.metric_crs)

    def uncovered(self) -> gpd.GeoDataFrame:
        """The persons with a rehab need beyond the reach of every station, proposals included."""
        return self._need[~self._what_if.reach.within]

    def rows(self) -> list[IndicatorRow]:
        """Rehab reach for the county, then each township, as the indicator engine gives it."""
        within = self._what_if.reach.within
        county = self._row("county", self.settings.county_code,
                           self.settings.county_name, within)
        by_code = self._township_of.to_numpy()
        return [county] + [self._row("township", code, name, within[by_code == code])
                           for code, name in self._townships]

    def _row(self, level: str, code: str, name: str, within: np.ndarray) -> IndicatorRow:
        denominator = len(within)
        numerator = int(within.sum())
        value = numerator / denominator if denominator else None
        met = None if value is None else self.indicator.is_met(value)
        return IndicatorRow(self.indicator.id, level, code, name, numerator, denominator, value,
                            self.indicator.value, self.indicator.comparison, met, self.source,
                            "" if denominator else "无数据：分母为0")
