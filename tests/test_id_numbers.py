from __future__ import annotations

import datetime as dt

import pytest

from gisapp.id_numbers import (
    birth_date,
    certificate_problem,
    check_digit,
    id_number_problem,
)
from gisapp.privacy import mask_id_number, mask_phone

# The worked example of GB 11643-1999: 11010519491231002X.
GB_EXAMPLE = "11010519491231002X"


def test_check_digit_of_the_standard_example() -> None:
    assert check_digit(GB_EXAMPLE[:17]) == "X"
    assert check_digit("44052418800101001") == "4"  # 440524188001010014, the other GB example


def test_valid_and_invalid_id_numbers() -> None:
    assert id_number_problem(GB_EXAMPLE) is None
    assert id_number_problem("110105194912310021") == "身份证号校验位错误"
    assert id_number_problem("110105194913310029") == "身份证号中的出生日期无效"
    assert "18位" in id_number_problem("1.10105194912e+17")
    assert birth_date(GB_EXAMPLE) == dt.date(1949, 12, 31)


@pytest.mark.parametrize(("certificate", "kwargs", "problem"), [
    (GB_EXAMPLE + "42", {"id_number": GB_EXAMPLE, "disability_type": 4, "grade": 2}, None),
    (GB_EXAMPLE + "42", {"disability_type": 5}, "第19位与残疾类别不一致"),
    (GB_EXAMPLE + "42", {"grade": 1}, "第20位与残疾等级不一致"),
    (GB_EXAMPLE + "42", {"id_number": "440524188001010014"}, "前18位与身份证号不一致"),
    (GB_EXAMPLE + "82", {}, "应为20位"),
    ("110105194912310021" + "42", {}, "校验位错误"),
])
def test_certificate_numbers(certificate: str, kwargs: dict, problem: str | None) -> None:
    found = certificate_problem(certificate, **kwargs)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_masking_keeps_county_and_last_four() -> None:
    assert mask_id_number("64032419800101123X") == "640324********123X"
    assert mask_id_number("64032419800101123X42") == "640324**********3X42"
    assert mask_id_number("123") == "***"
    assert mask_phone("13912345678") == "139****5678" and mask_phone("12345") == "****"
