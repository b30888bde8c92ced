"""Derived fields of the catalog: expressions over blank flags, age, days since the last visit,
reach of a rehab station, service centers per township."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from gisapp.analysis.derived import age_at, days_since, derive_layers
from gisapp.catalog import load_catalog
from gisapp.id_numbers import birth_date
from tests.test_indicators import SETTINGS, T1, T2, hand_county

ON = dt.date(2026, 6, 30)


def derived() -> dict:
    return derive_layers(hand_county(), load_catalog(), data_date=SETTINGS.data_date,
                         metric_crs=SETTINGS.metric_crs, radius_km=SETTINGS.radius_km)


@pytest.mark.parametrize(("number", "age"), [
    ("640324200002290000", 26),  # born on 29 February of a leap year
    ("640324199902290000", None),  # 1999 had no 29 February
    ("640324199913010000", None),  # month 13
    ("6403241999a2010000", None),  # a letter among the birth digits
    ("640324202606300000", 0),  # born on the data date
    ("640324201907010000", 6),  # turns 7 the day after
    ("640324202607010000", None),  # born after the data date
    ("64032419991201", 26),  # short, but the birth digits are there: as birth_date reads it
    ("６40324199912010000", 26),  # a full-width digit outside the birth date
    (None, None),
])
def test_age_in_full_years_agrees_with_birth_date(number: str | None, age: int | None) -> None:
    got = age_at(pd.Series([number], dtype=object), ON).iloc[0]
    assert (None if pd.isna(got) else int(got)) == age
    if number is not None and age is not None:
        born = birth_date(number)
        assert born is not None and ON.year - born.year - ((ON.month, ON.day)
                                                           < (born.month, born.day)) == age


def test_days_since_the_last_visit_is_blank_when_never_visited() -> None:
    visits = pd.Series(pd.to_datetime(["2026-06-30", "2026-04-01", None]))
    assert days_since(visits, ON).tolist() == [0, 90, pd.NA]


def test_household_fields() -> None:
    households = derived()["households"]
    # Blank flags count as no: p1 is poor by dibao alone.
    assert households["poor"].tolist() == [True, True, True, False, True, False]
    assert households["poor_severe"].tolist() == [True, True, True, False, True, False]
    assert households["subsidy_received"].tolist() == [True, False, True, True, True, True]
    assert households["age"].tolist() == [66, 10, 40, 12, 70, 50]
    assert households["days_since_visit"].tolist()[2] == 60
    assert pd.isna(households["days_since_visit"]).sum() == 5
    # p5 has no location: unknown, not "out of reach" (filters still count it as not within).
    assert households["rehab_in_reach"].tolist() == [True, True, False, False, pd.NA, True]


def test_service_centers_per_township_by_location_else_code() -> None:
    townships = derived()["townships"]
    assert dict(zip(townships["code"], townships["service_centers"], strict=True)) == {
        T1: 1, T2: 1}
    layers = hand_county()
    # A center located in 乙乡 whose code says 甲镇: its location decides.
    layers["service_centers"] = layers["service_centers"].iloc[:1].assign(township_code=T1)
    layers["service_centers"] = layers["service_centers"].set_geometry(
        hand_county()["households"].geometry.iloc[[3]].to_numpy())
    again = derive_layers(layers, load_catalog(), data_date=ON, metric_crs="EPSG:4544")
    assert again["townships"]["service_centers"].tolist() == [0, 1]


def test_the_metric_crs_is_chosen_from_the_data_when_unset() -> None:
    layers = derive_layers(hand_county(), load_catalog(), data_date=ON, metric_crs="")
    assert layers["households"]["rehab_in_reach"].tolist()[:2] == [True, True]


def test_the_caller_frames_are_left_as_they_were() -> None:
    layers = hand_county()
    columns = list(layers["households"].columns)
    derive_layers(layers, load_catalog(), data_date=ON, metric_crs="EPSG:4544")
    assert list(layers["households"].columns) == columns
