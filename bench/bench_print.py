"""Printed maps of the demo county, each against a baseline measured in the same run.

    python3 bench/bench_print.py [--rounds 3]

1. One A3 page: the report (indicators per county and township, persons beyond reach) and the
   page as a PDF, then as a 300-dpi PNG. Floor of issue 6: under 3 s.
   Baseline: the plainest matplotlib map of the same data, `GeoDataFrame.plot` of the townships
   in the same colours with the same dots and a title, saved to an A3 PDF.
2. The township atlas, 11 pages in one PDF (A4 and A3). Floor: under 30 s.
   Baseline: 11 plain pages as above, zoomed to each township, in one PDF.
3. `gisapp print` as a user runs it: a new process, imports included (one round), and the
   bare start of Python with gisapp's imports, which every command pays.
4. The offline web map.

Times are the best of the rounds (the atlas: of two); nothing is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import matplotlib as mpl
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from timing import best

from gisapp.demo import build_demo
from gisapp.project import Project
from gisapp.render import MapReport, PageOptions, prepare_report, render_atlas, render_page
from gisapp.render.fonts import cjk_font

REPO = Path(__file__).resolve().parent.parent


def plain_pages(report: MapReport, out: Path, codes: list[str | None]) -> None:
    """The baseline: geopandas' own plot, one A3 page per entry of `codes` (None: county)."""
    townships = report.state.layers.by_id("townships").data
    colours = report.state.choropleth.colours if report.state.choropleth else {}
    fill = townships["code"].map(colours).fillna("#c8c8c8")
    dots = report.uncovered
    prop = cjk_font().properties(16)
    with mpl.rc_context({"pdf.fonttype": 42}), PdfPages(out) as pdf:
        for code in codes:
            figure = Figure(figsize=(420 / 25.4, 297 / 25.4))
            ax = figure.add_axes((0.05, 0.05, 0.9, 0.85))
            townships.plot(ax=ax, color=fill, edgecolor="#4a4a4a")
            dots.plot(ax=ax, markersize=2, color="#2e3552")
            if code is not None:
                ax.set_xlim(*townships[townships["code"] == code].total_bounds[[0, 2]])
                ax.set_ylim(*townships[townships["code"] == code].total_bounds[[1, 3]])
            ax.set_axis_off()
            figure.suptitle(report.indicator.name, fontproperties=prop)
            pdf.savefig(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        project = build_demo(out / "demo.gpkg")
        project = Project.open(project.path)
        a3 = PageOptions("A3", "landscape")
        start = time.perf_counter()  # cold: the font is found and its glyphs cut on first use
        report = prepare_report(project)
        render_page(report, a3, out / "cold.pdf")
        cold = time.perf_counter() - start

        page = best({
            "report": lambda: prepare_report(project),
            "A3 PDF page": lambda: render_page(report, a3, out / "page.pdf"),
            "A3 PNG page, 300 dpi": lambda: render_page(report, a3, out / "page.png"),
            "baseline": lambda: plain_pages(report, out / "b.pdf", [None]),
        }, args.rounds)
        total = page["report"] + page["A3 PDF page"]
        print("1. One A3 page of the demo county (14,731 persons, 11 townships); baseline: "
              "GeoDataFrame.plot, A3 PDF")
        for name, seconds in page.items():
            print(f"   {name:<38} {seconds:6.2f} s")
        print(f"   first page of a process (font found, glyphs converted) {cold:.2f} s")
        print(f"   report + A3 PDF page {total:.2f} s (floor 3 s); "
              f"report + A3 PNG {page['report'] + page['A3 PNG page, 300 dpi']:.2f} s; "
              f"page / baseline {page['A3 PDF page'] / page['baseline']:.1f}x")

        codes = [r.code for r in report.rows_of(report.indicator.id)]
        atlas = best({
            "atlas A4, 11 pages": lambda: render_atlas(report, PageOptions("A4"),
                                                       out / "atlas4.pdf"),
            "atlas A3, 11 pages": lambda: render_atlas(report, a3, out / "atlas3.pdf"),
            "baseline": lambda: plain_pages(report, out / "b11.pdf", codes),
        }, min(args.rounds, 2))
        print("2. The township atlas; baseline: 11 plain A3 pages")
        for name, seconds in atlas.items():
            print(f"   {name:<38} {seconds:6.2f} s")
        worst = max(atlas["atlas A4, 11 pages"], atlas["atlas A3, 11 pages"])
        print(f"   report + slower atlas {page['report'] + worst:.2f} s (floor 30 s); "
              f"A3 atlas / baseline "
              f"{atlas['atlas A3, 11 pages'] / atlas['baseline']:.1f}x")

        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gisapp", "print", str(project.path), "--out",
                        str(out / "cli.pdf"), "--paper", "A3"], cwd=REPO, check=True,
                       capture_output=True)
        cli = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import gisapp.render, gisapp.project"], cwd=REPO,
                       check=True)
        imports = time.perf_counter() - start
        print(f"3. gisapp print --paper A3 in a new process: {cli:.2f} s "
              f"(of which starting Python and importing: {imports:.2f} s)")

        from gisapp.render import write_webmap

        web = best({"web map": lambda: write_webmap(report, out / "map.html")}, args.rounds)
        size = (out / "map.html").stat().st_size / 1e6
        print(f"4. Offline web map: {web['web map']:.2f} s, {size:.1f} MB")


if __name__ == "__main__":
    main()
