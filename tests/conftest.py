"""Builders for small drills with known answers.

Files are written as JSON (which is YAML) into a temporary folder and go through the same loader,
checks and compiler as a planner's files.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drills.commands.cluster import usable_cores
from drills.experiment.readings import Reading
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import load_drill
from drills.model.network import Link, Network, Node
from drills.model.spec import DrillSpec


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject's addopts) starts one test worker per core this run may use. pytest-xdist's own
    count asks psutil (which dask distributed installs) for the host's physical cores: in a container held to
    two CPUs on a big host, that started a worker per host core, each redoing the module fixtures (whole drills
    and reports) on the same two CPUs. PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set."""
    return int(os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") or usable_cores())


#: A bundled example's scenario, site and plan, each as a path below :func:`drills.inputs.bundled.bundled_root`.
MINE_FILES = {"scenario": Path("scenarios/mine_inrush_day.yaml"), "site": Path("scenarios/sites/jinshan_mine.yaml"),
              "plan": Path("plans/jinshan_mine_plan.yaml")}
DAM_FILES = {"scenario": Path("scenarios/dam_break_night.yaml"), "site": Path("scenarios/sites/qingshui_valley.yaml"),
             "plan": Path("plans/qingshui_dam_plan.yaml")}
FLOOD_FILES = {"scenario": Path("scenarios/flood_season_night.yaml"),
               "site": Path("scenarios/sites/qingshui_jinshan.yaml"),
               "plan": Path("plans/qingshui_jinshan_plan.yaml")}


def copy_bundled(root: Path, files: dict[str, Path] = MINE_FILES) -> dict[str, Path]:
    """Copy a bundled scenario, site and plan into ``root``, keeping their layout (the scenario's relative
    ``site:`` and ``plan:`` still resolve); return the copies by kind."""
    out = {}
    for kind, rel in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        out[kind] = Path(shutil.copyfile(bundled_root() / rel, root / rel))
    return out


def break_file(path: Path, old: str, new: str) -> int:
    """Replace the one ``old`` in ``path`` by ``new``; return the line where ``old`` began."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def values_in(data: Any, at: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every value of loaded YAML data, the mappings and lists too, with its location: (location, value)."""
    yield at, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from values_in(v, (*at, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from values_in(v, (*at, i))


def assert_input_failure(res: Any, *located: str) -> None:
    """A command refused its input: exit 2, each ``file:line: ...`` prefix on standard error, no traceback anywhere,
    and nothing run or written."""
    assert res.exit_code == 2, res.output
    assert isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    for where in located:
        assert where in res.stderr, f"{where!r} not in:\n{res.stderr}"
    assert "nothing was run or written" in res.stderr


def node(id: str, kind: str, z: float = 0.0, x: float = 0.0, **kw: Any) -> dict:
    return {"id": id, "kind": kind, "elevation_m": z, "x_m": x, **kw}


def link(id: str, a: str, b: str, length: float, width: float = 4.0, kind: str = "drift", **kw: Any) -> dict:
    return {"id": id, "kind": kind, "from": a, "to": b, "length_m": length, "width_m": width, **kw}


def base_site(nodes: list[dict], links: list[dict], crews: list[dict], **kw: Any) -> dict:
    return {"site": {"id": "test-site", "name": "Test site", "nodes": nodes, "links": links,
                     "profiles": [{"id": "miner", "speed_mps": 1.2, "speed_cv": 0.0}],
                     "shifts": {"day": crews}, **kw}}


def base_plan(routes: list[dict] | None = None, exits: list[str] | None = None, **kw: Any) -> dict:
    plan = {
        "id": "test-plan", "unit": "Test unit", "version": "1", "site": "test-site",
        "roles": [{"id": "dispatcher", "title": "Dispatcher", "decision_delay_s": 0}],
        "channels": [{"id": "paging", "type": "cap_lamp_paging", "activation_delay_s": 0}],
        "evacuation": {"exits": exits or ["out"], "routes": routes or []},
    }
    plan.update(kw)
    return {"plan": plan}


def base_scenario(duration_s: float = 7200, order_at_s: float | None = 0.0, shift: str | None = "day",
                  **kw: Any) -> dict:
    sc = {
        "id": "test-scenario", "title": "Test", "site": "site.yaml", "plan": "plan.yaml",
        "start_time": "2026-07-01T08:00:00", "duration_s": duration_s, "shift": shift,
        "hazard": {}, "behaviour": {"response_delay_s": {"miner": 0}, "crew_relay_s": 0},
        "monte_carlo": {"replications": 1, "seed": 1},
    }
    if order_at_s is not None:
        sc["order"] = {"at_s": order_at_s}
    if shift is None:
        del sc["shift"]
    sc.update(kw)
    return {"scenario": sc}


def build_in(folder: Path, site: dict, plan: dict, scenario: dict) -> DrillSpec:
    """Write site, plan and scenario dicts into ``folder`` and compile them into a DrillSpec."""
    for name, data in (("site.yaml", site), ("plan.yaml", plan), ("scenario.yaml", scenario)):
        (folder / name).write_text(json.dumps(copy.deepcopy(data), indent=1), encoding="utf-8")
    return load_drill(folder / "scenario.yaml")


@pytest.fixture
def build(tmp_path: Path):
    """Write site, plan and scenario dicts and compile them into a DrillSpec."""

    def _build(site: dict, plan: dict, scenario: dict) -> DrillSpec:
        return build_in(tmp_path, site, plan, scenario)

    return _build


def valley(nodes: list[tuple[str, float]], links: list[tuple[str, str, float]]) -> Network:
    """A network built directly (no files) from (id, elevation) surface nodes and (from, to, length) footpaths."""
    nn = [
        Node(
            id=i,
            index=k,
            kind="surface",
            elevation_m=z,
            x_m=0.0,
            y_m=0.0,
            level=None,
            capacity_persons=None,
            supplies_h=None,
            void_volume_m3=0.0,
            void_height_m=0.0,
        )
        for k, (i, z) in enumerate(nodes)
    ]
    ix = {n.id: n.index for n in nn}
    ll = [
        Link(
            id=f"{a}-{b}",
            index=k,
            kind="footpath",
            a=ix[a],
            b=ix[b],
            length_m=length,
            width_m=4.0,
            height_m=3.0,
            capacity_override_pps=None,
            one_way=False,
        )
        for k, (a, b, length) in enumerate(links)
    ]
    return Network.build(nn, ll)


def reading(**kw: Any) -> Reading:
    """One replication's readings for the grading: a clean drill, with ``kw`` changed."""
    base: dict[str, Any] = dict(
        replication=0, at_risk=10, unsafe=0, late_warned=0, never_warned=0, share_warned_before_water=1.0,
        t100_after_order_s=60.0, order_latency_s=60.0, margin_min_s=3600.0, caught=0, expected_fatalities=0.0,
        county_report_s=600.0, county_limit_s=3600.0, local_notice_late=0, steps_expected=2, steps_on_time=2)
    base.update(kw)
    return Reading(**base)


class StatusLine:
    """Stands in for the status line a command shows on standard error while it runs (``err_console.status``):
    keeps every message it is given, first and updated, in order."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def __call__(self, message: str, **_: Any) -> StatusLine:
        self.said.append(message)
        return self

    def __enter__(self) -> StatusLine:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, message: str) -> None:
        self.said.append(message)


@pytest.fixture
def status_line(monkeypatch: pytest.MonkeyPatch) -> StatusLine:
    """What the commands show on their status line, kept (a pipe shows none)."""
    from drills.commands.consoles import err_console

    line = StatusLine()
    monkeypatch.setattr(err_console, "status", line)
    return line
