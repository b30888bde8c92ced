"""Column types of a layer's table, as its catalog kind declares them."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from gisapp.catalog import FieldSpec, LayerKind
from gisapp.crs import STORAGE_CRS

_DTYPES = {
    "text": "object",
    "integer": "Int64",  # nullable: a blank grade stays blank, not 0
    "number": "float64",
    "boolean": "boolean",
    "date": "datetime64[ms]",
}


def dtype_of(field: FieldSpec) -> str:
    return _DTYPES[field.type]


def empty_layer(kind: LayerKind) -> gpd.GeoDataFrame:
    columns = {f.id: pd.Series([], dtype=dtype_of(f)) for f in kind.fields}
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries([], crs=STORAGE_CRS), crs=STORAGE_CRS)


def typed(data: gpd.GeoDataFrame, kind: LayerKind) -> gpd.GeoDataFrame:
    """Cast the catalog's fields to their declared types; other columns are kept as they are.

    GeoPackage stores a nullable integer or boolean column as REAL when it has blanks, so a
    read gives floats back; this restores the declared types.
    """
    data = data.copy()
    for column in data.columns:
        if column not in kind.field_ids and pd.api.types.is_string_dtype(data[column]):
            data[column] = data[column].astype(object).where(data[column].notna(), None)
    for f in kind.fields:
        if f.id not in data.columns:
            continue
        column = data[f.id]
        if f.type == "text":
            data[f.id] = column.astype("object").where(column.notna(), None)
        elif f.type == "date":
            data[f.id] = pd.to_datetime(column, errors="coerce").astype("datetime64[ms]")
        else:
            data[f.id] = column.astype(dtype_of(f))
    return data


def conform(data: gpd.GeoDataFrame, kind: LayerKind) -> gpd.GeoDataFrame:
    """The layer with every catalog field present (blank where the data has none) and typed;
    columns the catalog does not know are kept after them, so nothing imported is lost."""
    data = typed(data, kind)
    for f in kind.fields:
        if f.id not in data.columns:
            data[f.id] = pd.Series([None] * len(data), index=data.index, dtype=dtype_of(f))
    others = [c for c in data.columns if c not in kind.field_ids and c != data.geometry.name]
    return data[[*kind.field_ids, *others, data.geometry.name]]
