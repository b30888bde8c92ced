"""Township names on a printed map, placed so that none is cut off or covers another.

A name is written in bold with a white halo at its township's inner point: at 8.5 pt (A4), or
smaller down to 6 pt where the township is too narrow for it. A name is left off the map (the
table beside it lists every township) when even so it would spill out of its township, run off
the frame, touch a name already placed or sit on the scale bar, north arrow or the map's note.
Larger townships are named first.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patheffects import withStroke

from gisapp.render.fonts import CjkFont
from gisapp.render.sheet import text_width_mm

Extent = tuple[float, float, float, float]
LARGEST, SMALLEST = 8.5, 6.0  # points on A4
# The map furniture in axes fractions (x0, y0, x1, y1): the scale bar at the lower left and
# the north arrow at the upper right, where map_figure draws them.
FURNITURE = ((0.0, 0.0, 0.33, 0.10), (0.915, 0.85, 0.985, 0.99))


def label_townships(ax: Axes, townships: gpd.GeoDataFrame, font: CjkFont, *, k: float,
                    extent: Extent, units_per_mm: float,
                    keep_clear: Sequence[Extent] = ()) -> None:
    """Names of `townships` (with geometry) into `ax`; `keep_clear` adds boxes (in map
    units) no name may touch."""
    xmin, ymin, xmax, ymax = extent
    w, h = xmax - xmin, ymax - ymin
    taken = [(xmin + a * w, ymin + b * h, xmin + c * w, ymin + d * h) for a, b, c, d in FURNITURE]
    taken += list(keep_clear)
    order = np.argsort(-townships.geometry.area.to_numpy(), kind="stable")
    points = townships.geometry.representative_point()
    bounds = townships.geometry.bounds.to_numpy()
    for i in order:
        name, point = townships["name"].iloc[i], points.iloc[i]
        if not isinstance(name, str) or not name or point is None:
            continue
        room = (bounds[i, 2] - bounds[i, 0]) / units_per_mm * 0.95
        size = LARGEST * k
        width = text_width_mm(name, font.properties(size, bold=True))
        if width > room:
            size = max(SMALLEST * k, size * room / width)
            width = text_width_mm(name, font.properties(size, bold=True))
        if width > room:
            continue
        half_w = (width / 2 + size * 0.12) * units_per_mm  # the halo's share
        half_h = size * 0.353 * 0.62 * units_per_mm
        box = (point.x - half_w, point.y - half_h, point.x + half_w, point.y + half_h)
        inside = xmin < box[0] and box[2] < xmax and ymin < box[1] and box[3] < ymax
        if not inside or any(_overlap(box, other) for other in taken):
            continue
        taken.append(box)
        ax.text(point.x, point.y, name, ha="center", va="center", color="#262626",
                fontproperties=font.properties(size, bold=True), zorder=70,
                path_effects=[withStroke(linewidth=size * 0.35, foreground="white",
                                         alpha=0.85)], clip_on=True, gid="township-label")


def _overlap(a: Extent, b: Extent) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
