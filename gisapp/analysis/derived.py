"""The catalog's derived fields, computed onto a layer's frame.

Expression fields (`poor_severe = poor and severe`) are evaluated in catalog order, so a field
may use the ones before it. The others are computed here, each by the function named after it:
`age`, `days_since_visit`, `rehab_in_reach` (households) and `service_centers` (townships).
A derived field that cannot be computed (its inputs or the layer it needs are missing) is left
out, so that an indicator using it says "无数据" instead of counting blanks as no.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Transformer

from gisapp.analysis.filters import filter_columns, matches, missing_fields
from gisapp.analysis.reach import ReachModel, StraightLine, points_in_metres, reach
from gisapp.analysis.regions import place_codes
from gisapp.catalog import Catalog, LayerKind
from gisapp.crs import STORAGE_CRS
from gisapp.crs import metric_crs as metric_crs_at
from gisapp.expressions import names_in
from gisapp.id_numbers import birth_date

_ID_LENGTH = 18
_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


@dataclass(frozen=True)
class DeriveContext:
    """What derived fields need beyond their own row."""

    layers: Mapping[str, gpd.GeoDataFrame]
    data_date: dt.date
    metric_crs: str
    reach_model: ReachModel  # how rehab_in_reach measures distance; radius in it
    plan_years: tuple[int, int] | None = None  # first and last year of the target set's plan


def age_at(id_numbers: pd.Series, on: dt.date) -> pd.Series:
    """Full years at `on`, from the birth date in the ID number; NA when it has none."""
    text = id_numbers.astype(object).where(id_numbers.notna(), "").astype(str).to_numpy(object)
    regular = np.fromiter(map(len, text), dtype=np.intp, count=len(text)) == _ID_LENGTH
    year = np.full(len(text), -1)
    month, day = year.copy(), year.copy()
    if regular.any():
        # Vectorised over the 18-character numbers: birth_date row by row takes over a second
        # for a million persons. Non-ASCII characters become "?", which is no digit.
        raw = "".join(text[regular].tolist()).encode("ascii", errors="replace")
        digits = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _ID_LENGTH)[:, 6:14]
        digits = digits.astype(np.int64) - ord("0")
        numeric = ((digits >= 0) & (digits <= 9)).all(axis=1)
        yyyymmdd = np.where(numeric, digits @ 10 ** np.arange(7, -1, -1), -1)
        year[regular], month[regular], day[regular] = (
            yyyymmdd // 10000, yyyymmdd // 100 % 100, yyyymmdd % 100)
    for i in np.flatnonzero(~regular):  # the odd lengths: the reference parser, one by one
        born = birth_date(text[i])
        if born is not None:
            year[i], month[i], day[i] = born.year, born.month, born.day
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_ok = (month >= 1) & (month <= 12)
    last_day = _DAYS_IN_MONTH[np.where(month_ok, month, 0)] + (leap & (month == 2))
    valid = (year >= 1) & month_ok & (day >= 1) & (day <= last_day)
    before_birthday = (month > on.month) | ((month == on.month) & (day > on.day))
    age = on.year - year - before_birthday
    return pd.Series(pd.array(np.where(valid & (age >= 0), age, 0), dtype="Int64"),
                     index=id_numbers.index).where(valid & (age >= 0))


def days_since(last_visit: pd.Series, on: dt.date) -> pd.Series:
    """Days from the last visit to `on`; NA for a person never visited (overdue by any rule)."""
    visited = pd.to_datetime(last_visit, errors="coerce")
    return (pd.Timestamp(on) - visited).dt.days.astype("Int64")


def rehab_in_reach(households: gpd.GeoDataFrame, context: DeriveContext) -> pd.Series | None:
    """Within reach of some rehab station; NA for a person without a location. None (not
    computable) when the project has no located station: an empty layer is no evidence."""
    stations = context.layers.get("rehab_stations")
    if stations is None or not np.isfinite(points_in_metres(stations, context.metric_crs)).any():
        return None
    result = reach(households, stations, context.reach_model, metric_crs=context.metric_crs)
    flags = pd.Series(pd.array(result.within, dtype="boolean"), index=households.index)
    return flags.where(np.isfinite(result.distance_m))


def renovation_year(households: gpd.GeoDataFrame, context: DeriveContext) -> pd.Series | None:
    """The latest year a renovation of the person's household is listed (the renovation list
    names the household by its number, or one of its members by ID number); NA for none.
    None (not computable) when the project has no dated renovation list."""
    homes = context.layers.get("renovated_homes")
    if homes is None or "year" not in homes.columns or homes["year"].isna().all():
        return None
    household = household_keys(households)
    if "id_number" in households.columns:
        of_person = pd.Series(household.to_numpy(), index=households["id_number"].to_numpy())
        of_person = of_person[of_person.index.notna() & ~of_person.index.duplicated()]
    else:
        of_person = pd.Series(dtype=object)
    listed = pd.Series(None, index=homes.index, dtype=object)
    if "household_id" in homes.columns:
        named = homes["household_id"].astype(object)
        listed = named.where(named.isin(set(household.dropna())), None)
    if "id_number" in homes.columns:
        listed = listed.where(listed.notna(), homes["id_number"].map(of_person))
    latest = pd.to_numeric(homes["year"], errors="coerce").groupby(listed).max()
    return household.map(latest).astype("Int64")


def renovated_in_plan(households: gpd.GeoDataFrame, context: DeriveContext) -> pd.Series | None:
    """Renovated in the plan's years, by the renovation list; where the project has no dated
    list, the roster's own flag (which says no year) stands."""
    years = households.get("renovation_year")
    if years is not None and context.plan_years is not None:
        first, last = context.plan_years
        return ((years >= first) & (years <= last)).fillna(False).astype("boolean")
    if years is None and "renovated" in households.columns:
        return households["renovated"]
    return None


def household_keys(households: pd.DataFrame) -> pd.Series:
    """Each person's household: its number, else the person alone (by ID number or row)."""
    alone = ("人" + households["id_number"].astype(object)) if "id_number" in households.columns \
        else pd.Series(None, index=households.index, dtype=object)
    alone = alone.where(alone.notna(), pd.Series([f"行{i}" for i in range(len(households))],
                                                 index=households.index))
    if "household_id" not in households.columns:
        return alone
    named = households["household_id"].astype(object)
    return named.where(named.notna(), alone)


def service_centers(townships: gpd.GeoDataFrame, context: DeriveContext) -> pd.Series | None:
    """Service centers inside each township: by location, else by the center's township code."""
    centers = context.layers.get("service_centers")
    if centers is None or centers.empty or "code" not in townships.columns:
        return None
    codes = pd.Series(place_codes(centers, "township",
                                  {**context.layers, "townships": townships})).value_counts()
    counts = townships["code"].map(codes).fillna(0).astype("Int64")
    return counts.where(townships["code"].notna())


_COMPUTED: dict[str, Callable[[gpd.GeoDataFrame, DeriveContext], pd.Series | None]] = {
    "age": lambda frame, c: age_at(frame["id_number"], c.data_date)
    if "id_number" in frame.columns else None,
    "days_since_visit": lambda frame, c: days_since(frame["last_visit"], c.data_date)
    if "last_visit" in frame.columns else None,
    "rehab_in_reach": rehab_in_reach,
    "renovation_year": renovation_year,
    "renovated_in_plan": renovated_in_plan,
    "service_centers": service_centers,
}


def with_derived_fields(frame: gpd.GeoDataFrame, kind: LayerKind,
                        context: DeriveContext) -> gpd.GeoDataFrame:
    """A copy of the layer with every derived field of its kind that can be computed."""
    frame = frame.copy(deep=False)  # new columns only; the caller's frame stays as it was
    for derived in kind.derived:
        if derived.expression is not None:
            inputs = names_in(derived.expression)
            present = inputs & set(frame.columns)
            if present and not missing_fields(derived.expression, kind,
                                              lambda name: _has_data(frame, name)):
                # A column the roster lacks reads as blank: a missing 低保边缘 column means
                # nobody is marked 低保边缘, and `poor` still follows 低保, 特困 and 监测对象.
                columns = filter_columns(frame, present)
                for name in inputs - present:
                    columns[name] = blank_column(kind, name, len(frame))
                frame[derived.id] = np.asarray(columns.eval(derived.expression))
        elif (compute := _COMPUTED.get(derived.id)) is not None:
            values = compute(frame, context)
            if values is not None:
                frame[derived.id] = values
    return frame


def _has_data(frame: pd.DataFrame, name: str) -> bool:
    return name in frame.columns and not frame[name].isna().all()


def blank_column(kind: LayerKind, name: str, rows: int) -> np.ndarray:
    """A column the roster lacks, as blanks: no for a flag, no number for the rest."""
    is_flag = name in kind.field_ids and kind.field(name).type == "boolean"
    return np.zeros(rows, dtype=bool) if is_flag else np.full(rows, np.nan)


def derive_layers(layers: Mapping[str, gpd.GeoDataFrame], catalog: Catalog, *,
                  data_date: dt.date, metric_crs: str = "", radius_km: float = 5.0,
                  reach_model: ReachModel | None = None,
                  plan_years: tuple[int, int] | None = None) -> dict[str, gpd.GeoDataFrame]:
    """Every layer's active rows (the deceased are left out: no figure counts them) with
    their derived fields. An empty metric_crs is chosen from the data; reach is straight-line
    at radius_km unless another reach model is given."""
    layers = {kind_id: frame[active_rows(frame, catalog[kind_id])] if kind_id in catalog
              else frame for kind_id, frame in layers.items()}
    context = DeriveContext(layers, data_date, measuring_crs(metric_crs, layers),
                            reach_model or StraightLine(radius_km * 1000.0), plan_years)
    return {kind_id: with_derived_fields(frame, catalog[kind_id], context)
            if kind_id in catalog and catalog[kind_id].derived else frame
            for kind_id, frame in layers.items()}


def active_rows(frame: pd.DataFrame, kind: LayerKind) -> np.ndarray:
    """The rows figures count: all but those the kind marks inactive (the deceased)."""
    if kind.inactive is None or not names_in(kind.inactive) <= set(frame.columns):
        return np.ones(len(frame), dtype=bool)
    return ~matches(filter_columns(frame, names_in(kind.inactive)), kind.inactive)


def measuring_crs(metric_crs: str, layers: Mapping[str, gpd.GeoDataFrame]) -> str:
    """The project's metric CRS, or, for a project without one yet, the zone of its data."""
    if metric_crs:
        return metric_crs
    for frame in layers.values():
        if frame.crs is None or frame.empty:
            continue
        west, south, east, north = frame.total_bounds
        if not np.isfinite([west, south, east, north]).all():
            continue
        to_storage = Transformer.from_crs(frame.crs, STORAGE_CRS, always_xy=True)
        lon, lat = to_storage.transform((west + east) / 2, (south + north) / 2)
        return metric_crs_at(lon, lat).to_string()
    return "EPSG:3857"  # nothing located: distances are never asked for
