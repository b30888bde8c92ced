"""The county page's table of the mapped indicator per township, made to fit any county.

The demo's 11 townships take one column of rows at 7 pt, with a target column. More townships
take two columns of rows side by side (the target, the same for every township, moves into the
title) in smaller type, down to 5.5 pt: just above 七号 (5.25 pt), the smallest size Chinese
printed tables use. Rows that do not fit even so go on continuation pages, whose whole body is
table.
A name too long for its cell wraps onto another line and is never cut: a township officer looks
for his own township by name.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from gisapp.render.sheet import MM_PER_PT, Box, Sheet
from gisapp.thematic import MET

SIZES = (7.0, 6.5, 6.0, 5.5)  # points on A4, largest first
NAME_HEADER = "乡镇（街道）"
_ROW_AT_7 = 4.6  # mm per row of the one-column table at 7 pt (A4), as the demo's page has it
_LEADING = 1.55  # row pitch of the denser tables, in multiples of the type size
_WRAPPED = 1.2  # a name's further lines, in multiples of the type size
_GUTTER = 5.0  # mm between columns of rows (A4)
_NOTE = 6.5  # points of the notes below the table
_MAX_BLOCKS = 5
_TARGET, _MET = 3, 4  # cell columns
STATUS_RED = "#c0392b"
_STATUS = {"达标": MET[1], "未达标": STATUS_RED, "—": "#777777"}


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]  # name, value, fraction, target, met
    swatch: str | None = None  # the township's colour on the map, if it is drawn there
    bold: bool = False


@dataclass(frozen=True)
class Table:
    title: str
    target: str  # the title's addition when the target column is left out
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Setting:
    """How a part is set: in `box`, at `size` points (A4), in `blocks` columns of rows."""

    box: Box
    size: float
    blocks: int
    with_target: bool  # the target column; else the target is in the title
    fill: bool = True  # the columns fill the box's width (else as wide as names need)

    @property
    def pitch(self) -> float:
        """mm per row on A4: the demo's spacing for its one-column table, closer otherwise."""
        if self.blocks == 1 and self.with_target and self.size == SIZES[0]:
            return _ROW_AT_7
        return self.size * _LEADING * MM_PER_PT

    def header_gap(self, k: float) -> float:
        """From the rule above the header row to its baseline: a row's pitch less the rule's
        share, but never so little that the characters touch the rule."""
        return max(self.pitch * k - 1.3 * k, (0.88 * self.size * MM_PER_PT + 1.0) * k)


@dataclass(frozen=True)
class Part:
    """The rows one page shows: `blocks` columns of row numbers side by side."""

    setting: Setting
    blocks: tuple[tuple[int, ...], ...]
    widths: tuple[float, ...]  # mm of each cell column within a block
    names: dict[int, list[str]]  # the lines of each row's name
    title: list[str]
    notes: list[str]

    @property
    def end(self) -> int:
        """The first row not in this part."""
        return self.blocks[-1][-1] + 1 if self.blocks else 0


def plan_table(sheet: Sheet, table: Table, first: Box, rest: Box,
               notes: Sequence[str] = ()) -> list[Part]:
    """The table cut into the parts pages show: the first in `first` with the notes below
    it, any further part filling `rest` of a continuation page."""
    one_page = f"{table.title}（分乡镇）"
    for size in SIZES:
        for blocks in (1, 2):
            title = one_page if blocks == 1 else f"{table.title}（分乡镇，{table.target}）"
            part = _part(sheet, table, Setting(first, size, blocks, blocks == 1), 0, title,
                         list(notes), whole=True)
            if part is not None:
                return [part]
    more = f"……共 {len(table.rows) - 1} 个乡镇（街道），续表见第 99 页"  # room for the line
    dense = Setting(first, SIZES[-1], 2, False)
    opening = _part(sheet, table, dense, 0, f"{table.title}（分乡镇，{table.target}）",
                    [*notes, more], whole=False)
    if opening is None or not opening.blocks:  # no room for a row (a tall legend, say)
        opening = Part(dense, (), (), {}, [], [*notes, more])
    parts: list[Part | None] = [opening]
    while parts[-1] is not None and parts[-1].end < len(table.rows):
        setting = _continuation(sheet, table, rest, parts[-1].end)
        parts.append(_part(sheet, table, setting, parts[-1].end,
                           f"{table.title}（分乡镇，续；{table.target}）", [more], whole=False))
    if any(part is None or not part.blocks for part in parts[1:]):
        raise ValueError("a township's row is taller than a continuation page")
    done = [p for p in parts if p is not None]
    for number, part in enumerate(done[:-1], start=2):
        part.notes[-1] = (f"……共 {len(table.rows) - 1} 个乡镇（街道），"
                          f"{'续表' if part.blocks else '分乡镇表'}见第 {number} 页")
    done[-1].notes.pop()
    return done


def draw_part(sheet: Sheet, table: Table, part: Part) -> float:
    """One part into its box of `sheet`; returns the y below it."""
    k, box = sheet.k, part.setting.box
    pitch = part.setting.pitch * k
    y = box.y
    for line in part.title:
        y += 4 * k
        sheet.text(box.x, y, line, 8.5, bold=True)
    block_w = sum(part.widths)
    if part.blocks:
        y += 2.5 * k
    columns = _columns(table, part.setting.with_target)
    bottom = y
    for b, rows in enumerate(part.blocks):
        x = box.x + b * (block_w + _GUTTER * k)
        bottom = max(bottom, _draw_block(sheet, table, part, rows, x, y, block_w, pitch,
                                         columns))
    y = bottom
    for note in part.notes:
        y += 0.4 * k
        for line in sheet.wrap(note, _NOTE * k, box.w):
            y += 3.6 * k
            sheet.text(box.x, y, line, _NOTE, color="#555555")
    return y


def _draw_block(sheet: Sheet, table: Table, part: Part, rows: Sequence[int], x: float,
                y: float, width: float, pitch: float, columns: Sequence[int]) -> float:
    k, size = sheet.k, part.setting.size
    sheet.hline(x, x + width, y, lw=0.9)
    lefts = [x + sum(part.widths[:i]) for i in range(len(part.widths))]
    y += part.setting.header_gap(k)
    for j, (left, w) in enumerate(zip(lefts, part.widths, strict=True)):
        _cell(sheet, left, y, w, table.headers[columns[j]], size, j > 0, bold=True)
    y += 1.4 * k
    sheet.hline(x, x + width, y, lw=0.5)
    wrapped = size * _WRAPPED * MM_PER_PT * k
    for i in rows:
        row = table.rows[i]
        y += pitch
        offset = 0.0
        if row.swatch:
            side = 3 * _u(k, size)
            sheet.rect(x, y - 0.9 * side, side, side, fill=row.swatch, edge="#666666", lw=0.3)
            offset = _swatch(k, size)
        names = sheet.balanced(part.names[i], size * k, part.widths[0] - offset - 1.5 * _u(k, size),
                               bold=row.bold)
        for n, line in enumerate(names):  # one after the other, so the name reads as one
            sheet.text(x + offset + 0.5 * k, y - 0.2 * k + n * wrapped, line, size,
                       bold=row.bold)
        for j in range(1, len(columns)):
            cell = row.cells[columns[j]]
            colour = _STATUS.get(cell, "#222222") if columns[j] == _MET else "#222222"
            _cell(sheet, lefts[j], y - 0.2 * k, part.widths[j], cell, size, True,
                  bold=row.bold, colour=colour)
        y += (len(names) - 1) * wrapped
    y += 1.6 * k
    sheet.hline(x, x + width, y, lw=0.9)
    return y


def _cell(sheet: Sheet, left: float, y: float, width: float, text: str, size: float,
          right: bool, *, bold: bool = False, colour: str = "#222222") -> None:
    k = sheet.k
    if right:
        sheet.text(left + width - 1.5 * _u(k, size), y, text, size, bold=bold, ha="right",
                   color=colour)
    else:
        sheet.text(left + 0.5 * k, y, text, size, bold=bold, color=colour)


def _part(sheet: Sheet, table: Table, setting: Setting, start: int, title: str,
          notes: list[str], *, whole: bool) -> Part | None:
    """The rows from `start` set as `setting`: all of them when `whole` (else None), or as
    many as fit. None too when the name column would be narrower than its header."""
    k, size, box = sheet.k, setting.size, setting.box
    widths = _widths(sheet, table, setting)
    if _name_room(sheet, table, setting, widths) < 0:
        return None
    lines = sheet.wrap(title, 8.5 * k, box.w, bold=True)
    names = {}
    for i in range(start, len(table.rows)):
        row = table.rows[i]
        room = widths[0] - (_swatch(k, size) if row.swatch else 0.0) - 1.5 * _u(k, size)
        names[i] = sheet.wrap(row.cells[0], size * k, room, bold=row.bold)
    pitch = setting.pitch * k
    wrapped = size * _WRAPPED * MM_PER_PT * k
    heights = [pitch + (len(names[i]) - 1) * wrapped for i in range(start, len(table.rows))]
    note_h = sum(0.4 * k + 3.6 * k * len(sheet.wrap(n, _NOTE * k, box.w)) for n in notes)
    note_h += 0.3 * _NOTE * MM_PER_PT * k if notes else 0.0  # the last line's descenders
    # below the title: the rules and the header row around the rows, and the notes
    room_h = (box.h - len(lines) * 4 * k - 2.5 * k - setting.header_gap(k) - 1.4 * k
              - 1.6 * k - note_h)
    packed = _pack(heights, setting.blocks, room_h, balanced=True)
    if sum(map(len, packed)) < len(heights):
        packed = _pack(heights, setting.blocks, room_h, balanced=False)
    if whole and sum(map(len, packed)) < len(heights):
        return None
    blocks = tuple(tuple(start + i for i in block) for block in packed if block)
    return Part(setting, blocks, widths, names, lines, notes)


def _pack(heights: Sequence[float], blocks: int, room: float, *,
          balanced: bool) -> list[list[int]]:
    """Rows into columns, top to bottom and left to right; `balanced` gives each column its
    share of the rows rather than filling the first."""
    quota = math.ceil(len(heights) / blocks) if balanced else len(heights)
    packed, i = [], 0
    for _ in range(blocks):
        block: list[int] = []
        used = 0.0
        while i < len(heights) and len(block) < quota and used + heights[i] <= room + 1e-9:
            block.append(i)
            used += heights[i]
            i += 1
        packed.append(block)
    return packed


def _continuation(sheet: Sheet, table: Table, box: Box, start: int) -> Setting:
    """The largest type that puts the rest on this page, in as many columns as keep every
    name on one line; else the densest setting, and more pages."""
    k = sheet.k
    for size in SIZES:
        longest = max(sheet.width_mm(r.cells[0], size * k, bold=r.bold)
                      for r in table.rows[start:])
        for blocks in range(1, _MAX_BLOCKS + 1):  # the fewest columns that take the rest
            setting = Setting(box, size, blocks, False, fill=False)
            widths = _widths(sheet, table, setting)
            if blocks > 1 and widths[0] - _swatch(k, size) - 1.5 * _u(k, size) < longest:
                break  # names would wrap: smaller type first
            if _part(sheet, table, setting, start, "", [], whole=True) is not None:
                return setting
    return Setting(box, SIZES[-1], 2, False, fill=False)


def _columns(table: Table, with_target: bool) -> list[int]:
    return [j for j in range(len(table.headers)) if with_target or j != _TARGET]


def _widths(sheet: Sheet, table: Table, setting: Setting) -> tuple[float, ...]:
    """The number columns as wide as their widest cell; the name takes the rest of the box's
    share, or on a continuation page no more than the longest name needs: in a column as
    wide as the page the figures would drift away from their names."""
    k, size = sheet.k, setting.size
    numbers = []
    for j in _columns(table, setting.with_target)[1:]:
        texts = [table.headers[j], *(r.cells[j] for r in table.rows)]
        numbers.append(max(sheet.width_mm(t, size * k, bold=True) for t in texts)
                       + 2.2 * _u(k, size))
    share = (setting.box.w - (setting.blocks - 1) * _GUTTER * k) / setting.blocks
    longest = max(sheet.width_mm(r.cells[0], size * k, bold=True) for r in table.rows)
    natural = longest + _swatch(k, size) + 6 * k
    slack = share - sum(numbers) - natural
    if slack <= 0:
        return (share - sum(numbers), *numbers)
    if not setting.fill:
        return (natural, *numbers)
    # the room left over shared between the columns, so the figures spread over the box
    spread = slack * 0.6 / len(numbers)
    return (natural + slack * 0.4, *(n + spread for n in numbers))


def _name_room(sheet: Sheet, table: Table, setting: Setting,
               widths: Sequence[float]) -> float:
    """How much wider the name column is than its header needs (negative: too narrow)."""
    k, size = sheet.k, setting.size
    header = sheet.width_mm(NAME_HEADER, size * k, bold=True)
    swatch = _swatch(k, size) if any(r.swatch for r in table.rows) else 0.0
    return widths[0] - max(header, 4 * size * k * MM_PER_PT + swatch) - 1.5 * _u(k, size)


def _swatch(k: float, size: float) -> float:
    """The room a colour square takes before a name."""
    return 4.2 * _u(k, size)


def _u(k: float, size: float) -> float:
    """A millimetre of the 7 pt table on A4, in the type and paper at hand: paddings shrink
    with the type, so small type buys room for names."""
    return k * size / 7
