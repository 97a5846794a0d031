"""Numbers as Chinese reports write them: Arabic, Chinese, 万-scaled, approximate.

Narrative patterns capture a number *span* with `NUMBER_PATTERN`; `parse_number`
turns exactly that span into a value. Converting whole sentences (as cn2an's
sentence mode does) would also turn 一是/一起/一站式 into digits, so only the
captured span is ever converted.

>>> parse_number("一万二千六百四十三").value
12643
>>> parse_number("约53.6万").value, parse_number("约53.6万").approx
(536000, True)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

#: Words before a number that make it approximate (约53.6万, 近300, 将近, 大约).
_APPROX_BEFORE = r"(?:大约|约|近|将近|接近|超过|逾)"
#: Words after a number that make it approximate (600余, 1600多, 40左右, 一千二百余).
_APPROX_AFTER = r"(?:余|多|左右|以上)"

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇○一二两三四五六七八九十百千万亿拾佰仟]+"

#: A number span: optional approximation word, digits or Chinese numerals, an optional
#: 万/亿 scale after Arabic digits, optional 余/多 (before or after the scale: 1.2万余, 一千二百余).
NUMBER_PATTERN = (
    rf"(?:{_APPROX_BEFORE})?"
    rf"(?:(?:{_ARABIC})\s*(?:余|多)?\s*(?:万|亿)?|{_CHINESE})"
    rf"(?:{_APPROX_AFTER})?"
)
NUMBER_RE = re.compile(NUMBER_PATTERN)
_APPROX_RE = re.compile(rf"^{_APPROX_BEFORE}|{_APPROX_AFTER}$|(?<=\d)(?:余|多)")


@dataclass(frozen=True)
class ParsedNumber:
    """A parsed number span: its value and whether the text marks it approximate."""

    value: int | float
    approx: bool = False


def chinese_to_int(text: str) -> int:
    """The integer a run of Chinese numerals writes (十二 → 12, 一千二百 → 1200, 三〇五 → 305).

    Raises ValueError for anything that is not a well-formed Chinese numeral.
    """
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch not in _CN_BIG for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if any(a in _CN_UNITS and b in _CN_UNITS for a, b in zip(text, text[1:])):
        raise ValueError(f"not a Chinese numeral: {text!r}")  # 十十, 百十: two units in a row
    if all(ch in _CN_DIGITS for ch in text) and len(text) > 1:  # digit by digit: 二〇二二
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:  # 万 / 亿 close a section
            section += digit or 0
            if section == 0:
                raise ValueError(f"scale without a number: {text!r}")
            total = (total + section) * _CN_BIG[ch] if _CN_BIG[ch] > 10_000 else total + section * _CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


#: A year written digit by digit in Chinese numerals before 年 (二〇一五年, 二零二二年度, 一九九八年).
_CN_YEAR = re.compile(r"([一二][〇零○一二三四五六七八九]{3})(?=\s*年)")


def arabic_years(text: str) -> str:
    """`text` with every year written in Chinese numerals in Arabic digits, same length.

    Reports dated in Chinese numerals (二〇一五年, 二零二二年度) name the same years as
    2015年 / 2022年度; only a run of four digit characters before 年 that reads as a year
    from 1900 to 2099 is converted, so offsets into the text stay valid.

    >>> arabic_years("金寨县人民政府二〇一五年政府信息公开工作年度报告")
    '金寨县人民政府2015年政府信息公开工作年度报告'
    >>> arabic_years("二零二二年度；三十一件")
    '2022年度；三十一件'
    """
    def convert(match: re.Match[str]) -> str:
        digits = "".join(str(_CN_DIGITS[ch]) for ch in match.group(1))
        return digits if 1900 <= int(digits) <= 2099 else match.group(1)

    return _CN_YEAR.sub(convert, text)


def parse_number(span: str) -> ParsedNumber:
    """Value and approximation of one captured number span.

    Args:
        span: text matched by `NUMBER_PATTERN`, e.g. ``"1.2万"``, ``"六十余"``, ``"1,234"``.

    Returns:
        The value (int when whole, else float) and whether 约/余/多/近/左右 marked it.

    >>> parse_number("312.65万").value
    3126500
    >>> parse_number("两").value
    2
    """
    text = span.strip()
    approx = bool(_APPROX_RE.search(text))
    core = re.sub(rf"^{_APPROX_BEFORE}|{_APPROX_AFTER}$", "", text)
    core = re.sub(r"(?<=\d)\s*(?:余|多)\s*(?=[万亿]?$)", "", core).replace(",", "").replace(" ", "")
    scale = 1
    if core and core[-1] in _CN_BIG and core[:-1] and re.fullmatch(r"\d+(?:\.\d+)?", core[:-1]):
        scale, core = _CN_BIG[core[-1]], core[:-1]
    if re.fullmatch(r"\d+(?:\.\d+)?", core):
        number = float(core) * scale
        value: int | float = round(number) if abs(number - round(number)) < 1e-6 else round(number, 4)
        if "." in core and scale == 1:
            value = float(core)  # a decimal stays a decimal (1250.46 万元)
            if value.is_integer():
                value = int(value)
        return ParsedNumber(value, approx)
    return ParsedNumber(chinese_to_int(core), approx)


__all__ = ["NUMBER_PATTERN", "NUMBER_RE", "ParsedNumber", "arabic_years", "chinese_to_int", "parse_number"]
