"""Import one file into one layer of a project, losing nothing: every row read is either
imported or written to FILE.rejected.xlsx with its reason, and the project changes in one
transaction or not at all.

A large roster is read, checked and written block by block (`tables.BLOCK_ROWS` rows), so a
million rows import in bounded memory; what spans blocks (the same person twice, the file's
datum warning, the counts) is carried from one block to the next."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gisapp.catalog import LayerKind
from gisapp.crs import STORAGE_CRS, to_storage
from gisapp.errors import UserError
from gisapp.feedback import Feedback
from gisapp.io.checks import FirstRows, duplicate_problems, field_problems, outside_problems
from gisapp.io.locate import DatumCheck, check_crs_name, place_rows
from gisapp.io.mapping import REPORT_COLUMNS, ColumnMapping, all_aliases, auto_mapping
from gisapp.io.merge import merge_into_layer
from gisapp.io.rejects import write_rejects
from gisapp.io.tables import BLOCK_ROWS, SourceTable, TableStream, open_table
from gisapp.io.values import parse_column
from gisapp.layer_schema import FID, GEOMETRY
from gisapp.project import Project

ROW_NUMBER = "原行号"
REASON = "未导入原因"
WARNING = "警告"
# Rows the import wizard sorts before the import, to show what will happen.
PREVIEW_ROWS = 500
# Points this close outside the county line are kept: published outlines are approximate.
_COUNTY_TOLERANCE_DEG = 0.002


@dataclass
class Prepared:
    """The rows of one table (or one block of a file) sorted into accepted and rejected,
    with warnings."""

    accepted: gpd.GeoDataFrame
    rejected: pd.DataFrame  # original cells, ROW_NUMBER and the reason
    warnings: pd.DataFrame  # ROW_NUMBER and the warning, for rows that were imported
    file_warnings: list[str] = field(default_factory=list)
    datum_check: DatumCheck = field(default_factory=DatumCheck)

    @property
    def read(self) -> int:
        return len(self.accepted) + len(self.rejected)


@dataclass
class ImportResult:
    """What an import did: counts that add up (read = accepted + rejected), the rejected rows
    and warnings as written to `rejects_path`, and how the layer changed."""

    read: int
    accepted: int
    rejected: pd.DataFrame
    warnings: pd.DataFrame
    file_warnings: list[str]
    mapping: ColumnMapping
    added: int
    updated: int
    rejects_path: Path | None


def import_file(project: Project, kind_id: str, path: str | Path, *, sheet: str | None = None,
                crs: str = "wgs84", mapping: ColumnMapping | None = None,
                mapping_path: Path | None = None, header_row: int | None = None,
                feedback: Feedback | None = None, block_rows: int = BLOCK_ROWS) -> ImportResult:
    """Import `path` into the layer `kind_id`; `feedback` hears the progress and may cancel
    (the project is then left as it was). Columns are mapped by `mapping` (as the import
    wizard edits it), else by the file saved at `mapping_path`, else from the catalog."""
    kind, table, mapping = _opened(project, kind_id, path, sheet, crs, mapping, mapping_path,
                                   header_row, block_rows)
    sorting = _FileSorting(kind, mapping, crs, _villages(project), _county_area(project))
    counts = merge_into_layer(project, kind, sorting.accepted_blocks(table, feedback or Feedback()),
                              _extra_columns(kind, mapping, table.columns), block_rows)
    rejected, warnings = sorting.rejected(), sorting.warnings()
    rejects_path = None
    if len(rejected) or len(warnings):
        rejects_path = table.path.with_name(f"{table.path.stem}.rejected.xlsx")
        write_rejects(rejects_path, rejected, warnings)
    file_warning = sorting.datum_check.warning()
    return ImportResult(sorting.accepted + len(rejected), sorting.accepted, rejected, warnings,
                        [file_warning] if file_warning else [], mapping, counts.added,
                        counts.updated, rejects_path)


def preview_rows(project: Project, kind_id: str, path: str | Path, *,
                 sheet: str | None = None, crs: str = "wgs84",
                 mapping: ColumnMapping | None = None, header_row: int | None = None,
                 rows: int = PREVIEW_ROWS) -> Prepared:
    """The first `rows` rows of `path` sorted as `import_file` would sort them, with nothing
    written: what the planner sees before importing. (A repeat of a person in the layer
    already is not a rejection: the import updates that person.)"""
    _, table, mapping = _opened(project, kind_id, path, sheet, crs, mapping, None, header_row,
                                rows)
    return prepare_rows(project.catalog[kind_id], _first_rows(table, rows), mapping, crs=crs,
                        villages=_villages(project), county=_county_area(project))


def _opened(project: Project, kind_id: str, path: str | Path, sheet: str | None, crs: str,
            mapping: ColumnMapping | None, mapping_path: Path | None, header_row: int | None,
            block_rows: int) -> tuple[LayerKind, TableStream, ColumnMapping]:
    """The kind, the file opened for reading and the column mapping, all checked."""
    if mapping is not None and mapping_path is not None:
        raise ValueError("give a column mapping or a mapping file, not both")
    kind = project.catalog[kind_id]
    check_crs_name(crs)
    table = open_table(path, sheet=sheet, header_row=header_row, aliases=all_aliases(kind),
                       block_rows=block_rows)
    if mapping_path is not None:
        mapping = ColumnMapping.load(mapping_path, kind, table.columns)
    elif mapping is not None:
        mapping.check(kind, table.columns, where=str(table.path))
    else:
        mapping = auto_mapping(table.columns, kind)
    return kind, table, mapping


def _first_rows(table: TableStream, rows: int) -> SourceTable:
    """The first `rows` rows below the header, from as many blocks as hold them."""
    taken: list[SourceTable] = []
    for block in table.blocks:
        taken.append(block)
        if sum(map(len, taken)) >= rows:
            break
    geometry = None
    if taken[0].geometry is not None:
        geometry = pd.concat([b.geometry for b in taken], ignore_index=True).head(rows)
    return SourceTable(table.path,
                       pd.concat([b.cells for b in taken], ignore_index=True).head(rows),
                       pd.concat([b.row_numbers for b in taken], ignore_index=True).head(rows),
                       geometry, sheet=table.sheet, encoding=table.encoding)


def _villages(project: Project) -> gpd.GeoDataFrame | None:
    return project.read_layer("villages") if "villages" in project.catalog else None


class _FileSorting:
    """Rows of one file sorted block by block: accepted blocks go on to the layer, rejected
    rows and warnings are kept for the report, and the same person twice is found across
    blocks."""

    def __init__(self, kind: LayerKind, mapping: ColumnMapping, crs: str,
                 villages: gpd.GeoDataFrame | None, county: shapely.Geometry | None):
        self.kind, self.mapping, self.crs = kind, mapping, crs
        self.villages, self.county = villages, county
        self.first_rows = FirstRows()
        self.datum_check = DatumCheck()
        self.accepted = 0
        self._rejected: list[pd.DataFrame] = []
        self._warnings: list[pd.DataFrame] = []

    def accepted_blocks(self, table: TableStream,
                        feedback: Feedback) -> Iterator[gpd.GeoDataFrame]:
        for block in table.blocks:
            feedback.check()
            prepared = prepare_rows(self.kind, block, self.mapping, crs=self.crs,
                                    villages=self.villages, county=self.county,
                                    first_rows=self.first_rows)
            self.accepted += len(prepared.accepted)
            self.datum_check += prepared.datum_check
            self._rejected.append(prepared.rejected)
            self._warnings.append(prepared.warnings)
            if len(block):
                feedback.set_progress(100 * block.row_numbers.iloc[-1] / table.rows_in_file)
            yield prepared.accepted
        feedback.check()
        feedback.set_progress(100)

    def rejected(self) -> pd.DataFrame:
        return _stacked(self._rejected)

    def warnings(self) -> pd.DataFrame:
        return _stacked(self._warnings)


def _stacked(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The rows of every block's frame in turn (empty frames would blur the column types)."""
    return pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)


def prepare_rows(kind: LayerKind, table: SourceTable, mapping: ColumnMapping, *,
                 crs: str = "wgs84", villages: gpd.GeoDataFrame | None = None,
                 county: shapely.Geometry | None = None,
                 first_rows: FirstRows | None = None) -> Prepared:
    """Parse, place and check every row of `table` as rows of `kind`; no project needed.
    `first_rows` carries the keys of the file's earlier blocks."""
    cells = table.cells
    index = cells.index
    data = pd.DataFrame(index=index)
    errors: list[pd.Series] = []
    warnings: list[pd.Series] = []
    for column, field_id in mapping.fields.items():
        spec = kind.field(field_id)
        values, problems = parse_column(cells[column], spec)
        if spec.check is not None:
            values = values.str.upper()
        data[field_id] = values
        # A bad identity, code or required value rejects the row; a bad flag or date only
        # blanks that value and warns.
        if spec.required or spec.check is not None or spec.pattern is not None:
            errors.append(problems)
        else:
            warnings.append(problems.map(_blanked, na_action="ignore"))

    geometry, placing_error, placing_warnings, datum_check = _geometry(
        kind, table, mapping, data, crs, villages)
    errors.append(placing_error)
    warnings.append(placing_warnings)
    errors.append(field_problems(data, kind))
    key_label = kind.field(kind.key).name.zh
    errors.append(duplicate_problems(data, table.row_numbers, kind.key, key_label, first_rows))
    if kind.geometry == "point":
        errors.append(outside_problems(geometry, county))

    reason = _first(errors, index)
    warning = _joined(warnings, index)
    ok = reason.isna().to_numpy()
    extra = cells[mapping.unmapped(list(cells.columns))].replace("", None)
    extra.columns = _extra_columns(kind, mapping, list(cells.columns))
    accepted = gpd.GeoDataFrame(pd.concat([data, extra], axis=1)[ok],
                                geometry=geometry[ok].to_numpy(), crs=STORAGE_CRS)
    rejected = cells[~ok].drop(columns=list(REPORT_COLUMNS), errors="ignore")
    rejected.insert(0, ROW_NUMBER, table.row_numbers[~ok].to_numpy())
    rejected[REASON] = reason[~ok].to_numpy()
    noted = ok & warning.notna().to_numpy()
    warned = pd.DataFrame({ROW_NUMBER: table.row_numbers[noted].to_numpy(),
                           WARNING: warning[noted].to_numpy()})
    file_warning = datum_check.warning()
    return Prepared(accepted.reset_index(drop=True), rejected.reset_index(drop=True), warned,
                    [file_warning] if file_warning else [], datum_check)


def _extra_columns(kind: LayerKind, mapping: ColumnMapping, columns: list[str]) -> list[str]:
    """The names the file's unmapped columns are kept under in the layer: a second column
    headed like a field (two 残疾等级 columns) is kept under its own name."""
    return [f"{c}（原表）" if c in kind.all_names or c == GEOMETRY or c.lower() == FID else c
            for c in mapping.unmapped(columns)]


def _geometry(kind: LayerKind, table: SourceTable, mapping: ColumnMapping, data: pd.DataFrame,
              crs: str, villages: gpd.GeoDataFrame | None,
              ) -> tuple[gpd.GeoSeries, pd.Series, pd.Series, DatumCheck]:
    index = table.cells.index
    none = pd.Series(None, index=index, dtype=object)
    if table.geometry is not None:
        geometry = _from_spatial_file(table.geometry, crs).set_axis(index)
        missing = geometry.isna() | geometry.is_empty
        problems = none.copy()
        problems[missing] = "缺少几何图形"
        if kind.geometry == "polygon":
            problems[~missing & ~geometry.geom_type.isin(["Polygon", "MultiPolygon"])] = \
                "几何类型应为面"
        return geometry, problems, none, DatumCheck()
    if kind.geometry == "polygon":
        raise UserError(f"{table.path}: {kind.name.zh} need polygons; import them from a "
                        ".shp, .gpkg or .geojson file")
    placed = place_rows(
        table.cells.get(mapping.lon), table.cells.get(mapping.lat), data.get("village_code"),
        data.get("township_name"), data.get("village_name"), crs, villages, index)
    if "located_by" in kind.field_ids:
        data["located_by"] = placed.located_by
    return placed.geometry, placed.problems, placed.warnings, placed.datum_check


def _from_spatial_file(geometry: gpd.GeoSeries, crs: str) -> gpd.GeoSeries:
    """Reproject to STORAGE_CRS; a file in GCJ-02/BD-09 says so only through --crs."""
    stored = geometry.to_crs(STORAGE_CRS)
    if crs.lower() in ("gcj02", "bd09"):
        stored = stored.map(lambda g: None if g is None else shapely.transform(
            g, lambda xy: _shift(xy, crs)))
        stored = gpd.GeoSeries(stored, crs=STORAGE_CRS)
    return stored


def _shift(xy: np.ndarray, crs: str) -> np.ndarray:
    return np.column_stack(to_storage(xy[:, 0], xy[:, 1], crs))


def _county_area(project: Project) -> shapely.Geometry | None:
    for kind_id in ("townships", "villages"):
        if kind_id in project.catalog:
            areas = project.read_layer(kind_id)
            if len(areas):
                return areas.to_crs(STORAGE_CRS).union_all().buffer(_COUNTY_TOLERANCE_DEG)
    return None


def _blanked(problem: str) -> str:
    return f"{problem}，该项留空"


def _first(series: list[pd.Series], index: pd.Index) -> pd.Series:
    result = pd.Series(None, index=index, dtype=object)
    for s in series:
        result = result.where(result.notna(), s)
    return result


def _joined(series: list[pd.Series], index: pd.Index) -> pd.Series:
    """All notes of a row, joined with '；'."""
    joined = pd.Series("", index=index, dtype=object)
    for s in series:
        present = s.notna()
        joined[present] = joined[present] + np.where(joined[present] == "", "", "；") + s[present]
    return joined.where(joined != "", None)
