"""The annual exercise: the suite file, its variations, and ``drill season`` end to end on a tiny suite."""

from __future__ import annotations

import json
import math
import re
import statistics
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from drills.cli import app
from drills.inputs.bundled import bundled_root
from drills.inputs.problems import InputError
from drills.inputs.suite import load_suite

SCENARIOS = bundled_root() / "scenarios"
BUNDLED_SUITE = SCENARIOS / "suites" / "flood_season_2026.yaml"
BUNDLED_PLAN = bundled_root() / "plans" / "jinshan_mine_plan.yaml"
runner = CliRunner()


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def write_suite(folder: Path, body: str) -> Path:
    path = folder / "suite.yaml"
    path.write_text(body.replace("SCEN", str(SCENARIOS)), encoding="utf-8")
    return path


TINY = """\
suite:
  id: tiny
  title: Tiny suite
  replications: 2
  runs:
    - scenario: SCEN/mine_inrush_day.yaml
    - scenario: SCEN/dam_break_night.yaml
      variations:
        - {id: day-dry, title: "day, no rain", time_of_day: day, weather: {rain: none},
           start_time: 2026-07-21T14:00:00}
"""


def test_a_plan_given_for_a_suite_is_named_as_a_plan(tmp_path: Path) -> None:
    res = invoke("season", BUNDLED_PLAN, "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert res.stderr.startswith(f"{BUNDLED_PLAN}:1: plan: this is a plan file; give a suite file\n")


def test_variations_change_the_compiled_drill(tmp_path: Path) -> None:
    suite = load_suite(write_suite(tmp_path, TINY))
    mine, dam = suite.runs
    assert (mine.id, mine.variation, mine.changes) == ("mine-inrush-day/as-written", "", ())
    assert mine.spec.replications == 2
    assert dam.variation == "day, no rain"
    assert (dam.spec.time_of_day, dam.spec.rain, dam.spec.meta.start_time) == ("day", "none", "2026-07-21T14:00")
    night = load_suite(write_suite(tmp_path, TINY.replace("time_of_day: day", "time_of_day: night"))).runs[1]
    assert len(night.spec.people) > len(dam.spec.people)  # more people at home at night


def test_the_cli_overrides_replications_and_seed(tmp_path: Path) -> None:
    suite = load_suite(write_suite(tmp_path, TINY), replications=3, seed=11)
    assert {(r.spec.replications, r.spec.seed) for r in suite.runs} == {(3, 11)}
    from drills.experiment.season import seeds_in_words

    assert seeds_in_words(suite.runs) == "11"
    assert seeds_in_words(load_suite(write_suite(tmp_path, TINY)).runs) == \
        "20260720 (mine-inrush-day), 20260721 (dam-break-night)"  # no seed in the suite: each scenario's own
    with_seed = load_suite(write_suite(tmp_path, TINY.replace("replications: 2", "replications: 2\n  seed: 5")))
    assert [r.spec.seed for r in with_seed.runs] == [5, 5]


def test_bundled_suite_covers_mine_and_dam_by_day_and_night() -> None:
    suite = load_suite(BUNDLED_SUITE, replications=1)
    seen = {(r.scenario_id, r.spec.time_of_day) for r in suite.runs}
    assert {("mine-inrush-day", "day"), ("mine-inrush-day", "night"), ("dam-break-night", "day"),
            ("dam-break-night", "night")} <= seen
    assert any(r.spec.rain == "heavy" for r in suite.runs if r.scenario_id == "dam-break-night")
    night_mine = next(r for r in suite.runs if r.id == "mine-inrush-day/night")
    assert night_mine.spec.meta.start_time.endswith("02:00")


@pytest.mark.parametrize(("body", "line", "field", "message"), [
    (TINY.replace("time_of_day: day", "time_of_day: dusk"), 9, "suite.runs[1].variations[0].time_of_day", "'day'"),
    (TINY.replace("title: \"day, no rain\",", "storm: {return_period_yr: 50},"), 9,
     "suite.runs[1].variations[0].storm", "unknown field"),
    (TINY.replace("mine_inrush_day.yaml", "nowhere.yaml"), 6, "suite.runs[0].scenario", "file not found"),
    (TINY.replace("time_of_day: day,", "shift: evening,"), 9, "suite.runs[1].variations[0].shift", "no shift"),
    (TINY + "    - scenario: SCEN/dam_break_night.yaml\n      variations:\n        - {id: day-dry}\n", 13,
     "suite.runs[2].variations[0].id", "duplicate variation id 'day-dry' of "),
    (TINY + "replications: 3\n", 11, "replications", "unexpected top-level key"),
])
def test_bad_suites_are_reported_where_they_are(tmp_path: Path, body: str, line: int, field: str,
                                                message: str) -> None:
    path = write_suite(tmp_path, body)
    with pytest.raises(InputError) as err:
        load_suite(path)
    assert any(p.line == line and p.field == field and message in p.message for p in err.value.problems), \
        err.value.problems
    res = invoke("season", path, "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert f"{path}:{line}: {field}:" in res.stderr
    assert "Traceback" not in res.output
    assert not (tmp_path / "out").exists()


def test_season_writes_one_consolidated_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = invoke("season", write_suite(tmp_path, TINY), "--out", out, "--lang", "zh")
    assert res.exit_code == 0, f"{res.output}\n{res.exception!r}"
    assert "mine-inrush-day/" in res.stdout and "as-written" in res.stdout  # the run column folds long ids
    # no seed in the suite: each scenario's own, told per scenario as drill run tells its one seed (--lang zh: the
    # terminal in Chinese too)
    assert "随机种子 20260720 (mine-inrush-day)，20260721 (dam-break-night) · 2 次重复 · 2 次运行 · 1 个工作进程" \
        in res.stdout
    assert len(re.findall(r"(差|一般|良好|优秀) │", res.stdout)) >= 2
    data = json.loads((out / "season.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["runs"]] == ["mine-inrush-day/as-written", "dam-break-night/day-dry"]
    assert {r["replications"] for r in data["runs"]} == {2}
    assert [r["seed"] for r in data["runs"]] == [20260720, 20260721]
    for run in data["runs"]:
        assert run["grade"] and run["grade"] != "–"  # graded, without single faults
        assert run["grade_decided_by"].startswith(("不足项 M", "得分 "))  # and what decided it
        assert set(run["matrix"]) == {"all_warned", "never_warned", "warned_before", "safe_before", "caught",
                                      "fatalities", "margin_p5"}
    assert data["worst"][0] == "dam-break-night/day-dry"
    assert "not proven" in data["recurring_findings_note"]
    assert (out / "figures" / "matrix.png").is_file()
    assert len(list((out / "figures").glob("*_warned_safe.png"))) == 2
    text = "\n".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages)
    for words in ("年度汛期演练", "情景 × 指标矩阵", "最差情形", "评估结论", "mine-inrush-day", "dam-break-night"):
        assert words in text, words
    matrix_page = next(p for p in text.split("情景 × 指标矩阵")[1:] if "评估结论" in p)
    assert any(g in matrix_page for g in ("差", "一般", "良好", "优秀"))
    assert "–（未评级" not in text
    # the worst runs' weakest place is told as Chinese tells a label ("xc_south：未被水困 40.5 %")
    assert re.search(r"[a-z0-9]：未被水困 [\d.]+ %", text) and not re.search(r"[a-z0-9]: 未被水困", text)
    # the seeds on the foot of every page, as a run report has its seed on each
    for page in PdfReader(out / "report.pdf").pages:
        assert "随机种子 20260720，20260721 · 2 个演练情景" in page.extract_text()  # parted as Chinese parts a list
    method = "".join(text.split("附录")[-1].split())  # the method appendix, whitespace and line breaks out
    assert "随机种子20260720(mine-inrush-day)，20260721(dam-break-night)起" in method, method
    # each run page lists the run's own findings, most serious first, so the reader can check the suite's;
    # in Chinese (season.json keeps the English)
    assert text.count("本次运行的评估发现") == 2
    for run in data["runs"]:
        assert run["findings"], run["id"]
        first = run["findings"][0]
        assert f"[{first['class']}]" in text
        assert " ".join(first["title"].split()[:4]) not in " ".join(text.split())
    assert not [p for p in out.iterdir() if p.name.startswith(".drill-")]


def test_run_animate_writes_the_gif(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``--animate`` adds animation.gif beside the report (the report itself is left out here)."""
    monkeypatch.setattr("drills.experiment.report.write_pdf", lambda *a, **kw: None)
    monkeypatch.setattr("drills.experiment.figures.make_figures", lambda *a, **kw: {})
    out = tmp_path / "out"
    out.mkdir()
    res = invoke("run", SCENARIOS / "mine_inrush_day.yaml", "-n", "2", "--animate", "--out", out)
    assert res.exit_code == 0, f"{res.output}\n{res.exception!r}"
    assert (out / "animation.gif").stat().st_size > 10_000


def test_recurring_runs_are_named_by_scenario() -> None:
    from drills.experiment.i18n import Text
    from drills.experiment.season import runs_in_words

    every = ["mine/day", "mine/night", "dam/night", "dam/day", "valley/storm"]
    t = Text("en")
    assert runs_in_words(["mine/day", "mine/night", "dam/day"], every, t) == "mine: all 2; dam: day"
    assert runs_in_words(["valley/storm", "dam/night"], every, t) == "dam: night; valley: storm"
    assert runs_in_words(["dam/night", "dam/day"], every, Text("zh")) == "dam：全部 2 次"
    assert runs_in_words(["valley/storm", "dam/night"], every, Text("zh")) == "dam：night；valley：storm"


def test_a_wrong_type_in_one_run_does_not_hide_a_missing_scenario_in_another(tmp_path: Path) -> None:
    from drills.inputs.problems import InputError
    from drills.inputs.suite import load_suite

    text = TINY.replace("mine_inrush_day.yaml", "nowhere.yaml").replace("time_of_day: day,", "replications: two,")
    with pytest.raises(InputError) as info:
        load_suite(write_suite(tmp_path, text))
    found = [(p.line, p.field) for p in info.value.problems]
    assert [f for _, f in found] == ["suite.runs[0].scenario", "suite.runs[1].variations[0].replications"]
    assert found == sorted(found)  # top to bottom


def _entry(run_id: str, *findings: tuple[str, str, str]):
    """A season entry with only what :func:`recurring_findings` reads: the run's id and its findings."""
    from types import SimpleNamespace

    from drills.experiment.findings import Finding

    fs = [Finding(key=k, metric=k.split(":")[0], cls=cls, title=title, evidence="", standard="", plan_ref="",
                  remedies=("name_backup",)) for k, cls, title in findings]
    return SimpleNamespace(run=SimpleNamespace(id=run_id), evaluation=SimpleNamespace(findings=fs),
                           card=SimpleNamespace(water_reached_no_one=False))


def test_a_recurring_finding_groups_only_the_runs_it_occurred_in_with_their_own_numbers() -> None:
    from types import SimpleNamespace

    from drills.experiment.season import recurring_findings

    late_c = "The order comes {} after the first trigger (P95; grade C) — dispatcher's detect and declare dominates"
    late_d = "The order comes {} after the first trigger (P95; grade D) — pond_manager's give the order dominates"
    step = "Step evacuate (red) cannot be done in {} of 60 replications: its owner and every backup were unreachable"
    entries = [
        _entry("mine/day", ("M1:latency", "改进项", late_c.format("0:20:33")), ("M8:backups", "整改项",
               "Posts with no backup: mine_manager"), ("M5:unexecutable:red", "整改项", step.format(12))),
        _entry("mine/night", ("M1:latency", "改进项", late_c.format("0:18:47")), ("M8:backups", "整改项",
               "Posts with no backup: mine_manager"), ("M5:unexecutable:red", "整改项", step.format(3))),
        _entry("dam/night", ("M1:latency", "整改项", late_d.format("never")), ("M8:backups", "整改项",
               "Posts with no backup: pond_manager")),
        _entry("dam/day", ("M1:latency", "整改项", late_d.format("never")), ("M8:backups", "整改项",
               "Posts with no backup: pond_manager")),
    ]
    rows = {r["title"]: r for r in recurring_findings(SimpleNamespace(entries=entries))}
    assert set(rows) == {
        late_c.format("0:18:47–0:20:33"), late_d.format("never"), "Posts with no backup: mine_manager",
        "Posts with no backup: pond_manager", step.format("3–12")}
    assert rows["Posts with no backup: mine_manager"]["runs"] == ["mine/day", "mine/night"]
    assert rows["Posts with no backup: pond_manager"]["runs"] == ["dam/night", "dam/day"]
    mine_late = rows[late_c.format("0:18:47–0:20:33")]
    assert mine_late["runs"] == ["mine/day", "mine/night"]
    assert [p["title"] for p in mine_late["per_run"]] == [late_c.format("0:20:33"), late_c.format("0:18:47")]
    # ids with digits are names, not numbers: two places are two findings
    one = _entry("a", ("M2:x", "不足项", "stope360w (level -360): warned after the water in 2 of 10"))
    two = _entry("b", ("M2:x", "不足项", "stope240w (level -240): warned after the water in 2 of 10"))
    assert recurring_findings(SimpleNamespace(entries=[one, two])) == []


def test_the_evacuation_is_over_at_the_last_warning_departure_or_arrival_ahead_of_the_water() -> None:
    from drills.experiment.season import evacuation_over_s
    from drills.model.records import DrillResult, PersonRecord

    inf, nan = float("inf"), float("nan")

    def person(warned_s: float, warned_by: str, departed_s: float, outcome: str, outcome_s: float,
               water_s: float) -> PersonRecord:
        return PersonRecord(0, "p", "resident", "adult", "", "home", warned_s, warned_by, departed_s, outcome,
                            outcome_s, "ap", nan, water_s)

    people = (
        person(100.0, "siren", 150.0, "assembly", 400.0, inf),  # the evacuation: warned, left, safe at 400
        person(300.0, "word_of_mouth", nan, "in_place", nan, inf),  # warned, stayed
        person(900.0, "water", 900.0, "caught", 900.0, 900.0),  # the water is no warning
        person(nan, "", 1000.0, "assembly", 1200.0, 950.0),  # fled once the water had come
        person(120.0, "mine-pa", nan, "kept_out", 5000.0, inf),  # a later shift kept out at the shaft
    )
    res = DrillResult(0, people, (), (), 90.0, (), (), (), 0)
    assert evacuation_over_s(res) == 400.0
    assert evacuation_over_s(DrillResult(0, people[2:4], (), (), nan, (), (), (), 0)) == 0.0


FAULTS = """\
suite:
  id: faults
  title: Faults early and late
  replications: 3
  runs:
    - scenario: SCEN/mine_inrush_day.yaml
      variations:
        - {id: early, faults: [{kind: mains_power, at_s: 600}]}
        - {id: late-power-cut-after-the-evacuation, faults: [{kind: mains_power, at_s: 9000}]}
"""


def test_a_fault_that_starts_after_the_evacuation_is_reported_as_testing_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mine inrush is over in about 1:30 of its 3 hours: power lost at 12:30 (+2:30) tests nothing. Each run's
    idle faults are found once, for the terminal, season.json, the matrix page and the run's page alike."""
    from drills.experiment import season

    looked_at = []
    real = season._idle_in
    monkeypatch.setattr(season, "_idle_in", lambda e: looked_at.append(e.run.id) or real(e))
    out = tmp_path / "out"
    res = invoke("season", write_suite(tmp_path, FAULTS), "--out", out)
    assert res.exit_code == 0, f"{res.output}\n{res.exception!r}"
    assert looked_at == ["mine-inrush-day/early", "mine-inrush-day/late-power-cut-after-the-evacuation"]
    late = ("mine-inrush-day/late-power-cut-after-the-evacuation: fault mains_power (12:30, +2:30:00) started "
            "after the evacuation was over in 3 of 3 replications: it tested nothing")
    assert late in res.stdout
    assert "mine-inrush-day/early: fault" not in res.stdout
    data = json.loads((out / "season.json").read_text(encoding="utf-8"))
    assert [(i["run"], i["after_evacuation"]) for i in data["idle_faults"]] == [
        ("mine-inrush-day/late-power-cut-after-the-evacuation", 3)]
    # the terminal table keeps a long id whole: the scenario on one line, the variation on the next
    assert any(line.startswith("│ late-power-cut-after-the-evacuation ") for line in res.stdout.splitlines())
    assert [r["changes"] for r in data["runs"]] == [["fault=mains_power from 10:10 (+0:10:00)"],
                                                   ["fault=mains_power from 12:30 (+2:30:00)"]]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages).split())
    assert "Faults that tested nothing" in text
    assert "Scenario as written" in text and "fault: mains_power from 12:30 (+2:30:00)" in text
    # each run's zone table under its heading, in a mine's words: its runs have nobody in a valley
    assert text.count("By level") == 2 and "By level and place" not in text and "By place" not in text
    assert text.count("it tested nothing") == 2  # on the matrix page and on the run's own page


def test_the_bundled_suites_faults_hit_during_the_evacuation_and_change_it() -> None:
    from drills.experiment.season import idle_faults, run_season

    suite = load_suite(BUNDLED_SUITE, replications=4)
    faulty = [r for r in suite.runs if r.spec.faults and r.scenario_id == "flood-season-night"]
    base = next(r for r in suite.runs if r.id == "flood-season-night/storm-50yr-night")
    assert len(faulty) == 5
    result = run_season(replace(suite, runs=(base, *faulty)))
    # each faulty run is the 50-year run with one fault more, so each was also checked against it
    assert all(e.twin is not None and e.twin.run.id == base.id for e in result.entries[1:])
    assert idle_faults(result.entries) == []
    mean = {e.run.id.split("/")[1]: {m.key: m.mean for m in e.card.metrics} for e in result.entries}
    base_m = mean["storm-50yr-night"]
    # the power fails while the cage lifts the night shift; the dispatcher's absence delays the order
    assert mean["power-loss"]["cage_max_queue"] != base_m["cage_max_queue"]
    assert mean["mobile-down"]["t100_warned_s"] > base_m["t100_warned_s"]
    assert mean["dispatcher-absent"]["order_s"] > base_m["order_s"]
    # the riverside houses' only road out is gone before the downstream order: more are caught at home
    assert mean["lane-out"]["caught"] > base_m["caught"]


def test_the_bundled_suite_drills_the_mines_second_ways_out_with_the_cage_out_of_service() -> None:
    """Two independent exits to surface (AQ 2033-2011 5.1-5.2): with the cage out for the whole drill, nobody
    leaves by the shaft collar, and all who get out climb the ladderway raise or walk up the ramp, later than
    by the cage. The run is the day run with one fault more, and checked against it."""
    from drills.experiment.season import idle_faults, run_season

    suite = load_suite(BUNDLED_SUITE, replications=4)
    runs = {r.id: r for r in suite.runs}
    day, out = runs["mine-inrush-day/day"], runs["mine-inrush-day/cage-out"]
    result = run_season(replace(suite, runs=(day, out)))
    with_cage, without = result.entries
    assert without.twin is not None and without.twin.run.id == day.id
    assert idle_faults(result.entries) == []
    people = {e.run.id: [p for res in e.exercise.results for p in res.people] for e in result.entries}
    assert {p.end for p in people[day.id] if p.outcome == "surface"} >= {"collar"}
    assert {p.end for p in people[out.id] if p.outcome == "surface"} == {"raise_top", "portal"}
    # nobody is left waiting at a shaft station for a cage that does not come: who is still underground at the
    # end never left their workplace (never warned, in this drill's replications)
    assert all(p.end == p.start for p in people[out.id] if p.outcome == "underground")
    mean = {e.run.id: {m.key: m.mean for m in e.card.metrics} for e in result.entries}
    assert math.isnan(mean[out.id]["cage_utilisation"])  # nobody called the cage out of service: "–", not 0 %
    # the same people are warned and leave at the same times, then go another way and are out later: told as
    # ended otherwise (it said 0, as if the fault had changed nothing, when only the outcome was compared)
    effect = without.effect
    assert effect is not None and effect.warned == 0 and effect.departed == 0
    ended = sum(repr((p.end, p.outcome_s)) != repr((q.end, q.outcome_s))
                for a, b in zip(without.exercise.results, with_cage.exercise.results, strict=True)
                for p, q in zip(a.people, b.people, strict=True)) / len(without.exercise.results)
    assert effect.ended == ended > 100
    # out later: the mean time to the surface of those who got there (everyone safe is reached in too few
    # replications now that the water running down the -360 east drifts catches someone in most of them)
    out_s = {r: statistics.mean(p.outcome_s for p in people[r] if p.outcome == "surface") for r in people}
    assert out_s[out.id] > out_s[day.id]


BRIDGE = """\
suite:
  id: bridge
  title: A bridge no one crosses
  replications: 2
  runs:
    - scenario: SCEN/flood_season_night.yaml
      variations:
        - {id: as-written}
        - {id: bridge-out, faults: [{kind: link_cut, target: road_r2_ht, at_s: 12000}]}
        - {id: lane-out, faults: [{kind: link_cut, target: road_ht_c, at_s: 12000}]}
        - {id: bridge-out-by-day, time_of_day: day, faults: [{kind: link_cut, target: road_r2_ht, at_s: 12000}]}
"""


def test_a_fault_that_changes_no_ones_record_is_reported_as_testing_nothing(tmp_path: Path) -> None:
    """The bridge into Hetou is on no one's way: cut during the evacuation, everyone is warned, leaves and ends
    exactly as without it. A fault that changes things is not reported, nor one whose run differs from every
    other in more than that fault (by day: there is no run to tell what the fault alone did)."""
    out = tmp_path / "out"
    res = invoke("season", write_suite(tmp_path, BRIDGE), "--out", out)
    assert res.exit_code == 0, f"{res.output}\n{res.exception!r}"
    said = ("flood-season-night/bridge-out: fault link_cut:road_r2_ht (21:20, +3:20:00) changed nothing: in all 2 "
            "replications everyone was warned, left and ended exactly as in flood-season-night/as-written, the "
            "same drill without it: it tested nothing")
    assert said in res.stdout
    assert "lane-out: fault" not in res.stdout and "bridge-out-by-day: fault" not in res.stdout
    data = json.loads((out / "season.json").read_text(encoding="utf-8"))
    assert [(i["run"], i["after_evacuation"], i["same_as_run"]) for i in data["idle_faults"]] == [
        ("flood-season-night/bridge-out", 0, "flood-season-night/as-written")]
    # a fault that did something is told against the run without it: the riverside houses' lane is their way out
    assert ("flood-season-night/lane-out: against flood-season-night/as-written, the same drill without fault "
            "link_cut:road_ht_c, on the same random numbers") in res.stdout
    effect = {r["id"].split("/")[1]: r["fault_effect"] for r in data["runs"]}
    assert effect["as-written"] is None and effect["bridge-out"] is None and effect["bridge-out-by-day"] is None
    lane = effect["lane-out"]
    assert lane["against_run"] == "flood-season-night/as-written" and lane["ended_otherwise"] > 0
    assert lane["warned_otherwise"] == 0  # cut at 21:20, the lane changes how people get out, not who is warned
    assert lane["paired"]["unsafe"]["mean_diff"] > 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages).split())
    assert text.count("changed nothing") == 2  # on the matrix page and on the run's own page


def test_a_run_says_plainly_what_its_variation_changed_in_the_scenario() -> None:
    from drills.experiment.i18n import Text
    from drills.experiment.season import run_changes

    runs = {r.id: r for r in load_suite(BUNDLED_SUITE, replications=1).runs}
    dam_day = runs["dam-break-night/day-heavy-rain"]
    assert dam_day.spec.meta.scenario_title.startswith("Night-time")  # the title speaks of the scenario as written
    assert run_changes(dam_day, Text("en")) == "time of day: night → day; start: 2026-07-21 02:00 → 2026-07-21 14:00"
    assert run_changes(dam_day, Text("zh")) == "时段：夜间 → 白天；开始时间：2026-07-21 02:00 → 2026-07-21 14:00"
    storm_day = runs["flood-season-night/storm-50yr-day"]
    assert storm_day.spec.meta.start_time == "2026-07-20T06:00"  # a day run starts by day
    assert [c[0] for c in storm_day.changed] == ["time_of_day", "shift", "start_time", "entries"]
    assert run_changes(storm_day, Text("en")).endswith(  # the night shift is due down by day, not the day shift again
        "shifts going underground: day at 08:00 (+14:00:00) → night at 20:00 (+14:00:00)")
    assert run_changes(runs["mine-inrush-day/night"], Text("en")).startswith(
        "time of day: day → night; shift underground: day → night; start: 2026-07-20 10:00 → 2026-07-20 02:00")
    assert run_changes(runs["flood-season-night/storm-20yr-night"], Text("en")) == "design storm: 50-year → 20-year"
    assert runs["flood-season-night/storm-50yr-night"].changed == ()


def test_the_matrix_says_what_decided_each_grade() -> None:
    from types import SimpleNamespace

    from drills.experiment.grading import Overall
    from drills.experiment.i18n import Text
    from drills.experiment.season import grade_cell, grade_reason

    capped = _entry("dam/night", ("M2:xc", "不足项", "a"), ("M3:xc", "不足项", "b"), ("M3:ht", "不足项", "c"),
                    ("M1:latency", "整改项", "d"))
    capped.evaluation.overall = Overall(40.0, "差", "poor — …", True, 3, 1, 0)
    scored = _entry("valley/20yr", ("M1:latency", "整改项", "d"))
    scored.evaluation.overall = Overall(43.33, "差", "poor — …", False, 0, 1, 0)
    t = Text("en")
    assert grade_reason(capped, t) == "deficiencies (不足项) in M2, M3: 3"
    assert grade_reason(capped, t, short=True) == "deficiency (不足项) M2, M3"
    assert grade_reason(scored, t) == "score 43"
    assert grade_reason(capped, Text("zh")) == "不足项 M2，M3：3 项"
    assert grade_cell({"grade": "差 (poor)", "entry": scored}, t) == "差 (poor)\nscore 43"
    assert grade_cell({"grade": "差 (poor)", "entry": capped}, t) == "差 (poor)\ndeficiency (不足项) M2, M3"
    assert grade_reason(SimpleNamespace(evaluation=None), t) == ""
    # a run the water never reached anyone in passed its gates on the water untried: said under its grade
    scored.card.water_reached_no_one = True
    assert grade_reason(scored, t) == "score 43; untried: the water reached no one"
    assert grade_cell({"grade": "良好 (good)", "entry": scored}, t) == "良好 (good)\nscore 43, untried (no water)"
    assert grade_reason(scored, Text("zh"), short=True) == "得分 43，未经检验（无水）"


def test_every_revision_kind_has_words_in_both_languages() -> None:
    """The suite's recurring findings list the kinds of revision that address them in words, not codes."""
    from drills.experiment.i18n import Text
    from drills.experiment.revisions import KINDS

    for lang in ("en", "zh"):
        t = Text(lang)
        assert all(t.term(k) != k and "_" not in t.term(k) for k in KINDS), lang


def test_a_full_disk_at_the_end_of_a_season_is_one_line_not_a_traceback(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("drills.experiment.season.write_season", full)
    res = invoke("season", write_suite(tmp_path, TINY), "-n", "2", "--out", tmp_path / "out")
    assert res.exit_code == 1
    assert "--out: could not write the outputs to" in res.stderr and "No space left on device" in res.stderr
    assert "Traceback" not in res.output


WEATHER = """\
suite:
  id: weather
  title: The dam with and without rain, the mine by night
  replications: 4
  runs:
    - scenario: SCEN/dam_break_night.yaml
      variations:
        - {id: heavy-rain}
        - {id: no-rain, weather: {rain: none}}
    - scenario: SCEN/mine_inrush_day.yaml
      variations:
        - {id: day}
        - {id: night, time_of_day: night, shift: night, start_time: 2026-07-20T02:00:00}
"""


def test_a_variation_is_told_against_the_scenario_as_written_on_the_same_random_numbers(tmp_path: Path) -> None:
    """Heavy rain lowers how far the sirens and loudspeakers carry (the dam scenario as written): without it,
    other households are warned, at other times. The paired differences are those of the two runs' own
    readings, replication by replication. The night shift is other people: the runs are compared by counts."""
    from drills.experiment.season import run_season, variation_text

    result = run_season(load_suite(write_suite(tmp_path, WEATHER)))
    by_id = {e.run.id.split("/")[1]: e for e in result.entries}
    assert by_id["heavy-rain"].variation_effect is None and by_id["day"].variation_effect is None
    dry, heavy = by_id["no-rain"], by_id["heavy-rain"]
    v = dry.variation_effect
    assert v is not None and v.base == heavy.run.id and v.replications == 4
    assert v.changed is not None and v.changed[0] > 0  # warned otherwise
    for key, reading in (("unsafe", "unsafe"), ("late_warned", "late_warned")):
        mine = [getattr(r, reading) for r in dry.evaluation.readings]
        theirs = [getattr(r, reading) for r in heavy.evaluation.readings]
        assert v.diffs[key].mean_diff == pytest.approx(sum(mine) / 4 - sum(theirs) / 4)
    night = by_id["night"].variation_effect
    assert night is not None and night.changed is None and night.base.endswith("/day")
    from drills.experiment.i18n import Text

    said = variation_text(night, by_id["night"], Text("en"))
    assert "other people are present, so the runs are compared by counts only" in said
    assert "time of day: day → night" in said
    assert "(this run − as written, 95 % CI)" in said


def test_two_runs_with_the_same_people_in_the_water_s_way_say_why_caught_and_fatalities_agree() -> None:
    """A variation (no rain for heavy rain) that changes who the siren wakes but no one in the water's way: the
    season says the same people were in its way in both, and why no warning could reach them."""
    from types import SimpleNamespace

    from drills.experiment.i18n import Text
    from drills.experiment.season import same_fates, same_fates_text
    from drills.model.records import DrillResult, PersonRecord

    def person(name: str, warned_by: str, warned_s: float, departed_s: float, outcome: str,
               situation: str) -> PersonRecord:
        return PersonRecord(0, name, "resident", "adult", "", "home", warned_s, warned_by, departed_s, outcome,
                            float("nan"), "home", float("nan"), 600.0, situation, 0.9 if situation else 0.0)

    def entry(*people: PersonRecord):
        res = DrillResult(0, people, (), (), float("nan"), (), (), (), 0)
        return SimpleNamespace(exercise=SimpleNamespace(results=(res,)))

    nan = float("nan")
    caught = person("a", "water", 600.0, nan, "caught", "in_building")
    stayed = person("b", "siren", 300.0, nan, "sheltered", "upper_floor")  # warned in time, never set out
    rain = entry(caught, stayed, person("c", "siren", 1500.0, 1600.0, "assembly", ""))
    dry = entry(caught, stayed, person("c", "cell", 400.0, 700.0, "assembly", ""))  # warned otherwise, safe both
    assert same_fates(dry, rain) == (1.0, 1.0, 0.0)
    assert "no channel before the water came" in same_fates_text(same_fates(dry, rain), Text("en"))
    assert "始终未动身" in same_fates_text(same_fates(dry, rain), Text("zh"))
    moved = entry(caught, stayed._replace(outcome="assembly", situation="", fatality_p=0.0),
                  rain.exercise.results[0].people[2])
    assert same_fates(moved, rain) is None and same_fates_text(None, Text("en")) == ""


@pytest.fixture(scope="module")
def tiny_season(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The tiny suite's season in English, run once for the tests that read its report: (out folder, stdout)."""
    folder = tmp_path_factory.mktemp("tiny")
    out = folder / "out"
    res = invoke("season", write_suite(folder, TINY), "--out", out)
    assert res.exit_code == 0, f"{res.output}\n{res.exception!r}"
    return out, res.stdout


def _squeezed(text: str) -> str:
    """Text with its whitespace and line breaks out, to find a sentence the PDF wrapped."""
    return "".join(text.split())


def test_the_season_report_holds_every_finding_of_every_run(tiny_season: tuple[Path, str]) -> None:
    """The report handed over is complete: where a run page or the summary lists only the first findings, the rest
    are in the report's appendix, not only in season.json."""
    out, _ = tiny_season
    data = json.loads((out / "season.json").read_text(encoding="utf-8"))
    pages = [p.extract_text() for p in PdfReader(out / "report.pdf").pages]
    text = _squeezed("\n".join(pages))
    assert "season.json." not in text
    assert any(len(run["findings"]) > 8 for run in data["runs"])  # a run page cuts its list
    appendix = _squeezed("\n".join(pages).split("Appendix: every finding")[-1].split("The suite as run")[0])
    for run in data["runs"]:
        assert _squeezed(f"({len(run['findings'])} findings)") in appendix, run["id"]
        for f in run["findings"]:
            assert _squeezed(f"({f['class']})] {f['title']}") in appendix, f["title"]
    for r in data["recurring_findings"]:
        assert _squeezed(r["title"]) in appendix, r["title"]
    cut = [p for p in pages if "more: all" in p]
    assert cut and all("“Appendix: every finding” at the end of this report" in " ".join(p.split()) for p in cut)


def test_a_grade_the_replications_cannot_settle_is_said_so_on_the_cover_the_run_page_and_the_terminal(
        tiny_season: tuple[Path, str]) -> None:
    """Two replications cannot settle the mine's life-safety checks: the season says so, as a run report does
    under "Not settled by this number of replications", with how many replications would settle them."""
    out, stdout = tiny_season
    data = json.loads((out / "season.json").read_text(encoding="utf-8"))
    mine = next(r for r in data["runs"] if r["id"].startswith("mine-inrush-day"))
    assert mine["not_settled"] and mine["settle_with_replications"] > 2
    from drills.experiment.i18n import Text

    # as a range over the shares' likely values, the estimate at the shares seen where the range is open
    span = mine["settle_span_replications"]
    words = Text("en").settle_span((span["fewest"], span["most"]), mine["settle_with_replications"])
    assert words.startswith(("about ", "at least about "))
    said = f"{mine['id']}: 2 life-safety checks not settled by 2 replications; {words} replications would settle them"
    assert said in " ".join(stdout.split())
    assert f"-n {mine['settle_with_replications']}" in stdout
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out / "report.pdf").pages]
    assert "Not settled by this number of replications" in pages[0]
    run_page = next(p for p in pages if "Run 1: mine-inrush-day" in p)
    assert "Not settled by this number of replications" in run_page
    for note in mine["not_settled"]:
        assert " ".join(note.split()[:12]) in run_page
    # the cover's table lists each unsettled run with its checks and what would settle them; a settled run is not in it
    cover = " ".join(pages[:2]).split("Scenario × metric matrix")[0]
    for r in data["runs"]:
        listed = re.search(rf"{re.escape(r['id'])} (\d+) 2 (.+?) (?=\S+/|To settle)", cover)
        assert bool(listed) == bool(r["not_settled"]), r["id"]
        if r["not_settled"] and r["settle_with_replications"]:
            span = r["settle_span_replications"]
            assert listed is not None and listed[2] == Text("en").settle_span(
                (span["fewest"], span["most"]) if span else None, r["settle_with_replications"])


def test_one_unsettled_check_is_said_in_the_singular(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from drills.experiment import season
    from drills.experiment.i18n import Text

    e = SimpleNamespace(card=SimpleNamespace(settle_with=59), run=SimpleNamespace(id="flood/storm"),
                        exercise=SimpleNamespace(replications=3))
    monkeypatch.setattr(season, "unsettled_checks", lambda _e: 1)
    assert season.unsettled_line(e, Text("en")) == ("flood/storm: 1 life-safety check not settled by 3 replications; "
                                                    "about 59 replications would settle it")
    monkeypatch.setattr(season, "unsettled_checks", lambda _e: 2)
    assert season.unsettled_line(e, Text("en")).startswith("flood/storm: 2 life-safety checks not settled")


def test_the_season_asks_for_the_top_of_each_runs_range_to_settle_it() -> None:
    """A run whose share of failures could lie anywhere that needs 6 to 4 100 replications is not settled by the 20
    its observed share alone asks for: the season suggests what drill run suggests, the top of the range, and
    the estimate at the share only where no range was made or it has no top."""
    from types import SimpleNamespace

    from drills.experiment.i18n import Text
    from drills.experiment.season import season_settle_how

    def entry(settle_with: int, span: tuple[int, int | None] | None):
        return SimpleNamespace(card=SimpleNamespace(settle_with=settle_with, settle_span=span))

    t = Text("en")
    assert "(-n 4100: the most" in season_settle_how([entry(20, (6, 4100)), entry(30, None)], t)
    assert "(-n 30: the most" in season_settle_how([entry(20, (6, None)), entry(30, None)], t)
    assert "-n N" in season_settle_how([entry(0, None)], t)


def test_the_covers_unsettled_runs_are_a_table_with_what_would_settle_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cover listed fifteen unsettled runs as fifteen sentences, each repeating the same words; they are a table
    now: the run, its unsettled checks, its replications and the replications that would settle them, "–" where
    none can be estimated."""
    from types import SimpleNamespace

    from drills.experiment import season
    from drills.experiment.i18n import Text

    def entry(run: str, settle_with: int | None, span: tuple[int, int | None] | None):
        return SimpleNamespace(card=SimpleNamespace(settle_with=settle_with, settle_span=span),
                               run=SimpleNamespace(id=run), exercise=SimpleNamespace(replications=1200))

    monkeypatch.setattr(season, "unsettled_checks", lambda e: 7 if e.run.id == "mine/day" else 1)
    t = Text("en")
    rows = season.unsettled_rows([entry("mine/day", 98, (22, None)), entry("mine/night", None, None)], t)
    assert rows == [["mine/day", "7", "1 200", t.settle_span((22, None), 98)], ["mine/night", "1", "1 200", "–"]]
    assert rows[0][3] == "at least about 22 (about 98 at the shares seen, more the nearer a share is to the tail)"
