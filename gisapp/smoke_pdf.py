"""A one-page PDF of the county's indicators against their targets, in Chinese, with the font
embedded: the smoke test's proof that a build can print.

Until the print layout (gisapp.render) is on this branch, this draws its own simple page; then
`write_indicator_page` becomes a call to the real layout and the TrueType cut below goes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gisapp.analysis.indicators import IndicatorRow
from gisapp.font_files import CjkFont, cjk_font
from gisapp.targets import TargetSet

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

_MET, _SHORT, _TARGET = "#2e7d32", "#e65100", "#212121"


def write_indicator_page(county: str, targets: TargetSet, rows: Sequence[IndicatorRow],
                         path: Path) -> Path:
    """An A4 page: the county's name, then a bar per rate indicator with its target marked."""
    import matplotlib
    from matplotlib.font_manager import FontProperties

    font = cjk_font()
    if font is None:
        raise RuntimeError("no Chinese font found: neither shipped in fonts/ nor installed")
    names = {i.id: i.name for i in targets.indicators}
    bars = [r for r in rows if r.level == "county" and r.value is not None and r.target <= 1]
    title = f"{county} 残疾人服务指标"
    subtitle = f"{targets.document}　共 {len(bars)} 项，达标 {sum(bool(r.met) for r in bars)} 项"
    labels = [names.get(r.indicator, r.indicator) for r in bars]
    values = [f"{r.value * 100:.1f}%" for r in bars]
    ticks = [f"{p}%" for p in range(0, 101, 20)]
    text = "".join([title, subtitle, *labels, *values, *ticks, "目标"])
    # The cut font lives only while the page is written (Windows may refuse to delete it while
    # matplotlib still holds it open: then it stays in the temporary folder).
    with tempfile.TemporaryDirectory(prefix="gisapp-font-", ignore_cleanup_errors=True) as cut:
        properties = FontProperties(fname=str(_truetype_cut(font, text, Path(cut))))
        figure = _indicator_figure(title, subtitle, bars, labels, values, ticks, properties)
        with matplotlib.rc_context({"pdf.fonttype": 42, "axes.unicode_minus": False}):
            figure.savefig(path, format="pdf")
    return path


def _indicator_figure(title: str, subtitle: str, bars: Sequence[IndicatorRow],
                      labels: list[str], values: list[str], ticks: list[str],
                      properties: FontProperties) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8.27, 11.69))  # A4 portrait, inches
    figure.suptitle(title, fontproperties=properties, fontsize=20, y=0.96)
    figure.text(0.5, 0.92, subtitle, ha="center", fontproperties=properties, fontsize=11)
    axes = figure.add_axes((0.42, 0.12, 0.52, 0.76))
    positions = range(len(bars))[::-1]
    axes.barh(positions, [r.value for r in bars], height=0.6,
              color=[_MET if r.met else _SHORT for r in bars])
    axes.scatter([r.target for r in bars], positions, marker="|", s=400, color=_TARGET,
                 label="目标", zorder=3)
    for y, row, value in zip(positions, bars, values, strict=True):
        axes.text(max(row.value, row.target) + 0.015, y, value, va="center",
                  fontproperties=properties, fontsize=9)
    axes.set_yticks(list(positions), labels, fontproperties=properties, fontsize=9)
    axes.set_xticks([p / 100 for p in range(0, 101, 20)], ticks, fontproperties=properties)
    axes.set_xlim(0, 1.12)
    axes.legend(prop=properties, loc="lower right")
    return figure


def _truetype_cut(font: CjkFont, text: str, folder: Path) -> Path:
    """A TrueType font holding just the characters of `text`. matplotlib's `pdf.fonttype` 42
    embeds a font as TrueType; Noto Sans CJK has PostScript (CFF) outlines, which would be
    declared TrueType all the same (a file PDF readers complain about), so they are converted
    to quadratic curves here (fontTools' cu2qu, within 1 font unit)."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["VORG", "vhea", "vmtx"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    cut = TTFont(str(font.path), fontNumber=font.face)
    subsetter = subset.Subsetter(options)
    # matplotlib measures each line's descent with "lp"
    subsetter.populate(text="".join(sorted(set(text) | set(" 0123456789.%lp"))))
    subsetter.subset(cut)
    if "glyf" not in cut:
        order, glyphs = cut.getGlyphOrder(), cut.getGlyphSet()
        cut["loca"], cut["glyf"] = newTable("loca"), newTable("glyf")
        cut["glyf"].glyphOrder, cut["glyf"].glyphs = order, {}
        for name in order:
            pen = TTGlyphPen(glyphs)
            glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            cut["glyf"].glyphs[name] = pen.glyph()
        del cut["CFF "]
        cut["maxp"].tableVersion = 0x00010000
        for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                      "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                      "maxComponentElements"):
            setattr(cut["maxp"], field, 1 if field == "maxZones" else 0)
        cut["post"].formatType, cut["post"].extraNames, cut["post"].mapping = 2.0, [], {}
        cut.sfntVersion = "\x00\x01\x00\x00"
    target = folder / f"{font.path.stem}-{font.face}.ttf"
    cut.save(str(target))
    return target
