"""Turn pydantic validation errors into located, readable problems — one per fault.

Pydantic reports a value that may be a number or a distribution (``delay_s: 60`` or
``delay_s: {dist: lognormal, ...}``) once per branch of the union; we keep the branch that matches
what the planner wrote (a mapping or a plain value), drop pydantic's internal branch names from the
field path, and merge a misspelt field with the required field it was meant to be.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import itertools
import re
import types as types_module
import typing
import unicodedata
from collections.abc import Iterator
from typing import Any, TypeGuard, TypeVar

from pydantic import BaseModel, ValidationError

from drills.inputs.base import DIST_NAMES, ID_PATTERN, ItemFault, Strict
from drills.inputs.chinese_time import chinese_duration_s
from drills.inputs.problems import InputError, Problem, did_you_mean
from drills.inputs.yamlfile import YamlDocument, field_name, number_as_written

M = TypeVar("M", bound=BaseModel)

_SCALAR_BRANCHES = ("constrained-float", "float", "int", "constrained-int", "str", "bool")
_DIST_HINT = "a number, or a distribution such as {dist: lognormal, median: 60, p95: 300}"


def _split(data: Any, loc: tuple[Any, ...], kind: str = "") -> tuple[tuple[Any, ...], str | None, Any]:
    """Split pydantic's location into the path in the file, the first union branch name, and the
    value at the point where that branch was taken."""
    out: list[Any] = []
    node = data
    branch = None
    value_at_branch = None
    for k, part in enumerate(loc):
        if part == "[key]":  # the key itself is wrong: the location is the key, as written
            break
        in_map = isinstance(node, dict) and part in node
        in_seq = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_map or in_seq:
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and k == len(loc) - 1 and kind == "missing":
            out.append(part)  # the missing field itself
        elif isinstance(part, str):  # a union branch or tag name, not in the file
            if branch is None:
                branch = part
                value_at_branch = node
        else:
            out.append(part)
    return tuple(out), branch, value_at_branch


def _located(err: Any) -> tuple[Any, ...]:
    """Where pydantic's error lies: its location, and below it the item an :class:`~drills.inputs.base.ItemFault`
    names (a list's check that finds one point out of order is told at that point)."""
    fault = (err.get("ctx") or {}).get("error")
    return (*err["loc"], *fault.at) if isinstance(fault, ItemFault) else tuple(err["loc"])


def _each_fault(errors: list[Any]) -> Iterator[Any]:
    """Pydantic's errors, with one more for each further item fault a list's check found (it raises them as one
    :class:`~drills.inputs.base.ItemFault`, the others in its ``also``)."""
    for err in errors:
        yield err
        fault = (err.get("ctx") or {}).get("error")
        for more in fault.also if isinstance(fault, ItemFault) else ():
            yield {**err, "msg": f"Value error, {more}", "ctx": {**err["ctx"], "error": more}}


def _scalar_branch(branch: str) -> bool:
    return branch in _SCALAR_BRANCHES


#: what the keys of a mapping are called, by the mapping's field name (for a key that is not allowed)
_KEY_NOUNS = {"actions_by_level": "level"}


#: a number written as a percentage ("98%", "12.5 %"), where every share of the input files is a fraction
_PERCENT = re.compile(r"\s*(?P<value>\d+(?:\.\d+)?)\s*[%％]\s*")


#: a time written as a clock, h:mm:ss or m:ss / h:mm
_CLOCK = re.compile(r"\s*(?P<a>\d+):(?P<b>[0-5]\d)(?::(?P<c>[0-5]\d))?\s*")
#: a number written with its unit: "5 min", "300 m", "2.5h", "-360 m", "120米", "3000 m3/h"
_WITH_UNIT = re.compile(r"\s*(?P<value>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s.,+-].*?)\s*")
#: the units a planner may write after a number, in English or Chinese, by the unit a field's name ends in, each with
#: how many of the field's unit it is (a field of hours reads any time: :func:`_duration_s`)
_UNITS_AS_WRITTEN: dict[str, dict[str, float]] = {
    "m": {"m": 1, "metre": 1, "metres": 1, "meter": 1, "meters": 1, "米": 1, "km": 1000, "公里": 1000, "千米": 1000},
    "m2": {"m2": 1, "m²": 1, "平方米": 1, "km2": 1e6, "km²": 1e6, "平方公里": 1e6, "平方千米": 1e6},
    "m3": {"m3": 1, "m³": 1, "立方米": 1, "方": 1},
    "m3ph": {"m3/h": 1, "m³/h": 1, "m3ph": 1, "立方米/小时": 1, "方/小时": 1, "方/时": 1},
    "m3ps": {"m3/s": 1, "m³/s": 1, "m3ps": 1, "立方米/秒": 1, "方/秒": 1},
    "mps": {"m/s": 1, "mps": 1, "米/秒": 1},
    "kmh": {"km/h": 1, "kmh": 1, "公里/小时": 1, "千米/小时": 1},
    "yr": {"yr": 1, "year": 1, "years": 1, "a": 1, "年": 1, "年一遇": 1},  # a return period: "50年一遇", 50-year
}
#: a number written with commas between its thousands: "12,000", "1,200.5"
_THOUSANDS = re.compile(r"\s*[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*")
#: a plain number: what a number in full-width digits ("５００", "－３６８") is once made narrow
_NUMBER = re.compile(r"\s*[-+]?\d+(?:\.\d+)?\s*")
#: a number with a decimal comma, as much of Europe writes it: "0,98", "2,5"
_DECIMAL_COMMA = re.compile(r"\s*(?P<whole>[-+]?\d+),(?P<part>\d+)\s*")
#: what a field of seconds takes, told before how to write the value given there
IN_SECONDS = "the field takes a number of seconds (its name ends in _s)"
#: seconds in a unit of time as a planner may write it in English (Chinese: :mod:`drills.inputs.chinese_time`)
_SECONDS_IN = {"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "min": 60, "mins": 60, "minute": 60,
               "minutes": 60, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "d": 86400,
               "day": 86400, "days": 86400}
#: a count written with the word Chinese counts it by (500次 replications, 30人, 12户, 2台): the number alone
_COUNTED = re.compile(r"\s*(?P<value>\d+)\s*(?:次|个|人|名|户|台|辆|座|组|套|处)\s*")
#: numbers written as words: "ten" (minutes), "twenty-five" (seconds), "an" (hour), "half an" (hour)
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORDS = {"a": 1.0, "an": 1.0, "half a": 0.5, "half an": 0.5, **{w: float(n) for n, w in enumerate(_ONES)},
          **{f"{tens} {one}".strip(): float(20 + 10 * i + n) for i, tens in enumerate(_TENS)
             for n, one in enumerate(["", *_ONES[1:10]])}}


def _duration_s(got: str) -> float | None:
    """The seconds a time written with its units means: "5 min", "2.5 h", "ten minutes", "1 h 30 min", "half an
    hour", "十分钟", "一个半小时"; None if it is not one (a unit missing, a word that is no number)."""
    if re.search(r"[\u3400-\u9fff]", got):  # written in Chinese: "十分钟", "10 分钟", "一刻钟"
        return chinese_duration_s(got)
    total, parts = 0.0, 0
    number: list[str] = []  # the words of the number before the next unit
    for token in re.findall(r"[-+]?\d+(?:\.\d+)?|[^\W\d_]+", got):  # "twenty-five" is two words
        word = token.lower()
        per = _SECONDS_IN.get(word)
        if per is None:
            if number or word != "and":  # "2 hours and 15 minutes"
                number.append(word)
            continue
        said = " ".join(number)
        value = float(said) if re.fullmatch(r"[-+]?\d+(?:\.\d+)?", said) else _WORDS.get(said)
        if value is None:
            return None
        total, number, parts = total + value * per, [], parts + 1
    return total if parts and not number else None


def _unit_hint(got: str, loc: tuple[Any, ...]) -> str:
    """For a number written as a clock or with its unit where the field's name gives the unit (``duration_s:
    3:00:00``, ``t_s: 5 min`` or ``ten minutes``, ``length_m: 300 m``), or with commas between its thousands
    (``12,000``): how to write it. Any other text in a field of seconds is told that the field takes a number of
    seconds; elsewhere the hint is empty."""
    if (wide := _wide_comma_list(got)) is not None:  # [110，0] is one text: the pair's items as a list's
        return f"; {wide}"
    if (narrow := unicodedata.normalize("NFKC", got)) != got and _NUMBER.fullmatch(narrow):
        return (f"; {got!r} is written in full-width characters, as a Chinese input method types them: write "
                f"{narrow.strip()}")
    if (decimal := _DECIMAL_COMMA.fullmatch(got)) and not _THOUSANDS.fullmatch(got):
        return f"; write the decimals after a point, not a comma: {decimal['whole']}.{decimal['part']}"
    if _THOUSANDS.fullmatch(got):
        return f"; write the number without a thousands separator: {got.strip().replace(',', '')}"
    field = next((p for p in reversed(loc) if isinstance(p, str) and re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", p)), "")
    unit = field.rsplit("_", 1)[-1] if field else ""
    if unit == "s" and (clock := _CLOCK.fullmatch(got)):
        a, b = int(clock["a"]), int(clock["b"])
        if clock["c"] is not None:
            return f"; {IN_SECONDS}: {a * 3600 + b * 60 + int(clock['c'])} for {got!r} (h:mm:ss)"
        return f"; {IN_SECONDS}: {got!r} is {a * 60 + b} as m:ss, {a * 3600 + b * 60} as h:mm"
    if unit == "s" and (seconds := _duration_s(got)) is not None:
        return f"; {IN_SECONDS}: {seconds:.10g} for {got!r}"
    if unit == "h" and (seconds := _duration_s(got)) is not None:
        return _number_alone(got, seconds / 3600, unit, same=bool(re.fullmatch(r"[\d.\s]+(?:h|小时)", got.strip())))
    written = _WITH_UNIT.fullmatch(got)
    per = _UNITS_AS_WRITTEN.get(unit, {unit: 1.0}).get(written["unit"].lower()) if unit and written else None
    if written and per is not None:
        return _number_alone(got, float(written["value"]) * per, unit, same=per == 1)
    if unit == "s":
        return f"; {IN_SECONDS}: 600 for ten minutes, 7200 for two hours"
    if (counted := _COUNTED.fullmatch(got)) and unit not in _UNITS_AS_WRITTEN and unit not in ("s", "h"):  # a count
        return f"; write the number alone: {counted['value']}"
    return ""


def _number_alone(got: str, value: float, unit: str, *, same: bool) -> str:
    """How to write ``got``, a number with its unit, as the number ``value`` in the unit the field's name gives."""
    said = "" if same else f" for {got!r}"
    return f"; write the number alone: {value:.10g}{said} (the field's name gives the unit, {unit})"


#: a comma as a Chinese input method types it, between the items of a list written in [ ]
_WIDE_COMMA = re.compile(r"\s*[，、]\s*")


#: a clock time in a date and time as written: 10:00, 25:00, 10:00:30
_CLOCK_IN = re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?![\d:])")
#: a date as Chinese writes it: 2026年7月20日
_CHINESE_DATE = re.compile(r"\s*(?P<y>\d{4})\s*年\s*(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?\s*")


def _datetime_hint(got: str) -> str:
    """For a date and time that pydantic could not read: a clock beyond the day's hours ("25:00", which it told as
    "unexpected extra characters"), a time with no date ("10:00", "input is too short"), or a date as Chinese
    writes it ("2026年7月20日 10:00"): what is wrong and how to write it; empty otherwise."""
    clock = _CLOCK_IN.search(got)
    h, m, sec = (int(clock["h"]), int(clock["m"]), int(clock["s"] or 0)) if clock else (0, 0, 0)
    if clock and (h > 23 or m > 59 or sec > 59):
        return f"; {clock[0]!r} is no time of day: hours run from 0 to 23, minutes and seconds from 0 to 59"
    if (date := _CHINESE_DATE.match(got)) and got[date.end():].strip() in ("", clock[0] if clock else ""):
        day = f"{int(date['y']):04d}-{int(date['mo']):02d}-{int(date['d']):02d}"
        return f"; write the date and time as {day}T{h:02d}:{m:02d}:{sec:02d}"
    if clock and not re.search(r"\d{4}-\d{1,2}-\d{1,2}", got) and got.strip() == clock[0]:
        return f"; give the date with the time, e.g. 2026-07-20T{h:02d}:{m:02d}:{sec:02d}"
    return ""


def _items_written(got: str) -> list[str]:
    """The ids or numbers of a list written without its brackets ("collar, portal", "collar，portal", "collar
    portal"); empty if ``got`` holds anything else."""
    items = [p for p in re.split(r"\s*[,，、;；]\s*|\s+", got.strip()) if p]
    ok = all(re.fullmatch(ID_PATTERN, p) or re.fullmatch(r"[-+]?\d+(?:\.\d+)?", p) for p in items)
    return items if ok else []


def _wide_comma_list(got: str) -> str | None:
    """For ids or numbers joined by a full-width comma (``pump360，crusher360``, ``110，0``), the items of a list typed
    with a Chinese input method: how to write them; None for any other text."""
    parts = _WIDE_COMMA.split(got.strip())
    if len(parts) < 2 or not all(re.fullmatch(ID_PATTERN, p) for p in parts):
        return None
    comma = next(c for c in got if c in "，、")
    return (f"{got!r} holds a full-width comma {comma!r}, as a Chinese input method types it: separate the items of "
            f"a list with an ASCII comma and a space ({', '.join(parts)})")


def _id_message(got: str) -> str:
    """What an id may hold, for one that holds something else (a space, a Chinese character), with the id it could
    be: pydantic said only "String should match pattern '^[A-Za-z0-9_.\\-]+$'". Ids joined by a full-width comma
    are the items of a list typed with a Chinese input method: told so, not as one id to write in pinyin."""
    if (wide := _wide_comma_list(got)) is not None:
        return wide
    msg = f"an id holds letters, digits, '_', '.' and '-' only, not {got!r}"
    if re.search(r"[^\x00-\x7f]", got):
        msg += "; write it in Latin letters (pinyin), and a Chinese name in a title where the file has one"
    like = re.sub(r"[^A-Za-z0-9_.\-]", "", re.sub(r"\s+", "-", got.strip())).strip("-")
    if like and set(like) != {"."}:
        msg += f"; e.g. {like!r}"
    return msg


def _message(err: dict[str, Any], branch: str | None, *, names: bool = False) -> str:
    kind = err.get("type", "")
    got = err.get("input")
    loc = tuple(err.get("loc", ()))
    if "[key]" in loc and kind == "literal_error":
        at = loc.index("[key]")
        noun = _KEY_NOUNS.get(str(loc[at - 2]), "name") if at >= 2 else "name"
        return f"unknown {noun} {got!r}; use {err.get('ctx', {}).get('expected', '')}"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "union_tag_invalid":
        tags = err.get("ctx", {}).get("expected_tags", "")
        return f"unknown distribution {err.get('ctx', {}).get('tag', got)!r}; use one of {tags}"
    if kind == "union_tag_not_found":
        return f"say which distribution: dist: one of {', '.join(repr(d) for d in DIST_NAMES)}"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type") and branch is not None:
        if got is None:  # `delay_s:` with nothing after it reads as null in YAML: not "got None"
            return f"expected {_DIST_HINT}; the value is empty"
        return f"expected {_DIST_HINT} (got {got!r})" + (_unit_hint(got, loc) if isinstance(got, str) else "")
    if kind == "string_pattern_mismatch" and isinstance(got, str) and err.get("ctx", {}).get("pattern") == ID_PATTERN:
        return _id_message(got)
    msg = str(err.get("msg", "invalid value"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind in ("too_short", "too_long"):  # pydantic's "after validation" tells a planner nothing
        msg = msg.replace(" after validation", "")
    if kind == "model_type" and (fields := _fields_of(str(err.get("ctx", {}).get("class_name", "")))):
        msg = f"Input should be a mapping (key: value) with the fields {fields}"  # not pydantic's class name
    if got is None:
        msg += "; the value is empty"  # `plan:` or `- ` with nothing after it reads as null in YAML
    elif not isinstance(got, dict | list) and kind not in ("model_type", "dict_type"):
        msg += f" (got {got!r})"
    if kind == "float_parsing" and isinstance(got, str) and (pct := _PERCENT.fullmatch(got)):
        msg += f"; write a percentage as a fraction: {float(pct['value']) / 100:g} for {got!r}"  # shares are 0..1
    elif kind == "less_than_equal" and err.get("ctx", {}).get("le") == 1 and _percent_number(got):
        msg += f"; write a percentage as a fraction: {got / 100:g} for {got!r}"  # a share (0..1) written as 80
    elif kind in ("float_parsing", "int_parsing") and isinstance(got, str):
        msg += _unit_hint(got, loc)
    elif kind in ("datetime_parsing", "datetime_from_date_parsing") and isinstance(got, str):
        msg += _datetime_hint(got)
    elif kind == "list_type" and isinstance(got, str) and names and (items := _items_written(got.strip("［］【】 "))):
        wide = "; '［ ］' and '【 】' are full-width brackets, as a Chinese input method types them" if re.fullmatch(
            r"\s*[［【].*[］】]\s*", got) else ""
        msg += f"{wide}; write a list in [ ]: [{', '.join(items)}]"  # "exits: collar, portal" is one text in YAML
    if kind == "literal_error" and isinstance(got, str):  # a slip of the keys: the allowed word it is close to
        close = did_you_mean(got, re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", ""))))
        if not close and loc[-2:] == ("weather", "rain"):  # "light", "drizzle", "storm": the words a forecast uses
            close = RAIN_HINT
            if isinstance(got, str) and re.fullmatch(r"\s*(?:小|中|大|暴|大暴|特大暴)雨\s*", got):
                close += (f"; {got.strip()!r} grades rain by its 12- or 24-hour total (GB/T 28592-2012), not by its "
                          "intensity in the drill's hours: write the class of that intensity")
        msg += close
    return msg


#: the scenario's rain classes by intensity, for a word of the forecast's that is not one of them
RAIN_HINT = ("; rain is told by its intensity, 'moderate' 2.5–6.4 mm/h and 'heavy' above 6.4 mm/h (HCM 2010 "
             "Exhibit 10-15): write lighter rain, a drizzle, as 'none', which the drill takes as dry")


def _percent_number(got: Any) -> TypeGuard[float]:
    """``got`` reads as a percentage where a share belongs: a number above 1 and at most 100."""
    return isinstance(got, int | float) and not isinstance(got, bool) and 1 < got <= 100


def _fields_of(class_name: str) -> str:
    """The fields of the input model named ``class_name`` as a planner writes them, those required first (at
    most six), for a place where a mapping of them belongs; empty if no input model has that name."""
    model = _input_models().get(class_name)
    if model is None:
        return ""
    fields = sorted(model.model_fields.items(), key=lambda kv: not kv[1].is_required())
    names = [info.alias or name for name, info in fields]
    return ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")


def _input_models() -> dict[str, type[BaseModel]]:
    """Every input model by class name (pydantic names the class when a mapping of it is missing)."""
    out: dict[str, type[BaseModel]] = {}
    stack: list[type[BaseModel]] = [Strict]
    while stack:
        for sub in stack.pop().__subclasses__():
            out.setdefault(sub.__name__, sub)
            stack.append(sub)
    return out


def validate(doc: YamlDocument, model: type[M]) -> M:
    """Validate a loaded document against ``model``; raise located problems if it does not fit."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(doc, exc, _vocabulary(model), model)) from None


def _holds_names_or_numbers(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> bool:
    """The list at ``loc`` of a file of ``model`` holds names or numbers (``exits: [collar, portal]``), not mappings
    or pairs: only there is a text told to be written as a list of its words."""
    types: list[Any] = [model] if model is not None else []
    for part in (*loc, 0):
        found: list[Any] = []
        for tp in _alternatives(types):
            if isinstance(part, str) and isinstance(tp, type) and issubclass(tp, BaseModel):
                found += [i.annotation for n, i in tp.model_fields.items() if part in (n, i.alias)]
            elif typing.get_origin(tp) is dict:
                found += typing.get_args(tp)[1:]
            elif isinstance(part, int) and typing.get_origin(tp) in (list, tuple):
                found += typing.get_args(tp)[:1]
        types = found
    items = _alternatives(types)
    return bool(items) and all(tp in (str, int, float) or typing.get_origin(tp) is typing.Literal for tp in items)


def _alternatives(types: list[Any]) -> list[Any]:
    """The types a value of one of ``types`` may have: the members of a union, the type under an annotation."""
    out: list[Any] = []
    for tp in types:
        if typing.get_origin(tp) in (typing.Union, types_module.UnionType, typing.Annotated):
            out += _alternatives(list(typing.get_args(tp)[:1] if typing.get_origin(tp) is typing.Annotated
                                      else typing.get_args(tp)))
        else:
            out.append(tp)
    return out


def _vocabulary(model: type[BaseModel], seen: set | None = None) -> set[str]:
    """Every field name (and alias) that can appear anywhere in a file of this model."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
        stack = [info.annotation]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                names |= _vocabulary(tp, seen)
            stack.extend(typing.get_args(tp))
    return names


def problems_from(doc: YamlDocument, exc: ValidationError, vocabulary: set[str] | None = None,
                  model: type[BaseModel] | None = None) -> list[Problem]:
    found: dict[tuple[Any, ...], list[str]] = {}
    for err in _each_fault(exc.errors()):
        if err.get("type") == "default_factory_not_called":  # a default made from another field, which is at fault
            continue  # and told: nothing to mend here
        loc, branch, value = _split(doc.data, _located(err), err.get("type", ""))
        if branch is not None:
            # keep the union branch that matches what was written: a mapping, or a plain value
            written_mapping = isinstance(value, dict)
            if written_mapping == _scalar_branch(branch):
                continue
            if err.get("type") in ("union_tag_invalid", "union_tag_not_found"):
                loc = (*loc, "dist")
        msg = _message(dict(err), branch, names=err.get("type") == "list_type" and _holds_names_or_numbers(model, loc))
        msgs = found.setdefault(loc, [])
        if msg not in msgs:
            msgs.append(msg)
    _thousands_in_braces(doc, found)
    _wide_comma_once(found)
    _clock_after_the_start(doc, found)
    _merge_misspellings(found, vocabulary or set())
    _once_where_written(doc, found)
    return sorted(
        (Problem(str(doc.path), doc.line_of(loc), field_name(loc), "; ".join(msgs)) for loc, msgs in found.items()),
        key=lambda p: (p.line or 0, p.field),
    )


def _thousands_in_braces(doc: YamlDocument, found: dict[tuple[Any, ...], list[str]]) -> None:
    """A number written with commas between its thousands inside ``{ }`` (``inflow_m3ph: 12,000``) reads as 12 and a
    field '000' with no value, which the schema calls unknown: told once, at the number's own field, with how to
    write it. So is one written with a decimal comma (``t_s: 0,5``), a field '5' after a whole number."""
    for loc in [w for w, msgs in found.items() if w and re.fullmatch(r"\d+(?:\.\d+)?", str(w[-1]))
                and "unknown field" in msgs]:
        mapping = doc.tree_at(loc[:-1])
        if loc not in found or not isinstance(mapping, dict):
            continue
        keys = list(mapping)
        at = next((i for i, k in enumerate(keys) if str(k) == loc[-1]), 0)
        head = at
        while head > 0 and _split_thousands(keys[head], mapping):
            head -= 1
        # 0,5 or 0,125: a decimal comma, not thousands
        decimal = at > 0 and head >= at - 1 and _decimals_after_comma(keys[at], mapping) and (
            head == at or number_as_written(mapping[keys[at - 1]]).lstrip("+-") == "0")
        if decimal:
            head = at - 1
        value = mapping[keys[head]]
        if head == at or not isinstance(value, int | float) or isinstance(value, bool) or (
                decimal and not isinstance(value, int)):  # 0.5,5 is no decimal comma
            continue
        if decimal:
            tail = [keys[at]]
            how = f"write the decimals after a point: {number_as_written(value)}.{number_as_written(keys[at])}"
        else:
            tail = list(itertools.takewhile(functools.partial(_split_thousands, mapping=mapping), keys[head + 1:]))
            how = ""
        text = ",".join([number_as_written(value), *(number_as_written(k) for k in tail)])
        for k in tail:
            found.pop((*loc[:-1], str(k)), None)
        found.setdefault((*loc[:-1], str(keys[head])), []).append(
            f"{text} is read as {number_as_written(value)}, the comma starting another field in {{ }}: "
            f"{how or 'write the number without a thousands separator: ' + text.replace(',', '')}")


def _clock_after_the_start(doc: YamlDocument, found: dict[tuple[Any, ...], list[str]]) -> None:
    """A scenario's time from its start (``at_s: 08:00``, the day shift due down) written as a clock is most likely
    the clock time: told also as the seconds from the scenario's start_time to it, beside m:ss and h:mm."""
    body = doc.data.get("scenario") if isinstance(doc.data, dict) else None
    start = body.get("start_time") if isinstance(body, dict) else None  # ``scenario:`` left empty has none
    if not isinstance(start, datetime.datetime):
        return
    for loc, msgs in found.items():
        got = _at(doc.data, loc) if loc[:1] == ("scenario",) and loc[-1] == "at_s" else None
        clock = _CLOCK.fullmatch(got) if isinstance(got, str) else None
        if clock is None or int(clock["a"]) > 23:
            continue
        of_day = int(clock["a"]) * 3600 + int(clock["b"]) * 60 + int(clock["c"] or 0)
        after = (of_day - (start.hour * 3600 + start.minute * 60 + start.second)) % 86400
        msgs[:] = [m.replace(" as h:mm", f" as h:mm, {after} as the clock time after start_time "
                                         f"({start:%H:%M})") for m in msgs]


def _wide_comma_once(found: dict[tuple[Any, ...], list[str]]) -> None:
    """The items of a pair joined by a full-width comma (``[110，0]``) are one text, and the pair's later items
    missing: one slip, told once, at the text."""
    for loc in [w for w, msgs in found.items() if w and isinstance(w[-1], int) and any(
            "holds a full-width comma" in m for m in msgs)]:
        for later in [w for w, msgs in found.items() if w[:-1] == loc[:-1] and isinstance(w[-1], int)
                      and w[-1] > loc[-1] and msgs == ["required field is missing"]]:
            del found[later]


def _split_thousands(key: Any, mapping: dict) -> bool:
    """``key`` of ``mapping`` is the part of a number after a thousands comma: three digits (and the decimals, as in
    ``1,100.5``) and no value."""
    return isinstance(key, int | float) and not isinstance(key, bool) and mapping[key] is None and bool(
        re.fullmatch(r"\d{3}(?:\.\d+)?", number_as_written(key)))


def _decimals_after_comma(key: Any, mapping: dict) -> bool:
    """``key`` of ``mapping`` may be the part of a number after a decimal comma (``{t_s: 0,5}``): digits and no value
    (three digits after a whole number other than 0 are thousands, :func:`_split_thousands`)."""
    return isinstance(key, int) and not isinstance(key, bool) and mapping[key] is None and bool(
        re.fullmatch(r"\d+", number_as_written(key)))


def _once_where_written(doc: YamlDocument, found: dict[tuple[Any, ...], list[str]]) -> None:
    """A value written once and taken by several places from an anchor (``<<: *crew``) is one fault: told once,
    at the first place (the one that writes it, if it is one of them)."""
    told: set[tuple[tuple[int, str], tuple[str, ...]]] = set()
    for loc in list(found):
        where = doc.written_at(loc)
        if where is not None and (where, tuple(found[loc])) in told:
            del found[loc]
        elif where is not None:
            told.add((where, tuple(found[loc])))


def _merge_misspellings(found: dict[tuple[Any, ...], list[str]], vocabulary: set[str]) -> None:
    """An unknown field next to a missing one of a similar name is one typo: report it once.
    Otherwise suggest the closest field name the files know, if one is close."""
    unknown = [loc for loc, m in found.items() if "unknown field" in m]
    missing = [loc for loc, m in found.items() if "required field is missing" in m]
    for u in unknown:
        siblings = [m for m in missing if m[:-1] == u[:-1] and m in found]
        names = [str(m[-1]) for m in siblings]
        name, colon, _ = str(u[-1]).partition("：")  # {t_s：300, ...}: the key and its value, one text in YAML
        if colon and (name in names or name in vocabulary):
            found[u] = [f"{name!r} is followed by a full-width colon '：': write {name}: with an ASCII colon and a "
                        "space"]
            found.pop((*u[:-1], name), None)
            continue
        close = difflib.get_close_matches(str(u[-1]), names, n=1, cutoff=0.6)
        if close:
            found[u] = [f"unknown field {u[-1]!r}; did you mean {close[0]!r}?"]
            del found[(*u[:-1], close[0])]
        else:
            near = difflib.get_close_matches(str(u[-1]), sorted(vocabulary), n=1, cutoff=0.8)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            found[u] = [m if m != "unknown field" else f"unknown field {u[-1]!r}{hint}" for m in found[u]]


#: How many times a partial copy is cut down further before giving up.
_REPAIR_ROUNDS = 4


def validate_partial(doc: YamlDocument, model: type[M]) -> tuple[M | None, YamlDocument, list[Problem], set[str]]:
    """Validate ``doc``; if it does not fit, also try a copy without the faulty parts.

    The copy leaves out every list item with a fault in it (and every unknown field), so that the rest
    of the file can still be checked against the other files: a planner then sees a misspelt node id
    in the same run as a wrong type elsewhere in the file. Faults outside any list item (a wrong type in
    a required top-level field) leave nothing to check, and the model is then None.

    Returns:
        the model (of the file, or of the copy; None if neither fits), a document for locating problems
        in what the model was built from (indices mapped back to the file's), the file's own problems,
        and the ids of the list items left out (references to them are not reported as missing).
    """
    try:
        return model.model_validate(doc.data), doc, [], set()
    except ValidationError as exc:
        problems = problems_from(doc, exc, _vocabulary(model), model)
        errors = exc.errors()
    drop_items: set[tuple[Any, ...]] = set()
    drop_keys: set[tuple[Any, ...]] = set()
    part = doc
    for _ in range(_REPAIR_ROUNDS):
        for err in _each_fault(errors):
            loc = part.original(_walkable(part.data, _located(err)))
            if err.get("type") == "extra_forbidden":
                drop_keys.add(loc)
                continue
            item = max((j for j, x in enumerate(loc) if isinstance(x, int)), default=None)
            if item is not None:
                drop_items.add(loc[: item + 1])
            elif len(loc) > 2 and loc not in drop_keys:  # an optional field, perhaps: leave it out
                drop_keys.add(loc)
            else:
                return None, doc, problems, set()
        kept: dict[tuple[Any, ...], list[int]] = {}
        data = _without(doc.data, drop_items, drop_keys, (), kept)
        part = YamlDocument(doc.path, data, doc.tree, kept)
        try:
            body = model.model_validate(data)
        except ValidationError as again:
            errors = again.errors()
            continue
        # the names left out: ids of list items, and keys of mappings (a profile or shift is named by its key)
        removed = {str(_at(doc.data, loc).get("id")) for loc in drop_items if isinstance(_at(doc.data, loc), dict)}
        removed |= {str(loc[-1]) for loc in drop_keys}
        return body, part, problems, removed - {"None"}
    return None, doc, problems, set()


def _walkable(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The longest start of ``loc`` that leads to a value in ``data`` (pydantic adds branch names)."""
    out: list[Any] = []
    node = data
    for part in loc:
        walks = ((isinstance(node, dict) and part in node)
                 or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)))
        if not walks:
            break
        node = node[part]
        out.append(part)
    return tuple(out)


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        data = data[part]
    return data


def _without(data: Any, drop_items: set[tuple[Any, ...]], drop_keys: set[tuple[Any, ...]], path: tuple[Any, ...],
             kept: dict[tuple[Any, ...], list[int]]) -> Any:
    """A copy of ``data`` without the list items and keys named (by their location in ``data``)."""
    if isinstance(data, dict):
        return {k: _without(v, drop_items, drop_keys, (*path, k), kept) for k, v in data.items()
                if (*path, k) not in drop_keys}
    if isinstance(data, list):
        idx = [i for i in range(len(data)) if (*path, i) not in drop_items]
        if len(idx) != len(data):
            kept[path] = idx
        return [_without(data[i], drop_items, drop_keys, (*path, i), kept) for i in idx]
    return data
