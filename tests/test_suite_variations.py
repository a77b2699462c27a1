"""Suite variations: storm return periods and single faults change the compiled drill as named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import break_file, copy_bundled

from drills.inputs.bundled import bundled_root
from drills.inputs.compile import load
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


# ---------------------------------------------------------------- the shifts that go underground during the run


def crew_size(suite, shift: str) -> int:
    return sum(c.count for c in suite.runs[0].loaded.site.shifts[shift])


def test_a_variation_brings_its_own_shift_down_instead_of_the_scenarios(tmp_path):
    suite = load_suite(write_suite(tmp_path, [{"id": "day", "time_of_day": "day", "shift": "day",
                                               "start_time": "2026-07-20T06:00:00",
                                               "entries": [{"at_s": 50400, "shift": "night"}]}]))
    [run] = suite.runs
    [(at_s, people)] = run.spec.entries
    assert at_s == 50400 and len(people) == crew_size(suite, "night") != crew_size(suite, "day")
    assert run.changes[-1] == "entries=night at 20:00 (+14:00:00)"
    assert ("entries", "day at 08:00 (+14:00:00)", "night at 20:00 (+14:00:00)") in run.changed


def test_a_variation_may_bring_no_shift_down(tmp_path):
    suite = load_suite(write_suite(tmp_path, [{"id": "none", "entries": []}]))
    assert suite.runs[0].spec.entries == ()
    assert suite.runs[0].changes == ("entries=none",)


def test_a_variation_starting_with_the_shift_the_scenario_brings_down_later_is_refused_at_its_shift(tmp_path):
    path = write_suite(tmp_path, [{"id": "day", "time_of_day": "day", "shift": "day",
                                   "start_time": "2026-07-20T06:00:00"}])
    with pytest.raises(InputError) as err:
        load_suite(path)
    [p] = err.value.problems
    assert p.field == "suite.runs[0].variations[0].shift" and p.line is not None
    assert p.message.startswith("this run starts with shift 'day' underground, and the scenario's entries bring "
                                "'day' in again at 20:00 (+14:00:00): give the variation the entries of its own hours")


@pytest.mark.parametrize(("entry", "says"), [
    ({"at_s": 50400, "shift": "nigth"}, "no shift 'nigth' in the site; did you mean 'night'?"),
    ({"at_s": 50400, "shift": "night"}, "shift 'night' is underground from the start of this run"),
])
def test_a_variations_entry_of_an_unknown_or_the_same_shift_is_refused_at_it(tmp_path, entry, says):
    with pytest.raises(InputError) as err:
        load_suite(write_suite(tmp_path, [{"id": "v", "entries": [entry]}]))
    [p] = err.value.problems
    assert p.field == "suite.runs[0].variations[0].entries[0].shift" and says in p.message


FLOOD_FILES = {"scenario": Path("scenarios/flood_season_night.yaml"),
               "site": Path("scenarios/sites/qingshui_jinshan.yaml"), "plan": Path("plans/qingshui_jinshan_plan.yaml")}


def test_a_scenario_bringing_down_the_shift_already_there_is_refused_at_the_entry(tmp_path):
    paths = copy_bundled(tmp_path, FLOOD_FILES)
    line = break_file(paths["scenario"], "{at_s: 50400, shift: day}", "{at_s: 50400, shift: night}")
    with pytest.raises(InputError) as err:
        load(paths["scenario"])
    [p] = err.value.problems
    assert (p.line, p.field) == (line, "scenario.entries[0].shift")
    assert p.message == ("shift 'night' is underground from the start (scenario.shift): an entry brings in another "
                         "shift (the same crew cannot go down twice)")


def test_a_warning_about_a_fault_the_variation_adds_is_told_in_the_suite(tmp_path):
    # a power cut after the drill ends tests nothing: the warning points at the fault in the suite, which is where
    # it is written, not at the scenario's file (which has no such fault)
    path = write_suite(tmp_path, [{"id": "late", "faults": [{"kind": "mains_power", "at_s": 200000}]}])
    [run] = load_suite(path).runs
    [(file, line, field, message)] = [w for w in run.spec.meta.input_warnings if "after the drill ends" in w[3]]
    assert (file, field) == (str(path), "suite.runs[0].variations[0].faults[0].at_s")
    text = path.read_text(encoding="utf-8").splitlines()
    assert '"at_s": 200000' in text[line - 1]
    assert message.startswith("the fault at 200000 s comes after the drill ends")


@pytest.mark.parametrize(("field", "named", "said"), [
    ("scenario", "scenarios/sites/jinshan_mine.yaml", "jinshan_mine.yaml is a site file; give a scenario file"),
    ("plan", "scenarios/mine_inrush_day.yaml", "mine_inrush_day.yaml is a scenario file; give a plan file"),
])
def test_a_run_naming_the_wrong_kind_of_file_is_told_at_the_suite_s_line(tmp_path, field, named, said):
    run = {"scenario": str(bundled_root() / "scenarios" / "mine_inrush_day.yaml"), field: str(bundled_root() / named)}
    path = tmp_path / "suite.yaml"
    path.write_text(json.dumps({"suite": {"id": "t", "title": "t", "runs": [run]}}, indent=1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_suite(path)
    [p] = err.value.problems
    assert (p.file, p.field, p.message) == (str(path), f"suite.runs[0].{field}", said)  # not line 1 of that file
    assert p.line is not None and p.line > 1
