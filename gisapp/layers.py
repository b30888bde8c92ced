"""Layers as plain data with events: a layer knows its rows, its catalog kind, its style and
whether it is shown. Zoom, hover and selection belong to the views, not here."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

import geopandas as gpd
from psygnal import evented
from psygnal.containers import SelectableEventedList

from gisapp.catalog import LayerKind, Symbology


# A new frame is news even if equal; comparing two frames cell by cell costs seconds.
@evented(equality_operators={"data": operator.is_})
@dataclass(eq=False)
class Layer:
    kind: LayerKind
    data: gpd.GeoDataFrame  # in the map's metric CRS
    visible: bool = True
    style: Symbology = field(default=None)  # type: ignore[assignment]  # set from the kind
    name: str = ""  # shown instead of the kind's name (e.g. proposed stations of a scenario)

    def __post_init__(self) -> None:
        if self.style is None:
            self.style = self.kind.symbology

    @property
    def id(self) -> str:
        return self.kind.id

    @property
    def title(self) -> str:
        return self.name or self.kind.name.zh

    @property
    def geometry_type(self) -> str:
        return self.kind.geometry


class LayerList(SelectableEventedList[Layer]):
    """The map's layers, bottom first."""

    def by_id(self, layer_id: str) -> Layer:
        for layer in self:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)
