"""Township colours by gap to the target."""

from __future__ import annotations

from gisapp.analysis.indicators import IndicatorRow
from gisapp.targets import target_set
from gisapp.thematic import FAR, MET, NEAR, NO_DATA, SHORT, township_choropleth

REHAB = target_set("ningxia_2021").indicator("rehab_reach")  # ≥ 90%


def row(code: str, value: float | None, level: str = "township") -> IndicatorRow:
    met = None if value is None else value >= 0.9
    return IndicatorRow("rehab_reach", level, code, code, None, None, value, 0.9, ">=", met, "")


def test_classes_are_gaps_to_the_target() -> None:
    rows = [row("A", 0.95), row("B", 0.90), row("C", 0.80), row("D", 0.70), row("E", 0.69),
            row("F", None), row("county", 0.5, level="county")]
    choropleth = township_choropleth(REHAB, rows)
    assert choropleth.colours == {"A": MET[1], "B": MET[1], "C": NEAR[1], "D": SHORT[1],
                                  "E": FAR[1], "F": NO_DATA[1]}
    assert choropleth.title == "有康复需求残疾人的康复站服务半径覆盖率（目标 ≥90%）"
    assert choropleth.legend == (MET, NEAR, SHORT, FAR, NO_DATA)


def test_legend_lists_only_classes_that_occur() -> None:
    assert township_choropleth(REHAB, [row("A", 0.95)]).legend == (MET,)


def test_a_county_count_target_is_not_judged_per_township() -> None:
    count = target_set("tongxin_2021").indicator("renovation_rate")
    rows = [IndicatorRow("renovation_rate", "township", "A", "A", 574, None, 574, 1500, ">=",
                         None, "")]
    assert township_choropleth(count, rows).colours == {"A": NO_DATA[1]}
