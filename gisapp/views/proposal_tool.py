"""The what-if tool: click the map to propose a rehab station, drag one to move it, right-click
it to take it away; undo and redo every step, and watch the rehab-reach figures follow."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from gisapp.analysis.proposals import StationProposals
from gisapp.catalog import Symbology
from gisapp.crs import STORAGE_CRS
from gisapp.layers import Layer, LayerList
from gisapp.project import Settings
from gisapp.scenarios import ProposedStation
from gisapp.targets import TargetSet

# Persons with a rehab need out of every station's reach: the gaps a new station should fill.
# Magenta in a white ring: it reads on every class of the indicator map.
_UNCOVERED_STYLE = Symbology(color="#e0119d", outline="#ffffff", size=5.5, marker="circle",
                             opacity=1.0, z=45)
_GRAB_PIXELS = 8  # how near the mouse must be to a proposal to take it
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
        people = layers.by_id("households")
        self.uncovered = Layer(kind=people.kind, data=people.data.iloc[:0], style=_UNCOVERED_STYLE,
                               name=self.tr("服务半径外的康复需求人员"))
        layers.insert(layers.index(people) + 1, self.uncovered)
        self.proposals: StationProposals | None = None
        self._moving: str | None = None
        self._moved_from: tuple[float, float] | None = None

    def use_target_set(self, targets: TargetSet) -> None:
        """Proposals are judged by the set's rehab-reach target; a set without one has no tool."""
        self.undo_stack.clear()
        ids = [i.id for i in targets.indicators]
        self.action.setEnabled("rehab_reach" in ids)
        if "rehab_reach" not in ids:
            self.action.setChecked(False)
            self.proposals = None
            self.uncovered.data = self.uncovered.data.iloc[:0]
            return
        data: Mapping[str, gpd.GeoDataFrame] = {layer.id: layer.data for layer in self.layers
                                                if layer not in self.own_layers()}
        self.proposals = StationProposals(data, self.settings,
                                          targets.indicator("rehab_reach"), targets.document)
        self.layer.data = self.proposals.proposed()
        self.uncovered.data = self.proposals.uncovered()

    def own_layers(self) -> tuple[Layer, Layer]:
        """The layers this tool adds to the map (proposals, persons beyond reach)."""
        return (self.layer, self.uncovered)

    def place(self, x: float, y: float) -> None:
        """A proposed station at map point (x, y)."""
        if self.proposals is not None:
            self.undo_stack.push(_AddStation(self, x, y))

    def station_at(self, x: float, y: float, tolerance: float) -> str | None:
        """The proposal within `tolerance` map units of (x, y), the nearest one."""
        if self.proposals is None:
            return None
        placed = {k: xy for k, xy in self.proposals.places.items() if xy is not None}
        if not placed:
            return None
        keys = list(placed)
        gaps = np.hypot(*(np.array(list(placed.values())) - (x, y)).T)
        nearest = int(np.argmin(gaps))
        return keys[nearest] if gaps[nearest] <= tolerance else None

    def claim_drag(self, x: float, y: float, pixel: float) -> bool:
        """A press on a proposal while the tool is on starts moving it."""
        if not self.action.isChecked():
            return False
        self._moving = self.station_at(x, y, _GRAB_PIXELS * pixel)
        if self._moving is not None:
            self._moved_from = self.proposals.places[self._moving]
        return self._moving is not None

    def drag_to(self, x: float, y: float) -> None:
        """Follow the mouse: the figures change as the station moves."""
        if self._moving is not None:
            self.proposals.move(self._moving, x, y)
            self._refresh()

    def drop_at(self, x: float, y: float) -> None:
        if self._moving is not None:
            key, self._moving = self._moving, None
            self.undo_stack.push(_MoveStation(self, key, self._moved_from, (x, y)))

    def delete(self, key: str) -> None:
        self.undo_stack.push(_RemoveStation(self, key))

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
        self.uncovered.data = self.proposals.uncovered()
        self.changed.emit(self.proposals.rows())


class _AddStation(QUndoCommand):
    def __init__(self, tool: ProposalTool, x: float, y: float):
        super().__init__(QCoreApplication.translate("ProposalTool", "拟建康复站"))
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


class _MoveStation(QUndoCommand):
    """The station has already followed the mouse; redo and undo put it at either end."""

    def __init__(self, tool: ProposalTool, key: str, start: tuple[float, float],
                 end: tuple[float, float]):
        super().__init__(QCoreApplication.translate("ProposalTool", "移动拟建康复站"))
        self.tool, self.key, self.start, self.end = tool, key, start, end

    def redo(self) -> None:
        self.tool.proposals.move(self.key, *self.end)
        self.tool._refresh()

    def undo(self) -> None:
        self.tool.proposals.move(self.key, *self.start)
        self.tool._refresh()


class _RemoveStation(QUndoCommand):
    def __init__(self, tool: ProposalTool, key: str):
        super().__init__(QCoreApplication.translate("ProposalTool", "删除拟建康复站"))
        self.tool, self.key = tool, key
        self.place = tool.proposals.places[key]

    def redo(self) -> None:
        self.tool.proposals.remove(self.key)
        self.tool._refresh()

    def undo(self) -> None:
        self.tool.proposals.move(self.key, *self.place)
        self.tool._refresh()
