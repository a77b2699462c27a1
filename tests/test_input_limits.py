"""Inputs that fit the schema's types and bounds but that the simulation cannot take are told at their file, line
and field, never by a traceback: a normal distribution cut to an empty range (its ``high`` below its ``low``), a
pond with no surface above its bottom, a monitored point with no readings or readings out of time order. Readings
of a point that no monitoring item of the plan has are read by nothing: a plausibility warning names the known
points.

Each case breaks a copy of a bundled example (found by fuzzing such copies: each crashed ``drill run``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import FLOOD_FILES, MINE_FILES, assert_input_failure, break_file, copy_bundled
from typer.testing import CliRunner

from drills.cli import app
from drills.inputs.base import dist_or_number
from drills.inputs.compile import load, load_drill
from drills.inputs.plausibility import warnings_of
from drills.inputs.problems import InputError, Problem

runner = CliRunner()

DELAY = "decision_delay_s: {dist: lognormal, median: 180, p95: 900}"  # the mine plan's dispatcher
STAGE_AREA = "stage_area: [[110, 0], [130, 250000], [140, 400000]]"  # the flood site's pond
HAZARD = "  hazard:\n"  # the flood scenario's; monitor_series goes on the line after it


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def refused(scenario: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load(scenario)
    return info.value.problems


def one_problem(scenario: Path, file: Path, line: int, field: str) -> str:
    """The one problem loading ``scenario`` gives, at ``file``, ``line`` and ``field``; its message."""
    problems = refused(scenario)
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    [p] = problems
    assert (Path(p.file).resolve(), p.line, p.field) == (file.resolve(), line, field), p
    return p.message


def with_series(tmp_path: Path, series: str) -> tuple[dict[str, Path], int]:
    """The flood example with ``monitor_series: <series>`` in its hazard; the copies and that line."""
    files = copy_bundled(tmp_path, FLOOD_FILES)
    line = break_file(files["scenario"], HAZARD, f"{HAZARD}    monitor_series: {series}\n") + 1
    return files, line


# ---------------------------------------------------------------- a normal distribution's high below its low


@pytest.mark.parametrize(("normal", "said"), [
    ("{dist: normal, mean: 10, sd: 1, high: -5}", "high must be at least low (got low 0, high -5)"),
    ("{dist: normal, mean: 60, sd: 20, low: 30, high: 20}", "high must be at least low (got low 30, high 20)"),
])
def test_a_normal_cut_to_an_empty_range_is_refused_at_its_field(tmp_path: Path, normal: str, said: str) -> None:
    """No value lies in [low, high]: the sampler gave high itself, a negative delay SimPy refused mid-run."""
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["plan"], DELAY, f"decision_delay_s: {normal}")
    message = one_problem(files["scenario"], files["plan"], line, "plan.roles[0].decision_delay_s")
    assert message == said


@pytest.mark.parametrize(("normal", "said"), [
    ("{dist: normal, mean: -100, sd: 10}", "mean -100 with sd 10 lies wholly below 0: every draw would be cut to 0; "
                                           "give a mean between low and high"),
    ("{dist: normal, mean: 900, sd: 60, high: 600}", "mean 900 with sd 60 lies wholly above 600: every draw would be "
                                                     "cut to 600; give a mean between low and high"),
])
def test_a_normal_wholly_outside_its_range_is_refused_at_its_field(tmp_path: Path, normal: str, said: str) -> None:
    """Every draw would be the bound itself: a fixed delay the planner did not write."""
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["plan"], DELAY, f"decision_delay_s: {normal}")
    assert one_problem(files["scenario"], files["plan"], line, "plan.roles[0].decision_delay_s") == said


@pytest.mark.parametrize("normal", ["{dist: normal, mean: 10, sd: 1, low: 5, high: 5}",
                                    "{dist: normal, mean: 10, sd: 1, high: 0}",
                                    "{dist: normal, mean: 10, sd: 1}"])
def test_a_normal_whose_high_is_at_least_its_low_still_loads(tmp_path: Path, normal: str) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    break_file(files["plan"], DELAY, f"decision_delay_s: {normal}")
    spec = load(files["scenario"]).plan.roles[0].decision_delay_s
    drawn = dist_or_number(spec).sample_n(np.random.default_rng(1), 200)
    assert (drawn >= 0).all() and (drawn <= (spec.high if spec.high < np.inf else 1e9)).all()


# ---------------------------------------------------------------- a pond with no surface above its bottom


BLOCK_ROWS = "stage_area:\n          - [110, {}]\n          - [{}, {}]\n          - [140, {}]"  # one row a line
NO_AREA = ("the pond's surface area at {} m must be greater than 0 (got {} m²): the water that comes in raises the "
           "level by its volume over this area; only the first row, the pond's bottom at 110 m, may have 0")


@pytest.mark.parametrize(("rows", "told"), [
    # a 0 or a negative area above the bottom: it was told at the list's head with every area listed ("stage_area
    # areas must be greater than 0 after the first row (got 0, 0, 400000)"), and a negative one as "greater than or
    # equal to 0", which a 0 does not mend
    ((0, 130, 0, 400000), [(2, "[1][1]", NO_AREA.format(130, 0))]),
    ((0, 130, -5, 400000), [(2, "[1][1]", NO_AREA.format(130, -5))]),
    ((0, 130, 0, 0), [(2, "[1][1]", NO_AREA.format(130, 0)), (3, "[2][1]", NO_AREA.format(140, 0))]),
    ((-1, 130, 250000, 400000), [(1, "[0][1]", "the pond's area at its bottom (the first stage_area row, at 110 m) "
                                               "may be 0 but not negative (got -1 m²)")]),
    # a level out of order and an area of 0 on other rows: each told at its own row
    ((0, 150, 0, 400000), [(2, "[1][1]", NO_AREA.format(150, 0)),
                           (3, "[2]", "stage_area levels must increase: this row is at 140 m, below the row before "
                                      "at 150 m")]),
])
def test_a_pond_area_of_0_above_its_bottom_is_told_at_its_own_row(tmp_path: Path, rows: tuple, told: list) -> None:
    files = copy_bundled(tmp_path, FLOOD_FILES)
    head = break_file(files["site"], STAGE_AREA, BLOCK_ROWS.format(*rows))
    problems = refused(files["scenario"])
    assert [(p.line, p.field, p.message) for p in problems] == [
        (head + row, f"site.dams[0].pond.stage_area{at}", said) for row, at, said in told]
    res = invoke("validate", files["scenario"], "--lang", "zh")
    assert res.exit_code == 2 and "Traceback" not in res.output, res.output
    assert f"{files['site']}:{head + told[0][0]}: site.dams[0].pond.stage_area{told[0][1]}: " in res.stderr
    assert "尾矿库在" in res.stderr or "库底" in res.stderr, res.stderr


@pytest.mark.parametrize(("old", "new", "said"), [
    ("spillway_crest_m: 138.6", "spillway_crest_m: 141", "spillway_crest_m (141 m) is above crest_elevation_m "
     "(140 m): it must be at or below the dam crest"),
    ("decant_invert_m: 134", "decant_invert_m: 145", "decant_invert_m (145 m) is above crest_elevation_m (140 m): "
     "it must be at or below the dam crest"),
])
def test_a_pond_level_above_the_dam_crest_is_refused_in_the_site(tmp_path: Path, old: str, new: str,
                                                                   said: str) -> None:
    # before, the spillway above the crest passed silently, and a crest below the spillway blamed the scenario's
    # starting level instead
    files = copy_bundled(tmp_path, FLOOD_FILES)
    break_file(files["site"], old, new)
    line = files["site"].read_text(encoding="utf-8").splitlines().index("      pond:") + 1
    assert one_problem(files["scenario"], files["site"], line, "site.dams[0].pond") == said


def test_a_pond_with_no_area_at_its_first_level_only_still_compiles(tmp_path: Path) -> None:
    """The bundled pond's first area is 0 (its bottom); a first area above 0 is as good."""
    files = copy_bundled(tmp_path, FLOOD_FILES)
    assert load(files["scenario"]).site.dams[0].pond.stage_area[0] == (110, 0)
    assert load_drill(files["scenario"], replications=1, seed=1).season is not None
    break_file(files["site"], STAGE_AREA, "stage_area: [[110, 1000], [130, 250000], [140, 400000]]")
    assert load_drill(files["scenario"], replications=1, seed=1).season is not None


# ---------------------------------------------------------------- a monitored point's readings


def test_a_monitored_point_without_readings_is_refused_at_the_point(tmp_path: Path) -> None:
    """It crashed compiling the season (IndexError): each point needs at least one reading."""
    files, line = with_series(tmp_path, "{gauge-1: []}")
    message = one_problem(files["scenario"], files["scenario"], line, "scenario.hazard.monitor_series.gauge-1")
    assert message == "List should have at least 1 item, not 0"


def test_readings_whose_times_do_not_increase_are_refused_at_the_point(tmp_path: Path) -> None:
    """They were read between as if in order: the readings at 100 s (twice) after the one at 5000 s."""
    files, line = with_series(tmp_path, "{gauge-1: [[5000, 10], [100, 500], [100, 7]]}")
    message = one_problem(files["scenario"], files["scenario"], line, "scenario.hazard.monitor_series.gauge-1[1][0]")
    assert message == ("monitor_series times must increase: this reading at 100 s comes after the reading before at "
                       "5000 s")


def test_readings_of_two_points_are_each_told_at_their_own_line(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, FLOOD_FILES)
    first = break_file(files["scenario"], HAZARD, f"{HAZARD}    monitor_series:\n      gauge-1: []\n"
                                                  "      fb-1: [[0, 1.5], [0, 1.4]]\n") + 2
    problems = refused(files["scenario"])
    assert [(p.line, p.field) for p in problems] == [(first, "scenario.hazard.monitor_series.gauge-1"),
                                                     (first + 1, "scenario.hazard.monitor_series.fb-1[1][0]")]
    assert problems[1].message == ("monitor_series times must increase: this reading at 0 s is at the same time as the "
                                   "reading before")


@pytest.mark.parametrize("series", ["{gauge-1: [[0, 40]]}", "{gauge-1: [[0, 0], [3600, 30], [7200, 120]]}"])
def test_one_reading_or_readings_in_order_compile_without_a_warning(tmp_path: Path, series: str) -> None:
    files, _ = with_series(tmp_path, series)
    assert [str(w) for w in warnings_of(load(files["scenario"]))] == []
    season = load_drill(files["scenario"], replications=1, seed=1).season
    assert season is not None and "point:gauge-1" in season.series


# ---------------------------------------------------------------- readings of a point the plan does not monitor


def test_readings_of_a_point_no_monitoring_item_has_are_a_warning_naming_the_known_points(tmp_path: Path) -> None:
    files, line = with_series(tmp_path, "{gauge1: [[0, 40]]}")
    [w] = warnings_of(load(files["scenario"]))
    assert (Path(w.file).resolve(), w.line, w.field) == (files["scenario"].resolve(), line,
                                                         "scenario.hazard.monitor_series.gauge1")
    assert w.message == ("no monitoring point 'gauge1' in the plan: these readings are read by nothing; known: "
                         "gauge-1, fb-1, fb-2, beach-1, inflow-1; did you mean 'gauge-1'?")


def test_the_warning_of_a_point_far_from_any_known_one_suggests_none(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, FLOOD_FILES)
    line = break_file(files["scenario"], HAZARD, f"{HAZARD}    monitor_series:\n      gauge-1: [[0, 40]]\n"
                                                 "      levee-9: [[0, 1]]\n") + 3
    [w] = warnings_of(load(files["scenario"]))
    assert (w.line, w.field) == (line, "scenario.hazard.monitor_series.levee-9")
    assert w.message.endswith("known: gauge-1, fb-1, fb-2, beach-1, inflow-1")


# ---------------------------------------------------------------- the commands


def test_validate_and_run_refuse_each_fault_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["plan"], DELAY, "decision_delay_s: {dist: normal, mean: 10, sd: 1, high: -5}")
    res = invoke("validate", files["scenario"])
    assert_input_failure(res, f"{files['plan']}:{line}: plan.roles[0].decision_delay_s: high must be at least low")
    out = tmp_path / "out"
    ran = invoke("run", files["scenario"], "-n", "2", "--out", out)
    assert_input_failure(ran, f"{files['plan']}:{line}:")
    assert not out.exists()

    flood = copy_bundled(tmp_path / "flood", FLOOD_FILES)
    area = break_file(flood["site"], STAGE_AREA, "stage_area: [[110, 0], [130, 0], [140, 400000]]")
    series = break_file(flood["scenario"], HAZARD, f"{HAZARD}    monitor_series: {{gauge-1: []}}\n") + 1
    res = invoke("run", flood["scenario"], "-n", "2", "--out", out)
    assert_input_failure(res, f"{flood['scenario']}:{series}: scenario.hazard.monitor_series.gauge-1:",
                         f"{flood['site']}:{area}: site.dams[0].pond.stage_area[1][1]:")
    assert not out.exists()


def test_the_faults_and_the_warning_in_chinese(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, FLOOD_FILES)
    area = break_file(files["site"], STAGE_AREA, "stage_area: [[110, 0], [130, 0], [140, 400000]]")
    series = break_file(files["scenario"], HAZARD, f"{HAZARD}    monitor_series: {{gauge-1: [[5000, 10], [100, 5]]}}\n")
    res = invoke("validate", "--lang", "zh", files["scenario"])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert res.stderr.splitlines() == [
        f"{files['scenario']}:{series + 1}: scenario.hazard.monitor_series.gauge-1[1][0]: monitor_series 中的读数时间须"
        "依次增大：此读数在 100 s，早于前一读数的 5000 s",
        f"{files['site']}:{area}: site.dams[0].pond.stage_area[1][1]: 尾矿库在 130 m 处的水面面积须大于 0（所填为 0 "
        "m²）：来水按其体积除以此面积抬高水位；只有第一行（库底，110 m）的面积可为 0",
        "共发现 2 个问题；未运行，也未写入任何文件。",
    ]

    mine = copy_bundled(tmp_path / "mine", MINE_FILES)
    line = break_file(mine["plan"], DELAY, "decision_delay_s: {dist: normal, mean: 10, sd: 1, high: -5}")
    res = invoke("validate", "--lang", "zh", mine["scenario"])
    assert res.exit_code == 2, res.output
    assert res.stderr.splitlines()[0] == (f"{mine['plan']}:{line}: plan.roles[0].decision_delay_s: high 不能小于 low"
                                          "（所填 low 为 0，high 为 -5）")

    warned = copy_bundled(tmp_path / "warned", FLOOD_FILES)
    at = break_file(warned["scenario"], HAZARD, f"{HAZARD}    monitor_series: {{gauge1: [[0, 40]]}}\n") + 1
    res = invoke("validate", "--lang", "zh", warned["scenario"])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[1:] == [
        f"  {warned['scenario']}:{at}: scenario.hazard.monitor_series.gauge1: 预案的监测项目中没有监测点 'gauge1'："
        "这些读数不会被任何监测项目读取；已有：gauge-1, fb-1, fb-2, beach-1, inflow-1；是否应为 'gauge-1'？"]
