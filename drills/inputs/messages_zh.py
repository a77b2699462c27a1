"""The input problems and plausibility warnings in Chinese, for ``--lang zh``.

English stays the source of every message: the checks raise and build them in English (tests pin that
wording), and this catalogue maps each English message pattern to its Chinese. An :class:`Entry` is a
regular expression matched against the whole of one message, with a named group for each value the
message carries (a name, a number, a path, a list of ids), and a Chinese template that puts the same
values back as written: ``no node 'j120' in the site`` becomes ``场所中没有地点 'j120'``. The file, line
and field in front of a message are never translated (:meth:`drills.inputs.problems.Problem.text`).

A few groups hold English words of the project's own rather than the planner's (``duplicate node id`` /
``duplicate role id``, the reason after ``YAML syntax error:``, the source of a plausible range); their
``terms`` translate them, and a word the terms do not know leaves the whole message in English.

A message with several faults at one field is joined with "; " (``Input should be greater than 0 (got
-5); did you mean 'x'?``): :func:`translate` renders each part, longest run of parts first, so that a
message holding "; " of its own is matched whole. A message (or any part of it) that no entry matches is
left in English as a whole: the planner gets the English message, never half of each.

The words are those of the report (:mod:`drills.experiment.i18n`): 应急预案, 演练情景, 场所, 避险硐室,
罐笼, 梯子间, 巷道, 预警级别, 撤离路线, 集合点. Field names, YAML keys and words (``kind: junction``),
units and the values the planner wrote stay as written, so that the planner can find them in the file.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

#: a Python repr of a string, as the messages quote names and values: 'j120', or "it's"
Q = r"(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
#: a path in a message: anything up to the next part ("; ") of the message
_PATH = r"(?:(?!; ).)+"
#: a number as the messages write it (``{x:g}``, ``repr``): 12, -0.5, 1.2e+07, inf
NUM = r"(?:-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|-?inf|nan)"
#: the allowed values of a choice as pydantic lists them: 'a', 'b' or 'c' (or 1 or 2)
CHOICES = rf"(?:{Q}|-?\d+)(?:, (?:{Q}|-?\d+))*(?: or (?:{Q}|-?\d+))?"
#: the four kinds of input file, as the messages quote them
KINDS = "'site', 'plan', 'scenario' or 'suite'"
KINDS_ZH = "'site'、'plan'、'scenario' 或 'suite'"

@dataclass(frozen=True)
class Entry:
    """One English message pattern and its Chinese.

    Attributes:
        en: a regular expression that matches the whole English message; a named group for each value.
        zh: the Chinese, a :meth:`str.format` template whose placeholders are groups of ``en``.
        example: an English message the entry is written for (the tests render every example).
        terms: groups whose English words are translated (see :data:`Terms`); any other group is kept
            as written.
    """

    en: str
    zh: str
    example: str
    terms: Mapping[str, Terms] = field(default_factory=dict)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.en)

    def placeholders(self) -> set[str]:
        """The names the Chinese template fills in."""
        return {name for _, name, _, _ in string.Formatter().parse(self.zh) if name is not None}

    def render(self, message: str) -> str | None:
        """``message`` in Chinese, or None if this entry does not match it (or a word of it is not known)."""
        m = self.regex.fullmatch(message)
        if m is None:
            return None
        values = {k: v or "" for k, v in m.groupdict().items()}
        for name, terms in self.terms.items():
            said = _in_terms(values[name], terms)
            if said is None:
                return None
            values[name] = said
        return self.zh.format(**values)


#: how a group's English words become Chinese: a table, a function (None: a word it does not know), or a catalogue
Terms = Mapping[str, str] | Callable[[str], str | None] | tuple[Entry, ...]


def _flood_source(words: str) -> str | None:
    """Where a warning's flood comes from: the hydraulic study (its file as written) or the built-in estimate
    (its relation's authors as written)."""
    if m := re.fullmatch(rf"the hydraulic study ({Q})", words):
        return f"水力计算成果 {m[1]}"
    if m := re.fullmatch(r"the built-in estimate \(([^)]+)\)", words):
        return f"内置估算（{m[1]}）"
    return None


def literal(english: str, chinese: str) -> Entry:
    """The entry of a message with no values in it: the English as written is its own pattern and example."""
    return Entry(re.escape(english), chinese, english)


def _in_terms(words: str, terms: Terms) -> str | None:
    if isinstance(terms, tuple):
        return _one(words, terms)
    if callable(terms):
        return terms(words)
    return terms.get(words)


def _choices(text: str) -> str | None:
    """'a', 'b' or 'c' → 'a'、'b' 或 'c' (the values as written, the words between them in Chinese)."""
    items = re.findall(rf"{Q}|-?\d+", text)
    if not items:
        return None
    if ", ".join(items) == text:
        return "、".join(items)
    if len(items) > 1 and f"{', '.join(items[:-1])} or {items[-1]}" == text:
        return f"{'、'.join(items[:-1])} 或 {items[-1]}"
    return None


def _known(text: str) -> str:
    """A list of the names the files have, as written; "none" in Chinese."""
    return "无" if text == "none" else text


def _people(text: str) -> str:
    """An amount with its unit, the unit word for people in Chinese: '300 people' → '300 人'."""
    return re.sub(r" (?:people|persons)$", " 人", text)


def _bound(text: str) -> str:
    """A plausible range as what the value should be: '1–30 m' → '应在 1–30 m 之间', 'at most 15 people' →
    '应不超过 15 人'."""
    if text.startswith("at most "):
        return f"应不超过 {_people(text[len('at most '):])}"
    return f"应在 {_people(text)} 之间"


#: the files by their top-level key
FILE_KIND = {"site": "场所文件（site）", "plan": "应急预案文件（plan）", "scenario": "演练情景文件（scenario）",
             "suite": "演练组文件（suite）"}
#: what an id names, in "duplicate node id 'x'" and "no link 'x'; known: …"
ID_OF = {"node": "地点", "link": "通道", "dam": "尾矿坝", "role": "岗位", "channel": "预警渠道", "step": "步骤",
         "variation": "变化", "hoist": "提升机", "sensor": "监测点", "profile": "人员类型（profile）",
         "trigger": "触发条件", "route": "撤离路线", "team": "应急队伍", "item": "监测项目"}

#: the sources of the plausible ranges (drills.inputs.plausibility), as the warnings cite them
SOURCES = {
    "walking 0.9–2.2 m/s (LifeSim TRM ch. 7), sustained crawling 0.2–0.3 m/s [K]":
        "步行 0.9–2.2 m/s（LifeSim TRM 第 7 章），持续爬行 0.2–0.3 m/s [K]",
    "ladder climbing 0.09–0.12 m/s (彭然 2022, 中国煤炭)": "攀爬梯子 0.09–0.12 m/s（彭然 2022，《中国煤炭》）",
    "ankle depth to a person's height (wading studied to 0.9 m, Dias et al. 2021)":
        "从脚踝深到一人身高（涉水研究至 0.9 m，Dias 等 2021）",
    "a workplace holds tens; a whole shift is hundreds (Huayuan 2007: 756)":
        "一个作业地点容纳数十人，整个班次为数百人（华源 2007：756 人）",
    "mean household 2.6 people (2020 census)": "户均 2.6 人（2020 年人口普查）",
    "a large school holds a few thousand": "大型学校容纳数千人",
    "a passage between two places": "两个地点之间的通道",
    "a travelway is at least 0.8 m (GB 16423); large drifts 5–8 m":
        "人行道宽度至少 0.8 m（GB 16423），大断面巷道 5–8 m",
    "a travelway is at least 0.8 m (GB 16423); large ramps 5–8 m":
        "人行道宽度至少 0.8 m（GB 16423），大断面斜坡道 5–8 m",
    "a ladder compartment is about 0.6 × 0.7 m": "梯子间约 0.6 × 0.7 m",
    "shafts are a few metres across": "井筒直径为数米",
    "a footpath takes at least one foot": "小路至少容得下一只脚",
    "a car needs about 2 m; a rural lane is 3–3.5 m (JTG B01-2014)":
        "一辆车约需 2 m，农村道路一条车道宽 3–3.5 m（JTG B01-2014）",
    "low seams are crawled at about 1 m": "薄煤层巷道约 1 m 高时须爬行通过",
    "deepest workings ≈ −4 000 m, highest mines ≈ 5 100 m": "最深的井下工程约 −4 000 m，海拔最高的矿山约 5 100 m",
    "at most 100 persons per chamber (AQ 2033-2011 §5.4)": "每个避险硐室至多 100 人（AQ 2033-2011 §5.4）",
    "96 h required (安监总煤装〔2011〕15号); no chamber stores 10 days":
        "要求 96 h（安监总煤装〔2011〕15号），没有避险硐室储备 10 天的物资",
    "at most 12 m/s with persons (煤矿安全规程; the drill caps it there)":
        "乘人时至多 12 m/s（《煤矿安全规程》；本工具也以此为上限）",
    "at most 0.75 m/s² with persons (煤矿安全规程)": "乘人时至多 0.75 m/s²（《煤矿安全规程》）",
    "0.18 m² each (煤矿安全规程): a 5–6 m² deck carries 25–30":
        "每人 0.18 m²（《煤矿安全规程》）：5–6 m² 的一层罐笼乘 25–30 人",
    "signalling takes 10–20 s (drills.model.hoist)": "提升信号需 10–20 s（drills.model.hoist）",
    "the longest delays in recorded events are hours (Oroville 2017, LifeSim TRM ch. 6)":
        "有记录的事件中最长的延迟为数小时（Oroville 2017，LifeSim TRM 第 6 章）",
    "door to door 1–3 min per household (estimate [E], consistent with Confluence 1987)":
        "入户通知每户 1–3 min（估计值 [E]，与 1987 年 Confluence 案例相符）",
    "loudspeaker vehicles 15–25 km/h; China's highest speed limit is 120 km/h":
        "广播车车速 15–25 km/h，我国道路最高限速 120 km/h",
    "a 100–130 dB siren is heard to about 0.4–1.6 km (FEMA CPG 1-17)":
        "100–130 dB 的警报器可听范围约 0.4–1.6 km（FEMA CPG 1-17）",
    "mine airways carry 0.15–15 m/s (煤矿安全规程 第一百三十六条)":
        "井巷风速为 0.15–15 m/s（《煤矿安全规程》第一百三十六条）",
    "the largest inrush reported ≈ 180 000 m³/h (Huayuan 2007, Xinhua)":
        "报道的最大突水涌水量约 180 000 m³/h（华源 2007，新华社）",
    "a flood drill plays out in hours; refuges hold 96 h (安监总煤装〔2011〕15号)":
        "水害演练在数小时内完成，避险硐室可维持 96 h（安监总煤装〔2011〕15号）",
    "class 二 dams are 100–200 m high (GB 39496-2020 §4.5)": "二等库坝高 100–200 m（GB 39496-2020 §4.5）",
    "class 五 holds under 10⁶ m³ (GB 50863-2013 §3.2.1) and class 一 from 5 × 10⁸ m³ (GB 39496-2020 §4.5); "
    "under 10⁴ m³ is a pit":
        "五等库全库容小于 10⁶ m³（GB 50863-2013 §3.2.1），一等库自 5 × 10⁸ m³ 起（GB 39496-2020 §4.5）；"
        "不足 10⁴ m³ 只是一个坑",
}
#: a pond class (等别) by its number
POND_CLASS_ZH = {"1": "一等", "2": "二等", "3": "三等", "4": "四等", "5": "五等"}
#: what a plausibility warning is about ("a drift of 0.01 m", "a median of 259200 s")
SUBJECTS = {
    "a drift": "平巷", "a ramp": "斜坡道", "a incline": "斜井", "a ladderway": "梯子间", "a shaft": "竖井",
    "a footpath": "小路", "a road": "道路", "a refuge": "避险硐室", "a walking speed": "行走速度",
    "a climbing speed": "攀爬速度", "a wading limit": "涉水深度上限", "a cage speed": "罐笼速度",
    "an acceleration": "加速度", "a deck": "每层罐笼", "a crew": "班组", "a tailings dam": "尾矿坝",
    "a tailings pond": "尾矿库", "a median": "中位数", "a vehicle speed": "车速", "a drill": "演练",
    "an air speed": "风速", "a hearing radius": "可听半径",
    "an inflow": "涌水量",
}

#: the parts of a file the parser names, in yamlfile's words (drills.inputs.yamlfile.TOKEN_WORDS)
TOKEN_ZH = {
    "a new 'key: value' block": "新的 'key: value' 块",
    "a new list": "新的列表",
    "the end of the block": "块的结束",
    "a value": "值",
    "an alias ('*')": "引用（'*'）",
    "an anchor ('&')": "锚点（'&'）",
    "a tag ('!')": "标签（'!'）",
    "a comment": "注释",
    "a directive ('%')": "指令（'%'）",
    "a new document ('---')": "新文档（'---'）",
    "the end of the document ('...')": "文档结束（'...'）",
    "the start of the file": "文件开头",
    "the end of the file": "文件结尾",
    "a new key": "新的键",
    "a list item ('- ')": "列表项（'- '）",
}
#: what the parser found: one of those parts, or a character in quotes
TOKEN = "|".join([*(re.escape(w) for w in TOKEN_ZH), Q])


def _token(words: str) -> str:
    """A part of the file in Chinese; a character in quotes as written, set off by a space."""
    return TOKEN_ZH.get(words) or f" {words}"


#: the YAML parser's complaints (ruamel.yaml), after "YAML syntax error:"
YAML_PROBLEMS: tuple[Entry, ...] = (
    literal("mapping values are not allowed here", "此处不能出现 'key: value'"),
    Entry(rf"expected the end of the block, but found (?P<token>{TOKEN})", "此处应结束上一个列表或映射，却遇到{token}",
          "expected the end of the block, but found a new 'key: value' block", {"token": _token}),
    literal("could not find expected ':'", "找不到应有的 ':'"),
    literal("did not find expected key", "找不到应有的键"),
    literal("did not find expected '-' indicator", "找不到应有的 '-'"),
    Entry(rf"expected the text of a '\|' or '>' block on the next line, but found (?P<char>{Q})",
          "'|' 或 '>' 之后的文字应从下一行开始，却遇到 {char}",
          "expected the text of a '|' or '>' block on the next line, but found 'h'"),
    literal("sequence entries are not allowed here", "此处不能出现列表项（'- '）"),
    Entry(rf"found character (?P<char>{Q}) that cannot start any token", "字符 {char} 不能出现在此处",
          "found character '\\t' that cannot start any token"),
    Entry(rf"expected (?P<want>',' or '\]'|',' or '\}}'), but got (?P<token>{TOKEN})", "此处应为 {want}，却遇到{token}",
          "expected ',' or ']', but got ':'", {"want": {"',' or ']'": "',' 或 ']'", "',' or '}'": "',' 或 '}'"},
                                                "token": _token}),
    literal("found unexpected end of stream", "文件意外结束（引号没有闭合？）"),
    literal("found unexpected ':'", "此处不应出现 ':'"),
    literal("found unexpected document separator", "此处不应出现文档分隔符"),
    Entry(rf"found undefined alias (?P<alias>{Q})", "引用了未定义的锚点 {alias}", "found undefined alias 'base'"),
    Entry(rf"expected a value, but found (?P<token>{TOKEN})", "此处应有值，却遇到{token}",
          "expected a value, but found the end of the block", {"token": _token}),
    Entry(rf"expected a new document \('---'\), but found (?P<token>{TOKEN})",
          "此处应为新文档的开始（'---'），却遇到{token}",
          "expected a new document ('---'), but found a new 'key: value' block", {"token": _token}),
    Entry(rf"expected alphabetic or numeric character, but found (?P<char>{Q})", "此处应为字母或数字，却遇到 {char}",
          "expected alphabetic or numeric character, but found ' '"),
    Entry(rf"expected a comment or a line break, but found (?P<char>{Q})", "此处只能是注释或换行，却遇到 {char}",
          "expected a comment or a line break, but found 'x'"),
    Entry(rf"found unknown escape character (?P<char>{Q})", "未知的转义字符 {char}",
          "found unknown escape character 'q'"),
    literal("expected a single document in the stream", "文件中只能有一个文档（'---' 只能出现一次）"),
    literal("expected a single document in the stream, but found another document",
            "文件中只能有一个文档，这里却开始了另一个（'---' 或 '...' 只能出现一次）"),
)
#: the plain words yamlfile adds after the parser's complaint, in brackets
YAML_HINTS = {
    "check the indentation of this line and the line above; a value holding ': ' must be in quotes":
        "请检查本行和上一行的缩进；含有 ': ' 的值须加引号",
    "check the indentation of this line and the line above: a line of a list or mapping must line up with the ones "
    "before it": "请检查本行和上一行的缩进：列表或映射中的各行须与前面各行对齐",
    "a 'key: value' line needs a colon and a space; check the indentation of this line and the line above":
        "'key: value' 行须有冒号和空格；请检查本行和上一行的缩进",
    "check the indentation of this line and the line above": "请检查本行和上一行的缩进",
    "check the indentation of this line and the line above: every item of this list starts with '- '":
        "请检查本行和上一行的缩进：列表的每一项都以 '- ' 开头",
    "indent with spaces, not tabs": "请用空格缩进，不要用制表符",
    "a value that starts with '|' or '>' must be in quotes": "以 '|' 或 '>' 开头的值须加引号",
    "a '- ' item starts a line of its own, lined up with the other items of its list; a value that starts with "
    "'- ' must be in quotes": "列表项 '- ' 须另起一行，并与同一列表的其他各项对齐；以 '- ' 开头的值须加引号",
    "a '[' or '{' opened on this line is not closed": "本行的 '[' 或 '{' 没有闭合",
    "a ',' is missing between two items of the '[' or '{' on this line": "本行 '[' 或 '{' 中有两项之间缺少 ','",
    "this line holds a full-width comma ('，' or '、'), as a Chinese input method types it: separate the items of "
    "a '[' or '{' with an ASCII ',' and a space":
        "本行有全角逗号（'，' 或 '、'，中文输入法所输入）：'[' 或 '{' 中各项之间请用英文逗号 ',' 加空格分隔",
    "a '[' on this line is not closed before the '}' that ends the '{' around it":
        "本行的 '[' 在结束外层 '{' 的 '}' 之前没有闭合",
    "a '{' on this line is not closed before the ']' that ends the '[' around it":
        "本行的 '{' 在结束外层 '[' 的 ']' 之前没有闭合",
}
#: what Python's datetime says of an impossible date that YAML read as one (drills.inputs.yamlfile)
YAML_DATE_ERRORS = {
    "month must be in 1..12": "月份须在 1 至 12 之间",
    "day is out of range for month": "该月没有这一天",
    "hour must be in 0..23": "小时须在 0 至 23 之间",
    "minute must be in 0..59": "分钟须在 0 至 59 之间",
    "second must be in 0..59": "秒须在 0 至 59 之间",
}

#: what is wrong with a date or time as written (pydantic's parser), after "Input should be a valid datetime, "
DATE_ERRORS = {
    "input is too short": "内容过短", "unexpected extra characters at the end of the input": "末尾有多余的字符",
    "invalid datetime separator, expected `T`, `t`, `_` or space": "日期与时刻之间的分隔符无效，应为 T 或空格",
    "invalid date separator, expected `-`": "日期分隔符无效，应为 -",
    "invalid time separator, expected `:`": "时刻分隔符无效，应为 :",
    "invalid character in year": "年份中有无效字符", "invalid character in month": "月份中有无效字符",
    "invalid character in day": "日中有无效字符", "invalid character in hour": "小时中有无效字符",
    "invalid character in minute": "分钟中有无效字符", "invalid character in second": "秒中有无效字符",
    "invalid character in second fraction": "秒的小数部分中有无效字符",
    "month value is outside expected range of 1-12": "月份超出 1–12 的范围",
    "day value is outside expected range": "日超出该月的天数",
    "hour value is outside expected range of 0-23": "小时超出 0–23 的范围",
    "minute value is outside expected range of 0-59": "分钟超出 0–59 的范围",
    "second value is outside expected range of 0-59": "秒超出 0–59 的范围",
    "second fraction value is more than 6 digits long": "秒的小数部分超过 6 位",
    "second fraction digits missing after `.`": "'.' 之后缺少秒的小数部分",
    "invalid timezone sign": "时区符号无效", "invalid timezone hour": "时区小时无效",
    "invalid timezone minute": "时区分钟无效",
    "timezone minute value is outside expected range of 0-59": "时区分钟超出 0–59 的范围",
    "timezone offset must be less than 24 hours": "时区偏移须小于 24 小时",
}
#: what the csv module says of a malformed hydraulic study, after "CSV syntax error:"
CSV_ERRORS: tuple[Entry, ...] = (
    literal("unexpected end of data", "数据意外结束（引号没有闭合？）"),
    Entry(r"'(?P<sep>.)' expected after '\"'", "'\"' 之后应为 '{sep}'", "',' expected after '\"'"),
)

_HINT = "|".join(re.escape(h) for h in YAML_HINTS)
_TO_SAFETY = {"an exit or a refuge": "安全出口或避险硐室", "an assembly point or out of the valley": "集合点或河谷以外"}
#: a series whose times do not increase, and what each of its items is (:func:`drills.inputs.scenario.times_increase`)
_SERIES_TERMS = {"what": {"hydrograph": "hydrograph 中的", "rain": "observed 降雨过程中的",
                          "monitor_series": "monitor_series 中的读数"}, "item": {"point": "点", "reading": "读数"}}

#: why a value is beyond drill's limits (:mod:`drills.inputs.base`)
LIMIT_WHY = {
    "the water and the rain are stepped through the whole run": "水位与降雨按时间步长计算整个演练过程",
    "the water's level is stepped every 2 cm up the workings": "井巷水位按 2 cm 的高度步长逐级计算",
    "every person is simulated one by one": "每个人都逐一模拟",
    "the monitoring is polled through the whole run": "整个演练过程中都按此周期轮询监测",
    "no delay in a drill outlasts the drill; is the column's unit right?":
        "演练中的延迟不会长于演练本身；该列的单位是否正确？",
}
#: why nobody is in a drill
NOBODY = (
    Entry(rf"shift (?P<shift>{Q}) has no crews and no residents are there by (?P<tod>day|night)",
          "场所的 {shift} 班次没有人员，{tod}也没有居民在场",
          "shift 'day' has no crews and no residents are there by night", {"tod": {"day": "白天", "night": "夜间"}}),
    Entry(rf"shift (?P<shift>{Q}) has no crews", "场所的 {shift} 班次没有人员", "shift 'day' has no crews"),
    Entry(r"no residents are there by (?P<tod>day|night)", "{tod}没有居民在场", "no residents are there by night",
          {"tod": {"day": "白天", "night": "夜间"}}),
)

#: a value beyond a limit of the tool (:mod:`drills.inputs.base`)
LIMITS = (
    Entry(r"more than drill can take: at most (?P<limit>\d+) (?P<unit>s \(30 days\)|m|people|households), as "
          r"(?P<why>.+)", "超出 drill 的处理范围：至多 {limit} {unit}，因为{why}",
          "more than drill can take: at most 1000 m, as the water's level is stepped every 2 cm up the workings",
          {"unit": {"s (30 days)": "s（30 天）", "m": "m", "people": "人", "households": "户"}, "why": LIMIT_WHY}),
    Entry(r"less than drill can take: at least (?P<limit>\d+) (?P<unit>s), as (?P<why>.+)",
          "低于 drill 的处理范围：至少 {limit} {unit}，因为{why}",
          "less than drill can take: at least 1 s, as the water and the rain are stepped through the whole run",
          {"why": LIMIT_WHY}),
)

#: what a field of seconds takes (:data:`drills.inputs.validate.IN_SECONDS`), before how to write the value given there
_IN_SECONDS = re.escape("the field takes a number of seconds (its name ends in _s)")
_IN_SECONDS_ZH = "此字段填写秒数，只写数字（字段名以 _s 结尾）："

CATALOGUE: tuple[Entry, ...] = (
    # ---- reading the file (drills.inputs.yamlfile)
    literal("the file is empty", "文件为空"),
    literal("the file is nested too deeply to read", "文件嵌套层次过深，无法读取"),
    literal("the file expands to too many values (YAML aliases?)", "文件展开后的数值过多（是否使用了 YAML 别名？）"),
    Entry(r"not UTF-8 text: byte (?P<byte>0x[0-9a-f]{2}) cannot be read; save the file as UTF-8",
          "不是 UTF-8 文本：字节 {byte} 无法读取；请将文件另存为 UTF-8 编码",
          "not UTF-8 text: byte 0xff cannot be read; save the file as UTF-8"),
    Entry(r"not UTF-8 text: byte (?P<byte>0x[0-9a-f]{2}) cannot be read; the file looks saved as GBK \(GB18030\), as "
          r"older Chinese Windows editors do: save it as UTF-8",
          "不是 UTF-8 文本：字节 {byte} 无法读取；文件似乎按 GBK（GB18030）编码保存（较早的中文 Windows 编辑器如此）："
          "请将文件另存为 UTF-8 编码",
          "not UTF-8 text: byte 0xbc cannot be read; the file looks saved as GBK (GB18030), as older Chinese Windows "
          "editors do: save it as UTF-8"),
    Entry(r"not UTF-8 text: byte (?P<byte>0x[0-9a-f]{2}) cannot be read; the file is saved as UTF-16 \(what Windows "
          r"editors call 'Unicode'\): save it as UTF-8",
          "不是 UTF-8 文本：字节 {byte} 无法读取；文件按 UTF-16 编码保存（Windows 编辑器称之为“Unicode”）："
          "请将文件另存为 UTF-8 编码",
          "not UTF-8 text: byte 0xff cannot be read; the file is saved as UTF-16 (what Windows editors call "
          "'Unicode'): save it as UTF-8"),
    Entry(r"cannot read the file: (?P<reason>.+)", "无法读取文件：{reason}",
          "cannot read the file: [Errno 13] Permission denied: 'plan.yaml'"),
    Entry(rf"YAML tag (?P<tag>{Q}) is not allowed; write plain values", "不允许使用 YAML 标签 {tag}；请直接填写数值",
          "YAML tag '!shift' is not allowed; write plain values"),
    Entry(rf"YAML syntax error: (?P<problem>.+) \((?P<hint>{_HINT})\)", "YAML 语法错误：{problem}（{hint}）",
          "YAML syntax error: found character '\\t' that cannot start any token (indent with spaces, not tabs)",
          {"problem": YAML_PROBLEMS, "hint": YAML_HINTS}),
    literal("this line holds a full-width space (U+3000), as a Chinese input method types it, in its indentation "
            "or after its colon: write ASCII spaces there",
            "本行的缩进或冒号之后有全角空格（U+3000，中文输入法所输入）：请改用半角空格"),
    Entry(rf"(?P<key>{Q}) is followed by a full-width colon '：': write (?P<bare>[\w-]+): with an ASCII colon and a "
          "space", "{key} 后面是全角冒号 '：'：请写作 {bare}: （半角冒号加一个空格）",
          "'replications' is followed by a full-width colon '：': write replications: with an ASCII colon and a space"),
    Entry(rf"YAML syntax error: (?P<key>{Q}) needs a ':' after it \(write (?P<bare>[\w-]+): value\)",
          "YAML 语法错误：{key} 后面缺少冒号（应写作 {bare}: 值）",
          "YAML syntax error: 'decision_delay_s' needs a ':' after it (write decision_delay_s: value)"),
    Entry(r"YAML syntax error: (?P<problem>.+)", "YAML 语法错误：{problem}",
          "YAML syntax error: found undefined alias 'x'",
          {"problem": YAML_PROBLEMS}),
    Entry(r'duplicate key: found duplicate key (?P<key>".*") with value (?P<value>".*") \(original value: '
          r'(?P<original>".*")\)', "重复的键：键 {key} 出现了两次，此处的值为 {value}（前面的值为 {original}）",
          'duplicate key: found duplicate key "shift" with value "night" (original value: "day")'),
    Entry(r'duplicate key: found duplicate key (?P<key>".*")', "重复的键：键 {key} 出现了两次",
          'duplicate key: found duplicate key "shift"'),
    Entry(rf"expected one top-level key: {KINDS}; the file holds (?P<what>a list|a single value|nothing)",
          f"文件应有且只有一个顶层键：{KINDS_ZH}；此文件中是{{what}}",
          f"expected one top-level key: {KINDS}; the file holds a list",
          {"what": {"a list": "一个列表", "a single value": "单个值", "nothing": "空的映射"}}),
    Entry(rf"expected one top-level key: {KINDS}; found (?P<names>{Q}) \(did you mean (?P<near>{Q})\?\)",
          f"文件应有且只有一个顶层键：{KINDS_ZH}；此文件中是 {{names}}（是否应为 {{near}}？）",
          f"expected one top-level key: {KINDS}; found 'sites' (did you mean 'site'?)"),
    Entry(rf"expected one top-level key: {KINDS}; found (?P<names>{Q}(?:, {Q})*)",
          f"文件应有且只有一个顶层键：{KINDS_ZH}；此文件中是 {{names}}",
          f"expected one top-level key: {KINDS}; found 'sites', 'plans'"),
    Entry(rf"a second top-level key: a file holds one of {KINDS}, and this one already holds (?P<kind>{Q}); put the "
          r"(?P<key>\w+) in a file of its own",
          f"第二个顶层键：一个文件只能包含 {KINDS_ZH} 之一，此文件已包含 {{kind}}；请将 {{key}} 放到单独的文件中",
          f"a second top-level key: a file holds one of {KINDS}, and this one already holds 'site'; put the plan in a "
          "file of its own"),
    Entry(rf"unexpected top-level key: a file holds one of {KINDS}, and this one holds (?P<kind>{Q}); if "
          rf"(?P<key>{Q}) belongs inside (?P<inside>{Q}), indent it like the lines above it",
          f"多余的顶层键：一个文件只能包含 {KINDS_ZH} 之一，此文件包含的是 {{kind}}；如果 {{key}} 属于 {{inside}}，"
          "请让它与上面各行同样缩进",
          f"unexpected top-level key: a file holds one of {KINDS}, and this one holds 'plan'; if 'colour' belongs "
          "inside 'plan', indent it like the lines above it"),
    literal("this is a suite file; run it with drill season, or give a site, plan or scenario file here",
            "这是演练组文件（suite）：请用 drill season 运行，或在此给出场所、应急预案或演练情景文件"),
    Entry(r"this is a (?P<kind>\w+) file; give a (?P<want>\w+) file", "这是{kind}；此处应给出{want}",
          "this is a plan file; give a scenario file", {"kind": FILE_KIND, "want": FILE_KIND}),
    Entry(r"this is a (?P<kind>\w+) file; a (?P<want>\w+) file was expected", "这是{kind}；此处应为{want}",
          "this is a plan file; a site file was expected", {"kind": FILE_KIND, "want": FILE_KIND}),
    Entry(r"(?P<name>\S+\.ya?ml) is a (?P<kind>\w+) file; give a (?P<want>\w+) file",
          "{name} 是{kind}；此处应给出{want}",
          "jinshan_mine.yaml is a site file; give a scenario file", {"kind": FILE_KIND, "want": FILE_KIND}),
    # a file that is not there (yamlfile.missing), on its own or named by the file that refers to it
    Entry(rf"plan file not found: (?P<path>{_PATH})", "找不到应急预案文件：{path}",
          "plan file not found: plans/nope.yaml"),
    Entry(rf"file not found: (?P<path>{_PATH})", "找不到文件：{path}", "file not found: scenarios/nowhere.yaml"),
    literal("file not found", "找不到文件"),
    Entry(r"the bundled example of that name is (?P<path>.+)", "同名的内置示例为 {path}",
          "the bundled example of that name is /opt/drill/scenarios/dam_break_night.yaml"),
    Entry(r"did you mean (?P<path>\.\./.+) \(a path in a file is relative to that file's own folder\)\?",
          "是否应为 {path}（文件中的路径相对于该文件自身所在的文件夹）？",
          "did you mean ../plans/dam_plan.yaml (a path in a file is relative to that file's own folder)?"),
    Entry(r"did you mean the bundled example (?P<path>.+)\?", "是否指内置示例 {path}？",
          "did you mean the bundled example /opt/drill/scenarios/dam_break_night.yaml?"),
    Entry(r"did you mean (?!the bundled example )(?P<path>[^'\s](?:(?! \(a path in a file ).)*)\?", "是否应为 {path}？",
          "did you mean scenarios/dam_break_night.yaml?"),
    # first match wins: "plan x is a folder" is the plan's, not a folder named "plan x"
    Entry(r"plan (?P<path>.+) is a folder, not a file", "应急预案 {path} 是文件夹，不是文件",
          "plan plans is a folder, not a file"),
    Entry(r"(?P<path>.+) is a folder, not a file", "{path} 是文件夹，不是文件",
          "scenarios/sites is a folder, not a file"),
    literal("a folder, not a file", "这是文件夹，不是文件"),
    # ---- the schemas (drills.inputs.validate and pydantic)
    literal("required field is missing", "缺少必填字段"),
    literal("unknown field", "未知字段"),
    Entry(rf"unknown field (?P<name>{Q})", "未知字段 {name}", "unknown field 'lenght_m'"),
    Entry(rf"did you mean (?P<near>{Q})\?", "是否应为 {near}？", "did you mean 'length_m'?"),
    Entry(rf"unknown (?P<noun>level|name) (?P<got>{Q}); use (?P<expected>{CHOICES})",
          "未知的{noun} {got}；应为 {expected}",
          "unknown level 'purple'; use 'blue', 'yellow', 'orange' or 'red'",
          {"noun": {"level": "预警级别", "name": "名称"}, "expected": _choices}),
    Entry(rf"unknown distribution (?P<tag>{Q}); use one of (?P<tags>{CHOICES})",
          "未知的分布类型 {tag}；应为 {tags} 之一",
          "unknown distribution 'gamma'; use one of 'fixed', 'lognormal', 'uniform', 'triangular', 'normal'",
          {"tags": _choices}),
    Entry(r"expected a number, or a distribution such as \{dist: lognormal, median: 60, p95: 300\}",
          "应为数值，或分布，例如 {{dist: lognormal, median: 60, p95: 300}}",
          "expected a number, or a distribution such as {dist: lognormal, median: 60, p95: 300}"),
    Entry(rf"say which distribution: dist: one of (?P<tags>{CHOICES})", "请用 dist 说明分布类型：应为 {tags} 之一",
          "say which distribution: dist: one of 'fixed', 'lognormal', 'uniform', 'triangular', 'normal'",
          {"tags": _choices}),
    Entry(rf"Input should be greater than (?P<gt>{NUM})", "应大于 {gt}", "Input should be greater than 0"),
    Entry(rf"Input should be greater than or equal to (?P<ge>{NUM})", "应大于或等于 {ge}",
          "Input should be greater than or equal to 0"),
    Entry(rf"Input should be less than (?P<lt>{NUM})", "应小于 {lt}", "Input should be less than 1"),
    Entry(rf"Input should be less than or equal to (?P<le>{NUM})", "应小于或等于 {le}",
          "Input should be less than or equal to 1"),
    literal("Input should be a finite number", "应为有限数值，不能是 .inf 或 .nan"),
    literal("Input should be a valid number, unable to parse string as a number", "应为数值，所填文字无法识别为数值"),
    Entry(rf"{_IN_SECONDS}: (?P<s>\d+) for (?P<got>{Q}) \(h:mm:ss\)", _IN_SECONDS_ZH + "{got} 应写作 {s}（h:mm:ss）",
          "the field takes a number of seconds (its name ends in _s): 10800 for '3:00:00' (h:mm:ss)"),
    Entry(rf"{_IN_SECONDS}: (?P<got>{Q}) is (?P<a>\d+) as m:ss, (?P<b>\d+) as h:mm, (?P<c>\d+) as the clock time "
          r"after start_time \((?P<start>\d\d:\d\d)\)",
          _IN_SECONDS_ZH + "{got} 按 m:ss 为 {a}，按 h:mm 为 {b}，按 start_time（{start}）之后的时刻为 {c}",
          "the field takes a number of seconds (its name ends in _s): '08:00' is 480 as m:ss, 28800 as h:mm, 50400 as "
          "the clock time after start_time (18:00)"),
    Entry(rf"{_IN_SECONDS}: (?P<got>{Q}) is (?P<a>\d+) as m:ss, (?P<b>\d+) as h:mm",
          _IN_SECONDS_ZH + "{got} 按 m:ss 为 {a}，按 h:mm 为 {b}",
          "the field takes a number of seconds (its name ends in _s): '3:00' is 180 as m:ss, 10800 as h:mm"),
    Entry(rf"{_IN_SECONDS}: (?P<s>{NUM}) for (?P<got>{Q})", _IN_SECONDS_ZH + "{got} 应写作 {s}",
          "the field takes a number of seconds (its name ends in _s): 600 for 'ten minutes'"),
    Entry(rf"{_IN_SECONDS}: 600 for ten minutes, 7200 for two hours",
          _IN_SECONDS_ZH + "10 分钟写作 600，2 小时写作 7200",
          "the field takes a number of seconds (its name ends in _s): 600 for ten minutes, 7200 for two hours"),
    Entry(rf"write the number alone: (?P<value>{NUM}) for (?P<got>{Q}) \(the field's name gives the unit, "
          r"(?P<unit>\w+)\)", "只填数值：{got} 应写作 {value}（单位已由字段名给出：{unit}）",
          "write the number alone: 1200 for '1.2 km' (the field's name gives the unit, m)"),
    Entry(rf"write the number alone: (?P<value>{NUM})", "只填数值：应写作 {value}", "write the number alone: 500"),
    Entry(rf"write the number alone: (?P<value>{NUM}) \(the field's name gives the unit, (?P<unit>\w+)\)",
          "只填数值：{value}（单位已由字段名给出：{unit}）",
          "write the number alone: 300 (the field's name gives the unit, m)"),
    Entry(rf"(?P<text>{NUM}(?:,\d{{3}})+(?:\.\d+)?) is read as (?P<head>{NUM}), the comma starting another field in "
          rf"\{{ \}}: "
          rf"write the number without a thousands separator: (?P<value>{NUM})",
          "{text} 被读作 {head}：在 {{ }} 中，逗号后面被当作另一个字段；数值中请勿使用千位分隔符：应写作 {value}",
          "12,000 is read as 12, the comma starting another field in { }: write the number without a thousands "
          "separator: 12000"),
    Entry(rf"(?P<text>{NUM},\d+) is read as (?P<head>{NUM}), the comma starting another field in \{{ \}}: "
          rf"write the decimals after a point: (?P<value>{NUM})",
          "{text} 被读作 {head}：在 {{ }} 中，逗号后面被当作另一个字段；小数请用小数点，不用逗号：应写作 {value}",
          "0,5 is read as 0, the comma starting another field in { }: write the decimals after a point: 0.5"),
    Entry(rf"write the number without a thousands separator: (?P<value>{NUM})",
          "数值中请勿使用千位分隔符：应写作 {value}", "write the number without a thousands separator: 12000"),
    literal("rain is told by its intensity, 'moderate' 2.5–6.4 mm/h and 'heavy' above 6.4 mm/h (HCM 2010 Exhibit "
            "10-15): write lighter rain, a drizzle, as 'none', which the drill takes as dry",
            "降雨按雨强填写：'moderate' 为 2.5–6.4 mm/h，'heavy' 为 6.4 mm/h 以上（HCM 2010 Exhibit 10-15）；"
            "更小的雨（毛毛雨）请写 'none'，程序按无雨处理"),
    Entry(rf"(?P<got>{Q}) grades rain by its 12- or 24-hour total \(GB/T 28592-2012\), not by its intensity in "
          r"the drill's hours: write the class of that intensity",
          "{got} 是按 12 或 24 小时降水量划分的等级（GB/T 28592-2012），不是演练时段内的雨强：请按该时段的雨强填写",
          "'暴雨' grades rain by its 12- or 24-hour total (GB/T 28592-2012), not by its intensity in the drill's "
          "hours: write the class of that intensity"),
    Entry(rf"write a percentage as a fraction: (?P<share>{NUM}) for (?P<got>{Q})",
          "百分数请写成小数：{got} 应写作 {share}", "write a percentage as a fraction: 0.98 for '98%'"),
    Entry(rf"write a percentage as a fraction: (?P<share>{NUM}) for (?P<got>{NUM})",
          "比例请写成小数而非百分数：{got} 应写作 {share}", "write a percentage as a fraction: 0.8 for 80"),
    literal("Input should be a valid number", "应为数值"),
    literal("Input should be a valid integer, unable to parse string as an integer",
            "应为整数，所填文字无法识别为整数"),
    literal("Input should be a valid integer, got a number with a fractional part", "应为整数，所填数值带有小数"),
    literal("Input should be a valid integer", "应为整数"),
    literal("Unable to parse input string as an integer, exceeded maximum size", "整数过大，无法识别"),
    literal("Input should be a valid boolean, unable to interpret input", "应为 true 或 false，所填内容无法识别"),
    literal("Input should be a valid boolean", "应为 true 或 false"),
    literal("Input should be a valid string", "应为文字"),
    literal("Input should be a valid string, unable to parse raw data as a unicode string",
            "应为文字，所填内容不是有效的 Unicode 文本"),
    Entry(r"String should have at least (?P<n>\d+) characters?", "至少应有 {n} 个字符",
          "String should have at least 1 character"),
    Entry(r"String should have at most (?P<n>\d+) characters?", "最多只能有 {n} 个字符",
          "String should have at most 80 characters"),
    Entry(rf"String should match pattern (?P<pattern>{Q})", "应符合格式 {pattern}",
          "String should match pattern '^[A-Za-z0-9_.\\-]+$'"),
    Entry(r"(?P<what>List|Tuple|Dictionary|Set) should have at least (?P<n>\d+) items?(?: after validation)?, not "
          r"(?P<actual>\d+)", "{what}至少应有 {n} 项，现有 {actual} 项",
          "List should have at least 2 items, not 1",
          {"what": {"List": "列表", "Tuple": "数组", "Dictionary": "映射", "Set": "集合"}}),
    Entry(r"(?P<what>List|Tuple|Dictionary|Set) should have at most (?P<n>\d+) items?(?: after validation)?, not "
          r"(?P<actual>\d+)", "{what}最多只能有 {n} 项，现有 {actual} 项",
          "Tuple should have at most 2 items, not 3",
          {"what": {"List": "列表", "Tuple": "数组", "Dictionary": "映射", "Set": "集合"}}),
    literal("Input should be a valid list", "应为列表"),
    literal("'［ ］' and '【 】' are full-width brackets, as a Chinese input method types them",
            "'［ ］' 和 '【 】' 是全角括号（中文输入法所输入）"),
    Entry(rf"(?P<got>{Q}) is written in full-width characters, as a Chinese input method types them: write "
          rf"(?P<value>{NUM})", "{got} 是全角字符（中文输入法所输入）：应写作 {value}",
          "'５００' is written in full-width characters, as a Chinese input method types them: write 500"),
    Entry(rf"write the decimals after a point, not a comma: (?P<value>{NUM})",
          "小数请用小数点，不要用逗号：应写作 {value}", "write the decimals after a point, not a comma: 0.98"),
    Entry(r"write a list in \[ \]: (?P<items>\[.*\])", "列表请写在 [ ] 中，各项以逗号分隔：{items}",
          "write a list in [ ]: [collar, portal, raise_top]"),
    literal("Input should be a valid tuple", "应为数组，例如 [110, 5000]"),
    literal("Input should be a valid dictionary", "应为映射（key: value）"),
    Entry(r"Input should be a valid dictionary or instance of (?P<model>\w+)", "应为映射（key: value）",
          "Input should be a valid dictionary or instance of NodeSpec"),
    literal("Input should be a valid dictionary or object to extract fields from", "应为映射（key: value）"),
    Entry(r"Input should be a mapping \(key: value\) with the fields (?P<fields>[\w, .]+)",
          "应为映射（key: value），字段有 {fields}",
          "Input should be a mapping (key: value) with the fields id, kind, from, to, length_m, width_m, ..."),
    literal("the value is empty", "此处未填值"),
    Entry(rf"(?P<got>{Q}) holds a full-width comma '(?P<comma>[，、])', as a Chinese input method types it: separate "
          r"the items of a list with an ASCII comma and a space \((?P<items>[^()]+)\)",
          "{got} 中有全角逗号 '{comma}'（中文输入法所输入）：列表各项之间请用英文逗号加空格分隔（{items}）",
          "'pump360，crusher360' holds a full-width comma '，', as a Chinese input method types it: separate the items "
          "of a list with an ASCII comma and a space (pump360, crusher360)"),
    Entry(rf"an id holds letters, digits, '_', '\.' and '-' only, not (?P<got>{Q})",
          "id 只能由字母、数字、'_'、'.' 和 '-' 组成，不能是 {got}",
          "an id holds letters, digits, '_', '.' and '-' only, not 'inrush drill'"),
    literal("write it in Latin letters (pinyin), and a Chinese name in a title where the file has one",
            "请用拉丁字母（拼音）书写；中文名称请写在文件中的标题（title）里（如有）"),
    Entry(rf"e\.g\. (?P<like>{Q})", "例如 {like}", "e.g. 'inrush-drill'"),
    Entry(rf"an id of dots alone \((?P<id>{Q})\) names a folder, not a thing: use letters or digits",
          "id 不能只由点组成（{id} 表示文件夹）：请使用字母或数字",
          "an id of dots alone ('..') names a folder, not a thing: use letters or digits"),
    Entry(rf"(?P<item>{Q}) is listed twice \(\[(?P<a>\d+)\] and \[(?P<b>\d+)\]\)", "{item} 重复列出（[{a}] 和 [{b}]）",
          "'st240' is listed twice ([2] and [4])"),
    *LIMITS,
    Entry(r"households times members make (?P<n>\d+) people at one place: (?P<limit>more than drill can take: .+)",
          "户数乘以每户人数为 {n} 人，同在一处：{limit}",
          "households times members make 120000 people at one place: more than drill can take: at most 100000 "
          "people, as every person is simulated one by one", {"limit": LIMITS}),
    Entry(r"nobody is in the drill \((?P<why>.+)\): it would have no one to warn or evacuate",
          "演练中没有人（{why}）：无人可预警或撤离",
          "nobody is in the drill (shift 'day' has no crews and no residents are there by night): it would have no "
          "one to warn or evacuate", {"why": NOBODY}),
    Entry(rf"Input should be (?P<expected>{CHOICES})", "应为 {expected}", "Input should be 'day' or 'night'",
          {"expected": _choices}),
    literal("Input should be a valid datetime", "应为日期时间，例如 2026-07-20T08:00:00"),
    Entry(rf"(?P<clock>{Q}) is no time of day: hours run from 0 to 23, minutes and seconds from 0 to 59",
          "{clock} 不是有效的时刻：小时为 0 至 23，分和秒为 0 至 59",
          "'25:00' is no time of day: hours run from 0 to 23, minutes and seconds from 0 to 59"),
    Entry(r"give the date with the time, e.g. (?P<iso>\S+)", "请同时填写日期和时刻，例如 {iso}",
          "give the date with the time, e.g. 2026-07-20T10:00:00"),
    Entry(r"write the date and time as (?P<iso>\S+)", "日期和时刻请写作 {iso}",
          "write the date and time as 2026-07-20T10:00:00"),
    Entry(r"Input should be a valid (?:datetime|datetime or date), (?P<error>.+)",
          "应为日期时间，例如 2026-07-20T08:00:00：{error}",
          "Input should be a valid datetime or date, input is too short",
          {"error": DATE_ERRORS}),
    literal("Input should be a valid date", "应为日期（YYYY-MM-DD）"),
    Entry(r"not a valid date or time: (?P<value>\S+) \((?P<why>.+)\)", "不是有效的日期或时刻：{value}（{why}）",
          "not a valid date or time: 2026-13-20T10:00:00 (month must be in 1..12)", {"why": YAML_DATE_ERRORS}),
    Entry(r"Input should be a valid (?:date in the format YYYY-MM-DD|date or datetime), (?P<error>.+)",
          "应为日期（YYYY-MM-DD）：{error}",
          "Input should be a valid date or datetime, month value is outside expected "
          "range of 1-12", {"error": DATE_ERRORS}),
    literal("Datetimes provided to dates should have zero time - e.g. be exact dates", "此处应为日期，不能带时刻"),
    # ---- rules across a model's fields (drills.inputs.base, site, plan, scenario)
    Entry(rf"p95 must be at least the median \(got p95 (?P<p95>{NUM}), median (?P<median>{NUM})\): the 95th percentile "
          "is the value only 1 in 20 exceeds",
          "p95 不能小于中位数 median（所填 p95 为 {p95}，median 为 {median}）："
          "第 95 百分位数是 20 次中只有 1 次超过的值",
          "p95 must be at least the median (got p95 100, median 300): the 95th percentile is the value only 1 in 20 "
          "exceeds"),
    Entry(rf"high must be at least low \(got low (?P<low>{NUM}), high (?P<high>{NUM})\)",
          "high 不能小于 low（所填 low 为 {low}，high 为 {high}）", "high must be at least low (got low 60, high 30)"),
    Entry(rf"mean (?P<mean>{NUM}) with sd (?P<sd>{NUM}) lies wholly (?P<side>below|above) (?P<edge>{NUM}): every "
          rf"draw would be cut to (?P=edge); give a mean between low and high",
          "平均值 mean {mean}、标准差 sd {sd} 的正态分布几乎全部{side} {edge}：每次抽样都会被截为 {edge}；请使 mean "
          "位于 low 与 high 之间",
          "mean -100 with sd 10 lies wholly below 0: every draw would be cut to 0; give a mean between low and high",
          {"side": {"below": "低于", "above": "高于"}}),
    Entry(rf"mode must lie between low and high \(got low (?P<low>{NUM}), mode (?P<mode>{NUM}), high (?P<high>{NUM})\)",
          "mode 须在 low 与 high 之间（所填 low 为 {low}，mode 为 {mode}，high 为 {high}）",
          "mode must lie between low and high (got low 30, mode 1, high 60)"),
    literal("a refuge needs capacity_persons (its seats)", "避险硐室须填写 capacity_persons（座位数）"),
    Entry(rf"a refuge chamber needs at least one seat: capacity_persons is its seats \(got (?P<got>{NUM})\)",
          "避险硐室至少须有 1 个座位：capacity_persons 即其座位数（所填为 {got}）",
          "a refuge chamber needs at least one seat: capacity_persons is its seats (got 0)"),
    Entry(rf"an assembly point holds at least one person: capacity_persons is how many it holds \(got (?P<got>{NUM})\)",
          "集合点至少须能容纳 1 人：capacity_persons 即其可容纳的人数（所填为 {got}）",
          "an assembly point holds at least one person: capacity_persons is how many it holds (got -3)"),
    literal("a crew is at least one person: count is how many are at this place when the shift starts, and a place "
            "with nobody is left out of the shift",
            "班组至少须有 1 人：count 即班次开始时在此地点的人数，无人的地点不列入该班次"),
    literal("a cage carries at least one person: cage_capacity_persons is how many one deck carries, its rated number "
            "from the hoist's plate, and a cage out of service is a hoist_out fault of the scenario",
            "罐笼至少须能乘 1 人：cage_capacity_persons 即每层罐笼乘坐的人数，按提升机铭牌上的额定人数填写；"
            "停用的罐笼请在演练情景中设 hoist_out 故障"),
    literal("capacity_persons applies to refuges and assembly points only",
            "capacity_persons 只适用于避险硐室和集合点"),
    literal("supplies_h applies to refuges only", "supplies_h 只适用于避险硐室"),
    Entry(rf"a link must join two different nodes: from and to are both (?P<node>{Q})",
          "通道须连接两个不同的地点：from 与 to 都是 {node}",
          "a link must join two different nodes: from and to are both 'st120'"),
    literal("road_class and lanes apply to roads only", "road_class 和 lanes 只适用于道路（road）"),
    literal("give either households (with members) or occupants",
            "households（连同 members）与 occupants 须填且只填其一"),
    Entry(r"households need members: \{day: \.\., night: \.\.\}",
          "填写 households 时须同时填写 members：{{day: .., night: ..}}",
          "households need members: {day: .., night: ..}"),
    literal("elderly_share + child_share is more than 1", "elderly_share 与 child_share 之和大于 1"),
    Entry(rf"stage_area levels must increase: this row is at (?P<level>{NUM}) m, below the row before at "
          rf"(?P<before>{NUM}) m",
          "stage_area 中的水位须逐行升高：此行水位 {level} m，低于上一行的 {before} m",
          "stage_area levels must increase: this row is at 130 m, below the row before at 140 m"),
    Entry(rf"stage_area levels must increase: this row is at (?P<level>{NUM}) m, the same level as the row before",
          "stage_area 中的水位须逐行升高：此行水位 {level} m，与上一行相同",
          "stage_area levels must increase: this row is at 130 m, the same level as the row before"),
    Entry(rf"(?P<name>spillway_crest_m|decant_invert_m) \((?P<level>{NUM}) m\) is above crest_elevation_m "
          rf"\((?P<crest>{NUM}) m\): it must be at or below the dam crest",
          "{name}（{level} m）高于 crest_elevation_m（{crest} m）：不得高于坝顶",
          "spillway_crest_m (141 m) is above crest_elevation_m (140 m): it must be at or below the dam crest"),
    Entry(rf"crest_elevation_m \((?P<crest>{NUM}) m\) is not above the pond's bottom \(the first stage_area "
          rf"level, (?P<bottom>{NUM}) m\)",
          "crest_elevation_m（{crest} m）不高于库底（stage_area 第一行水位 {bottom} m）",
          "crest_elevation_m (0 m) is not above the pond's bottom (the first stage_area level, 110 m)"),
    Entry(rf"the pond's surface area at (?P<level>{NUM}) m must be greater than 0 \(got (?P<area>{NUM}) m²\): the "
          rf"water that comes in raises the level by its volume over this area; only the first row, the pond's bottom "
          rf"at (?P<bottom>{NUM}) m, may have 0",
          "尾矿库在 {level} m 处的水面面积须大于 0（所填为 {area} m²）：来水按其体积除以此面积抬高水位；只有第一行"
          "（库底，{bottom} m）的面积可为 0",
          "the pond's surface area at 130 m must be greater than 0 (got 0 m²): the water that comes in raises the "
          "level by its volume over this area; only the first row, the pond's bottom at 110 m, may have 0"),
    Entry(rf"the pond's area at its bottom \(the first stage_area row, at (?P<level>{NUM}) m\) may be 0 but not "
          rf"negative \(got (?P<area>{NUM}) m²\)",
          "库底（stage_area 第一行，{level} m）的面积可为 0，但不能为负（所填为 {area} m²）",
          "the pond's area at its bottom (the first stage_area row, at 110 m) may be 0 but not negative (got -1 m²)"),
    literal("a site needs people: shifts (underground) or residents (the valley)",
            "场所须有人员：shifts（井下各班次）或 residents（下游居民）"),
    literal("a water_depth_m trigger needs 'at' (the sensor's node)",
            "water_depth_m 触发条件须填写 'at'（传感器所在地点）"),
    Entry(r"a (?P<quantity>\w+) trigger needs 'at_level' \(blue, yellow, orange or red\)",
          "{quantity} 触发条件须填写 'at_level'（blue、yellow、orange 或 red）",
          "a met_warning trigger needs 'at_level' (blue, yellow, orange or red)"),
    literal("a stench_gas channel needs 'start' (where the stench is released into the intake air)",
            "臭味剂渠道须给出 'start'（臭味剂释放进入进风流的地点）"),
    literal("a stench_gas channel needs 'air_speed_mps' (the mean speed of the ventilation air along its path, from "
            "the mine's ventilation survey)",
            "臭味剂渠道须给出 'air_speed_mps'（风流沿其路线的平均风速，取自矿井通风测定）"),
    literal("air_speed_mps applies to stench_gas channels only", "air_speed_mps 仅适用于臭味剂渠道（stench_gas）"),
    Entry(rf"no passage joins (?P<node>{Q}) to (?P<start>{Q}), where the stench is released: the ventilation air "
          "cannot carry it there", "没有井巷把 {node} 与臭味剂释放点 {start} 相连：风流无法把臭味剂带到该处",
          "no passage joins 'island' to 'collar', where the stench is released: the ventilation air cannot carry "
          "it there"),
    Entry(r"a (?P<type>\w+) channel needs 'start' \(where it sets out from\)", "{type} 渠道须填写 'start'（出发地点）",
          "a runner channel needs 'start' (where it sets out from)"),
    literal("a rain recharge (recharge_area_m2 and infiltration_share) needs lag_s, its time constant: fit it to the "
            "mine's inflow records (no default is published)",
            "降雨补给（recharge_area_m2 与 infiltration_share）须填写其时间常数 lag_s：请按矿井涌水量记录拟合"
            "（无公开发表的默认值）"),
    Entry(r"a (?P<type>\w+) channel needs 'audible_radius_m' \(how far from its places it is heard: from its maker's "
          r"sound coverage or a sound survey\)",
          "{type} 渠道须填写 'audible_radius_m'（距其所在地点多远能听到：按厂家给出的声覆盖范围或现场声学测试）",
          "a siren channel needs 'audible_radius_m' (how far from its places it is heard: from its maker's sound "
          "coverage or a sound survey)"),
    Entry(r"a (?P<type>\w+) channel needs 'coverage' \(its nodes\)", "{type} 渠道须填写 'coverage'（覆盖的地点）",
          "a siren channel needs 'coverage' (its nodes)"),
    Entry(rf"(?P<what>hydrograph|rain|monitor_series) times must increase: this (?P<item>point|reading) at "
          rf"(?P<t>{NUM}) s comes after the (?P=item) before at (?P<before>{NUM}) s",
          "{what}时间须依次增大：此{item}在 {t} s，早于前一{item}的 {before} s",
          "hydrograph times must increase: this point at 1200 s comes after the point before at 1300 s",
          terms=_SERIES_TERMS),
    Entry(rf"(?P<what>hydrograph|rain|monitor_series) times must increase: this (?P<item>point|reading) at "
          rf"(?P<t>{NUM}) s is at the same time as the (?P=item) before",
          "{what}时间须依次增大：此{item}在 {t} s，与前一{item}时间相同",
          "monitor_series times must increase: this reading at 0 s is at the same time as the reading before",
          terms=_SERIES_TERMS),
    literal("give either breach_s or on_overtopping: true", "breach_s 与 on_overtopping: true 须填且只填其一"),
    literal("give either observed (a hyetograph) or design (a design storm)",
            "observed（实测降雨过程）与 design（设计暴雨）须填且只填其一"),
    Entry(r"a (?P<kind>\w+) fault needs 'target' \(what fails\)", "{kind} 故障须填写 'target'（发生故障的对象）",
          "a link_cut fault needs 'target' (what fails)"),
    Entry(r"a (?P<kind>\w+) fault takes no target", "{kind} 故障不需要填写 target",
          "a mains_power fault takes no target"),
    # ---- references and rules across the files (drills.inputs.compile, suite)
    Entry(rf"duplicate (?P<what>\w+) id (?P<id>{Q})", "{what} id {id} 重复", "duplicate node id 'ramp120'",
          {"what": ID_OF}),
    Entry(rf"duplicate step id (?P<id>{Q}) at level (?P<level>{Q})", "预警级别 {level} 中的步骤 id {id} 重复",
          "duplicate step id 'tell' at level 'red'"),
    Entry(rf"duplicate variation id (?P<id>{Q}) of (?P<scenario>.+)", "{scenario} 的变化 id {id} 重复",
          "duplicate variation id 'night' of ../mine_inrush_day.yaml"),
    Entry(rf"no node (?P<name>{Q}) in the site: (?P=name) is a link \(a passage\); give a node, such as one of its "
          rf"ends \((?P<a>{Q}), (?P<b>{Q})\)",
          "场所中没有地点 {name}：{name} 是通道（link）；请填写地点，例如其两端之一（{a}、{b}）",
          "no node 'd360_st_pump' in the site: 'd360_st_pump' is a link (a passage); give a node, such as one of its "
          "ends ('st360', 'pump360')"),
    Entry(rf"no node (?P<name>{Q}) in the site", "场所中没有地点 {name}", "no node 'j120' in the site"),
    Entry(rf"(?P<length>{NUM}) m is shorter than the (?P<rise>{NUM}) m height difference of its ends \((?P<a>{Q}) at "
          rf"(?P<za>{NUM}) m, (?P<b>{Q}) at (?P<zb>{NUM}) m\): check this length and their elevation_m",
          "长度 {length} m 小于两端的高差 {rise} m（{a} 高程 {za} m，{b} 高程 {zb} m）："
          "请检查此长度及两端的 elevation_m",
          "5.0 m is shorter than the 120 m height difference of its ends ('st120' at -120 m, 'st240' at -240 m): check "
          "this length and their elevation_m"),
    Entry(rf"the first station must be the collar \(at surface\); (?P<name>{Q}) is a (?P<kind>\w+)",
          "第一个车场须为井口（在地面）；{name} 的类型为 {kind}",
          "the first station must be the collar (at surface); 'st360' is a shaft_station"),
    Entry(rf"(?P<name>{Q}) is a (?P<kind>\w+), not a shaft_station",
          "{name} 的类型为 {kind}，不是车场（shaft_station）",
          "'j120' is a junction, not a shaft_station"),
    Entry(rf"(?P<got>{Q}) is not one of the hoist's stations \((?P<stations>[^()]+)\)",
          "{got} 不是该提升机的车场（{stations}）之一",
          "'st999' is not one of the hoist's stations (collar, st120, st240, st360)"),
    Entry(rf"unknown profile (?P<name>{Q}); known: (?P<known>{_PATH})",
          "未知的人员类型（profile）{name}；已有：{known}",
          "unknown profile 'runner'; known: adult, child, miner"),
    Entry(rf"unknown profile (?P<name>{Q})", "未知的人员类型（profile）{name}", "unknown profile 'minor'"),
    Entry(rf"shift (?P<shift>{Q}) has no crews, so no scenario can put anyone underground with it: give its crews "
          r"\(\{at: \.\., count: \.\.\}\), or leave the shift out if nobody works it",
          "{shift} 班次没有任何班组，任何演练情景都无法用它安排人员下井：请填写其班组（{{at: .., count: ..}}），"
          "如该班次无人上班则删去此班次",
          "shift 'maintenance' has no crews, so no scenario can put anyone underground with it: give its crews "
          "({at: .., count: ..}), or leave the shift out if nobody works it"),
    Entry(r"more radio carriers than people: (?P<k>\d+) carriers in a crew of (?P<n>\d+)",
          "携带无线电的人数多于班组人数：{n} 人的班组中有 {k} 人携带无线电",
          "more radio carriers than people: 12 carriers in a crew of 10"),
    Entry(rf"(?P<name>{Q}) is a (?P<kind>\w+); residents live at a household, school, field or workplace node",
          "{name} 的类型为 {kind}；居民只能位于 household、school、field 或 workplace 类型的地点",
          "'j120' is a junction; residents live at a household, school, field or workplace node"),
    Entry(r"(?P<who>people work underground|people live in the valley) but no place is (?P<where>an exit or a refuge|"
          r"an assembly point or out of the valley) \(kind (?P<kinds>[\w, ]+)\)",
          "{who}，但没有任何地点是{where}（类型 {kinds}）",
          "people work underground but no place is an exit or a refuge (kind collar, portal, refuge, surface)",
          {"who": {"people work underground": "有人在井下作业", "people live in the valley": "河谷中有居民"},
           "where": _TO_SAFETY}),
    Entry(rf"(?P<at>{Q}) holds (?P<n>\d+) (?:person|people) of the (?P<shift>\S+) shift, but no passage leads from it "
          r"to (?P<where>an exit or a refuge)", "{at} 有 {shift} 班 {n} 人，但没有通道从该处通往{where}",
          "'mag120' holds 10 people of the day shift, but no passage leads from it to an exit or a refuge",
          {"where": _TO_SAFETY}),
    Entry(rf"(?P<at>{Q}) holds (?P<n>\d+) households?, but no passage leads from it to (?P<where>an assembly point or "
          r"out of the valley)", "{at} 有 {n} 户居民，但没有通道从该处通往{where}",
          "'island' holds 3 households, but no passage leads from it to an assembly point or out of the valley",
          {"where": _TO_SAFETY}),
    Entry(rf"(?P<at>{Q}) holds up to (?P<n>{NUM}) people, but no passage leads from it to (?P<where>an assembly point "
          r"or out of the valley)", "{at} 最多有 {n} 人，但没有通道从该处通往{where}",
          "'school' holds up to 300 people, but no passage leads from it to an assembly point or out of the valley",
          {"where": _TO_SAFETY}),
    Entry(rf"(?P<name>{Q}) is a (?P<kind>\w+), not a dam node", "{name} 的类型为 {kind}，不是尾矿坝地点（dam）",
          "'j120' is a junction, not a dam node"),
    Entry(rf"no role (?P<name>{Q}) in this plan", "本预案中没有岗位 {name}", "no role 'shift_leader' in this plan"),
    Entry(rf"no role (?P<name>{Q})", "没有岗位 {name}", "no role 'boss'"),
    literal("a role cannot back itself up", "岗位不能作为自己的替补"),
    Entry(rf"level (?P<level>{Q}) is not declared; the plan's warning\.levels are (?P<levels>.+)",
          "预警级别 {level} 未声明；本预案的 warning.levels 为 {levels}",
          "level 'orange' is not declared; the plan's warning.levels are blue, yellow, red", {"levels": _known}),
    Entry(rf"no actions are listed for level (?P<level>{Q}) in warning\.actions_by_level",
          "warning.actions_by_level 中没有列出预警级别 {level} 的行动",
          "no actions are listed for level 'orange' in warning.actions_by_level"),
    Entry(rf"no actions are listed for level (?P<level>{Q})", "没有列出预警级别 {level} 的行动",
          "no actions are listed for level 'orange'"),
    Entry(rf"no channel (?P<name>{Q})", "没有预警渠道 {name}", "no channel 'sirens'"),
    literal("a step cannot wait for itself", "步骤不能等待自身"),
    Entry(rf"no step (?P<name>{Q}) at level (?P<level>{Q}) \(its steps: (?P<steps>.+)\)",
          "预警级别 {level} 中没有步骤 {name}（该级别的步骤：{steps}）",
          "no step 'order' at level 'red' (its steps: none has an id)",
          {"steps": lambda s: "均未设 id" if s == "none has an id" else s}),
    Entry(r"these steps wait for each other and would never be done: (?P<steps>.+)",
          "这些步骤相互等待，永远无法完成：{steps}",
          "these steps wait for each other and would never be done: order → county → order"),
    Entry(rf"a change of the mine inflow is a share of the usual inflow, and the site (?P<site>{Q}) gives "
          r"mine_water\.baseline_m3ph: 0, so this trigger can never be measured: give the mine's usual inflow in the "
          r"site, or watch another quantity",
          "矿井涌水量变化是相对正常涌水量的比例，而场所 {site} 的 mine_water.baseline_m3ph 为 0，此触发条件永远无法"
          "测得：请在场所文件中填写矿井正常涌水量，或改为监测其他量",
          "a change of the mine inflow is a share of the usual inflow, and the site 'qingshui-jinshan' gives "
          "mine_water.baseline_m3ph: 0, so this trigger can never be measured: give the mine's usual inflow in the "
          "site, or watch another quantity"),
    Entry(r"the warning values of (?P<quantity>\w+) must (?P<way>rise|fall) from blue to red "
          r"\(a (?P<worse>higher|lower) value is worse; got (?P<got>[^;()]+)\)",
          "{quantity} 的预警值从蓝色到红色应逐级{way}（数值{worse}表示更危险；所填为 {got}）",
          "the warning values of freeboard_m must fall from blue to red (a lower value is worse; got blue 1.6, "
          "yellow 0.8, orange 1.2, red 0.5)", {"way": {"rise": "升高", "fall": "降低"},
                                              "worse": {"higher": "越高", "lower": "越低"}}),
    Entry(rf"this plan is for site (?P<plan_site>{Q}), but the scenario's site is (?P<site>{Q})",
          "本预案适用于场所 {plan_site}，但演练情景的场所为 {site}",
          "this plan is for site 'tongshan-mine', but the scenario's site is 'jinshan-mine'"),
    Entry(rf"(?P<name>{Q}) is a (?P<kind>\w+), not at the surface", "{name} 的类型为 {kind}，不在地面",
          "'j120' is a junction, not at the surface"),
    Entry(rf"(?P<name>{Q}) is a (?P<kind>\w+), not a refuge", "{name} 的类型为 {kind}，不是避险硐室（refuge）",
          "'j120' is a junction, not a refuge"),
    Entry(rf"(?P<name>{Q}) is a (?P<kind>\w+), not an assembly_point",
          "{name} 的类型为 {kind}，不是集合点（assembly_point）",
          "'school' is a school, not an assembly_point"),
    literal("people work underground but the plan names no exits", "有人在井下作业，但预案未列出安全出口（exits）"),
    literal("residents live below the dam but the plan names no assembly_points",
            "坝下游有居民，但预案未列出集合点（assembly_points）"),
    Entry(rf"(?P<name>{Q}) is not a station of any hoist", "{name} 不是任何提升机的车场",
          "'j120' is not a station of any hoist"),
    Entry(rf"(?P<name>{Q}) already has route (?P<route>{Q})", "{name} 已有撤离路线 {route}",
          "'stope120e' already has route 'r120'"),
    Entry(rf"(?P<name>{Q}) is not a refuge of this site", "{name} 不是本场所的避险硐室",
          "'refuge999' is not a refuge of this site"),
    Entry(rf"no ride from (?P<a>{Q}) to (?P<b>{Q}): the hoist (?P<hoist>{Q}) only runs up to its collar "
          rf"(?P<collar>{Q})",
          "不能乘罐笼从 {a} 到 {b}：提升机 {hoist} 只能向上提升至其井口 {collar}",
          "no ride from 'st360' to 'st240': the hoist 'main-cage' only runs up to its collar 'collar'"),
    Entry(rf"the route is not connected: no passage from (?P<a>{Q}) to (?P<b>{Q})",
          "撤离路线不连通：没有从 {a} 到 {b} 的通道",
          "the route is not connected: no passage from 'lad120' to 'raise_top'"),
    literal("a route must end at an exit, a refuge or an assembly point", "撤离路线须终止于安全出口、避险硐室或集合点"),
    Entry(rf"no passage from (?P<a>{Q}) to any place of the route", "没有从 {a} 到撤离路线上任何地点的通道",
          "no passage from 'mag120' to any place of the route"),
    Entry(rf"no (?P<what>channel|link|role|hoist|sensor) (?P<name>{Q}); known: (?P<known>{_PATH})",
          "没有{what} {name}；已有：{known}",
          "no hoist 'spare-cage'; known: main-cage", {"what": ID_OF, "known": _known}),
    Entry(rf"no shift (?P<name>{Q}) in the site; known: (?P<known>{_PATH})", "场所中没有班次 {name}；已有：{known}",
          "no shift 'evening' in the site; known: day, night", {"known": _known}),
    Entry(rf"no shift (?P<name>{Q}) in the site", "场所中没有班次 {name}", "no shift 'evening' in the site"),
    Entry(rf"no shift (?P<name>{Q}) in site (?P<site>{Q}); known: (?P<known>{_PATH})",
          "场所 {site} 中没有班次 {name}；已有：{known}",
          "no shift 'evening' in site 'jinshan-mine'; known: day, night", {"known": _known}),
    Entry(r"say which shift is underground: shift: one of (?P<shifts>.+)",
          "请指明哪个班次在井下：shift: 取 {shifts} 之一",
          "say which shift is underground: shift: one of day, night"),
    Entry(rf"no dam (?P<name>{Q}) in the site; known: (?P<known>{_PATH})", "场所中没有尾矿坝 {name}；已有：{known}",
          "no dam 'west' in the site; known: main", {"known": _known}),
    Entry(rf"no dam (?P<name>{Q}) in the site", "场所中没有尾矿坝 {name}", "no dam 'west' in the site"),
    Entry(rf"dam (?P<name>{Q}) has no pond water balance \(site\.dams\[\]\.pond\)",
          "尾矿坝 {name} 没有库区水量平衡（site.dams[].pond）",
          "dam 'main' has no pond water balance (site.dams[].pond)"),
    Entry(rf"(?P<level>{NUM}) m is below the lowest level of the pond's stage_area table \((?P<lowest>{NUM}) m\)",
          "{level} m 低于尾矿库 stage_area 表中的最低水位（{lowest} m）",
          "100 m is below the lowest level of the pond's stage_area table (110 m)"),
    Entry(rf"(?P<level>{NUM}) m is above the crest of dam (?P<dam>{Q}) \((?P<crest>{NUM}) m\): give the pond level "
          "at the scenario start",
          "{level} m 高于尾矿坝 {dam} 的坝顶（{crest} m）：请填写演练情景开始时的库水位",
          "1000 m is above the crest of dam 'qingshui-dam' (140 m): give the pond level at the scenario start"),
    literal("the pond's water balance needs a storm (scenario.hazard.storm)",
            "库区水量平衡需要降雨（scenario.hazard.storm）"),
    literal("needs the pond's water balance (scenario.hazard.pond)", "需要库区水量平衡（scenario.hazard.pond）"),
    Entry(rf"point (?P<point>{Q}) \((?P<quantity>\w+)\) gets no values in this scenario: give its readings in "
          r"scenario\.hazard\.monitor_series or a storm model that computes it",
          "监测点 {point}（{quantity}）在本演练情景中没有数值：请在 scenario.hazard.monitor_series 中给出其读数，"
          "或给出能计算该值的降雨模型",
          "point 'p1' (pond_level_m) gets no values in this scenario: give its readings in "
          "scenario.hazard.monitor_series or a storm model that computes it"),
    Entry(rf"no channel (?P<name>{Q}) in the plan", "预案中没有预警渠道 {name}", "no channel 'siren' in the plan"),
    Entry(rf"shift (?P<shift>{Q}) is underground from (?P<since>the start \(scenario\.shift\)|the start of this run): "
          r"an entry brings in another shift \(the same crew cannot go down twice\)",
          "班次 {shift} 自{since}起已在井下：entries 应带入另一个班次（同一班组不能两次下井）",
          "shift 'day' is underground from the start (scenario.shift): an entry brings in another shift (the same crew "
          "cannot go down twice)",
          {"since": {"the start (scenario.shift)": "开始时（scenario.shift）",
          "the start of this run": "本次运行开始时"}}),
    Entry(rf"shift (?P<shift>{Q}) has no crews: this entry brings nobody underground",
          "场所的 {shift} 班次没有人员：这一 entries 项不带任何人下井",
          "shift 'maintenance' has no crews: this entry brings nobody underground"),
    Entry(rf"this run starts with shift (?P<shift>{Q}) underground, and the scenario's entries bring (?P<again>{Q}) in "
          r"again at (?P<clock>\d\d:\d\d) \((?P<since>\+[\d:]+)\): give the variation the entries of its own hours "
          r"\(entries: \[\{at_s: \.\., shift: \.\.\}\], or \[\] for none\)",
          "本次运行开始时班次 {shift} 已在井下，而演练情景的 entries 在 {clock}（{since}）再次带入 {again}："
          "请为此变化给出其自身时段的 entries（entries: [{{at_s: .., shift: ..}}]，没有则为 []）",
          "this run starts with shift 'day' underground, and the scenario's entries bring 'day' in again at 20:00 "
          "(+14:00:00): give the variation the entries of its own hours (entries: [{at_s: .., shift: ..}], or [] for "
          "none)"),
    Entry(rf"scenario (?P<id>{Q}) has no design storm to change", "演练情景 {id} 没有可改变的设计暴雨",
          "scenario 'mine-inrush-day' has no design storm to change"),
    # ---- a hydraulic study (drills.inputs.hydraulic_study)
    literal("the file is empty; give a header line and one row per place",
            "文件为空；请给出表头行，并为每个地点给出一行"),
    Entry(r"CSV syntax error: (?P<error>.+)", "CSV 语法错误：{error}", "CSV syntax error: unexpected end of data",
          {"error": CSV_ERRORS}),
    literal("the study has a header but no rows", "溃坝研究成果表只有表头，没有数据行"),
    literal("column given twice", "此列重复"),
    literal("unknown column", "未知的列"),
    Entry(r"the columns are (?P<columns>[\w, ]+)", "可用的列为 {columns}",
          "the columns are place, arrival_min, peak_depth_m, peak_velocity_mps, rise_min"),
    literal("missing column", "缺少此列"),
    Entry(r"(?P<n>\d+) values but the header has (?P<m>\d+) columns?", "本行有 {n} 个值，但表头只有 {m} 列",
          "6 values but the header has 5 columns"),
    Entry(rf"a decimal comma may be the cause: write (?P<point>{NUM}) for (?P<comma>-?\d+,\d+)",
          "可能是小数点写成了逗号：{comma} 应写作 {point}", "a decimal comma may be the cause: write 1.5 for 1,5"),
    literal("missing value", "缺少数值"),
    Entry(rf"unknown place (?P<place>{Q}): the site has no node with this id",
          "未知地点 {place}：场所中没有此 id 的地点",
          "unknown place 'vilage_a': the site has no node with this id"),
    Entry(rf"place (?P<place>{Q}) given twice; first on line (?P<line>\d+)",
          "地点 {place} 重复；首次出现在第 {line} 行",
          "place 'school' given twice; first on line 3"),
    Entry(rf"not a number: (?P<cell>{Q})", "不是数值：{cell}", "not a number: 'soon'"),
    Entry(rf"write decimals with a point: (?P<value>{NUM})", "小数请用小数点：{value}",
          "write decimals with a point: 1.5"),
    Entry(rf"a quote \(\"\) is not closed: the cell runs on over (?P<n>\d+) lines to here, (?P<cell>{Q}); close the "
          r"quote or remove it", "引号（\"）没有闭合：该单元格跨了 {n} 行直到此处，{cell}；请闭合引号或删去它",
          "a quote (\") is not closed: the cell runs on over 2 lines to here, '30\\n40'; close the quote or remove it"),
    Entry(rf"must be a finite number, not (?P<cell>{Q})", "应为有限数值，不能是 {cell}",
          "must be a finite number, not 'inf'"),
    Entry(r"must not be negative \(got (?P<cell>.+)\)", "不能为负数（所填为 {cell}）", "must not be negative (got -4)"),
    # ---- times recorded at the planner's own drills (drills.inputs.drill_records, drill fit)
    literal("the file is empty; give a header line and one time per row",
            "文件为空；请给出表头行，并每行给出一个记录时间"),
    Entry(r"the file has (?P<n>\d+) columns \((?P<names>.+)\): name the one to fit with --column",
          "文件有 {n} 列（{names}）：请用 --column 指定要拟合的列",
          "the file has 3 columns (miner, response_s, level): name the one to fit with --column"),
    Entry(rf"no column (?P<column>{Q}) \(--column\)", "没有列 {column}（--column）",
          "no column 'respons_s' (--column)"),
    literal("a time of 0 s cannot be fitted (a log-normal has no zeros): give the time to the nearest second, at "
            "least 1", "0 s 的时间无法拟合（对数正态分布没有零值）：请按秒填写，至少为 1"),
    Entry(rf"a time of 0 min cannot be fitted \(a log-normal has no zeros\): it is a time under 1 min, rounded "
          rf"down; record the times in seconds, in a column named (?P<column>{Q})",
          "0 分钟的时间无法拟合（对数正态分布没有零值）：这是不足 1 分钟的时间被舍为 0；请按秒记录，列名为 {column}",
          "a time of 0 min cannot be fitted (a log-normal has no zeros): it is a time under 1 min, rounded down; "
          "record the times in seconds, in a column named 'response_s'"),
    Entry(rf"a time of 0 h cannot be fitted \(a log-normal has no zeros\): it is a time under 1 h, rounded "
          rf"down; record the times in seconds, in a column named (?P<column>{Q})",
          "0 小时的时间无法拟合（对数正态分布没有零值）：这是不足 1 小时的时间被舍为 0；请按秒记录，列名为 {column}",
          "a time of 0 h cannot be fitted (a log-normal has no zeros): it is a time under 1 h, rounded down; "
          "record the times in seconds, in a column named 'response_s'"),
    Entry(r"only (?P<n>\d+) recorded times?; a fit needs at least (?P<least>\d+)",
          "只有 {n} 个记录时间；拟合至少需要 {least} 个",
          "only 3 recorded times; a fit needs at least 5"),
    # ---- the costs of revisions (drill recommend --costs)
    Entry(r"unknown revision kind; known: (?P<known>.+)", "未知的修订类型；已有：{known}",
          "unknown revision kind; known: add_battery, add_siren"),
    literal("a cost cannot be negative", "费用不能为负数"),
    # ---- plausibility warnings (drills.inputs.plausibility)
    Entry(rf"the (?P<what>breach|inrush|order|fault|entry|rain) at (?P<t>{NUM}) s(?P<median>(?: \(median\))?) "
          rf"comes after the drill ends at duration_s (?P<end>{NUM}) s: (?P<so>.+)",
          "{what}时刻 {t} s{median} 在演练结束（duration_s {end} s）之后：{so}",
          "the breach at 999999 s comes after the drill ends at duration_s 36000 s: no one meets the water, so the "
          "grade says nothing of the evacuation ahead of it",
          {"what": {"breach": "溃坝", "inrush": "突水", "order": "撤离命令", "fault": "故障", "entry": "下一班次下井",
                    "rain": "降雨"},
           "median": {"": "", " (median)": "（中位数）"},
           "so": {"no one meets the water, so the grade says nothing of the evacuation ahead of it":
                  "无人遇水，评定结果不能说明撤离是否先于来水",
                  "it is never given": "该命令不会发出", "it tests nothing": "该故障不检验任何内容",
                  "that shift never goes down": "该班次不会下井",
                  "no rain falls during the drill, so it tests nothing of the flood season":
                      "演练期间没有降雨，不检验汛期的任何内容"}}),
    Entry(r"time_of_day (?P<tod>day|night) is not plausible for a start at (?P<clock>\d\d:\d\d) \(start_time; night is "
          r"22:00–06:00, day 08:00–18:00\): the drill counts the people at home, at school and at work by "
          r"(?P<by>day|night)\. Is it (?P<other>day|night), or is start_time a slip\?",
          "time_of_day 为 {tod}，与 {clock} 开始（start_time；22:00–06:00 为夜间，08:00–18:00 为白天）不符："
          "演练按{by}统计在家、在校和在岗的人数。应为 {other}，还是 start_time 填写有误？",
          "time_of_day day is not plausible for a start at 01:00 (start_time; night is 22:00–06:00, day "
          "08:00–18:00): the drill counts the people at home, at school and at work by day. Is it night, or is "
          "start_time a slip?", {"by": {"day": "白天", "night": "夜间"}}),
    Entry(r"pond_class (?P<given>[1-5]) is not plausible for a dam (?P<h>\S+) m high storing (?P<v>\S+) m³: by "
          r"GB 50863-2013 §3\.2\.1 \(GB 39496-2020 §4\.5\) its height gives class (?P<ch>[1-5]) and its volume class "
          r"(?P<cv>[1-5]), so the pond is class (?P<table>[1-5])(?P<raised>(?: \(or [1-4] where a failure would "
          r"gravely harm those below\))?)\. A slip in the class, the height or the volume\?",
          "pond_class {given} 与坝高 {h} m、全库容 {v} m³ 不符：按 GB 50863-2013 §3.2.1（GB 39496-2020 §4.5），坝高对应"
          "{ch}库、库容对应{cv}库，该库应为{table}库{raised}。是等别填写有误，还是坝高或库容有误？",
          "pond_class 5 is not plausible for a dam 60 m high storing 8e+06 m³: by GB 50863-2013 §3.2.1 (GB "
          "39496-2020 §4.5) its height gives class 3 and its volume class 4, so the pond is class 3 (or 2 where a "
          "failure would gravely harm those below). A slip in the class, the height or the volume?",
          {"ch": POND_CLASS_ZH, "cv": POND_CLASS_ZH, "table": POND_CLASS_ZH,
           "raised": {"": "", **{f" (or {c} where a failure would gravely harm those below)":
                                 f"（失事后对下游危害严重的可提高为{POND_CLASS_ZH[c]}库）" for c in "1234"}}}),
    Entry(rf"a volume_factor of (?P<f>{NUM})(?P<median>(?: \(median\))?) is not plausible: the flow would release "
          rf"(?P<vf>{NUM}) Mm³, more than the (?P<vt>{NUM}) Mm³ dam (?P<dam>{Q}) stores \(the factor multiplies the "
          r"estimate's stored volume; 1 is the estimate itself\)\. Is it written as a percentage\?",
          "volume_factor 取值 {f}{median} 不合理：溃坝下泄量将达 {vf} Mm³，超过尾矿坝 {dam} 的库容 {vt} Mm³"
          "（该系数乘以估算所用的库容，1 即估算值本身）。是否按百分数填写了？",
          "a volume_factor of 100 (median) is not plausible: the flow would release 196 Mm³, more than the 8 Mm³ dam "
          "'baishi-dam' stores (the factor multiplies the estimate's stored volume; 1 is the estimate itself). Is it "
          "written as a percentage?", {"median": {"": "", " (median)": "（中位数）"}}),
    Entry(rf"above_valley_floor_m (?P<given>{NUM}) m(?P<left>(?: \(left out\))?) is not plausible for (?P<place>{Q}): "
          rf"its elevation_m \((?P<z>{NUM}) m\) is (?P<rise>{NUM}) m above (?P<low>{Q}) \((?P<zlow>{NUM}) m\), the "
          rf"lowest place on its way from dam (?P<dam>{Q}), and the flood takes the height given here: it reaches "
          rf"(?P<again>{Q}) as if it stood (?P<as_if>{NUM}) m above the valley floor\. A value copied from another "
          r"place\?",
          "{place} 的 above_valley_floor_m {given} m{left}不合理：其标高 elevation_m（{z} m）比自尾矿坝 {dam} 而来"
          "途中最低的地点 {low}（{zlow} m）高 {rise} m，而溃坝洪水按此处所填的高度计算：洪水到达 {again} 时，"
          "如同它只高出谷底 {as_if} m。是否抄用了其他地点的数值？",
          "above_valley_floor_m 1 m is not plausible for 'hilltop': its elevation_m (420 m) is 150 m above "
          "'sx_centre' (270 m), the lowest place on its way from dam 'baishi-dam', and the flood takes the height "
          "given here: it reaches 'hilltop' as if it stood 1 m above the valley floor. A value copied from another "
          "place?", {"left": {"": " ", " (left out)": "（未填写）"}}),
    Entry(rf"an arrival at (?P<a>{NUM}) min is not plausible for (?P<place>{Q}), (?P<d>{NUM}) m from dam (?P<dam>{Q}) "
          rf"along the site's passages: the front would move at (?P<v>{NUM}) m/s, slower than the slowest mean "
          r"recorded \((?P<floor>[\d.]+) m/s, 1\.6 km/h over 600 km of the Rio Doce, Fundão 2015\)\. Seconds written "
          r"in the minutes column\?",
          "{place} 的到达时间 {a} min 不合理：该地点沿场所通道距尾矿坝 {dam} {d} m，洪水前锋速度将只有 {v} m/s，"
          "低于有记录的最慢平均速度（{floor} m/s，即 2015 年 Fundão 溃坝沿 Rio Doce 600 km 的 1.6 km/h）。"
          "是否把秒数填进了分钟列？",
          "an arrival at 120 min is not plausible for 'sx_lower', 2240 m from dam 'baishi-dam' along the site's "
          "passages: the front would move at 0.31 m/s, slower than the slowest mean recorded (0.44 m/s, 1.6 km/h over "
          "600 km of the Rio Doce, Fundão 2015). Seconds written in the minutes column?"),
    Entry(rf"a peak depth of (?P<h>{NUM}) m is not plausible for (?P<place>{Q}): dam (?P<dam>{Q}) is (?P<H>{NUM}) m "
          r"high, and the flow from its pond stands no higher below it\. A slip of units or digits\?",
          "{place} 的最大水深 {h} m 不合理：尾矿坝 {dam} 高 {H} m，库内下泄的洪水在坝下不会高于坝高。"
          "是否单位或数字填写有误？",
          "a peak depth of 180 m is not plausible for 'hx_riverside': dam 'baishi-dam' is 60 m high, and the flow "
          "from its pond stands no higher below it. A slip of units or digits?"),
    Entry(rf"the study has no row for (?P<place>{Q}), where (?P<n>\d+) people are by (?P<tod>day|night) "
          r"\(site\.residents\): the drill takes it as never flooded\. Is it dry in the study, or was its row left "
          r"out\?",
          "洪水分析成果中没有 {place} 这一行，而{tod}该处有 {n} 人（site.residents）：演练把该地点当作不会被淹。"
          "是成果认定该处不受淹，还是漏填了这一行？",
          "the study has no row for 'hx_east', where 320 people are by night (site.residents): the drill takes it as "
          "never flooded. Is it dry in the study, or was its row left out?", {"tod": {"day": "白天", "night": "夜间"}}),
    literal("every place is at the same map position (no x_m, y_m given): a siren's or loudspeaker's hearing radius "
            "reaches all of them, and the maps and the section draw them at one point; give each place its x_m and y_m",
            "所有地点都在同一地图位置（未填写 x_m、y_m）：警报器或广播的可听半径会覆盖全部地点，"
            "地图和剖面图也把它们画在同一点上；请为每个地点填写 x_m 和 y_m"),
    Entry(rf"a peak inflow of (?P<peak>{NUM}) m³/h is below the smallest class of inrush point \(小突水点, up to "
          rf"(?P<low>{NUM}) m³/h, 煤矿防治水细则\); it looks like m³/s: (?P<same>{NUM}) m³/s is (?P<m3ph>{NUM}) m³/h",
          "峰值涌水量 {peak} m³/h 低于最小一级突水点（小突水点，不超过 {low} m³/h，《煤矿防治水细则》）；"
          "它像是以 m³/s 填写的：{same} m³/s 即 {m3ph} m³/h",
          "a peak inflow of 0.83 m³/h is below the smallest class of inrush point (小突水点, up to 60 m³/h, "
          "煤矿防治水细则); it looks like m³/s: 0.83 m³/s is 2988 m³/h"),
    literal("the inflow is 0 throughout: no water comes in, so the grade says nothing of the evacuation ahead of it",
            "涌水量始终为 0：没有来水，评定结果不能说明撤离是否先于来水"),
    Entry(r"a factor of 0(?P<median>(?: \(median\))?) on the water: no water comes, so the grade says nothing of the "
          r"evacuation ahead of it",
          "水量系数{median}为 0：没有来水，评定结果不能说明撤离是否先于来水",
          "a factor of 0 on the water: no water comes, so the grade says nothing of the evacuation ahead of it",
          {"median": {"": "", " (median)": "（中位数）"}}),
    Entry(rf"the water from (?P<source>{Q}) \((?P<top>{NUM}) m\) runs down to (?P<out>{Q}) \((?P<z>{NUM}) m\) and out "
          r"of the mine: no water pools above that opening, so the drill shows water only along the way down to it "
          r"\(the water running along the drifts, decimetres deep in an inrush\) and below it; is the source, or the "
          r"opening, where it should be\?",
          "来自 {source}（{top} m）的水会流到 {out}（{z} m）并流出矿井：该出口以上不会积水，因此演练只在流向出口的"
          "途中（沿巷道流动的水，突水时深达数分米）及出口以下显示来水；水源或出口的位置是否正确？",
          "the water from 'heading850' (853.9 m) runs down to 'portal800' (800 m) and out of the mine: no water "
          "pools above that opening, so the drill shows water only along the way down to it (the water running "
          "along the drifts, decimetres deep in an inrush) and below it; is the source, or the opening, where it "
          "should be?"),
    Entry(rf"assembly point (?P<ap>{Q}) lies in the path of the flood by (?P<by>the hydraulic study {Q}|the "
          rf"built-in estimate \([^)]+\)): (?P<depth>{NUM}) m deep at its peak, (?P<min>{NUM}) min after the breach; "
          r"people sent there meet the water on the way or are caught on it\. Is its elevation_m or "
          r"above_valley_floor_m right, or should the plan name a point above the flood\?",
          "按{by}，集合点 {ap} 位于洪水淹没范围内：溃坝后 {min} min 来水，最大水深 {depth} m；前往该处的人员会在"
          "途中遇水或在该处被水困住。其 elevation_m 或 above_valley_floor_m 是否填写正确？"
          "预案是否应改用洪水以上的集合点？",
          "assembly point 'ap_sx_hill' lies in the path of the flood by the built-in estimate (Concha Larrauri & Lall "
          "2018): 3.9 m deep at its peak, 1.8 min after the breach; people sent there meet the water on the way or "
          "are caught on it. Is its elevation_m or above_valley_floor_m right, or should the plan name a point above "
          "the flood?",
          {"by": _flood_source}),
    Entry(rf"the people at (?P<place>{Q}) join this route at (?P<at>{Q}), the place of its path nearest them "
          rf"\((?P<walk>{NUM}) m\), which lies farther from its end (?P<end>{Q}) than they start \((?P<far>{NUM}) m "
          rf"against (?P<near>{NUM}) m\): they walk away from the way out to join it\. Should the path pass nearer "
          r"them, or they have a route of their own\?",
          "{place} 的人员在 {at} 进入该撤离路线，这是路线上离他们最近的地点（{walk} m），但它比他们的出发地点离路线"
          "终点 {end} 更远（{far} m 对 {near} m）：他们为进入路线而背离出口行走。路线是否应从他们附近经过，"
          "或为他们另设路线？",
          "the people at 'X' join this route at 'A', the place of its path nearest them (10 m), which lies farther "
          "from its end 'portal' than they start (330 m against 320 m): they walk away from the way out to join it. "
          "Should the path pass nearer them, or they have a route of their own?"),
    Entry(rf"(?P<what>the door-to-door team|the phone tree) (?P<channel>{Q}) is to reach the households at "
          rf"(?P<place>{Q}) \(kind: (?P<kind>[a-z_]+)\), where no residents live \(site\.residents\): nobody there "
          r"is warned by it\. Was another place meant\?",
          "{what} {channel} 要通知 {place}（kind: {kind}）的住户，但该处没有居民（site.residents）：它通知不到任何人。"
          "是否本应是另一个地点？",
          "the door-to-door team 'team' is to reach the households at 'ap' (kind: assembly_point), where no residents "
          "live (site.residents): nobody there is warned by it. Was another place meant?",
          terms={"what": {"the door-to-door team": "入户通知组", "the phone tree": "电话通知链"}}),
    Entry(rf"(?P<what>the runner|the door-to-door team|the loudspeaker vehicle) (?P<channel>{Q}) cannot go from "
          rf"(?P<here>{Q}) to (?P<place>{Q}) (?P<how>on foot or by cage|on foot|by road): it passes that place over, "
          r"and nobody there is warned by it\. Is a way missing from the site, or another place meant\?",
          "{what} {channel} 无法{how}从 {here} 到达 {place}：它会越过该地点，该处无人经它收到预警。"
          "是场地文件中缺少通路，还是本应是另一个地点？",
          "the loudspeaker vehicle 'car' cannot go from 'depot' to 'farm' by road: it passes that place over, and "
          "nobody there is warned by it. Is a way missing from the site, or another place meant?",
          terms={"what": {"the runner": "派人通知的人员", "the door-to-door team": "入户通知组",
                          "the loudspeaker vehicle": "广播车"},
                 "how": {"on foot or by cage": "步行或乘罐笼", "on foot": "步行", "by road": "沿道路"}}),
    Entry(rf"(?P<place>{Q}) is a (?P<kind>school|field): give the people there as occupants: \{{day: \.\., night: "
          r"\.\.\}, not as households, which the drill moves as families, each from its home \(by car for car_share "
          rf"of them\); it moves a school in classes of (?P<size>\d+), people in a field one by one",
          "{place} 是{kind}：其人员应以 occupants: {{day: .., night: ..}} 填写，而不是 households；"
          "程序把住户当作家庭、各自从家中撤离（其中 car_share 比例的住户开车）；学校按每班 {size} 人撤离，"
          "田间人员逐个撤离",
          "'school' is a school: give the people there as occupants: {day: .., night: ..}, not as households, which "
          "the drill moves as families, each from its home (by car for car_share of them); it moves a school in "
          "classes of 30, people in a field one by one",
          terms={"kind": {"school": "学校", "field": "田间"}}),
    Entry(rf"(?P<place>{Q}) is a household place: give its households with members: \{{day: \.\., night: "
          r"\.\.\}, not occupants, which the drill moves one by one, without a car, as in a field",
          "{place} 是住户地点：应以 households 和 members: {{day: .., night: ..}} 填写，而不是 occupants；"
          "程序把 occupants 逐个撤离、不开车，如同田间人员",
          "'h1' is a household place: give its households with members: {day: .., night: ..}, not occupants, which "
          "the drill moves one by one, without a car, as in a field"),
    Entry(rf"the route ends at assembly point (?P<place>{Q}), which the plan does not list "
          r"\(plan\.evacuation\.assembly_points\): the report's checks of the plan's assembly points \(the water "
          r"reaching them\) pass it by\. Should it be listed\?",
          "该撤离路线终止于集合点 {place}，但预案未列出该集合点（plan.evacuation.assembly_points）：报告对预案集合点的"
          "检查（来水是否到达）不包括它。是否应将其列入？",
          "the route ends at assembly point 'ap', which the plan does not list (plan.evacuation.assembly_points): "
          "the report's checks of the plan's assembly points (the water reaching them) pass it by. Should it be "
          "listed?"),
    Entry(rf"no step sends channel (?P<channel>{Q}): every step giving (?P<order>evacuate_downstream|"
          r"evacuate_underground) names the channels it starts \(plan\.warning\.actions_by_level\[\.\.\.\]\.channels\) "
          r"and none names this one, so it is never switched on\. Should a step name it\?"
          rf"(?P<scenario> \(In this drill the scenario's own order, scenario\.order at {NUM} s, switches it on; "
          r"when the plan's triggers give the order, nothing does\.\))?",
          "没有步骤发出渠道 {channel}：每个下达 {order} 的步骤都列出了它启动的渠道"
          "（plan.warning.actions_by_level[...].channels），但都没有列出该渠道，它永远不会启动。是否应由某个步骤列出它？"
          "{scenario}",
          "no step sends channel 'speaker': every step giving evacuate_downstream names the channels it starts "
          "(plan.warning.actions_by_level[...].channels) and none names this one, so it is never switched on. Should "
          "a step name it? (In this drill the scenario's own order, scenario.order at 600 s, switches it on; when the "
          "plan's triggers give the order, nothing does.)",
          terms={"scenario": lambda clause: re.sub(
              rf" \(In this drill the scenario's own order, scenario\.order at ({NUM}) s, .*",
              r"（本次演练中由情景自身的命令 scenario.order 于 \1 s 启动它；"
              r"由预案的触发条件下达命令时，没有任何步骤启动它。）",
              clause)}),
    Entry(rf"(?P<what>the siren|the village loudspeaker) (?P<channel>{Q}) is heard (?P<radius>{NUM}) m around "
          rf"(?P<poles>{Q}(?:, {Q})*), but the nearest place where residents live \(site\.residents\) is "
          rf"(?P<nearest>{NUM}) m away: it warns nobody\. Is audible_radius_m, or the coverage, right\?",
          "{what} {channel} 在 {poles} 周围 {radius} m 内可听到，但最近的有居民地点（site.residents）在 {nearest} m "
          "以外：它通知不到任何人。audible_radius_m 或 coverage 是否有误？",
          "the village loudspeaker 'speaker' is heard 50 m around 'lj', but the nearest place where residents live "
          "(site.residents) is 141 m away: it warns nobody. Is audible_radius_m, or the coverage, right?",
          terms={"what": {"the siren": "警报器", "the village loudspeaker": "村村响广播"}}),
    Entry(rf"the route leads the people at (?P<places>{Q}(?:, {Q})*) through (?P<source>{Q}), where the scenario's "
          r"inrush bursts in \(scenario\.hazard\.inrush\.source\): the plan sends them towards the water\. Is the "
          r"path written the wrong way round, or the source misplaced\?",
          "该撤离路线带领 {places} 的人员经过 {source}，而情景的突水正从该处涌入（scenario.hazard.inrush.source）："
          "预案把他们引向来水。路线是否写反了方向，或突水地点有误？",
          "the route leads the people at 'face360e', 'stope360e' through 'j360', where the scenario's inrush bursts "
          "in (scenario.hazard.inrush.source): the plan sends them towards the water. Is the path written the wrong "
          "way round, or the source misplaced?"),
    Entry(rf"no monitoring point (?P<point>{Q}) in the plan: these readings are read by nothing; "
          rf"known: (?P<known>{_PATH})",
          "预案的监测项目中没有监测点 {point}：这些读数不会被任何监测项目读取；已有：{known}",
          "no monitoring point 'gauge-2' in the plan: these readings are read by nothing; known: gauge-1, fb-1",
          {"known": _known}),
    Entry(r"(?P<what>an? [a-z ]+?) of (?P<amount>\S+(?: \S+)?) is not plausible: expected (?P<range>.+?) — "
          r"(?P<source>.+)\. A slip of units or digits\?",
          "{what}取值 {amount} 不合理：{range}；依据：{source}。是否单位或数字填写有误？",
          "a drift of 0.01 m is not plausible: expected 1–30 m — a travelway is at least 0.8 m (GB 16423); large "
          "drifts 5–8 m. A slip of units or digits?",
          {"what": SUBJECTS, "amount": _people, "range": _bound, "source": SOURCES}),
    Entry(r"(?P<amount>\S+(?: [^\s\d]+)?) is not plausible: expected (?P<range>.+?) — (?P<source>.+)\. A slip of units "
          r"or digits\?", "取值 {amount} 不合理：{range}；依据：{source}。是否单位或数字填写有误？",
          "259200 s is not plausible: expected at most 86400 s — the longest delays in recorded events are hours "
          "(Oroville 2017, LifeSim TRM ch. 6). A slip of units or digits?",
          {"amount": _people, "range": _bound, "source": SOURCES}),
    Entry(rf"(?P<elevation>{NUM}) m is not plausible on level (?P<level>{Q}): its places lie within about "
          rf"(?P<within>{NUM}) m of (?P<named>{NUM}) m \(one level interval\)\. A slip of sign or digits\?",
          "标高 {elevation} m 在中段 {level} 上不合理：该中段的地点应在 {named} m 上下约 {within} m 以内"
          "（一个中段高度）。是否正负号或数字填写有误？",
          "360 m is not plausible on level '-360': its places lie within about 120 m of -360 m (one level interval). "
          "A slip of sign or digits?"),
    Entry(rf"(?P<node>{Q}) at (?P<elevation>{NUM}) m lies with the places of level (?P<other>{Q}) \(about "
          rf"(?P<other_m>{NUM}) m\), not with those of its own level (?P<level>{Q}) \(about (?P<own_m>{NUM}) m\): "
          r"a slip in the level or the elevation\?",
          "地点 {node}（标高 {elevation} m）与中段 {other}（约 {other_m} m）的地点处于同一高度，而不是与其所标中段 "
          "{level}（约 {own_m} m）的其他地点：中段或标高是否填写有误？",
          "'st1350' at 1351.2 m lies with the places of level '1350' (about 1352.4 m), not with those of its own "
          "level '1300' (about 1302.1 m): a slip in the level or the elevation?"),
    Entry(rf"refuge (?P<refuge>{Q}) at (?P<elevation>{NUM}) m is (?P<above>{NUM}) m above (?P<top>{Q}) "
          rf"\((?P<top_m>{NUM}) m\), the roadway its passage opens off: a refuge's floor is at least "
          rf"(?P<least>{NUM}) m above the roadway floor \(AQ 2033-2011 §5\.3–5\.5\), and water in the roadway "
          r"enters this one sooner\. Give the chamber's surveyed floor, or raise it as the rule asks",
          "避险硐室 {refuge}（标高 {elevation} m）仅高出其通道所连巷道 {top}（{top_m} m）{above} m；"
          "避险硐室底板应高于巷道底板至少 {least} m（AQ 2033-2011 §5.3–5.5），巷道中的水会更早进入该硐室。"
          "请填写硐室实测底板标高，或按规定抬高",
          "refuge 'refuge240' at -238.75 m is 0.35 m above 'j240' (-239.1 m), the roadway its passage opens off: a "
          "refuge's floor is at least 0.5 m above the roadway floor (AQ 2033-2011 §5.3–5.5), and water in the roadway "
          "enters this one sooner. Give the chamber's surveyed floor, or raise it as the rule asks"),
    Entry(rf"(?P<elevation>{NUM}) m is not plausible for a (?P<kind>\w+) underground: it is (?P<above>{NUM}) m above "
          rf"the highest way out \((?P<top>{NUM}) m\); workings rise at most a few hundred metres above an adit\. "
          r"A slip of sign\?",
          "井下 {kind} 地点的标高 {elevation} m 不合理：比最高的出口（{top} m）还高 {above} m，而井下工程至多"
          "高出平硐口数百米。是否正负号填写有误？",
          "5000 m is not plausible for a workplace underground: it is 5000 m above the highest way out (0 m); workings "
          "rise at most a few hundred metres above an adit. A slip of sign?"),
    Entry(rf"(?P<station>{Q}) at (?P<elevation>{NUM}) m is not plausible after (?P<above>{Q}) at (?P<above_m>{NUM}) m: "
          r"stations are listed from the collar downwards\. A slip in the order\?",
          "车场 {station}（{elevation} m）排在 {above}（{above_m} m）之后不合理：车场应从井口起自上而下列出。"
          "是否顺序填写有误？",
          "'st120' at -120 m is not plausible after 'st240' at -240 m: stations are listed from the collar downwards. "
          "A slip in the order?"),
    Entry(rf"(?P<length>{NUM}) m is not plausible for (?P<what>a \w+): its ends (?P<a>{Q}) and (?P<b>{Q}) are "
          rf"(?P<line>{NUM}) m apart in a straight line \(their x_m, y_m and elevation_m\), and no passage is "
          r"shorter\. A slip of digits, or a place drawn in the wrong spot\?",
          "{what}长度 {length} m 不合理：其两端 {a} 与 {b} 的直线距离为 {line} m（按两地的 x_m、y_m 和 "
          "elevation_m），而通道不会比直线更短。是否数字填写有误，或某地点的坐标填错了位置？",
          "30 m is not plausible for a drift: its ends 'st120' and 'j120' are 300 m apart in a straight line (their "
          "x_m, y_m and elevation_m), and no passage is shorter. A slip of digits, or a place drawn in the wrong spot?",
          {"what": SUBJECTS}),
    Entry(rf"(?P<station>{Q}) at (?P<elevation>{NUM}) m is not plausible: it is below the bottom of the shaft "
          rf"\((?P<bottom>{NUM}) m, the lowest place its shaft links reach\)\. A slip of digits, or a shaft link left "
          r"out\?", "车场 {station}（{elevation} m）不合理：低于井筒底部（{bottom} m，即其井筒通道所达的最低地点）。"
          "是否数字填写有误，或漏填了井筒通道？",
          "'st2' at -200 m is not plausible: it is below the bottom of the shaft (-100 m, the lowest place its shaft "
          "links reach). A slip of digits, or a shaft link left out?"),
)

#: a value pydantic reports after its message: "Input should be greater than 0 (got -5)"
_GOT = re.compile(r"(?P<said>.+) \(got (?P<got>(?:(?!; ).)+)\)")  # a value of its own, not a run of parts


def _one(message: str, catalogue: tuple[Entry, ...] = CATALOGUE) -> str | None:
    """One message (no "; " joins to undo) in Chinese by the first entry that matches it; a message with the
    value pydantic adds at the end, ``(got 'x')``, by its entry with the value after it; else None."""
    for entry in catalogue:
        said = entry.render(message)
        if said is not None:
            return said
    if catalogue is CATALOGUE and (m := _GOT.fullmatch(message)) is not None:
        said = _one(m["said"])
        if said is not None:
            return f"{said}（所填为 {m['got']}）"
    return None


def translate(message: str, catalogue: tuple[Entry, ...] = CATALOGUE) -> str | None:
    """``message`` in Chinese by the entries of ``catalogue``, or None if any part of it has no entry (the caller
    keeps the English).

    The parts of a message joined with "; " are rendered each, the longest run of parts that an entry matches
    first (a message may hold "; " itself), and joined with a full-width "；"."""
    parts = message.split("; ")
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            said = _one("; ".join(parts[i:j]), catalogue)
            if said is not None:
                out.append(said)
                i = j
                break
        else:
            return None
    return "；".join(out)


def entry_for(message: str) -> Entry | None:
    """The entry that renders ``message`` whole (for the tests and for finding a message's words), or None."""
    return next((e for e in CATALOGUE if e.render(message) is not None), None)
