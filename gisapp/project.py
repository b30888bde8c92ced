"""A project is one GeoPackage: a table per layer kind, settings, scenarios and result snapshots.

The file is plain OGC GeoPackage, so QGIS and ArcGIS open it unchanged. Every write goes to a
copy beside the file that replaces the original only once it is complete, so a crash or a full
disk never leaves a half-written project.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio

from gisapp.catalog import Catalog, LayerKind, load_catalog
from gisapp.crs import STORAGE_CRS, metric_crs
from gisapp.errors import ProjectError
from gisapp.layer_schema import GEOMETRY, conform, empty_layer, typed
from gisapp.targets import DEFAULT_TARGET_SET

SCHEMA_VERSION = 1
SETTINGS_TABLE = "gisapp_settings"
_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"

_ATTRIBUTE_TABLES = {
    # GeoPackage attribute tables need an INTEGER primary key (requirement 119).
    SETTINGS_TABLE: "id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, value TEXT",
    # A scenario is a named set of proposed changes to the facility layers (what-if, siting).
    "scenarios": "id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, "
                 "created TEXT NOT NULL, note TEXT",
    "scenario_changes": "id INTEGER PRIMARY KEY AUTOINCREMENT, scenario_id INTEGER NOT NULL "
                        "REFERENCES scenarios(id), layer TEXT NOT NULL, action TEXT NOT NULL "
                        "CHECK (action IN ('add', 'move', 'remove')), feature_key TEXT, "
                        "lon REAL, lat REAL, attributes TEXT",
    # Indicator results kept with the day they were computed, to compare years.
    "snapshots": "id INTEGER PRIMARY KEY AUTOINCREMENT, taken_at TEXT NOT NULL, "
                 "target_set TEXT NOT NULL, scenario TEXT, indicator TEXT NOT NULL, "
                 "level TEXT NOT NULL, code TEXT NOT NULL, name TEXT, numerator REAL, "
                 "denominator REAL, value REAL, target REAL, comparison TEXT, met INTEGER",
}


@dataclass(frozen=True)
class Settings:
    name: str
    county_code: str = ""
    county_name: str = ""
    target_set: str = DEFAULT_TARGET_SET
    radius_km: float = 5.0
    metric_crs: str = ""  # e.g. EPSG:4544; empty until the county's extent is known
    data_date: dt.date = field(default_factory=dt.date.today)  # the day the rosters describe
    map_note: str = ""  # printed on every map drawn from the project (e.g. "synthetic data")
    issuing_office: str = ""  # 制图单位 on printed maps; empty: "<county name>残疾人联合会"
    tianditu_key: str = ""  # a Tianditu (天地图) key: web maps get its basemap; empty: none
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    schema_version: int = SCHEMA_VERSION

    def to_rows(self) -> list[tuple[str, str]]:
        return [(k, v.isoformat() if isinstance(v, dt.date) else str(v))
                for k, v in asdict(self).items()]

    @classmethod
    def from_rows(cls, rows: Mapping[str, str]) -> Settings:
        parse = {"radius_km": float, "schema_version": int,
                 "data_date": dt.date.fromisoformat, "created": dt.datetime.fromisoformat}
        known = {f.name for f in fields(cls)}
        return cls(**{k: parse.get(k, str)(v) for k, v in rows.items() if k in known})


class Project:
    """An open project file. Layers are read on demand; writes replace the file atomically."""

    def __init__(self, path: Path, settings: Settings, catalog: Catalog):
        self.path = path
        self.settings = settings
        self.catalog = catalog

    @classmethod
    def create(cls, path: str | os.PathLike, settings: Settings, *,
               catalog: Catalog | None = None, overwrite: bool = False) -> Project:
        """A new project with an empty table for every layer kind of the catalog."""
        path = Path(path)
        catalog = catalog or load_catalog()
        if path.exists() and not overwrite:
            raise ProjectError(f"{path} 已存在；请换一个文件名，或先删除它")
        if path.suffix.lower() != ".gpkg":
            raise ProjectError(f"{path}：项目文件的扩展名应为 .gpkg")
        if not path.parent.is_dir():
            raise ProjectError(f"{path}：文件夹 {path.parent} 不存在")
        with _replacing(path, start_empty=True) as scratch:
            for kind in catalog.values():
                _write_table(scratch, kind, empty_layer(kind))
            with contextlib.closing(sqlite3.connect(scratch)) as con, con:
                for table, columns in _ATTRIBUTE_TABLES.items():
                    _create_attribute_table(con, table, columns, settings.created)
                _store_settings(con, settings)
        return cls(path, settings, catalog)

    @classmethod
    def open(cls, path: str | os.PathLike, *, catalog: Catalog | None = None) -> Project:
        path = Path(path)
        if not path.is_file():
            raise ProjectError(f"{path}：没有这个项目文件")
        settings = Settings.from_rows(_read_settings(path))
        if settings.schema_version > SCHEMA_VERSION:
            raise ProjectError(
                f"{path} 由更新版本的 gisapp 保存（项目格式 {settings.schema_version}，"
                f"本版本只能读到 {SCHEMA_VERSION}）；请升级 gisapp 后再打开")
        project = cls(path, settings, catalog or load_catalog())
        if not settings.metric_crs:
            project._repair_metric_crs()
        return project

    def settle_metric_crs(self) -> str | None:
        """Give a project without a metric CRS the zone of its data's extent (kept in the
        file); the CRS chosen, or None when it had one or nothing is located yet."""
        if self.settings.metric_crs:
            return None
        chosen = self.metric_crs_of_data()
        if chosen is not None:
            self.update_settings(metric_crs=chosen)
        return chosen

    def _repair_metric_crs(self) -> None:
        """An earlier version left the metric CRS empty: take the zone of the data, kept in
        the file where it may be written, else for this session only."""
        chosen = self.metric_crs_of_data()
        if chosen is None:
            return
        try:
            self.update_settings(metric_crs=chosen)
        except ProjectError:  # a read-only file: measured right all the same
            self.settings = replace(self.settings, metric_crs=chosen)

    def layer_kinds(self) -> list[str]:
        """The catalog kinds this file has a table for, in drawing order."""
        present = {name for name, _ in pyogrio.list_layers(self.path)}
        return [k for k in self.catalog if k in present]

    def read_layer(self, kind_id: str) -> gpd.GeoDataFrame:
        """One layer, with column types as the catalog declares them, in STORAGE_CRS."""
        kind = self.catalog[kind_id]
        if kind_id not in self.layer_kinds():
            return empty_layer(kind)
        return typed(pyogrio.read_dataframe(self.path, layer=kind_id, use_arrow=True), kind)

    def read_column(self, kind_id: str, column: str) -> pd.Series:
        """One column of a layer, without its geometry or other columns; empty if absent."""
        if column not in self.layer_columns(kind_id):
            return pd.Series([], dtype=object)
        frame = pyogrio.read_dataframe(self.path, layer=kind_id, columns=[column],
                                       read_geometry=False, use_arrow=True)
        return frame[column]

    def write_layer(self, kind_id: str, data: gpd.GeoDataFrame) -> None:
        self.write_layers({kind_id: data})

    def write_layers(self, layers: Mapping[str, gpd.GeoDataFrame]) -> None:
        """Replace several layers in one transaction: all are written, or none."""
        kinds = [self.catalog[k] for k in layers]
        with _replacing(self.path) as scratch:
            for kind in kinds:
                _write_table(scratch, kind, conform(layers[kind.id], kind))

    def layer_row_count(self, kind_id: str) -> int:
        if kind_id not in self.layer_kinds():
            return 0
        return int(pyogrio.read_info(self.path, layer=kind_id)["features"])

    def layer_columns(self, kind_id: str) -> dict[str, object]:
        """A layer's columns (name: dtype) as the file has them, without reading its rows."""
        if kind_id not in self.layer_kinds():
            return {}
        info = pyogrio.read_info(self.path, layer=kind_id)
        return dict(zip(info["fields"], info["dtypes"], strict=True))

    def read_layer_batches(self, kind_id: str, rows: int) -> Iterator[gpd.GeoDataFrame]:
        """One layer `rows` at a time, in its stored order, typed as `read_layer` types it:
        a layer of a million rows is never in memory at once."""
        kind = self.catalog[kind_id]
        if kind_id not in self.layer_kinds():
            return
        fid = pyogrio.read_info(self.path, layer=kind_id)["fid_column"] or "fid"
        last = 0
        while True:
            part = pyogrio.read_dataframe(self.path, layer=kind_id, use_arrow=True,
                                          where=f'"{fid}" > {last}', max_features=rows,
                                          fid_as_index=True)
            if not len(part):
                return
            last = int(part.index[-1])
            yield typed(part.reset_index(drop=True), kind)

    def write_layer_batches(self, kind_id: str, schema: pa.Schema,
                            batches: Iterable[pa.RecordBatch], *,
                            before_swap: Callable[[Path], None] | None = None) -> None:
        """Replace one layer by rows streamed as Arrow batches of `schema`
        (`layer_schema.arrow_schema`; their fid column orders the rows). One write into the
        scratch copy: the file changes only once the last batch is in, and an exception
        raised while the batches are produced leaves it as it was and is raised again here.
        `before_swap` is called with the scratch copy once the layer is in it: what it changes
        there is part of the same all-or-nothing write (the file itself is still as it was)."""
        kind = self.catalog[kind_id]
        with _replacing(self.path) as scratch:
            _write_batches(scratch, kind, schema, batches)
            if before_swap is not None:
                before_swap(scratch)

    def metric_crs(self) -> str:
        """The CRS distances are measured in: the setting, else one chosen from the data."""
        return self.settings.metric_crs or self.metric_crs_of_data() or "EPSG:3857"

    def metric_crs_of_data(self) -> str | None:
        """The Gauss-Krüger zone of the centre of the first located layer; None if none is."""
        for kind_id in self.layer_kinds():
            bounds = pyogrio.read_info(self.path, layer=kind_id).get("total_bounds")
            if bounds is not None and all(map(math.isfinite, bounds)):
                lon, lat = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
                try:
                    return metric_crs(lon, lat).to_string()
                except ValueError:  # data outside China: no zone; the setting must say
                    return None
        return None

    def update_settings(self, **changes: object) -> Settings:
        settings = replace(self.settings, **changes)
        with self.editing() as con:
            _store_settings(con, settings)
        self.settings = settings
        return settings

    @contextlib.contextmanager
    def rewriting(self) -> Iterator[Path]:
        """The path of a scratch copy of the file, to change with GDAL and sqlite3 alike; it
        replaces the file when the block succeeds and is thrown away when it raises."""
        with _replacing(self.path) as scratch:
            yield scratch

    @contextlib.contextmanager
    def editing(self) -> Iterator[sqlite3.Connection]:
        """A connection to a scratch copy of the file, swapped in when the block succeeds."""
        with _replacing(self.path) as scratch, \
                contextlib.closing(sqlite3.connect(scratch)) as con, con:
            yield con

    def save_copy(self, path: str | os.PathLike) -> Project:
        """The project copied to `path` (replacing a file there) and opened: 另存为.

        SQLite's backup reads the file as one consistent state even while another write is
        under way, and the copy goes through the same scratch-and-rename as every write, so
        `path` holds either its old content or the whole copy."""
        path = Path(path)
        if path.suffix.lower() != ".gpkg":
            raise ProjectError(f"{path}：项目文件的扩展名应为 .gpkg")
        if path.exists() and path.resolve() == self.path.resolve():
            raise ProjectError(f"{path} 就是正在打开的项目；请另选一个文件名")
        if not path.parent.is_dir():
            raise ProjectError(f"{path}：文件夹 {path.parent} 不存在")
        reading = f"file:{self.path}?mode=ro"
        with _replacing(path, start_empty=True) as scratch, \
                contextlib.closing(sqlite3.connect(reading, uri=True)) as source, \
                contextlib.closing(sqlite3.connect(scratch)) as copy:
            source.backup(copy)
        return Project.open(path, catalog=self.catalog)

    def query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        """Rows of a read-only query on the project's own tables."""
        with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as con:
            return con.execute(sql, parameters).fetchall()


def _write_table(path: Path, kind: LayerKind, data: gpd.GeoDataFrame) -> None:
    geometry_type = "Point" if kind.geometry == "point" else "MultiPolygon"
    pyogrio.write_dataframe(data.to_crs(STORAGE_CRS), path, layer=kind.id, driver="GPKG",
                            use_arrow=True,
                            geometry_type=geometry_type, promote_to_multi=kind.geometry != "point",
                            layer_options={"OVERWRITE": "YES", "DESCRIPTION": kind.name.zh})


def _write_batches(path: Path, kind: LayerKind, schema: pa.Schema,
                   batches: Iterable[pa.RecordBatch]) -> None:
    failures: list[BaseException] = []

    def produced() -> Iterator[pa.RecordBatch]:
        try:
            yield from batches
        except BaseException as exc:  # GDAL only sees a broken stream; keep the real cause
            failures.append(exc)
            raise

    # One GDAL call for all batches: the layer is created once, in one transaction, and its
    # spatial index is built in bulk at the end instead of row by row.
    try:
        pyogrio.write_arrow(pa.RecordBatchReader.from_batches(schema, produced()), path,
                            layer=kind.id, driver="GPKG", geometry_name=GEOMETRY,
                            geometry_type="Point" if kind.geometry == "point" else "MultiPolygon",
                            crs=STORAGE_CRS,
                            layer_options={"OVERWRITE": "YES", "DESCRIPTION": kind.name.zh})
    except Exception:
        if failures:
            raise failures[0] from None
        raise


def _create_attribute_table(con: sqlite3.Connection, table: str, columns: str,
                            created: dt.datetime) -> None:
    # Registered as 'attributes' in gpkg_contents, as the GeoPackage standard asks, so QGIS
    # lists these tables too.
    con.execute(f"CREATE TABLE {table} ({columns})")
    con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change) "
                "VALUES (?, 'attributes', ?, ?)",
                (table, table, created.strftime("%Y-%m-%dT%H:%M:%S.000Z")))


def _store_settings(con: sqlite3.Connection, settings: Settings) -> None:
    con.executemany(f"INSERT OR REPLACE INTO {SETTINGS_TABLE} (key, value) VALUES (?, ?)",
                    settings.to_rows())


def _read_settings(path: Path) -> dict[str, str]:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            (app_id,) = con.execute("PRAGMA application_id").fetchone()
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if app_id != _GPKG_APPLICATION_ID or "gpkg_contents" not in tables:
                raise ProjectError(f"{path} 不是 GeoPackage 项目文件（.gpkg）")
            if SETTINGS_TABLE not in tables:
                raise ProjectError(f"{path} 是 GeoPackage，但不是本软件的项目（没有 "
                                   f"{SETTINGS_TABLE} 表）；请把其中的图层导入一个项目")
            return dict(con.execute(f"SELECT key, value FROM {SETTINGS_TABLE}").fetchall())
    except sqlite3.DatabaseError:
        raise ProjectError(f"{path} 不是 GeoPackage 项目文件（.gpkg）") from None


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _replacing(path: Path, *, start_empty: bool = False) -> Iterator[Path]:
    """Yield a scratch copy of `path`; on success it atomically replaces `path`."""
    # Beside the file, so that the final rename stays on one file system and is atomic.
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp.gpkg", dir=path.parent)
    os.close(fd)
    scratch = Path(name)
    try:
        if start_empty:
            scratch.unlink()
        else:
            shutil.copyfile(path, scratch)
        yield scratch
        # mkstemp made the scratch file private (0600): give it the file's own permissions,
        # or a new file's, so colleagues sharing a folder can still open the project.
        os.chmod(scratch, path.stat().st_mode & 0o777 if path.exists() else _new_file_mode())
        os.replace(scratch, path)
    except OSError as exc:
        raise ProjectError(f"{path} 无法保存（{exc.strerror or exc}）；"
                           "磁盘上的文件没有改动") from None
    finally:
        scratch.unlink(missing_ok=True)
