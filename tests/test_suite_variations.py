"""Suite variations: storm return periods and single faults change the compiled drill as named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drills.inputs.bundled import bundled_root
from drills.inputs.problems import InputError
from drills.inputs.suite import load_suite


def write_suite(tmp_path: Path, variations: list[dict]) -> Path:
    scen = bundled_root() / "scenarios" / "flood_season_night.yaml"
    suite = {"suite": {"id": "t", "title": "t", "replications": 2,
                       "runs": [{"scenario": str(scen), "variations": variations}]}}
    path = tmp_path / "suite.yaml"
    path.write_text(json.dumps(suite, indent=1), encoding="utf-8")
    return path


def test_a_rarer_storm_rains_more(tmp_path):
    suite = load_suite(write_suite(tmp_path, [{"id": "p20", "storm_return_period_yr": 20},
                                              {"id": "p100", "storm_return_period_yr": 100}]))
    rain = {r.id.split("/")[1]: r.spec.season.hyetograph.total_mm for r in suite.runs}
    assert rain["p20"] < rain["p100"]
    assert [r.changes for r in suite.runs] == [("storm=20-year",), ("storm=100-year",)]


def test_a_fault_variation_adds_the_fault(tmp_path):
    fault = {"kind": "channel_down", "target": "siren-dam"}
    suite = load_suite(write_suite(tmp_path, [{"id": "f", "faults": [fault]}]))
    [run] = suite.runs
    assert [(f.kind, f.target) for f in run.spec.faults] == [("channel_down", "siren-dam")]


def test_a_fault_on_something_that_does_not_exist_is_located_in_the_suite(tmp_path):
    path = write_suite(tmp_path, [{"id": "f", "faults": [{"kind": "channel_down", "target": "no-such-siren"}]}])
    with pytest.raises(InputError) as err:
        load_suite(path)
    [p] = err.value.problems
    assert p.file == str(path) and p.field == "suite.runs[0].variations[0].faults[0].target"
    assert "no-such-siren" in p.message and p.line is not None


def test_a_storm_variation_needs_a_design_storm(tmp_path):
    scen = bundled_root() / "scenarios" / "mine_inrush_day.yaml"
    path = tmp_path / "suite.yaml"
    path.write_text(json.dumps({"suite": {"id": "t", "title": "t", "runs": [
        {"scenario": str(scen), "variations": [{"id": "s", "storm_return_period_yr": 50}]}]}}), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_suite(path)
    assert "no design storm" in err.value.problems[0].message
