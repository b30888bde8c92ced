"""Nothing is lost, ever: every import keeps the layer as it was before, inside the project file
and in the same all-or-nothing write as the import, and `restore_last_version` puts the last
one back exactly (the same fids, columns in their order, values and geometry blobs).

A kept version is the layer as GDAL streams it out as Arrow, with dates as the text GDAL stored
(read back as dates, they would come back rewritten: '2025-07-23T00:00:00' as '...00Z'), saved
as zstd-compressed Parquet in a blob of the `layer_versions` attribute table."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio

from gisapp.catalog import LayerKind
from gisapp.crs import STORAGE_CRS
from gisapp.errors import UserError
from gisapp.layer_schema import arrow_schema
from gisapp.project import Project

VERSIONS_TABLE = "layer_versions"
# The five most recent per layer: enough to step back over a day of corrected re-imports, and
# a bound on what they add to the file (the demo's 14,731 persons keep in about 0.8 MB).
KEPT_VERSIONS = 5
_COLUMNS = ("id INTEGER PRIMARY KEY AUTOINCREMENT, layer TEXT NOT NULL, kept_at TEXT NOT NULL, "
            "source TEXT NOT NULL, rows INTEGER NOT NULL, columns TEXT NOT NULL, "
            "content BLOB NOT NULL")
_BATCH_ROWS = 65_536  # a layer of a million rows is never in memory at once, only its blob
_LAYOUT = b"gisapp:layer"  # Parquet metadata: how GDAL is to write the rows back


@dataclass(frozen=True)
class KeptVersion:
    """A layer's content as it was before the import of the file `source`."""

    id: int
    layer: str
    kept_at: dt.datetime
    source: str
    rows: int
    columns: tuple[str, ...]


def kept_versions(project: Project, layer: str | None = None) -> list[KeptVersion]:
    """The versions the project keeps, newest first: of `layer`, or of every layer."""
    if not project.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                         (VERSIONS_TABLE,)):
        return []  # a project no import has changed since it was made
    where, parameters = ("WHERE layer = ?", (layer,)) if layer is not None else ("", ())
    rows = project.query(f"SELECT id, layer, kept_at, source, rows, columns FROM "
                         f"{VERSIONS_TABLE} {where} ORDER BY id DESC", parameters)
    return [KeptVersion(id_, kind, dt.datetime.fromisoformat(kept_at), source, count,
                        tuple(json.loads(columns)))
            for id_, kind, kept_at, source, count, columns in rows]


def keeping_version(project: Project, kind_id: str, source: str) -> Callable[[Path], None]:
    """For `Project.write_layer_batches(before_swap=...)`: the layer as the project file still
    has it goes into the scratch copy, kept for the import of the file named `source`; the
    oldest beyond KEPT_VERSIONS go."""
    kind = project.catalog[kind_id]

    def keep(scratch: Path) -> None:
        content, rows, columns = _layer_content(project, kind)
        with contextlib.closing(sqlite3.connect(scratch)) as con, con:
            _create_table(con)
            con.execute(f"INSERT INTO {VERSIONS_TABLE} (layer, kept_at, source, rows, columns, "
                        "content) VALUES (?, ?, ?, ?, ?, ?)",
                        (kind.id, dt.datetime.now().isoformat(timespec="seconds"),
                         Path(source).name, rows, json.dumps(columns, ensure_ascii=False),
                         content))
            con.execute(f"DELETE FROM {VERSIONS_TABLE} WHERE layer = ? AND id NOT IN (SELECT id "
                        f"FROM {VERSIONS_TABLE} WHERE layer = ? ORDER BY id DESC LIMIT ?)",
                        (kind.id, kind.id, KEPT_VERSIONS))
            _touch(con)

    return keep


def restore_last_version(project: Project, layer: str | None = None) -> KeptVersion:
    """Put back the most recent kept version (of `layer`, else of the last import of any
    layer) in one atomic write, and take it off the list; returns what was restored."""
    versions = kept_versions(project, layer)
    if not versions:
        which = "" if layer is None else layer_title(project, layer)
        raise UserError(f"{project.path}：没有可撤销的{which}导入")
    version = versions[0]
    ((content,),) = project.query(f"SELECT content FROM {VERSIONS_TABLE} WHERE id = ?",
                                  (version.id,))
    with project.rewriting() as scratch:
        _write_content(scratch, version.layer, content)
        with contextlib.closing(sqlite3.connect(scratch)) as con, con:
            con.execute(f"DELETE FROM {VERSIONS_TABLE} WHERE id = ?", (version.id,))
            _touch(con)
    return version


def imports_command(path: Path, layer: str | None, *, undo: bool) -> str:
    """`gisapp imports`: the kept versions listed, or the newest one restored."""
    project = Project.open(path)
    if layer is not None:
        project.catalog[layer]  # an unknown kind is told as such, not as "nothing kept"
    if undo:
        return undone(project, restore_last_version(project, layer))
    return listing(project, kept_versions(project, layer))


def layer_title(project: Project, layer: str) -> str:
    """The layer's Chinese name (its id when the catalog no longer has the kind)."""
    return project.catalog[layer].name.zh if layer in project.catalog else layer


def listing(project: Project, versions: list[KeptVersion]) -> str:
    """The kept versions as `gisapp imports` prints them, numbered from the newest."""
    if not versions:
        return f"{project.path}：没有保留导入前的版本"
    lines = [f"{project.path}：保留了 {len(versions)} 个导入前的版本（新的在前；"
             "--undo 恢复第 1 个）"]
    lines += [f"{number}. {layer_title(project, v.layer)}  {v.kept_at:%Y-%m-%d %H:%M}  "
              f"导入 {v.source} 之前：{v.rows:,} 行"
              for number, v in enumerate(versions, start=1)]
    return "\n".join(lines)


def undone(project: Project, version: KeptVersion) -> str:
    """What `gisapp imports --undo` says it did."""
    return (f"已撤销对 {layer_title(project, version.layer)} 的导入（{version.source}，"
            f"{version.kept_at:%Y-%m-%d %H:%M}）：恢复为 {version.rows:,} 行")


def _layer_content(project: Project, kind: LayerKind) -> tuple[bytes, int, list[str]]:
    """The layer read from the project file as Parquet bytes, its row count and columns."""
    sink = io.BytesIO()
    if kind.id not in project.layer_kinds():  # a kind the catalog gained after the file
        schema = arrow_schema(kind, {})
        layout = {"geometry": schema.names[-1], "geometry_column": None, "fid_column": None,
                  "geometry_type": "Point" if kind.geometry == "point" else "MultiPolygon",
                  "crs": STORAGE_CRS}
        pq.ParquetWriter(sink, _with_layout(schema, layout, kind), compression="zstd").close()
        return sink.getvalue(), 0, [f.id for f in kind.fields]
    rows = 0
    with pyogrio.open_arrow(project.path, layer=kind.id, return_fids=True, use_pyarrow=True,
                            datetime_as_string=True, batch_size=_BATCH_ROWS) as (meta, reader):
        layout = {"geometry": meta["geometry_name"], "geometry_column": meta["geometry_name"],
                  "fid_column": meta["fid_column"], "geometry_type": meta["geometry_type"],
                  "crs": meta["crs"]}
        schema = _with_layout(reader.schema, layout, kind)
        with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
            for batch in reader:
                writer.write_batch(batch)
                rows += batch.num_rows
    return sink.getvalue(), rows, list(meta["fields"])


def _with_layout(schema: pa.Schema, layout: dict[str, object], kind: LayerKind) -> pa.Schema:
    layout = {**layout, "description": kind.name.zh}
    return schema.with_metadata({**(schema.metadata or {}),
                                 _LAYOUT: json.dumps(layout, ensure_ascii=False).encode()})


def _write_content(path: Path, layer: str, content: bytes) -> None:
    """The layer in the file at `path` replaced by the kept `content`, streamed to GDAL."""
    kept = pq.ParquetFile(pa.BufferReader(content))
    schema = kept.schema_arrow
    layout = json.loads(schema.metadata[_LAYOUT])
    options = {"OVERWRITE": "YES", "DESCRIPTION": layout["description"]}
    if layout["geometry_column"]:
        options["GEOMETRY_NAME"] = layout["geometry_column"]
    if layout["fid_column"]:
        options["FID"] = layout["fid_column"]
    batches = kept.iter_batches(batch_size=_BATCH_ROWS)
    pyogrio.write_arrow(pa.RecordBatchReader.from_batches(schema, batches), path, layer=layer,
                        driver="GPKG", geometry_name=layout["geometry"],
                        geometry_type=layout["geometry_type"], crs=layout["crs"],
                        layer_options=options)


def _create_table(con: sqlite3.Connection) -> None:
    """The versions table, made by the first import that keeps one, registered in
    gpkg_contents as the GeoPackage standard asks of an attribute table."""
    if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                   (VERSIONS_TABLE,)).fetchone():
        return
    con.execute(f"CREATE TABLE {VERSIONS_TABLE} ({_COLUMNS})")
    con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change) "
                "VALUES (?, 'attributes', ?, ?)", (VERSIONS_TABLE, VERSIONS_TABLE, _now_utc()))


def _touch(con: sqlite3.Connection) -> None:
    con.execute("UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?",
                (_now_utc(), VERSIONS_TABLE))


def _now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
