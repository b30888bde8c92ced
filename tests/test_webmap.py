"""The offline web map: strings in the HTML (no CDN, nothing personal), and a real browser with
the network cut off drawing it, its network log showing the page asked for nothing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from gisapp.project import Project
from gisapp.render import MapReport, prepare_report, write_webmap
from gisapp.render.webassets import ASSETS
from gisapp.thematic import FAR, MET, NEAR, SHORT

pytestmark = pytest.mark.filterwarnings("error")

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
REMOTE = r"""(?:https?:)?//"""


@pytest.fixture(scope="module")
def report(demo_project: Project) -> MapReport:
    return prepare_report(demo_project)


@pytest.fixture(scope="module")
def web_map(report: MapReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_webmap(report, tmp_path_factory.mktemp("web") / "map.html")


def test_no_script_or_stylesheet_comes_from_the_network(web_map: Path) -> None:
    html = web_map.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)  # all inline
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?" + REMOTE, html, re.IGNORECASE)
    assert not re.search(r"url\(\s*[\"']?" + REMOTE, html, re.IGNORECASE)
    assert not re.search(r"@import", html)
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg"):
        assert cdn not in html
    # the browser is told to refuse anything but the page's own content
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "L.markerClusterGroup" in html and "Leaflet 1.9.4" in html


def test_the_map_has_its_layers_legend_and_names(web_map: Path, report: MapReport) -> None:
    html = web_map.read_text(encoding="utf-8")
    assert report.state.choropleth is not None
    for expected in (report.state.choropleth.title, "图　例", "县界", "康复站（57 个）",
                     "乡镇残疾人服务机构（8 个）", f"（匿名点，{len(report.uncovered):,} 人）",
                     "宁残联发〔2021〕46号", "L.control.layers",
                     *report.township_names().values()):
        assert expected in html, expected
    # the layer control's entries are JSON in the script
    assert json.dumps("残疾人家庭（聚合，14,731 人）") in html
    assert "tianditu" not in html  # no basemap without a key


def test_popups_carry_masked_data_only(web_map: Path, demo_project: Project) -> None:
    html = web_map.read_text(encoding="utf-8")
    people = demo_project.read_layer("households")
    assert not set(re.findall(r"\d{17}[\dX]", html)) & set(people["id_number"].dropna())
    assert not set(re.findall(r"\d{11}", html)) & set(people["phone"].dropna())
    masked = re.findall(r'"(\d{6}\*{8}[\dX]{4})"', html)
    assert len(masked) == people["id_number"].notna().sum()
    places = " ".join(demo_project.read_layer("villages")["name"]) + " ".join(
        demo_project.read_layer("townships")["name"])
    names = {n for n in people["name"].dropna() if len(n) >= 2 and n not in places}
    # every run of 2-4 Chinese characters in the file, against the roster's names
    runs = re.findall(r"[\u4e00-\u9fff]+", html)
    pieces = {run[i:i + n] for run in runs for n in (2, 3, 4) for i in range(len(run) - n + 1)}
    assert not names & pieces


def test_a_tianditu_key_adds_the_basemap(report: MapReport, tmp_path: Path) -> None:
    html = write_webmap(report, tmp_path / "map.html", tianditu_key="abc123").read_text(
        encoding="utf-8")
    assert "tianditu.gov.cn/DataServer?T=vec_w" in html and "tk=abc123" in html
    assert "img-src data: https://*.tianditu.gov.cn" in html


def test_the_shipped_assets_have_their_licences() -> None:
    for name in ("leaflet.js", "leaflet.css", "leaflet.markercluster.js", "LICENSE-leaflet.txt",
                 "LICENSE-leaflet.markercluster.txt", "README.md"):
        assert (ASSETS / name).is_file(), name


def browse(page: Path, out: Path, net_log: Path) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with every connection sent to a closed port, its net log kept."""
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         "--enable-logging=stderr", "--v=0", f"--log-net-log={net_log}",
         "--virtual-time-budget=10000", "--window-size=1200,900", f"--screenshot={out}",
         page.as_uri()], capture_output=True, text=True, timeout=120)


def page_requests(net_log: Path) -> list[str]:
    """http(s) URLs the page asked for (the browser's own update checks are not the page's)."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and "url" in e.get("params", {})
            and e["params"]["url"].startswith(("http:", "https:"))
            and str(e["params"].get("network_isolation_key", "")).startswith("file://")]


def share_of(image: np.ndarray, colour: str, tolerance: int = 3) -> float:
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    return float((np.abs(image.astype(int) - rgb) <= tolerance).all(axis=2).mean())


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine: install it "
                    "(apt-get install chromium) to open the web map in a real browser")
def test_a_browser_with_no_network_draws_the_map(web_map: Path, report: MapReport,
                                                 tmp_path: Path) -> None:
    shot, net_log = tmp_path / "map.png", tmp_path / "net.json"
    result = browse(web_map, shot, net_log)
    assert shot.is_file(), result.stderr[-2000:]
    assert "Uncaught" not in result.stderr, result.stderr[-2000:]
    assert page_requests(net_log) == []
    image = (imread(shot)[:, :, :3] * 255).round().astype(np.uint8)
    # every class the choropleth uses is on the screen (the county fills a fifth of it)
    assert report.state.choropleth is not None
    assert {MET, NEAR, SHORT, FAR} <= set(report.state.choropleth.legend)
    shares = {label: share_of(image, colour) for label, colour in (MET, NEAR, SHORT, FAR)}
    assert all(share > 0.01 for share in shares.values()), shares
    assert sum(shares.values()) > 0.08, shares


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")
def test_the_network_check_sees_a_page_request(report: MapReport, tmp_path: Path) -> None:
    """The control: with a Tianditu key the page does ask for tiles, and the log shows it."""
    page = write_webmap(report, tmp_path / "map.html", tianditu_key="abc123")
    net_log = tmp_path / "net.json"
    browse(page, tmp_path / "map.png", net_log)
    assert any("tianditu.gov.cn" in url for url in page_requests(net_log))


def hand_project(tmp_path: Path, *, boundaries: bool = True) -> Project:
    from tests.hand_county import SETTINGS, hand_county

    layers = hand_county()
    if not boundaries:  # a township list imported as a table
        layers["townships"] = layers["townships"].set_geometry([None, None], crs="EPSG:4490")
    project = Project.create(tmp_path / "hand.gpkg", SETTINGS)
    project.write_layers(layers)
    return project


def test_the_info_box_says_how_many_could_not_be_placed(tmp_path: Path) -> None:
    # p5 has a rehab need and no location: in the county's denominator, never within reach
    report = prepare_report(hand_project(tmp_path))
    html = write_webmap(report, tmp_path / "map.html").read_text(encoding="utf-8")
    info_box = html[html.index('id="gisapp-title"'):html.index('id="gisapp-legend"')]
    assert "全县分母 5 人，其中 1 人无坐标，未计入服务半径覆盖" in info_box
    # 乙乡's popup: the popup's labels and values are JSON in the script
    assert json.dumps("分母中无坐标（未计入覆盖）") in html and json.dumps("1 人") in html


def test_townships_without_boundaries_still_make_a_map(tmp_path: Path) -> None:
    report = prepare_report(hand_project(tmp_path, boundaries=False))
    html = write_webmap(report, tmp_path / "map.html").read_text(encoding="utf-8")
    assert "乡镇无界线数据，地图不分乡镇着色" in html
    legend = html[html.index('id="gisapp-legend"'):]
    assert "县界" not in legend and "差距" not in legend  # nothing drawn, nothing listed
    assert "康复站（1 个）" in legend and "fitBounds" in html


def test_facilities_without_a_location_leave_the_map_alone(tmp_path: Path) -> None:
    from gisapp.project import Project
    from gisapp.render import prepare_report, write_webmap
    from tests.hand_county import SETTINGS, hand_county

    layers = hand_county()
    layers["service_centers"]["geometry"] = None  # listed by township code only
    project = Project.create(tmp_path / "p.gpkg", SETTINGS)
    project.write_layers(layers)
    out = tmp_path / "map.html"
    write_webmap(prepare_report(project, None, None), out)
    assert out.stat().st_size > 0
