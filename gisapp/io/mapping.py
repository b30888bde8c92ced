"""Which column of a file is which catalog field: found from the catalog's aliases, editable,
and saved to a JSON file to reuse on next year's roster."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from gisapp.catalog import LayerKind
from gisapp.errors import UserError
from gisapp.io.text import header_key

# Columns our own rejected-rows files add; a corrected file re-imported must not keep them.
REPORT_COLUMNS = ("原行号", "未导入原因")


@dataclass
class ColumnMapping:
    fields: dict[str, str] = field(default_factory=dict)  # source column -> field id
    lon: str | None = None
    lat: str | None = None
    # Columns left out of the layer; any other column no field claims is kept under its name.
    skipped: list[str] = field(default_factory=list)
    combined: dict[str, str] = field(default_factory=dict)  # column -> combined column id
    datum: str | None = None  # the column saying each row's datum (高德, 百度, GPS)

    def column_of(self, field_id: str) -> str | None:
        return next((c for c, f in self.fields.items() if f == field_id), None)

    def unmapped(self, columns: list[str]) -> list[str]:
        used = set(self.fields) | {self.lon, self.lat, self.datum} | set(self.skipped) | \
            set(self.combined) | set(REPORT_COLUMNS)
        return [c for c in columns if c not in used]

    def save(self, path: Path) -> None:
        data = {"columns": self.fields, "lon": self.lon, "lat": self.lat,
                "skipped": self.skipped, "combined": self.combined, "datum": self.datum}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, kind: LayerKind, columns: list[str]) -> ColumnMapping:
        """A saved mapping, checked against the catalog kind and the file's columns. Fields
        may be named by id (`grade`) or by their Chinese label (`残疾等级`)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            labels = {header_key(f.name.zh): f.id for f in kind.fields}
            fields = {str(column): labels.get(header_key(str(name)), str(name))
                      for column, name in dict(data.get("columns", {})).items()}
            mapping = cls(fields, data.get("lon"), data.get("lat"),
                          list(data.get("skipped", [])), dict(data.get("combined", {})),
                          data.get("datum"))
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            raise UserError(f"{path}：不是列对应文件（{exc}）") from None
        mapping.check(kind, columns, where=str(path))
        return mapping

    def check(self, kind: LayerKind, columns: list[str], *, where: str) -> None:
        """Refuse a mapping that names a field the kind lacks, a column the file lacks, or
        one field for two columns; `where` starts the message."""
        for column, field_id in self.fields.items():
            if field_id not in kind.field_ids:
                raise UserError(f"{where}：列“{column}”对应的“{field_id}”不是"
                                f"{kind.name.zh}的字段")
        for column, combined_id in self.combined.items():
            if combined_id not in {c.id for c in kind.combined}:
                raise UserError(f"{where}：列“{column}”对应的“{combined_id}”不是"
                                f"{kind.name.zh}的字段")
        missing = [c for c in [*self.fields, self.lon, self.lat, self.datum, *self.skipped,
                               *self.combined]
                   if c is not None and c not in columns]
        if missing:
            raise UserError(f"{where}：文件中没有列 {'、'.join(missing)}")
        targets = [*self.fields.values(), *(["longitude"] if self.lon else []),
                   *(["latitude"] if self.lat else [])]
        if twice := sorted({t for t in targets if targets.count(t) > 1}):
            raise UserError(f"{where}：有两列都对应到 {'、'.join(twice)}")
        if self.lon is not None and self.lon == self.lat:
            raise UserError(f"{where}：列“{self.lon}”不能既是经度又是纬度")


def auto_mapping(columns: list[str], kind: LayerKind) -> ColumnMapping:
    """Map each column whose header is a field's alias, id or Chinese name; the first column
    claims a field, so a repeated header never overwrites."""
    by_key: dict[str, str] = {}
    for f in kind.fields:
        for name in (*f.aliases, f.name.zh, f.id):
            by_key.setdefault(header_key(name), f.id)
    combined = {header_key(a): c.id for c in kind.combined for a in (*c.aliases, c.name.zh)}
    mapping = ColumnMapping()
    lon_keys = {header_key(a) for a in kind.location.lon_aliases} if kind.location else set()
    lat_keys = {header_key(a) for a in kind.location.lat_aliases} if kind.location else set()
    datum_keys = ({header_key(a) for a in kind.location.datum_aliases} if kind.location
                  else set())
    for column in columns:
        key = header_key(column)
        if key in lon_keys and mapping.lon is None:
            mapping.lon = column
        elif key in lat_keys and mapping.lat is None:
            mapping.lat = column
        elif key in datum_keys and mapping.datum is None:
            mapping.datum = column
        elif (field_id := by_key.get(key)) and mapping.column_of(field_id) is None:
            mapping.fields[column] = field_id
        elif (combined_id := combined.get(key)) and combined_id not in mapping.combined.values():
            mapping.combined[column] = combined_id
    return mapping


def all_aliases(kind: LayerKind) -> set[str]:
    """Every header the catalog knows for this kind: what the header-row search looks for."""
    names = {a for f in kind.fields for a in (*f.aliases, f.name.zh)}
    names |= {a for c in kind.combined for a in (*c.aliases, c.name.zh)}
    if kind.location:
        names |= set(kind.location.lon_aliases) | set(kind.location.lat_aliases)
        names |= set(kind.location.datum_aliases)
    return names
