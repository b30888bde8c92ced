"""Printed maps read back with poppler (pdfinfo, pdffonts, pdftotext): page size and count,
the Chinese font embedded, the names and figures on the page, and nothing personal on it.
Any warning while rendering (a glyph missing from the font, say) fails the test."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.image import imread
from PIL import Image

from gisapp.cli import main
from gisapp.errors import UserError
from gisapp.feedback import Cancelled, Feedback
from gisapp.project import Project
from gisapp.render import MapReport, PageOptions, prepare_report, preview, render_atlas, render_page
from gisapp.render.fonts import cjk_font
from gisapp.render.map_figure import nice_length_km
from gisapp.render.sheet import page_size_mm
from tests.hand_county import SETTINGS, hand_county

pytestmark = pytest.mark.filterwarnings("error")

PAGE_POINTS = {("A4", "landscape"): (842, 595), ("A4", "portrait"): (595, 842),
               ("A3", "landscape"): (1191, 842), ("A3", "portrait"): (842, 1191)}
ID_NUMBER = re.compile(r"\d{17}[\dXx]")


def poppler(tool: str, *args: object) -> str:
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True,
                          check=True).stdout


def page_points(pdf: Path) -> list[tuple[int, int]]:
    """Each page's size in points, rounded."""
    info = poppler("pdfinfo", "-f", 1, "-l", 999, pdf)
    return [(round(float(w)), round(float(h)))
            for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def text_of(pdf: Path, page: int | None = None) -> str:
    """The text line by line as laid out, without spaces (pdftotext spaces CJK at will)."""
    pages = ["-f", page, "-l", page] if page else []
    lines = poppler("pdftotext", "-layout", *pages, pdf, "-").splitlines()
    return "\n".join(re.sub(r"\s+", "", line) for line in lines)


@pytest.fixture(scope="module")
def demo_report(demo_project: Project) -> MapReport:
    return prepare_report(demo_project)


@pytest.fixture(scope="module")
def hand_report(tmp_path_factory: pytest.TempPathFactory) -> MapReport:
    project = Project.create(tmp_path_factory.mktemp("hand") / "hand.gpkg", SETTINGS)
    project.write_layers(hand_county())
    return prepare_report(project)


@pytest.fixture(scope="module")
def county_pdf(demo_report: MapReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_page(demo_report, PageOptions("A3", "landscape"),
                       tmp_path_factory.mktemp("print") / "county.pdf").files[0]


@pytest.mark.parametrize(("paper", "orientation"), [("A4", "portrait"), ("A3", "portrait"),
                                                     ("A4", "landscape")])
def test_page_size_in_points(demo_report: MapReport, tmp_path: Path, paper: str,
                             orientation: str) -> None:
    out = render_page(demo_report, PageOptions(paper, orientation), tmp_path / "map.pdf").files[0]
    assert page_points(out) == [PAGE_POINTS[paper, orientation]]


def test_a3_landscape_is_one_page_of_a3(county_pdf: Path) -> None:
    assert page_points(county_pdf) == [PAGE_POINTS["A3", "landscape"]]


def test_the_chinese_font_is_embedded_as_truetype(county_pdf: Path) -> None:
    rows = [line.split() for line in poppler("pdffonts", county_pdf).splitlines()[2:]]
    assert rows, "no fonts in the PDF: the text would not be text"
    family = cjk_font().family.replace(" ", "")
    for row in rows:
        name, emb = row[0], row[-5]
        assert emb == "yes", f"{name} is not embedded"
        assert "Type 3" not in " ".join(row) and "Type 0C" not in " ".join(row), row
    assert any(family.lower()[:8] in row[0].lower() for row in rows), (family, rows)
    # poppler reads the file without a complaint about its fonts
    result = subprocess.run(["pdftotext", county_pdf, "-"], capture_output=True, text=True)
    assert "Mismatch" not in result.stderr and "Error" not in result.stderr, result.stderr


def test_the_page_names_every_township_the_indicator_and_its_source(
        county_pdf: Path, demo_report: MapReport) -> None:
    text = text_of(county_pdf)
    names = list(demo_report.township_names().values())
    assert len(names) == 11
    for name in names:
        assert name in text
    indicator = demo_report.indicator
    for expected in (indicator.name, indicator.target_text, demo_report.targets.document,
                     "同心县残疾人联合会", "数据日期：2026-06-30", "图例", "公里", "比例尺",
                     re.sub(r"\s+", "", demo_report.state.note)):
        assert expected in text, expected


def test_nothing_personal_is_printed(county_pdf: Path, demo_report: MapReport,
                                     demo_project: Project, tmp_path: Path) -> None:
    atlas = tmp_path / "atlas.pdf"
    render_atlas(demo_report, PageOptions(), atlas)
    people = demo_project.read_layer("households")
    places = " ".join(list(demo_report.township_names().values())
                      + list(demo_project.read_layer("villages")["name"]))
    # a person's name that is also part of a place name ("马高" in 马高庄乡) proves nothing
    names = {n for n in people["name"].dropna() if len(n) >= 2 and n not in places}
    for pdf in (county_pdf, atlas):
        text = text_of(pdf)
        assert not ID_NUMBER.search(text)
        assert "****" not in text  # not even masked numbers
        assert not [n for n in names if n in text]


def test_png_at_300_dpi(demo_report: MapReport, tmp_path: Path) -> None:
    out, = render_page(demo_report, PageOptions("A4", "landscape"), tmp_path / "map.png").files
    width_mm, height_mm = page_size_mm("A4", "landscape")
    with Image.open(out) as image:
        assert image.size == (round(width_mm / 25.4 * 300), round(height_mm / 25.4 * 300))
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.5)
    pixels = imread(out)[::8, ::8, :3]
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50  # a drawn page, not blank


def test_atlas_has_one_page_per_township(demo_report: MapReport, tmp_path: Path) -> None:
    out = tmp_path / "atlas.pdf"
    codes = render_atlas(demo_report, PageOptions("A4", "portrait"), out)
    names = demo_report.township_names()
    assert len(codes) == 11 and page_points(out) == [PAGE_POINTS["A4", "portrait"]] * 11
    for page, code in enumerate(codes, start=1):
        text = text_of(out, page)
        assert f"同心县{names[code]}{demo_report.indicator.name}" in text
        assert "公里外有康复需求人员的村" in text


def test_hand_county_figures_on_the_page(hand_report: MapReport, tmp_path: Path) -> None:
    # rehab reach, by location: 甲镇 p1, p2 (1 km), p6 (5 km) of p1, p2, p3, p6; 乙乡 p5, who
    # has no location, 0 of 1; the county 3 of 5. Only p3 is drawn: p5 cannot be.
    assert [(r.name, r.numerator, r.denominator) for r in hand_report.rows_of("rehab_reach")] \
        == [("甲镇", 3, 4), ("乙乡", 0, 1)]
    assert len(hand_report.uncovered) == 1
    point = hand_report.uncovered.to_crs(SETTINGS.metric_crs).iloc[0]
    assert (round(point.x), round(point.y)) == (508_000, 4_005_000)  # p3 at (8, 5) km
    text = text_of(render_page(hand_report, PageOptions(), tmp_path / "hand.pdf").files[0])
    for cell in ("甲镇75.0%3/4≥90%未达标", "乙乡0.0%0/1≥90%未达标",
                 "全县（同心县）60.0%3/5≥90%未达标", "全县60.0%，未达标", "全县1人",
                 # p5 counts against the county's figure but cannot be within reach
                 "注：全县分母5人，其中1人无坐标，未计入服务半径覆盖。"):
        assert cell in text, cell


def test_hand_county_atlas_lists_the_villages_beyond_reach(hand_report: MapReport,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "atlas.pdf"
    assert render_atlas(hand_report, PageOptions(), out) == ["640324100", "640324201"]
    first, second = text_of(out, 1), text_of(out, 2)
    # 甲镇: 二村 has p3 and p6 in need, p3 beyond reach, severe; the nearest station 5.5 km
    assert "有康复需求人员的村（1个）" in first and "二村2115.5" in first
    # 乙乡: 三村, p5 in need and unlocated (never within reach), 13 km from the station
    assert "三村" in second and "本乡镇0.0%，未达标" in second
    assert "本乡镇分母1人，其中1人无坐标，未计入服务半径覆盖" in second
    assert "无坐标" not in first  # everyone in need in 甲镇 has a location


def unlisted(frame):
    return frame.set_geometry([None] * len(frame), crs=frame.crs)


@pytest.mark.parametrize(("change", "why"), [
    (lambda layers: layers.pop("villages"), "未导入村（社区）图层，无法列出服务半径外的村"),
    (lambda layers: layers.update(villages=unlisted(layers["villages"]),
                                  households=unlisted(layers["households"])),
     "村（社区）图层只有名单，没有界线或位置，有康复需求者也没有坐标，无法判断哪些村在服务半径外")])
def test_an_atlas_without_villages_says_it_cannot_list_them(tmp_path: Path, change,
                                                           why: str) -> None:
    layers = hand_county()
    change(layers)
    project = Project.create(tmp_path / "hand.gpkg", SETTINGS)
    project.write_layers(layers)
    out = tmp_path / "atlas.pdf"
    render_atlas(prepare_report(project), PageOptions(), out)
    for page in (1, 2):
        text = text_of(out, page)
        assert why in text.replace("\n", "")  # wrapped as the panel's width needs
        assert "本乡镇有康复需求者均在康复站服务半径内" not in text  # not "nobody beyond reach"
        assert "有康复需求人员的村（0个）" not in text


def test_preview_is_an_image_of_the_page(hand_report: MapReport) -> None:
    image = preview(hand_report, PageOptions("A4", "landscape"), dpi=40)
    assert image.dtype == np.uint8 and image.shape == (int(210 / 25.4 * 40),
                                                       int(297 / 25.4 * 40), 4)


def test_a_cancelled_atlas_leaves_no_file(hand_report: MapReport, tmp_path: Path) -> None:
    feedback = Feedback()
    feedback.cancel()
    with pytest.raises(Cancelled):
        render_atlas(hand_report, PageOptions(), tmp_path / "atlas.pdf", feedback=feedback)
    assert list(tmp_path.iterdir()) == []


def test_wrong_output_names_are_user_errors(hand_report: MapReport, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.pdf 或 \.png"):
        render_page(hand_report, PageOptions(), tmp_path / "map.svg")
    with pytest.raises(UserError, match="不存在"):
        render_page(hand_report, PageOptions(), tmp_path / "no" / "map.pdf")


@pytest.mark.parametrize(("width_km", "bar_km"), [(120, 20), (30, 5), (9, 1), (250, 50),
                                                  (4, 0.5)])
def test_scale_bar_lengths_are_round(width_km: float, bar_km: float) -> None:
    assert nice_length_km(width_km * 1000) == bar_km


def test_print_and_webmap_commands(demo_project: Project, tmp_path: Path, capsys) -> None:
    out = tmp_path / "map.pdf"
    assert main(["print", str(demo_project.path), "--out", str(out), "--paper", "A3",
                 "--orientation", "portrait", "--title", "二〇二六年康复服务覆盖情况"]) == 0
    assert "A3 1 页" in capsys.readouterr().out
    assert page_points(out) == [PAGE_POINTS["A3", "portrait"]]
    assert "二〇二六年康复服务覆盖情况" in text_of(out)
    assert main(["print", str(demo_project.path), "--out", str(tmp_path / "a.png"),
                 "--atlas", "township"]) == 2
    assert "图集是每个乡镇一页的 PDF" in capsys.readouterr().err
    assert main(["print", str(demo_project.path), "--out", str(out),
                 "--indicator", "no_such"]) == 2
    assert main(["print", str(demo_project.path), "--out", str(out), "--targets",
                 "tongxin_2021", "--indicator", "renovation_rate"]) == 0
    assert "目标为全县总数" in text_of(out)  # a count target is not judged per township
    html = tmp_path / "map.html"
    assert main(["webmap", str(demo_project.path), "--out", str(html)]) == 0
    assert html.stat().st_size > 100_000


def test_a_font_shipped_with_the_product_comes_first(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not noto.is_file():
        pytest.skip("needs fonts-noto-cjk to stand in for a shipped font")
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / noto.name).symlink_to(noto)
    monkeypatch.setenv("GISAPP_HOME", str(tmp_path))
    cjk_font.cache_clear()
    try:
        # of a collection, its Simplified Chinese face (the file's first face is Japanese)
        assert cjk_font().family == "Noto Sans CJK SC"
    finally:
        cjk_font.cache_clear()
        manager = font_manager.fontManager  # forget the stand-in's faces again
        manager.ttflist = [e for e in manager.ttflist if not e.fname.startswith(str(tmp_path))]
