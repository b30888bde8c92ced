"""Target sets: one TOML file per policy document in `data/targets/`.

Each indicator is a numerator and a denominator written as filters over one layer's fields, a
comparison and a value, and the clause of the document it comes from, so every figure on a
printed report can cite its source.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from gisapp.catalog import Catalog, load_catalog
from gisapp.errors import CatalogError
from gisapp.expressions import names_in
from gisapp.resources import targets_dir
from gisapp.schema import Identifier, StrictModel, load_toml_model

DEFAULT_TARGET_SET = "ningxia_2021"

INDICATOR_IDS = (
    "service_body_coverage", "renovation_rate", "rehab_coverage", "rehab_reach", "device_fitting",
    "pension_insured", "medical_insured", "school_enrolment", "subsidy_coverage",
    "village_association", "visit_timeliness",
)
Comparison = Literal[">=", ">", "="]


class Indicator(StrictModel):
    id: Literal[INDICATOR_IDS]  # type: ignore[valid-type]
    name: str
    name_en: str
    layer: Identifier
    # persons: rows; households: distinct household_id; places: rows of a place layer
    count: Literal["persons", "households", "places"]
    measure: Literal["rate", "count"]
    denominator: str | None = None  # None: every row of the layer
    numerator: str
    comparison: Comparison
    value: float = Field(ge=0)
    level: Literal["county", "township", "village"]
    clause: str
    section: str

    @model_validator(mode="after")
    def _value_fits_measure(self) -> Indicator:
        if self.measure == "rate" and self.value > 1:
            raise ValueError(f"a rate target is a fraction 0-1, got {self.value} "
                             "(write 0.9 for 90%)")
        if self.measure == "count" and self.denominator is not None:
            raise ValueError("a count target has no denominator")
        return self

    def is_met(self, achieved: float) -> bool:
        """Whether an achieved rate (or count) meets this target."""
        if self.comparison == ">=":
            return achieved >= self.value
        if self.comparison == ">":
            return achieved > self.value
        return achieved == self.value

    @property
    def target_text(self) -> str:
        """`≥90%` or `≥1500`: the target as a report prints it."""
        symbol = {">=": "≥", ">": ">", "=": "="}[self.comparison]
        if self.measure == "rate":
            return f"{symbol}{self.value * 100:g}%"
        return f"{symbol}{self.value:g}"


class DemandWeight(StrictModel):
    """In siting, a person with a rehab need who matches `when` counts `weight` times."""

    when: str  # a filter on the households layer, e.g. "severe" or "grade <= 2"
    weight: float = Field(gt=0)
    name: str  # what the rule is, as the report prints it: "重度（一、二级）"


class SitingRules(StrictModel):
    """How siting weighs the need it covers. A person matching several rules takes the largest
    weight; one matching none counts once. No rules: every person counts once."""

    weights: tuple[DemandWeight, ...] = ()

    def weight_rules(self) -> str:
        """`重度（一、二级）×2、防返贫监测对象×2`, or `每人计1` with no rules."""
        return "、".join(f"{w.name}×{w.weight:g}" for w in self.weights) or "每人计1"


class TargetSet(StrictModel):
    id: Identifier
    name: str
    name_en: str
    document: str
    issuer: str
    issued: dt.date
    target_year: int
    # The first year of the plan (a five-year plan's, by default): what "renovated in the
    # plan period" counts from.
    plan_start: int | None = None
    region: str
    indicators: tuple[Indicator, ...]
    siting: SitingRules = SitingRules()

    @property
    def plan_years(self) -> tuple[int, int]:
        return (self.plan_start or self.target_year - 4, self.target_year)

    @model_validator(mode="after")
    def _unique(self) -> TargetSet:
        ids = [i.id for i in self.indicators]
        if dupes := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"indicators given twice: {', '.join(dupes)}")
        return self

    def indicator(self, indicator_id: str) -> Indicator:
        for i in self.indicators:
            if i.id == indicator_id:
                return i
        known = "、".join(i.id for i in self.indicators)
        raise CatalogError(f"目标文件 {self.id} 中没有指标“{indicator_id}”；可选：{known}")


def load_target_set(path: Path, catalog: Catalog | None = None) -> TargetSet:
    """Load and check one target set: every filter must use fields its layer has."""
    target_set = load_toml_model(path, TargetSet)
    if target_set.id != path.stem:
        raise CatalogError(f"{path}: id '{target_set.id}' must equal the file name '{path.stem}'")
    catalog = catalog if catalog is not None else load_catalog()
    for ind in target_set.indicators:
        kind = catalog.get(ind.layer)
        if kind is None:
            raise CatalogError(f"{path}: indicators.{ind.id}.layer: '{ind.layer}' is not a layer "
                               f"kind ({', '.join(catalog)})")
        if ind.count == "households" and "household_id" not in kind.all_names:
            raise CatalogError(f"{path}: indicators.{ind.id}.count: layer {ind.layer} has no "
                               "household_id to count households by")
        for part in ("denominator", "numerator"):
            expression = getattr(ind, part)
            if expression is None:
                continue
            try:
                unknown = names_in(expression) - kind.all_names
            except SyntaxError as exc:
                raise CatalogError(f"{path}: indicators.{ind.id}.{part}: {exc}") from None
            if unknown:
                raise CatalogError(f"{path}: indicators.{ind.id}.{part}: {ind.layer} has no field "
                                   f"{', '.join(sorted(unknown))}")
    households = catalog["households"].all_names
    for i, rule in enumerate(target_set.siting.weights):
        try:
            unknown = names_in(rule.when) - households
        except SyntaxError as exc:
            raise CatalogError(f"{path}: siting.weights.[{i}].when: {exc}") from None
        if unknown:
            raise CatalogError(f"{path}: siting.weights.[{i}].when: households has no field "
                               f"{', '.join(sorted(unknown))}")
    return target_set


def available_target_sets(directory: Path | None = None) -> list[str]:
    return sorted(p.stem for p in Path(directory or targets_dir()).glob("*.toml"))


@cache
def target_set(set_id: str = DEFAULT_TARGET_SET) -> TargetSet:
    """A shipped target set by id."""
    path = targets_dir() / f"{set_id}.toml"
    if not path.exists():
        raise CatalogError(f"没有目标文件“{set_id}”；随附的有："
                           f"{'、'.join(available_target_sets())}")
    return load_target_set(path)
