"""The ``drill`` command: exit codes, located messages, no traceback, nothing written on bad input.

In the fastapi-cli manner, most tests run the real command through typer's test runner; one patches the
heavy call (the exercise) and checks that the options reach it. The end-to-end runs use a few
replications so that every bundled example is run and its outputs written.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DAM_FILES, FLOOD_FILES, MINE_FILES, assert_input_failure, break_file, copy_bundled
from typer.testing import CliRunner

import drills.experiment.graded  # noqa: F401  (imported before any test patches run_exercise: see below)
from drills.cli import app
from drills.commands.examples import bundled_files
from drills.inputs.bundled import bundled_root, bundled_scenarios
from drills.inputs.compile import load
from drills.inputs.yamlfile import load_yaml

BAD = Path(__file__).parent / "data" / "bad"
SCENARIO = Path("scenarios/mine_inrush_day.yaml")
SITE = Path("scenarios/sites/jinshan_mine.yaml")
PLAN = Path("plans/jinshan_mine_plan.yaml")
MINE = bundled_root() / SCENARIO  # the underground example, for tests that need one scenario

runner = CliRunner()


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def line_of(path: Path, fragment: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(fragment) == 1, f"{fragment!r} must occur exactly once in {path}"
    return text[: text.index(fragment)].count("\n") + 1


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


# ---------------------------------------------------------------- drill validate


def bundled_inputs() -> list[tuple[str, Path]]:
    """Every bundled input file with its kind: scenarios, their sites, plans and suites."""
    root = bundled_root()
    return [
        *(("scenario", p) for p in sorted((root / "scenarios").glob("*.yaml"))),
        *(("site", p) for p in sorted((root / "scenarios" / "sites").glob("*.yaml"))),
        *(("plan", p) for p in sorted((root / "plans").glob("*.yaml"))),
        *(("suite", p) for p in sorted((root / "scenarios" / "suites").glob("*.yaml"))),
    ]


@pytest.mark.parametrize(("kind", "path"), bundled_inputs(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_validate_each_bundled_file(kind: str, path: Path) -> None:
    res = invoke("validate", path)
    assert res.exit_code == 0, res.output
    assert f"{path}: {kind} OK" in res.stdout
    assert res.stderr == ""


def test_validate_the_bundled_files_together() -> None:
    paths = [p for _, p in bundled_inputs()]
    assert len(paths) >= 3
    res = invoke("validate", *paths)
    assert res.exit_code == 0, res.output
    assert sum(1 for line in res.stdout.splitlines() if " OK" in line) == len(paths)


def test_validate_checks_every_run_of_a_suite(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path)
    suite = tmp_path / "suite.yaml"
    suite.write_text("suite:\n  id: s\n  title: t\n  runs:\n"
                     f"    - scenario: {files['scenario'].relative_to(tmp_path)}\n"
                     "      variations: [{id: day, title: day}]\n"
                     "    - scenario: scenarios/nowhere.yaml\n", encoding="utf-8")
    res = invoke("validate", suite)
    assert_input_failure(res, f"{suite}:7: suite.runs[1].scenario: file not found")
    (tmp_path / "other.yaml").write_text("suites: {}\n", encoding="utf-8")
    res = invoke("validate", tmp_path / "other.yaml")
    assert_input_failure(res, f"{tmp_path / 'other.yaml'}:1: expected one top-level key: 'site', 'plan', 'scenario' "
                              "or 'suite'")


def test_validate_checks_a_plan_in_full_beside_a_stray_key_and_tells_problems_top_down(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    route = break_file(f["plan"], "path: [stope360w, lad360, lad240, lad120, raise_top]",
                       "path: [stope360w, lad360, lad120, raise_top]")
    f["plan"].write_text("colour: red\n" + f["plan"].read_text(encoding="utf-8"), encoding="utf-8")
    res = invoke("validate", f["plan"], f["site"])
    assert_input_failure(res, f"{f['plan']}:1: colour: unexpected top-level key")
    assert f"{f['plan']}:{route + 1}: plan.evacuation.routes[1].path[2]: the route is not connected" in res.stderr
    assert res.stderr.index(":1: colour") < res.stderr.index("not connected")  # top to bottom of the file
    assert "2 problems found" in res.stderr


def test_a_stray_top_level_key_is_worded_the_same_by_run_and_validate(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    line = break_file(f["scenario"], "  monte_carlo:\n    replications: 500\n    seed: 20260720",
                      "monte_carlo:\n  replications: 500\n  seed: 20260720")
    says = (f"{f['scenario']}:{line}: monte_carlo: unexpected top-level key: a file holds one of 'site', 'plan', "
            "'scenario' or 'suite', and this one holds 'scenario'; if 'monte_carlo' belongs inside 'scenario', "
            "indent it like the lines above it\n")
    for command in ("validate", "run"):
        res = invoke(command, f["scenario"], *(["--out", tmp_path / "out"] if command == "run" else []))
        assert_input_failure(res, says)
        assert "1 problem found" in res.stderr
    assert not (tmp_path / "out").exists()


def test_validate_broken_yaml() -> None:
    path = BAD / "broken_yaml.yaml"
    res = invoke("validate", path)
    assert_input_failure(res, f"{path}:{line_of(path, 'name: Jinshan: metal')}: YAML syntax error")
    assert "1 problem found" in res.stderr


def test_validate_refuses_a_python_tag_without_running_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    canary = tmp_path / "pwned"
    monkeypatch.setenv("DRILL_TEST_PWNED", str(canary))
    path = BAD / "python_tag.yaml"
    res = invoke("validate", path)
    assert_input_failure(res, f"{path}:{line_of(path, 'unit: !!python')}: plan.unit: YAML tag")
    assert not canary.exists(), "the YAML tag was executed"


def test_validate_reports_every_problem_of_every_file() -> None:
    wrong, broken = BAD / "plan_wrong_types.yaml", BAD / "broken_yaml.yaml"
    res = invoke("validate", wrong, broken)
    assert_input_failure(
        res,
        f"{wrong}:{line_of(wrong, 'present_probability: 1.5')}: plan.roles[0].present_probability: ",
        f"{wrong}:{line_of(wrong, 'colour: red')}: plan.roles[0].colour: unknown field",
        f"{broken}:{line_of(broken, 'name: Jinshan: metal')}: YAML syntax error",
    )
    assert "3 problems found" in res.stderr


def test_validate_missing_file(tmp_path: Path) -> None:
    res = invoke("validate", tmp_path / "nowhere.yaml")
    assert_input_failure(res, f"{tmp_path / 'nowhere.yaml'}: file not found")


@pytest.mark.parametrize(("name", "folder"), [("dam_break_night.yaml", "scenarios"),
                                              ("flood_season_2026.yaml", "scenarios/suites"),
                                              ("qingshui_dam_plan.yaml", "plans")])
def test_a_bundled_name_typed_without_its_folder_is_pointed_to(tmp_path: Path, monkeypatch, name, folder) -> None:
    monkeypatch.chdir(tmp_path)  # the name is not a file here: the message says where the example is
    res = invoke("validate", name)
    assert_input_failure(res, f"{name}: file not found; the bundled example of that name is "
                              f"{bundled_root() / folder / name}")
    res = invoke("validate", Path("elsewhere") / name)  # a path the planner chose: no guess
    assert_input_failure(res, f"{Path('elsewhere') / name}: file not found")
    assert "bundled" not in res.stderr
    res = invoke("validate", Path(folder) / name)  # the README's path, typed where the examples are not
    assert_input_failure(res, f"{Path(folder) / name}: file not found; the bundled example of that name is "
                              f"{bundled_root() / folder / name}")
    res = invoke("validate", name.removesuffix(".yaml"))  # the name without its extension
    assert_input_failure(res, f"{name.removesuffix('.yaml')}: file not found; the bundled example of that name is "
                              f"{bundled_root() / folder / name}")


@pytest.mark.parametrize(("typed", "meant"), [("dam_break_nigth.yaml", "scenarios/dam_break_night.yaml"),
                                              ("scenarios/dam_brake_night.yaml", "scenarios/dam_break_night.yaml"),
                                              ("jinshan_mine_plan.yml", "plans/jinshan_mine_plan.yaml")])
def test_a_bundled_name_misspelt_is_pointed_to(tmp_path: Path, monkeypatch, typed: str, meant: str) -> None:
    monkeypatch.chdir(tmp_path)
    res = invoke("validate", typed)
    assert_input_failure(res, f"{typed}: file not found; did you mean the bundled example {bundled_root() / meant}?")
    res = invoke("validate", "no_such_drill.yaml")  # like no example: no guess
    assert_input_failure(res, "no_such_drill.yaml: file not found")
    assert "mean" not in res.stderr


def test_a_file_misspelt_beside_its_own_is_pointed_to_first(tmp_path: Path, monkeypatch) -> None:
    """In a copy of the examples a slip is the planner's own file's, not the bundled one's."""
    f = copy_bundled(tmp_path)
    monkeypatch.chdir(tmp_path)
    mine = f["scenario"].relative_to(tmp_path)
    typo = mine.with_name("mine_inrush_dya.yaml")
    res = invoke("validate", typo)
    assert_input_failure(res, f"{typo}: file not found; did you mean {mine}?")
    res = invoke("validate", mine.with_suffix(""))  # its extension left out
    assert_input_failure(res, f"{mine.with_suffix('')}: file not found; did you mean {mine}?")
    plan = f["scenario"].read_text(encoding="utf-8").replace("jinshan_mine_plan.yaml", "jinshan_mine_plan.yml")
    f["scenario"].write_text(plan, encoding="utf-8")  # a file that names another, misspelt
    res = invoke("validate", mine)
    assert_input_failure(res, f"{mine}:11: scenario.plan: plan file not found: scenarios/../plans/jinshan_mine_plan.yml"
                              "; did you mean scenarios/../plans/jinshan_mine_plan.yaml?")


def test_a_path_written_from_the_project_folder_in_a_file_is_pointed_to_as_from_the_file(tmp_path: Path,
                                                                                           monkeypatch) -> None:
    """``plan: plans/x.yaml`` in scenarios/ is looked for in scenarios/plans/: the message says how to write it."""
    f = copy_bundled(tmp_path)
    monkeypatch.chdir(tmp_path)
    mine = f["scenario"].relative_to(tmp_path)
    text = f["scenario"].read_text(encoding="utf-8")
    f["scenario"].write_text(text.replace("../plans/jinshan_mine_plan.yaml", "plans/jinshan_mine_plan.yaml"),
                             encoding="utf-8")
    res = invoke("validate", mine)
    assert_input_failure(res, f"{mine}:11: scenario.plan: plan file not found: scenarios/plans/jinshan_mine_plan.yaml; "
                              "did you mean ../plans/jinshan_mine_plan.yaml (a path in a file is relative to that "
                              "file's own folder)?")
    res = invoke("validate", mine, "--lang", "zh")
    assert res.exit_code == 2
    assert "是否应为 ../plans/jinshan_mine_plan.yaml（文件中的路径相对于该文件自身所在的文件夹）？" in res.stderr


def test_validate_checks_a_plan_against_the_site_given_with_it(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    line = break_file(
        f["plan"],
        "path: [stope360w, lad360, lad240, lad120, raise_top]",
        "path: [stope360w, lad360, lad120, raise_top]",
    )
    res = invoke("validate", f["site"], f["plan"])
    assert_input_failure(res, f"{f['plan']}:{line}: plan.evacuation.routes[1].path[2]: the route is not connected")
    assert "1 problem found" in res.stderr


def test_validate_plan_with_site_reports_a_wrong_type_and_a_misspelt_node_together(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    typed = break_file(f["plan"], "hear_probability: 0.7", "hear_probability: 70%")
    named = break_file(f["plan"], "exits: [collar, portal, raise_top]", "exits: [collar, portal, raise-top]")
    res = invoke("validate", f["site"], f["plan"])
    assert_input_failure(res, f"{f['plan']}:{typed}: plan.channels[0].hear_probability:",
                         f"{f['plan']}:{named}: plan.evacuation.exits[2]: no node 'raise-top' in the site")
    assert "2 problems found" in res.stderr


def test_validate_a_plan_alone_runs_every_check_that_needs_no_site(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    dup = break_file(f["plan"], "    - id: mine_manager\n", "    - id: shift_leader\n")
    level = break_file(f["plan"], "        threshold: 60\n        level: red\n",
                       "        threshold: 60\n        level: orange\n") + 1
    res = invoke("validate", f["plan"])
    assert_input_failure(res, f"{f['plan']}:{dup}: plan.roles[2].id: duplicate role id 'shift_leader'\n",
                         f"{f['plan']}:{level}: plan.warning.triggers[0].level: no actions are listed for level "
                         "'orange' in warning.actions_by_level\n")


def test_validate_a_plan_alone_says_what_was_not_checked(tmp_path: Path) -> None:
    res = invoke("validate", bundled_root() / PLAN)
    assert res.exit_code == 0, res.output
    assert res.stdout == (f"{bundled_root() / PLAN}: plan OK (without its site: give the site file of 'jinshan-mine' "
                          "too, or a scenario, to check its places)\n")


def test_validate_a_site_refuses_residents_with_no_way_to_high_ground(tmp_path: Path) -> None:
    site = Path(shutil.copyfile(bundled_root() / "scenarios" / "sites" / "qingshui_valley.yaml", tmp_path / "v.yaml"))
    break_file(site, "    - {id: xc_river,",
               "    - {id: island, kind: household, elevation_m: 90}\n    - {id: xc_river,")
    line = break_file(site, "  residents:\n", "  residents:\n    - {at: island, households: 3, members: {day: 1, "
                      "night: 3}}\n") + 1
    res = invoke("validate", site)
    assert_input_failure(res, f"{site}:{line}: site.residents[0].at: 'island' holds 3 households, but no passage "
                              "leads from it to an assembly point or out of the valley\n")
    assert "1 problem found" in res.stderr


def test_validate_checks_a_scenario_with_another_plan_as_drill_run_does(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    other = tmp_path / "myplan.yaml"
    shutil.copyfile(f["plan"], other)
    line = break_file(other, "refuges: [refuge360, refuge240]", "refuges: [refuge360, refuge_240]")
    res = invoke("validate", f["scenario"], "--plan", other)
    assert_input_failure(res, f"{other}:{line}: plan.evacuation.refuges[1]: no node 'refuge_240'")
    ok = invoke("validate", f["scenario"], "--plan", f["plan"])
    assert ok.exit_code == 0, ok.output
    assert f"scenario OK (with the plan {f['plan']})" in ok.stdout


def test_validate_checks_a_scenario_with_its_site_and_plan(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    line = break_file(f["scenario"], "  shift: day\n", "  shift: evening\n")
    res = invoke("validate", f["scenario"])
    assert_input_failure(res, f"{f['scenario']}:{line}: scenario.shift: no shift 'evening'")


def test_validate_tells_a_hydrograph_point_out_of_order_at_that_point(tmp_path: Path) -> None:
    """It was told at the list's head, three lines above, with every time listed: the planner had to find the
    point. The first point whose time does not increase is told, at its own line; a time written twice too."""
    f = copy_bundled(tmp_path)
    line = break_file(f["scenario"], "{t_s: 1200, inflow_m3ph: 12000}", "{t_s: 200, inflow_m3ph: 12000}")
    res = invoke("validate", f["scenario"])
    assert_input_failure(res, f"{f['scenario']}:{line}: scenario.hazard.inrush.hydrograph[2].t_s: hydrograph times "
                              "must increase: this point at 200 s comes after the point before at 300 s")
    assert res.stderr.count("must increase") == 1, res.stderr
    zh = invoke("validate", f["scenario"], "--lang", "zh")
    said = (f"{f['scenario']}:{line}: scenario.hazard.inrush.hydrograph[2].t_s: hydrograph 中的时间须依次增大：此点在 "
            "200 s，早于前一点的 300 s")
    assert zh.exit_code == 2 and said in zh.stderr.splitlines(), zh.output
    break_file(f["scenario"], "{t_s: 200, inflow_m3ph: 12000}", "{t_s: 1200, inflow_m3ph: 12000}")
    line = break_file(f["scenario"], "{t_s: 10800, inflow_m3ph: 12000}", "{t_s: 1200, inflow_m3ph: 12000}")
    assert_input_failure(invoke("validate", f["scenario"]),
                         f"{f['scenario']}:{line}: scenario.hazard.inrush.hydrograph[3].t_s: hydrograph times must "
                         "increase: this point at 1200 s is at the same time as the point before")


def test_validate_tells_a_stage_area_row_out_of_order_at_that_row(tmp_path: Path) -> None:
    """It was told at the list, with every level listed: in a table of many rows the planner had to find the slip.
    The first row whose level does not rise is told, at its own line, with the level before it."""
    f = copy_bundled(tmp_path, FLOOD_FILES)
    head = break_file(f["site"], "stage_area: [[110, 0], [130, 250000], [140, 400000]]",
                      "stage_area:\n          - [110, 0]\n          - [140, 250000]\n          - [130, 400000]")
    at = f"{f['site']}:{head + 3}: site.dams[0].pond.stage_area[2]: "
    res = invoke("validate", f["scenario"])
    assert_input_failure(res, at + "stage_area levels must increase: this row is at 130 m, below the row before at "
                                   "140 m\n")
    assert "1 problem found" in res.stderr, res.stderr
    zh = invoke("validate", f["scenario"], "--lang", "zh")
    said = at + "stage_area 中的水位须逐行升高：此行水位 130 m，低于上一行的 140 m"
    assert zh.exit_code == 2 and said in zh.stderr.splitlines(), zh.output
    break_file(f["site"], "- [140, 250000]", "- [110, 250000]")
    assert_input_failure(invoke("validate", f["scenario"]),
                         f"{f['site']}:{head + 2}: site.dams[0].pond.stage_area[1]: stage_area levels must increase: "
                         "this row is at 110 m, the same level as the row before\n")


@pytest.mark.parametrize(("files", "old", "seats", "node", "says"), [
    (MINE_FILES, 'level: "-360", capacity_persons: 50', "0", 26,
     "a refuge chamber needs at least one seat: capacity_persons is its seats (got 0)"),
    (MINE_FILES, 'level: "-360", capacity_persons: 50', "-5", 26,
     "a refuge chamber needs at least one seat: capacity_persons is its seats (got -5)"),
    (DAM_FILES, "capacity_persons: 400", "0", 6,  # on the line below the node's id: told at the field's own line
     "an assembly point holds at least one person: capacity_persons is how many it holds (got 0)"),
])
def test_validate_tells_a_refuge_with_no_seat_in_its_own_words(tmp_path: Path, files, old, seats, node, says) -> None:
    """It said only "Input should be greater than or equal to 1"; the seats are told by the kind of place."""
    f = copy_bundled(tmp_path, files)
    line = break_file(f["site"], old, old.replace(old.rsplit(": ", 1)[1], seats))
    res = invoke("validate", f["scenario"])
    assert_input_failure(res, f"{f['site']}:{line}: site.nodes[{node}].capacity_persons: {says}\n")
    assert "1 problem found" in res.stderr, res.stderr


@pytest.mark.parametrize(("old", "new", "field", "says"), [
    ("{at: pump360, count: 4,", "{at: pump360, count: 0,", "site.shifts.day[3].count",
     "a crew is at least one person: count is how many are at this place when the shift starts, and a place with "
     "nobody is left out of the shift (got 0)"),
    ("cage_capacity_persons: 30", "cage_capacity_persons: 0", "site.hoists[0].cage_capacity_persons",
     "a cage carries at least one person: cage_capacity_persons is how many one deck carries, its rated number from "
     "the hoist's plate, and a cage out of service is a hoist_out fault of the scenario (got 0)"),
    ("cage_capacity_persons: 30", "cage_capacity_persons: -2", "site.hoists[0].cage_capacity_persons",
     "a cage carries at least one person"),
])
def test_validate_tells_a_crew_or_a_cage_of_nobody_in_its_own_words(tmp_path: Path, old, new, field, says) -> None:
    """It said only "Input should be greater than or equal to 1": what the number is, and what to write instead."""
    f = copy_bundled(tmp_path)
    line = break_file(f["site"], old, new)
    res = invoke("validate", f["scenario"])
    assert_input_failure(res, f"{f['site']}:{line}: {field}: {says}")
    assert "greater than or equal" not in res.stderr
    assert "1 problem found" in res.stderr, res.stderr


def test_validate_reports_a_problem_once_when_a_file_is_reached_twice(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    break_file(
        f["plan"],
        "{action: evacuate_underground, owner: dispatcher}",
        "{action: evacuate_underground, owner: dispatcher, channels: [sirens]}",
    )
    res = invoke("validate", f["scenario"], f["site"], f["plan"])
    assert res.exit_code == 2, res.output
    assert res.stderr.count("no channel 'sirens'") == 1, res.stderr
    assert "1 problem found" in res.stderr


def test_validate_deeply_nested_yaml_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("plan: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    res = invoke("validate", path)
    assert_input_failure(res, f"{path}:1: ")


def test_validate_problem_at_line_100_keeps_its_line_number(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    line = break_file(
        f["plan"],
        "        refuge: refuge360\n      - id: r360-ladder",
        "        refuge: refuge999\n      - id: r360-ladder",
    )
    assert line == 100
    res = invoke("validate", f["site"], f["plan"])
    assert_input_failure(res, f"{f['plan']}:100: plan.evacuation.routes[0].refuge: 'refuge999' is not a refuge")


def test_validate_without_files_is_a_usage_error() -> None:
    res = invoke("validate")
    assert res.exit_code == 2
    assert "Traceback" not in res.output


# ---------------------------------------------------------------- drill run, bad input


def test_run_broken_yaml_writes_nothing(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path / "in")
    line = break_file(f["site"], "  name: Jinshan metal mine (example)", "  name: Jinshan: metal mine (example)")
    out = tmp_path / "out"
    res = invoke("run", f["scenario"], "-n", "3", "--out", out)
    assert_input_failure(res, f"{f['site']}:{line}: YAML syntax error")
    assert not out.exists()
    assert res.stdout == ""


def test_run_bad_cross_reference_writes_nothing_into_an_existing_folder(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path / "in")
    line = break_file(f["scenario"], "source: face360e", "source: face360w")
    out = tmp_path / "out"
    out.mkdir()
    res = invoke("run", f["scenario"], "-n", "3", "--out", out)
    assert_input_failure(res, f"{f['scenario']}:{line}: scenario.hazard.inrush.source: no node 'face360w'")
    assert files_under(out) == [] and list(out.iterdir()) == []


def test_run_with_a_broken_plan_option(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path / "in")
    line = break_file(f["plan"], "  site: jinshan-mine", "  site: tongshan-mine")
    out = tmp_path / "out"
    res = invoke("run", f["scenario"], "--plan", f["plan"], "-n", "3", "--out", out)
    assert_input_failure(res, f"{f['plan']}:{line}: plan.site: this plan is for site 'tongshan-mine'")
    assert not out.exists()


def test_a_plan_for_another_site_is_one_problem_not_one_per_place_of_that_site(tmp_path: Path) -> None:
    plan = bundled_root() / "plans" / "qingshui_dam_plan.yaml"  # the valley's places, none of them in the mine
    res = invoke("validate", bundled_root() / "scenarios" / "mine_inrush_day.yaml", "--plan", plan)
    assert res.exit_code == 2
    assert "this plan is for site 'qingshui-valley', but the scenario's site is 'jinshan-mine'" in res.stderr
    assert "1 problem found" in res.stderr and "no node" not in res.stderr


def test_run_with_a_plan_option_naming_no_file_blames_the_option(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = invoke("run", MINE, "--plan", tmp_path / "nope.yaml", "-n", "2", "--out", out)
    assert_input_failure(res)
    assert res.stderr.splitlines()[0] == f"--plan: file not found: {tmp_path / 'nope.yaml'}"
    assert str(MINE) not in res.stderr
    assert not out.exists()


def test_validate_with_a_plan_option_naming_a_folder_blames_the_option(tmp_path: Path) -> None:
    res = invoke("validate", MINE, "--plan", tmp_path)
    assert_input_failure(res)
    assert res.stderr.splitlines()[0] == f"--plan: {tmp_path} is a folder, not a file"


def test_a_missing_plan_option_is_reported_with_the_faults_of_a_broken_scenario(tmp_path: Path) -> None:
    f = copy_bundled(tmp_path)
    line = break_file(f["scenario"], "  shift: day\n", "  shift: [day\n")
    res = invoke("run", f["scenario"], "--plan", tmp_path / "nope.yaml")
    assert_input_failure(res, f"{f['scenario']}:{line}: YAML syntax error",
                         f"--plan: file not found: {tmp_path / 'nope.yaml'}")


def test_run_missing_scenario(tmp_path: Path) -> None:
    res = invoke("run", tmp_path / "nowhere.yaml", "--out", tmp_path / "out")
    assert_input_failure(res, f"{tmp_path / 'nowhere.yaml'}: file not found")
    assert not (tmp_path / "out").exists()


#: each command that runs replications, with the least it needs, for the checks made before anything runs
RUNS: dict[str, list[str | Path]] = {
    "run": ["run", MINE, "-n", "2"],
    "season": ["season", bundled_root() / "scenarios" / "suites" / "flood_season_2026.yaml", "-n", "2"],
    "recommend": ["recommend", MINE, "-n", "2"],
    "compare": ["compare", MINE, "-p", bundled_root() / PLAN, "-p", bundled_root() / PLAN, "-n", "2"],
}


@pytest.mark.parametrize("command", RUNS)
def test_an_unknown_language_is_one_message_before_anything_runs(
        command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_run(monkeypatch)
    res = invoke(*RUNS[command], "--lang", "xx", "--out", tmp_path / "out")
    assert res.exit_code == 2, res.output
    assert res.stderr == "--lang: unknown language 'xx'; use en or zh\n"
    assert "'xx'" in res.stderr and "Traceback" not in res.output and res.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option", [["-n", "0"], ["--seed", "-1"], ["--workers", "0"]], ids=["n0", "seed-1", "w0"])
def test_run_rejects_out_of_range_options(tmp_path: Path, option: list[str]) -> None:
    res = invoke("run", MINE, *option, "--out", tmp_path / "out")
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- --out that cannot be used: found before anything runs


def bad_out_folders(tmp_path: Path) -> list[tuple[Path, str]]:
    """Output folders that cannot be made or written, with what the message must say."""
    afile = tmp_path / "afile"
    afile.write_text("the planner's notes\n", encoding="utf-8")
    cases = [(afile, f"--out: {afile} is a file, not a folder"),
             (afile / "sub", f"--out: {afile} is a file, so the folder {afile / 'sub'} cannot be made in it")]
    if Path("/proc/self").is_dir():  # Linux: a folder that takes no new folders, even for root
        cases.append((Path("/proc/drilltest"),
                      "--out: cannot make the folder /proc/drilltest in /proc: it takes no new folders"))
    return cases


def refuse_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every command's heavy call fail the test if it is reached."""
    def ran(*a, **kw):
        raise AssertionError("the command ran although --out cannot be used")

    targets = ("drills.experiment.exercise.run_exercise", "drills.experiment.season.run_season",
               "drills.experiment.recommendation.recommend", "drills.experiment.recommendation.compare_plans")
    for target in targets:  # imported before any fake is in place: a module binding run_exercise would keep it
        importlib.import_module(target.rsplit(".", 1)[0])
    for target in targets:
        monkeypatch.setattr(target, ran)


@pytest.mark.parametrize("command", RUNS)
def test_an_unusable_out_folder_is_refused_before_anything_runs(
        command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_run(monkeypatch)
    for out, says in bad_out_folders(tmp_path):
        res = invoke(*RUNS[command], "--out", out)
        assert res.exit_code == 2, res.output
        assert "Traceback" not in res.output and res.stdout == ""
        assert res.stderr == f"{says}; nothing was run or written.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "the planner's notes\n"


def test_a_folder_that_can_be_made_is_not_made_by_the_check(tmp_path: Path) -> None:
    from drills.experiment.staging import unwritable

    assert unwritable(tmp_path / "new" / "deeper") is None
    assert unwritable(tmp_path) is None
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- an output folder used again


def test_a_run_into_a_used_folder_leaves_none_of_the_earlier_runs_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")  # the planner's own file
    mine = invoke("run", MINE, "-n", "2", "--animate", "--out", out)
    assert mine.exit_code == 0, mine.output
    assert {"animation.gif", "figures/cage.png", "figures/section.png"} <= {
        p.relative_to(out).as_posix() for p in files_under(out)}
    dam = invoke("run", bundled_root() / "scenarios" / "dam_break_night.yaml", "-n", "2", "--out", out)
    assert dam.exit_code == 0, dam.output
    now = {p.relative_to(out).as_posix() for p in files_under(out)} - {".drill_outputs.json"}
    written = {"scorecard.json", "outcomes.csv", "report.pdf"} | {
        f"figures/{p.name}" for p in (out / "figures").glob("*.png")}
    assert now == written | {"notes.txt"}
    assert "figures/map.png" in now and not {"animation.gif", "figures/cage.png", "figures/section.png"} & now
    assert json.loads((out / "scorecard.json").read_text(encoding="utf-8"))["scenario"]["id"] == "dam-break-night"


def test_only_files_drill_wrote_and_nobody_changed_are_removed(tmp_path: Path) -> None:
    from drills.experiment.staging import MANIFEST, write_staged

    def files(*names: str):
        def fill(tmp: Path) -> None:
            for name in names:
                (tmp / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp / name).write_text(f"drill's {name}\n", encoding="utf-8")
        return fill

    out = tmp_path / "out"
    outside = tmp_path / "outside.txt"
    outside.write_text("not in the folder\n", encoding="utf-8")
    assert set(write_staged(out, files("a.txt", "b.txt", "figures/x.png", "sub/y.png"))) == {
        "a.txt", "b.txt", "figures/x.png", "sub/y.png"}
    (out / "b.txt").write_text("the planner edited this\n", encoding="utf-8")
    (out / "figures" / "mine.png").write_text("the planner's\n", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["../outside.txt"] = manifest["files"]["a.txt"]  # a manifest edited by hand
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert set(write_staged(out, files("a.txt", "c.txt"))) == {"a.txt", "c.txt"}
    left = {p.relative_to(out).as_posix() for p in files_under(out)}
    assert left == {"a.txt", "b.txt", "c.txt", "figures/mine.png", MANIFEST}
    assert not (out / "sub").exists()  # emptied of drill's files, so removed
    assert outside.is_file()
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"].keys() == {"a.txt", "c.txt"}


def test_an_unreadable_manifest_removes_nothing(tmp_path: Path) -> None:
    from drills.experiment.staging import MANIFEST, write_staged

    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old\n", encoding="utf-8")
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    write_staged(out, lambda tmp: (tmp / "new.txt").write_text("new\n", encoding="utf-8"))
    assert (out / "old.txt").is_file() and (out / "new.txt").is_file()


# ---------------------------------------------------------------- drill run, options reach the exercise


def test_run_passes_options_to_the_exercise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fakes replace module attributes; a module first imported while they are in place would keep
    # them for good (drills.experiment.evaluation binds run_exercise at import), so the modules the run
    # command imports are imported at the top of this file.
    calls: dict[str, object] = {}

    def fake_run_exercise(spec, **kw):
        calls["spec"], calls["kw"] = spec, kw
        return "exercise"

    def fake_write_outputs(ex, card, out_dir, **kw):
        calls["write"] = (ex, card, Path(out_dir), kw)
        return {}

    monkeypatch.setattr("drills.experiment.exercise.run_exercise", fake_run_exercise)
    monkeypatch.setattr("drills.experiment.scorecard.scorecard", lambda ex: "card")
    monkeypatch.setattr("drills.experiment.outputs.write_outputs", fake_write_outputs)
    monkeypatch.setattr("drills.cli.print_scorecard", lambda *a: None)
    monkeypatch.setattr("drills.experiment.graded.graded", lambda card, *a: (card, None))
    monkeypatch.setattr("drills.cli.print_findings", lambda *a, **kw: None)
    out = tmp_path / "out"
    res = invoke("run", MINE, "-n", "5", "--seed", "11", "--workers", "3", "--lang", "zh", "--out", out)
    assert res.exit_code == 0, res.output
    spec = calls["spec"]
    assert (spec.replications, spec.seed) == (5, 11)
    assert calls["kw"]["workers"] == 3
    assert calls["kw"].get("replications") in (None, 5) and calls["kw"].get("seed") in (None, 11)
    assert calls["write"] == ("exercise", "card", out, {"lang": "zh", "animate": False})
    assert "随机种子 11 · 5 次重复 · 3 个工作进程" in res.stdout  # --lang zh: what it prints too


def test_run_defaults_come_from_the_scenario(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = {}
    monkeypatch.setattr(
        "drills.experiment.exercise.run_exercise", lambda spec, **kw: calls.update(spec=spec, kw=kw) or "exercise"
    )
    monkeypatch.setattr("drills.experiment.scorecard.scorecard", lambda ex: "card")
    monkeypatch.setattr("drills.experiment.outputs.write_outputs", lambda *a, **kw: {})
    monkeypatch.setattr("drills.cli.print_scorecard", lambda *a: None)
    monkeypatch.setattr("drills.experiment.graded.graded", lambda card, *a: (card, None))
    monkeypatch.setattr("drills.cli.print_findings", lambda *a, **kw: None)
    scenario = MINE
    res = invoke("run", scenario, "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    mc = load(scenario).scenario.monte_carlo
    assert (calls["spec"].replications, calls["spec"].seed) == (mc.replications, mc.seed)
    assert calls["kw"]["workers"] == 1
    assert f"seed {mc.seed} · {mc.replications} replications · 1 worker" in res.stdout


def test_run_prints_the_seed_it_was_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The real exercise runs; only the writing of files is left out."""
    monkeypatch.setattr("drills.experiment.outputs.write_outputs", lambda *a, **kw: {})
    res = invoke("run", MINE, "-n", "2", "--seed", "7", "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    assert "seed 7 · 2 replications" in res.stdout
    assert "2 replications, seed 7" in res.stdout  # the scorecard's title


# ---------------------------------------------------------------- drill run, every bundled example end to end


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda p: p.stem)
def test_run_every_bundled_example(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = invoke("run", scenario, "-n", "3", "--out", out)
    assert res.exit_code == 0, f"{res.output}\n{res.exception!r}"
    seed = load(scenario).scenario.monte_carlo.seed
    assert f"seed {seed} · 3 replications" in res.stdout
    for name in ("scorecard.json", "outcomes.csv", "report.pdf"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert list((out / "figures").glob("*.png"))
    card = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))
    assert (card["seed"], card["replications"]) == (seed, 3)
    assert not [p for p in out.iterdir() if p.name.startswith(".drill-")], "temporary folder left behind"


def test_examples_lists_every_bundled_scenario_with_its_title() -> None:
    res = invoke("examples")
    assert res.exit_code == 0, res.output
    suites = [bundled_root() / "scenarios" / "suites" / "flood_season_2026.yaml"]
    lines = res.stdout.splitlines()
    paths = [line.strip() for line in lines if line.startswith("  /") or line.startswith("  " + str(bundled_root()))]
    assert paths == [str(p) for p in [*bundled_scenarios(), *suites]]  # the README lists both
    for p in [*bundled_scenarios(), *suites]:  # each path with its own title on the next line
        title = load_yaml(p).data["suite" if p in suites else "scenario"]["title"]
        assert lines[lines.index(f"  {p}") + 1].strip() == title
    assert lines.index("suites (drill season FILE):") > lines.index(f"  {bundled_scenarios()[-1]}")


def test_examples_copy_gives_files_that_run_where_they_are_copied(tmp_path: Path) -> None:
    res = invoke("examples", "--copy", tmp_path / "mine")
    assert res.exit_code == 0, res.output
    copied = sorted(p.relative_to(tmp_path / "mine") for p in (tmp_path / "mine").rglob("*") if p.is_file())
    bundled = sorted(p.relative_to(bundled_root()) for folder in ("plans", "scenarios")
                     for p in (bundled_root() / folder).rglob("*.yaml"))
    assert copied == bundled and f"copied {len(copied)} files to {tmp_path / 'mine'}" in res.stdout
    assert all((tmp_path / "mine" / f).read_bytes() == (bundled_root() / f).read_bytes() for f in copied)
    # the scenarios still find their site and plan, and the suite its scenarios, beside them, not in the package
    ld = load(tmp_path / "mine" / "scenarios" / "mine_inrush_day.yaml")
    assert Path(ld.site_doc.path) == tmp_path / "mine" / "scenarios" / "sites" / "jinshan_mine.yaml"
    assert Path(ld.plan_doc.path) == tmp_path / "mine" / "plans" / "jinshan_mine_plan.yaml"
    res = invoke("validate", tmp_path / "mine" / "scenarios" / "suites" / "flood_season_2026.yaml")
    assert res.exit_code == 0, res.output


def test_examples_copy_never_overwrites_and_then_copies_nothing(tmp_path: Path) -> None:
    edited = tmp_path / "mine" / "plans" / "jinshan_mine_plan.yaml"
    edited.parent.mkdir(parents=True)
    edited.write_text("# my own plan\n", encoding="utf-8")
    res = invoke("examples", "--copy", tmp_path / "mine")
    assert res.exit_code == 2
    assert res.stderr.strip() == f"--copy: already there: {edited}; nothing was copied."
    assert edited.read_text(encoding="utf-8") == "# my own plan\n"
    assert [p for p in (tmp_path / "mine").rglob("*")] == [edited.parent, edited]  # nothing else, no temporary folder


def test_examples_in_chinese_keep_the_paths_and_titles_as_written(tmp_path: Path) -> None:
    english, chinese = invoke("examples").stdout.splitlines(), invoke("examples", "--lang", "zh").stdout.splitlines()
    assert len(chinese) == len(english)
    assert [line for line in chinese if line.startswith("  ")] == [line for line in english if line.startswith("  ")]
    assert chinese[0] == "演练情景（drill run 文件）：" and "演练组（drill season 文件）：" in chinese
    res = invoke("examples", "--copy", tmp_path / "mine", "--lang", "zh")
    assert res.exit_code == 0 and res.stdout.startswith(f"已复制 {len(bundled_files())} 个文件到 {tmp_path / 'mine'}：")
    res = invoke("examples", "--copy", tmp_path / "mine", "--lang", "zh")
    assert res.exit_code == 2
    assert res.stderr.strip().startswith(f"--copy：以下文件已存在：{tmp_path / 'mine' / bundled_files()[0]}, ")
    assert res.stderr.strip().endswith(f" 等（另有 {len(bundled_files()) - 3} 个）；未复制任何文件。"), res.stderr


# ---------------------------------------------------------------- output that scripts and editors read


def deep_copy_of_bundled(tmp_path: Path) -> dict[str, Path]:
    """The bundled files under a path longer than a terminal line."""
    root = tmp_path / ("a-folder-name-long-enough-to-pass-eighty-columns-" * 2)
    return copy_bundled(root)


def test_problem_line_is_not_wrapped_however_long_the_path(tmp_path: Path) -> None:
    f = deep_copy_of_bundled(tmp_path)
    line = break_file(f["scenario"], "  shift: day\n", "  shift: evening\n")
    res = invoke("validate", f["scenario"])
    message = "scenario.shift: no shift 'evening' in the site; known: day, night\n"
    assert_input_failure(res, f"{f['scenario']}:{line}: {message}")


def test_ok_line_is_not_wrapped_however_long_the_path(tmp_path: Path) -> None:
    f = deep_copy_of_bundled(tmp_path)
    res = invoke("validate", f["scenario"])
    assert res.exit_code == 0, res.output
    assert res.stdout == f"{f['scenario']}: scenario OK\n"


# ---------------------------------------------------------------- options a new planner reads in --help


def command_tree():
    """``drill`` and each of its commands as click sees them: (command name, "" for drill itself; command)."""
    import typer.main

    group = typer.main.get_command(app)
    return [("", group), *sorted(group.commands.items())]


def test_help_speaks_of_the_drill_not_of_the_code() -> None:
    """A planner reads ``--help``: it names the parts of the drill (``--max-faults`` listed its faults "in the order
    drills.experiment.robustness lists them"), never a module of the code."""
    for name, cmd in command_tree():
        for p in cmd.params:
            assert not re.search(r"drills\.\w+", getattr(p, "help", None) or ""), f"drill {name} {p.opts}: {p.help}"
        out = " ".join(invoke(*([name] if name else []), "--help").stdout.split())
        assert not re.search(r"drills\s*\.\s*\w+", out), f"drill {name} --help names a module of the code"


def test_boolean_options_are_flags_and_help_shows_no_value_for_them() -> None:
    for name, cmd in command_tree():
        for p in cmd.params:
            if p.param_type_name == "option" and p.type_descriptor.annotation is bool:
                assert p.is_flag, f"{name} {p.opts}: a boolean option must be a flag, not take a value"
        res = invoke(*([name] if name else []), "--help")
        assert res.exit_code == 0, res.output
        assert "<bool>" not in res.output, f"drill {name} --help shows a flag as taking a value:\n{res.output}"
    assert "--animate / --no-animate" in invoke("run", "--help").output


def test_animate_is_a_flag_that_takes_no_value(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: dict = {}

    def write_outputs(*args, **kw):
        calls["animate"] = kw.get("animate")
        return {}

    monkeypatch.setattr("drills.experiment.exercise.run_exercise", lambda spec, **kw: "exercise")
    monkeypatch.setattr("drills.experiment.scorecard.scorecard", lambda ex: "card")
    monkeypatch.setattr("drills.experiment.outputs.write_outputs", write_outputs)
    monkeypatch.setattr("drills.cli.print_scorecard", lambda *a: None)
    monkeypatch.setattr("drills.experiment.graded.graded", lambda card, *a: (card, None))
    monkeypatch.setattr("drills.cli.print_findings", lambda *a, **kw: None)
    res = invoke("run", MINE, "--animate", "-n", "2", "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    assert calls == {"animate": True}
    res = invoke("run", MINE, "--no-animate", "-n", "2", "--out", tmp_path / "out")
    assert res.exit_code == 0, res.output
    assert calls == {"animate": False}


def test_version_names_drill_and_what_it_runs_on() -> None:
    import platform
    from importlib.metadata import version

    from drills import __version__

    res = invoke("--version")
    assert res.exit_code == 0, res.output
    assert res.stdout == (f"drill {__version__} (Python {platform.python_version()}, SimPy {version('simpy')}, "
                          f"NumPy {version('numpy')})\n")


def test_every_option_of_every_command_has_help_and_says_its_default() -> None:
    for name, cmd in command_tree():
        ctx = cmd.context_class(cmd, info_name=name or "drill")
        for p in cmd.params:
            what = f"drill {name} {p.name}"
            assert (p.help or "").strip(), f"{what}: no help text"
            if p.param_type_name != "option" or p.hidden or p.required or p.name in ("help", "version"):
                continue
            record = p.get_help_record(ctx)
            assert record is not None and "default" in record[1], f"{what}: help does not give the default: {record}"


def test_options_with_one_meaning_have_one_name_and_one_help_text() -> None:
    shared = ("plan", "replications", "seed", "workers", "fault_replications", "max_faults", "lang", "cluster",
              "out")
    seen: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, cmd in command_tree():
        for p in cmd.params:
            if p.param_type_name == "option" and p.name in shared and not p.hidden:
                seen.setdefault(p.name, {})[name] = tuple(p.opts)
    for option, names in seen.items():
        assert len(set(names.values())) == 1, f"{option} is spelt differently: {names}"
    assert set(seen["fault_replications"]) == {"run", "recommend", "compare"}
    assert set(seen["max_faults"]) == {"run", "recommend", "compare"}
    group = command_tree()[0][1]
    workers = {group.commands[c].params[[p.name for p in group.commands[c].params].index("workers")].help
               for c in ("run", "season", "recommend", "compare")}
    assert len(workers) == 1


def test_replications_help_says_why_compare_and_recommend_need_two() -> None:
    for name in ("recommend", "compare"):
        res = invoke(name, MINE, "-p", PLAN, "-p", PLAN, "-n", "1") if name == "compare" else invoke(name, MINE,
                                                                                                      "-n", "1")
        assert res.exit_code == 2 and "Traceback" not in res.output
        assert "at least 2" in " ".join(invoke(name, "--help").stdout.split())
    for name in ("run", "season"):
        assert "at least 1" in " ".join(invoke(name, "--help").stdout.split())


def fake_faults_run(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Patch the exercise and the single-fault assessment of `drill run`; what assess was given is returned."""
    calls: dict = {}
    monkeypatch.setattr("drills.experiment.exercise.run_exercise",
                        lambda spec, **kw: type("Ex", (), {"results": (), "seed": spec.seed})())
    monkeypatch.setattr("drills.experiment.robustness.assess", lambda *a, **kw: calls.update(kw) or "rob")
    monkeypatch.setattr("drills.experiment.scorecard.scorecard", lambda ex: "card")
    monkeypatch.setattr("drills.experiment.outputs.write_outputs", lambda *a, **kw: {})
    monkeypatch.setattr("drills.cli.print_scorecard", lambda *a: None)
    monkeypatch.setattr("drills.experiment.graded.graded", lambda card, *a: (card, None))
    monkeypatch.setattr("drills.cli.print_findings", lambda *a, **kw: None)
    return calls


def test_run_fault_replications_and_its_old_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = fake_faults_run(monkeypatch)
    res = invoke("run", MINE, "-n", "2", "--fault-replications", "3", "--max-faults", "4", "--out", tmp_path)
    assert res.exit_code == 0, res.output
    assert (calls["replications"], calls["max_faults"]) == (3, 4)
    calls.clear()
    res = invoke("run", MINE, "-n", "2", "--faults", "5", "--out", tmp_path)  # the old name still works
    assert res.exit_code == 0, res.output
    assert (calls["replications"], calls["max_faults"]) == (5, 20)
    assert "--faults " not in invoke("run", "--help").stdout  # but is not offered any more
    calls.clear()
    res = invoke("run", MINE, "-n", "2", "--faults", "5", "--fault-replications", "3", "--out", tmp_path / "x")
    assert res.exit_code == 2 and "--faults is the old name of --fault-replications" in res.stderr
    assert calls == {} and not (tmp_path / "x").exists()


# ---------------------------------------------------------------- every output carries its seed


def test_outcomes_csv_carries_the_seed_in_its_first_column(tmp_path: Path) -> None:
    import csv

    from drills.experiment.exercise import run_exercise
    from drills.experiment.outputs import write_outcomes_csv
    from drills.inputs.compile import compile_drill

    ex = run_exercise(compile_drill(load(MINE), replications=2, seed=13))
    path = tmp_path / "outcomes.csv"
    write_outcomes_csv(ex, path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["seed", "replication", "person"]
    people = len(ex.spec.people)
    assert len(rows) == 1 + 2 * people
    assert {r[0] for r in rows[1:]} == {"13"}
    assert [r[1] for r in rows[1:]] == ["0"] * people + ["1"] * people


def test_outcomes_csv_keeps_each_fatality_probability_in_full(tmp_path: Path) -> None:
    """The expected fatalities added up from outcomes.csv are the report's: a LIFESim safe-zone rate of 0.0002
    was written as 0.0 and a chance-zone rate of 0.9123 as 0.9, with the times' one decimal."""
    import csv
    from dataclasses import replace

    from drills.experiment.exercise import ExerciseResult, run_exercise
    from drills.experiment.outputs import write_outcomes_csv
    from drills.inputs.compile import compile_drill

    ex = run_exercise(compile_drill(load(MINE), replications=1, seed=13))
    rates = [0.0002, 0.9123, 0.0]
    people = tuple(p._replace(fatality_p=rates[i % 3], water_s=1234.56) for i, p in enumerate(ex.results[0].people))
    ex = ExerciseResult(spec=ex.spec, seed=ex.seed, results=(replace(ex.results[0], people=people),))
    path = tmp_path / "outcomes.csv"
    write_outcomes_csv(ex, path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [float(r["fatality_p"]) for r in rows] == [p.fatality_p for p in people]
    assert {r["water_s"] for r in rows} == {"1234.6"}  # times keep their one decimal


class _Stop(Exception):
    """Raised by a stand-in loader once it has seen which file the command asked for."""


@pytest.mark.parametrize(("command", "target", "expected"), [
    ("season", "drills.inputs.suite.load_suite", "default_suite"),
    ("recommend", "drills.commands.revise._loaded", "default_scenario"),
])
def test_season_and_recommend_take_the_bundled_example_when_given_no_file(monkeypatch, command, target, expected):
    import drills.inputs.bundled as bundled

    asked: list[Path] = []

    def loader(path, *args, **kwargs):
        asked.append(Path(path))
        raise _Stop

    module, name = target.rsplit(".", 1)
    monkeypatch.setattr(importlib.import_module(module), name, loader)
    result = runner.invoke(app, [command])
    assert isinstance(result.exception, _Stop), result.output
    assert asked == [getattr(bundled, expected)()] and asked[0].is_file()


def test_tables_and_titles_show_brackets_as_written() -> None:
    """Rich reads "[a word …]" as markup and drops it: a revision tried under a fault ("[under …]") lost those
    words in the terminal, and a scenario titled "… [day shift]" would lose its last words."""
    from rich.console import Console

    from drills.commands.consoles import PlainTable, bold

    console = Console(record=True, width=120)
    table = PlainTable(title="[see note] revisions", title_justify="left")
    table.add_column("[c] revision")
    table.add_row("Name a deputy for dispatcher [under role_absent:dispatcher]")
    console.print(table)
    console.print(bold("Water inrush [day shift]"))
    shown = console.export_text()
    for words in ("[see note] revisions", "[c] revision", "[under role_absent:dispatcher]", "[day shift]"):
        assert words in shown, shown
