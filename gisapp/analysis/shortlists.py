"""The lists planners hand out: villages with needs beyond reach, poor severely-disabled
households not yet renovated, monitored households overdue for a visit, townships without a
service center. Each is a frame with Chinese headers, in the order a planner works through it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pandas as pd

from gisapp.analysis.derived import derive_layers, household_keys, measuring_crs
from gisapp.analysis.reach import StraightLine, reach
from gisapp.analysis.regions import place_codes
from gisapp.catalog import Catalog, load_catalog
from gisapp.errors import UserError
from gisapp.privacy import mask_id_number, mask_phone
from gisapp.project import Project, Settings

KINDS = ("uncovered-villages", "unrenovated", "overdue-visits", "townships-without-center")
VISIT_INTERVAL_DAYS = 92  # once a quarter (Pengshui plan: 每季度至少进村入户走访1次)
_POVERTY = {"dibao": "低保", "tekun": "特困", "monitored": "监测对象",
            "low_income_edge": "低保边缘"}


@dataclass(frozen=True)
class Shortlist:
    kind: str
    title: str  # what, where, by which rule: the title row of the printed list
    rows: pd.DataFrame


def project_shortlist(project: Project, kind: str, *, radius_km: float | None = None,
                      as_of: dt.date | None = None, full: bool = False) -> Shortlist:
    layers = {k: project.read_layer(k) for k in project.layer_kinds()}
    return shortlist(kind, layers, project.settings, radius_km=radius_km, as_of=as_of,
                     full=full, catalog=project.catalog)


def shortlist(kind: str, layers: Mapping[str, gpd.GeoDataFrame], settings: Settings, *,
              radius_km: float | None = None, as_of: dt.date | None = None, full: bool = False,
              catalog: Catalog | None = None) -> Shortlist:
    """One shortlist. ID and phone numbers are masked unless `full`."""
    radius = radius_km if radius_km is not None else settings.radius_km
    day = as_of or settings.data_date
    derived = derive_layers(layers, catalog or load_catalog(), data_date=day,
                            metric_crs=settings.metric_crs, radius_km=radius)
    settings = replace(settings, metric_crs=measuring_crs(settings.metric_crs, derived))
    county = settings.county_name or settings.county_code
    if kind == "uncovered-villages":
        title = f"{county} 康复服务半径（{radius:g} 公里）外有康复需求人员的村"
        problem = uncovered_villages_problem(derived)
        if problem is not None:  # an empty list would tell the planner nobody is out of reach
            raise UserError(f"无法生成“{title}”清单：{problem}")
        rows = uncovered_villages(derived, settings.metric_crs, radius)
    elif kind == "unrenovated":
        rows = unrenovated(derived, full=full)
        title = f"{county} 未实施无障碍改造的困难重度残疾人家庭"
    elif kind == "overdue-visits":
        rows = overdue_visits(derived, day, full=full)
        title = f"{county} 超过一个季度（{VISIT_INTERVAL_DAYS} 天）未走访的监测对象"
    elif kind == "townships-without-center":
        rows = townships_without_center(derived, settings.metric_crs)
        title = f"{county} 尚无残疾人服务机构的乡镇（街道）"
    else:
        raise ValueError(f"unknown shortlist {kind!r}; one of {', '.join(KINDS)}")
    return Shortlist(kind, f"{title}（截至 {day.isoformat()}）", rows)


def uncovered_villages_problem(layers: Mapping[str, gpd.GeoDataFrame]) -> str | None:
    """Why the layers (with derived fields) cannot tell which villages have persons in need
    beyond reach, in a planner's words; None when they can."""
    people, villages = layers.get("households"), layers.get("villages")
    if villages is None or villages.empty:
        return "未导入村（社区）图层，无法列出服务半径外的村"
    if people is None or people.empty:
        return "未导入残疾人名册，无法列出服务半径外的村"
    if "rehab_need" not in people.columns or people["rehab_need"].isna().all():
        return "名册中没有康复需求，无法列出服务半径外的村"
    if "rehab_in_reach" not in people.columns:  # the derived field needs a located station
        return "康复站图层没有带坐标的康复站，无法判断谁在服务半径内"
    need = people["rehab_need"].fillna(False).to_numpy(dtype=bool)
    if people.loc[need, "rehab_in_reach"].isna().all():
        # Nobody in need has a location: every village would read "all beyond reach". A
        # village list without places is the usual cause (persons placed on their village).
        if not (villages.geometry.notna() & ~villages.geometry.is_empty).any():
            return ("村（社区）图层只有名单，没有界线或位置，有康复需求者也没有坐标，"
                    "无法判断哪些村在服务半径外")
        return "有康复需求者都没有坐标，无法判断哪些村在服务半径外"
    return None


def uncovered_villages(layers: Mapping[str, gpd.GeoDataFrame], metric_crs: str,
                       radius_km: float) -> pd.DataFrame:
    """Villages with persons in need beyond reach, most urgent first: severe and monitored
    persons beyond reach, then everyone beyond reach."""
    people, villages = layers["households"], layers["villages"]
    need = people[people["rehab_need"].fillna(False).to_numpy(dtype=bool)]
    beyond = need[~need.get("rehab_in_reach", pd.Series(False, index=need.index))
                  .fillna(False).to_numpy(dtype=bool)]
    codes = pd.Series(place_codes(beyond, "village", layers), index=beyond.index)
    urgent = beyond["severe"].fillna(False) | beyond["monitored"].fillna(False)
    counts = pd.DataFrame({"beyond": 1, "urgent": urgent.astype(int),
                           "severe": beyond["severe"].fillna(False).astype(int),
                           "monitored": beyond["monitored"].fillna(False).astype(int),
                           "unplaced": _unplaced(beyond), "code": codes}).groupby("code").sum()
    in_need = pd.Series(place_codes(need, "village", layers)).value_counts()
    table = villages.set_index("code").join(counts, how="inner")
    table = table.sort_values(["urgent", "beyond"], ascending=False, kind="stable")
    nearest, distance = _nearest_facility(table, layers.get("rehab_stations"), metric_crs,
                                          radius_km)
    return pd.DataFrame({
        "序号": np.arange(1, len(table) + 1),
        "乡镇": _column(table, "township_name").to_numpy(), "村代码": table.index.to_numpy(),
        "村": table["name"].to_numpy(),
        "有康复需求人数": table.index.map(in_need).fillna(0).astype(int).to_numpy(),
        "服务半径外人数": table["beyond"].to_numpy(),
        # of those, persons without a location: never within reach, but not known to be far
        "其中无坐标": table["unplaced"].to_numpy(),
        "其中重度": table["severe"].to_numpy(), "其中监测对象": table["monitored"].to_numpy(),
        "最近康复站": nearest, "距村中心（公里）": np.round(distance / 1000, 1),
    })


def _unplaced(people: pd.DataFrame) -> pd.Series:
    """1 for a person whose reach is unknown (no location), else 0."""
    if "rehab_in_reach" not in people.columns:
        return pd.Series(1, index=people.index)
    return people["rehab_in_reach"].isna().astype(int)


def unrenovated(layers: Mapping[str, gpd.GeoDataFrame], *, full: bool) -> pd.DataFrame:
    """Poor severely-disabled households without accessibility renovation, one row per
    household (its severely-disabled member), by township and village."""
    people = layers["households"]
    if "poor_severe" not in people.columns:
        raise UserError("花名册缺少低保、特困、监测对象或残疾等级，无法确定困难重度残疾人家庭")
    household = household_keys(people)
    # A home is renovated for the whole household: by the renovation list, any year, or by
    # the roster's flag on any member.
    done = pd.Series(False, index=people.index)
    if "renovated" in people.columns:
        done |= people["renovated"].fillna(False).astype(bool)
    if "renovation_year" in people.columns:
        done |= people["renovation_year"].notna()
    renovated_homes = set(household[done])
    due = people[people["poor_severe"].fillna(False).to_numpy(dtype=bool)
                 & ~household.isin(renovated_homes).to_numpy(dtype=bool)]
    order = [c for c in ("township_code", "village_code", "household_id", "grade")
             if c in due.columns]
    due = due.sort_values(order, na_position="last", kind="stable")
    due = due[~household[due.index].duplicated().to_numpy()]
    return pd.DataFrame({
        **_person_columns(due, full),
        "残疾类别": _labels(due, "disability_type"), "残疾等级": _labels(due, "grade"),
        "困难类型": _poverty(due),
    })


def overdue_visits(layers: Mapping[str, gpd.GeoDataFrame], as_of: dt.date, *,
                   full: bool) -> pd.DataFrame:
    """Monitored persons whose last visit is more than a quarter before `as_of`, longest
    overdue first; never visited comes first of all."""
    people = layers["households"]
    for field, label in (("monitored", "是否监测对象"), ("last_visit", "最近走访日期")):
        if field not in people.columns or people[field].isna().all():
            raise UserError(f"花名册没有“{label}”数据，无法列出逾期未走访的监测对象"
                            "（请导入含该列的花名册）")
    days = people["days_since_visit"]
    late = people[people["monitored"].fillna(False).to_numpy(dtype=bool)
                  & (days.isna() | (days > VISIT_INTERVAL_DAYS)).to_numpy(dtype=bool)]
    late = late.assign(_overdue=late["days_since_visit"] - VISIT_INTERVAL_DAYS).sort_values(
        "_overdue", ascending=False, na_position="first", kind="stable")
    overdue = late["_overdue"]
    return pd.DataFrame({
        **_person_columns(late, full),
        "最近走访日期": late["last_visit"].dt.strftime("%Y-%m-%d").fillna("从未走访").to_numpy(),
        "逾期天数": overdue.astype(object).where(overdue.notna(), "从未走访").to_numpy(),
    })


def townships_without_center(layers: Mapping[str, gpd.GeoDataFrame],
                             metric_crs: str) -> pd.DataFrame:
    townships, people = layers["townships"], layers.get("households")
    lacking = townships[townships["service_centers"].fillna(0).to_numpy() == 0]
    lacking = lacking.set_index("code").sort_index()
    if people is not None and len(people):
        codes = pd.Series(place_codes(people, "township", layers))
        persons = codes.value_counts()
        severe = codes[people["severe"].fillna(False).to_numpy(dtype=bool)].value_counts()
    else:
        persons = severe = pd.Series(dtype=int)
    nearest, distance = _nearest_facility(lacking, layers.get("service_centers"), metric_crs,
                                          None)
    return pd.DataFrame({
        "乡镇代码": lacking.index.to_numpy(), "乡镇": lacking["name"].to_numpy(),
        "持证残疾人数": lacking.index.map(persons).fillna(0).astype(int).to_numpy(),
        "其中重度": lacking.index.map(severe).fillna(0).astype(int).to_numpy(),
        "最近服务机构": nearest, "距乡镇中心（公里）": np.round(distance / 1000, 1),
    })


def _nearest_facility(places: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame | None,
                      metric_crs: str, radius_km: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Name of and distance to the nearest facility from each place's inner point."""
    if facilities is None or facilities.empty or places.empty:
        return np.full(len(places), None, dtype=object), np.full(len(places), np.nan)
    centres = gpd.GeoDataFrame(geometry=places.geometry.representative_point(), crs=places.crs)
    found = reach(centres, facilities, StraightLine((radius_km or 0) * 1000.0),
                  metric_crs=metric_crs, key="name")
    return found.nearest_key, found.distance_m


def _person_columns(people: pd.DataFrame, full: bool) -> dict[str, object]:
    ids, phones = _column(people, "id_number"), _column(people, "phone")
    return {
        "序号": np.arange(1, len(people) + 1),
        "乡镇": _column(people, "township_name").to_numpy(),
        "村": _column(people, "village_name").to_numpy(),
        "户编号": _column(people, "household_id").to_numpy(),
        "姓名": _column(people, "name").to_numpy(),
        "身份证号": (ids if full else ids.map(mask_id_number, na_action="ignore")).to_numpy(),
        "联系电话": (phones if full else phones.map(mask_phone, na_action="ignore")).to_numpy(),
        "详细地址": _column(people, "address").to_numpy(),
    }


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or blanks when the roster did not have it."""
    if name in frame.columns:
        return frame[name]
    return pd.Series(None, index=frame.index, dtype=object)


def _labels(people: pd.DataFrame, field_id: str) -> np.ndarray:
    names = {v.code: v.zh for v in load_catalog()["households"].field(field_id).values}
    return _column(people, field_id).map(names).to_numpy()


def _poverty(people: pd.DataFrame) -> np.ndarray:
    flags = [people[f].fillna(False).to_numpy(dtype=bool) for f in _POVERTY]
    return np.array(["、".join(n for n, on in zip(_POVERTY.values(), row, strict=True) if on)
                     for row in zip(*flags, strict=True)], dtype=object)
