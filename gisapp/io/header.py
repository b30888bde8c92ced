"""Find the header row of a sheet made by an office: title and note rows above it, merged
cells, the header somewhere in the first rows."""

from __future__ import annotations

from gisapp.io.text import header_key

SEARCH_ROWS = 30  # office sheets put at most a few title and note rows above


def find_header_row(rows: list[list[str]], aliases: set[str]) -> int | None:
    """The 0-based index of the row that names the most known columns; without any known
    column, the first row with at least two filled cells (a title row has one)."""
    keys = {header_key(a) for a in aliases}
    best, best_hits = None, 0
    for i, row in enumerate(rows[:SEARCH_ROWS]):
        hits = sum(1 for cell in row if cell and header_key(cell) in keys)
        if hits > best_hits:
            best, best_hits = i, hits
    if best is not None:
        return best
    return next((i for i, row in enumerate(rows[:SEARCH_ROWS])
                 if sum(1 for c in row if c) >= 2), 0 if rows else None)
