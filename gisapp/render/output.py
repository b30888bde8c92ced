"""Pages to files: a vector PDF with the Chinese font embedded, a PNG at 300 dpi, the township
atlas as one PDF, and a small preview image for a print dialog.

Figures are made with `matplotlib.figure.Figure` and a canvas of their own, never pyplot, so
rendering runs on a worker thread without touching any GUI backend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.text import Text

from gisapp.errors import UserError
from gisapp.feedback import Feedback
from gisapp.render.page import PageOptions, compose_page, compose_pages, page_title
from gisapp.render.report import MapReport
from gisapp.render.truetype import is_truetype, truetype_subset

PNG_DPI = 300
# 42: TrueType in the PDF, so the text stays text (pdftotext, search, copy) in the embedded font.
_PDF_RC = {"pdf.fonttype": 42, "pdf.compression": 6}


@dataclass(frozen=True)
class Printed:
    files: list[Path]  # the PDF, or one PNG per page
    pages: int


def render_page(report: MapReport, options: PageOptions, out: Path, *,
                township: str | None = None, feedback: Feedback | None = None) -> Printed:
    """The county page to `out` (.pdf or .png), or one township's atlas page. A township
    table too long for the page continues on further pages: more pages of the PDF, or
    FILE-2.png, FILE-3.png ... beside FILE.png (an image is one page)."""
    feedback = feedback or Feedback()
    suffix = _suffix(out, (".pdf", ".png"))
    figures = compose_pages(report, options) if township is None else [
        compose_page(report, options, township)]
    feedback.check()
    feedback.set_progress(50)
    if suffix == ".pdf":
        _save_pdf(figures, out, _pdf_metadata(report, options, township))
        feedback.set_progress(100)
        return Printed([out], len(figures))
    files = [out] + [out.with_name(f"{out.stem}-{n}{out.suffix}")
                     for n in range(2, len(figures) + 1)]
    for done, (figure, path) in enumerate(zip(figures, files, strict=True), start=1):
        feedback.check()
        FigureCanvasAgg(figure)
        # whole pixels, rounded: A4 is 3508 x 2480 at 300 dpi (matplotlib would cut to 3507)
        width, height = figure.get_size_inches()
        figure.set_size_inches(round(width * PNG_DPI) / PNG_DPI, round(height * PNG_DPI) / PNG_DPI)
        figure.savefig(path, dpi=PNG_DPI, metadata=_png_metadata(report, options, township))
        feedback.set_progress(50 + 50 * done / len(figures))
    return Printed(files, len(figures))


def render_atlas(report: MapReport, options: PageOptions, out: Path, *,
                 feedback: Feedback | None = None) -> list[str]:
    """One page per township, in the order of the township layer, into one PDF. Returns the
    township codes in page order. Raises Cancelled between pages."""
    feedback = feedback or Feedback()
    _suffix(out, (".pdf",))
    codes = [row.code for row in report.rows_of(report.indicator.id)]
    if not codes:
        raise UserError("项目没有乡镇（街道）：图集没有可印的页")
    figures = []
    for done, code in enumerate(codes, start=1):
        feedback.check()
        figures.append(compose_page(report, options, code))
        feedback.set_progress(40 * done / len(codes))
    title = options.title or f"{report.county_name}{report.indicator.name} 乡镇图集"
    _save_pdf(figures, out, {**_pdf_metadata(report, options, None), "Title": title},
              feedback=feedback)
    return codes


def preview(report: MapReport, options: PageOptions, *, township: str | None = None,
            dpi: float = 60) -> npt.NDArray[np.uint8]:
    """The page as an RGBA image (height, width, 4) for a dialog to show; 60 dpi makes an
    A4 page 700 pixels wide."""
    figure = compose_page(report, options, township)
    canvas = FigureCanvasAgg(figure)
    figure.set_dpi(dpi)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def _suffix(out: Path, allowed: Sequence[str]) -> str:
    suffix = Path(out).suffix.lower()
    if suffix not in allowed:
        raise UserError(f"{out}：专题图只能写成 {' 或 '.join(allowed)} 文件")
    if not Path(out).parent.is_dir():
        raise UserError(f"{out}：文件夹 {Path(out).parent} 不存在")
    return suffix


def _save_pdf(figures: list[Figure], out: Path, metadata: dict[str, object], *,
              feedback: Feedback | None = None) -> None:
    """Every figure a page of one PDF; written beside `out` and moved over it when complete,
    so a cancelled or failed print leaves no half-written file."""
    feedback = feedback or Feedback()
    _embeddable_fonts(figures)
    partial = out.with_name(f".{out.name}.part")
    try:
        with mpl.rc_context(_PDF_RC), PdfPages(partial, metadata=metadata) as pdf:
            for done, figure in enumerate(figures, start=1):
                feedback.check()
                pdf.savefig(figure)
                feedback.set_progress(40 + 60 * done / len(figures))
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


def _embeddable_fonts(figures: Iterable[Figure]) -> None:
    """Point every text drawn from a CFF font at a TrueType copy of the glyphs it uses
    (see truetype.py); TrueType fonts are left as they are."""
    texts = [t for figure in figures for t in figure.findobj(Text) if t.get_text()]
    by_file: dict[object, list[Text]] = {}
    for text in texts:
        by_file.setdefault(findfont(text.get_fontproperties()), []).append(text)
    for path, users in by_file.items():
        if is_truetype(path):
            continue
        converted = truetype_subset(path, "".join(t.get_text() for t in users))
        for text in users:
            size = text.get_fontproperties().get_size_in_points()
            text.set_fontproperties(FontProperties(fname=converted, size=size))


def _pdf_metadata(report: MapReport, options: PageOptions,
                  township: str | None) -> dict[str, object]:
    return {"Title": page_title(report, options, township), "Author": report.issuing_office,
            "Subject": f"{report.indicator.name}（{report.targets.document}）",
            "Creator": "gisapp", "CreationDate": dt.datetime.now(dt.UTC)}


def _png_metadata(report: MapReport, options: PageOptions,
                  township: str | None) -> dict[str, str]:
    return {"Title": page_title(report, options, township), "Author": report.issuing_office,
            "Software": "gisapp"}
