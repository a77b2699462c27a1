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
from conftest import DAM_FILES, MINE_FILES, values_in
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
#: the scenario parts no bundled file writes (an order of its own, every kind of fault, the behaviour and the
#: weather), written into a copy of a bundled drill; their numbers get the same extreme values
EXTRAS: dict[str, tuple[str, dict[str, Any]]] = {
    "mine+": ("mine", {
        "order": {"at_s": 600, "channels": ["mine-pa", "station-phones"]},
        "faults": [
            {"kind": "mains_power", "at_s": 300, "duration_s": 900, "probability": 0.5},
            {"kind": "channel_down", "target": "cap-lamp-paging", "at_s": 0, "duration_s": 1200, "probability": 0.5},
            {"kind": "link_cut", "target": "d120_st_j", "at_s": 60, "duration_s": 600, "probability": 0.5},
            {"kind": "role_absent", "target": "dispatcher", "at_s": 0, "duration_s": 3600, "probability": 0.5},
            {"kind": "hoist_out", "target": "main-cage", "at_s": 900, "duration_s": 1800, "probability": 0.5}],
        "behaviour": {"response_delay_s": {"miner": 90}, "crew_relay_s": 30, "water_cue_depth_m": 0.05,
                      "compliance": {"miner": 0.9}}}),
    "dam+": ("dam", {
        "order": {"at_s": 300},
        "weather": {"rain": "heavy"},
        "faults": [
            {"kind": "mobile_network", "at_s": 0, "duration_s": 1800, "probability": 0.5},
            {"kind": "channel_down", "target": "siren-dam", "at_s": 0, "duration_s": 600, "probability": 0.5}],
        "behaviour": {"response_delay_s": {"adult": 600}, "neighbour_relay_s": 300, "neighbours_told": 2,
                      "compliance": {"adult": 0.9, "elderly": 0.8}}}),
    "season+": ("season", {
        "faults": [
            {"kind": "sensor_failed", "target": "fb-1", "at_s": 0, "duration_s": 3600, "probability": 0.5},
            {"kind": "monitoring_down", "at_s": 3600, "duration_s": 1800, "probability": 0.5}]}),
}
#: far above any real value, and far below (for steps and periods, where the tiny value is the costly one)
HUGE, TINY = 1e12, 1e-9


def _numbers(node: Any) -> Iterator[tuple[tuple, Any]]:
    return ((at, v) for at, v in values_in(node) if isinstance(v, int | float) and not isinstance(v, bool))


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


def _load(drill: str, kind: str, yaml: YAML) -> Any:
    """A file of a bundled drill as ``yaml`` reads it, with the scenario parts of :data:`EXTRAS` written in."""
    base, extra = EXTRAS.get(drill, (drill, {}))
    data = yaml.load((bundled_root() / SETS[base][kind]).read_text(encoding="utf-8"))
    if kind == "scenario":
        data["scenario"].update(extra)
    return data


def _cases() -> list[Any]:
    """One case per field of each bundled drill (the first place it is written), with each extreme value; for
    the drills of :data:`EXTRAS`, one per field of the parts they write in."""
    yaml = YAML(typ="safe")
    out = []
    for name in (*SETS, *EXTRAS):
        base, extra = EXTRAS.get(name, (name, {}))
        files = SETS[base]
        seen = set()
        for kind in files:
            data = _load(name, kind, yaml)
            for at, _ in _numbers(data):
                if extra and not (kind == "scenario" and at[1] in extra):
                    continue
                field = (kind, *("[]" if isinstance(p, int) else p for p in at))
                if field not in seen:
                    seen.add(field)
                    for value in (HUGE, TINY):
                        out.append(pytest.param(name, kind, at, value, id=f"{name}:{'.'.join(map(str, at))}={value:g}"))
            for at, kind_of in _left_out(data, MODELS[kind]):
                if extra and not (kind == "scenario" and at[1] in extra):
                    continue
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


def _copy(root: Path, drill: str, kind: str | None = None, at: tuple = (), value: float = 0.0) -> Path:
    """Copy ``drill``'s files into ``root`` (with :data:`EXTRAS` written in), set the number at ``at`` of the
    ``kind`` file to ``value`` (if a kind is given), and return the scenario's path."""
    files = SETS[EXTRAS.get(drill, (drill, {}))[0]]
    yaml = YAML()  # round trip: the other lines stay as written
    for k, rel in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        if k != kind and not (k == "scenario" and drill in EXTRAS):
            shutil.copyfile(bundled_root() / rel, root / rel)
            continue
        data = _load(drill, k, yaml)
        if k == kind:
            _set(data, at, value)
        with (root / rel).open("w", encoding="utf-8") as f:
            yaml.dump(data, f)
    return root / files["scenario"]


@pytest.mark.parametrize("drill", list(EXTRAS))
def test_the_parts_written_in_are_valid_and_run(tmp_path: Path, drill: str) -> None:
    """Else every case of that drill would be refused whatever its number, and test nothing."""
    spec = load_drill(_copy(tmp_path, drill))
    _, extra = EXTRAS[drill]
    assert len(spec.faults) == len(extra.get("faults", []))
    result = run_drill(spec, 0, 1)
    assert len(result.people) == len(spec.people)


@pytest.mark.parametrize(("drill", "kind", "at", "value"), _cases())
def test_an_out_of_range_number_is_refused_or_runs(tmp_path: Path, drill: str, kind: str, at: tuple,
                                                   value: float) -> None:
    try:
        spec = load_drill(_copy(tmp_path, drill, kind, at, value))
    except InputError as e:
        assert e.problems and all(p.file and p.message for p in e.problems)
        return
    result = run_drill(spec, 0, 1)
    assert len(result.people) == len(spec.people)
