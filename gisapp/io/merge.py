"""A corrected roster updates persons instead of duplicating them: the layer is written again
as its existing rows that no imported row replaces (same key), then the imported rows in the
order of the file, streamed block by block into the project's one all-or-nothing write."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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


class _NothingImported(Exception):
    """No row came in: the project file is left untouched."""


def merge_into_layer(project: Project, kind: LayerKind, incoming: Iterable[gpd.GeoDataFrame],
                     text_columns: list[str], block_rows: int) -> MergeCounts:
    """Replace the layer of `kind` by its existing rows whose key no incoming row has, then
    the incoming rows (blocks of a file's accepted rows, consumed as they come; columns other
    than the catalog's are among `text_columns`). Rows without a key are added.

    The existing rows keep their order and come first, as if written first: the imported rows
    are numbered after the largest number the existing ones could take."""
    existing_rows = project.layer_row_count(kind.id)
    others = {name: arrow_type(dtype) for name, dtype in project.layer_columns(kind.id).items()}
    others |= dict.fromkeys(text_columns, pa.string())  # a clash with a typed column: text
    schema = arrow_schema(kind, others)
    counts = MergeCounts()

    def batches() -> Iterator[pa.RecordBatch]:
        keys = []
        for block in incoming:
            if len(block):
                if kind.key in block.columns:
                    keys.append(block[kind.key].dropna())
                yield arrow_batch(block, schema, kind, existing_rows + counts.imported + 1)
                counts.imported += len(block)
        if not counts.imported:
            raise _NothingImported
        replacing = pd.concat(keys) if keys else None
        kept = 0
        for rows in project.read_layer_batches(kind.id, block_rows):
            if replacing is not None and kind.key in rows.columns:
                replaced = _among(rows[kind.key], replacing)
                counts.updated += int(replaced.sum())
                rows = rows[~replaced]
            yield arrow_batch(rows, schema, kind, kept + 1)
            kept += len(rows)

    with contextlib.suppress(_NothingImported):
        project.write_layer_batches(kind.id, schema, batches())
    return counts


def _among(keys: pd.Series, replacing: pd.Series) -> np.ndarray:
    """Which `keys` are among the `replacing` keys: Arrow hashes a million text keys at once;
    keys of other types are compared by pandas."""
    found, among = (pa.array(values, from_pandas=True) for values in (keys, replacing))
    if not all(pa.types.is_string(a.type) or pa.types.is_large_string(a.type)
               for a in (found, among)):
        return keys.isin(replacing).to_numpy()
    return pc.is_in(found, value_set=among).to_numpy(zero_copy_only=False)
