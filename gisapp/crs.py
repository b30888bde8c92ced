"""Coordinate reference systems: what projects store, which metric CRS measures a county, and
the shifted datums (GCJ-02, BD-09) that Chinese web maps and phone apps hand us.

No Qt here, so import, export and analysis code can all use it from worker threads.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Literal, Protocol, cast, overload

import numpy as np
import numpy.typing as npt
from pyproj import CRS, Transformer
from pyproj.aoi import AreaOfInterest
from pyproj.database import CRSInfo, query_crs_info, query_utm_crs_info
from pyproj.enums import PJType
from pyproj.exceptions import CRSError

STORAGE_CRS = "EPSG:4490"  # CGCS2000 geographic, the national datum since 2008
WGS84 = "EPSG:4326"

FloatArray = npt.NDArray[np.float64]
_Core = Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]

# GCJ-02 takes WGS 84 input but scales its offsets on the Krasovsky 1940 ellipsoid; these exact
# constants are what every published implementation uses, so results match theirs bit for bit.
_GCJ_A = 6378245.0
_GCJ_EE = 0.00669342162296594323
_BD_X_PI = math.pi * 3000.0 / 180.0
# The rough box all public implementations call "China"; outside it GCJ-02 is the identity.
_CHINA_LON = (72.004, 137.8347)
_CHINA_LAT = (0.8293, 55.8271)
# 1e-9 degrees is about 0.1 mm, far below the accuracy of any data a county sends us.
_INVERSE_TOL = 1e-9
_INVERSE_MAX_ITER = 10
_GK3_PREFIX = "CGCS2000 / 3-degree Gauss-Kruger CM "


class Converter(Protocol):
    """A datum shift: two floats give two floats, array-likes give float64 arrays."""

    @overload
    def __call__(self, lon: float, lat: float) -> tuple[float, float]: ...
    @overload
    def __call__(self, lon: npt.ArrayLike, lat: npt.ArrayLike) -> tuple[FloatArray, FloatArray]: ...


def _elementwise(core: _Core) -> Converter:
    # One wrapper does the scalar/array bookkeeping so the cores only ever see float64 arrays.
    @functools.wraps(core)
    def convert(
        lon: npt.ArrayLike, lat: npt.ArrayLike
    ) -> tuple[float, float] | tuple[FloatArray, FloatArray]:
        x = np.asarray(lon, dtype=np.float64)
        y = np.asarray(lat, dtype=np.float64)
        out_x, out_y = core(*np.broadcast_arrays(x, y))
        if x.ndim == 0 and y.ndim == 0:
            return float(out_x), float(out_y)
        return out_x, out_y

    return cast(Converter, convert)


def _in_china(lon: FloatArray, lat: FloatArray) -> npt.NDArray[np.bool_]:
    # NaN compares False, so missing coordinates count as outside and pass through untouched.
    in_lon = (lon >= _CHINA_LON[0]) & (lon <= _CHINA_LON[1])
    return in_lon & (lat >= _CHINA_LAT[0]) & (lat <= _CHINA_LAT[1])


def _inside_only(lon: FloatArray, lat: FloatArray, shift: _Core) -> tuple[FloatArray, FloatArray]:
    # Shifting only the points inside keeps cos(lat) near the poles and inf/NaN input from
    # producing warnings, and avoids the boolean-index copies when every point is in China.
    inside = _in_china(lon, lat)
    if inside.all():
        return shift(lon, lat)
    out_lon, out_lat = lon.copy(), lat.copy()
    if inside.any():
        out_lon[inside], out_lat[inside] = shift(lon[inside], lat[inside])
    return out_lon, out_lat


def _gcj_shift(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The published GCJ-02 formula without the China test, term order as in coordtransform."""
    x = lon - 105.0
    y = lat - 35.0
    # Both polynomials share this short-wavelength term in x; computing it once saves two sines.
    wiggle = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    # Accumulated term by term in the published order, so rounding matches theirs exactly.
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    d_lat += wiggle
    d_lat += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    d_lat += (160.0 * np.sin(y / 12.0 * np.pi) + 320 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    d_lon += wiggle
    d_lon += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    d_lon += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _GCJ_EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_GCJ_A * (1.0 - _GCJ_EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = (d_lon * 180.0) / (_GCJ_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return lon + d_lon, lat + d_lat


def _invert(
    forward: _Core, lon: FloatArray, lat: FloatArray, start: tuple[FloatArray, FloatArray]
) -> tuple[FloatArray, FloatArray]:
    # Fixed-point iteration w <- w - (f(w) - g): both shifts change by under 1 % per degree moved,
    # so each step gains about two digits; GCJ-02 needs five steps from its 0.01-degree shift.
    guess_lon, guess_lat = start
    for _ in range(_INVERSE_MAX_ITER):
        got_lon, got_lat = forward(guess_lon, guess_lat)
        err_lon = got_lon - lon
        err_lat = got_lat - lat
        guess_lon = guess_lon - err_lon
        guess_lat = guess_lat - err_lat
        # Written as "any error too big" so NaN points and empty arrays do not keep us looping.
        if not (np.any(np.abs(err_lon) >= _INVERSE_TOL) or np.any(np.abs(err_lat) >= _INVERSE_TOL)):
            break
    return guess_lon, guess_lat


def _bd_to_gcj_published(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    x = lon - 0.0065
    y = lat - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _BD_X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _BD_X_PI)
    return z * np.cos(theta), z * np.sin(theta)


@_elementwise
def wgs84_to_gcj02(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """WGS 84 to GCJ-02 (AMap/Gaode, Tencent, Google China); unchanged outside China."""
    return _inside_only(lon, lat, _gcj_shift)


@_elementwise
def gcj02_to_wgs84(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """GCJ-02 to WGS 84, exact to 1e-9 degrees; unchanged outside China."""
    # Inside/outside is decided on the GCJ point, as published implementations do; the two
    # can differ only within one shift (under 1 km) of the box edge: sea or foreign land.
    return _inside_only(lon, lat, lambda x, y: _invert(_gcj_shift, x, y, start=(x, y)))


@_elementwise
def gcj02_to_bd09(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """GCJ-02 to BD-09 (Baidu Maps)."""
    # Applied everywhere, as coordtransform and prcoords do: the formula has no China test.
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * _BD_X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _BD_X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


@_elementwise
def bd09_to_gcj02(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """BD-09 to GCJ-02, exact to 1e-9 degrees."""
    # The published inverse misses by up to ~2e-6 degrees (0.2 m); it is a good first guess.
    return _invert(gcj02_to_bd09, lon, lat, start=_bd_to_gcj_published(lon, lat))


@_elementwise
def wgs84_to_bd09(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """WGS 84 to BD-09, through GCJ-02."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


@_elementwise
def bd09_to_wgs84(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """BD-09 to WGS 84, through GCJ-02, exact to 1e-9 degrees."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


@functools.cache
def _transformer_to_storage(code: str) -> Transformer:
    # Transformers are thread-safe since pyproj 3.1, and building one costs milliseconds.
    return Transformer.from_crs(code, STORAGE_CRS, always_xy=True)


# The names planners give the datums, by the maps and devices they come from.
DATUM_NAMES = {"gps": "wgs84", "北斗": "wgs84", "天地图": "cgcs2000", "国家2000": "cgcs2000",
               "高德": "gcj02", "腾讯": "gcj02", "火星": "gcj02", "百度": "bd09"}


def _storage_core(source: str) -> _Core:
    key = source.strip().lower()
    key = DATUM_NAMES.get(key, key)
    if key in ("wgs84", "cgcs2000"):
        # CGCS2000 and WGS 84 agree to a few centimetres (PROJ itself only has a null
        # "ballpark" operation between them); every Chinese GIS treats them as one at
        # county scale, and so do we.
        return lambda x, y: (x.copy(), y.copy())
    if key == "gcj02":
        return gcj02_to_wgs84
    if key == "bd09":
        return bd09_to_wgs84
    if re.fullmatch(r"epsg:\d+", key):
        try:
            transformer = _transformer_to_storage(key.upper())
        except CRSError as exc:
            raise ValueError(f"unknown coordinate reference system {source!r}: {exc}") from exc

        def project(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
            out_x, out_y = transformer.transform(x, y)
            return np.asarray(out_x, dtype=np.float64), np.asarray(out_y, dtype=np.float64)

        return project
    raise ValueError(
        f"unknown coordinate source {source!r}: use wgs84, cgcs2000, gcj02, bd09 or EPSG:<code>"
    )


@overload
def to_storage(lon: float, lat: float, source: str) -> tuple[float, float]: ...
@overload
def to_storage(
    lon: npt.ArrayLike, lat: npt.ArrayLike, source: str
) -> tuple[FloatArray, FloatArray]: ...
def to_storage(
    lon: npt.ArrayLike, lat: npt.ArrayLike, source: str
) -> tuple[float, float] | tuple[FloatArray, FloatArray]:
    """Coordinates from `source` ("wgs84", "cgcs2000", "gcj02", "bd09" or "EPSG:n", x/lon first)
    as CGCS2000 lon/lat, the project's storage CRS."""
    return _elementwise(_storage_core(source))(lon, lat)


@functools.cache
def _gk3_codes() -> dict[str, str]:
    # Looked up by name so a zone that PROJ's database lacks or numbers differently is an
    # error here, not a silently wrong projection; the query takes ~0.1 s, hence the cache.
    infos = query_crs_info(auth_name="EPSG", pj_types=PJType.PROJECTED_CRS)
    return {i.name: i.code for i in infos if i.name.startswith(_GK3_PREFIX) and not i.deprecated}


def _gk3(lon: float, lat: float) -> CRS:
    # The zones' own areas of use stop at the coast, which would refuse the South China Sea
    # districts; the latitude band of the GCJ box is China's without that gap.
    if not _CHINA_LAT[0] <= lat <= _CHINA_LAT[1]:
        raise ValueError(
            f"latitude {lat} is outside China, so no CGCS2000 Gauss-Kruger zone covers it"
        )
    # Half-up rounding, so a point exactly on a zone boundary always goes east.
    central = 3 * math.floor(lon / 3.0 + 0.5)
    code = _gk3_codes().get(f"{_GK3_PREFIX}{central}E")
    if code is None:
        raise ValueError(
            f"longitude {lon} is outside the CGCS2000 3-degree Gauss-Kruger zones, "
            "whose central meridians run from 75E to 135E (73.5E to 136.5E)"
        )
    return CRS.from_epsg(int(code))


def _utm(lon: float, lat: float) -> CRS:
    infos = query_utm_crs_info(
        datum_name="WGS 84", area_of_interest=AreaOfInterest(lon, lat, lon, lat)
    )

    # On a zone edge or the equator several zones touch the point: take the point's
    # hemisphere, then the zone whose centre is nearest.
    def badness(info: CRSInfo) -> tuple[bool, float]:
        area = info.area_of_use
        centre = (area.west + area.east) / 2.0 if area is not None else math.inf
        return (info.name.endswith("S") != (lat < 0), abs(centre - lon))

    if not infos:
        raise ValueError(f"no WGS 84 UTM zone covers ({lon}, {lat}); UTM stops at 84N and 80S")
    return CRS.from_epsg(int(min(infos, key=badness).code))


def metric_crs(lon: float, lat: float, system: Literal["gk3", "utm"] = "gk3") -> CRS:
    """The projected CRS, in metres, to measure a county centred at lon/lat (degrees).

    "gk3" is CGCS2000 / 3-degree Gauss-Kruger CM xxxE, the variant whose eastings carry no
    zone-number prefix, as Chinese survey offices deliver; "utm" is WGS 84 / UTM.
    """
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"({lon}, {lat}) is not a longitude and latitude in degrees")
    if system == "gk3":
        return _gk3(lon, lat)
    if system == "utm":
        return _utm(lon, lat)
    raise ValueError(f"unknown metric system {system!r}: use 'gk3' or 'utm'")
