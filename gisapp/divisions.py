"""China's county-level divisions (行政区划) and their township and village lists.

What a new project needs from the county code alone: the county's name, a point inside it (to
choose the metric CRS) and, for a county without its own village list, the national one.
Codes are NBS 统计用区划代码 2023; MCA township codes differ in some counties, so anything
joined to an office's own list should be joined on names. See data/places/README.md for the
sources and what they lack.

Nothing is read at import: the county table on first use, a province's townships or villages
when one of its counties is asked for (a few hundredths of a second), kept for the next ask.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

import pandas as pd

from gisapp.errors import UserError
from gisapp.resources import places_dir

# NBS lists these where a province-level city or a province governs counties directly; they
# are not prefectures and have no place in a county's full name.
_NOT_PREFECTURES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_COUNTY_SUFFIXES = ("县", "区", "市", "旗")
TOWNSHIP_COLUMNS = ["code", "name", "kind"]
VILLAGE_COLUMNS = ["code", "name", "township_code", "township_name", "kind"]


@dataclass(frozen=True)
class County:
    """A county-level division: 县, 区, 旗, 县级市, or one of NBS's statistical units
    (开发区, 新区 ...). `lon`/`lat` (CGCS2000 degrees) is a point inside it, or None where no
    source locates it."""

    code: str
    name: str
    province: str
    prefecture: str
    lon: float | None
    lat: float | None

    @property
    def full_name(self) -> str:
        """Province, prefecture and county, as on a letterhead: 宁夏回族自治区石嘴山市大武口区."""
        # 东莞市 and 嘉峪关市 are their own prefecture: the name is not said twice.
        if self.prefecture in _NOT_PREFECTURES or self.prefecture == self.name:
            return self.province + self.name
        return self.province + self.prefecture + self.name


@functools.cache
def _counties() -> dict[str, County]:
    with (places_dir() / "counties.csv").open(encoding="utf-8", newline="") as file:
        return {
            row["code"]: County(
                code=row["code"], name=row["name"], province=row["province"],
                prefecture=row["prefecture"],
                lon=float(row["lon"]) if row["lon"] else None,
                lat=float(row["lat"]) if row["lat"] else None)
            for row in csv.DictReader(file)
        }


def all_counties() -> list[County]:
    """Every county-level division, by code."""
    return list(_counties().values())


def county(code: str) -> County | None:
    """The county with this 6-digit code, or None."""
    return _counties().get(code.strip())


def _names_parents(start: str, found: County) -> bool:
    # "石嘴山市", "石嘴山", "宁夏", "宁夏回族自治区石嘴山市": each begins one way of naming where
    # the county lies.
    return any(parent.startswith(start)
               for parent in (found.province, found.prefecture,
                              found.full_name.removesuffix(found.name)))


def _is_short_for(wanted: str, name: str) -> bool:
    # "彭水县" for 彭水苗族土家族自治县: the common short form drops the autonomous part.
    return (len(wanted) > 1 and wanted.endswith(_COUNTY_SUFFIXES)
            and name.endswith(wanted[-1]) and name.startswith(wanted[:-1]))


def find_counties(text: str) -> list[County]:
    """Counties matching `text`, best first: the code; the name or full name itself; the name
    after (the start of) its prefecture or province, "石嘴山市大武口区"; names beginning with
    the text ("大武口", "彭水") or for which it is the short form ("彭水县"); then names or full
    names containing it ("石嘴山" finds the prefecture's counties). By code within each rank."""
    wanted = "".join(text.split())
    if not wanted:
        return []
    if (exact := county(wanted)) is not None:
        return [exact]
    ranks: list[list[County]] = [[], [], [], []]
    for found in _counties().values():
        name = found.name
        if wanted in (name, found.full_name):
            ranks[0].append(found)
        elif wanted.endswith(name) and _names_parents(wanted.removesuffix(name), found):
            ranks[1].append(found)
        elif name.startswith(wanted) or _is_short_for(wanted, name):
            ranks[2].append(found)
        elif wanted in found.full_name:
            ranks[3].append(found)
    return [found for rank in ranks for found in rank]


@functools.lru_cache(maxsize=4)
def _province_table(folder: str, province: str) -> pd.DataFrame:
    # A few provinces are kept: a session works on one county, maybe its neighbours.
    path = places_dir() / folder / f"{province}.csv.gz"
    return pd.read_csv(path, dtype=str, keep_default_na=False, engine="c")


def _in_county(folder: str, code: str) -> pd.DataFrame:
    if county(code) is None:
        raise UserError(f"{code!r} is not a county-level code in the NBS 2023 list of divisions")
    table = _province_table(folder, code[:2])
    return table[table["code"].str.startswith(code)].reset_index(drop=True)


def county_townships(code: str) -> pd.DataFrame:
    """The county's township-level units (NBS 2023): 9-digit code, name and kind (街道, 镇, 乡,
    苏木, or 其他 for farms, parks and zones), by code."""
    return _in_county("townships", code.strip())[TOWNSHIP_COLUMNS]


def county_villages(code: str) -> pd.DataFrame:
    """The county's village-level units (NBS 2023): 12-digit code, name, township's code and
    name, and kind (村委会, 社区居委会, or 其他 for farms' and army-corps companies' 生活区
    and the like), by code."""
    code = code.strip()
    villages = _in_county("villages", code)
    townships = _in_county("townships", code)
    villages["township_code"] = villages["code"].str[:9]
    names = dict(zip(townships["code"], townships["name"], strict=True))
    villages["township_name"] = villages["township_code"].map(names)
    return villages[VILLAGE_COLUMNS]
