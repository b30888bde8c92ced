from __future__ import annotations

from pathlib import Path

import pytest

from gisapp.catalog import ROLES, load_catalog, load_layer_kind
from gisapp.errors import CatalogError
from gisapp.resources import layers_dir

CATALOG_FILES = sorted(layers_dir().glob("*.toml"))


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
def test_every_catalog_file_loads(path: Path) -> None:
    kind = load_layer_kind(path)
    assert kind.id == path.stem
    assert kind.role in ROLES
    assert kind.name.zh and kind.name.en
    assert kind.key in kind.field_ids
    for field in kind.fields:
        assert field.name.zh and field.name.en


def test_catalog_has_the_six_kinds_of_the_mission() -> None:
    catalog = load_catalog()
    assert set(catalog) == {"households", "rehab_stations", "renovated_homes",
                            "service_centers", "townships", "villages"}
    assert [k.id for k in catalog.with_role("boundary")] == ["townships", "villages"]
    assert catalog["households"].role == "demand"
    assert catalog["rehab_stations"].role == "supply"
    # drawing order: boundaries under points, facilities on top
    assert list(catalog)[:2] == ["townships", "villages"]


def test_roster_headers_of_the_issue_map_to_household_fields() -> None:
    households = load_catalog()["households"]
    alias_to_field = {a: f.id for f in households.fields for a in f.aliases}
    expected = {
        "姓名": "name", "身份证号": "id_number", "公民身份号码": "id_number",
        "残疾证号": "certificate_number", "残疾人证号": "certificate_number",
        "残疾类别": "disability_type", "残疾等级": "grade", "乡镇（街道）": "township_name",
        "村（社区）": "village_name", "村代码": "village_code", "区划代码": "village_code",
        "详细地址": "address", "是否低保": "dibao", "是否特困": "tekun",
        "是否监测对象": "monitored", "康复需求": "rehab_need",
        "是否已获康复服务": "rehab_received", "辅具需求": "device_need",
        "是否已适配辅具": "device_fitted", "是否已无障碍改造": "renovated",
        "最近走访日期": "last_visit", "联系电话": "phone", "性别": "gender",
    }
    assert {a: alias_to_field.get(a) for a in expected} == expected
    assert {"经度", "东经", "X坐标"} <= set(households.location.lon_aliases)
    assert {"纬度", "北纬", "Y坐标"} <= set(households.location.lat_aliases)


def test_coded_values_carry_roster_spellings() -> None:
    grade = load_catalog()["households"].field("grade")
    spellings = {a: v.code for v in grade.values for a in (v.zh, *v.aliases)}
    assert spellings["一级"] == spellings["1级"] == spellings["Ⅰ"] == 1
    types = load_catalog()["households"].field("disability_type")
    assert {v.code: v.zh for v in types.values}[4] == "肢体"


def test_personal_fields_are_marked_sensitive() -> None:
    households = load_catalog()["households"]
    sensitive = {f.id for f in households.fields if f.sensitive}
    assert {"name", "id_number", "certificate_number", "phone", "address"} <= sensitive


GOOD = """
id = "{stem}"
name = { zh = "托养机构", en = "Residential care" }
geometry = "point"
role = "supply"
description = "托养机构"
key = "code"
[location]
lon_aliases = ["经度"]
lat_aliases = ["纬度"]
[symbology]
color = "#123456"
[[fields]]
id = "code"
name = { zh = "编号", en = "Number" }
type = "text"
aliases = ["编号"]
"""


def write(tmp_path: Path, text: str, stem: str = "care_homes") -> Path:
    path = tmp_path / f"{stem}.toml"
    path.write_text(text.replace("{stem}", stem), encoding="utf-8")
    return path


def test_a_new_facility_kind_is_a_new_file(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    catalog = load_catalog(tmp_path)
    assert catalog["care_homes"].name.zh == "托养机构"


@pytest.mark.parametrize(("change", "message"), [
    (('type = "text"', 'type = "txt"'), "fields.code.type"),
    (('color = "#123456"', 'colour = "#123456"'), "symbology.colour: unknown key"),
    (('key = "code"', 'key = "number"'), "key 'number' is not a field"),
    (('role = "supply"', 'role = "shop"'), "role"),
    (('[location]\nlon_aliases = ["经度"]\nlat_aliases = ["纬度"]\n', ""), "needs a [location]"),
    (('aliases = ["编号"]', 'aliases = ["编号"]\nsensitve = true'),
     "fields.code.sensitve: unknown key"),
    (('description = "托养机构"\n', ""), "description: required key is missing"),
    (('id = "code"', 'id = "Code"'), "fields.Code.id: String should match pattern"),
])
def test_a_broken_catalog_file_names_file_and_key(tmp_path: Path, change: tuple[str, str],
                                                  message: str) -> None:
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(CatalogError) as caught:
        load_layer_kind(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('id = "{stem}"', 'id = "other"'))
    with pytest.raises(CatalogError, match="must equal the file name"):
        load_layer_kind(path)


def test_not_toml_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "id = \n")
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_layer_kind(path)


def test_alias_claimed_by_two_fields_is_rejected(tmp_path: Path) -> None:
    text = GOOD + '[[fields]]\nid = "name"\nname = { zh = "名称", en = "Name" }\n' \
                  'type = "text"\naliases = ["编号"]\n'
    with pytest.raises(CatalogError, match="alias '编号' maps to both code and name"):
        load_layer_kind(write(tmp_path, text))


def test_derived_expression_must_use_known_fields(tmp_path: Path) -> None:
    text = GOOD + '[[derived]]\nid = "big"\nname = { zh = "大", en = "Big" }\n' \
                  'type = "boolean"\nexpression = "capacity > 10"\n'
    with pytest.raises(CatalogError, match="derived big uses unknown fields: capacity"):
        load_layer_kind(write(tmp_path, text))


def test_empty_catalog_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no layer catalog files"):
        load_catalog(tmp_path)


def test_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(CatalogError, match="可选：townships（乡镇（街道））"):
        load_catalog()["schools"]
