"""Proposed facilities: place one, move it, take it away, and read the indicators it changes
for the county and every township at once.

Rehab stations change rehab reach (only the persons near the change are recomputed); township
service centers change which townships have a service body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from gisapp.analysis.derived import active_rows, measuring_crs
from gisapp.analysis.indicators import IndicatorRow, evaluate_indicators
from gisapp.analysis.reach import StraightLine
from gisapp.analysis.regions import place_codes
from gisapp.analysis.what_if import ReachWhatIf
from gisapp.catalog import load_catalog
from gisapp.project import Settings
from gisapp.targets import Indicator, TargetSet

PROPOSED = "方案"  # keys of proposed stations: 方案1, 方案2, ...


class Proposals:
    """Places of proposed facilities by key, in the metric CRS; a removed one keeps its key
    (None) so that undo can put it back."""

    key_field = "station_id"
    name_prefix = "拟建"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.places: dict[str, tuple[float, float] | None] = {}

    def add(self, x: float, y: float) -> str:
        key = f"{PROPOSED}{len(self.places) + 1}"
        self.places[key] = (x, y)
        return key

    def move(self, key: str, x: float, y: float) -> None:
        self.places[key] = (x, y)

    def remove(self, key: str) -> None:
        self.places[key] = None

    def proposed(self) -> gpd.GeoDataFrame:
        """The proposals on the map now, in the metric CRS."""
        placed = {k: xy for k, xy in self.places.items() if xy is not None}
        return gpd.GeoDataFrame(
            {self.key_field: list(placed), "name": [f"{self.name_prefix}{k}" for k in placed]},
            geometry=gpd.points_from_xy([x for x, _ in placed.values()],
                                        [y for _, y in placed.values()]),
            crs=self.settings.metric_crs)

    def rows(self) -> list[IndicatorRow]:
        raise NotImplementedError


class CenterProposals(Proposals):
    """Proposed township service centers and the indicators that count them."""

    key_field = "center_id"
    name_prefix = "拟建服务机构"

    def __init__(self, layers: Mapping[str, gpd.GeoDataFrame], settings: Settings,
                 targets: TargetSet):
        super().__init__(replace(settings, metric_crs=measuring_crs(settings.metric_crs,
                                                                     layers)))
        self._townships, self._centers = layers["townships"], layers["service_centers"]
        counting = tuple(i for i in targets.indicators if _counts_centers(i))
        self.targets = targets.model_copy(update={"indicators": counting})

    def rows(self) -> list[IndicatorRow]:
        """The county, then each township, for every indicator that counts service centers."""
        if not self.targets.indicators:
            return []
        centers = pd.concat([self._centers, self.proposed().to_crs(self._centers.crs)],
                            ignore_index=True)
        layers = {"townships": self._townships, "service_centers": centers}
        return [row for level in ("county", "township")
                for row in evaluate_indicators(self.targets, layers, self.settings, level=level)]


def _counts_centers(indicator: Indicator) -> bool:
    expressions = f"{indicator.numerator or ''} {indicator.denominator or ''}"
    return indicator.layer == "service_centers" or "service_centers" in expressions


class StationProposals(Proposals):
    """Proposed rehab stations and rehab reach."""

    name_prefix = "拟建康复站"

    def __init__(self, layers: Mapping[str, gpd.GeoDataFrame], settings: Settings,
                 indicator: Indicator, document: str, *, radius_km: float | None = None):
        super().__init__(replace(settings, metric_crs=measuring_crs(settings.metric_crs,
                                                                     layers)))
        households, stations = layers["households"], layers["rehab_stations"]
        households = households[active_rows(households, load_catalog()["households"])]
        need = households[households["rehab_need"].fillna(False).to_numpy(dtype=bool)]
        self._need = need
        radius = radius_km if radius_km is not None else settings.radius_km
        self.indicator = indicator
        self.source = f"{document} {indicator.section}"
        self._what_if = ReachWhatIf(need, stations, StraightLine(radius * 1000.0),
                                    metric_crs=self.settings.metric_crs, key="station_id")
        townships = layers["townships"]
        self._township_of = pd.Series(place_codes(need, "township", layers), dtype=object)
        self._townships = list(zip(townships["code"], townships["name"], strict=True))

    def add(self, x: float, y: float) -> str:
        key = super().add(x, y)
        self._what_if.add(key, x, y)
        return key

    def move(self, key: str, x: float, y: float) -> None:
        self._what_if.move(key, x, y)
        super().move(key, x, y)

    def remove(self, key: str) -> None:
        self._what_if.remove(key)
        super().remove(key)

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
