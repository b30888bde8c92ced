"""A county generated with its township list in one code system and its village list in the
other (MCA and NBS township codes differ), and persons given only by the names of their
township and village, as offices write them."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from tests.office_cells import Cell, blanks, grades, person_ids, texts, types
from tests.office_files import Table, tables

_TOWN_NAMES = ["长胜", "人民路", "长兴", "朝阳", "青山", "沟口", "石炭井", "白芨沟"]
_TOWN_KINDS = {"街道": ["街道", "街道办事处"], "镇": ["镇", "镇人民政府"], "乡": ["乡"]}
_VILLAGE_NAMES = ["光明", "胜利", "潮湖", "新华", "红星", "团结", "幸福"]
_VILLAGE_KINDS = {"社区": ["社区", "社区居委会", "社区居民委员会"], "村": ["村", "村委会",
                                                                    "村民委员会"]}


@dataclass
class County:
    towns: list[tuple[str, str, str]]  # (NBS code, code in the township list, name)
    villages: list[tuple[str, str, int]]  # (NBS code, name, township index)

    def unique_village(self, index: int) -> bool:
        return [v[1] for v in self.villages].count(self.villages[index][1]) == 1


@st.composite
def counties(draw: st.DrawFn) -> County:
    """2-4 townships whose list codes are not the NBS codes the village codes start with;
    1-3 villages in each, some names in two townships, some as a 村 and a 社区 in one."""
    names = draw(st.lists(st.sampled_from(_TOWN_NAMES), min_size=2, max_size=4, unique=True))
    nbs = [f"640202{i + 1:03d}" for i in range(len(names))]
    listed = [f"640202{i + 1:03d}" for i in draw(st.permutations(range(len(names))))]
    if listed == nbs:  # the same codes would prove nothing: shift them all
        listed = [f"640202{i + 101:03d}" for i in range(len(names))]
    towns = [(code, other, name + draw(st.sampled_from(list(_TOWN_KINDS))))
             for code, other, name in zip(nbs, listed, names, strict=True)]
    villages = []
    for t, (code, _, _) in enumerate(towns):
        # A township seat often has a 村 and a 社区 of one name: two villages.
        chosen = draw(st.lists(st.tuples(st.sampled_from(_VILLAGE_NAMES),
                                         st.sampled_from(list(_VILLAGE_KINDS))),
                               min_size=1, max_size=3, unique=True))
        for j, (name, kind) in enumerate(chosen):
            villages.append((f"{code}{j + 1:03d}", name + kind, t))
    return County(towns, villages)


def spelled(name: str, kinds: dict[str, list[str]]) -> st.SearchStrategy[str]:
    """A place name with its kind as the office writes it (光明社区居委会, 长胜街道办事处)."""
    kind = next(k for k in kinds if name.endswith(k))
    return st.sampled_from(kinds[kind]).map(lambda k: name.removesuffix(kind) + k)


@st.composite
def township_list(draw: st.DrawFn, county: County) -> Table:
    rows = [{"code": Cell(code + draw(st.sampled_from(["", "000"])), code),
             "name": draw(spelled(name, _TOWN_KINDS).flatmap(texts))}
            for _, code, name in county.towns]
    return draw(tables("townships", ["code", "name"], rows, unknown=False))


@st.composite
def village_list(draw: st.DrawFn, county: County) -> Table:
    """Village codes (NBS) and names, the township by name only, or also by its NBS code."""
    columns = ["code", "name", "township_name"]
    if draw(st.booleans()):
        columns.append("township_code")
    rows = [{"code": Cell(code, code), "name": draw(spelled(name, _VILLAGE_KINDS).flatmap(texts)),
             "township_name": draw(spelled(county.towns[t][2], _TOWN_KINDS).flatmap(texts)),
             "township_code": Cell(county.towns[t][0], county.towns[t][0])}
            for code, name, t in county.villages]
    return draw(tables("villages", columns, rows, unknown=False))


@st.composite
def named_persons(draw: st.DrawFn, county: County) -> tuple[Table, list[int | None]]:
    """Persons by the names of their township and village (or village alone where its name
    is the county's only one, or the village code alone); and the village each lives in."""
    chosen = draw(st.lists(st.integers(0, len(county.villages) - 1), min_size=1, max_size=6))
    ids = draw(st.lists(person_ids("640202"), min_size=len(chosen), max_size=len(chosen),
                        unique=True))
    rows = []
    for v, id_number in zip(chosen, ids, strict=True):
        code, name, t = county.villages[v]
        ways = ["both", "code"] + (["village"] if county.unique_village(v) else [])
        way = draw(st.sampled_from(ways))
        town = draw(spelled(county.towns[t][2], _TOWN_KINDS).flatmap(texts))
        village = draw(spelled(name, _VILLAGE_KINDS).flatmap(texts))
        rows.append({"id_number": Cell(id_number, id_number),
                     "disability_type": draw(types()), "grade": draw(grades()),
                     "township_name": town if way == "both" else draw(blanks),
                     "village_name": village if way != "code" else draw(blanks),
                     "village_code": Cell(code, code) if way == "code" else draw(blanks)})
    columns = ["id_number", "disability_type", "grade", "township_name", "village_name",
               "village_code"]
    return draw(tables("households", columns, rows)), chosen
