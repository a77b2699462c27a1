"""Plausibility warnings: a value that validates but cannot be right is named at its file, line and field,
with its plausible range; the command still runs (exit 0), and the outputs repeat the warning.

Each crafted input is a copy of a bundled example with one value changed, as a planner's slip would change it.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from conftest import (
    DAM_FILES,
    FLOOD_FILES,
    MINE_FILES,
    base_plan,
    base_scenario,
    base_site,
    break_file,
    build_in,
    copy_bundled,
    link,
    node,
)
from pypdf import PdfReader
from typer.testing import CliRunner

from drills.cli import app
from drills.experiment.i18n import Text
from drills.inputs.bundled import bundled_root, bundled_scenarios
from drills.inputs.compile import input_warnings, load, load_file
from drills.inputs.messages_zh import translate
from drills.inputs.plausibility import plan_warnings, pond_class, site_warnings, warnings_of
from drills.inputs.population import headcount
from drills.inputs.suite import load_suite

runner = CliRunner()


# ---------------------------------------------------------------- silent on the bundled examples


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda p: p.name)
def test_no_warning_on_a_bundled_scenario_with_its_site_and_plan(scenario: Path) -> None:
    assert [str(w) for w in warnings_of(load(scenario))] == []
    assert [str(w) for w in input_warnings(load(scenario))] == []  # nor once its flood is built


@pytest.mark.parametrize("path", sorted([*(bundled_root() / "plans").glob("*.yaml"),
                                         *(bundled_root() / "scenarios" / "sites").glob("*.yaml")]),
                         ids=lambda p: p.name)
def test_no_warning_on_a_bundled_site_or_plan(path: Path) -> None:
    kind, body, doc = load_file(path)
    found = site_warnings(body, doc) if kind == "site" else plan_warnings(body, doc)
    assert [str(w) for w in found] == []


# ---------------------------------------------------------------- each warning fires on its slip

#: (example, file, the text as written, the slip, field warned about, line offset from the slip, words in it)
SLIPS = [
    ("mine", "site", "{at: face360e, count: 8,", "{at: face360e, count: 20000,",
     "site.shifts.day[0].count", 0, "20000 people"),
    ("mine", "site", '"d120_j_ramp", kind: "drift", from: "j120", to: "ramp120", length_m: 50, width_m: 4.5',
     '"d120_j_ramp", kind: "drift", from: "j120", to: "ramp120", length_m: 50, width_m: 0.01',
     "site.links[1].width_m", 0, "a drift of 0.01 m"),
    ("mine", "site", '"d240_refuge", kind: "drift", from: "refuge240", to: "j240", length_m: 50,',
     '"d240_refuge", kind: "drift", from: "refuge240", to: "j240", length_m: 0.5,',
     "site.links[21].length_m", 0, "a drift of 0.5 m"),
    ("mine", "site", "  hoists:\n    - id: main-cage", "  profiles:\n    - {id: miner, speed_mps: 15}\n"
     "  hoists:\n    - id: main-cage", "site.profiles[0].speed_mps", 1, "walking speed of 15 m/s"),
    ("mine", "site", "      accel_mps2: 0.75", "      max_speed_mps: 50\n      accel_mps2: 0.75",
     "site.hoists[0].max_speed_mps", 0, "at most 12 m/s"),
    ("mine", "site", "cage_capacity_persons: 30", "cage_capacity_persons: 2000",
     "site.hoists[0].cage_capacity_persons", 0, "a deck of 2000 persons"),
    ("mine", "site", 'elevation_m: -358.9, level: "-360", capacity_persons: 50',
     'elevation_m: -358.9, level: "-360", capacity_persons: 900', "site.nodes[26].capacity_persons", 0,
     "AQ 2033-2011"),
    ("mine", "site", "stations: [collar, st120, st240, st360]", "stations: [collar, st240, st120, st360]",
     "site.hoists[0].stations[2]", 0, "listed from the collar downwards"),
    ("mine", "scenario", "  monte_carlo:", "  behaviour:\n    response_delay_s: {miner: 259200}\n  monte_carlo:",
     "scenario.behaviour.response_delay_s.miner", 1, "259200 s"),
    # minutes written as seconds: a drill of 3 min was run without a word
    ("mine", "scenario", "duration_s: 10800", "duration_s: 180", "scenario.duration_s", 0, "a drill of 180 s"),
    ("mine", "scenario", "{t_s: 1200, inflow_m3ph: 12000}", "{t_s: 1200, inflow_m3ph: 12000000}",
     "scenario.hazard.inrush.hydrograph[2].inflow_m3ph", 0, "Huayuan 2007"),
    ("mine", "plan", "decision_delay_s: {dist: lognormal, median: 180, p95: 900}",
     "decision_delay_s: {dist: lognormal, median: 259200, p95: 400000}", "plan.roles[0].decision_delay_s", 0,
     "a median of 259200 s"),
    ("mine", "plan", "  channels:\n", "  channels:\n    - {id: stench, type: stench_gas, start: collar, "
     "air_speed_mps: 200, coverage: [stope360w]}\n", "plan.channels[0].air_speed_mps", 1, "an air speed of 200 m/s"),
    ("dam", "site", "{id: road_xc_n, kind: road, from: xc_centre, to: xc_north, length_m: 180, width_m: 4,",
     "{id: road_xc_n, kind: road, from: xc_centre, to: xc_north, length_m: 180, width_m: 0.2,",
     "site.links[2].width_m", 0, "a road of 0.2 m"),
    ("dam", "site", "{at: xc_river, households: 24, members: {day: 1.3, night: 3.0}",
     "{at: xc_river, households: 24, members: {day: 1.3, night: 300}", "site.residents[2].members.night", 0,
     "300 people"),
    ("mine", "site", '{id: "d120_st_j", kind: "drift", from: "st120", to: "j120", length_m: 300,',
     '{id: "d120_st_j", kind: "drift", from: "st120", to: "j120", length_m: 30,', "site.links[0].length_m", 0,
     "'st120' and 'j120' are 300 m apart in a straight line"),
    ("dam", "site", "{id: road_xc_n, kind: road, from: xc_centre, to: xc_north, length_m: 180,",
     "{id: road_xc_n, kind: road, from: xc_centre, to: xc_north, length_m: 18,", "site.links[2].length_m", 0,
     "are 179 m apart"),
    ("dam", "plan", "      audible_radius_m: 1200\n", "      audible_radius_m: 1.2\n",
     "plan.channels[0].audible_radius_m", 0, "a hearing radius of 1.2 m"),
    ("dam", "site", "height_m: 40, stored_volume_m3: 3000000,", "height_m: 40, stored_volume_m3: 3,",
     "site.dams[0].stored_volume_m3", 0, "a tailings pond of 3 m³"),
    ("dam", "site", "stored_volume_m3: 3000000, pond_class: 4,", "stored_volume_m3: 3000000, pond_class: 5,",
     "site.dams[0].pond_class", 0, "its height gives class 4 and its volume class 4, so the pond is class 4 (or 3"),
    ("dam", "site", "stored_volume_m3: 3000000, pond_class: 4,", "stored_volume_m3: 3000000, pond_class: 2,",
     "site.dams[0].pond_class", 0, "pond_class 2 is not plausible for a dam 40 m high storing 3e+06 m³"),
]


@pytest.mark.parametrize(("example", "kind", "old", "new", "field", "offset", "words"), SLIPS,
                         ids=[s[4] for s in SLIPS])
def test_a_slip_gets_one_warning_at_its_file_line_and_field(
        tmp_path: Path, example: str, kind: str, old: str, new: str, field: str, offset: int, words: str) -> None:
    files = copy_bundled(tmp_path, MINE_FILES if example == "mine" else DAM_FILES)
    line = break_file(files[kind], old, new) + offset
    found = warnings_of(load(files["scenario"]))
    assert [(w.file, w.line, w.field) for w in found] == [(str(files[kind]), line, field)]
    assert words in found[0].message
    assert "not plausible" in found[0].message


def test_the_class_one_and_two_bands_cite_the_standard_that_set_them(tmp_path: Path) -> None:
    """Class 二 ending at 200 m and class 一 starting at 5 × 10⁸ m³ are GB 39496-2020 §4.5's revision of classes 一 and
    二 (its foreword: it changed the grading of 一等/二等 ponds; reference standards.md §0 and row 30); GB 50863-2013
    §3.2.1 puts every dam from 100 m in class 二. The warnings name the standard each band comes from, in both
    languages."""
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["site"], "height_m: 40, stored_volume_m3: 3000000,", "height_m: 400, stored_volume_m3: 3,")
    said = {w.field: w.message for w in warnings_of(load(files["scenario"]))}
    height, volume = said["site.dams[0].height_m"], said["site.dams[0].stored_volume_m3"]
    assert "class 二 dams are 100–200 m high (GB 39496-2020 §4.5)" in height
    assert "class 五 holds under 10⁶ m³ (GB 50863-2013 §3.2.1) and class 一 from 5 × 10⁸ m³ (GB 39496-2020 §4.5)" in (
        volume)
    assert "二等库坝高 100–200 m（GB 39496-2020 §4.5）" in translate(height)
    assert "一等库自 5 × 10⁸ m³ 起（GB 39496-2020 §4.5）" in translate(volume)


EMPTY_SHIFT = ("shift 'maintenance' has no crews, so no scenario can put anyone underground with it: give its crews "
               "({at: .., count: ..}), or leave the shift out if nobody works it")


def test_a_shift_with_no_crews_that_no_scenario_names_is_warned_of(tmp_path: Path) -> None:
    """A shift listed with no crews passed in silence: every scenario that names it is refused (nobody in the drill,
    an entry that brings nobody), so one that none names is a slip, its crews not written or written under another
    shift. Warned of at the shift, in both languages; the site alone too, and the scenario still runs."""
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["site"], "  shifts:\n", "  shifts:\n    maintenance: []\n") + 1
    found = warnings_of(load(files["scenario"]))
    assert [(w.file, w.line, w.field, w.message) for w in found] == [
        (str(files["site"]), line, "site.shifts.maintenance", EMPTY_SHIFT)]
    assert translate(EMPTY_SHIFT) == ("'maintenance' 班次没有任何班组，任何演练情景都无法用它安排人员下井：请填写其班组"
                                      "（{at: .., count: ..}），如该班次无人上班则删去此班次")
    _, body, doc = load_file(files["site"])
    assert [w.message for w in site_warnings(body, doc)] == [EMPTY_SHIFT]
    res = runner.invoke(app, ["validate", str(files["scenario"])])
    assert res.exit_code == 0 and f"{files['site']}:{line}: site.shifts.maintenance: {EMPTY_SHIFT}" in res.stderr


def test_a_shift_with_no_crews_a_scenario_names_beside_residents_is_not_warned_of(tmp_path: Path) -> None:
    """Beside the valley's residents a scenario may name a shift with nobody in it, a mine with nobody underground
    on purpose: that scenario is not warned of it."""
    files = copy_bundled(tmp_path, FLOOD_FILES)
    break_file(files["site"], "  shifts:\n", "  shifts:\n    maintenance: []\n")
    break_file(files["scenario"], "  shift: night\n", "  shift: maintenance\n")
    assert warnings_of(load(files["scenario"])) == []


def test_a_refuge_whose_floor_is_under_half_a_metre_above_its_roadway_is_warned_of(tmp_path: Path) -> None:
    """AQ 2033-2011 (§5.3–5.5, reference mine.md) puts a refuge chamber's floor at least 0.5 m above the roadway
    floor. The bundled mine's -240 refuge stood 0.35 m above the junction it opens off while its comment claimed the
    rule; a chamber 0.2 m above its shaft station is warned of at its elevation, in both languages, and one exactly
    0.5 m above is not."""
    files = copy_bundled(tmp_path, MINE_FILES)
    refuge = 'elevation_m: -358.9, level: "-360", capacity_persons: 50'
    line = break_file(files["site"], refuge, refuge.replace("-358.9", "-359.8"))
    found = warnings_of(load(files["scenario"]))
    assert [(w.file, w.line, w.field) for w in found] == [(str(files["site"]), line, "site.nodes[26].elevation_m")]
    said = found[0].message
    assert said.startswith("refuge 'refuge360' at -359.8 m is 0.20 m above 'st360' (-360 m), the roadway its "
                           "passage opens off: a refuge's floor is at least 0.5 m above the roadway floor "
                           "(AQ 2033-2011 §5.3–5.5)")
    assert translate(said).startswith("避险硐室 'refuge360'（标高 -359.8 m）仅高出其通道所连巷道 'st360'"
                                      "（-360 m）0.20 m")
    break_file(files["site"], refuge.replace("-358.9", "-359.8"), refuge.replace("-358.9", "-359.5"))
    assert warnings_of(load(files["scenario"])) == []


def test_a_level_with_the_wrong_sign_and_a_station_below_the_shaft(tmp_path: Path) -> None:
    """+360 m on the level labelled -360 and a workplace at +5 000 m (their links long enough to pass the length
    check), and a hoist station below the lowest place the shaft reaches."""
    site = tmp_path / "site.yaml"
    site.write_text(
        "site:\n"
        "  id: s\n"
        "  name: S\n"
        "  nodes:\n"
        "    - {id: collar, kind: collar, elevation_m: 0}\n"
        "    - {id: st1, kind: shaft_station, elevation_m: -100, level: '-100'}\n"
        "    - {id: st2, kind: shaft_station, elevation_m: -200, level: '-200'}\n"
        "    - {id: face, kind: workplace, elevation_m: 360, level: '-360'}\n"
        "    - {id: top, kind: workplace, elevation_m: 5000, x_m: 50}\n"
        "  links:\n"
        "    - {id: sh1, kind: shaft, from: collar, to: st1, length_m: 100, width_m: 5}\n"
        "    - {id: ramp, kind: ramp, from: collar, to: st2, length_m: 1500, width_m: 5}\n"
        "    - {id: dr, kind: drift, from: st1, to: face, length_m: 3000, width_m: 4}\n"
        "    - {id: dr2, kind: drift, from: st1, to: top, length_m: 6000, width_m: 4}\n"
        "  hoists:\n"
        "    - {id: cage, stations: [collar, st1, st2], cage_capacity_persons: 30}\n"
        "  shifts:\n"
        "    day: [{at: face, count: 10}]\n", encoding="utf-8")
    _, body, doc = load_file(site)
    found = {w.field: w for w in site_warnings(body, doc)}
    assert set(found) == {"site.nodes[3].elevation_m", "site.nodes[4].elevation_m", "site.hoists[0].stations[2]"}
    assert found["site.nodes[3].elevation_m"].line == 8
    assert "level '-360'" in found["site.nodes[3].elevation_m"].message
    assert found["site.nodes[4].elevation_m"].line == 9
    assert "5000 m above the highest way out (0 m)" in found["site.nodes[4].elevation_m"].message
    assert found["site.hoists[0].stations[2]"].line == 16
    assert "below the bottom of the shaft (-100 m" in found["site.hoists[0].stations[2]"].message


def test_a_shaft_station_labelled_with_the_level_below(tmp_path: Path) -> None:
    """A hillside mine with levels 1350 and 1300: the upper station of the cage is written on level '1300' (its
    elevation right). The label is within one level interval of its elevation, so only its neighbours tell."""
    nodes = [node("collar", "collar", 1402), node("st1350", "shaft_station", 1351.2, level="1300"),
             node("j1350", "junction", 1352.1, 300, level="1350"),
             node("w1350", "workplace", 1352.7, 500, level="1350"),
             node("st1300", "shaft_station", 1301.2, level="1300"),
             node("j1300", "junction", 1302.1, 300, level="1300"),
             node("ramp1330", "junction", 1326, 800, level="1300")]
    links = [link("sh1", "collar", "st1350", 51, 5, "shaft"), link("sh2", "st1350", "st1300", 50, 5, "shaft"),
             link("d1", "st1350", "j1350", 300), link("d2", "j1350", "w1350", 200),
             link("d3", "st1300", "j1300", 300), link("r1", "j1300", "ramp1330", 520, 5, "ramp")]
    path = tmp_path / "site.yaml"
    path.write_text(json.dumps(base_site(nodes, links, [{"at": "w1350", "count": 10}], hoists=[
        {"id": "cage", "stations": ["collar", "st1350", "st1300"], "cage_capacity_persons": 30}]), indent=1),
        encoding="utf-8")
    _, body, doc = load_file(path)
    found = {w.field: w for w in site_warnings(body, doc)}
    # the ramp's landing about midway between the levels keeps its label: only the station is told
    assert set(found) == {"site.nodes[1].level"}, [str(w) for w in found.values()]
    w = found["site.nodes[1].level"]
    lines = path.read_text(encoding="utf-8").splitlines()
    station = next(k for k, text in enumerate(lines) if '"st1350"' in text)
    assert w.line == next(k for k in range(station, len(lines)) if '"level"' in lines[k]) + 1
    assert w.message == ("'st1350' at 1351.2 m lies with the places of level '1350' (about 1352.4 m), not with those "
                         "of its own level '1300' (about 1302.1 m): a slip in the level or the elevation?")
    assert "中段 '1350'" in translate(w.message)


# ---------------------------------------------------------------- shown by the commands, kept in the outputs


def test_validate_prints_the_warning_and_exits_0(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["site"], "cage_capacity_persons: 30", "cage_capacity_persons: 2000")
    res = runner.invoke(app, ["validate", str(files["scenario"]), str(files["site"])])
    assert res.exit_code == 0, res.output
    assert f"{files['scenario']}: scenario OK" in res.stdout
    assert "1 plausibility warning:" in res.stderr
    # once, though the site is reached twice (with the scenario and on its own)
    assert res.stderr.count(f"{files['site']}:{line}: site.hoists[0].cage_capacity_persons: ") == 1
    assert "1 plausibility warning: a value that passes validation but looks like a data-entry slip (" in res.stderr
    break_file(files["site"], "{at: face360e, count: 8,", "{at: face360e, count: 20000,")
    res = runner.invoke(app, ["validate", str(files["scenario"])])
    assert "2 plausibility warnings: values that pass validation but look like data-entry slips (" in res.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_validate_warns_of_an_assembly_point_in_the_estimated_flood(tmp_path: Path, lang: str) -> None:
    """ap_xc_hill put on the valley floor by a slip: the built-in estimate floods it, which validate says, with
    the depth and the time after the breach of the central flood, at the plan's assembly point."""
    from drills.inputs.compile import _flood_recipe, _network

    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["site"], "elevation_m: 140, above_valley_floor_m: 50", "elevation_m: 90, above_valley_floor_m: 0")
    ld = load(files["scenario"])
    net, idx = _network(ld.site)
    flood = _flood_recipe(ld, idx)[0].build(net, 0.0)
    depth, _ = flood.node_peak(idx["ap_xc_hill"])
    minutes = flood.arrival_s[idx["ap_xc_hill"]] / 60
    res = runner.invoke(app, ["validate", str(files["scenario"]), "--lang", lang])
    assert res.exit_code == 0, res.output
    line = ld.plan_doc.line_of(("plan", "evacuation", "assembly_points", 0))
    where = f"{files['plan']}:{line}: plan.evacuation.assembly_points[0]: "
    said = {"en": (f"assembly point 'ap_xc_hill' lies in the path of the flood by the built-in estimate (Concha "
                   f"Larrauri & Lall 2018): {depth:.1f} m deep at its peak, {minutes:.1f} min after the breach"),
            "zh": (f"按内置估算（Concha Larrauri & Lall 2018），集合点 'ap_xc_hill' 位于洪水淹没范围内：溃坝后 "
                   f"{minutes:.1f} min 来水，最大水深 {depth:.1f} m")}[lang]
    assert where + said in res.stderr, res.stderr
    assert depth > 1.0 and "ap_ht_hill" not in res.stderr  # the points on the hills stay dry


def test_run_warns_before_it_runs_and_the_scorecard_and_report_carry_the_warning(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["site"], "{at: face360e, count: 8,", "{at: face360e, count: 20000,")
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(files["scenario"]), "-n", "1", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert f"{files['site']}:{line}: site.shifts.day[0].count: a crew of 20000 people" in res.stderr
    card = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))
    assert [(w["file"], w["line"], w["field"]) for w in card["input_warnings"]] == [
        ("jinshan_mine.yaml", line, "site.shifts.day[0].count")]
    text = "".join(page.extract_text() for page in PdfReader(out / "report.pdf").pages)
    assert "Plausibility of the input values" in text
    assert f"jinshan_mine.yaml:{line}: site.shifts.day[0].count" in text


def test_a_report_without_warnings_says_none(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(files["scenario"]), "-n", "1", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "plausibility" not in res.output
    assert json.loads((out / "scorecard.json").read_text(encoding="utf-8"))["input_warnings"] == []
    pages = [page.extract_text() for page in PdfReader(out / "report.pdf").pages]
    assert "Plausibility warnings none" in " ".join(pages[0].split())  # the cover, below the input files
    assert not any("Plausibility of the input values" in page for page in pages)


class Ran(Exception):
    """The heavy call of a command was reached."""


@pytest.mark.parametrize("command", ["season", "recommend", "compare"])
def test_season_recommend_and_compare_warn_before_they_run(
        command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["site"], "cage_capacity_persons: 30", "cage_capacity_persons: 2000")
    targets = {"season": "drills.experiment.season.run_season",
               "recommend": "drills.experiment.recommendation.recommend",
               "compare": "drills.experiment.recommendation.compare_plans"}
    importlib.import_module(targets[command].rsplit(".", 1)[0])

    def ran(*a, **kw):
        raise Ran

    monkeypatch.setattr(targets[command], ran)
    suite = tmp_path / "suite.yaml"
    suite.write_text(f"suite:\n  id: s\n  title: t\n  runs:\n    - scenario: {MINE_FILES['scenario']}\n",
                     encoding="utf-8")
    args = {"season": ["season", suite], "recommend": ["recommend", files["scenario"]],
            "compare": ["compare", files["scenario"], "-p", files["plan"], "-p", files["plan"]]}[command]
    res = runner.invoke(app, [str(a) for a in [*args, "-o", tmp_path / "out"]])
    assert isinstance(res.exception, Ran), res.output
    assert res.stderr.count(f":{line}: site.hoists[0].cage_capacity_persons: a deck of 2000 persons") == 1


def test_season_json_and_report_list_a_slip_once(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    line = break_file(files["site"], "cage_capacity_persons: 30", "cage_capacity_persons: 2000")
    suite = tmp_path / "suite.yaml"
    suite.write_text(f"suite:\n  id: s\n  title: t\n  runs:\n    - scenario: {MINE_FILES['scenario']}\n"
                     "      variations: [{id: day}, {id: night, time_of_day: night, shift: night, "
                     "start_time: 2026-07-20T23:00:00}]\n", encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(app, ["season", str(suite), "-n", "1", "-o", str(out)])
    assert res.exit_code == 0, res.output
    season = json.loads((out / "season.json").read_text(encoding="utf-8"))
    assert [[(w["line"], w["field"]) for w in r["input_warnings"]] for r in season["runs"]] == [
        [(line, "site.hoists[0].cage_capacity_persons")]] * 2
    text = "".join(page.extract_text() for page in PdfReader(out / "report.pdf").pages)
    assert text.count(f"jinshan_mine.yaml:{line}: site.hoists[0].cage_capacity_persons") == 1


@pytest.mark.parametrize(("example", "old", "new", "field", "words"), [
    ("dam", "      breach_s: 300", "      breach_s: 999999", "scenario.hazard.dam_break.breach_s",
     "the breach at 999999 s comes after the drill ends at duration_s 7200 s"),
    ("dam", "      breach_s: 300", "      breach_s: {dist: lognormal, median: 9000, p95: 20000}",
     "scenario.hazard.dam_break.breach_s", "the breach at 9000 s (median) comes after the drill ends"),
    ("mine", "      start_s: 0", "      start_s: 10800", "scenario.hazard.inrush.start_s",
     "the inrush at 10800 s comes after the drill ends at duration_s 10800 s: no one meets the water"),
    ("mine", "  monte_carlo:", "  faults: [{kind: mains_power, at_s: 20000}]\n  monte_carlo:",
     "scenario.faults[0].at_s", "the fault at 20000 s comes after the drill ends at duration_s 10800 s: it tests "
     "nothing"),
    ("mine", "  monte_carlo:", "  order: {at_s: 20000}\n  monte_carlo:", "scenario.order.at_s",
     "the order at 20000 s comes after the drill ends at duration_s 10800 s: it is never given"),
    ("mine", "  monte_carlo:", "  entries: [{at_s: 20000, shift: night}]\n  monte_carlo:", "scenario.entries[0].at_s",
     "the entry at 20000 s comes after the drill ends at duration_s 10800 s: that shift never goes down"),
])
def test_a_hazard_or_scripted_event_after_the_drill_ends_is_warned_of(
        tmp_path: Path, example: str, old: str, new: str, field: str, words: str) -> None:
    """A breach or inrush after the end meets no one: the bundled dam break, breached after its end, was graded
    优秀 (excellent) with nobody safe, since nobody was ever at risk. A fault, order or shift after the end is not in
    the drill at all."""
    files = copy_bundled(tmp_path, MINE_FILES if example == "mine" else DAM_FILES)
    line = break_file(files["scenario"], old, new)
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(line, field)], found
    assert words in found[0].message


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_grade_the_water_never_tried_says_so_beside_it(tmp_path: Path, lang: str) -> None:
    """An inrush after the drill's end meets no one, and the drill was graded 良好 (good) as if its evacuation had been
    tried: the grade on the terminal and the summary page now says the water reached no one and M2 and M3 passed
    untried, and scorecard.json says so; a drill the water reaches says nothing of it."""
    t = Text(lang)
    files = copy_bundled(tmp_path, MINE_FILES)
    break_file(files["scenario"], "      start_s: 0", "      start_s: 20000")
    for late, folder in ((True, tmp_path / "late"), (False, tmp_path / "bundled")):
        scenario = files["scenario"] if late else bundled_root() / "scenarios" / "mine_inrush_day.yaml"
        res = runner.invoke(app, ["run", str(scenario), "-n", "3", "--lang", lang, "-o", str(folder)])
        assert res.exit_code == 0, res.output
        said = " ".join(res.stdout.split())
        assert (t("untested_grade") in said) is late
        summary = "".join(PdfReader(folder / "report.pdf").pages[1].extract_text().split())
        assert ("".join(t("untested_grade").split())[:30] in summary) is late
        assert json.loads((folder / "scorecard.json").read_text(encoding="utf-8"))["water_reached_no_one"] is late


def test_a_storm_after_the_drill_ends_is_warned_of(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, FLOOD_FILES)
    line = break_file(files["scenario"], "        start_s: 7200           # 20:00", "        start_s: 108000")
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(line, "scenario.hazard.storm.design.start_s")], found
    assert found[0].message == ("the rain at 108000 s comes after the drill ends at duration_s 108000 s: no rain "
                                "falls during the drill, so it tests nothing of the flood season")


@pytest.mark.parametrize(("example", "old", "new", "field"), [
    ("dam", "volume_factor: {dist: lognormal, median: 1.0, p95: 2.0}", "volume_factor: 0",
     "scenario.hazard.dam_break.volume_factor"),
    ("mine", "inflow_factor: {dist: lognormal, median: 1.0, p95: 1.8}",
     "inflow_factor: {dist: uniform, low: 0, high: 0}",
     "scenario.hazard.inrush.inflow_factor"),
])
def test_a_factor_of_nothing_on_the_water_is_warned_of(tmp_path: Path, example: str, old: str, new: str,
                                                       field: str) -> None:
    files = copy_bundled(tmp_path, DAM_FILES if example == "dam" else MINE_FILES)
    line = break_file(files["scenario"], old, new)
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(line, field)], found
    assert found[0].message.startswith("a factor of 0")


def test_an_inrush_of_no_water_is_warned_of(tmp_path: Path) -> None:
    files = copy_bundled(tmp_path, MINE_FILES)
    text = files["scenario"].read_text(encoding="utf-8")
    files["scenario"].write_text(text.replace("inflow_m3ph: 3000}", "inflow_m3ph: 0}")
                                 .replace("inflow_m3ph: 12000}", "inflow_m3ph: 0}"), encoding="utf-8")
    found = warnings_of(load(files["scenario"]))
    assert [(w.field, w.message) for w in found] == [
        ("scenario.hazard.inrush.hydrograph",
         "the inflow is 0 throughout: no water comes in, so the grade says nothing of the evacuation ahead of it")]


def test_an_inrush_written_in_m3_per_second_is_warned_of_with_its_m3_per_hour(tmp_path: Path) -> None:
    # 3000 and 12000 m³/h written as 0.83 and 3.33 m³/s: the run went ahead with a trickle and no word
    files = copy_bundled(tmp_path, MINE_FILES)
    text = files["scenario"].read_text(encoding="utf-8")
    files["scenario"].write_text(text.replace("inflow_m3ph: 3000}", "inflow_m3ph: 0.83}")
                                 .replace("inflow_m3ph: 12000}", "inflow_m3ph: 3.33}"), encoding="utf-8")
    peak = text[:text.index("inflow_m3ph: 12000}")].count("\n") + 1  # the first point at the peak
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field, w.message) for w in found] == [
        (peak, "scenario.hazard.inrush.hydrograph[2].inflow_m3ph",
         "a peak inflow of 3.33 m³/h is below the smallest class of inrush point (小突水点, up to 60 m³/h, "
         "煤矿防治水细则); it looks like m³/s: 3.33 m³/s is 11988 m³/h")]
    # a real small inrush at the class's top, and one of the bundled sizes, are not
    for inflow in ("60", "12000"):
        files["scenario"].write_text(text.replace("inflow_m3ph: 12000}", f"inflow_m3ph: {inflow}}}")
                                     .replace("inflow_m3ph: 3000}", "inflow_m3ph: 10}"), encoding="utf-8")
        assert warnings_of(load(files["scenario"])) == []


def test_a_site_without_map_positions_is_warned_of(tmp_path: Path) -> None:
    """With no x_m, y_m every place sits at (0, 0): a siren's radius reaches all of them and the figures collapse to
    a point; the run went ahead without a word."""
    files = copy_bundled(tmp_path, MINE_FILES)
    text = files["site"].read_text(encoding="utf-8")
    files["site"].write_text(re.sub(r", [xy]_m: -?[0-9.]+", "", text), encoding="utf-8")
    found = warnings_of(load(files["scenario"]))
    assert [(w.field, w.message.split(":")[0]) for w in found] == [
        ("site.nodes", "every place is at the same map position (no x_m, y_m given)")]


# ---------------------------------------------------------------- routes as people follow them


def drift_with_a_side_place(tmp_path: Path) -> list[tuple]:
    """A flat drift A–B–C–portal (100, 150, 200 m) under the route [A, B, C, portal], written from its far end; X lies
    10 m off A and 120 m off C. X's people join the route at A, the place of it nearest them, and walk 460 m; from
    A the portal is 330 m away on foot (through X), from X 320 m."""
    nodes = [node("A", "workplace"), node("B", "workplace", x=100), node("C", "junction", x=60, y_m=100),
             node("portal", "portal", x=260, y_m=100), node("X", "workplace", y_m=10)]  # the drift bends back
    links = [link("ab", "A", "B", 100.0), link("bc", "B", "C", 150.0), link("cp", "C", "portal", 200.0),
             link("xa", "X", "A", 10.0), link("xc", "X", "C", 120.0)]
    site = base_site(nodes, links, [{"at": "X", "count": 1}])
    plan = base_plan(routes=[{"id": "out", "from": ["B", "X"], "path": ["A", "B", "C", "portal"]}], exits=["portal"])
    return build_in(tmp_path, site, plan, base_scenario()).meta.input_warnings


def test_a_place_that_walks_away_from_the_way_out_to_join_its_route_is_warned_of(tmp_path: Path) -> None:
    [(file, _, field, message)] = drift_with_a_side_place(tmp_path)
    assert (file, field) == (str(tmp_path / "plan.yaml"), "plan.evacuation.routes[0].from[1]")
    assert message == ("the people at 'X' join this route at 'A', the place of its path nearest them (10 m), which "
                       "lies farther from its end 'portal' than they start (330 m against 320 m): they walk away from "
                       "the way out to join it. Should the path pass nearer them, or they have a route of their own?")


def test_a_route_that_leads_people_through_the_inrush_is_warned_of_and_one_written_from_it_is_not(
        tmp_path: Path) -> None:
    """The east route written from the heading where the water bursts in (face360e) out through the stope: each
    starts where they are and walks away from it. With the water at the junction j360 on the way out, the heading's and
    the stope's people are led through it by the plan."""
    files = copy_bundled(tmp_path, MINE_FILES)
    cage_route = "        path: [st360, collar]\n        refuge: refuge360\n      - id: r360-ladder"
    line = break_file(files["plan"], cage_route, cage_route.replace("[st360", "[face360e, stope360e, j360, st360"))
    assert [str(w) for w in warnings_of(load(files["scenario"]))] == []
    break_file(files["scenario"], "source: face360e", "source: j360")
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(line, "plan.evacuation.routes[0].path[2]")], found
    assert found[0].message.startswith("the route leads the people at 'face360e', 'stope360e' through 'j360', where "
                                       "the scenario's inrush bursts in (scenario.hazard.inrush.source)")


def test_validate_warns_of_a_route_of_a_plan_given_with_its_site(tmp_path: Path) -> None:
    [(file, line, field, message)] = drift_with_a_side_place(tmp_path)
    res = runner.invoke(app, ["validate", str(tmp_path / "plan.yaml"), str(tmp_path / "site.yaml")])
    assert res.exit_code == 0, res.output
    assert f"{file}:{line}: {field}: {message}" in res.stderr


# ---------------------------------------------------------------- the time of day and the clock


@pytest.mark.parametrize(("start", "meant"), [("02:00", "night"), ("23:30", "night"), ("05:59", "night"),
                                              ("06:00", "day"), ("14:00", "day"), ("21:59", "day")])
def test_a_scenario_without_time_of_day_takes_it_from_the_clock_of_its_start(tmp_path: Path, start: str,
                                                                               meant: str) -> None:
    """Without time_of_day a dam break at 01:00 was run by day: the households at their day members and the school
    full at night. The time of day now follows the start's clock, as written out in the field's description."""
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["scenario"], "  time_of_day: night\n", "")
    break_file(files["scenario"], "start_time: 2026-07-21T02:00:00", f"start_time: 2026-07-21T{start}:00")
    ld = load(files["scenario"])
    assert ld.scenario.time_of_day == meant
    assert warnings_of(ld) == []
    written = copy_bundled(tmp_path / "written", DAM_FILES)
    break_file(written["scenario"], "  time_of_day: night\n", f"  time_of_day: {meant}\n")
    assert headcount(ld.site, ld.scenario) == headcount(ld.site, load(written["scenario"]).scenario)


def test_a_suite_variation_that_moves_the_start_takes_its_time_of_day_from_the_clock(tmp_path: Path) -> None:
    copy_bundled(tmp_path, MINE_FILES)  # the bundled mine scenario starts at 10:00, no time_of_day
    suite = tmp_path / "scenarios" / "suite.yaml"
    suite.write_text("suite:\n  id: s\n  title: S\n  runs:\n    - scenario: mine_inrush_day.yaml\n      variations:\n"
                     "        - {id: late, start_time: 2026-07-20T23:00:00}\n"
                     "        - {id: told, start_time: 2026-07-20T23:00:00, time_of_day: day}\n", encoding="utf-8")
    runs = load_suite(suite, replications=1).runs
    assert [r.spec.time_of_day for r in runs] == ["night", "day"]
    assert runs[0].spec.meta.input_warnings == ()
    # "day" written for 23:00 is a slip, told where the suite writes it
    assert [(w[1], w[2]) for w in runs[1].spec.meta.input_warnings] == [(8, "suite.runs[0].variations[1].time_of_day")]


@pytest.mark.parametrize(("example", "old", "new", "words"), [
    ("dam", "  time_of_day: night\n", "  time_of_day: day\n", "time_of_day day is not plausible for a start at 02:00"),
    ("mine", "  start_time: 2026-07-20T10:00:00\n", "  start_time: 2026-07-20T10:00:00\n  time_of_day: night\n",
     "time_of_day night is not plausible for a start at 10:00"),
])
def test_a_time_of_day_written_against_the_clock_is_warned_of(tmp_path: Path, example: str, old: str, new: str,
                                                              words: str) -> None:
    files = copy_bundled(tmp_path, DAM_FILES if example == "dam" else MINE_FILES)
    line = break_file(files["scenario"], old, new) + new.count("\n") - 1
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(line, "scenario.time_of_day")], found
    assert found[0].message.startswith(words)
    assert "Is it " in found[0].message


@pytest.mark.parametrize("clock", ["07:00", "18:00", "21:00"])
def test_night_at_dusk_or_dawn_is_no_slip(tmp_path: Path, clock: str) -> None:
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["scenario"], "start_time: 2026-07-21T02:00:00", f"start_time: 2026-07-21T{clock}:00")
    assert warnings_of(load(files["scenario"])) == []


@pytest.mark.parametrize(("height", "volume", "classes"), [
    (60, 8e6, (3, 4, 3)),  # one class apart: the higher
    (40, 3e6, (4, 4, 4)),
    (25, 2e8, (5, 2, 3)),  # more than one apart: one below the higher
    (250, 1e5, (1, 5, 2)),
    (120, 6e8, (2, 1, 1)),
])
def test_the_pond_class_by_height_by_volume_and_both(height: float, volume: float,
                                                      classes: tuple[int, int, int]) -> None:
    assert pond_class(height, volume) == classes


def test_a_pond_raised_one_class_is_no_slip(tmp_path: Path) -> None:
    """A pond whose failure would gravely harm those below may be raised one class (GB 39496-2020 5.4.1)."""
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["site"], "stored_volume_m3: 3000000, pond_class: 4,", "stored_volume_m3: 3000000, pond_class: 3,")
    assert warnings_of(load(files["scenario"])) == []


@pytest.mark.parametrize(("factor", "words"), [
    ("{dist: lognormal, median: 100, p95: 200}", "a volume_factor of 100 (median) is not plausible: the flow would "
                                                "release 76.9 Mm³, more than the 3 Mm³ dam 'qingshui-dam' stores"),
    ("5", "a volume_factor of 5 is not plausible: the flow would release 4.42 Mm³, more than the 3 Mm³"),
])
def test_a_volume_factor_that_releases_more_than_the_pond_stores_is_warned_of(tmp_path: Path, factor: str,
                                                                              words: str) -> None:
    """A factor written as a percentage (median 100) released 30 times what the pond stores, and everyone died."""
    files = copy_bundled(tmp_path, DAM_FILES)
    line = break_file(files["scenario"], "volume_factor: {dist: lognormal, median: 1.0, p95: 2.0}",
                      f"volume_factor: {factor}")
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(line, "scenario.hazard.dam_break.volume_factor")], found
    assert found[0].message.startswith(words)
    assert "percentage" in found[0].message


@pytest.mark.parametrize("factor", ["3", "{dist: uniform, low: 0.5, high: 4}"])
def test_a_volume_factor_within_what_the_pond_stores_is_no_slip(tmp_path: Path, factor: str) -> None:
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["scenario"], "volume_factor: {dist: lognormal, median: 1.0, p95: 2.0}", f"volume_factor: {factor}")
    assert warnings_of(load(files["scenario"])) == []


def test_a_place_surveyed_far_below_its_elevation_is_warned_of(tmp_path: Path) -> None:
    """A hill place with above_valley_floor_m 1 copied from the lines above it: the flood ran up the hill."""
    files = copy_bundled(tmp_path, DAM_FILES)
    line = break_file(files["site"], "elevation_m: 140, above_valley_floor_m: 50,", "elevation_m: 140, "
                      "above_valley_floor_m: 1,")
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(line, "site.nodes[6].above_valley_floor_m")], found
    assert found[0].message.startswith("above_valley_floor_m 1 m is not plausible for 'ap_xc_hill': its elevation_m "
                                       "(140 m) is 49 m above 'xc_centre' (91 m), the lowest place on its way from "
                                       "dam 'qingshui-dam'")


def test_a_survey_left_out_of_a_hill_place_is_warned_of_and_none_at_all_is_not(tmp_path: Path) -> None:
    """Once one place gives its height, a place without it is on the valley floor; without any, the estimate takes
    every height from the elevations, and nothing disagrees."""
    files = copy_bundled(tmp_path, DAM_FILES)
    line = break_file(files["site"], "elevation_m: 140, above_valley_floor_m: 50,", "elevation_m: 140,")
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(line, "site.nodes[6].above_valley_floor_m")], found
    assert found[0].message.startswith("above_valley_floor_m 0 m (left out) is not plausible for 'ap_xc_hill'")
    text = files["site"].read_text(encoding="utf-8")
    files["site"].write_text(re.sub(r", above_valley_floor_m: \d+", "", text), encoding="utf-8")
    assert warnings_of(load(files["scenario"])) == []


def test_a_door_to_door_team_sent_to_a_place_where_no_one_lives_is_warned_of(tmp_path: Path) -> None:
    """The team's coverage names the hill's assembly point instead of a village: it knocks at no door there, and
    validate says so at the coverage entry, in English and in Chinese; a village with residents is not warned of."""
    files = copy_bundled(tmp_path, DAM_FILES)
    line = break_file(files["plan"], "coverage: [xc_river, xc_south, xc_north]",
                      "coverage: [xc_river, ap_xc_hill, xc_north]")
    [w] = warnings_of(load(files["scenario"]))
    assert (w.file, w.line, w.field) == (str(files["plan"]), line, "plan.channels[4].coverage[1]")
    assert w.message == ("the door-to-door team 'team-xiacun' is to reach the households at 'ap_xc_hill' (kind: "
                         "assembly_point), where no residents live (site.residents): nobody there is warned by it. "
                         "Was another place meant?")
    assert translate(w.message) == ("入户通知组 'team-xiacun' 要通知 'ap_xc_hill'（kind: assembly_point）的住户，但该处"
                                  "没有居民（site.residents）：它通知不到任何人。是否本应是另一个地点？")


def test_a_channel_no_order_step_names_is_warned_of_where_every_step_names_its_own(tmp_path: Path) -> None:
    """The pond's step sounds the siren, the township's the loudspeakers and the teams, but the cell broadcast is
    named by neither: it would never be switched on. A plan whose step names no channels sends them all."""
    files = copy_bundled(tmp_path, DAM_FILES)
    assert warnings_of(load(files["scenario"])) == []
    break_file(files["plan"], "- {id: order-downstream, action: evacuate_downstream, owner: township_duty, "
               "after: [tell-manager]}",
               "- {id: order-downstream, action: evacuate_downstream, owner: township_duty, after: [tell-manager], "
               "channels: [loudspeaker-xiacun, loudspeaker-hetou, team-xiacun, team-hetou]}\n"
               "        - {id: sound, action: evacuate_downstream, owner: duty_officer, channels: [siren-dam]}")
    line = next(k for k, text in enumerate(files["plan"].read_text(encoding="utf-8").splitlines(), 1)
                if "id: cell-broadcast" in text)
    [w] = warnings_of(load(files["scenario"]))
    assert (w.line, w.field) == (line, "plan.channels[3].id")
    assert w.message == ("no step sends channel 'cell-broadcast': every step giving evacuate_downstream names the "
                         "channels it starts (plan.warning.actions_by_level[...].channels) and none names this one, "
                         "so it is never switched on. Should a step name it?")
    assert translate(w.message).startswith("没有步骤发出渠道 'cell-broadcast'：")


@pytest.mark.parametrize(("order", "clause"), [
    ("{at_s: 600}", " (In this drill the scenario's own order, scenario.order at 600 s, switches it on; when the "
                    "plan's triggers give the order, nothing does.)"),
    ("{at_s: 600, channels: [cell-broadcast]}", " (In this drill the scenario's own order, scenario.order at 600 s, "
                                                "switches it on; when the plan's triggers give the order, nothing "
                                                "does.)"),
    ("{at_s: 600, channels: [siren-dam]}", ""),
])
def test_a_channel_no_step_sends_is_told_apart_when_the_scenario_s_own_order_switches_it_on(
        tmp_path: Path, order: str, clause: str) -> None:
    """The scenario gives the order itself: with all the plan's channels, or naming the cell broadcast, it switches
    on in this drill the channel the plan's steps never send, and the warning says so (the plan's triggers still
    would not); an order naming only the siren leaves the warning as it is."""
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["plan"], "- {id: order-downstream, action: evacuate_downstream, owner: township_duty, "
               "after: [tell-manager]}",
               "- {id: order-downstream, action: evacuate_downstream, owner: township_duty, after: [tell-manager], "
               "channels: [loudspeaker-xiacun, loudspeaker-hetou, team-xiacun, team-hetou]}\n"
               "        - {id: sound, action: evacuate_downstream, owner: duty_officer, channels: [siren-dam]}")
    break_file(files["scenario"], "  weather: {rain: heavy}\n", f"  weather: {{rain: heavy}}\n  order: {order}\n")
    [w] = warnings_of(load(files["scenario"]))
    assert w.field == "plan.channels[3].id"
    assert w.message == ("no step sends channel 'cell-broadcast': every step giving evacuate_downstream names the "
                         "channels it starts (plan.warning.actions_by_level[...].channels) and none names this one, "
                         "so it is never switched on. Should a step name it?" + clause)
    in_drill = ("（本次演练中由情景自身的命令 scenario.order 于 600 s 启动它；"
                "由预案的触发条件下达命令时，没有任何步骤启动它。）")
    assert translate(w.message).endswith(in_drill if clause else "是否应由某个步骤列出它？")


def test_a_loudspeaker_heard_by_no_household_is_warned_of(tmp_path: Path) -> None:
    """Hetou's loudspeaker at its centre heard 80 m around, its radius typed short: the school, the nearest place
    with people, stands 180 m away (4100, 150 against 4200, 0), so it warns nobody; at 800 m it is no slip."""
    files = copy_bundled(tmp_path, DAM_FILES)
    text = files["plan"].read_text(encoding="utf-8")
    files["plan"].write_text(text.replace("coverage: [ht_centre]\n      audible_radius_m: 800",
                                          "coverage: [ht_centre]\n      audible_radius_m: 80"), encoding="utf-8")
    line = next(k for k, t in enumerate(files["plan"].read_text(encoding="utf-8").splitlines(), 1)
                if "audible_radius_m: 80" in t and "800" not in t)
    [w] = warnings_of(load(files["scenario"]))
    assert (w.line, w.field) == (line, "plan.channels[2].audible_radius_m")
    assert w.message == ("the village loudspeaker 'loudspeaker-hetou' is heard 80 m around 'ht_centre', but the "
                         "nearest place where residents live (site.residents) is 180 m away: it warns nobody. Is "
                         "audible_radius_m, or the coverage, right?")
    assert translate(w.message) == ("村村响广播 'loudspeaker-hetou' 在 'ht_centre' 周围 80 m 内可听到，"
                                  "但最近的有居民地点（site.residents）在 180 m 以外：它通知不到任何人。"
                                  "audible_radius_m 或 coverage 是否有误？")


def test_a_route_to_an_assembly_point_the_plan_does_not_list_is_warned_of_and_checked_against_the_flood(
        tmp_path: Path) -> None:
    """Hetou's southern point left out of the plan's list, and by a slip put on the valley floor: the route that
    ends there is warned of, as is the flood over the point, both at the route's last place; listed again, the point
    is warned of at the list as before."""
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["plan"], "assembly_points: [ap_xc_hill, ap_ht_hill, ap_ht_south]",
               "assembly_points: [ap_xc_hill, ap_ht_hill]")
    break_file(files["site"], "elevation_m: 110, above_valley_floor_m: 40", "elevation_m: 70, above_valley_floor_m: 0")
    ld = load(files["scenario"])
    found = [w for w in input_warnings(ld) if "ap_ht_south" in w.message]
    line = ld.plan_doc.line_of(("plan", "evacuation", "routes", 5, "path", 1))
    assert [(w.line, w.field) for w in found] == [(line, "plan.evacuation.routes[5].path[1]")] * 2, found
    assert found[0].message == ("the route ends at assembly point 'ap_ht_south', which the plan does not list "
                                "(plan.evacuation.assembly_points): the report's checks of the plan's assembly points "
                                "(the water reaching them) pass it by. Should it be listed?")
    assert translate(found[0].message).startswith("该撤离路线终止于集合点 'ap_ht_south'，但预案未列出该集合点")
    assert found[1].message.startswith("assembly point 'ap_ht_south' lies in the path of the flood")
    break_file(files["plan"], "assembly_points: [ap_xc_hill, ap_ht_hill]",
               "assembly_points: [ap_xc_hill, ap_ht_hill, ap_ht_south]")
    [w] = [w for w in input_warnings(load(files["scenario"])) if "ap_ht_south" in w.message]
    assert w.field == "plan.evacuation.assembly_points[2]"


def test_a_school_given_as_households_and_homes_given_as_occupants_are_warned_of(tmp_path: Path) -> None:
    """The school's 180 pupils typed as 180 households of one, and the 45 homes at ht_c as 144 occupants: the
    drill would move the pupils as families, by car for some, and the villagers one by one; each is one warning."""
    files = copy_bundled(tmp_path, DAM_FILES)
    school = break_file(files["site"], "- {at: ht_school, occupants: {day: 180, night: 0}, child_share: 0.92}",
                        "- {at: ht_school, households: 180, members: {day: 1, night: 0}, child_share: 0.92}")
    homes = break_file(files["site"], "- {at: ht_c, households: 45, members: {day: 1.5, night: 3.2},",
                       "- {at: ht_c, occupants: {day: 68, night: 144},")
    found = warnings_of(load(files["scenario"]))
    assert [(w.line, w.field) for w in found] == [(homes, "site.residents[5].occupants"),
                                                  (school, "site.residents[6].households")], found
    assert found[1].message == (
        "'ht_school' is a school: give the people there as occupants: {day: .., night: ..}, not as households, which "
        "the drill moves as families, each from its home (by car for car_share of them); it moves a school in classes "
        "of 30, people in a field one by one")
    assert translate(found[0].message).startswith("'ht_c' 是住户地点：应以 households")
    assert translate(found[1].message).startswith("'ht_school' 是学校：")


def test_a_place_a_door_to_door_team_cannot_walk_to_is_warned_of_and_the_team_goes_on_from_where_it_is(
        tmp_path: Path) -> None:
    """The road to ht_c is made one way out of it: the team at ht_b cannot walk there, so the drill passes it over
    and goes on to ht_a from ht_b; validate says so at ht_c's entry of the coverage, in English and Chinese, and
    not at ht_a, which it reaches from where it is."""
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["site"], "- {id: road_ht_c, kind: road, from: ht_centre, to: ht_c,",
               "- {id: road_ht_c, kind: road, from: ht_c, to: ht_centre, one_way: true,")
    line = next(k for k, text in enumerate(files["plan"].read_text(encoding="utf-8").splitlines(), 1)
                if "coverage: [ht_b, ht_c, ht_a, ht_school]" in text)
    [w] = warnings_of(load(files["scenario"]))
    assert (w.file, w.line, w.field) == (str(files["plan"]), line, "plan.channels[5].coverage[1]")
    assert w.message == ("the door-to-door team 'team-hetou' cannot go from 'ht_b' to 'ht_c' on foot: it passes that "
                         "place over, and nobody there is warned by it. Is a way missing from the site, or another "
                         "place meant?")
    assert translate(w.message) == ("入户通知组 'team-hetou' 无法步行从 'ht_b' 到达 'ht_c'：它会越过该地点，"
                                  "该处无人经它收到预警。是场地文件中缺少通路，还是本应是另一个地点？")


def test_a_place_a_loudspeaker_vehicle_cannot_drive_to_is_warned_of(tmp_path: Path) -> None:
    """A vehicle sent to ht_b, then to the south assembly point, which only a footpath reaches, then to ht_c: the
    assembly point is warned of; ht_c, which it drives to from ht_b, is not."""
    files = copy_bundled(tmp_path, DAM_FILES)
    team = "start: ht_centre\n      coverage: [ht_b, ht_c, ht_a, ht_school]"
    break_file(files["plan"], f"type: door_to_door\n      {team}",
               "type: loudspeaker_vehicle\n      start: ht_centre\n      coverage: [ht_b, ap_ht_south, ht_c]")
    found = [w for w in warnings_of(load(files["scenario"])) if "cannot go from" in w.message]
    assert [(w.field, w.message) for w in found] == [(
        "plan.channels[5].coverage[1]",
        "the loudspeaker vehicle 'team-hetou' cannot go from 'ht_b' to 'ap_ht_south' by road: it passes that place "
        "over, and nobody there is warned by it. Is a way missing from the site, or another place meant?")]
