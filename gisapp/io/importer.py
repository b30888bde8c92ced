"""Import one file into one layer of a project, losing nothing: every row read is either
imported or written to FILE.rejected.xlsx with its reason, and the project changes in one
transaction or not at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gisapp.catalog import LayerKind
from gisapp.crs import STORAGE_CRS, to_storage
from gisapp.errors import UserError
from gisapp.io.checks import duplicate_problems, field_problems, outside_problems
from gisapp.io.locate import check_crs_name, place_rows
from gisapp.io.mapping import REPORT_COLUMNS, ColumnMapping, all_aliases, auto_mapping
from gisapp.io.rejects import write_rejects
from gisapp.io.tables import SourceTable, read_table
from gisapp.io.values import parse_column
from gisapp.layer_schema import conform
from gisapp.project import Project

ROW_NUMBER = "原行号"
# Points this close outside the county line are kept: published outlines are approximate.
_COUNTY_TOLERANCE_DEG = 0.002


@dataclass
class Prepared:
    """The rows of one file sorted into accepted and rejected, with warnings."""

    accepted: gpd.GeoDataFrame
    rejected: pd.DataFrame  # original cells, ROW_NUMBER and the reason
    warnings: pd.DataFrame  # ROW_NUMBER and the warning, for rows that were imported
    file_warnings: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.accepted) + len(self.rejected)


@dataclass
class ImportResult:
    prepared: Prepared
    mapping: ColumnMapping
    added: int
    updated: int
    rejects_path: Path | None


def import_file(project: Project, kind_id: str, path: str | Path, *, sheet: str | None = None,
                crs: str = "wgs84", mapping_path: Path | None = None,
                header_row: int | None = None) -> ImportResult:
    kind = project.catalog[kind_id]
    check_crs_name(crs)
    table = read_table(path, sheet=sheet, header_row=header_row, aliases=all_aliases(kind))
    columns = list(table.cells.columns)
    mapping = (ColumnMapping.load(mapping_path, kind, columns) if mapping_path
               else auto_mapping(columns, kind))
    villages = project.read_layer("villages") if "villages" in project.catalog else None
    prepared = prepare_rows(kind, table, mapping, crs=crs, villages=villages,
                            county=_county_area(project))
    source_path = table.path
    del table  # the raw cells of a large roster are not needed past this point
    existing = project.read_layer(kind.id)
    merged, added, updated = merge_by_key(existing, prepared.accepted, kind)
    if len(prepared.accepted):
        project.write_layer(kind.id, merged)
    rejects_path = None
    if len(prepared.rejected) or len(prepared.warnings):
        rejects_path = source_path.with_name(f"{source_path.stem}.rejected.xlsx")
        write_rejects(rejects_path, prepared.rejected, prepared.warnings)
    return ImportResult(prepared, mapping, added, updated, rejects_path)


def prepare_rows(kind: LayerKind, table: SourceTable, mapping: ColumnMapping, *,
                 crs: str = "wgs84", villages: gpd.GeoDataFrame | None = None,
                 county: shapely.Geometry | None = None) -> Prepared:
    """Parse, place and check every row of `table` as rows of `kind`; no project needed."""
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

    geometry, placing_error, placing_warnings, file_warnings = _geometry(
        kind, table, mapping, data, crs, villages)
    errors.append(placing_error)
    warnings.append(placing_warnings)
    errors.append(field_problems(data, kind))
    key_label = kind.field(kind.key).name.zh
    errors.append(duplicate_problems(data, table.row_numbers, kind.key, key_label))
    if kind.geometry == "point":
        errors.append(outside_problems(geometry, county))

    reason = _first(errors, index)
    warning = _joined(warnings, index)
    ok = reason.isna()
    extra = cells[mapping.unmapped(list(cells.columns))].replace("", None)
    # A second column headed like a field (two 残疾等级 columns) is kept under its own name.
    extra.columns = [f"{c}（原表）" if c in kind.all_names or c == "geometry" else c
                     for c in extra.columns]
    accepted = gpd.GeoDataFrame(pd.concat([data, extra], axis=1)[ok.to_numpy()],
                                geometry=geometry[ok].to_numpy(), crs=STORAGE_CRS)
    rejected = cells[~ok.to_numpy()].drop(columns=list(REPORT_COLUMNS), errors="ignore")
    rejected.insert(0, ROW_NUMBER, table.row_numbers[~ok.to_numpy()].to_numpy())
    rejected["未导入原因"] = reason[~ok].to_numpy()
    noted = ok & warning.notna()
    warned = pd.DataFrame({ROW_NUMBER: table.row_numbers[noted.to_numpy()].to_numpy(),
                           "警告": warning[noted].to_numpy()})
    return Prepared(accepted.reset_index(drop=True), rejected.reset_index(drop=True), warned,
                    file_warnings)


def merge_by_key(existing: gpd.GeoDataFrame, incoming: gpd.GeoDataFrame,
                 kind: LayerKind) -> tuple[gpd.GeoDataFrame, int, int]:
    """Incoming rows replace existing rows with the same key (a corrected roster updates, it
    does not duplicate); rows without a key are added."""
    key = kind.key
    if key in incoming.columns and key in existing.columns:
        incoming_keys = set(incoming[key].dropna())
        replaced = existing[key].isin(incoming_keys)
    else:
        replaced = pd.Series(False, index=existing.index)
    kept = existing[~replaced.to_numpy()]
    merged = pd.concat([kept, incoming.to_crs(existing.crs or STORAGE_CRS)], ignore_index=True)
    return conform(gpd.GeoDataFrame(merged, geometry=merged.geometry.name, crs=STORAGE_CRS),
                   kind), len(incoming) - int(replaced.sum()), int(replaced.sum())


def _geometry(kind: LayerKind, table: SourceTable, mapping: ColumnMapping, data: pd.DataFrame,
              crs: str, villages: gpd.GeoDataFrame | None,
              ) -> tuple[gpd.GeoSeries, pd.Series, pd.Series, list[str]]:
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
        return geometry, problems, none, []
    if kind.geometry == "polygon":
        raise UserError(f"{table.path}: {kind.name.zh} need polygons; import them from a "
                        ".shp, .gpkg or .geojson file")
    placed = place_rows(
        table.cells.get(mapping.lon), table.cells.get(mapping.lat), data.get("village_code"),
        data.get("township_name"), data.get("village_name"), crs, villages, index)
    if "located_by" in kind.field_ids:
        data["located_by"] = placed.located_by
    file_warnings = [placed.file_warning] if placed.file_warning else []
    return placed.geometry, placed.problems, placed.warnings, file_warnings


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
