"""A printed page measured in millimetres from its top-left corner, and the boxes of its layout.

Everything outside the map frame (title, legend, tables, footer) is drawn on one Axes covering
the page whose data units are millimetres, so layout code reads like a ruler: `text(x, y, ...)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle

from gisapp.render.fonts import CjkFont

Paper = Literal["A4", "A3"]
Orientation = Literal["landscape", "portrait"]
PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}  # short side, long side
MM_PER_PT = 25.4 / 72
_MEASURE = RendererAgg(1, 1, 72)  # at 72 dpi a pixel is a point
# What a line may be broken after: a run of Latin letters and digits (1,198 or 97.3%), or one
# character, each with the closing punctuation that must not begin the next line.
_PIECES = re.compile(r"(?:[0-9A-Za-z.,%/:+-]+|.)[，。、；：）」』”％]*", re.DOTALL)


def text_width_mm(text: str, prop: FontProperties) -> float:
    """The width of `text` set in `prop`: the sum of its characters' widths, which is what
    matplotlib lays out for this font (no kerning), measured once per character, as fitting
    a long table measures thousands of strings."""
    family, weight = prop.get_family()[0], str(prop.get_weight())
    return prop.get_size_in_points() * sum(_width_at_1pt(c, family, weight) for c in text)


@cache
def _width_at_1pt(char: str, family: str, weight: str) -> float:
    prop = FontProperties(family=family, weight=weight, size=100)
    w, _, _ = _MEASURE.get_text_width_height_descent(char, prop, ismath=False)
    return w * MM_PER_PT / 100


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
    body: Box  # between header and footer: what a continuation page fills with its table


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
    body = Box(margin, top, width - 2 * margin, body_h)
    return Layout(width, height, k, header, map_box, legend, locator, table, footer, body)


class Sheet:
    """The page's drawing surface in millimetres (y grows downwards). A region of the page
    (legend, table, footer) is a Sheet of its own Axes in the same page millimetres, so its
    artists can be told apart and measured; nothing drawn in one is clipped to it."""

    def __init__(self, figure: Figure, page: Layout, font: CjkFont, box: Box | None = None,
                 label: str = "page"):
        self.figure, self.page, self.font, self.k = figure, page, font, page.k
        self.box = box or Box(0, 0, page.width, page.height)
        self.ax: Axes = self.axes_at(self.box, zorder=-1, label=label)
        self.ax.set_xlim(self.box.x, self.box.right)
        self.ax.set_ylim(self.box.bottom, self.box.y)
        self.ax.set_axis_off()

    def region(self, box: Box, label: str) -> Sheet:
        return Sheet(self.figure, self.page, self.font, box, label)

    def axes_at(self, box: Box, *, zorder: float = 0, label: str = "") -> Axes:
        """A new Axes filling `box`."""
        w, h = self.page.width, self.page.height
        return self.figure.add_axes((box.x / w, 1 - box.bottom / h, box.w / w, box.h / h),
                                    zorder=zorder, label=label)

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False,
             ha: str = "left", va: str = "baseline", color: str = "#222222",
             max_width: float | None = None, gid: str | None = None) -> None:
        """`size` in points before scaling by k; a text wider than max_width mm shrinks to
        80% and is then cut with an ellipsis, so nothing runs into its neighbour."""
        size *= self.k
        if max_width is not None:
            text, size = self.fit(text, size, max_width, bold=bold)
        self.ax.text(x, y, text, ha=ha, va=va, color=color, gid=gid,
                     fontproperties=self.font.properties(size, bold=bold))

    def width_mm(self, text: str, size: float, *, bold: bool = False) -> float:
        """The width of `text` at `size` points (already scaled)."""
        return text_width_mm(text, self.font.properties(size, bold=bold))

    def fit(self, text: str, size: float, max_width: float, *,
            bold: bool = False) -> tuple[str, float]:
        width = self.width_mm(text, size, bold=bold)
        if width <= max_width:
            return text, size
        smaller = max(size * max_width / width, size * 0.8)
        while len(text) > 1 and self.width_mm(text, smaller, bold=bold) > max_width:
            text = text[:-2] + "…"
        return text, smaller

    def wrap(self, text: str, size: float, width: float, *, bold: bool = False) -> list[str]:
        """`text` in lines no wider than `width` mm at `size` points (already scaled), broken
        between Chinese characters but never inside a number, nor before a closing mark; a
        piece wider than `width` on its own stays whole."""
        lines, line = [], ""
        for piece in _PIECES.findall(text):
            if line and self.width_mm(line + piece, size, bold=bold) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
        return [*lines, line] if line or not lines else lines

    def balanced(self, lines: list[str], size: float, width: float, *,
                 bold: bool = False) -> list[str]:
        """The same text in as many lines of more even length (no lone last character)."""
        text, best = "".join(lines), lines
        low = width / len(lines)
        for _ in range(6 if len(lines) > 1 else 0):  # the narrowest width for as many lines
            middle = (low + width) / 2
            again = self.wrap(text, size, middle, bold=bold)
            if len(again) == len(lines):
                best, width = again, middle
            else:
                low = middle
        return best

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
