"""Numbers as reports write them: each form, the value it stands for, and whether it is approximate."""
from __future__ import annotations

import pytest

from corpus_tool.numerals import NUMBER_RE, chinese_to_int, parse_number

FORMS = [
    # (span as written, value, approximate)
    ("26", 26, False),
    ("1,234", 1234, False),
    ("1250.46", 1250.46, False),
    ("一", 1, False),
    ("两", 2, False),
    ("十二", 12, False),
    ("三十七", 37, False),
    ("四十", 40, False),
    ("一千二百余", 1200, True),
    ("一万二千六百四十三", 12643, False),
    ("一万零五", 10005, False),
    ("一亿二千万", 120_000_000, False),
    ("二〇二二", 2022, False),
    ("1.2万", 12000, False),
    ("约53.6万", 536000, True),
    ("312.65万", 3126500, False),
    ("348.2万", 3482000, False),
    ("0.87万", 8700, False),
    ("600余", 600, True),
    ("1600多", 1600, True),
    ("近300", 300, True),
    ("40左右", 40, True),
    ("1.2万余", 12000, True),
    ("两万余", 20000, True),
    ("六十余", 60, True),
]


@pytest.mark.parametrize("span, value, approx", FORMS, ids=[f[0] for f in FORMS])
def test_number_forms(span: str, value: float, approx: bool) -> None:
    assert NUMBER_RE.fullmatch(span)
    parsed = parse_number(span)
    assert parsed.value == value
    assert parsed.approx is approx


def test_whole_values_are_ints() -> None:
    assert isinstance(parse_number("312.65万").value, int)
    assert isinstance(parse_number("1250.46").value, float)


@pytest.mark.parametrize("text", ["万", "是", ""])
def test_not_a_numeral(text: str) -> None:
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize("text, expected", [
    ("二〇一五年政府信息公开", "2015年政府信息公开"),
    ("二零二二年度", "2022年度"),
    ("一九九八年", "1998年"),
    ("二〇一六年三月二十八日", "2016年三月二十八日"),  # only the year: the date's month stays
    ("三百二十八件", "三百二十八件"),  # counts are not years
    ("一二三四年", "一二三四年"),  # not a year between 1900 and 2099
])
def test_years_in_chinese_numerals_read_as_digits(text: str, expected: str) -> None:
    from corpus_tool.numerals import arabic_years

    assert arabic_years(text) == expected
    assert len(arabic_years(text)) == len(text)  # offsets stay valid
