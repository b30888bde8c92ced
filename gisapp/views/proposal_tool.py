"""The what-if tools: click the map to propose a rehab station or a township service center,
drag one to move it, right-click it to take it away; undo and redo every step, and watch the
indicators follow."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import geopandas as gpd
import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from gisapp.analysis.proposals import CenterProposals, Proposals, StationProposals
from gisapp.catalog import Symbology
from gisapp.crs import STORAGE_CRS
from gisapp.layers import Layer, LayerList
from gisapp.project import Settings
from gisapp.scenarios import ProposedStation
from gisapp.targets import TargetSet

Layers = Callable[[], Mapping[str, gpd.GeoDataFrame]]  # the project's layers, no proposals

_GRAB_PIXELS = 8  # how near the mouse must be to a proposal to take it
_PROPOSED_STATION = Symbology(color="#ff7f0e", outline="#000000", size=12, marker="square",
                              label_field="name", z=65)
_PROPOSED_CENTER = Symbology(color="#b15ce6", outline="#000000", size=14, marker="triangle",
                             label_field="name", z=66)
# Magenta in a white ring: it reads on every class of the indicator map.
_UNCOVERED_STYLE = Symbology(color="#e0119d", outline="#ffffff", size=5.5, marker="circle",
                             opacity=1.0, z=45)


class ProposalTool(QObject):
    """Proposals of one facility kind on a layer of their own above the map."""

    changed = Signal(object)  # the IndicatorRows the change recomputed

    def __init__(self, layers: LayerList, settings: Settings, undo_stack: QUndoStack,
                 project_layers: Layers, kind_id: str, style: Symbology,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.layers = layers
        self.undo_stack = undo_stack
        self.project_layers = project_layers
        self.kind_id = kind_id
        self.action = QAction(self, checkable=True)
        self.action.setEnabled(False)
        existing = layers.by_id(kind_id)
        self.layer = Layer(kind=existing.kind, data=existing.data.iloc[:0], style=style)
        layers.append(self.layer)
        self.proposals: Proposals | None = None
        self._moving: str | None = None
        self._moved_from: tuple[float, float] | None = None

    def make_proposals(self, targets: TargetSet) -> Proposals | None:
        """The proposals model for the target set, or None when the set has nothing to judge
        this kind by."""
        raise NotImplementedError

    def use_target_set(self, targets: TargetSet) -> None:
        """Judge proposals by this set, on the layers as they are now; the proposals already
        placed are placed again (`load`) by the window, which owns the undo history."""
        self.proposals = self.make_proposals(targets)
        self.action.setEnabled(self.proposals is not None)
        if self.proposals is None:
            self.action.setChecked(False)
        self._show()

    def own_layers(self) -> tuple[Layer, ...]:
        """The layers this tool adds to the map."""
        return (self.layer,)

    def place(self, x: float, y: float) -> None:
        """A proposal at map point (x, y)."""
        if self.proposals is not None:
            self.undo_stack.push(_Add(self, x, y))

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
        """Follow the mouse: the figures change as the proposal moves."""
        if self._moving is not None:
            self.proposals.move(self._moving, x, y)
            self.refresh()

    def drop_at(self, x: float, y: float) -> None:
        if self._moving is not None:
            key, self._moving = self._moving, None
            self.undo_stack.push(_Move(self, key, self._moved_from, (x, y)))

    def delete(self, key: str) -> None:
        self.undo_stack.push(_Remove(self, key))

    def stations(self) -> list[ProposedStation]:
        """The proposals on the map, in the project's storage CRS, to save as a scenario."""
        placed = self.proposals.proposed() if self.proposals is not None else None
        if placed is None or placed.empty:
            return []
        stored = placed.to_crs(STORAGE_CRS)
        return [ProposedStation(key, point.x, point.y, self.kind_id) for key, point in
                zip(stored[self.proposals.key_field], stored.geometry, strict=True)]

    def load(self, stations: list[ProposedStation]) -> None:
        """Replace the proposals on the map by these (a saved scenario's, or the ones placed
        before the figures were computed again); not undoable by steps."""
        if self.proposals is None:
            return
        for key, place in list(self.proposals.places.items()):
            if place is not None:
                self.proposals.remove(key)
        mine = [s for s in stations if s.layer == self.kind_id]
        metric = gpd.GeoSeries.from_xy([s.lon for s in mine], [s.lat for s in mine],
                                       crs=STORAGE_CRS).to_crs(self.settings.metric_crs)
        for point in metric:
            self.proposals.add(point.x, point.y)
        self.refresh()

    def refresh(self) -> None:
        self._show()
        if self.proposals is not None:
            self.changed.emit(self.proposals.rows())

    def _show(self) -> None:
        self.layer.data = (self.proposals.proposed() if self.proposals is not None
                           else self.layer.data.iloc[:0])


class StationProposalTool(ProposalTool):
    """Proposed rehab stations, judged by rehab reach; the persons still beyond reach are
    drawn on a layer of their own."""

    def __init__(self, layers: LayerList, settings: Settings, undo_stack: QUndoStack,
                 project_layers: Layers, parent: QObject | None = None):
        super().__init__(layers, settings, undo_stack, project_layers, "rehab_stations",
                         _PROPOSED_STATION, parent)
        self.action.setText(self.tr("拟建康复站"))
        self.action.setToolTip(self.tr("在地图上点击，放置一个拟建康复站，即时查看服务半径覆盖率变化"))
        self.layer.name = self.tr("拟建康复站（方案）")
        people = layers.by_id("households")
        self.uncovered = Layer(kind=people.kind, data=people.data.iloc[:0], style=_UNCOVERED_STYLE,
                               name=self.tr("服务半径外的康复需求人员"))
        layers.insert(layers.index(people) + 1, self.uncovered)

    def make_proposals(self, targets: TargetSet) -> StationProposals | None:
        if "rehab_reach" not in [i.id for i in targets.indicators]:
            return None
        return StationProposals(self.project_layers(), self.settings,
                                targets.indicator("rehab_reach"), targets.document)

    def own_layers(self) -> tuple[Layer, ...]:
        return (self.layer, self.uncovered)

    def _show(self) -> None:
        super()._show()
        self.uncovered.data = (self.proposals.uncovered() if self.proposals is not None
                               else self.uncovered.data.iloc[:0])


class CenterProposalTool(ProposalTool):
    """Proposed township service centers, judged by the indicators that count them."""

    def __init__(self, layers: LayerList, settings: Settings, undo_stack: QUndoStack,
                 project_layers: Layers, parent: QObject | None = None):
        super().__init__(layers, settings, undo_stack, project_layers, "service_centers",
                         _PROPOSED_CENTER, parent)
        self.action.setText(self.tr("拟建服务机构"))
        self.action.setToolTip(self.tr("在地图上点击，放置一个拟建乡镇残疾人服务机构，"
                                       "即时查看服务机构覆盖率变化"))
        self.layer.name = self.tr("拟建服务机构（方案）")

    def make_proposals(self, targets: TargetSet) -> CenterProposals | None:
        proposals = CenterProposals(self.project_layers(), self.settings, targets)
        return proposals if proposals.targets.indicators else None


class _Add(QUndoCommand):
    def __init__(self, tool: ProposalTool, x: float, y: float):
        super().__init__(QCoreApplication.translate("ProposalTool", "拟建设施"))
        self.tool, self.x, self.y = tool, x, y
        self.key: str | None = None

    def redo(self) -> None:
        proposals = self.tool.proposals
        if self.key is None:
            self.key = proposals.add(self.x, self.y)
        else:
            proposals.move(self.key, self.x, self.y)
        self.tool.refresh()

    def undo(self) -> None:
        self.tool.proposals.remove(self.key)
        self.tool.refresh()


class _Move(QUndoCommand):
    """The proposal has already followed the mouse; redo and undo put it at either end."""

    def __init__(self, tool: ProposalTool, key: str, start: tuple[float, float],
                 end: tuple[float, float]):
        super().__init__(QCoreApplication.translate("ProposalTool", "移动拟建设施"))
        self.tool, self.key, self.start, self.end = tool, key, start, end

    def redo(self) -> None:
        self.tool.proposals.move(self.key, *self.end)
        self.tool.refresh()

    def undo(self) -> None:
        self.tool.proposals.move(self.key, *self.start)
        self.tool.refresh()


class _Remove(QUndoCommand):
    def __init__(self, tool: ProposalTool, key: str):
        super().__init__(QCoreApplication.translate("ProposalTool", "删除拟建设施"))
        self.tool, self.key = tool, key
        self.place = tool.proposals.places[key]

    def redo(self) -> None:
        self.tool.proposals.remove(self.key)
        self.tool.refresh()

    def undo(self) -> None:
        self.tool.proposals.move(self.key, *self.place)
        self.tool.refresh()
