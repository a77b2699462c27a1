"""Input problems and plausibility warnings in Chinese (``--lang zh``): every message the planner can meet is
in the catalogue, keeps its file, line, field and the values as written, and the commands print it.

The corpus breaks copies of the bundled files in the ways a planner does (a misspelt field, a negative length,
an unknown node, a tab, an unclosed bracket …) and checks the Chinese of every problem each break gives.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import get_args

import pytest
from conftest import DAM_FILES, break_file, copy_bundled
from typer.testing import CliRunner

from drills.cli import app
from drills.inputs import plausibility, yamlfile
from drills.inputs.compile import load
from drills.inputs.messages_zh import (
    CATALOGUE,
    CSV_ERRORS,
    NUM,
    SOURCES,
    SUBJECTS,
    TOKEN_ZH,
    YAML_HINTS,
    YAML_PROBLEMS,
    Entry,
    Q,
    entry_for,
    translate,
)
from drills.inputs.problems import InputError, Problem
from drills.inputs.site import LinkKind
from drills.inputs.suite import load_suite

CJK = re.compile(r"[\u4e00-\u9fff]")
runner = CliRunner()


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


# ---------------------------------------------------------------- the catalogue itself


@pytest.mark.parametrize("words", sorted(set(yamlfile.TOKEN_WORDS.values())))
def test_each_part_of_a_file_the_parser_names_is_told_in_chinese(words: str) -> None:
    """yamlfile tells the parser's token names in words; each of those words has its Chinese, in the complaints
    that name what was found."""
    assert set(TOKEN_ZH) == set(yamlfile.TOKEN_WORDS.values())
    said = translate(f"YAML syntax error: expected the end of the block, but found {words}")
    assert said == f"YAML 语法错误：此处应结束上一个列表或映射，却遇到{TOKEN_ZH[words]}"

ALL_ENTRIES: tuple[Entry, ...] = CATALOGUE + YAML_PROBLEMS + CSV_ERRORS


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=lambda e: e.example[:50])
def test_every_entry_compiles_and_fills_its_template_from_its_own_groups(entry: Entry) -> None:
    groups = set(entry.regex.groupindex)
    assert entry.placeholders() <= groups, f"{entry.zh!r} names {entry.placeholders() - groups} not in {entry.en!r}"
    assert set(entry.terms) <= groups
    assert entry.regex.fullmatch(entry.example), entry.example
    said = entry.render(entry.example)
    assert said is not None and CJK.search(said), said


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=lambda e: e.example[:50])
def test_the_chinese_of_every_entry_uses_full_width_punctuation_beside_chinese(entry: Entry) -> None:
    """ASCII , ; : ( ) next to a Chinese character is a slip for ，；：（）; values and YAML stay as written."""
    for literal, *_ in string.Formatter().parse(entry.zh):
        bad = re.search(r"[\u4e00-\u9fff][,;:()]|[,;(][\u4e00-\u9fff]", literal)
        assert bad is None, f"{entry.zh!r}: {bad.group()!r}"


@pytest.mark.parametrize(("english", "chinese"), [
    ("no shift 'nigt' in the site; known: day, night; did you mean 'night'?",
     "场所中没有班次 'nigt'；已有：day, night；是否应为 'night'？"),
    ("unknown profile 'minr'; known: adult, miner; did you mean 'miner'?",
     "未知的人员类型（profile）'minr'；已有：adult, miner；是否应为 'miner'？"),
])
def test_a_list_of_known_names_stops_before_the_suggestion_that_follows_it(english: str, chinese: str) -> None:
    # the list of names took the rest of the message, and the suggestion after it stayed in English
    assert translate(english) == chinese


def test_each_example_is_rendered_by_its_own_entry_and_only_the_listed_ones_overlap() -> None:
    """First match wins, deliberately: the only messages two entries render are a plan's folder given as a file
    (the plan's entry, listed first, says so); every other example is matched by its own entry alone."""
    overlaps = set()
    for entry in CATALOGUE:
        assert entry_for(entry.example) is entry, entry.example
        others = [e for e in CATALOGUE if e is not entry and e.render(entry.example) is not None]
        if others:
            overlaps.add(entry.example)
    assert overlaps == {"plan plans is a folder, not a file"}
    assert translate("plan plans is a folder, not a file") == "应急预案 plans 是文件夹，不是文件"


def test_every_source_and_subject_of_a_plausible_range_has_its_chinese() -> None:
    bounds = [v for v in vars(plausibility).values() if isinstance(v, plausibility.Bound)]
    bounds += list(plausibility.LINK_WIDTH.values())
    assert len(bounds) > 20
    assert {b.source for b in bounds} <= set(SOURCES), {b.source for b in bounds} - set(SOURCES)
    said = set(re.findall(r'[A-Z_]+, "(an? [a-z ]+)"\)', Path(plausibility.__file__).read_text(encoding="utf-8")))
    said |= {f"a {kind}" for kind in get_args(LinkKind)}
    assert said <= set(SUBJECTS), said - set(SUBJECTS)


@pytest.mark.parametrize("text", ["a:\n  b: 1\n c: 2\n", "- a\nb: 1\n", "a: 1\n- b\n", "title: >hello\n",
                                  "a: - b\n", "a: 1\n--- x\n", "a: [1, 2\nb: 3\n", "a:\tb\n"])
def test_each_yaml_syntax_error_a_slip_of_the_keyboard_makes_is_told_in_chinese(tmp_path: Path, text: str) -> None:
    """Slips typed into the bundled files (a character added or dropped, a line indented a column more or less)
    gave these complaints, among 1 950; each has its Chinese, hint and all."""
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        yamlfile.load_yaml(path)
    for p in refused.value.problems:
        said = translate(p.message)
        assert said is not None and said.startswith("YAML 语法错误："), p.message
        assert not re.search(r"[A-Za-z]{4,}", said.replace("key: value", "").replace("YAML", "")), said


def test_every_hint_the_yaml_loader_adds_has_its_chinese() -> None:
    hints = {hint for _, hint in yamlfile._PARSER_HINTS} | {yamlfile.FLOW_NOT_CLOSED, yamlfile.FLOW_COMMA_MISSING,
                                                            yamlfile.FLOW_SQUARE_NOT_CLOSED,
                                                            yamlfile.FLOW_BRACE_NOT_CLOSED}
    assert hints <= set(YAML_HINTS), hints - set(YAML_HINTS)


@pytest.mark.parametrize(("english", "chinese"), [
    ("Input should be greater than 0 (got -5)", "应大于 0（所填为 -5）"),
    ("unknown field 'lenght_m'; did you mean 'length_m'?", "未知字段 'lenght_m'；是否应为 'length_m'？"),
    ("required field is missing", "缺少必填字段"),
    ("unknown field", "未知字段"),
    ("Input should be a valid number, unable to parse string as a number (got 'long')",
     "应为数值，所填文字无法识别为数值（所填为 'long'）"),
    ("Input should be 'day' or 'night' (got 'dusk')", "应为 'day' 或 'night'（所填为 'dusk'）"),
    ("Input should be 'mine_pa', 'runner' or 'siren' (got 'sirem'); did you mean 'siren'?",
     "应为 'mine_pa'、'runner' 或 'siren'（所填为 'sirem'）；是否应为 'siren'？"),
    ("Input should be less than or equal to 1 (got 1.5); Input should be a valid integer",
     "应小于或等于 1（所填为 1.5）；应为整数"),
    ("no node 'mag121' in the site; did you mean 'mag120'?", "场所中没有地点 'mag121'；是否应为 'mag120'？"),
    ("duplicate role id 'shift_leader'", "岗位 id 'shift_leader' 重复"),
    ("the route is not connected: no passage from 'lad360' to 'lad120'",
     "撤离路线不连通：没有从 'lad360' 到 'lad120' 的通道"),
    ("a refuge needs capacity_persons (its seats)", "避险硐室须填写 capacity_persons（座位数）"),
    ("YAML syntax error: found character '\\t' that cannot start any token (indent with spaces, not tabs)",
     "YAML 语法错误：字符 '\\t' 不能出现在此处（请用空格缩进，不要用制表符）"),
    ("YAML syntax error: expected ',' or ']', but got ':' (a '[' or '{' opened on this line is not closed)",
     "YAML 语法错误：此处应为 ',' 或 ']'，却遇到 ':'（本行的 '[' 或 '{' 没有闭合）"),
    ('duplicate key: found duplicate key "decks" with value "2" (original value: "1")',
     '重复的键：键 "decks" 出现了两次，此处的值为 "2"（前面的值为 "1"）'),
    ("p95 must be at least the median (got p95 60, median 600): the 95th percentile is the value only 1 in 20 "
     "exceeds",
     "p95 不能小于中位数 median（所填 p95 为 60，median 为 600）：第 95 百分位数是 20 次中只有 1 次超过的值"),
    ("file not found; the bundled example of that name is /x/plans/a.yaml",
     "找不到文件；同名的内置示例为 /x/plans/a.yaml"),
    ("file not found; did you mean the bundled example /x/plans/a.yaml?",
     "找不到文件；是否指内置示例 /x/plans/a.yaml？"),
    ("file not found: scenarios/b.yml; did you mean scenarios/b.yaml?",
     "找不到文件：scenarios/b.yml；是否应为 scenarios/b.yaml？"),
    ("a drift of 0.04 m is not plausible: expected 1–30 m — a travelway is at least 0.8 m (GB 16423); large drifts "
     "5–8 m. A slip of units or digits?",
     "平巷取值 0.04 m 不合理：应在 1–30 m 之间；依据：人行道宽度至少 0.8 m（GB 16423），大断面巷道 5–8 m。"
     "是否单位或数字填写有误？"),
    ("a crew of 20000 people is not plausible: expected at most 300 people — a workplace holds tens; a whole shift "
     "is hundreds (Huayuan 2007: 756). A slip of units or digits?",
     "班组取值 20000 人 不合理：应不超过 300 人；依据：一个作业地点容纳数十人，整个班次为数百人（华源 2007：756 人）。"
     "是否单位或数字填写有误？"),
    ("Input should be less than or equal to 1 (got 80); write a percentage as a fraction: 0.8 for 80",
     "应小于或等于 1（所填为 80）；比例请写成小数而非百分数：80 应写作 0.8"),
])
def test_representative_messages_in_exactly_these_words(english: str, chinese: str) -> None:
    assert translate(english) == chinese


@pytest.mark.parametrize("english", [
    "a message the catalogue has never seen",
    "Input should be greater than 0 (got -5); a message the catalogue has never seen",
    "a drift of 0.01 m is not plausible: expected 1–30 m — a source nobody wrote down. A slip of units or digits?",
    "duplicate widget id 'x'",
    "YAML syntax error: something the parser never said before",
])
def test_a_message_without_an_entry_stays_in_english_whole(english: str) -> None:
    assert translate(english) is None
    p = Problem("plan.yaml", 3, "plan.id", english)
    assert p.text("zh") == p.text("en") == str(p) == f"plan.yaml:3: plan.id: {english}"


def test_a_problem_keeps_its_file_line_and_field_in_chinese() -> None:
    p = Problem("sites/a.yaml", 48, "site.links[0].length_m", "Input should be greater than 0 (got -300)")
    assert str(p) == "sites/a.yaml:48: site.links[0].length_m: Input should be greater than 0 (got -300)"
    assert p.text("zh") == "sites/a.yaml:48: site.links[0].length_m: 应大于 0（所填为 -300）"
    assert Problem("a.yaml", None, "", "the file is empty").text("zh") == "a.yaml: 文件为空"


# ---------------------------------------------------------------- a corpus of broken files

SITE, PLAN, SCEN = "site", "plan", "scenario"
#: (id, file, text to replace, its replacement, values the planner wrote that the Chinese must keep)
BREAKS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("unknown-field", SITE, '{id: "collar", kind: "collar", x_m: 0, elevation_m: 2.0}',
     '{id: "collar", kind: "collar", x_m: 0, elevation_m: 2.0, colour: red}', ("'colour'",)),
    ("misspelt-field", SITE, 'to: "j120", length_m: 300', 'to: "j120", lenght_m: 300', ("'lenght_m'", "'length_m'")),
    ("wrong-type", SITE, 'to: "ramp120", length_m: 50', 'to: "ramp120", length_m: long', ("'long'",)),
    ("negative-length", SITE, 'to: "lad120", length_m: 300', 'to: "lad120", length_m: -300', ("-300",)),
    ("misspelt-kind", SITE, '{id: "j120", kind: "junction"', '{id: "j120", kind: "juncton"',
     ("'juncton'", "'junction'")),
    ("refuge-without-seats", SITE, 'level: "-360", capacity_persons: 50, supplies_h: 96}',
     'level: "-360", supplies_h: 96}', ()),
    ("thousands-in-braces", SCEN, "{t_s: 1200, inflow_m3ph: 12000}", "{t_s: 1200, inflow_m3ph: 12,000}",
     ("12,000", "12000")),
    ("thousands", SCEN, "      pumping_m3ph: 0 ", "      pumping_m3ph: 1,200 ", ("'1,200'", "1200")),
    ("full-width-comma", PLAN, "coverage: [pump360, crusher360, st360,", "coverage: [pump360、crusher360, st360,",
     ("'pump360、crusher360'", "pump360, crusher360")),
    ("refuge-with-no-seat", SITE, 'level: "-360", capacity_persons: 50, supplies_h: 96}',
     'level: "-360", capacity_persons: 0, supplies_h: 96}', ("（所填为 0）",)),
    ("crew-of-nobody", SITE, "{at: pump360, count: 4,", "{at: pump360, count: 0,",
     ("班组至少须有 1 人", "（所填为 0）")),
    ("cage-of-nobody", SITE, "cage_capacity_persons: 30", "cage_capacity_persons: 0",
     ("罐笼至少须能乘 1 人", "hoist_out", "（所填为 0）")),
    ("duplicate-node", SITE, '{id: "j240", kind: "junction"', '{id: "j120", kind: "junction"', ("'j120'",)),
    ("unknown-node", SITE, 'from: "st120", to: "mag120"', 'from: "st120", to: "mag121"', ("'mag121'", "'mag120'")),
    ("link-to-itself", SITE, 'from: "st120", to: "mag120"', 'from: "st120", to: "st120"', ()),
    ("more-radios-than-people", SITE, "{at: pump360, count: 4, profile: miner, radio_carriers: 1",
     "{at: pump360, count: 4, profile: miner, radio_carriers: 9", ("9 人携带无线电", "4 人的班组")),
    ("unknown-profile", SITE, "{at: pump360, count: 2, profile: miner", "{at: pump360, count: 2, profile: minor",
     ("'minor'",)),
    ("fraction-for-integer", SITE, "cage_capacity_persons: 30", "cage_capacity_persons: 30.5", ("30.5",)),
    ("deck-literal", SITE, "decks: 1", "decks: 3", ("3",)),
    ("share-above-one", SITE, "crew: face-360E, radio_carriers: 1, paging_lamp_share: 0.9}\n      - {at: stope360e, "
     "count: 14", "crew: face-360E, radio_carriers: 1, paging_lamp_share: 1.5}\n      - {at: stope360e, count: 14",
     ("1.5",)),
    ("station-not-a-station", SITE, "stations: [collar, st120, st240, st360]", "stations: [collar, j120, st240, st360]",
     ("'j120'",)),
    ("start-station", SITE, "start_station: collar", "start_station: st999", ()),
    ("tab", SITE, "  hoists:\n    - id: main-cage", "  hoists:\n\t- id: main-cage", ()),
    ("bad-indentation", SITE, "      decks: 1\n", "      decks: 1\n     accel: 2\n", ()),
    ("duplicate-key", SITE, "      decks: 1\n", "      decks: 1\n      decks: 2\n", ('"decks"',)),
    ("yaml-tag", SITE, "signal_s: 10 ", "signal_s: !seconds 10 ", ("'!seconds'",)),
    ("unclosed-bracket", SITE, "stations: [collar, st120, st240, st360]", "stations: [collar, st120, st240, st360",
     ()),
    ("top-level-misspelt", SITE, "site:\n  id: jinshan-mine", "sites:\n  id: jinshan-mine", ("'sites'", "'site'")),
    ("unknown-backup", PLAN, "backups: [shift_leader]", "backups: [shift_leadr]", ("'shift_leadr'", "'shift_leader'")),
    ("level-not-declared", PLAN, "levels: [blue, yellow, orange, red]", "levels: [blue, yellow, orange]", ("'red'",)),
    ("unknown-level", PLAN, "    actions_by_level:\n      red:", "    actions_by_level:\n      purple:", ("'purple'",)),
    ("misspelt-action", PLAN, "{action: notify_county, owner: mine_manager}",
     "{action: notify_countie, owner: mine_manager}", ("'notify_countie'", "'notify_county'")),
    ("trigger-without-at", PLAN, "        at: face360e\n        threshold: 0.05", "        threshold: 0.05", ()),
    ("route-not-connected", PLAN, "path: [stope360w, lad360, lad240, lad120, raise_top]",
     "path: [stope360w, lad360, lad120, raise_top]", ("'lad360'", "'lad120'")),
    ("not-a-refuge", PLAN, "refuges: [refuge360, refuge240]", "refuges: [refuge360, j240]", ("'j240'",)),
    ("exit-underground", PLAN, "exits: [collar, portal, raise_top]", "exits: [collar, portal, j120]", ("'j120'",)),
    ("p95-below-median", PLAN, "{dist: lognormal, median: 600, p95: 1800}", "{dist: lognormal, median: 600, p95: 60}",
     ("600", "60")),
    ("unknown-distribution", PLAN, "{dist: lognormal, median: 300, p95: 1200}", "{dist: gamma, median: 300, p95: 1200}",
     ("'gamma'",)),
    ("delay-as-words", PLAN, "activation_delay_s: 60", "activation_delay_s: soon", ("'soon'", "10 分钟写作 600")),
    ("delay-in-words-with-its-unit", PLAN, "decision_delay_s: {dist: lognormal, median: 180, p95: 900}",
     "decision_delay_s: ten minutes", ("'ten minutes' 应写作 600", "字段名以 _s 结尾")),
    ("delay-in-chinese", PLAN, "decision_delay_s: {dist: lognormal, median: 180, p95: 900}",
     "decision_delay_s: 一个半小时", ("'一个半小时' 应写作 5400",)),
    ("length-in-chinese", SITE, 'to: "j120", length_m: 300,', 'to: "j120", length_m: 300米,', ("只填数值：300",)),
    ("length-in-km", SITE, 'to: "j120", length_m: 300,', 'to: "j120", length_m: 0.3 km,',
     ("'0.3 km' 应写作 300",)),
    ("hours-in-chinese", PLAN, "backup_power_h: 2\n", "backup_power_h: 两小时\n", ("'两小时' 应写作 2",)),
    ("thousands-with-decimals-in-braces", SITE, "elevation_m: -368.0,", "elevation_m: -1,368.0,",
     ("-1,368.0 被读作 -1", "应写作 -1368.0")),
    ("list-without-brackets", PLAN, "exits: [collar, portal, raise_top]", "exits: collar, portal, raise_top",
     ("[collar, portal, raise_top]", "列表请写在 [ ] 中")),
    ("full-width-comma-in-braces", PLAN, "{id: mine-rescue, size: 12,", "{id: mine-rescue，size: 12,",
     ("本行有全角逗号",)),
    ("clock-beyond-the-day", SCEN, "start_time: 2026-07-20T10:00:00", "start_time: 2026-07-20 25:00",
     ("'25:00' 不是有效的时刻",)),
    ("time-without-date", SCEN, "start_time: 2026-07-20T10:00:00", "start_time: 10:00", ("2026-07-20T10:00:00",)),
    ("chinese-date", SCEN, "start_time: 2026-07-20T10:00:00", "start_time: 2026年7月20日 10:00",
     ("日期和时刻请写作 2026-07-20T10:00:00",)),
    ("full-width-space", PLAN, "      present_probability: 0.98", "\u3000\u3000\u3000present_probability: 0.98",
     ("全角空格",)),
    ("full-width-brackets", PLAN, "exits: [collar, portal, raise_top]", "exits: ［collar, portal］",
     ("全角括号", "[collar, portal]")),
    ("decimal-comma", PLAN, "present_probability: 0.98", "present_probability: 0,98", ("应写作 0.98",)),
    ("decimal-comma-in-braces", SCEN, "{t_s: 1200, inflow_m3ph: 12000}", "{t_s: 1200, inflow_m3ph: 12000,5}",
     ("12000,5 被读作 12000", "小数请用小数点", "应写作 12000.5")),
    ("full-width-digits", SCEN, "replications: 500", "replications: ５００", ("应写作 500",)),
    ("count-with-its-measure-word", SCEN, "replications: 500", "replications: 500次", ("只填数值：应写作 500",)),
    ("days-in-chinese", SCEN, "duration_s: 10800", "duration_s: 一天", ("'一天' 应写作 86400",)),
    ("distribution-left-empty", PLAN, "decision_delay_s: {dist: lognormal, median: 180, p95: 900}",
     "decision_delay_s:", ("此处未填值",)),
    ("misspelt-channel-type", PLAN, "type: station_phones", "type: station_phone", ("'station_phone'",)),
    ("coverage-unknown-node", PLAN, "coverage: [pump360, crusher360, st360, refuge360",
     "coverage: [pump36, crusher360, st360, refuge360", ("'pump36'", "'pump360'")),
    ("duplicate-role", PLAN, "    - id: mine_manager", "    - id: shift_leader", ("'shift_leader'",)),
    ("plan-for-another-site", PLAN, "  site: jinshan-mine", "  site: tongshan-mine", ("'tongshan-mine'",)),
    ("team-location", PLAN, "location: collar", "location: colar", ("'colar'", "'collar'")),
    ("stray-top-level-key", PLAN, "  teams:\n", "teams:\n", ("'teams'",)),
    ("start-time", SCEN, "start_time: 2026-07-20T10:00:00", "start_time: yesterday", ("'yesterday'",)),
    ("replications-zero", SCEN, "replications: 500", "replications: 0", ("0",)),
    ("inrush-source", SCEN, "source: face360e", "source: face360w", ("'face360w'", "'face360e'")),
    ("hydrograph-order", SCEN, "{t_s: 1200, inflow_m3ph: 12000}", "{t_s: 200, inflow_m3ph: 12000}", ("200",)),
    ("unknown-shift", SCEN, "shift: day", "shift: evening", ("'evening'",)),
    ("missing-required", SCEN, "  duration_s: 10800\n", "", ()),
    ("time-of-day", SCEN, "shift: day\n", "shift: day\n  time_of_day: dusk\n", ("'dusk'",)),
    ("fault-without-target", SCEN, "  monte_carlo:", "  faults:\n    - {kind: link_cut}\n  monte_carlo:", ()),
    ("fault-unknown-target", SCEN, "  monte_carlo:", "  faults:\n    - {kind: hoist_out, target: spare-cage}\n"
     "  monte_carlo:", ("'spare-cage'",)),
    ("infinite-duration", SCEN, "duration_s: 10800", "duration_s: .inf", ("inf",)),
]


def check_chinese(problems: list[Problem], kept: tuple[str, ...] = ()) -> str:
    """Every problem in Chinese by the catalogue (no English left), with the English line's file, line, field
    and values; return all the Chinese lines."""
    assert problems
    lines = []
    for p in problems:
        said = translate(p.message)
        assert said is not None, f"no Chinese for: {p.message!r}"
        assert CJK.search(said), said
        english, chinese = p.text("en"), p.text("zh")
        prefix = english[: len(english) - len(p.message)]
        assert chinese == prefix + said, (english, chinese)
        for value in re.findall(rf"(?<!\w){Q}(?!\w)", p.message) + re.findall(rf"(?<![\w.']){NUM}(?![\w'])", p.message):
            assert value in said, f"{value!r} of {p.message!r} lost in {said!r}"
        lines.append(chinese)
    text = "\n".join(lines)
    for value in kept:
        assert value in text, f"{value!r} not in:\n{text}"
    return text


def problems_of(scenario: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load(scenario)
    return info.value.problems


@pytest.mark.parametrize(("kind", "old", "new", "kept"), [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS])
def test_every_problem_of_a_broken_file_is_told_in_chinese(tmp_path: Path, kind: str, old: str, new: str,
                                                            kept: tuple[str, ...]) -> None:
    paths = copy_bundled(tmp_path)
    break_file(paths[kind], old, new)
    check_chinese(problems_of(paths[SCEN]), kept)


def test_the_corpus_is_wide(tmp_path: Path) -> None:
    assert len(BREAKS) + len(WHOLE_FILES) + len(SUITE_BREAKS) >= 40


#: files replaced whole: (id, file, its text)
WHOLE_FILES = [("empty", PLAN, ""), ("a-list", PLAN, "- a\n- b\n"), ("a-single-value", SITE, "jinshan\n"),
               ("two-kinds", PLAN, "plan: {}\nsite: {}\n"), ("nested-too-deep", PLAN, "a: " + "[" * 2000 + "]" * 2000)]


@pytest.mark.parametrize(("kind", "text"), [w[1:] for w in WHOLE_FILES], ids=[w[0] for w in WHOLE_FILES])
def test_a_file_that_is_not_an_input_file_is_told_in_chinese(tmp_path: Path, kind: str, text: str) -> None:
    paths = copy_bundled(tmp_path)
    paths[kind].write_text(text, encoding="utf-8")
    check_chinese(problems_of(paths[SCEN]))


def test_a_missing_file_and_a_folder_are_told_in_chinese(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path)
    paths[SITE].unlink()
    text = check_chinese(problems_of(paths[SCEN]))
    assert f"找不到文件：{paths[SITE]}" in text
    paths[SITE].mkdir()
    assert f"{paths[SITE]} 是文件夹，不是文件" in check_chinese(problems_of(paths[SCEN]))
    with pytest.raises(InputError) as info:
        load(tmp_path / "nowhere.yaml")
    assert check_chinese(info.value.problems).endswith(": 找不到文件")


def test_a_dam_scenario_with_a_date_as_people_write_it_is_told_in_chinese(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path, DAM_FILES)
    text = paths[SCEN].read_text(encoding="utf-8")
    start = re.search(r"start_time: \S+", text)
    assert start is not None
    break_file(paths[SCEN], start.group(), "start_time: 2026/07/21 02:00")
    text = check_chinese(problems_of(paths[SCEN]), ("'2026/07/21 02:00'",))
    assert "应为日期时间，例如 2026-07-20T08:00:00：" in text


SUITE = """suite:
  id: test-suite
  title: Test suite
  runs:
    - scenario: scenarios/mine_inrush_day.yaml
      variations:
        - {id: day}
        - {id: night, time_of_day: night, shift: night}
"""
#: (id, text to replace in SUITE, its replacement, values kept)
SUITE_BREAKS = [
    ("suite-unknown-shift", "shift: night}", "shift: nightshift}", ("'nightshift'",)),
    ("suite-duplicate-variation", "{id: night,", "{id: day,", ("'day'",)),
    ("suite-missing-scenario", "scenarios/mine_inrush_day.yaml", "scenarios/mine_inrush.yaml", ("mine_inrush.yaml",)),
    ("suite-unknown-field", "{id: day}", "{id: day, colour: red}", ("'colour'",)),
    ("suite-no-runs", "  runs:\n", "  runz:\n", ("'runz'",)),
]


@pytest.mark.parametrize(("old", "new", "kept"), [b[1:] for b in SUITE_BREAKS], ids=[b[0] for b in SUITE_BREAKS])
def test_every_problem_of_a_broken_suite_is_told_in_chinese(tmp_path: Path, old: str, new: str,
                                                             kept: tuple[str, ...]) -> None:
    copy_bundled(tmp_path)
    suite = tmp_path / "suite.yaml"
    suite.write_text(SUITE.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_suite(suite)
    check_chinese(info.value.problems, kept)


# ---------------------------------------------------------------- the commands

def test_validate_in_chinese_tells_each_problem_and_the_count_and_nothing_else(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path)
    line = break_file(paths[SITE], 'to: "lad120", length_m: 300', 'to: "lad120", length_m: -300')
    res = invoke("validate", "--lang", "zh", paths[SCEN])
    assert res.exit_code == 2, res.output
    assert res.stdout == ""
    assert res.stderr.splitlines() == [
        f"{paths[SITE]}:{line}: site.links[2].length_m: 应大于 0（所填为 -300）",
        "共发现 1 个问题；未运行，也未写入任何文件。",
    ]


def test_validate_without_lang_is_still_english(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path)
    line = break_file(paths[SITE], 'to: "lad120", length_m: 300', 'to: "lad120", length_m: -300')
    res = invoke("validate", paths[SCEN])
    assert res.exit_code == 2, res.output
    assert res.stderr.splitlines() == [
        f"{paths[SITE]}:{line}: site.links[2].length_m: Input should be greater than 0 (got -300)",
        "1 problem found; nothing was run or written.",
    ]


def test_validate_in_chinese_tells_several_problems_of_several_files(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path)
    break_file(paths[SITE], 'to: "j120", length_m: 300', 'to: "j120", lenght_m: 300')
    break_file(paths[PLAN], "backups: [shift_leader]", "backups: [shift_leadr]")
    english = invoke("validate", paths[SCEN], paths[PLAN], paths[SITE])
    res = invoke("validate", "--lang", "zh", paths[SCEN], paths[PLAN], paths[SITE])
    assert res.exit_code == english.exit_code == 2, res.output
    en_lines, zh_lines = english.stderr.splitlines(), res.stderr.splitlines()
    assert len(en_lines) == len(zh_lines) >= 3
    for en, zh in zip(en_lines[:-1], zh_lines[:-1], strict=True):
        where = ": ".join(en.split(": ")[:2])
        assert zh.startswith(where + ": ") and CJK.search(zh), (en, zh)
    assert zh_lines[-1] == f"共发现 {len(zh_lines) - 1} 个问题；未运行，也未写入任何文件。"
    assert "problem" not in res.stderr


def test_run_in_chinese_tells_the_problems_and_writes_nothing(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path)
    line = break_file(paths[PLAN], "refuges: [refuge360, refuge240]", "refuges: [refuge360, j240]")
    out = tmp_path / "out"
    res = invoke("run", paths[SCEN], "--lang", "zh", "-n", "2", "--out", out)
    assert res.exit_code == 2, res.output
    assert res.stderr.splitlines() == [
        f"{paths[PLAN]}:{line}: plan.evacuation.refuges[1]: 'j240' 的类型为 junction，不是避险硐室（refuge）",
        "共发现 1 个问题；未运行，也未写入任何文件。",
    ]
    assert not out.exists()


def test_recommend_in_chinese_tells_the_problems(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path)
    line = break_file(paths[SCEN], "source: face360e", "source: face360w")
    res = invoke("recommend", paths[SCEN], "--lang", "zh", "--out", tmp_path / "out")
    assert res.exit_code == 2, res.output
    assert res.stderr.splitlines() == [
        f"{paths[SCEN]}:{line}: scenario.hazard.inrush.source: 场所中没有地点 'face360w'；是否应为 'face360e'？",
        "共发现 1 个问题；未运行，也未写入任何文件。",
    ]


def test_season_in_chinese_tells_the_problems(tmp_path: Path) -> None:
    copy_bundled(tmp_path)
    suite = tmp_path / "suite.yaml"
    suite.write_text(SUITE.replace("shift: night}", "shift: nightshift}"), encoding="utf-8")
    res = invoke("season", suite, "--lang", "zh", "--out", tmp_path / "out")
    assert res.exit_code == 2, res.output
    assert res.stderr.splitlines()[-1] == "共发现 1 个问题；未运行，也未写入任何文件。"
    assert "场所 'jinshan-mine' 中没有班次 'nightshift'；已有：day, night" in res.stderr


def test_a_plausibility_warning_in_chinese_and_the_files_still_valid(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path)
    line = break_file(paths[SITE], 'to: "lad120", length_m: 300, width_m: 3.5',
                      'to: "lad120", length_m: 300, width_m: 0.04')
    res = invoke("validate", "--lang", "zh", paths[SCEN])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == [f"{paths[SCEN]}: 演练情景文件（scenario）检查通过"]
    assert res.stderr.splitlines() == [
        "1 项合理性警告：以下数值通过了格式校验，但疑似录入错误（文件有效；drill run 将按所填数值运行）：",
        f"  {paths[SITE]}:{line}: site.links[2].width_m: 平巷取值 0.04 m 不合理：应在 1–30 m 之间；依据：人行道宽度"
        "至少 0.8 m（GB 16423），大断面巷道 5–8 m。是否单位或数字填写有误？",
    ]
    english = invoke("validate", paths[SCEN])
    assert english.stdout.splitlines() == [f"{paths[SCEN]}: scenario OK"]
    assert english.stderr.splitlines()[0] == ("1 plausibility warning: a value that passes validation but looks "
                                              "like a data-entry slip (the files are valid; drill run would run them "
                                              "as written):")
    assert "0.04 m is not plausible" in english.stderr


def test_validate_ok_lines_in_chinese(tmp_path: Path) -> None:
    paths = copy_bundled(tmp_path)
    res = invoke("validate", "--lang", "zh", paths[PLAN], paths[SITE])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == [f"{paths[PLAN]}: 应急预案文件（plan）检查通过",
                                       f"{paths[SITE]}: 场所文件（site）检查通过"]
    alone = invoke("validate", "--lang", "zh", paths[PLAN])
    assert alone.stdout.splitlines() == [
        f"{paths[PLAN]}: 应急预案文件（plan）检查通过（未连同场所检查：请同时给出场所 'jinshan-mine' 的文件，"
        "或给出演练情景，以检查其中的地点）"]


def test_validate_refuses_an_unknown_language_before_reading_anything(tmp_path: Path) -> None:
    res = invoke("validate", "--lang", "fr", tmp_path / "nowhere.yaml")
    assert res.exit_code == 2
    assert res.stderr.splitlines() == ["--lang: unknown language 'fr'; use en or zh"]


class _Page:
    """Stands in for the report's document: keeps the text of each paragraph."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def subheading(self, text: str, *_: object, **__: object) -> None:
        self.said.append(text)

    def text(self, text: str, *_: object, **__: object) -> None:
        self.said.append(text)


@pytest.mark.parametrize(("lang", "says"), [
    ("en", "lengths.yaml:12: site.links[2].width_m: a drift of 0.04 m is not plausible: expected 1–30 m — a travelway "
           "is at least 0.8 m (GB 16423); large drifts 5–8 m. A slip of units or digits?"),
    ("zh", "lengths.yaml:12: site.links[2].width_m: 平巷取值 0.04 m 不合理：应在 1–30 m 之间；依据：人行道宽度至少 "
           "0.8 m（GB 16423），大断面巷道 5–8 m。是否单位或数字填写有误？"),
])
def test_the_report_lists_the_plausibility_warnings_in_its_language(lang: str, says: str) -> None:
    from drills.experiment.i18n import Text
    from drills.experiment.report import input_warnings

    page = _Page()
    message = ("a drift of 0.04 m is not plausible: expected 1–30 m — a travelway is at least 0.8 m (GB 16423); "
               "large drifts 5–8 m. A slip of units or digits?")
    input_warnings(page, [("/x/lengths.yaml", 12, "site.links[2].width_m", message)], Text(lang))  # type: ignore[arg-type]
    assert page.said[-1] == says


def test_a_value_pydantic_shows_ends_before_the_next_part_of_a_message() -> None:
    """'(got '300 m'); write the number alone: 300 (…, m)' was read as one value running to the last ')', and the
    hint came out in English inside the Chinese."""
    said = translate("Input should be a valid number, unable to parse string as a number (got '300 m'); write the "
                     "number alone: 300 (the field's name gives the unit, m)")
    assert said == "应为数值，所填文字无法识别为数值（所填为 '300 m'）；只填数值：300（单位已由字段名给出：m）"
