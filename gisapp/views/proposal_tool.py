"""The what-if tool: click the map to propose a rehab station, undo and redo, and watch the
rehab-reach figures follow."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from gisapp.analysis.proposals import StationProposals
from gisapp.catalog import Symbology
from gisapp.crs import STORAGE_CRS
from gisapp.layers import Layer, LayerList
from gisapp.project import Settings
from gisapp.scenarios import ProposedStation
from gisapp.targets import TargetSet

_PROPOSED_STYLE = Symbology(color="#ff7f0e", outline="#000000", size=12, marker="square",
                            label_field="name", z=65)


class ProposalTool(QObject):
    changed = Signal(object)  # the rehab-reach IndicatorRows after the change

    def __init__(self, layers: LayerList, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.layers = layers
        self.undo_stack = QUndoStack(self)
        self.action = QAction(self.tr("拟建康复站"), self, checkable=True)
        self.action.setToolTip(self.tr("在地图上点击，放置一个拟建康复站，即时查看服务半径覆盖率变化"))
        self.action.setEnabled(False)
        stations = layers.by_id("rehab_stations")
        self.layer = Layer(kind=stations.kind, data=stations.data.iloc[:0], style=_PROPOSED_STYLE,
                           name=self.tr("拟建康复站（方案）"))
        layers.append(self.layer)
        self.proposals: StationProposals | None = None

    def use_target_set(self, targets: TargetSet) -> None:
        """Proposals are judged by the set's rehab-reach target; a set without one has no tool."""
        self.undo_stack.clear()
        ids = [i.id for i in targets.indicators]
        self.action.setEnabled("rehab_reach" in ids)
        if "rehab_reach" not in ids:
            self.action.setChecked(False)
            self.proposals = None
            return
        data: Mapping[str, gpd.GeoDataFrame] = {layer.id: layer.data for layer in self.layers
                                                if layer is not self.layer}
        self.proposals = StationProposals(data, self.settings,
                                          targets.indicator("rehab_reach"), targets.document)
        self.layer.data = self.proposals.proposed()

    def place(self, x: float, y: float) -> None:
        """A proposed station at map point (x, y)."""
        if self.proposals is not None:
            self.undo_stack.push(_AddStation(self, x, y))

    def stations(self) -> list[ProposedStation]:
        """The proposals on the map, in the project's storage CRS, to save as a scenario."""
        placed = self.proposals.proposed() if self.proposals is not None else None
        if placed is None or placed.empty:
            return []
        stored = placed.to_crs(STORAGE_CRS)
        return [ProposedStation(key, point.x, point.y)
                for key, point in zip(stored["station_id"], stored.geometry, strict=True)]

    def load(self, stations: list[ProposedStation]) -> None:
        """Replace the proposals on the map by a saved scenario's (not undoable by steps)."""
        if self.proposals is None:
            return
        for key, place in list(self.proposals.places.items()):
            if place is not None:
                self.proposals.remove(key)
        metric = gpd.GeoSeries.from_xy([s.lon for s in stations], [s.lat for s in stations],
                                       crs=STORAGE_CRS).to_crs(self.settings.metric_crs)
        for point in metric:
            self.proposals.add(point.x, point.y)
        self.undo_stack.clear()
        self._refresh()

    def _refresh(self) -> None:
        assert self.proposals is not None
        self.layer.data = self.proposals.proposed()
        self.changed.emit(self.proposals.rows())


class _AddStation(QUndoCommand):
    def __init__(self, tool: ProposalTool, x: float, y: float):
        super().__init__(tool.tr("拟建康复站"))
        self.tool, self.x, self.y = tool, x, y
        self.key: str | None = None

    def redo(self) -> None:
        proposals = self.tool.proposals
        if self.key is None:
            self.key = proposals.add(self.x, self.y)
        else:
            proposals.move(self.key, self.x, self.y)
        self.tool._refresh()

    def undo(self) -> None:
        self.tool.proposals.remove(self.key)
        self.tool._refresh()
