"""Cells as county offices type them, each drawn with what it must import as.

A `Cell` is the value written into the file (text, a number Excel stored, a date, a boolean or
nothing) and what the layer must hold for it: a value, `BLANK` (no value) or `BAD` (a value the
importer must refuse or blank with a warning). `fault` names the reason a refused cell gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import strategies as st

from gisapp.id_numbers import check_digit


class _Mark:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


BLANK, BAD = _Mark("BLANK"), _Mark("BAD")


@dataclass(frozen=True)
class Cell:
    value: object  # as written: str, int, float, bool, dt.date, or None
    means: object  # the stored value, BLANK or BAD
    fault: str | None = None  # words the refusal must contain, for cells that refuse the row

    @property
    def blank(self) -> bool:
        return self.means is BLANK

    @property
    def empty(self) -> bool:
        """Nothing written but spaces (a half-given coordinate is empty, not blank)."""
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


# What counts as empty: offices leave spaces, ideographic spaces and no-break spaces (copied
# from web systems) in cells that look empty.
SPACES = (" ", "\u3000", "\xa0", "  ")
_FULL_WIDTH = {ord(c): 0xFF10 + i for i, c in enumerate("0123456789")}
_FULL_WIDTH |= {ord(c): 0xFF21 + i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
_FULL_WIDTH |= {ord(c): 0xFF41 + i for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}
_FULL_WIDTH |= {ord("."): 0xFF0E, ord("-"): 0xFF0D}


def full_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)


blanks = st.one_of(st.none(), st.sampled_from(SPACES)).map(lambda v: Cell(v, BLANK))


@st.composite
def typed_as(draw: st.DrawFn, text: str) -> str:
    """`text` as typed: maybe in full-width digits and letters, maybe with spaces around."""
    if draw(st.booleans()):
        text = full_width(text)
    before, after = draw(st.sampled_from(["", *SPACES])), draw(st.sampled_from(["", *SPACES]))
    return before + text + after


def texts(means: str) -> st.SearchStrategy[Cell]:
    return typed_as(means).map(lambda v: Cell(v, means))


# Chinese names as rosters hold them: common and rare characters (some outside the BMP, some
# outside GBK), Hui and Uyghur names with the middle dot.
_SURNAMES = "马李王张杨丁海冶纳虎喜"
_GIVEN = ["文", "花", "建国", "秀兰", "堃", "喆", "䶮", "𠮷", "赟", "燚", "頔", "玥", "淼"]
_LONG_NAMES = ["阿依古丽·买买提", "穆罕默德·阿里", "马·伊斯哈格"]
names = st.one_of(
    st.builds(lambda s, g: s + "".join(g), st.sampled_from(_SURNAMES),
              st.lists(st.sampled_from(_GIVEN), min_size=1, max_size=2)),
    st.sampled_from(_LONG_NAMES))
free_text = st.text(st.sampled_from("豫海镇园艺村3组号,，;\"（）-#·𠮷 "), min_size=1,
                    max_size=12).map(lambda t: " ".join(t.split())).filter(bool)


def person_ids(region: str = "640324") -> st.SearchStrategy[str]:
    """Valid 18-character ID numbers of people born 1930-2020 in the county."""
    def made(born: dt.date, order: int) -> str:
        first17 = f"{region}{born:%Y%m%d}{order:03d}"
        return first17 + check_digit(first17)

    return st.builds(made, st.dates(dt.date(1930, 1, 1), dt.date(2020, 12, 31)),
                     st.integers(0, 999))


@st.composite
def id_cells(draw: st.DrawFn, id_number: str, *, valid: bool = True) -> Cell:
    """One person's ID number as typed: as text (full-width, spaced, lower-case x), or, with
    `valid` False, stored by Excel as a number, mistyped, cut short, with a bad birth date."""
    forms = ["text", "lower"] + ([] if valid else ["float", "check", "short", "date"])
    form = draw(st.sampled_from(forms))
    if form in ("text", "lower"):
        text = id_number.lower() if form == "lower" else id_number
        return Cell(draw(typed_as(text)), id_number)
    if form == "float":
        return Cell(float(id_number[:17]) * 10, BAD, "身份证号被 Excel 存成了数字")
    if form == "check":
        wrong = next(c for c in "0123456789X" if c != id_number[17])
        return Cell(id_number[:17] + wrong, BAD, "身份证号校验位错误")
    if form == "short":
        return Cell(id_number[: draw(st.sampled_from([15, 17]))], BAD, "身份证号应为18位")
    first16 = id_number[:10] + "1332" + id_number[14:16]
    first17 = first16 + id_number[16]
    return Cell(first17 + check_digit(first17), BAD, "出生日期无效")


def coded(spellings: dict[int | str, list[object]], bad: list[object], fault: str | None, *,
          valid: bool = True) -> st.SearchStrategy[Cell]:
    """A coded field: one of the spellings of a code, or (not `valid`) one it cannot read."""
    good = st.sampled_from([(v, code) for code, vs in spellings.items() for v in vs])
    cells = good.flatmap(lambda p: (typed_as(p[0]) if isinstance(p[0], str) else st.just(p[0]))
                         .map(lambda v, code=p[1]: Cell(v, code)))
    if valid:
        return cells
    return st.one_of(cells, st.sampled_from(bad).map(lambda v: Cell(v, BAD, fault)))


GRADES = {1: ["一级", "1级", "1", 1, 1.0, "Ⅰ", "I", "一级残疾"], 2: ["二级", "2级", "2", 2, "Ⅱ"],
          3: ["三级", "3", "Ⅲ", "III"], 4: ["四级", "4级", 4, "Ⅳ"]}
TYPES = {1: ["视力", "视力残疾"], 2: ["听力"], 4: ["肢体", "肢体残疾", "4", 4, "肢残"],
         5: ["智力"], 6: ["精神", "精神残疾"], 7: ["多重"]}
GENDERS = {1: ["男", "1", "男性", "M"], 2: ["女", 2, "F"]}
_TRUE = ["是", "√", "1", 1, "有", "Y", "yes", True]
_FALSE = ["否", "×", "0", 0, "无", "N", "no", False]
_NOT_FLAGS = ["也许", "待核实", "不详", "2"]


def flags(*, valid: bool = True) -> st.SearchStrategy[Cell]:
    cells = st.one_of(st.sampled_from(_TRUE).map(lambda v: Cell(v, True)),
                      st.sampled_from(_FALSE).map(lambda v: Cell(v, False)))
    return cells if valid else st.one_of(cells, st.sampled_from(_NOT_FLAGS).map(
        lambda v: Cell(v, BAD)))


@st.composite
def dates(draw: st.DrawFn, *, valid: bool = True) -> Cell:
    day = draw(st.dates(dt.date(2015, 1, 1), dt.date(2026, 6, 30)))
    forms = [day.isoformat(), f"{day.year}/{day.month}/{day.day}",
             f"{day.year}年{day.month}月{day.day}日", f"{day:%Y%m%d}", day,
             (day - dt.date(1899, 12, 30)).days]
    if not valid and draw(st.booleans()):
        return Cell(draw(st.sampled_from(["上周", "2024年13月", "不详"])), BAD)
    return Cell(draw(st.sampled_from(forms)), dt.datetime(day.year, day.month, day.day))


def grades(*, valid: bool = True) -> st.SearchStrategy[Cell]:
    return coded(GRADES, ["五级", "5", 0, "重度"], "残疾等级", valid=valid)


def types(*, valid: bool = True) -> st.SearchStrategy[Cell]:
    return coded(TYPES, ["8", 8, "其他"], "残疾类别", valid=valid)


def genders(*, valid: bool = True) -> st.SearchStrategy[Cell]:
    return coded(GENDERS, ["未知", 3], None, valid=valid)


def maybe_blank(cells: st.SearchStrategy[Cell], blank_share: int = 4) -> st.SearchStrategy[Cell]:
    """`cells`, or a blank one about once in `blank_share` draws."""
    return st.integers(1, blank_share).flatmap(lambda n: blanks if n == 1 else cells)
