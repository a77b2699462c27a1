"""Every number of the bundled inputs set to a value far out of range, one at a time: the inputs are refused with
located problems (exit 2 on the command line), or the drill runs; never a traceback.

A slip of units (a duration in ms, a height in mm) or a power of ten too many is the planner's likeliest wrong
number. Before the tool's limits (:mod:`drills.inputs.base`), a link 1e12 m high, a drill 1e12 s long, a crew of
1e12 people, a storm step or a polling period of 1e-9 s each ended in a MemoryError traceback or hours of work;
an exploratory fuzzer found them, and this test keeps every number of the three bundled drills covered, and every
optional number the bundled files leave out, written into each part of a file that could hold it.
"""

from __future__ import annotations

import shutil
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DAM_FILES, MINE_FILES
from pydantic import BaseModel
from ruamel.yaml import YAML

from drills.inputs.bundled import bundled_root
from drills.inputs.compile import load_drill
from drills.inputs.plan import PlanFile
from drills.inputs.problems import InputError
from drills.inputs.scenario import ScenarioFile
from drills.inputs.site import SiteFile
from drills.model.drill import run_drill

SEASON_FILES = {"scenario": Path("scenarios/flood_season_night.yaml"),
                "site": Path("scenarios/sites/qingshui_jinshan.yaml"), "plan": Path("plans/qingshui_jinshan_plan.yaml")}
SETS = {"mine": MINE_FILES, "dam": DAM_FILES, "season": SEASON_FILES}
#: far above any real value, and far below (for steps and periods, where the tiny value is the costly one)
HUGE, TINY = 1e12, 1e-9


def _numbers(node: Any, at: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _numbers(v, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _numbers(v, (*at, i))
    elif isinstance(node, int | float) and not isinstance(node, bool):
        yield at, node


MODELS: dict[str, type[BaseModel]] = {"site": SiteFile, "plan": PlanFile, "scenario": ScenarioFile}


def _one_type(t: Any) -> Any:
    """``X`` of ``X | None``; None for a union of several types (a number or a distribution)."""
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(t) if a is not type(None)]
        return rest[0] if len(rest) == 1 else None
    return t


def _models_of(t: Any) -> Iterator[tuple[str, type[BaseModel]]]:
    """How to reach the models a field holds: "" (the value itself), "[]" (each item), "{}" (each value) or
    "{}[]" (each item of each value)."""
    t = _one_type(t)
    if isinstance(t, type) and issubclass(t, BaseModel):
        yield "", t
    elif typing.get_origin(t) is list:
        for how, m in _models_of(typing.get_args(t)[0]):
            yield "[]" + how, m
    elif typing.get_origin(t) is dict:
        for how, m in _models_of(typing.get_args(t)[1]):
            yield "{}" + how, m


def _left_out(data: Any, model: type[BaseModel], at: tuple = ()) -> Iterator[tuple[tuple, type]]:
    """The optional numbers ``model`` could hold that ``data`` (a mapping of it) leaves out, and the same below."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            if _one_type(info.annotation) in (int, float):
                yield (*at, key), _one_type(info.annotation)
            continue
        for how, sub in _models_of(info.annotation):
            values: list[tuple[tuple, Any]] = [((*at, key), data[key])]
            for step in how:
                if step == "[":
                    values = [((*p, i), x) for p, v in values if isinstance(v, list) for i, x in enumerate(v)]
                elif step == "{":
                    values = [((*p, k), x) for p, v in values if isinstance(v, dict) for k, x in v.items()]
            for p, v in values:
                if isinstance(v, dict):
                    yield from _left_out(v, sub, p)


def _cases() -> list[Any]:
    """One case per field of each bundled drill (the first place it is written), with each extreme value."""
    yaml = YAML(typ="safe")
    out = []
    for name, files in SETS.items():
        seen = set()
        for kind, rel in files.items():
            for at, _ in _numbers(yaml.load((bundled_root() / rel).read_text(encoding="utf-8"))):
                field = (kind, *("[]" if isinstance(p, int) else p for p in at))
                if field not in seen:
                    seen.add(field)
                    for value in (HUGE, TINY):
                        out.append(pytest.param(name, kind, at, value, id=f"{name}:{'.'.join(map(str, at))}={value:g}"))
            data = yaml.load((bundled_root() / rel).read_text(encoding="utf-8"))
            for at, kind_of in _left_out(data, MODELS[kind]):
                field = (kind, "absent", *("[]" if isinstance(p, int) else p for p in at))
                if field not in seen:
                    seen.add(field)
                    for value in (HUGE, TINY):
                        v: float = int(value) if kind_of is int and value >= 1 else value
                        out.append(pytest.param(name, kind, at, v, id=f"{name}:+{'.'.join(map(str, at))}={value:g}"))
    return out


def _set(data: Any, at: tuple, value: float) -> None:
    for p in at[:-1]:
        data = data[p]
    data[at[-1]] = value


@pytest.mark.parametrize(("drill", "kind", "at", "value"), _cases())
def test_an_out_of_range_number_is_refused_or_runs(tmp_path: Path, drill: str, kind: str, at: tuple,
                                                   value: float) -> None:
    files = SETS[drill]
    for rel in files.values():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundled_root() / rel, tmp_path / rel)
    yaml = YAML()  # round trip: the other lines stay as written
    path = tmp_path / files[kind]
    data = yaml.load(path.read_text(encoding="utf-8"))
    _set(data, at, value)
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    try:
        spec = load_drill(tmp_path / files["scenario"])
    except InputError as e:
        assert e.problems and all(p.file and p.message for p in e.problems)
        return
    result = run_drill(spec, 0, 1)
    assert len(result.people) == len(spec.people)
