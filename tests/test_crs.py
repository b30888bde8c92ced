"""CRS handling: GCJ-02/BD-09 against published implementations, exact inverses, metric CRSs."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pytest
from pyproj import Geod, Transformer

from gisapp import crs

GEOD = Geod(ellps="WGS84")

# Reference values were computed once with coordtransform 0.2.1 (the Python port of the widely
# used wandergis/coordTransform_py) and prcoords 1.0.2; both gave identical digits for every
# pair. They are hard-coded so the tests need neither package. Our forward formula is the same
# arithmetic in the same order, so 1e-9 degrees (0.1 mm) leaves room only for libm differences.
FORWARD_TOL = 1e-9
WGS_TO_GCJ = [
    ((116.404, 39.915), (116.41024449916938, 39.91640428150164)),  # Tiananmen
    ((106.0, 37.0), (106.00421602371304, 37.000270156371954)),  # Ningxia
    ((121.4737, 31.2304), (121.47822305927693, 31.22845773757727)),  # Shanghai
    ((113.2644, 23.1291), (113.26972959210308, 23.126423339922844)),  # Guangzhou
    ((128.543, 37.065), (128.54820547949757, 37.065651049489816)),  # coordtransform's example
]
WGS_TO_BD = [
    ((116.404, 39.915), (116.41662724378733, 39.922699552216216)),
    ((106.0, 37.0), (106.01080744359791, 37.00606036556008)),
    ((121.4737, 31.2304), (121.484781468503, 31.234310593689997)),
    ((128.543, 37.065), (128.55468192918485, 37.07168344938498)),
]
# Exact inverses from prcoords' iterative gcj_wgs_bored / bd_gcj_bored with PRC_EPS set to
# 1e-13 (its default 1e-5 degrees stops at about a metre); ours agreed to 3e-12 degrees.
GCJ_TO_WGS_EXACT = [
    ((116.404, 39.915), (116.39775575457485, 39.913596235609404)),
    ((106.0, 37.0), (105.99580072183295, 36.99974278055768)),
    ((121.4737, 31.2304), (121.4691622633295, 31.232329239037504)),
]
BD_TO_GCJ_EXACT = [
    ((116.404, 39.915), (116.3976270878572, 39.90865633947842)),
    ((106.0, 37.0), (105.99346153518107, 36.99405087466625)),
    ((121.4737, 31.2304), (121.46719518103357, 31.22434191375537)),
]
# coordtransform's one-step bd09_to_gcj02 for Tiananmen: only approximate, it lands 0.05 m
# from the point whose BD-09 really is (116.404, 39.915).
TIANANMEN_BD_TO_GCJ_PUBLISHED = (116.39762729119315, 39.90865673957631)

ROUND_TRIP_TOL_M = 0.01


def _pairs(table: list[tuple[tuple[float, float], tuple[float, float]]]) -> list[object]:
    return [pytest.param(src, dst, id=f"{src[0]},{src[1]}") for src, dst in table]


def _metres(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])


def _china_points(n: int = 10_000) -> tuple[np.ndarray, np.ndarray]:
    # The whole GCJ box less 0.1 degree, so shifted points never cross its edge.
    rng = np.random.default_rng(20240601)
    return rng.uniform(72.104, 137.7347, n), rng.uniform(0.9293, 55.7271, n)


@pytest.mark.parametrize(("wgs", "gcj"), _pairs(WGS_TO_GCJ))
def test_wgs84_to_gcj02_matches_published(wgs: tuple[float, float], gcj: tuple[float, float]):
    assert crs.wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=FORWARD_TOL, rel=0)


@pytest.mark.parametrize(("wgs", "bd"), _pairs(WGS_TO_BD))
def test_wgs84_to_bd09_matches_published(wgs: tuple[float, float], bd: tuple[float, float]):
    assert crs.wgs84_to_bd09(*wgs) == pytest.approx(bd, abs=FORWARD_TOL, rel=0)


@pytest.mark.parametrize(("gcj", "wgs"), _pairs(GCJ_TO_WGS_EXACT))
def test_gcj02_to_wgs84_matches_exact_reference(gcj: tuple[float, float], wgs: tuple[float, float]):
    assert crs.gcj02_to_wgs84(*gcj) == pytest.approx(wgs, abs=FORWARD_TOL, rel=0)


@pytest.mark.parametrize(("bd", "gcj"), _pairs(BD_TO_GCJ_EXACT))
def test_bd09_to_gcj02_matches_exact_reference(bd: tuple[float, float], gcj: tuple[float, float]):
    assert crs.bd09_to_gcj02(*bd) == pytest.approx(gcj, abs=FORWARD_TOL, rel=0)


def test_bd09_to_gcj02_is_exact_where_the_published_formula_is_not():
    gcj = crs.bd09_to_gcj02(116.404, 39.915)
    assert gcj == pytest.approx(TIANANMEN_BD_TO_GCJ_PUBLISHED, abs=1e-6, rel=0)
    assert crs.gcj02_to_bd09(*gcj) == pytest.approx((116.404, 39.915), abs=1e-9, rel=0)
    published_back = crs.gcj02_to_bd09(*TIANANMEN_BD_TO_GCJ_PUBLISHED)
    assert abs(published_back[1] - 39.915) > 1e-7  # why the refinement exists


def test_round_trip_through_gcj02_is_below_a_centimetre():
    lon, lat = _china_points()
    back_lon, back_lat = crs.gcj02_to_wgs84(*crs.wgs84_to_gcj02(lon, lat))
    assert np.abs(back_lon - lon).max() < 1e-7
    assert np.abs(back_lat - lat).max() < 1e-7
    assert _metres(lon, lat, back_lon, back_lat).max() < ROUND_TRIP_TOL_M


def test_round_trip_through_bd09_is_below_a_centimetre():
    lon, lat = _china_points()
    back_lon, back_lat = crs.bd09_to_wgs84(*crs.wgs84_to_bd09(lon, lat))
    assert np.abs(back_lon - lon).max() < 1e-7
    assert np.abs(back_lat - lat).max() < 1e-7
    assert _metres(lon, lat, back_lon, back_lat).max() < ROUND_TRIP_TOL_M


def test_round_trip_from_gcj02_to_bd09_and_back():
    lon, lat = _china_points()
    back_lon, back_lat = crs.bd09_to_gcj02(*crs.gcj02_to_bd09(lon, lat))
    assert _metres(lon, lat, back_lon, back_lat).max() < ROUND_TRIP_TOL_M


def test_gcj_offset_in_ningxia_is_a_few_hundred_metres():
    gcj_lon, gcj_lat = crs.wgs84_to_gcj02(106.0, 37.0)
    offset = float(_metres(np.array(106.0), np.array(37.0), np.array(gcj_lon), np.array(gcj_lat)))
    assert 100 < offset < 800


@pytest.mark.parametrize(
    ("lon", "lat"), [(2.35, 48.86), (-74.0, 40.7), (139.69, 35.69), (150.0, -30.0), (60.0, 40.0)]
)
def test_points_outside_china_are_not_shifted(lon: float, lat: float):
    assert crs.wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert crs.gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_scalars_give_floats_and_arrays_keep_their_shape():
    lon, lat = crs.wgs84_to_gcj02(106.0, 37.0)
    assert type(lon) is float and type(lat) is float
    grid_lon, grid_lat = np.meshgrid(np.linspace(100, 110, 4), np.linspace(30, 40, 3))
    out_lon, out_lat = crs.gcj02_to_wgs84(grid_lon, grid_lat)
    assert out_lon.shape == out_lat.shape == (3, 4)
    assert out_lon.dtype == np.float64
    assert out_lon[1, 2] == pytest.approx(crs.gcj02_to_wgs84(grid_lon[1, 2], grid_lat[1, 2])[0])


def test_mixed_inside_outside_and_missing_points():
    lon = np.array([106.0, 2.35, np.nan, 116.404])
    lat = np.array([37.0, 48.86, 30.0, 39.915])
    out_lon, out_lat = crs.gcj02_to_wgs84(lon, lat)
    assert (out_lon[1], out_lat[1]) == (2.35, 48.86)
    assert np.isnan(out_lon[2])
    assert (out_lon[3], out_lat[3]) == pytest.approx(GCJ_TO_WGS_EXACT[0][1], abs=FORWARD_TOL)


def test_inputs_are_not_modified():
    lon, lat = _china_points(100)
    saved = lon.copy(), lat.copy()
    crs.bd09_to_wgs84(lon, lat)
    crs.wgs84_to_bd09(lon, lat)
    assert np.array_equal(lon, saved[0]) and np.array_equal(lat, saved[1])


def test_gk3_for_tongxin_is_cm_105():
    tongxin = crs.metric_crs(106.1, 36.95)
    assert tongxin.to_epsg() == 4544
    assert tongxin.name == "CGCS2000 / 3-degree Gauss-Kruger CM 105E"


def test_gk3_for_xian_is_cm_108():
    assert crs.metric_crs(108.9, 34.3).name == "CGCS2000 / 3-degree Gauss-Kruger CM 108E"


@pytest.mark.parametrize("central", range(75, 136, 3))
def test_every_gk3_zone_found_in_the_database_has_the_expected_code(central: int):
    found = crs.metric_crs(central + 1.2, 35.0)
    assert found.to_epsg() == 4534 + (central - 75) // 3
    assert found.name.endswith(f"CM {central}E")


def test_utm_for_tongxin_is_zone_48n():
    utm = crs.metric_crs(106.1, 36.95, "utm")
    assert utm.to_epsg() == 32648
    assert utm.name == "WGS 84 / UTM zone 48N"


@pytest.mark.parametrize("system", ["gk3", "utm"])
def test_one_degree_of_latitude_is_about_111_km(system: Literal["gk3", "utm"]):
    metric = crs.metric_crs(106.1, 36.95, system)
    to_metric = Transformer.from_crs(crs.STORAGE_CRS, metric, always_xy=True)
    x, y = to_metric.transform([106.1, 106.1], [36.45, 37.45])
    distance = float(np.hypot(x[1] - x[0], y[1] - y[0]))
    assert 110_500 < distance < 111_500


@pytest.mark.parametrize(
    ("lon", "lat", "words"),
    [(70.0, 35.0, "longitude 70.0"), (140.0, 40.0, "longitude 140.0"), (106.0, 60.0, "latitude")],
)
def test_gk3_outside_china_is_refused(lon: float, lat: float, words: str):
    with pytest.raises(ValueError, match=words):
        crs.metric_crs(lon, lat)


def test_metric_crs_refuses_nonsense():
    with pytest.raises(ValueError, match="not a longitude and latitude"):
        crs.metric_crs(float("nan"), 36.0)
    with pytest.raises(ValueError, match="'lambert'"):
        crs.metric_crs(106.1, 36.95, "lambert")  # type: ignore[arg-type]


def test_to_storage_gcj02_is_gcj02_to_wgs84():
    lon, lat = _china_points(1000)
    stored = crs.to_storage(lon, lat, "gcj02")
    expected = crs.gcj02_to_wgs84(lon, lat)
    assert np.array_equal(stored[0], expected[0]) and np.array_equal(stored[1], expected[1])


def test_to_storage_bd09_is_bd09_to_wgs84():
    assert crs.to_storage(116.404, 39.915, "BD09") == crs.bd09_to_wgs84(116.404, 39.915)


@pytest.mark.parametrize("source", ["EPSG:4326", "epsg:4490", "wgs84", "cgcs2000"])
def test_to_storage_from_wgs84_or_cgcs2000_is_identity(source: str):
    lon, lat = _china_points(1000)
    out_lon, out_lat = crs.to_storage(lon, lat, source)
    assert np.abs(out_lon - lon).max() < 1e-9
    assert np.abs(out_lat - lat).max() < 1e-9


def test_to_storage_from_a_projected_epsg_code_takes_x_first():
    # The false easting of every GK zone without zone prefix is 500 km, on its central meridian.
    lon, lat = crs.to_storage(500_000.0, 4_093_000.0, "EPSG:4544")
    assert lon == pytest.approx(105.0, abs=1e-9)
    assert 36.9 < lat < 37.0


@pytest.mark.parametrize("source", ["mars", "EPSG:999999", "EPSG:", ""])
def test_to_storage_unknown_source_is_named(source: str):
    with pytest.raises(ValueError, match=repr(source)):
        crs.to_storage(106.0, 37.0, source)


def test_datums_by_the_names_planners_give_them() -> None:
    from gisapp.crs import to_storage, wgs84_to_bd09, wgs84_to_gcj02

    gx, gy = wgs84_to_gcj02(105.9, 36.98)
    bx, by = wgs84_to_bd09(105.9, 36.98)
    for name, (x, y) in (("高德", (gx, gy)), ("百度", (bx, by)), ("GPS", (105.9, 36.98))):
        lon, lat = to_storage(x, y, name)
        assert abs(lon - 105.9) < 1e-8 and abs(lat - 36.98) < 1e-8, name
