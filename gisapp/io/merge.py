"""A corrected roster updates persons instead of duplicating them, and a partial one changes
only what it carries: the layer is written again as the imported rows that are new, in the order
of the file, then its existing rows, each updated by the imported row of the same key, streamed
block by block into the project's one all-or-nothing write."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from gisapp.catalog import LayerKind
from gisapp.layer_schema import arrow_batch, arrow_schema, arrow_type
from gisapp.project import Project


@dataclass
class MergeCounts:
    imported: int = 0
    updated: int = 0  # existing rows replaced by an imported row with the same key

    @property
    def added(self) -> int:
        return self.imported - self.updated


_LOCATED_BY = "located_by"


class _NothingImported(Exception):
    """No row came in: the project file is left untouched."""


def merge_into_layer(project: Project, kind: LayerKind, incoming: Iterable[gpd.GeoDataFrame],
                     text_columns: list[str], block_rows: int, *,
                     carried: Sequence[str] | None = None,
                     before_swap: Callable[[Path], None] | None = None) -> MergeCounts:
    """Write the layer of `kind` again with the incoming rows (blocks of a file's accepted
    rows, consumed as they come; columns other than the catalog's are among `text_columns`).

    An incoming row whose key the layer holds updates that row in place, and only in the
    columns the file carried (`carried`; default: every column of the row) and only where its
    cell is not blank: a partial roster never blanks what it does not carry. Its location
    changes only where the file gave coordinates, or the stored row has none. Other incoming
    rows are added, numbered after the largest number the existing rows could take.
    `before_swap` goes to `Project.write_layer_batches`: more changes in the same write."""
    existing_rows = project.layer_row_count(kind.id)
    others = {name: arrow_type(dtype) for name, dtype in project.layer_columns(kind.id).items()}
    others |= dict.fromkeys(text_columns, pa.string())  # a clash with a typed column: text
    schema = arrow_schema(kind, others)
    stored_keys = project.read_column(kind.id, kind.key).dropna()
    counts = MergeCounts()

    def batches() -> Iterator[pa.RecordBatch]:
        held: list[gpd.GeoDataFrame] = []
        for block in incoming:
            if not len(block):
                continue
            updates = (_among(block[kind.key], stored_keys) if kind.key in block.columns
                       and len(stored_keys) else np.zeros(len(block), dtype=bool))
            added = block[~updates]
            if len(added):
                yield arrow_batch(added, schema, kind,
                                  existing_rows + counts.imported - counts.updated + 1)
            held.append(block[updates])
            counts.imported += len(block)
            counts.updated += int(updates.sum())
        if not counts.imported:
            raise _NothingImported
        updates = pd.concat(held) if counts.updated else None
        if updates is not None:
            updates = updates.drop_duplicates(kind.key, keep="last").set_index(kind.key)
        kept = 0
        for rows in project.read_layer_batches(kind.id, block_rows):
            if updates is not None and kind.key in rows.columns:
                rows = _updated(rows, kind.key, updates, carried)
            yield arrow_batch(rows, schema, kind, kept + 1)
            kept += len(rows)

    with contextlib.suppress(_NothingImported):
        project.write_layer_batches(kind.id, schema, batches(), before_swap=before_swap)
    return counts


def _updated(rows: gpd.GeoDataFrame, key: str, updates: gpd.GeoDataFrame,
             carried: Sequence[str] | None) -> gpd.GeoDataFrame:
    """`rows` with the values of the incoming rows of the same key filled in."""
    hit = _among(rows[key], updates.index.to_series())
    if not hit.any():
        return rows
    rows = rows.copy()
    incoming = updates.loc[rows.loc[hit, key].to_numpy()]
    geometry_name = updates.geometry.name
    columns = [c for c in (carried if carried is not None else updates.columns)
               if c in incoming.columns and c not in (key, geometry_name, _LOCATED_BY)]
    for column in columns:
        new = incoming[column].set_axis(rows.index[hit])
        if column not in rows.columns:
            rows[column] = pd.Series(None, index=rows.index, dtype=new.dtype)
        old = rows.loc[hit, column]
        rows.loc[hit, column] = new.where(new.notna(), old)
    _moved(rows, hit, incoming)
    return rows


def _moved(rows: gpd.GeoDataFrame, hit: np.ndarray, incoming: gpd.GeoDataFrame) -> None:
    """Take the incoming location where it was measured, or where the stored row has none."""
    new_shape = incoming.geometry.to_numpy()
    has_new = ~(shapely.is_missing(new_shape) | shapely.is_empty(new_shape))
    old_shape = rows.geometry.to_numpy()[hit]
    has_old = ~(shapely.is_missing(old_shape) | shapely.is_empty(old_shape))
    measured = np.ones(len(incoming), dtype=bool)
    if _LOCATED_BY in incoming.columns and _LOCATED_BY in rows.columns:
        stored_by = rows.loc[hit, _LOCATED_BY].to_numpy(dtype=object)
        new_by = incoming[_LOCATED_BY].to_numpy(dtype=object)
        measured = (new_by == "coordinates") | (stored_by != "coordinates")
    take = has_new & (measured | ~has_old)
    where = np.flatnonzero(hit)[take]
    geometry = rows.geometry.to_numpy().copy()
    geometry[where] = new_shape[take]
    rows[rows.geometry.name] = gpd.GeoSeries(geometry, index=rows.index, crs=rows.crs)
    if _LOCATED_BY in incoming.columns and _LOCATED_BY in rows.columns:
        rows.loc[rows.index[where], _LOCATED_BY] = incoming[_LOCATED_BY].to_numpy()[take]


def _among(keys: pd.Series, replacing: pd.Series) -> np.ndarray:
    """Which `keys` are among the `replacing` keys: Arrow hashes a million text keys at once;
    keys of other types are compared by pandas."""
    found, among = (pa.array(values, from_pandas=True) for values in (keys, replacing))
    if not all(pa.types.is_string(a.type) or pa.types.is_large_string(a.type)
               for a in (found, among)):
        return keys.isin(replacing).to_numpy()
    return pc.is_in(found, value_set=among).to_numpy(zero_copy_only=False)
