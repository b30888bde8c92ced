"""What is under the planner's click: the nearest point of the topmost visible point layer
within a few pixels, else the polygon that contains the spot; what lies in a dragged rectangle;
and a feature's attributes as a planner reads them (Chinese labels, coded values named, ID and
phone numbers masked)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import shapely

from gisapp.catalog import FieldSpec, LayerKind
from gisapp.layers import Layer
from gisapp.privacy import mask_id_number, mask_phone

_MASKED_BY_CHECK = {"id_number", "certificate_number"}


def feature_at(layers: Sequence[Layer], x: float, y: float,
               tolerance: float) -> tuple[Layer, pd.Series] | None:
    """The feature under (x, y) in map units; `tolerance` is a few pixels in map units."""
    visible = [layer for layer in reversed(layers) if layer.visible and len(layer.data)]
    for layer in visible:
        if layer.geometry_type != "point":
            continue
        xy = shapely.get_coordinates(layer.data.geometry.to_numpy())
        if not len(xy):
            continue
        located = layer.data[layer.data.geometry.notna().to_numpy()]
        gaps = np.hypot(xy[:, 0] - x, xy[:, 1] - y)
        nearest = int(np.argmin(gaps))
        if gaps[nearest] <= tolerance:
            return layer, located.iloc[nearest]
    spot = shapely.Point(x, y)
    for layer in visible:
        if layer.geometry_type == "polygon":
            hits = layer.data[layer.data.geometry.contains(spot).to_numpy()]
            if len(hits):
                return layer, hits.iloc[0]
    return None


def rows_in_rectangle(layer: Layer, extent: tuple[float, float, float, float]) -> np.ndarray:
    """Positions of the layer's features that touch the rectangle (map units)."""
    geometry = layer.data.geometry
    if layer.geometry_type == "point":
        xy = np.full((len(geometry), 2), np.nan)
        placed = geometry.notna().to_numpy()
        xy[placed] = shapely.get_coordinates(geometry[placed].to_numpy())
        xmin, ymin, xmax, ymax = extent
        with np.errstate(invalid="ignore"):
            inside = ((xy[:, 0] >= xmin) & (xy[:, 0] <= xmax)
                      & (xy[:, 1] >= ymin) & (xy[:, 1] <= ymax))
        return np.flatnonzero(inside)
    return np.sort(geometry.sindex.query(shapely.box(*extent), predicate="intersects"))


def describe(kind: LayerKind, row: pd.Series) -> list[tuple[str, str]]:
    """(label, value) for every catalog field of the row that has a value."""
    lines = []
    for field in kind.fields:
        value = row.get(field.id)
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        lines.append((field.name.zh, shown_value(field, value)))
    return lines


def shown_value(field: FieldSpec, value: object) -> str:
    """One value as the planner reads it: coded values named, personal numbers masked."""
    if field.check in _MASKED_BY_CHECK:
        return mask_id_number(str(value))
    if field.id == "phone":
        return mask_phone(str(value))
    for coded in field.values:
        if coded.code == value:
            return coded.zh
    if field.type == "boolean":
        return "是" if value else "否"
    if field.type == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if field.type == "number":
        return f"{float(value):g}{field.unit or ''}"
    return f"{value}{field.unit or ''}"
