"""Lengths of time written in Chinese (:mod:`drills.inputs.chinese_time`): the numerals against a plain writer of
them for 0–999, the times a planner writes, and the hint a field of seconds gives for them, in English and Chinese,
at the file, line and field."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from conftest import MINE_FILES, assert_input_failure, break_file, copy_bundled
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drills.cli import app
from drills.inputs.chinese_time import chinese_duration_s, chinese_number

DIGITS = "零一二三四五六七八九"


def written(n: int, *, two: str = "二", one_ten: bool = False) -> str:
    """``n`` (0–999) in Chinese numerals as a school writes it: 五, 十五, 二十, 一百零五, 三百二十; ``two`` is the
    hundreds' 2 (二 or 两), and ``one_ten`` writes 一十 for the tens of 10–19 (一十五, as after a hundred)."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    head = (two if hundreds == 2 else DIGITS[hundreds]) + "百" if hundreds else ""
    if tens == 0:
        tail = ("零" + DIGITS[ones] if hundreds else DIGITS[ones]) if ones else ""
    else:
        tail = ("" if tens == 1 and not hundreds and not one_ten else DIGITS[tens]) + "十" + (
            DIGITS[ones] if ones else "")
    return head + tail or "零"


@given(st.integers(0, 999))
def test_a_chinese_numeral_reads_as_the_number_it_writes(n: int) -> None:
    assert chinese_number(written(n)) == n


@given(st.integers(0, 999), st.sampled_from(["二", "两"]), st.booleans())
def test_a_chinese_numeral_reads_the_same_with_两_and_一十(n: int, two: str, one_ten: bool) -> None:
    assert chinese_number(written(n, two=two, one_ten=one_ten)) == n


@pytest.mark.parametrize(("text", "n"), [("一百十", 110), ("一百二", 120), ("两百十五", 215)])
def test_a_hundred_with_a_bare_十_or_a_spoken_tens_reads(text: str, n: int) -> None:
    """一百十 crashed the reader (its 十 taken for the spoken tens' digit of 一百五)."""
    assert chinese_number(text) == n


@given(st.integers(1, 9), st.integers(1, 9))
def test_a_hundred_with_its_tens_spoken_short_reads_as_the_tens(hundreds: int, tens: int) -> None:
    """一百五 is 150 as spoken, not 105 (which is 一百零五)."""
    assert chinese_number(DIGITS[hundreds] + "百" + DIGITS[tens]) == hundreds * 100 + tens * 10


@given(st.integers(0, 999), st.sampled_from([("秒", 1), ("秒钟", 1), ("分", 60), ("分钟", 60), ("小时", 3600),
                                             ("个小时", 3600), ("钟头", 3600), ("刻钟", 900)]))
def test_a_number_of_a_unit_reads_as_its_seconds_in_numerals_and_in_digits(n: int, unit: tuple[str, int]) -> None:
    word, seconds = unit
    assert chinese_duration_s(written(n) + word) == n * seconds
    assert chinese_duration_s(f"{n}{word}") == n * seconds
    assert chinese_duration_s(f"{n} {word}") == n * seconds


def school(text: str) -> str:
    """``text`` with its spoken forms put back as a school writes them: 两 as 二, 百十 as 百一十, 一百五 as 一百五十,
    a leading 一十 as 十."""
    text = re.sub(r"百([一二三四五六七八九])$", r"百\1十", text.replace("两", "二").replace("百十", "百一十"))
    return re.sub(r"^一十", "十", text)


@given(st.text(alphabet="零一二两三四五六七八九十百千万"))
def test_no_string_of_numerals_reads_as_another_number_than_the_one_it_writes(text: str) -> None:
    """What is read is the number the school's writing of it says; anything else is not read, and nothing
    crashes."""
    n = chinese_number(text)
    assert n is None or school(text) == written(n), (text, n)


def test_every_string_of_up_to_four_numerals_reads_as_its_school_writing_or_not_at_all() -> None:
    read = {}
    for size in range(1, 5):
        for text in map("".join, itertools.product("零一二两三四五六七八九十百", repeat=size)):
            if (n := chinese_number(text)) is not None:
                read[text] = n
                assert school(text) == written(n), (text, n)
    assert set(read.values()) >= {n for n in range(1000) if len(written(n)) <= 4}  # every one so written is read


@pytest.mark.parametrize(("text", "seconds"), [
    ("十分钟", 600), ("10分钟", 600), ("半小时", 1800), ("两小时", 7200), ("一刻钟", 900), ("1小时30分", 5400),
    ("90秒", 90), ("一个半小时", 5400), ("二十分钟", 1200), ("两个小时", 7200), ("半个钟头", 1800), ("三刻钟", 2700),
    ("一分半钟", 90), ("两小时半", 9000), ("1小时零5分", 3900), ("一小时一刻钟", 4500), ("1.5小时", 5400),
    ("１０分钟", 600), ("一百五十秒", 150), ("两百秒", 200), (" 十 分钟 ", 600),
    ("一天", 86400), ("两天", 172800), ("半天", 43200), ("一天半", 129600), ("1天2小时", 93600),
])
def test_a_time_as_a_chinese_planner_writes_it_reads_as_its_seconds(text: str, seconds: float) -> None:
    assert chinese_duration_s(text) == seconds


@pytest.mark.parametrize("text", ["约十分钟", "十来分钟", "十分钟左右", "两点", "30分1小时", "一半小时",
                                  "一个分钟", "一个天", "一天半钟",
                                  "十两分钟", "两十分钟", "半", "分钟", "十", "一小时半钟", "十分钟十分钟"])
def test_a_time_not_written_as_one_length_is_not_read(text: str) -> None:
    """An approximate time, a clock time, a number with no unit or units out of order: the general hint stays."""
    assert chinese_duration_s(text) is None


DELAY = "decision_delay_s: {dist: lognormal, median: 180, p95: 900}"  # the mine plan's dispatcher


@pytest.mark.parametrize(("written_as", "seconds"), [
    ("十分钟", 600), ("半小时", 1800), ("两小时", 7200), ("一刻钟", 900), ("一个半小时", 5400), ("二十分钟", 1200),
    ("1小时30分", 5400), ("90秒", 90),
])
def test_validate_tells_the_seconds_of_a_time_written_in_chinese(tmp_path: Path, written_as: str,
                                                                 seconds: int) -> None:
    """'decision_delay_s: 十分钟' got the general hint (600 for ten minutes, 7200 for two hours), the planner left to
    work out the seconds of what they wrote."""
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["plan"], DELAY, f"decision_delay_s: {written_as}")
    at = f"{files['plan']}:{line}: plan.roles[0].decision_delay_s: "
    runner = CliRunner()
    res = runner.invoke(app, ["validate", str(files["scenario"])])
    assert_input_failure(res, at)
    assert (f"the field takes a number of seconds (its name ends in _s): {seconds} for '{written_as}'\n"
            in res.stderr), res.stderr
    zh = runner.invoke(app, ["validate", str(files["scenario"]), "--lang", "zh"])
    assert zh.exit_code == 2 and "Traceback" not in zh.output, zh.output
    said = f"此字段填写秒数，只写数字（字段名以 _s 结尾）：'{written_as}' 应写作 {seconds}"
    assert any(ln.startswith(at) and ln.endswith(said) for ln in zh.stderr.splitlines()), zh.stderr


def test_a_chinese_time_not_understood_keeps_the_general_hint(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    break_file(files["plan"], DELAY, "decision_delay_s: 约十分钟")
    res = CliRunner().invoke(app, ["validate", str(files["scenario"])])
    assert_input_failure(res)
    assert "600 for ten minutes, 7200 for two hours" in res.stderr, res.stderr
