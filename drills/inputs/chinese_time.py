"""Lengths of time as a Chinese planner writes them: "十分钟", "半小时", "一个半小时", "一刻钟", "1小时30分".

A field of seconds (its name ends in ``_s``) takes a number; a planner who wrote the time in words is told the
seconds it means (:func:`drills.inputs.validate._unit_hint`). This module reads the Chinese of it: numbers in
Chinese numerals up to 九百九十九 (零一二两三四五六七八九十百, with 两 for 2 and the spoken 一百五 for 150) or in
digits, the units 天 (a day), 秒(钟), 分(钟), 小时 and 钟头 (with or without 个), 刻(钟) (a quarter of an hour),
and 半 for a half: before a unit alone (半小时, 半天), after 个 (一个半小时), or after the unit (一分半钟, 两小时半,
一天半). Parts may follow each other from the larger unit down, joined by nothing, a space or 零 (1小时零5分).
Anything else is not read (None): an approximate time (约十分钟, 十来分钟), a clock time (两点), a number with no
unit.
"""

from __future__ import annotations

import re

#: the Chinese digits, 两 being 2 before a unit or a 百
DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: seconds in each unit, longest spelling first so that 分钟 is not read as 分 and a stray 钟
_UNITS = {"秒钟": 1, "分钟": 60, "小时": 3600, "钟头": 3600, "刻钟": 900, "天": 86400, "秒": 1, "分": 60, "刻": 900}
#: a digit that leads (两 before 百, or alone), and one in the tens and ones (二, never 两: 二十, 十二, 一百零二)
_DIGIT, _ONES = "[一二两三四五六七八九]", "[一二三四五六七八九]"
#: a number in Chinese numerals below 1000, or in digits (a decimal point allowed)
_NUMBER = rf"(?:\d+(?:\.\d+)?|{_DIGIT}百(?:零{_ONES}|{_ONES}?十{_ONES}?|{_ONES})?|{_ONES}?十{_ONES}?|{_DIGIT}|零)"
_UNIT = "|".join(_UNITS)
#: one part: a number (or 半) of a unit, with 个 and 半 where Chinese puts them
_PART = re.compile(rf"\s*零?\s*(?:(?P<n>{_NUMBER})\s*(?P<ge>个)?\s*(?P<half>半)?|(?P<only_half>半)\s*个?)\s*"
                   rf"(?P<unit>{_UNIT})(?P<after>半钟?|半)?\s*")


def chinese_number(text: str) -> int | None:
    """The value of a whole number below 1000 in Chinese numerals ("二十五", "两百零五", "一百五"); None if
    ``text`` is not one."""
    if not re.fullmatch(_NUMBER, text) or re.fullmatch(r"\d+(?:\.\d+)?", text):
        return None
    if text == "零":
        return 0
    hundreds, _, rest = text.rpartition("百")
    value = DIGITS[hundreds] * 100 if hundreds else 0
    if rest.startswith("零"):  # 一百零五: no tens
        return value + DIGITS[rest[1:]]
    if "百" in text and rest in DIGITS:  # 一百五: the spoken 150, the tens' 十 left out
        return value + DIGITS[rest] * 10
    tens, ten, ones = rest.rpartition("十")
    if ten:
        value += (DIGITS[tens] if tens else 1) * 10
    return value + (DIGITS[ones] if ones else 0)


def chinese_duration_s(text: str) -> float | None:
    """The seconds a length of time written in Chinese means ("十分钟" 600, "一个半小时" 5400, "1小时30分" 5400);
    None if ``text`` is not read as one (see the module's docstring for what is)."""
    total, at, parts, last_unit = 0.0, 0, 0, float("inf")
    text = text.strip()
    while at < len(text):
        part = _PART.match(text, at)
        if part is None or part.end() == at:
            return None
        per = _UNITS[part["unit"]]
        if per >= last_unit:  # 三十分一小时: the parts go from the larger unit down, each unit once
            return None
        number = part["n"]
        if part["only_half"]:
            value = 0.5
        else:
            value = float(number) if number[0].isdigit() else float(chinese_number(number) or 0)
            if part["half"] and not part["ge"]:  # 一半小时 is no Chinese; 一个半小时 is
                return None
            value += 0.5 if part["half"] else 0.0
        if part["after"]:
            if part["half"] or part["only_half"] or (part["after"].endswith("钟") and part["unit"] not in ("分", "秒")):
                return None
            value += 0.5
        if part["ge"] and part["unit"] not in ("小时", "钟头"):  # 一个小时, 两个钟头; not 一个分钟
            return None
        total, at, parts, last_unit = total + value * per, part.end(), parts + 1, per
    return total if parts else None
