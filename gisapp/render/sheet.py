"""A printed page measured in millimetres from its top-left corner, and the boxes of its layout.

Everything outside the map frame (title, legend, tables, footer) is drawn on one Axes covering
the page whose data units are millimetres, so layout code reads like a ruler: `text(x, y, ...)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from gisapp.render.fonts import CjkFont

Paper = Literal["A4", "A3"]
Orientation = Literal["landscape", "portrait"]
PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}  # short side, long side
MM_PER_PT = 25.4 / 72
_MEASURE = RendererAgg(1, 1, 72)  # at 72 dpi a pixel is a point


@dataclass(frozen=True)
class Box:
    x: float  # mm from the left edge
    y: float  # mm from the top edge
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


def page_size_mm(paper: Paper, orientation: Orientation) -> tuple[float, float]:
    short, long = PAPER_MM[paper]
    return (long, short) if orientation == "landscape" else (short, long)


@dataclass(frozen=True)
class Layout:
    """Where each part of a page goes. `k` scales type and symbols: 1 on A4, 1.41 on A3."""

    width: float
    height: float
    k: float
    header: Box
    map: Box
    legend: Box
    locator: Box
    table: Box
    footer: Box


def layout(paper: Paper, orientation: Orientation) -> Layout:
    width, height = page_size_mm(paper, orientation)
    k = min(width, height) / 210.0
    margin, header_h, footer_h, gap = 10 * k, 24 * k, 17 * k, 5 * k
    header = Box(margin, margin, width - 2 * margin, header_h)
    top = header.bottom + 2 * k
    footer = Box(margin, height - margin - footer_h, width - 2 * margin, footer_h)
    body_h = footer.y - gap - top
    if orientation == "landscape":  # map at the left, a side panel at the right
        panel_w = 100 * k
        map_box = Box(margin, top, width - 2 * margin - panel_w - gap, body_h)
        px = map_box.right + gap
        locator_w = 36 * k
        legend = Box(px, top, panel_w - locator_w - 3 * k, 58 * k)
        locator = Box(px + panel_w - locator_w, top, locator_w, locator_w)
        table = Box(px, legend.bottom + 3 * k, panel_w, footer.y - gap - legend.bottom - 3 * k)
    else:  # map on top, legend and locator at the lower left, tables at the lower right
        band_h = 98 * k
        map_box = Box(margin, top, width - 2 * margin, body_h - band_h - gap)
        by = map_box.bottom + gap
        legend = Box(margin, by, 64 * k, 58 * k)
        locator = Box(margin + 14 * k, legend.bottom + 2 * k, 36 * k, 36 * k)
        table = Box(legend.right + gap, by, width - 2 * margin - legend.w - gap, band_h)
    return Layout(width, height, k, header, map_box, legend, locator, table, footer)


class Sheet:
    """The page's drawing surface in millimetres (y grows downwards)."""

    def __init__(self, figure: Figure, page: Layout, font: CjkFont):
        self.figure, self.page, self.font, self.k = figure, page, font, page.k
        self.ax: Axes = figure.add_axes((0, 0, 1, 1), zorder=-1)
        self.ax.set_xlim(0, page.width)
        self.ax.set_ylim(page.height, 0)
        self.ax.set_axis_off()

    def axes_at(self, box: Box, *, zorder: float = 0) -> Axes:
        """A new Axes filling `box`."""
        w, h = self.page.width, self.page.height
        return self.figure.add_axes((box.x / w, 1 - box.bottom / h, box.w / w, box.h / h),
                                    zorder=zorder)

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False,
             ha: str = "left", va: str = "baseline", color: str = "#222222",
             max_width: float | None = None) -> None:
        """`size` in points before scaling by k; a text wider than max_width mm shrinks to
        80% and is then cut with an ellipsis, so nothing runs into its neighbour."""
        size *= self.k
        if max_width is not None:
            text, size = self.fit(text, size, max_width, bold=bold)
        self.ax.text(x, y, text, ha=ha, va=va, color=color,
                     fontproperties=self.font.properties(size, bold=bold))

    def width_mm(self, text: str, size: float, *, bold: bool = False) -> float:
        """The width of `text` at `size` points (already scaled)."""
        prop = self.font.properties(size, bold=bold)
        w, _, _ = _MEASURE.get_text_width_height_descent(text, prop, ismath=False)
        return w * MM_PER_PT

    def fit(self, text: str, size: float, max_width: float, *,
            bold: bool = False) -> tuple[str, float]:
        width = self.width_mm(text, size, bold=bold)
        if width <= max_width:
            return text, size
        smaller = max(size * max_width / width, size * 0.8)
        while len(text) > 1 and self.width_mm(text, smaller, bold=bold) > max_width:
            text = text[:-2] + "…"
        return text, smaller

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str = "none",
             edge: str = "none", lw: float = 0.5) -> None:
        self.ax.add_patch(Rectangle((x, y), w, h, facecolor=fill, edgecolor=edge,
                                    linewidth=lw * self.k))

    def hline(self, x0: float, x1: float, y: float, *, lw: float = 0.5,
              color: str = "#444444") -> None:
        self.ax.plot([x0, x1], [y, y], color=color, linewidth=lw * self.k,
                     solid_capstyle="butt")

    def marker(self, x: float, y: float, marker: str, size_pt: float, colour: str,
               edge: str, *, alpha: float = 1.0) -> None:
        self.ax.scatter([x], [y], s=size_pt ** 2, marker=marker, c=colour, edgecolors=edge,
                        linewidths=0.6 * self.k, alpha=alpha)
