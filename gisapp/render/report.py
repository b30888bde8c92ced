"""What a printed map or web map shows, computed once: the map state with the indicator's
choropleth, the indicator rows, the persons beyond reach and the villages they live in.

A print dialog builds one `MapReport` (on a worker thread, with a Feedback) and renders pages
and previews from it as often as the user changes paper or title.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd

from gisapp.analysis.derived import active_rows, derive_layers, measuring_crs
from gisapp.analysis.indicators import IndicatorRow, evaluate_indicators
from gisapp.analysis.shortlists import uncovered_villages, uncovered_villages_problem
from gisapp.catalog import Catalog, load_catalog
from gisapp.feedback import Feedback
from gisapp.map_state import MapState
from gisapp.project import Project, Settings
from gisapp.targets import Indicator, TargetSet, target_set
from gisapp.thematic import township_choropleth

# The map a planner prints first, as the window opens on it: is everyone in need near a station?
DEFAULT_INDICATOR = "rehab_reach"


@dataclass(frozen=True, eq=False)
class MapReport:
    state: MapState  # layers in the metric CRS, note, and the indicator's choropleth
    settings: Settings
    targets: TargetSet
    indicator: Indicator
    county: list[IndicatorRow]  # every indicator of the set, for the county
    townships: list[IndicatorRow]  # every indicator of the set, per township
    # Per row of the household layer: has a rehab need and no station reaches them. The map
    # draws these as bare points; a person without a location is never among them.
    beyond: npt.NDArray[np.bool_]
    # The uncovered-villages shortlist (gisapp shortlist) with each village's township_code.
    villages_beyond_reach: pd.DataFrame
    # Why that list cannot be made (no village layer, say), in the page's words; "" when it can.
    villages_problem: str = ""
    printed: dt.date = field(default_factory=dt.date.today)

    @property
    def uncovered(self) -> gpd.GeoSeries:
        """The persons beyond reach as points, no attributes."""
        people = self.households
        if people is None or not self.beyond.any():
            return gpd.GeoSeries([], crs=self.state.crs)
        return people.geometry[self.beyond].reset_index(drop=True)

    @property
    def households(self) -> gpd.GeoDataFrame | None:
        return next((layer.data for layer in self.state.layers if layer.kind.role == "demand"),
                    None)

    @property
    def county_name(self) -> str:
        return self.settings.county_name or self.settings.name

    @property
    def issuing_office(self) -> str:
        return self.settings.issuing_office or f"{self.county_name}残疾人联合会"

    def rows_of(self, indicator_id: str) -> list[IndicatorRow]:
        """One indicator per township, in the order of the township layer."""
        return [r for r in self.townships if r.indicator == indicator_id]

    def county_row(self, indicator_id: str) -> IndicatorRow | None:
        return next((r for r in self.county if r.indicator == indicator_id), None)

    def township_names(self) -> dict[str, str]:
        return {r.code: r.name for r in self.rows_of(self.indicator.id)}

    def drawn_townships(self) -> set[str]:
        """Codes of the townships the map can draw: those with a boundary."""
        for layer in self.state.layers:
            if layer.id == "townships" and len(layer.data):
                data = layer.data
                drawn = data.geometry.notna().to_numpy() & ~data.geometry.is_empty.to_numpy()
                return set(data.loc[drawn, layer.kind.key].astype(str))
        return set()


def default_indicator(targets: TargetSet) -> str:
    ids = [i.id for i in targets.indicators]
    return DEFAULT_INDICATOR if DEFAULT_INDICATOR in ids else ids[0]


def prepare_report(project: Project, indicator_id: str | None = None,
                   target_set_id: str | None = None, *, state: MapState | None = None,
                   feedback: Feedback | None = None) -> MapReport:
    """Everything a page needs from a project; `state` when a window already holds one.
    Raises Cancelled when the feedback is cancelled."""
    feedback = feedback or Feedback()
    targets = target_set(target_set_id or project.settings.target_set)
    indicator = targets.indicator(indicator_id or default_indicator(targets))
    state = state or MapState.from_project(project)
    feedback.set_progress(10)
    layers: dict[str, gpd.GeoDataFrame] = {}
    for layer in state.layers:  # the project's own layer of a kind comes first
        layers.setdefault(layer.id, layer.data)
    return report_from_layers(state, layers, project.settings, targets, indicator,
                              catalog=project.catalog, feedback=feedback)


def report_from_layers(state: MapState, layers: dict[str, gpd.GeoDataFrame], settings: Settings,
                       targets: TargetSet, indicator: Indicator, *, catalog: Catalog | None = None,
                       feedback: Feedback | None = None) -> MapReport:
    """The report from layers in memory (the window's, proposals included if it passes them).
    The households must be the state's demand layer, row for row. `state` is left as it is:
    the report draws a copy with the indicator's choropleth."""
    feedback = feedback or Feedback()
    demand = next((layer.data for layer in state.layers if layer.kind.role == "demand"), None)
    if len(layers.get("households", ())) != (0 if demand is None else len(demand)):
        raise ValueError("the households passed are not the map state's household layer")
    county = evaluate_indicators(targets, layers, settings, catalog=catalog)
    feedback.check()
    feedback.set_progress(30)
    townships = evaluate_indicators(targets, layers, settings, level="township", catalog=catalog)
    feedback.check()
    feedback.set_progress(55)
    beyond, villages, problem = beyond_reach(layers, settings, catalog)
    feedback.set_progress(70)
    state = replace(state, choropleth=township_choropleth(indicator, townships))
    return MapReport(state, settings, targets, indicator, county, townships, beyond, villages,
                     problem)


def beyond_reach(layers: dict[str, gpd.GeoDataFrame], settings: Settings,
                 catalog: Catalog | None = None,
                 ) -> tuple[npt.NDArray[np.bool_], pd.DataFrame, str]:
    """Which persons have a rehab need that no station reaches, the villages they live in,
    and why that list cannot be made ("" when it can): the rule of the rehab_reach indicator
    and of the uncovered-villages shortlist (derived field rehab_in_reach, blank for a person
    without a location, who cannot be drawn)."""
    given = layers.get("households")
    rows = 0 if given is None else len(given)
    if given is None or given.empty:
        return np.zeros(rows, dtype=bool), pd.DataFrame(), uncovered_villages_problem(layers) or ""
    catalog = catalog or load_catalog()
    needed = {k: v for k, v in layers.items()
              if k in ("households", "rehab_stations", "villages", "townships")}
    derived = derive_layers(needed, catalog, data_date=settings.data_date,
                            metric_crs=settings.metric_crs, radius_km=settings.radius_km)
    problem = uncovered_villages_problem(derived) or ""
    people = derived["households"]
    if "rehab_in_reach" not in people.columns or "rehab_need" not in people.columns:
        return np.zeros(rows, dtype=bool), pd.DataFrame(), problem
    need = people["rehab_need"].fillna(False).to_numpy(dtype=bool)
    # Row for row with the layer as given: the deceased, left out of `derived`, are not beyond.
    beyond = np.zeros(rows, dtype=bool)
    beyond[active_rows(given, catalog["households"])] = \
        need & (people["rehab_in_reach"] == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    if problem:
        return beyond, pd.DataFrame(), problem
    villages = derived["villages"]
    table = uncovered_villages(derived, measuring_crs(settings.metric_crs, derived),
                               settings.radius_km)
    township_of = villages.set_index("code")["township_code"]
    township = table["村代码"].map(township_of)
    table["township_code"] = township.where(township.notna(), table["村代码"].str.slice(0, 9))
    return beyond, table, problem
