"""What an import tells the planner at the end: counts that add up, the commonest reasons,
where the rejected rows went."""

from __future__ import annotations

import pandas as pd

from gisapp.catalog import LayerKind
from gisapp.io.importer import ImportResult

_TOP_REASONS = 8


def import_summary(result: ImportResult, kind: LayerKind) -> str:
    lines = [
        f"{kind.name.zh}：读取 {result.read:,} 行，导入 {result.accepted:,} 行"
        f"（新增 {result.added:,}，更新 {result.updated:,}），"
        f"未导入 {len(result.rejected):,} 行，警告 {len(result.warnings):,} 条",
        "列对应：" + "，".join(f"{c}→{kind.field(f).name.zh}" for c, f in
                            result.mapping.fields.items())
        + "".join(f"，{c}→{'、'.join(kind.field(f).name.zh for f in _flags(kind, i))}"
                  for c, i in result.mapping.combined.items())
        + (f"，{result.mapping.lon}→经度，{result.mapping.lat}→纬度"
           if result.mapping.lon and result.mapping.lat else "")
        + (f"，{result.mapping.datum}→逐行坐标来源" if result.mapping.datum else "")
        + (f"；未导入的列：{'、'.join(result.mapping.skipped)}" if result.mapping.skipped else ""),
    ]
    if result.kept_columns:
        lines.append(f"未对应到字段、按原列名保存的列：{'、'.join(result.kept_columns)}")
    if lacking := _fields_without_column(result, kind):
        lines.append(f"文件中没有的字段（新增的行留空，已有的行保持原值）：{'、'.join(lacking)}")
    if len(result.rejected):
        counts = _each(result.rejected["未导入原因"])
        lines.append("未导入原因：" + "；".join(f"{r} {n:,} 行" for r, n in counts.items()))
    if len(result.warnings):
        counts = _each(result.warnings["警告"])
        lines.append("警告：" + "；".join(f"{r} {n:,} 行" for r, n in counts.items()))
    lines.extend(f"注意：{w}" for w in result.file_warnings)
    if result.metric_crs_chosen:
        lines.append(f"度量坐标系按导入数据的范围定为 {result.metric_crs_chosen}"
                     "（可用 gisapp settings --set metric_crs=EPSG:n 修改）")
    if result.rejects_path is not None:
        lines.append(f"未导入的行及原因、警告已写入 {result.rejects_path}")
    return "\n".join(lines)


def _flags(kind: LayerKind, combined_id: str) -> list[str]:
    return list(kind.combined_column(combined_id).flags)


def _fields_without_column(result: ImportResult, kind: LayerKind) -> list[str]:
    mapped = set(result.mapping.fields.values())
    mapped |= {f for c in result.mapping.combined.values() for f in _flags(kind, c)}
    located = result.mapping.lon is not None and result.mapping.lat is not None
    # Fields the import fills itself: how a row was placed, and a place's own point.
    filled = {"located_by"} | ({"lon", "lat"} if located else set())
    return [f.name.zh for f in kind.fields if f.id not in mapped | filled]


def _each(notes: pd.Series) -> pd.Series:
    """How many rows carry each reason or warning, a row with several counted under each."""
    return notes.str.split("；").explode().value_counts().head(_TOP_REASONS)
