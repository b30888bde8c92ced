"""Import one file into one layer of a project, losing nothing: every row read is either
imported or written to FILE.rejected.xlsx with its reason, and the project changes in one
transaction or not at all.

A large roster is read, checked and written block by block (`tables.BLOCK_ROWS` rows), so a
million rows import in bounded memory; what spans blocks (the same person twice, the file's
datum warning, the counts) is carried from one block to the next."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gisapp.catalog import LayerKind
from gisapp.crs import STORAGE_CRS, to_storage
from gisapp.feedback import Feedback
from gisapp.gazetteer import LEVEL_OF_LAYER, Gazetteer
from gisapp.io.checks import FirstRows, duplicate_problems, field_problems
from gisapp.io.import_context import ImportContext
from gisapp.io.locate import DatumCheck, check_crs_name, place_rows
from gisapp.io.mapping import REPORT_COLUMNS, ColumnMapping, all_aliases, auto_mapping
from gisapp.io.merge import merge_into_layer
from gisapp.io.rejects import write_rejects
from gisapp.io.tables import BLOCK_ROWS, SourceTable, TableStream, open_table
from gisapp.io.values import combined_flags, parse_column
from gisapp.layer_schema import FID, GEOMETRY
from gisapp.layer_versions import keeping_version
from gisapp.project import Project

ROW_NUMBER = "原行号"
REASON = "未导入原因"
WARNING = "警告"
# Rows the import wizard sorts before the import, to show what will happen.
PREVIEW_ROWS = 500
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
    kept_columns: list[str] = field(default_factory=list)  # no field claims them: kept as is
    metric_crs_chosen: str | None = None  # the project had none: this import's extent chose it


def import_file(project: Project, kind_id: str, path: str | Path, *, sheet: str | None = None,
                crs: str = "wgs84", mapping: ColumnMapping | None = None,
                mapping_path: Path | None = None, header_row: int | None = None,
                feedback: Feedback | None = None, block_rows: int = BLOCK_ROWS) -> ImportResult:
    """Import `path` into the layer `kind_id`; `feedback` hears the progress and may cancel
    (the project is then left as it was). Columns are mapped by `mapping` (as the import
    wizard edits it), else by the file saved at `mapping_path`, else from the catalog.
    The layer as it was is kept in the project, in the same write (`layer_versions`)."""
    kind, table, mapping = _opened(project, kind_id, path, sheet, crs, mapping, mapping_path,
                                   header_row, block_rows)
    sorting = _FileSorting(kind, mapping, crs, ImportContext.of(project, kind))
    extra = _extra_columns(kind, mapping, table.columns)
    try:
        counts = merge_into_layer(project, kind,
                                  sorting.accepted_blocks(table, feedback or Feedback()),
                                  extra, block_rows, carried=_carried(kind, mapping, extra),
                                  before_swap=keeping_version(project, kind_id, table.path.name))
    except BaseException:
        # No report of an import that did not happen.
        if sorting.rejects_path is not None:
            with contextlib.suppress(OSError):
                sorting.rejects_path.unlink(missing_ok=True)
        raise
    rejected, warnings = sorting.rejected(), sorting.warnings()
    file_warning = sorting.datum_check.warning()
    return ImportResult(sorting.accepted + len(rejected), sorting.accepted, rejected, warnings,
                        table.file_warnings + ([file_warning] if file_warning else []), mapping,
                        counts.added, counts.updated, sorting.rejects_path,
                        mapping.unmapped(table.columns),
                        project.settle_metric_crs() if counts.imported else None)


def preview_rows(project: Project, kind_id: str, path: str | Path, *,
                 sheet: str | None = None, crs: str = "wgs84",
                 mapping: ColumnMapping | None = None, header_row: int | None = None,
                 rows: int = PREVIEW_ROWS) -> Prepared:
    """The first `rows` rows of `path` sorted as `import_file` would sort them, with nothing
    written: what the planner sees before importing. (A repeat of a person in the layer
    already is not a rejection: the import updates that person.)"""
    kind, table, mapping = _opened(project, kind_id, path, sheet, crs, mapping, None,
                                   header_row, rows)
    prepared = prepare_rows(kind, _first_rows(table, rows), mapping, crs=crs,
                            context=ImportContext.of(project, kind))
    prepared.file_warnings = table.file_warnings + prepared.file_warnings
    return prepared


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


class _FileSorting:
    """Rows of one file sorted block by block: accepted blocks go on to the layer, rejected
    rows and warnings are kept for the report, and the same person twice is found across
    blocks."""

    def __init__(self, kind: LayerKind, mapping: ColumnMapping, crs: str,
                 context: ImportContext):
        self.kind, self.mapping, self.crs, self.context = kind, mapping, crs, context
        self.first_rows = FirstRows()
        self.datum_check = DatumCheck()
        self.accepted = 0
        self.rejects_path: Path | None = None
        self._rejected: list[pd.DataFrame] = []
        self._warnings: list[pd.DataFrame] = []

    def accepted_blocks(self, table: TableStream,
                        feedback: Feedback) -> Iterator[gpd.GeoDataFrame]:
        for block in table.blocks:
            feedback.check()
            prepared = prepare_rows(self.kind, block, self.mapping, crs=self.crs,
                                    context=self.context, first_rows=self.first_rows)
            self.accepted += len(prepared.accepted)
            self.datum_check += prepared.datum_check
            self._rejected.append(prepared.rejected)
            self._warnings.append(prepared.warnings)
            if len(block):
                feedback.set_progress(100 * block.row_numbers.iloc[-1] / table.rows_in_file)
            yield prepared.accepted
        feedback.check()
        # Written before the project is: a rejects file that cannot be written (open in
        # Excel) fails the import while the project is still as it was.
        rejected, warnings = self.rejected(), self.warnings()
        if len(rejected) or len(warnings):
            path = table.path.with_name(f"{table.path.stem}.rejected.xlsx")
            write_rejects(path, rejected, warnings)
            self.rejects_path = path
        feedback.set_progress(100)

    def rejected(self) -> pd.DataFrame:
        return _stacked(self._rejected)

    def warnings(self) -> pd.DataFrame:
        return _stacked(self._warnings)


def _stacked(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The rows of every block's frame in turn (empty frames would blur the column types)."""
    return pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)


def prepare_rows(kind: LayerKind, table: SourceTable, mapping: ColumnMapping, *,
                 crs: str = "wgs84", context: ImportContext | None = None,
                 first_rows: FirstRows | None = None) -> Prepared:
    """Parse, place and check every row of `table` as rows of `kind`; no project needed.
    `first_rows` carries the keys of the file's earlier blocks."""
    context = context or ImportContext()
    cells = table.cells
    index = cells.index
    data = pd.DataFrame(index=index)
    unreadable: dict[str, pd.Series] = {}
    warnings: list[pd.Series] = []
    for column, field_id in mapping.fields.items():
        spec = kind.field(field_id)
        values, problems = parse_column(cells[column], spec)
        if spec.check is not None:
            values = values.str.upper()
        if spec.township_code:
            padded = values.str.fullmatch(r"\d{9}000").fillna(False).astype(bool)
            values = values.where(~padded, values.str.slice(0, 9))
        data[field_id] = values
        # A bad identity, code or required value rejects the row; a bad flag or date only
        # blanks that value and warns.
        if spec.required or spec.check is not None or spec.pattern is not None:
            unreadable[field_id] = problems
        else:
            warnings.append(problems.map(_blanked, na_action="ignore"))

    if kind.key_fallback is not None and kind.key_fallback in data.columns:
        own = data[kind.key] if kind.key in data.columns else pd.Series(None, index=index)
        data[kind.key] = own.where(own.notna(), data[kind.key_fallback])
    for column, combined_id in mapping.combined.items():
        for field_id, values in combined_flags(cells[column], kind.combined_column(combined_id)):
            if field_id not in data.columns:  # a column of the field's own says it better
                data[field_id] = values
    if kind.id in LEVEL_OF_LAYER and ("code" in data.columns or "name" in data.columns):
        matched = context.places.match_places(data, kind.id)
        data["code"] = matched.code
        if "name" in data.columns:
            data["name"] = matched.name
        warnings.append(matched.warnings)
        place_problems = matched.problems
    else:
        place_problems = pd.Series(None, index=index, dtype=object)
    updating = _updating(data, kind, context)
    geometry, placing_error, placing_warnings, datum_check = _geometry(
        kind, table, mapping, data, crs, context)
    if "located_by" in data.columns:
        # A row the layer knows keeps the location it has where this file gives none; a file
        # that says nothing of places (a partial roster) has nothing to warn about them.
        keeps_place = updating & (data["located_by"] == "name").to_numpy(dtype=bool)
        data.loc[keeps_place, "located_by"] = None
        if not _carries_place(mapping):
            placing_warnings = placing_warnings.where(~keeps_place, None)
    warnings.append(placing_warnings)
    # Every reason a row fails, the most fundamental first: who it is (ID number, required
    # values), what it says, whether it repeats a row, then where it is.
    errors = [field_problems(data, kind, updating=updating,
                             unreadable={f: p.notna() for f, p in unreadable.items()},
                             layer_rows=len(context.existing_keys)),
              *(unreadable[f] for f in kind.field_ids if f in unreadable)]
    key_label = kind.field(kind.key).name.zh
    errors.append(place_problems)
    errors.append(duplicate_problems(data, table.row_numbers, kind.key, key_label, first_rows))
    errors.append(placing_error)

    reason = _joined(errors, index)
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


def _carried(kind: LayerKind, mapping: ColumnMapping, extra: list[str]) -> list[str]:
    """The layer's columns the file has values for: only these may change a stored row."""
    located = mapping.lon is not None and mapping.lat is not None
    place = ["lon", "lat"] if kind.geometry == "polygon" and located else []
    flags = [f for c in mapping.combined.values() for f in kind.combined_column(c).flags]
    return [*mapping.fields.values(), *flags, *extra, *place]


def _extra_columns(kind: LayerKind, mapping: ColumnMapping, columns: list[str]) -> list[str]:
    """The names the file's unmapped columns are kept under in the layer: a second column
    headed like a field (two 残疾等级 columns) is kept under its own name."""
    return [f"{c}（原表）" if c in kind.all_names or c == GEOMETRY or c.lower() == FID else c
            for c in mapping.unmapped(columns)]


def _carries_place(mapping: ColumnMapping) -> bool:
    fields = set(mapping.fields.values())
    return (mapping.lon is not None and mapping.lat is not None) or bool(fields & {
        "township_code", "township_name", "village_code", "village_name"})


def _updating(data: pd.DataFrame, kind: LayerKind, context: ImportContext) -> np.ndarray:
    """Rows whose key the layer holds already: they update that row."""
    if kind.key not in data.columns or not len(context.existing_keys):
        return np.zeros(len(data), dtype=bool)
    return data[kind.key].isin(context.existing_keys).to_numpy(dtype=bool)


def _geometry(kind: LayerKind, table: SourceTable, mapping: ColumnMapping, data: pd.DataFrame,
              crs: str, context: ImportContext,
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
        # A list of places without outlines (the village list every county has): rows
        # without polygons, counted by code and name; coordinates, if given, are their point.
        geometry = gpd.GeoSeries([None] * len(index), index=index, crs=STORAGE_CRS)
        problems = none.copy()
        if mapping.lon is not None and mapping.lat is not None:
            placed = place_rows(table.cells[mapping.lon], table.cells[mapping.lat],
                                pd.DataFrame(index=index), crs, Gazetteer(None, None), None)
            has = placed.located_by == "coordinates"
            data["lon"] = placed.geometry.x.where(has)
            data["lat"] = placed.geometry.y.where(has)
            problems = placed.problems
        return geometry, problems, none, DatumCheck()
    placed = place_rows(table.cells.get(mapping.lon), table.cells.get(mapping.lat), data, crs,
                        context.places, context.villages,
                        on_township=kind.role != "demand", county=context.county,
                        datum_text=table.cells.get(mapping.datum) if mapping.datum else None)
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


def _blanked(problem: str) -> str:
    return f"{problem}，该项留空"


def _joined(series: list[pd.Series], index: pd.Index) -> pd.Series:
    """All notes of a row, joined with '；'."""
    joined = pd.Series("", index=index, dtype=object)
    for s in series:
        present = s.notna()
        joined[present] = joined[present] + np.where(joined[present] == "", "", "；") + s[present]
    return joined.where(joined != "", None)
