"""What an import tells the planner at the end: counts that add up, the commonest reasons,
where the rejected rows went."""

from __future__ import annotations

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
        + (f"，{result.mapping.lon}→经度，{result.mapping.lat}→纬度"
           if result.mapping.lon and result.mapping.lat else "")
        + (f"；未导入的列：{'、'.join(result.mapping.skipped)}" if result.mapping.skipped else ""),
    ]
    if len(result.rejected):
        counts = result.rejected["未导入原因"].value_counts().head(_TOP_REASONS)
        lines.append("未导入原因：" + "；".join(f"{r} {n:,} 行" for r, n in counts.items()))
    if len(result.warnings):
        counts = result.warnings["警告"].value_counts().head(_TOP_REASONS)
        lines.append("警告：" + "；".join(f"{r} {n:,} 行" for r, n in counts.items()))
    lines.extend(f"注意：{w}" for w in result.file_warnings)
    if result.rejects_path is not None:
        lines.append(f"未导入的行及原因、警告已写入 {result.rejects_path}")
    return "\n".join(lines)
