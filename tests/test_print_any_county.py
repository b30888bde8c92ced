"""The county page of a county of any size or shape: 39 and 80 townships with long names
(tests/big_county.py), and townships imported as a list without boundaries. Read back with
poppler (pdfinfo, and pdftotext cropped to the table); laid out as the figure's artists say."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from gisapp.project import Project
from gisapp.render import MapReport, PageOptions, prepare_report, render_atlas, render_page
from gisapp.render.page import compose_pages
from gisapp.render.sheet import page_size_mm
from tests.big_county import SETTINGS, big_county, township_names
from tests.hand_county import SETTINGS as HAND_SETTINGS
from tests.hand_county import hand_county
from tests.test_print import page_points, poppler, text_of

pytestmark = pytest.mark.filterwarnings("error")


def project_of(folder: Path, layers: dict, settings=SETTINGS) -> Project:
    project = Project.create(folder / "county.gpkg", settings)
    project.write_layers(layers)
    return project


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[int, MapReport]:
    return {n: prepare_report(project_of(tmp_path_factory.mktemp(f"big{n}"), big_county(n)))
            for n in (39, 80)}


def axes(figure: Figure, label: str) -> list[Axes]:
    return [ax for ax in figure.axes if ax.get_label() == label]


def drawn_extents(ax: Axes, renderer, gid: str | None = None) -> list[Bbox]:
    """Where the axes' visible texts, lines and patches are drawn (window pixels)."""
    artists = [a for a in (*ax.texts, *ax.lines, *ax.patches, *ax.collections)
               if a.get_visible() and (gid is None or a.get_gid() == gid)]
    extents = [a.get_window_extent(renderer) for a in artists
               if not isinstance(a, Text) or a.get_text()]
    return [e for e in extents if np.isfinite(e.get_points()).all()]  # an empty collection


def table_text(pdf: Path, figures: list[Figure]) -> str:
    """The text inside the table's box on every page, in the order drawn, without spaces."""
    parts = []
    for page, figure in enumerate(figures, start=1):
        figure.set_dpi(72)  # window pixels are PDF points
        (table,) = axes(figure, "table")
        box = table.get_window_extent()
        top = figure.bbox.height - box.y1
        parts.append(poppler("pdftotext", "-raw", "-f", page, "-l", page, "-x", int(box.x0),
                             "-y", int(top), "-W", int(box.width) + 1, "-H",
                             int(box.height) + 1, pdf, "-"))
    return re.sub(r"\s+", "", "".join(parts))


@pytest.mark.parametrize(("townships", "paper", "orientation", "pages"), [
    (39, "A4", "portrait", 1), (39, "A4", "landscape", 1), (39, "A3", "portrait", 1),
    (80, "A4", "portrait", 2), (80, "A4", "landscape", 2), (80, "A3", "landscape", 2)])
def test_every_township_is_in_the_table_once(reports: dict[int, MapReport], tmp_path: Path,
                                             townships: int, paper: str, orientation: str,
                                             pages: int) -> None:
    report, options = reports[townships], PageOptions(paper, orientation)
    printed = render_page(report, options, tmp_path / "county.pdf")
    assert printed.pages == pages and len(page_points(printed.files[0])) == pages
    text = table_text(printed.files[0], compose_pages(report, options))
    names = township_names(townships)
    assert {name: text.count(name) for name in names} == dict.fromkeys(names, 1)
    assert text.count("全县（同心县）") == 1  # the county's row, once, after every township
    assert text.rindex("全县（同心县）") > max(text.index(name) for name in names)
    # each township: 2 persons in need located, 1 not; the county note says so
    assert f"全县分母{3 * townships}人，其中{townships}人无坐标，未计入服务半径覆盖" in text
    if pages > 1:
        assert "续表见第2页" in text_of(printed.files[0], 1)
        assert "（分乡镇，续；目标≥90%）" in text_of(printed.files[0], 2)
        assert f"第{pages}页，共{pages}页" in text_of(printed.files[0], pages)


@pytest.mark.parametrize(("townships", "paper", "orientation"), [
    (39, "A4", "landscape"), (39, "A4", "portrait"), (80, "A4", "landscape"),
    (80, "A4", "portrait"), (80, "A3", "portrait")])
def test_the_table_keeps_to_its_box(reports: dict[int, MapReport], townships: int,
                                    paper: str, orientation: str) -> None:
    for figure in compose_pages(reports[townships], PageOptions(paper, orientation)):
        renderer = FigureCanvasAgg(figure).get_renderer()
        (table,) = axes(figure, "table")
        box = table.get_window_extent(renderer)
        drawn = drawn_extents(table, renderer)
        assert drawn
        inside = box.expanded(1.0, 1.0).padded(1.0)  # a pixel's tolerance for rounding
        assert all(inside.contains(e.x0, e.y0) and inside.contains(e.x1, e.y1) for e in drawn)
        (footer,) = axes(figure, "footer")
        others = [*drawn_extents(footer, renderer)]
        for label in ("legend", "locator"):
            others += [e for ax in axes(figure, label) for e in drawn_extents(ax, renderer)]
        others += drawn_extents(axes(figure, "page")[0], renderer, gid="scale-bar")  # 比例尺
        for ax in axes(figure, "map"):
            others.append(ax.get_window_extent(renderer))
            scale_bar = drawn_extents(ax, renderer, gid="scale-bar")
            assert scale_bar
            others += scale_bar
        assert others
        assert not [e for e in others if box.overlaps(e)]


def test_a_long_table_as_png_is_two_images(reports: dict[int, MapReport],
                                           tmp_path: Path) -> None:
    printed = render_page(reports[80], PageOptions("A4", "portrait"), tmp_path / "county.png")
    assert printed.files == [tmp_path / "county.png", tmp_path / "county-2.png"]
    width, height = page_size_mm("A4", "portrait")
    for path in printed.files:
        with Image.open(path) as image:
            assert image.size == (round(width / 25.4 * 300), round(height / 25.4 * 300))


def test_townships_without_boundaries_still_print(tmp_path: Path) -> None:
    layers = hand_county()
    layers["townships"] = layers["townships"].set_geometry([None, None], crs="EPSG:4490")
    report = prepare_report(project_of(tmp_path, layers, HAND_SETTINGS))
    assert report.drawn_townships() == set()
    out = render_page(report, PageOptions(), tmp_path / "county.pdf").files[0]
    assert page_points(out) == [(842, 595)]
    text = text_of(out)
    # every township with its figure, persons counted by their township codes: p6's code
    # (乙乡) now decides, no polygon saying otherwise; p5 is in 乙乡's denominator, unplaced
    for cell in ("甲镇66.7%2/3≥90%未达标", "乙乡50.0%1/2≥90%未达标",
                 "全县（同心县）60.0%3/5≥90%未达标", "乡镇无界线数据，按乡镇列表统计",
                 "全县分母5人，其中1人无坐标，未计入服务半径覆盖"):
        assert cell in text, cell
    # the legend lists nothing the map does not draw: no class, no boundary
    for absent in ("差距20个百分点以上", "县界", "乡镇（街道）界", "位置示意"):
        assert absent not in text, absent
    assert "康复站（1个）" in text  # what has a location is drawn
    # the atlas prints too, its pages saying the township has no boundary
    atlas = tmp_path / "atlas.pdf"
    assert render_atlas(report, PageOptions(), atlas) == ["640324100", "640324201"]
    first, second = text_of(atlas, 1), text_of(atlas, 2)
    assert "本乡镇无界线数据" in first and "本乡镇无界线数据" in second
    assert "本乡镇分母2人，其中1人无坐标，未计入服务半径覆盖" in second


def test_no_room_on_the_first_page_puts_the_whole_table_on_the_next(
        reports: dict[int, MapReport]) -> None:
    from dataclasses import replace

    from gisapp.render.fonts import cjk_font
    from gisapp.render.panels import county_table
    from gisapp.render.sheet import Sheet, layout
    from gisapp.render.township_table import plan_table

    page = layout("A4", "landscape")
    sheet = Sheet(Figure(figsize=(page.width / 25.4, page.height / 25.4)), page, cjk_font())
    table = county_table(reports[39])
    tiny = replace(page.table, y=page.table.bottom - 12, h=12)  # a legend left only 12 mm
    parts = plan_table(sheet, table, tiny, page.body, ["注：无坐标。"])
    assert parts[0].blocks == ()
    assert parts[0].notes[-1] == "……共 39 个乡镇（街道），分乡镇表见第 2 页"
    assert sorted(i for part in parts[1:] for block in part.blocks for i in block) == list(
        range(len(table.rows)))
