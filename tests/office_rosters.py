"""Generated rosters of disabled persons and village lists of the county in `office_files`, and
what importing them must do with each row (`fates`): accepted, or refused for one of the
faults its cells carry."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from tests.office_cells import (
    BAD,
    Cell,
    blanks,
    dates,
    flags,
    free_text,
    genders,
    grades,
    id_cells,
    maybe_blank,
    names,
    person_ids,
    texts,
    typed_as,
    types,
)
from tests.office_files import LAT, LON, TOWNS, VILLAGES, Table, degrees_text, tables, village_box

# Columns a roster may have beside the ID number, the two required ones and the coordinates.
OPTIONAL = ["person_id", "household_id", "name", "gender", "certificate_number", "township_code",
            "township_name", "village_code", "village_name", "address", "phone", "dibao",
            "tekun", "rehab_need", "rehab_received", "pension_insured", "last_visit", "deceased"]
FLAGS = {"dibao", "tekun", "rehab_need", "rehab_received", "pension_insured", "deceased"}
REQUIRED = {"households": {"disability_type": "残疾类别", "grade": "残疾等级"},
            "villages": {"code": "村代码", "name": "村名称"}}
KEY_LABEL = {"households": "身份证号", "villages": "村代码"}


@st.composite
def township_codes(draw: st.DrawFn, town: int | None, *, valid: bool) -> Cell:
    code = TOWNS[town if town is not None else 0][0]
    good = [Cell(code, code), Cell(code + "000", code), Cell(int(code), code)]
    bad = [Cell("6403241", BAD, "乡镇代码格式不对"), Cell(code + "201", BAD, "乡镇代码格式不对")]
    return draw(st.sampled_from(good if valid else good + bad))


@st.composite
def village_codes(draw: st.DrawFn, village: int | None, *, valid: bool) -> Cell:
    code = VILLAGES[village if village is not None else 0][0]
    good = [Cell(code, code), Cell(int(code), code)]
    bad = [Cell(code[:9], BAD, "村代码格式不对"), Cell("无代码", BAD, "村代码格式不对")]
    return draw(st.sampled_from(good if valid else good + bad))


@st.composite
def coordinates(draw: st.DrawFn, village: int, *, valid: bool) -> tuple[Cell, Cell]:
    """A point inside the village as decimals, degrees-minutes-seconds or swapped; or (not
    `valid`) outside the county, out of range, unreadable or half given."""
    west, south, east, north = village_box(village)
    lon = round(west + (east - west) * draw(st.floats(0.1, 0.9)), 6)
    lat = round(south + (north - south) * draw(st.floats(0.1, 0.9)), 6)
    forms = ["number", "text", "dms", "swapped"] + ([] if valid else [
        "outside", "range", "unreadable", "half"])
    form = draw(st.sampled_from(forms))
    if form == "number":
        return Cell(lon, lon), Cell(lat, lat)
    if form == "text":
        return Cell(draw(typed_as(str(lon))), lon), Cell(draw(typed_as(str(lat))), lat)
    if form == "dms":
        style = draw(st.integers(0, 2))
        return (Cell(degrees_text(lon, style), lon), Cell(degrees_text(lat, style), lat))
    if form == "swapped":
        return Cell(lat, lon), Cell(lon, lat)
    fault, written = {"outside": ("本县界线之外", (107.5, 38.5)),
                      "range": ("超出取值范围", (205.3, lat)),
                      "unreadable": ("无法识别", ("不详", lat)),
                      "half": ("无法识别", (lon, None))}[form]
    return Cell(written[0], BAD, fault), Cell(written[1], BAD, fault)


@st.composite
def place_cells(draw: st.DrawFn, *, valid: bool) -> dict[str, Cell]:
    """Where a person lives, as the roster says it: names with or without their suffixes,
    codes in full, padded, as numbers or garbled, coordinates in any spelling."""
    village = draw(st.integers(0, len(VILLAGES) - 1))
    town = VILLAGES[village][2]
    cells = {
        "township_name": draw(maybe_blank(st.sampled_from(TOWNS[town][2]).flatmap(texts), 3)),
        "village_name": draw(maybe_blank(st.sampled_from(VILLAGES[village][3]).flatmap(texts),
                                         3)),
        "township_code": draw(maybe_blank(township_codes(town, valid=valid), 2)),
        "village_code": draw(maybe_blank(village_codes(village, valid=valid), 2)),
    }
    if draw(st.integers(0, 3)):
        cells[LON], cells[LAT] = draw(coordinates(village, valid=valid))
    else:
        cells[LON], cells[LAT] = draw(blanks), draw(blanks)
    return cells


@st.composite
def person_cells(draw: st.DrawFn, id_number: str | None, *, valid: bool) -> dict[str, Cell]:
    """Every column a roster may have, for one person."""
    cells = {"id_number": draw(id_cells(id_number, valid=valid)) if id_number else draw(blanks),
             "disability_type": draw(maybe_blank(types(valid=valid), 8)),
             "grade": draw(maybe_blank(grades(valid=valid), 8)),
             "person_id": draw(st.integers(1, 999).map(lambda n: Cell(n, str(n)))),
             "household_id": draw(maybe_blank(texts("H" + str(draw(st.integers(1, 9)))))),
             "name": draw(maybe_blank(names.flatmap(texts), 6)),
             "gender": draw(maybe_blank(genders(valid=valid))),
             "address": draw(maybe_blank(free_text.flatmap(texts))),
             "phone": draw(maybe_blank(st.sampled_from([
                 Cell(13909530001, "13909530001"), Cell("0953-6012345", "0953-6012345")]))),
             "last_visit": draw(maybe_blank(dates(valid=valid)))}
    cells |= {f: draw(maybe_blank(flags(valid=valid))) for f in FLAGS}
    cells |= draw(place_cells(valid=valid))
    code, grade = cells["disability_type"].means, cells["grade"].means
    certificate = blanks
    if id_number and isinstance(code, int) and isinstance(grade, int):
        certificate = st.just(Cell(f"{id_number}{code}{grade}", f"{id_number}{code}{grade}"))
    if not valid:
        certificate = st.one_of(certificate, st.just(Cell("6403241", BAD, "残疾人证号应为20位")))
    cells["certificate_number"] = draw(certificate)
    return cells


@st.composite
def roster_ids(draw: st.DrawFn, rows: int, stored: list[str] = ()) -> list[str | None]:
    """The person of each row: someone new, a repeat of an earlier row, one already stored,
    or nobody (a row without an ID number)."""
    fresh = draw(st.lists(person_ids(), min_size=rows, max_size=rows, unique=True))
    ids: list[str | None] = []
    for i in range(rows):
        choices = ["new", "new", "blank"] + (["repeat"] if ids and any(ids) else []) + (
            ["stored"] if stored else [])
        choice = draw(st.sampled_from(choices))
        if choice == "repeat":
            ids.append(draw(st.sampled_from([p for p in ids if p])))
        elif choice == "stored":
            ids.append(draw(st.sampled_from(list(stored))))
        else:
            ids.append(fresh[i] if choice == "new" else None)
    return ids


@st.composite
def rosters(draw: st.DrawFn, *, valid: bool = False, max_rows: int = 6,
            keyed: bool = False) -> Table:
    """A roster: the ID number (usually), the type and grade, a random choice of the other
    columns, coordinates or not. `valid` leaves out every cell that must be refused or
    blanked; `keyed` gives every row an ID number."""
    n = draw(st.integers(1, max_rows))
    ids = draw(roster_ids(n))
    if keyed:
        ids = [p or draw(person_ids().filter(lambda p: p not in ids)) for p in ids]
    columns = draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=8))
    columns = ["id_number", "disability_type", "grade", *columns]
    if not keyed and not draw(st.integers(0, 9)):
        columns.remove("id_number")  # a roster without ID numbers: every row keyless
    if draw(st.booleans()):
        columns += [LON, LAT]
    rows = [draw(person_cells(p, valid=valid)) for p in ids]
    return draw(tables("households", columns, rows))


@st.composite
def village_lists(draw: st.DrawFn, *, valid: bool = False) -> Table:
    """The county's village list: codes as text or numbers (or garbled), names with their
    suffixes, the township by name and code, kind and association flags, a point maybe."""
    chosen = draw(st.lists(st.integers(0, len(VILLAGES) - 1), min_size=1, max_size=6))
    columns = ["code", "name", *draw(st.lists(st.sampled_from(
        ["township_code", "township_name", "kind", "has_association", "source"]),
        unique=True))] + ([LON, LAT] if draw(st.booleans()) else [])
    rows = []
    for v in chosen:
        town = VILLAGES[v][2]
        kind = "community" if VILLAGES[v][1].endswith("社区") else "village"
        spelled = {"village": ["村委会", "村"], "community": ["社区", "社区居委会", "居委会"]}[kind]
        point = draw(coordinates(v, valid=valid))
        if point[0].fault == "本县界线之外":  # a place list is not held to the county's outline
            point = tuple(Cell(c.value, c.value) for c in point)
        rows.append({
            "code": draw(village_codes(v, valid=valid) if valid else st.one_of(
                village_codes(v, valid=False), blanks)),
            "name": draw(st.sampled_from(VILLAGES[v][3]).flatmap(texts)),
            "township_code": draw(maybe_blank(township_codes(town, valid=valid))),
            "township_name": draw(maybe_blank(st.sampled_from(TOWNS[town][2]).flatmap(texts))),
            "kind": draw(st.sampled_from(spelled).map(lambda s, k=kind: Cell(s, k))),
            "has_association": draw(maybe_blank(flags(valid=valid))),
            "source": draw(maybe_blank(texts("民政局"))), LON: point[0], LAT: point[1]})
    return draw(tables("villages", columns, rows))


@dataclass
class Fate:
    row: int  # as the file shows it
    cells: dict[str, Cell]
    faults: list[str]  # words one of which the refusal must contain; none: accepted

    @property
    def accepted(self) -> bool:
        return not self.faults


def fates(table: Table, stored_keys: set[str] = frozenset()) -> list[Fate]:
    """What must become of each row of `table` imported into a layer holding `stored_keys`."""
    key = {"households": "id_number", "villages": "code"}[table.kind]
    first_row: dict[object, int] = {}
    out = []
    for number, row in table.data_rows():
        cells = {c: cell for c, cell in zip(table.columns, row, strict=True) if c}
        faults = [c.fault for c in cells.values() if c.fault]
        own = cells.get(key)
        value = own.means if own is not None and isinstance(own.means, str) else None
        if value is None or value not in stored_keys:  # a new row must have what is required
            lacking = [label for column, label in REQUIRED[table.kind].items()
                       if column not in cells or cells[column].blank]
            faults += [f"缺少必填项：{label}" for label in lacking]
            # A file without the column at all, into a layer with rows: a supplementary file.
            faults += [f"“{label}”" for column, label in REQUIRED[table.kind].items()
                       if column not in cells and stored_keys]
        if value is not None and value in first_row:
            faults.append(f"与第 {first_row[value]} 行重复（同一{KEY_LABEL[table.kind]}）")
        if value is not None:
            first_row.setdefault(value, number)
        out.append(Fate(number, cells, faults))
    return out


@st.composite
def partial_rosters(draw: st.DrawFn, stored: list[str]) -> Table:
    """A roster sent to correct some persons: the ID number and a few other columns, some
    cells blank, some rows for persons not stored, some repeated."""
    ids = draw(roster_ids(draw(st.integers(1, 5)), stored))
    columns = ["id_number", *draw(st.lists(st.sampled_from(
        [*OPTIONAL, "disability_type", "grade"]), unique=True, min_size=1, max_size=5))]
    if not draw(st.integers(0, 3)):
        columns += [LON, LAT]
    rows = []
    for p in ids:
        cells = draw(person_cells(p, valid=draw(st.integers(0, 3)) > 0))
        row = {c: draw(st.one_of(st.just(cell), blanks)) for c, cell in cells.items()}
        if row[LON].blank or row[LAT].blank:  # a point is given whole or not at all
            row[LON], row[LAT] = draw(blanks), draw(blanks)
        rows.append(row)
    return draw(tables("households", columns, rows))
