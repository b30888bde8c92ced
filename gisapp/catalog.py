"""The layer catalog: one TOML file per layer kind in `layers/`, loaded through one schema.

A layer kind declares its names, geometry, role in the analysis, fields (type, unit, allowed
values, validation, the column headers seen in real rosters) and default symbology. Adding a
facility kind is a new TOML file, not new code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from gisapp.errors import CatalogError
from gisapp.expressions import names_in
from gisapp.resources import layers_dir
from gisapp.schema import Identifier, StrictModel, load_toml_model

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
FieldType = Literal["text", "integer", "number", "boolean", "date"]

ROLES = ("demand", "supply", "renovation", "service_body", "boundary")


class Names(StrictModel):
    zh: str
    en: str


class CodedValue(StrictModel):
    """One allowed value of a coded field, with the spellings rosters use for it."""

    code: int | str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()


class FieldSpec(StrictModel):
    id: Identifier
    name: Names
    type: FieldType
    unit: str | None = None
    required: bool = False
    # Personal information: masked in exports, never drawn on a map.
    sensitive: bool = False
    values: tuple[CodedValue, ...] = ()
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    check: Literal["id_number", "certificate_number"] | None = None
    aliases: tuple[str, ...] = ()
    # What a roster without this column says: "no" for a flag marking the few (a roster with
    # no 低保边缘 column marks nobody), "unknown" for the rest (no subsidy column: 无数据).
    absent: Literal["unknown", "no"] = "unknown"
    # Words that make a yes/no cell a yes where it names a thing instead (康复需求: 康复训练).
    yes_words: tuple[str, ...] = ()
    # A township code: given in 9 digits or padded to 12 (640202001000), kept in 9.
    township_code: bool = False

    @model_validator(mode="after")
    def _pattern_compiles(self) -> FieldSpec:
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern is not a valid regular expression: {exc}") from None
        return self


class DerivedField(StrictModel):
    """A field the product computes: from an expression over other fields, or by an analysis."""

    id: Identifier
    name: Names
    type: FieldType
    expression: str | None = None
    computed: str | None = None  # what analysis computes it, in words, when not an expression
    # Known only for rows with a location (reach): a row without one is counted as unplaced.
    spatial: bool = False
    # What a figure says when the analysis cannot compute this field, in the planner's words.
    lacking: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> DerivedField:
        if (self.expression is None) == (self.computed is None):
            raise ValueError("give exactly one of 'expression' or 'computed'")
        return self


class CombinedColumn(StrictModel):
    """One column that answers several yes/no fields at once, as 残联 system exports have
    them: 补贴类型 "生活补贴、护理补贴" or "两项补贴". Each flag is yes where the cell names one
    of its words, no where the cell is filled but names none of them, blank where it is blank."""

    id: Identifier
    name: Names
    aliases: tuple[str, ...]
    flags: dict[str, tuple[str, ...]]  # boolean field id -> words that mean yes


class Location(StrictModel):
    """How rows are placed: coordinate columns, else the village code. A list of places
    without outlines (villages, townships) may give each place's point this way."""

    lon_aliases: tuple[str, ...]
    lat_aliases: tuple[str, ...]
    # A column saying, row by row, where the coordinates were taken (高德, 百度, GPS).
    datum_aliases: tuple[str, ...] = ()
    village_code_field: str | None = None


class Symbology(StrictModel):
    color: Colour
    outline: Colour | None = None
    size: float = Field(4.0, gt=0)  # marker diameter in points
    width: float = Field(0.6, ge=0)  # outline width in points
    marker: Literal["circle", "square", "triangle", "diamond", "cross"] = "circle"
    opacity: float = Field(1.0, ge=0, le=1)
    label_field: str | None = None
    z: int = 0  # drawing order: higher draws on top


class LayerKind(StrictModel):
    id: Identifier
    name: Names
    geometry: Literal["point", "polygon"]
    role: Literal["demand", "supply", "renovation", "service_body", "boundary"]
    description: str
    key: str  # the field that identifies a row
    # A field that identifies a row the list gives no key (a station list without numbers is
    # a list of names): a re-import then updates the station of that name.
    key_fallback: str | None = None
    fields: tuple[FieldSpec, ...]
    derived: tuple[DerivedField, ...] = ()
    combined: tuple[CombinedColumn, ...] = ()
    location: Location | None = None
    symbology: Symbology
    # Rows kept in the layer but counted by no figure (the deceased): a filter on its fields.
    inactive: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> LayerKind:
        ids = [f.id for f in self.fields] + [d.id for d in self.derived]
        if dupes := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"field ids used twice: {', '.join(dupes)}")
        field_ids = {f.id for f in self.fields}
        for name, ref in (("key", self.key), ("key_fallback", self.key_fallback),
                          ("symbology.label_field", self.symbology.label_field),
                          ("location.village_code_field",
                           self.location and self.location.village_code_field)):
            if ref is not None and ref not in field_ids:
                raise ValueError(f"{name} '{ref}' is not a field of this layer")
        if self.location is None and self.geometry == "point":
            raise ValueError("a point layer needs a [location] table")
        if self.location is not None and self.geometry == "polygon" and \
                not {"lon", "lat"} <= field_ids:
            raise ValueError("a polygon layer with a [location] table keeps its point in "
                             "fields 'lon' and 'lat'")
        seen: dict[str, str] = {}
        for f in self.fields:
            for alias in f.aliases:
                if alias in seen and seen[alias] != f.id:
                    raise ValueError(f"alias '{alias}' maps to both {seen[alias]} and {f.id}")
                seen[alias] = f.id
        if self.inactive is not None and (unknown := names_in(self.inactive) - field_ids):
            raise ValueError(f"inactive uses unknown fields: {', '.join(sorted(unknown))}")
        flags = {f.id for f in self.fields if f.type == "boolean"}
        for c in self.combined:
            if c.id in field_ids:
                raise ValueError(f"combined {c.id}: the id of a field already")
            if not_flags := sorted(set(c.flags) - flags):
                raise ValueError(f"combined {c.id}: not yes/no fields: {', '.join(not_flags)}")
        known = set(field_ids)
        for d in self.derived:
            if d.expression is not None:
                try:
                    unknown = names_in(d.expression) - known
                except SyntaxError as exc:
                    raise ValueError(f"derived {d.id}: {exc}") from None
                if unknown:
                    names = ", ".join(sorted(unknown))
                    raise ValueError(f"derived {d.id} uses unknown fields: {names}")
            known.add(d.id)
        return self

    def field(self, field_id: str) -> FieldSpec:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def combined_column(self, combined_id: str) -> CombinedColumn:
        for c in self.combined:
            if c.id == combined_id:
                return c
        raise KeyError(combined_id)

    @property
    def field_ids(self) -> list[str]:
        return [f.id for f in self.fields]

    @property
    def all_names(self) -> set[str]:
        """Every name a filter over this layer may use: fields and derived fields."""
        return {f.id for f in self.fields} | {d.id for d in self.derived}


class Catalog(Mapping[str, LayerKind]):
    """The layer kinds by id, in drawing order (lowest z first)."""

    def __init__(self, kinds: list[LayerKind]):
        self._kinds = {k.id: k for k in sorted(kinds, key=lambda k: (k.symbology.z, k.id))}

    def __getitem__(self, kind_id: str) -> LayerKind:
        try:
            return self._kinds[kind_id]
        except KeyError:
            known = "、".join(f"{k}（{v.name.zh}）" for k, v in self._kinds.items())
            raise CatalogError(f"“{kind_id}”不是图层类型；可选：{known}") from None

    def __contains__(self, kind_id: object) -> bool:
        return kind_id in self._kinds

    def get(self, kind_id: str, default: LayerKind | None = None) -> LayerKind | None:  # type: ignore[override]
        return self._kinds.get(kind_id, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def with_role(self, role: str) -> list[LayerKind]:
        return [k for k in self._kinds.values() if k.role == role]


def load_layer_kind(path: Path) -> LayerKind:
    kind = load_toml_model(path, LayerKind)
    if kind.id != path.stem:
        raise CatalogError(f"{path}: id '{kind.id}' must equal the file name '{path.stem}'")
    return kind


def load_catalog(directory: Path | None = None) -> Catalog:
    """Every `*.toml` in the catalog folder; the first malformed file stops with its name."""
    if directory is None:
        return _default_catalog()
    files = sorted(Path(directory).glob("*.toml"))
    if not files:
        raise CatalogError(f"{directory}: no layer catalog files (*.toml) found")
    return Catalog([load_layer_kind(p) for p in files])


@cache
def _default_catalog() -> Catalog:
    return load_catalog(layers_dir())
