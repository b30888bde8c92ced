"""The one map-composition state read by every renderer: the Qt canvas, the print layout and
the web map draw the same layers, extent and note from here."""

from __future__ import annotations

from dataclasses import dataclass, field

from psygnal import evented

from gisapp.layers import Layer, LayerList
from gisapp.project import Project
from gisapp.thematic import Choropleth

Extent = tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in the map CRS


@evented
@dataclass(eq=False)
class MapState:
    crs: str  # the project's metric CRS: distances and drawing both use it
    layers: LayerList = field(default_factory=LayerList)
    extent: Extent | None = None
    note: str = ""  # shown on every map, e.g. that the data are synthetic
    choropleth: Choropleth | None = None  # townships coloured by an indicator
    # Circles around facilities: the radius of those that have none of their own, or hidden.
    service_radius_m: float | None = None

    @classmethod
    def from_project(cls, project: Project) -> MapState:
        """Every layer of the project, reprojected once into its metric CRS, bottom first."""
        crs = project.metric_crs()
        layers = LayerList(
            Layer(kind=project.catalog[k], data=project.read_layer(k).to_crs(crs))
            for k in project.layer_kinds()
        )
        state = cls(crs=crs, layers=layers, note=project.settings.map_note)
        state.extent = state.full_extent()
        return state

    def full_extent(self) -> Extent | None:
        """The bounds of every non-empty layer, or None when there is nothing to show."""
        bounds = [layer.data.total_bounds for layer in self.layers
                  if len(layer.data) and layer.data.geometry.notna().any()]
        if not bounds:
            return None
        return (min(b[0] for b in bounds), min(b[1] for b in bounds),
                max(b[2] for b in bounds), max(b[3] for b in bounds))


__all__ = ["Extent", "Layer", "MapState"]
