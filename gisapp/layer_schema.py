"""Column types of a layer's table, as its catalog kind declares them."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

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


# Layers as Arrow writes them into the project file: a fid column fixing the order of the
# rows, the catalog fields, columns imports brought along, and the geometry as WKB.
FID = "fid"
GEOMETRY = "geometry"
_ARROW_TYPES = {
    "text": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.timestamp("ms"),
}


def arrow_schema(kind: LayerKind, others: dict[str, pa.DataType]) -> pa.Schema:
    """The columns of a layer of `kind` with the `others` (name: type) after its fields."""
    return pa.schema([pa.field(FID, pa.int64()),
                      *(pa.field(f.id, _ARROW_TYPES[f.type]) for f in kind.fields),
                      *(pa.field(name, t) for name, t in others.items()
                        if name not in kind.field_ids),
                      pa.field(GEOMETRY, pa.binary())])


def arrow_type(dtype: object) -> pa.DataType:
    """How a column read from a layer (numpy or pandas dtype) is written back."""
    if pd.api.types.is_bool_dtype(dtype):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(dtype):
        return pa.int64()
    if pd.api.types.is_float_dtype(dtype):
        return pa.float64()
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return pa.timestamp("ms")
    return pa.string()


def arrow_batch(data: gpd.GeoDataFrame, schema: pa.Schema, kind: LayerKind,
                first_fid: int) -> pa.RecordBatch:
    """Rows of a layer as one Arrow batch of `schema`, numbered from `first_fid`; columns the
    rows lack are blank. Values are converted as `conform` and a GeoPackage write would."""
    columns = []
    for f in schema:
        if f.name == FID:
            column = pa.array(np.arange(first_fid, first_fid + len(data)), pa.int64())
        elif f.name == GEOMETRY:
            column = _stored_geometry(data.geometry, kind)
        elif f.name in data.columns and f.name != data.geometry.name:
            column = _arrow_column(data[f.name]).cast(f.type)
        else:
            column = pa.nulls(len(data), f.type)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def _arrow_column(values: pd.Series) -> pa.Array:
    try:
        return pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed numbers and text: kept as text
        return pa.array(values.astype("string"))


def _stored_geometry(geometry: gpd.GeoSeries, kind: LayerKind) -> pa.Array:
    """WKB in STORAGE_CRS; a polygon layer holds multipolygons only."""
    if geometry.crs is not None and geometry.crs != STORAGE_CRS:
        geometry = geometry.to_crs(STORAGE_CRS)
    shapes = geometry.to_numpy()
    types = shapely.get_type_id(shapes)
    if ((types == shapely.GeometryType.POINT).all() and not shapely.is_empty(shapes).any()
            and not shapely.has_z(shapes).any()):
        return _point_wkb(shapely.get_coordinates(shapes))
    if kind.geometry == "polygon":
        single = types == shapely.GeometryType.POLYGON
        shapes = shapes.copy()
        shapes[single] = shapely.multipolygons(shapes[single][:, np.newaxis])
    return pa.array(shapely.to_wkb(shapes), pa.binary())


# A 2D point in little-endian WKB: byte order 1, geometry type 1, x, y.
_POINT_WKB = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _point_wkb(xy: np.ndarray) -> pa.Array:
    """WKB of many points at once, packed by numpy rather than one GEOS call per point."""
    packed = np.empty(len(xy), dtype=_POINT_WKB)
    packed["order"], packed["type"], packed["x"], packed["y"] = 1, 1, xy[:, 0], xy[:, 1]
    return pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(_POINT_WKB.itemsize), len(xy), [None, pa.py_buffer(packed)]).cast(pa.binary())
