from __future__ import annotations

from pathlib import Path

import pytest

from gisapp.errors import CatalogError
from gisapp.resources import targets_dir
from gisapp.targets import (
    DEFAULT_TARGET_SET,
    INDICATOR_IDS,
    available_target_sets,
    load_target_set,
    target_set,
)

TARGET_FILES = sorted(targets_dir().glob("*.toml"))


def test_the_four_policy_documents_ship() -> None:
    assert available_target_sets() == ["dawukou_2022", "ejinhoro_2022", "ningxia_2021",
                                       "tongxin_2021"]
    assert DEFAULT_TARGET_SET == "ningxia_2021"


@pytest.mark.parametrize("path", TARGET_FILES, ids=lambda p: p.stem)
def test_every_target_set_loads_and_cites_its_source(path: Path) -> None:
    loaded = load_target_set(path)
    assert loaded.id == path.stem
    assert loaded.document and loaded.indicators
    for indicator in loaded.indicators:
        assert indicator.clause.strip() and indicator.section.strip()
        assert indicator.id in INDICATOR_IDS


def test_ningxia_2021_carries_the_plan_targets() -> None:
    ningxia = target_set("ningxia_2021")
    assert ningxia.document == "宁残联发〔2021〕46号"
    expected = {
        "service_body_coverage": 0.80, "renovation_rate": 0.80, "rehab_coverage": 0.90,
        "rehab_reach": 0.90, "device_fitting": 0.90, "pension_insured": 0.90,
        "medical_insured": 0.95, "school_enrolment": 0.98, "subsidy_coverage": 1.00,
    }
    got = {i.id: i.value for i in ningxia.indicators if i.id in expected}
    assert got == pytest.approx(expected)
    rehab = ningxia.indicator("rehab_coverage")
    assert rehab.comparison == ">=" and rehab.target_text == "≥90%"
    assert rehab.is_met(0.90) and not rehab.is_met(0.899)
    assert "90%" in rehab.clause


def test_tongxin_counts_renovations_and_asks_more_rehab() -> None:
    tongxin = target_set("tongxin_2021")
    renovation = tongxin.indicator("renovation_rate")
    assert renovation.measure == "count" and renovation.value == 1500
    assert tongxin.indicator("rehab_coverage").value == pytest.approx(0.95)


def test_dawukou_counts_400_renovations() -> None:
    renovation = target_set("dawukou_2022").indicator("renovation_rate")
    assert (renovation.measure, renovation.value) == ("count", 400)


def test_unknown_indicator_of_a_set_is_named() -> None:
    with pytest.raises(CatalogError, match="没有指标“happiness”"):
        target_set().indicator("happiness")


def test_unknown_target_set_lists_the_shipped_ones() -> None:
    with pytest.raises(CatalogError, match="随附的有：dawukou_2022"):
        target_set("beijing_2030")


GOOD = """
id = "{stem}"
name = "测试方案"
name_en = "Test plan"
document = "测残联发〔2025〕1号"
issuer = "测试县残联"
issued = 2025-01-01
target_year = 2025
region = "测试县"

[[indicators]]
id = "rehab_coverage"
name = "残疾人基本康复服务覆盖率"
name_en = "Rehab coverage"
layer = "households"
count = "persons"
measure = "rate"
denominator = "rehab_need"
numerator = "rehab_received"
comparison = ">="
value = 0.9
level = "county"
clause = "康复服务覆盖率达到90%"
section = "一、目标"
"""


def write(tmp_path: Path, text: str, stem: str = "test_2025") -> Path:
    path = tmp_path / f"{stem}.toml"
    path.write_text(text.replace("{stem}", stem), encoding="utf-8")
    return path


def test_a_well_formed_set_loads(tmp_path: Path) -> None:
    loaded = load_target_set(write(tmp_path, GOOD))
    assert loaded.indicator("rehab_coverage").value == 0.9


@pytest.mark.parametrize(("change", "message"), [
    (("value = 0.9", "value = 90"), "indicators.rehab_coverage: a rate target is a fraction"),
    (('numerator = "rehab_received"', 'numerator = "rehab_recieved"'),
     "indicators.rehab_coverage.numerator: households has no field rehab_recieved"),
    (('denominator = "rehab_need"', 'denominator = "rehab_need and"'),
     "indicators.rehab_coverage.denominator"),
    (('denominator = "rehab_need"', 'denominator = "__import__(\'os\')"'), "not a plain filter"),
    (('layer = "households"', 'layer = "schools"'), "'schools' is not a layer kind"),
    (('comparison = ">="', 'comparison = "≥"'), "indicators.rehab_coverage.comparison"),
    (('id = "rehab_coverage"', 'id = "rehab_coverag"'),
     "indicators.rehab_coverag.id: Input should be"),
    (('section = "一、目标"', 'sektion = "一、目标"'), "sektion: unknown key"),
    (('issued = 2025-01-01\n', ""), "issued: required key is missing"),
])
def test_a_broken_set_names_file_and_key(tmp_path: Path, change: tuple[str, str],
                                         message: str) -> None:
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(CatalogError) as caught:
        load_target_set(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_an_indicator_given_twice_is_rejected(tmp_path: Path) -> None:
    text = GOOD + GOOD[GOOD.index("[[indicators]]"):]
    with pytest.raises(CatalogError, match="indicators given twice: rehab_coverage"):
        load_target_set(write(tmp_path, text))
