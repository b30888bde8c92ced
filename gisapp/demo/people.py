"""Synthetic certified disabled persons of the demo county, one row per person.

Shares follow what county rosters look like (physical disability about half, severe grades
about 30%, most persons over 45); the service rates differ by township so that the demo tells a
story: the mountainous south lags behind the county seat.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gisapp.demo.places import COUNTY_CODE, CountyPlaces
from gisapp.id_numbers import check_digit

PERSONS = 14_731  # certified disabled persons in Tongxin's 14th five-year plan draft
DATA_DATE = dt.date(2026, 6, 30)

_TYPES = np.array([1, 2, 3, 4, 5, 6, 7])
_TYPE_SHARES = np.array([0.10, 0.11, 0.01, 0.50, 0.08, 0.09, 0.11])
_GRADE_SHARES = np.array([0.12, 0.18, 0.30, 0.40])
# (lowest age, highest age, share)
_AGE_BANDS = ((1, 5, 0.01), (6, 15, 0.04), (16, 44, 0.20), (45, 59, 0.28), (60, 92, 0.47))

# Per township: share of rehab needs served, of device needs fitted, of poor-severe households
# renovated. The south (预旺, 田老庄, 马高庄, 张家塬) is mountainous and lags.
_SERVICE_RATES = {
    "640324100": (0.96, 0.94, 0.88), "640324101": (0.93, 0.91, 0.81),
    "640324102": (0.92, 0.90, 0.79), "640324103": (0.91, 0.89, 0.77),
    "640324104": (0.85, 0.82, 0.62), "640324105": (0.92, 0.90, 0.78),
    "640324106": (0.95, 0.93, 0.86), "640324201": (0.84, 0.80, 0.60),
    "640324202": (0.83, 0.79, 0.58), "640324203": (0.80, 0.76, 0.55),
    "640324204": (0.94, 0.92, 0.84),
}

_SURNAMES = list("马杨李王丁海田金白张穆苏冶虎锁周刘陈何黑哈罗纳")
_GIVEN = list("文学明建国秀兰花英志强军平福成玉梅红霞忠德海生林华云凤芳")


def persons(places: CountyPlaces, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """About PERSONS rows in the county's metric CRS, with every households field filled."""
    villages = places.villages
    weights = rng.lognormal(0.0, 0.35, len(villages))
    weights[villages["kind"].to_numpy() == "community"] *= 2.5
    per_village = rng.multinomial(PERSONS, weights / weights.sum())
    village_of = np.repeat(np.arange(len(villages)), per_village)
    n = len(village_of)

    # About 8% of households have two certified members (一户多残).
    starts_household = rng.random(n) < 0.92
    starts_household[np.r_[0, np.cumsum(per_village)[:-1]]] = True
    household_of = np.cumsum(starts_household) - 1
    first_member = np.flatnonzero(starts_household)
    hh_village = village_of[first_member]
    hh_number = first_member - np.r_[0, np.cumsum(per_village)][hh_village]
    village_codes = villages["code"].to_numpy()
    household_ids = np.char.add(village_codes[hh_village].astype(str),
                                np.char.zfill((hh_number + 1).astype(str), 4))

    township_codes = villages["township_code"].to_numpy()[village_of]
    rates = np.array([_SERVICE_RATES[c] for c in township_codes])

    disability_type = rng.choice(_TYPES, n, p=_TYPE_SHARES)
    grade = rng.choice(np.arange(1, 5), n, p=_GRADE_SHARES)
    gender = np.where(rng.random(n) < 0.57, 1, 2)
    band = rng.choice(len(_AGE_BANDS), n, p=[b[2] for b in _AGE_BANDS])
    age = rng.integers([_AGE_BANDS[b][0] for b in band], [_AGE_BANDS[b][1] + 1 for b in band])
    birth = [DATA_DATE - dt.timedelta(days=int(a * 365.25 + d))
             for a, d in zip(age, rng.integers(0, 365, n), strict=True)]
    severe = grade <= 2

    # Poverty is a household's condition: drawn once per household, shared by its members.
    hh_severe = np.bitwise_or.reduceat(severe, first_member)
    hh = len(first_member)
    hh_dibao = rng.random(hh) < np.where(hh_severe, 0.45, 0.28)
    hh_tekun = rng.random(hh) < 0.04
    hh_monitored = rng.random(hh) < 0.09
    hh_edge = ~hh_dibao & (rng.random(hh) < 0.06)
    hh_poor = hh_dibao | hh_tekun | hh_monitored | hh_edge
    hh_rates = rates[first_member]
    hh_renovated = np.where(hh_poor & hh_severe, rng.random(hh) < hh_rates[:, 2],
                            hh_poor & (rng.random(hh) < 0.05))
    dibao, tekun, monitored, edge = (a[household_of] for a in
                                     (hh_dibao, hh_tekun, hh_monitored, hh_edge))
    poor = hh_poor[household_of]

    rehab_need = rng.random(n) < np.where(severe, 0.65, 0.45)
    device_need = rng.random(n) < np.where(np.isin(disability_type, (1, 2, 4)), 0.35, 0.12)
    school_age = (age >= 6) & (age <= 15)
    days_since_visit = np.where(monitored & (rng.random(n) < 0.82),
                                rng.integers(0, 92, n), rng.integers(93, 400, n))
    visited = rng.random(n) < np.where(monitored, 1.0, 0.7)

    data = pd.DataFrame({
        "person_id": np.char.zfill((np.arange(n) + 1).astype(str), 6),
        "household_id": household_ids[household_of],
        "name": _names(rng, n),
        "gender": gender,
        "id_number": _id_numbers(birth, gender, rng),
        "disability_type": disability_type,
        "grade": grade,
        "township_code": township_codes,
        "township_name": villages["township_name"].to_numpy()[village_of],
        "village_code": village_codes[village_of],
        "village_name": villages["name"].to_numpy()[village_of],
        "phone": np.char.add("1", rng.choice(["39", "51", "87", "89", "35"], n))
                 + np.char.zfill(rng.integers(0, 10**8, n).astype(str), 8),
        "dibao": dibao, "tekun": tekun, "monitored": monitored, "low_income_edge": edge,
        "lives_alone": ~np.isin(household_of, household_of[~starts_household])
                       & (age >= 60) & (rng.random(n) < 0.12),
        "with_elderly": (age < 60) & (rng.random(n) < 0.10),
        "rehab_need": rehab_need,
        "rehab_received": rehab_need & (rng.random(n) < rates[:, 0]),
        "device_need": device_need,
        "device_fitted": device_need & (rng.random(n) < rates[:, 1]),
        "renovated": hh_renovated[household_of],
        "living_subsidy": poor & (rng.random(n) < 0.97),
        "care_subsidy": severe & (rng.random(n) < 0.98),
        "pension_insured": (age >= 16) & (rng.random(n) < 0.93),
        "medical_insured": rng.random(n) < 0.975,
        "in_school": pd.array(np.where(school_age, rng.random(n) < 0.96, False),
                              dtype="boolean"),
        "last_visit": pd.to_datetime(
            [DATA_DATE - dt.timedelta(days=int(d)) for d in days_since_visit]).where(visited),
    })
    data["in_school"] = data["in_school"].where(school_age, pd.NA)
    data["certificate_number"] = (data["id_number"] + data["disability_type"].astype(str)
                                  + data["grade"].astype(str))
    data["address"] = (data["township_name"] + data["village_name"]
                       + (rng.integers(1, 9, n)).astype(str) + "组")
    located, by_village = _household_points(places, hh_village, rng)
    data["located_by"] = np.where(by_village[household_of], "village", "coordinates")
    return gpd.GeoDataFrame(data, geometry=located[household_of], crs=places.metric)


def _household_points(places: CountyPlaces, hh_village: np.ndarray,
                      rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A point for each household near its village centre and inside its village; one in ten
    rosters rows has no coordinates and sits on the village point (located by village)."""
    villages = places.villages
    centres = shapely.get_coordinates(villages["point"].to_numpy())[hh_village]
    spread = np.sqrt(villages.geometry.area.to_numpy())[hh_village] * 0.22
    xy = centres.copy()
    pending = np.ones(len(xy), dtype=bool)
    polygons = villages.geometry.to_numpy()[hh_village]
    for _ in range(20):
        idx = np.flatnonzero(pending)
        if idx.size == 0:
            break
        trial = centres[idx] + rng.normal(0.0, 1.0, (idx.size, 2)) * spread[idx, None]
        inside = shapely.contains_xy(polygons[idx], trial[:, 0], trial[:, 1])
        xy[idx[inside]] = trial[inside]
        pending[idx[inside]] = False
    by_village = pending | (rng.random(len(xy)) < 0.10)
    xy[by_village] = centres[by_village]
    return shapely.points(xy), by_village


def _id_numbers(birth: list[dt.date], gender: np.ndarray, rng: np.random.Generator) -> list[str]:
    """Unique, valid ID numbers registered in the county; the 17th digit is odd for men."""
    seen: set[str] = set()
    numbers = []
    for day, sex in zip(birth, gender, strict=True):
        while True:
            order = int(rng.integers(0, 500)) * 2 + (1 if sex == 1 else 0)
            first17 = f"{COUNTY_CODE}{day:%Y%m%d}{order:03d}"
            if first17 not in seen:
                seen.add(first17)
                numbers.append(first17 + check_digit(first17))
                break
    return numbers


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
    surname = rng.choice(_SURNAMES, n)
    given = np.char.add(rng.choice(_GIVEN, n),
                        np.where(rng.random(n) < 0.7, rng.choice(_GIVEN, n), ""))
    return np.char.add(surname, given)
