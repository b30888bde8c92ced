"""Siting results to files: the proposals workbook a planner prints as it is, and the curve of
coverage against the number of new stations.

Only places and counts are written, never a person: the report can leave the office.
"""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gisapp.analysis.siting import SitingResult
from gisapp.errors import UserError
from gisapp.io.excel import Sheet, write_workbook
from gisapp.render.fonts import cjk_font

log = logging.getLogger("gisapp")

_STATUS = {"optimal": "已证最优", "time_limit": "达到时间上限，未证最优",
           "infeasible": "以现有候选点无法达到目标"}
_METHOD = {"milp": "整数规划（HiGHS）", "greedy": "贪心算法（整数规划在时限内未找到更好的解）"}


def curve_path(xlsx: Path) -> Path:
    """Where the curve goes by default: beside the workbook, `FILE.curve.png`."""
    return xlsx.with_name(f"{xlsx.stem}.curve.png")


def write_siting_report(result: SitingResult, xlsx: Path, curve: Path | None = None) -> Path:
    """The workbook, and the curve beside it (or at `curve`); returns the curve's path."""
    if xlsx.suffix.lower() != ".xlsx":
        raise UserError(f"{xlsx}：选址报告只能写成 .xlsx 文件")
    curve = curve or curve_path(xlsx)
    if curve.suffix.lower() != ".png":
        raise UserError(f"{curve}：覆盖率曲线只能写成 .png 图片")
    write_workbook(xlsx, [
        Sheet("选址方案", proposals_table(result), title=_title(result)),
        Sheet("各乡镇覆盖", townships_table(result),
              title=f"{result.county} 各乡镇有康复需求人员覆盖率（%），按建议顺序逐个建站后"),
        Sheet("说明", notes_table(result), title="选址的问题、规则与求解情况"),
    ])
    write_curve(result, curve)
    return curve


def _title(result: SitingResult) -> str:
    return (f"{result.county} 康复站选址：{result.request.title}（服务半径 {result.radius_km:g} "
            f"公里，候选点：{result.candidates}）")


def proposals_table(result: SitingResult) -> pd.DataFrame:
    """One row per proposed station, in the order they are worth building."""
    county = len(result.townships.codes)
    rows = []
    for p in result.proposals:
        after = result.coverage(p.rank)
        township = result.townships.codes.index(p.township_code) \
            if p.township_code in result.townships.codes else None
        rows.append({
            "序号": p.rank, "乡镇": p.township, "村（社区）": p.village, "候选点": p.name,
            "经度": round(p.lon, 6), "纬度": round(p.lat, 6),
            "新增覆盖人数": p.new_persons, "新增覆盖（加权）": round(p.new_weight, 2),
            "全县累计覆盖人数": int(result.reached[p.rank][county]),
            "全县覆盖率（%）": _pct(after[county]),
            "所在乡镇覆盖率（%）": _pct(after[township]) if township is not None else None,
        })
    columns = ["序号", "乡镇", "村（社区）", "候选点", "经度", "纬度", "新增覆盖人数",
               "新增覆盖（加权）", "全县累计覆盖人数", "全县覆盖率（%）", "所在乡镇覆盖率（%）"]
    return pd.DataFrame(rows, columns=columns)


def townships_table(result: SitingResult) -> pd.DataFrame:
    """Coverage of every township and the county, now and after each proposal."""
    regions = result.townships
    names = [*(n or c for c, n in zip(regions.codes, regions.names, strict=True)), "全县"]
    table = pd.DataFrame({"乡镇代码": [*regions.codes, result.county], "乡镇": names,
                          "有康复需求人数": result.need, "现状覆盖人数": result.reached[0]})
    table["现状覆盖率（%）"] = [_pct(v) for v in result.coverage(0)]
    for step in range(1, len(result.proposals) + 1):
        table[f"建第{step}个后"] = [_pct(v) for v in result.coverage(step)]
    table["建成后覆盖人数"] = result.reached[-1]
    target = result.target if result.target is not None else result.indicator_target
    if target is not None:
        table["目标（%）"] = _pct(target)
        table["建成后是否达标"] = [_verdict(v, target) for v in result.coverage()]
    unreachable = {u.code: u.reason(result.radius_km, result.target or 0.0)
                   for u in result.unreachable}
    if unreachable:
        table["无法达到的原因"] = [unreachable.get(c if c != result.county else "county")
                              for c in table["乡镇代码"]]
    return table[table["有康复需求人数"] > 0].reset_index(drop=True)


def notes_table(result: SitingResult) -> pd.DataFrame:
    request = result.request
    rows = [
        ("问题", request.title),
        ("有康复需求的人员", result.need_rule),
        ("加权", result.weighting if result.weighting == "每人计1"
         else f"{result.weighting}；同时符合多条时取最大，其余每人计1"),
        ("服务半径", f"{result.radius_km:g} 公里（直线距离）；现有康复站有自身服务半径的按其半径"),
        ("现有康复站", "保持不变；其服务半径内的人员已覆盖，不计为新增"),
        ("候选点", f"{result.candidates}，共 {result.candidate_count} 个"),
        ("需求分组", f"{result.groups} 组（同一乡镇、可被同样候选点覆盖的人员合为一组）"),
        ("求解方法", _METHOD[result.method]),
        ("求解结果", _STATUS[result.status]),
    ]
    if result.status != "infeasible":
        if request.add is not None:
            rows += [("新增覆盖（加权）", f"{result.objective:,.2f}"),
                     ("可证上界", f"{result.bound:,.2f}")]
        else:
            rows += [("所需康复站数", f"{result.objective:g}"),
                     ("可证下界", f"{result.bound:g}")]
        rows += [("与最优的差距", f"不超过 {result.gap:.2%}"),
                 ("求解用时", f"{result.seconds:.1f} 秒（时限 {request.time_limit_s:g} 秒）")]
    rows += [("无法达到目标", u.reason(result.radius_km, result.target or 0.0))
             for u in result.unreachable]
    rows.append(("坐标", "经纬度为 CGCS2000（EPSG:4490）"))
    return pd.DataFrame(rows, columns=["项目", "内容"])


def write_curve(result: SitingResult, path: Path) -> None:
    """Coverage of the county (and, thin, of each township) against new stations built."""
    # The printed maps' font (one way to find it); given to each text, not through rcParams:
    # a worker thread may draw this while the window draws its own figures.
    font = cjk_font().properties(10)
    figure = _curve_figure(result, font)
    scratch = path.with_name(f".{path.name}.tmp")
    try:
        figure.savefig(scratch, format="png")
        os.replace(scratch, path)
    except OSError as exc:
        scratch.unlink(missing_ok=True)
        raise UserError(f"{path}：无法写入（{exc.strerror or exc}）") from None


def _curve_figure(result: SitingResult, font: font_manager.FontProperties) -> Figure:
    figure = Figure(figsize=(8, 5), dpi=150, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    steps = np.arange(len(result.reached))
    shares = np.array([result.coverage(step) for step in steps]) * 100
    for column in range(shares.shape[1] - 1):
        if result.need[column] > 0:
            axes.plot(steps, shares[:, column], color="#9aa5b1", linewidth=0.8,
                      label="各乡镇" if column == 0 else None)
    axes.plot(steps, shares[:, -1], color="#1f4e79", linewidth=2.2, marker="o", markersize=3.5,
              label="全县")
    target = result.target if result.target is not None else result.indicator_target
    if target is not None:
        axes.axhline(target * 100, color="#c0392b", linestyle="--", linewidth=1.2,
                     label=f"目标 {target * 100:g}%")
    axes.annotate(f"{shares[-1, -1]:.1f}%", (steps[-1], shares[-1, -1]),
                  textcoords="offset points", xytext=(-4, 6), ha="right", fontproperties=font)
    if target is not None:  # name the townships still short at the end
        small = font.copy()
        small.set_size(7)
        for column in np.flatnonzero(shares[-1, :-1] < target * 100 - 1e-9):
            name = result.townships.names[column] or result.townships.codes[column]
            axes.annotate(name, (steps[-1], shares[-1, column]), textcoords="offset points",
                          xytext=(-4, 3), ha="right", color="#5b6770", fontproperties=small)
    axes.set_xlabel("新增康复站（个，按建议顺序）", fontproperties=font)
    axes.set_ylabel("服务半径内的有康复需求人员（%）", fontproperties=font)
    title = font.copy()
    title.set_size(12)
    axes.set_title(f"{result.county} {result.request.title}（半径 {result.radius_km:g} 公里）",
                   fontproperties=title)
    axes.set_xlim(0, max(1, len(steps) - 1))
    axes.set_ylim(max(0.0, float(np.nanmin(shares)) - 5), 100.5)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.grid(alpha=0.3)
    figure.legend(loc="outside lower center", ncols=3, prop=font, frameon=False)
    return figure


def _verdict(share: float, target: float) -> str:
    if not math.isfinite(share):
        return "无数据"
    return "达标" if share >= target - 1e-12 else "未达标"


def _pct(share: float) -> float | None:
    return None if share is None or not math.isfinite(share) else round(share * 100, 1)
