"""Import speed and memory on a large roster, against pyogrio.read_dataframe on the same file.

    python3 bench/bench_import.py [--rows 1000000]

Prints rows per second, peak memory, and the ratio to the time GDAL alone needs to read the
file (the floor of issue 3: 50,000 rows/s and under 2 GB for 1,000,000 rows).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio

from gisapp.demo import build_demo
from gisapp.id_numbers import check_digit
from gisapp.io.importer import import_file


def roster(path: Path, rows: int, places: np.ndarray) -> None:
    """A roster as the national database exports it: valid, distinct ID numbers, homes near
    the demo county's homes (`places`: lon/lat rows), a few rows with mistakes."""
    rng = np.random.default_rng(1)
    homes = places[rng.integers(0, len(places), rows)] + rng.normal(0, 0.0003, (rows, 2))
    births = pd.Timestamp("1940-01-01") + pd.to_timedelta(rng.integers(0, 25000, rows), "D")
    first17 = [f"640324{b:%Y%m%d}{i % 1000:03d}" for b, i in zip(births, range(rows), strict=True)]
    ids = [f + check_digit(f) for f in first17]
    frame = pd.DataFrame({
        "序号": np.arange(1, rows + 1), "姓名": "某某", "公民身份号码": ids,
        "残疾类别": rng.choice(["肢体", "视力", "听力", "智力", "精神", "多重"], rows),
        "残疾等级": rng.choice(["一级", "二级", "三级", "四级"], rows),
        "乡镇（街道）": "豫海镇", "村（社区）": "园艺村",
        "经度": np.round(homes[:, 0], 6), "纬度": np.round(homes[:, 1], 6),
        "是否低保": rng.choice(["是", "否"], rows), "康复需求": rng.choice(["是", "否"], rows),
        "最近走访日期": "2026-05-01",
    }).drop_duplicates("公民身份号码")
    mistakes = rng.random(len(frame)) < 0.02  # about 2% of rows refused, as in real rosters
    frame.loc[mistakes, "残疾等级"] = "五级"
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def _timed_import(project_path: Path, csv_path: Path) -> tuple[float, int, int, float]:
    """In a process of its own, so its peak memory is the import's alone."""
    from gisapp.project import Project

    start = time.perf_counter()
    result = import_file(Project.open(project_path), "households", csv_path)
    seconds = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    return seconds, result.read, result.accepted, peak_gb


def _timed_gdal_read(csv_path: Path) -> float:
    start = time.perf_counter()
    pyogrio.read_dataframe(csv_path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        csv_path = folder / "roster.csv"
        project = build_demo(folder / "county.gpkg")
        homes = project.read_layer("households").geometry
        roster(csv_path, rows, np.column_stack([homes.x, homes.y]))
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            gdal_seconds = pool.submit(_timed_gdal_read, csv_path).result()
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            seconds, read, imported, peak_gb = pool.submit(
                _timed_import, project.path, csv_path).result()
    print(f"rows read: {read:,}; imported {imported:,}")
    print(f"pyogrio.read_dataframe alone: {gdal_seconds:.2f} s")
    print(f"gisapp import: {seconds:.2f} s = {read / seconds:,.0f} rows/s "
          f"(floor 50,000); {seconds / gdal_seconds:.1f}x the GDAL read")
    print(f"peak memory of the import process: {peak_gb:.2f} GB "
          "(floor 2 GB at 1,000,000 rows)")


if __name__ == "__main__":
    main()
