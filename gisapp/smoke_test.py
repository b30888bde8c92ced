"""`gisapp --smoke-test`: does this installation work? Run by every installer check (CI, the
Windows workflow, an IT department after a silent install).

Each step prints `ok <step> (what it saw)` or `FAILED <step>: why` and the run stops at the
first failure: exit 0 when every step passed, 1 otherwise. Everything is written to a temporary
folder; the planner's own data folder and settings are never touched.

No Qt here: the step that opens the main window lives in gisapp.views.smoke and is handed in.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from gisapp.analysis.indicators import IndicatorRow
from gisapp.project import Project


@dataclass
class SmokeRun:
    folder: Path  # temporary, removed afterwards
    project: Project | None = None
    rows: list[IndicatorRow] = field(default_factory=list)


Step = Callable[[SmokeRun], str]  # returns what it saw; raises on failure
WindowStep = Callable[[Project], str]


def check_data(run: SmokeRun) -> str:
    from gisapp.catalog import load_catalog
    from gisapp.resources import app_root
    from gisapp.targets import available_target_sets, target_set

    kinds = load_catalog()
    sets = available_target_sets()
    for set_id in sets:
        target_set(set_id)
    return f"{len(kinds)} layer kinds, {len(sets)} target sets in {app_root()}"


def check_reprojection(run: SmokeRun) -> str:
    """PROJ's database is found (a bundle without proj.db cannot build any CRS)."""
    from pyproj import Transformer

    from gisapp.crs import STORAGE_CRS, gcj02_to_wgs84, metric_crs

    lon, lat = 105.914, 36.982  # 同心县城
    metric = metric_crs(lon, lat)
    x, y = Transformer.from_crs(STORAGE_CRS, metric, always_xy=True).transform(lon, lat)
    back = Transformer.from_crs(metric, STORAGE_CRS, always_xy=True).transform(x, y)
    if abs(back[0] - lon) > 1e-7 or abs(back[1] - lat) > 1e-7 or not 3.9e6 < y < 4.3e6:
        raise AssertionError(f"({lon}, {lat}) came back as {back} via ({x:.1f}, {y:.1f})")
    gcj_lon, _ = gcj02_to_wgs84(lon, lat)
    if not 0 < abs(gcj_lon - lon) < 0.01:
        raise AssertionError(f"GCJ-02 shift of {lon} is {gcj_lon - lon}")
    return f"{STORAGE_CRS} → {metric.to_string()}: ({x:.0f}, {y:.0f}) m"


def build_demo_county(run: SmokeRun) -> str:
    from gisapp.demo import build_demo

    run.project = build_demo(run.folder / "同心县演示.gpkg")
    counts = {kind: run.project.layer_row_count(kind) for kind in run.project.layer_kinds()}
    return ", ".join(f"{kind} {n}" for kind, n in counts.items())


def round_trip_geopackage(run: SmokeRun) -> str:
    """A layer with Chinese text written to a new GeoPackage and read back unchanged."""
    import pyogrio

    project = _project(run)
    townships = project.read_layer("townships")
    path = run.folder / "往返.gpkg"
    pyogrio.write_dataframe(townships, path, layer="乡镇", use_arrow=True)
    again = pyogrio.read_dataframe(path, layer="乡镇", use_arrow=True)
    if pyogrio.get_gdal_data_path() is None:
        raise AssertionError("GDAL's data folder (gcs.csv, ...) is not found")
    if again.crs != townships.crs or list(again["name"]) != list(townships["name"]):
        raise AssertionError(f"{path} read back differs from what was written")
    if not again.geometry.geom_equals_exact(townships.geometry, tolerance=1e-9).all():
        raise AssertionError(f"{path}: geometries changed on the way")
    gdal = pyogrio.__gdal_version_string__
    return f"{len(again)} townships, {again.crs.to_string()}, GDAL {gdal}"


def import_roster(run: SmokeRun) -> str:
    """An Excel roster (written by XlsxWriter, read by calamine) into a county with the demo's
    townships and villages: two persons placed, one refused with its reason in a rejects file."""
    import xlsxwriter

    from gisapp.id_numbers import check_digit
    from gisapp.io.importer import import_file
    from gisapp.project import Settings

    demo = _project(run)
    county = Project.create(run.folder / "导入.gpkg", Settings(name="导入", county_code="640324"))
    villages = demo.read_layer("villages")
    county.write_layers({"townships": demo.read_layer("townships"), "villages": villages})
    village = villages.iloc[0]
    lon, lat = village.geometry.representative_point().coords[0]
    ids = [f"640324{birth}" for birth in ("19800101011", "19750505022", "19900909033")]
    ids = [first17 + check_digit(first17) for first17 in ids]
    path = run.folder / "名单.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet("名单")
        sheet.write_row(0, 0, ["姓名", "公民身份号码", "残疾类别", "残疾等级", "村代码", "经度",
                               "纬度"])
        for row, (grade, person) in enumerate(zip(("二级", "一级", "五级"), ids, strict=True)):
            sheet.write_row(row + 1, 0, ["测试", person, "肢体", grade, village["code"], lon, lat])
    result = import_file(county, "households", path)
    if (result.accepted, len(result.rejected)) != (2, 1) or result.rejects_path is None:
        raise AssertionError(f"{path}: {result.accepted} imported, {len(result.rejected)} "
                             "refused; expected 2 and 1 (grade 五级)")
    return f"{result.accepted} persons placed, 1 refused into {result.rejects_path.name}"


def compute_indicators(run: SmokeRun) -> str:
    from gisapp.analysis.indicators import project_indicators

    project = _project(run)
    run.rows = project_indicators(project, level="county")
    figures = {r.indicator: r.value for r in run.rows}
    reach = figures.get("rehab_reach")
    if reach is None or not 0 < reach < 1:
        raise AssertionError(f"rehab reach of the demo county is {reach}")
    return f"{len(run.rows)} county indicators, rehab reach {reach:.1%}"


def write_pdf_page(run: SmokeRun) -> str:
    """The county page of the print layout, as `gisapp print` writes it."""
    from gisapp.render import PageOptions, prepare_report, render_page

    report = prepare_report(_project(run))
    path = render_page(report, PageOptions("A4", "landscape"),
                       run.folder / "康复覆盖.pdf").files[0]
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise AssertionError(f"{path} is not a PDF with an embedded TrueType font")
    return f"{len(data) // 1024} KB, font {_font_name()}"


def write_webmap_file(run: SmokeRun) -> str:
    """The offline web map: folium's templates and the shipped Leaflet must be in the build."""
    from gisapp.render import prepare_report, write_webmap

    path = write_webmap(prepare_report(_project(run)), run.folder / "康复覆盖.html")
    html = path.read_text(encoding="utf-8")
    if "L.map(" not in html or '<script src="http' in html:
        raise AssertionError(f"{path} is not an offline Leaflet map")
    return f"{len(html) // 1024} KB, offline"


def _project(run: SmokeRun) -> Project:
    if run.project is None:
        raise AssertionError("the demo county was not built")
    return run.project


def _font_name() -> str:
    from gisapp.font_files import cjk_font

    font = cjk_font()
    return f"{font.family} ({font.path.name})" if font else "none"


def steps(window: WindowStep | None) -> list[tuple[str, Step]]:
    listed: list[tuple[str, Step]] = [
        ("data", check_data),
        ("reproject", check_reprojection),
        ("demo", build_demo_county),
        ("geopackage", round_trip_geopackage),
        ("import", import_roster),
        ("indicators", compute_indicators),
    ]
    if window is not None:
        listed.append(("window", lambda run: window(_project(run))))
    listed += [("pdf", write_pdf_page), ("webmap", write_webmap_file)]
    return listed


def run_smoke_test(window: WindowStep | None = None, *, out: TextIO | None = None,
                   err: TextIO | None = None) -> int:
    """Run every step in a temporary folder; 0 when all passed, 1 at the first failure."""
    out, err = out or sys.stdout, err or sys.stderr
    for stream in (out, err):
        # A pipe on an English Windows is cp1252: Chinese is escaped there, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    with tempfile.TemporaryDirectory(prefix="gisapp-smoke-", ignore_cleanup_errors=True) as tmp:
        run = SmokeRun(Path(tmp))
        for name, step in steps(window):
            try:
                seen = step(run)
            except Exception as exc:
                print(f"FAILED {name}: {type(exc).__name__}: {exc}", file=out, flush=True)
                traceback.print_exc(file=err)
                return 1
            print(f"ok {name} ({seen})", file=out, flush=True)
    print("smoke test passed", file=out, flush=True)
    return 0
