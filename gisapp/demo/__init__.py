"""The demo county, 同心县 (Tongxin, Ningxia): real outline, township seats and village codes;
synthetic township polygons, village places, persons and facilities, made reproducibly.

See data/boundaries/README.md for what is real and what is made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyogrio

from gisapp.demo import facilities
from gisapp.demo.people import DATA_DATE, persons
from gisapp.demo.places import COUNTY_CODE, COUNTY_NAME, county_places
from gisapp.project import Project, Settings

DEMO_SEED = 640324
MAP_NOTE = "演示数据：乡镇界线、村位置与人员均为合成示意，非标准地图"


def build_demo(path: str | os.PathLike, *, seed: int = DEMO_SEED,
               overwrite: bool = False) -> Project:
    """Write the demo county project to `path`. The same seed gives the same file, byte for byte."""
    rng = np.random.default_rng(seed)
    places = county_places(rng)
    people = persons(places, rng)
    villages = places.villages.drop(columns="point")
    villages["has_association"] = rng.random(len(villages)) < 0.92
    layers = {
        "townships": places.townships,
        "villages": villages,
        "households": people,
        "rehab_stations": facilities.rehab_stations(places, rng),
        "service_centers": facilities.service_centers(places, rng),
        "renovated_homes": facilities.renovated_homes(people, rng),
    }
    settings = Settings(
        name=f"{COUNTY_NAME}（演示）", county_code=COUNTY_CODE, county_name=COUNTY_NAME,
        metric_crs=places.metric.to_string(), data_date=DATA_DATE,
        # Fixed, not the clock: the demo file must be reproducible.
        created=dt.datetime.combine(DATA_DATE, dt.time()), map_note=MAP_NOTE,
    )
    stamp = f"{DATA_DATE.isoformat()}T00:00:00.000Z"
    with _gdal_clock(stamp):
        project = Project.create(Path(path), settings, overwrite=overwrite)
        project.write_layers(layers)
    return project


@contextlib.contextmanager
def _gdal_clock(stamp: str) -> Iterator[None]:
    """GDAL stamps each GeoPackage table with the current time unless OGR_CURRENT_DATE is set."""
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
