"""The features the planner has picked: one layer's rows, shared by the map and the attribute
table so that picking in one shows in the other. Selection belongs to the views, not the layer."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QObject, Signal

from gisapp.layers import Layer
from gisapp.map_state import Extent


class Selection(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.layer: Layer | None = None
        self.rows = np.empty(0, dtype=np.intp)  # positions in layer.data

    def select(self, layer: Layer, rows: np.ndarray, *, add: bool = False) -> None:
        rows = np.asarray(rows, dtype=np.intp)
        if add and layer is self.layer:
            rows = np.union1d(self.rows, rows)
        if layer is not self.layer:
            if self.layer is not None:
                self.layer.events.data.disconnect(self.clear)
            layer.events.data.connect(self.clear)  # new rows: the old positions mean nothing
        self.layer, self.rows = layer, np.unique(rows)
        self.changed.emit()

    def clear(self, *_: object) -> None:
        if self.layer is None and not len(self.rows):
            return
        if self.layer is not None:
            self.layer.events.data.disconnect(self.clear)
        self.layer, self.rows = None, np.empty(0, dtype=np.intp)
        self.changed.emit()

    def __len__(self) -> int:
        return len(self.rows)

    def extent(self) -> Extent | None:
        if self.layer is None or not len(self.rows):
            return None
        geometry = self.layer.data.geometry.iloc[self.rows].dropna()
        if geometry.empty:
            return None
        xmin, ymin, xmax, ymax = shapely.total_bounds(geometry.to_numpy())
        return (float(xmin), float(ymin), float(xmax), float(ymax))

