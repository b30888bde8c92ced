"""Layers are plain data with events: a new frame is always news, and telling so is cheap."""

from __future__ import annotations

import time

import geopandas as gpd
import numpy as np
from shapely import points

from gisapp.catalog import load_catalog
from gisapp.layers import Layer


def test_a_new_frame_is_announced_even_when_equal_and_without_comparing_cells() -> None:
    rng = np.random.default_rng(0)
    frame = gpd.GeoDataFrame({"name": ["某"] * 200_000, "grade": rng.integers(1, 5, 200_000)},
                             geometry=points(rng.random((200_000, 2))), crs="EPSG:4544")
    layer = Layer(kind=load_catalog()["households"], data=frame)
    heard = []
    layer.events.data.connect(lambda *args: heard.append(args))
    started = time.perf_counter()
    layer.data = frame.copy()
    assert len(heard) == 1
    assert time.perf_counter() - started < 0.05  # a cell-by-cell comparison takes ~0.5 s
    layer.data = layer.data  # the same frame again: nothing new
    assert len(heard) == 1
