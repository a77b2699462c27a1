"""Findings and revisions on constructed plans with one known defect each.

Each plan has one defect — a village outside every siren's reach, a level whose only route floods first,
a decision delay longer than the flood's travel time. The top finding must name that defect, and the top
revision must fix it, proved by re-simulation on common random numbers with a 95 % CI that excludes zero.
A revision that changes nothing must say so.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import base_plan, base_scenario, base_site, link, node

from drills.experiment.plan_edit import EditError, PlanText
from drills.experiment.recommendation import recommend
from drills.experiment.revisions import Candidate
from drills.experiment.search import Lab
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import load

DATA = Path(__file__).parent / "data" / "revise"
N = 20


def valley(tmp_path: Path, edits: list | None = None) -> Path:
    """The two-village valley of tests/data/revise, with the plan edited as asked; returns the scenario."""
    for name in ("site.yaml", "plan.yaml", "scenario.yaml", "study.csv"):
        shutil.copyfile(DATA / name, tmp_path / name)
    if edits:
        text = PlanText(tmp_path / "plan.yaml")
        tree = text.copy()
        text.apply(tree, edits)
        (tmp_path / "plan.yaml").write_text(text.render(tree), encoding="utf-8")
    return tmp_path / "scenario.yaml"


def top_trial(rec):
    """The first-ranked revision that was tried on the plan as it is (not under a single fault)."""
    return next(t for t in rec.trials if t.candidate.condition is None and not t.error)


def test_village_outside_every_sirens_reach(tmp_path):
    rec = recommend(load(valley(tmp_path)), replications=N, fault_replications=0)
    top = rec.baseline.findings[0]
    assert (top.metric, top.cls) == ("M2", "不足项")
    assert top.targets["places"] == ["far"] and top.targets["cause"] == "coverage"
    assert "far" in top.title and "no channel" in top.title
    assert top.evidence.startswith("In every one of 20 replications (100 %) people at far (of 10 there) were not "
                                   "warned by the order before the water reached them; when it happened, 10 people "
                                   "each time.")
    assert top.plan_ref.startswith("plan.yaml:")
    fix = top_trial(rec)
    assert "far" in fix.candidate.key and fix.verdict == "better"
    assert fix.candidate.key == rec.selection.chosen[0].key
    for metric in ("unsafe", "late_warned", "objective"):
        assert fix.diffs[metric].ci_high < 0, metric
    assert fix.diffs["late_warned"].base_mean == 10 and fix.diffs["late_warned"].new_mean == 0
    assert rec.revised.grades["M2"].gate is True
    assert not any(f.key == "M2:far" for f in rec.revised.findings)


def test_decision_delay_longer_than_the_flood_travel_time(tmp_path):
    # the siren reaches both villages, but the duty officer takes 30 min to decide; the flood needs 15-25 min
    scenario = valley(tmp_path, [
        ("set", ("plan", "warning", "triggers", {"id": "breach"}, "automatic"), False),
        ("set", ("plan", "roles", {"id": "duty"}, "decision_delay_s"), 1800),
        ("add_unique", ("plan", "channels", {"id": "siren-near"}, "coverage"), ["far"]),
    ])
    rec = recommend(load(scenario), replications=N, fault_replications=0)
    top = rec.baseline.findings[0]
    assert top.metric == "M2" and top.cls == "不足项"
    assert top.targets["cause"] == "decision"
    assert "the order came after the water (first trigger met" in top.title
    latency = next(f for f in rec.baseline.findings if f.metric == "M1")
    assert "in the slowest 5 %, Duty officer's detection and declaration takes longest" in latency.title
    assert rec.baseline.grades["M1"].value == 1800 and rec.baseline.grades["M1"].grade == "C"  # 30 min: still C
    fix = top_trial(rec)
    assert fix.candidate.key == "make_automatic:breach"
    assert fix.diffs["unsafe"].ci_high < 0 and fix.diffs["order_latency_s"].ci_high < 0
    assert [c.key for c in rec.selection.chosen][:1] == ["make_automatic:breach"]
    assert rec.revised.grades["M1"].grade == "A" and rec.revised.grades["M2"].gate is True


def flooding_level(tmp_path: Path, other_way: bool = True) -> Path:
    """A level at -50 whose only planned route runs down through a dip that an inrush fills in 2 minutes;
    a ramp up the other way stays dry (``other_way``; without it the dip is the only way out)."""
    nodes = [node("w", "workplace", z=-50.0, level="-50"), node("dip", "junction", z=-60.0, x=300.0, level="-50"),
             node("src", "junction", z=-65.0, x=350.0, level="-50"), node("out1", "portal", x=900.0),
             node("up", "junction", z=-40.0, x=-200.0, level="-50"), node("out2", "portal", x=-600.0)]
    links = [link("d_w_dip", "w", "dip", 300.0), link("d_dip_src", "dip", "src", 50.0),
             link("r_dip_out1", "dip", "out1", 700.0, kind="ramp"), link("d_w_up", "w", "up", 200.0, kind="ramp"),
             link("r_up_out2", "up", "out2", 500.0, kind="ramp")]
    if not other_way:
        nodes, links = nodes[:4], links[:3]
    site = base_site(nodes, links, [{"at": "w", "count": 10}])
    plan = base_plan(routes=[{"id": "via-dip", "from": ["w"], "path": ["w", "dip", "out1"]}],
                     exits=["out1", "out2"] if other_way else ["out1"])
    inrush = {"inrush": {"source": "src", "hydrograph": [{"t_s": 0, "inflow_m3ph": 20000}]}}
    scen = base_scenario(duration_s=3600, hazard=inrush, monte_carlo={"replications": N, "seed": 3})
    for name, data in (("site.yaml", site), ("plan.yaml", plan), ("scenario.yaml", scen)):
        (tmp_path / name).write_text(json.dumps(data, indent=1), encoding="utf-8")
    return tmp_path / "scenario.yaml"


def test_a_level_whose_only_route_floods_first(tmp_path):
    rec = recommend(load(flooding_level(tmp_path)), replications=N, fault_replications=0)
    top = rec.baseline.findings[0]
    # all ten walk into the dip, meet the water there and turn back: they get out by the ramp on their own
    assert (top.metric, top.cls, top.kind) == ("M3", "整改项", "turned_back")
    assert top.targets == {"places": ["w"], "route": "via-dip", "turned_back_at": {"dip": 10 * N}}
    assert rec.baseline.grades["M3"].gate is True and not any(f.key == "M3:w" for f in rec.baseline.findings)
    fix = top_trial(rec)
    assert fix.candidate.key == "change_route:w"
    assert ("append", ("plan", "evacuation", "routes"),
            {"id": "w-revised", "from": ["w"], "path": ["w", "up", "out2"]}) in fix.candidate.edits
    assert fix.diffs["turned_back"].mean_diff == -10 and fix.diffs["turned_back"].ci_high < 0
    assert fix.diffs["margin_min_s"].verdict == "better" and fix.diffs["unsafe"].verdict == "no change"
    assert not any(f.kind == "turned_back" for f in rec.revised.findings)
    # adding a battery to a channel that never loses power does nothing: "no change", not chosen
    battery = next(t for t in rec.trials if t.candidate.kind == "add_battery")
    assert battery.verdict == "no change"
    assert battery.candidate.key not in {c.key for c in rec.selection.chosen}


def test_the_plan_as_revised_so_far_is_asked_for_every_finding_on_its_people(tmp_path, monkeypatch):
    """After each chosen revision the search asks the revised plan what it still needs: a route that floods first
    (people turning back, no one caught) must be among what it sees, or a route is never proposed once an earlier
    revision has moved the people's start. Here the plan as it is already shows it, so the answer is known."""
    from drills.experiment import recommendation

    asked = {}
    search = Lab.search

    def spy(self, candidates, singles, budget, regenerate=None):
        asked["regenerate"] = regenerate
        return search(self, candidates, singles, budget, regenerate)

    monkeypatch.setattr(Lab, "search", spy)
    rec = recommendation.recommend(load(flooding_level(tmp_path)), replications=N, fault_replications=0)
    base = rec.baseline
    again = asked["regenerate"](base.loaded, base.spec, base.exercise)
    assert "change_route:w" in {c.key for c in again}
    assert {f.key for f in recommendation.outcome_findings(base.loaded, base.spec, base.exercise,
                                                           base.bottlenecks)} >= {"M3:turned_back:w"}


def test_a_place_no_new_route_can_help_is_said_plainly(tmp_path):
    """Without the ramp up, the dip the water fills in 2 minutes is the only way out of the level: its people set
    out, find it under water and turn back, and no route reaches the surface ahead of the water, so recommend says
    so, in both languages and in its JSON, instead of proposing nothing in silence."""
    from drills.experiment.i18n import Text
    from drills.experiment.revision_report import out_of_reach_lines, recommendation_json

    rec = recommend(load(flooding_level(tmp_path, other_way=False)), replications=N, fault_replications=0)
    assert any(f.kind == "turned_back" for f in rec.revised.findings)
    assert not any(c.kind == "change_route" for c in rec.candidates)
    [way] = rec.no_way
    assert (way.place, way.miner) == ("w", True) and way.departed_s >= 0
    en = out_of_reach_lines(rec, Text("en"))
    # when they set out is said as a time from the start of the scenario (it read "for its people setting out when
    # they do in the revised plan (median 0:01:40)", a median of nothing named)
    assert en == [f"In the revised plan the people at w set out a median {Text('en').value(way.departed_s, 's')} "
                  "after the start of the scenario, and no way on foot from there reaches the surface or a refuge at "
                  "least 0:05:00 ahead of the water: no new route can help them, only setting out sooner."]
    zh = out_of_reach_lines(rec, Text("zh"))[0]
    assert "改变路线无济于事" in zh and f"情景开始后（中位数）{Text('zh').value(way.departed_s, 's')} 动身" in zh
    assert recommendation_json(rec)["beyond_route"] == [{"place": "w", "departed_s": way.departed_s, "miner": True}]
    # with the ramp up, a route exists: nothing is said of that level
    ramp = tmp_path / "ramp"
    ramp.mkdir()
    assert recommend(load(flooding_level(ramp)), replications=N, fault_replications=0).no_way == ()


def test_a_revision_that_changes_nothing_is_no_improvement(tmp_path):
    scenario = valley(tmp_path)
    idle = Candidate("add_battery:siren-near", "add_battery", "battery", 1.0,
                     (("set", ("plan", "channels", {"id": "siren-near"}, "backup_power_h"), 24),), "g")
    with Lab(scenario, tmp_path / "plan.yaml", replications=10, seed=7) as lab:
        trial = lab.trial(idle)
    assert trial.verdict == "no change"
    assert all(d.verdict == "no change" and d.mean_diff == 0 for d in trial.diffs.values() if d.n)


def test_a_revision_that_does_not_validate_is_reported_not_run(tmp_path):
    scenario = valley(tmp_path)
    broken = Candidate("x", "change_route", "route into nowhere", 1.0,
                       (("append", ("plan", "evacuation", "routes"), {"id": "r", "from": ["far"], "path": ["far",
                                                                                                       "nowhere"]}),),
                       "g")
    missing = Candidate("y", "add_battery", "no such channel", 1.0,
                        (("set", ("plan", "channels", {"id": "nope"}, "backup_power_h"), 4),), "h")
    with Lab(scenario, tmp_path / "plan.yaml", replications=4, seed=7) as lab:
        bad, gone = lab.trial(broken), lab.trial(missing)
        runs = lab.runs
    assert bad.verdict == "invalid" and "does not validate" in bad.error and "nowhere" in bad.error
    assert gone.verdict == "invalid" and "do not fit" in gone.error
    assert runs == 2  # the baseline (once, cached) and the broken plan's load attempt; nothing else ran


def test_budget_limits_the_chosen_set(tmp_path):
    rec = recommend(load(valley(tmp_path)), replications=N, fault_replications=0, budget=1.0)
    assert rec.selection.chosen == ()
    assert rec.selection.spent <= 1.0
    assert "no revision improved the plan" in rec.revised_text
    assert load(tmp_path / "scenario.yaml", None).plan.version == "1"


def test_each_chosen_revision_is_shown_by_what_it_adds_to_those_chosen_before_it(tmp_path):
    """The duty officer takes 10 min to order the evacuation, the siren is heard by half the near village and does
    not reach the far one. Reaching the far village is chosen first (R1), the automatic order second (R2). Alone,
    the automatic order mostly cuts the order's delay (the far village is never warned whatever the order); on top
    of R1 it is what saves the last people at the near village. The report and recommendations.md must show R2 by
    what it adds to R1 — the paired difference between the plans with R1 and R2 and with R1 only — not alone."""
    from drills.experiment.i18n import Text
    from drills.experiment.paired import compare
    from drills.experiment.revision_report import (
        _revision_row,
        most_improved,
        recommendation_json,
        recommendation_markdown,
        report_revisions,
    )

    scenario = valley(tmp_path, [
        ("set", ("plan", "warning", "triggers", {"id": "breach"}, "automatic"), False),
        ("set", ("plan", "roles", {"id": "duty"}, "decision_delay_s"), 600),
        ("set", ("plan", "channels", {"id": "siren-near"}, "hear_probability"), 0.5),
    ])
    rec = recommend(load(scenario), replications=N, fault_replications=0)
    first, second = rec.selection.chosen
    assert (first.key, second.key) == ("extend_coverage:siren-near:far", "make_automatic:breach")
    # the plans with R1 and with R1 and R2, simulated again on the same random numbers
    with Lab(scenario, tmp_path / "plan.yaml", replications=N, seed=rec.baseline.exercise.seed) as lab:
        with_first, with_both = lab.readings((first,), None), lab.readings((first, second), None)
        added = compare(with_first, with_both, lab.duration_s)
    alone = next(tr for tr in rec.trials if tr.candidate.key == second.key)
    assert alone.diffs["unsafe"].base_mean > 10 and added["unsafe"].base_mean < 1  # two different comparisons
    t = Text("en")
    shown = most_improved(added)
    assert shown.key == "unsafe" and shown.verdict == "better"
    rows = report_revisions(rec, t)
    assert rows[1] == _revision_row(f"R2 {second.words()}", shown, "on top of R1", t)
    assert rows[1].title.endswith("(on top of R1)") and rows[1].change.startswith(f"−{-shown.mean_diff:.2f} [")
    assert rows[0].title.endswith("(alone, against the plan as it is)")  # R1 added to the plan as it is
    assert rows[2].title == "R1–R2 together (against the plan as it is)"
    md = recommendation_markdown(rec, t)
    assert f"| {rows[1].title} | {rows[1].metric} | {rows[1].before} | {rows[1].after} | {rows[1].change} |" in md
    assert "R2 against the plan with R1" in md
    zh = recommendation_markdown(rec, Text("zh"))
    assert "R2 与含 R1 的预案比较" in zh and "（在 R1 之上） | 水到达前未到达安全地点的人数 | 0.35 | 0.00 |" in zh
    step = recommendation_json(rec)["steps"][1]
    assert (step["label"], step["key"], step["on_top_of"]) == ("R2", second.key, ["R1"])
    assert step["effect"]["unsafe"]["mean_diff"] == added["unsafe"].mean_diff


@pytest.mark.parametrize("plan", ["jinshan_mine_plan.yaml", "qingshui_dam_plan.yaml", "qingshui_jinshan_plan.yaml"])
def test_editing_a_bundled_plan_keeps_every_other_line(plan):
    path = bundled_root() / "plans" / plan
    text = PlanText(path)
    assert text.render(text.copy()) == text.text  # no edit, no change at all
    tree = text.copy()
    first_channel = text.tree["plan"]["channels"][0]["id"]
    text.apply(tree, [("set", ("plan", "channels", {"id": first_channel}, "backup_power_h"), 12),
                      ("move_first", ("plan", "roles", 0, "backups"), "x")])
    new = text.render(tree)
    diff = text.diff(new, "revised.yaml")
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert 2 <= len(changed) <= 6, diff
    assert [ln for ln in text.text.splitlines() if ln.lstrip().startswith("#")] == [
        ln for ln in new.splitlines() if ln.lstrip().startswith("#")]


def test_what_an_edit_adds_at_the_end_of_a_block_stays_inside_it_and_within_the_file_s_width():
    """A deputy appended to the mine plan's roles, and the backup key added to the last role, were written after the
    blank line that closes the roles, so the new role ran straight into ``warning:``; a runner appended to the
    channels ran into ``evacuation:`` the same way; and two stopes added to the mine PA's coverage, which the planner
    wrapped over two lines, came out as one line of 190 characters."""
    text = PlanText(bundled_root() / "plans" / "jinshan_mine_plan.yaml")
    tree = text.copy()
    deputy = {"id": "mine_manager_deputy", "title": "Mine manager — deputy", "present_probability": 0.95,
              "may_order_evacuation": True}
    runner = {"id": "runner-x", "type": "runner", "start": "st360", "coverage": ["stope360w"],
              "needs_mains_power": False}
    text.apply(tree, [("append", ("plan", "roles"), deputy),
                      ("append", ("plan", "roles", {"id": "mine_manager"}, "backups"), "mine_manager_deputy"),
                      ("append", ("plan", "channels"), runner),
                      ("add_unique", ("plan", "channels", {"id": "mine-pa"}, "coverage"), ["stope360w", "stope360e"])])
    new = text.render(tree)
    assert ("      may_order_evacuation: true\n      backups: [mine_manager_deputy]\n"
            "    - id: mine_manager_deputy\n") in new
    assert "      may_order_evacuation: true\n\n  warning:\n" in new
    assert "      coverage: [stope360w]\n      needs_mains_power: false\n\n  evacuation:\n" in new
    widest = max(len(line) for line in text.text.splitlines())
    assert max(len(line) for line in new.splitlines()) <= widest
    assert "                 crusher360, shop240, ramp180, mag120, stope360w, stope360e]\n" in new
    assert text._yaml.load(new) == tree  # the same plan as the edited tree


def test_an_edit_whose_target_is_missing_raises():
    text = PlanText(bundled_root() / "plans" / "qingshui_dam_plan.yaml")
    with pytest.raises(EditError, match="no single item"):
        text.apply(text.copy(), [("set", ("plan", "channels", {"id": "nope"}, "coverage"), [])])
    with pytest.raises(EditError, match="nothing matching"):
        text.apply(text.copy(), [("remove", ("plan", "evacuation", "routes"), {"id": "nope"})])


def test_a_single_fault_that_breaks_the_plan_is_a_deficiency_and_its_fix_is_proved_under_it(tmp_path):
    # one siren reaches both villages: the plan passes M2 and M3, but has no second channel
    scenario = valley(tmp_path, [("add_unique", ("plan", "channels", {"id": "siren-near"}, "coverage"), ["far"])])
    rec = recommend(load(scenario), replications=10, fault_replications=10, budget=5)
    base = rec.baseline
    assert base.grades["M2"].gate and base.grades["M3"].gate
    names = [r.name for r in base.robustness.runs]
    assert names[:2] == ["mains_power", "channel_down:siren-near"]
    assert {"role_absent:duty", "link_cut:path_near", "link_cut:path_far"} <= set(names)
    assert base.grades["M6"].gate is False and base.grades["M6"].grade == "D"
    # what each fault did, person by person against the baseline: the siren keeps 12 h of battery, so losing the
    # mains changes no one's record; the trigger is automatic, so no one waits for the duty officer
    rob = base.robustness
    did = {r.name: (rob.verdict(r), r.changed) for r in rob.runs}
    assert did["mains_power"] == ("nothing", 0.0) and did["role_absent:duty"] == ("nothing", 0.0)
    assert did["channel_down:siren-near"] == ("breaks", 20.0)  # all 20 people of both villages
    assert {r["fault"]: r["verdict"] for r in rob.to_json()["runs"]}["mains_power"] == "nothing"
    top = base.findings[0]
    assert top.key == "M6:channel_down:siren-near" and top.cls == "不足项"
    assert "makes M2 (reach) and M3 (safety) fail" in top.title
    proved = [t for t in rec.trials if t.candidate.condition == "channel_down:siren-near" and t.verdict == "better"]
    # each proved under the fault lowers the objective (people not safe, and a quarter for each warned late); the
    # one chosen first also makes people safe who were not
    assert proved and all(t.diffs["objective"].ci_high < 0 for t in proved)
    assert all(t.plain is not None and t.plain["objective"].verdict != "worse" for t in proved)
    first = rec.selection.chosen[0]
    assert first.condition == "channel_down:siren-near"
    assert next(t for t in proved if t.candidate.key == first.key).diffs["unsafe"].ci_high < 0
    assert "channel_down:siren-near" in rec.selection.combined_under


def test_the_summary_line_lists_the_revisions_in_the_words_of_its_language():
    from types import SimpleNamespace

    from drills.experiment.recommendation import Recommendation

    def applied(k: int, condition: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(label=f"R{k}", simulated=k < 3, candidate=SimpleNamespace(condition=condition))

    rec = SimpleNamespace(applied=[applied(1), applied(2), applied(3)], selection=SimpleNamespace(spent=8.5),
                          budget=10.0)
    assert Recommendation.summary(rec, "en") == ("3 revisions in the revised plan: R1, R2 proved by re-simulation; "
                                                 "R3 on paper (a correction the rules require, not chosen for a "
                                                 "simulated gain); spent 8.5 of 10")
    assert Recommendation.summary(rec, "zh").startswith("修订后的预案含 3 项修订：R1、R2 经重新模拟证实；R3 为书面修订")
    # one proved under the single fault it guards against says so: without the fault it may change nothing
    rec.applied[0] = applied(1, "channel_down:cap-lamp-paging")
    assert Recommendation.summary(rec, "en").startswith("3 revisions in the revised plan: R1 (under "
                                                        "channel_down:cap-lamp-paging), R2 proved by re-simulation; ")
    assert "R1（在 channel_down:cap-lamp-paging 下）、R2 经重新模拟证实" in Recommendation.summary(rec, "zh")
    # the terminal's last line begins with a capital, whether the plan was revised or not
    none = SimpleNamespace(applied=[], selection=SimpleNamespace(spent=0.0), budget=10.0)
    assert Recommendation.summary(none, "en") == ("No revision in the revised plan (none improved the plan within the "
                                                  "budget); spent 0 of 10")


def test_two_remedies_that_come_to_the_same_edits_are_one_revision(monkeypatch):
    """A new route and the way out on foot can be the same path: one plan to prove, tried once, at the lower
    cost, answering both findings; the same edits under a single fault are another revision."""
    from types import SimpleNamespace

    from drills.experiment import revisions

    edits = [("append", ("plan", "evacuation", "routes"), {"id": "w-revised", "from": ["w"], "path": ["w", "out"]})]

    def maker(kind):
        return lambda f, ctx: [revisions._c(kind, "w", "route", {"place": "w", "path": ["w", "out"]}, list(edits),
                                            group="route:w")]

    monkeypatch.setattr(revisions, "_MAKERS", {"change_route": maker("change_route"),
                                               "ladderway_route": maker("ladderway_route")})
    ctx = SimpleNamespace(costs={"change_route": 2.0, "ladderway_route": 1.0})
    found = [SimpleNamespace(key="M3:turned_back:w", remedies=("change_route",), targets={}),
             SimpleNamespace(key="M3:queue:cage", remedies=("ladderway_route", "change_route"), targets={}),
             SimpleNamespace(key="M6:x", remedies=("change_route",), targets={"fault": "link_cut:d1"})]
    got = revisions.generate(found, ctx)
    assert [(c.key, c.cost, c.addresses) for c in got] == [
        ("ladderway_route:w", 1.0, ("M3:queue:cage", "M3:turned_back:w")),
        ("change_route:w@link_cut:d1", 2.0, ("M6:x",))]


def test_single_faults_cut_a_bridge_on_someones_way_first_and_not_one_that_no_one_crosses():
    from drills.experiment.robustness import single_faults
    from drills.inputs.compile import compile_drill

    loaded = load(bundled_root() / "scenarios" / "flood_season_night.yaml")

    def cuts(ld) -> list[str]:
        faults, _ = single_faults(compile_drill(ld), 0.0, max_faults=1000)
        return [f.target for f in faults if f.kind == "link_cut"]

    as_written = cuts(loaded)
    # the bridge into Hetou is on no one's way: cutting it would test nothing
    assert "road_r2_ht" not in as_written and "road_ht_c" in as_written
    site = loaded.site
    bridged = site.model_copy(update={"links": [lk.model_copy(update={"bridge": True}) if lk.id == "road_ht_c" else lk
                                                for lk in site.links]})
    ld = type(loaded)(loaded.scenario, bridged, loaded.plan, loaded.scenario_doc, loaded.site_doc, loaded.plan_doc)
    assert cuts(ld) == ["road_ht_c", *(k for k in as_written if k != "road_ht_c")]


def test_drill_run_with_single_faults_tells_what_each_did(tmp_path):
    from pypdf import PdfReader
    from typer.testing import CliRunner

    from drills.cli import app

    scenario = valley(tmp_path, [("add_unique", ("plan", "channels", {"id": "siren-near"}, "coverage"), ["far"])])
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["run", str(scenario), "-n", "4", "--fault-replications", "3", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert ("single faults (M6): 5 tried on 3 replications each: 3 break the plan, 0 withstood, 2 changed nothing"
            in res.stdout)
    data = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))["single_faults"]
    assert data["replications"] == 3
    assert {r["fault"]: (r["verdict"], r["people_changed"]) for r in data["runs"]} == {
        "mains_power": ("nothing", 0.0), "channel_down:siren-near": ("breaks", 20.0),
        "role_absent:duty": ("nothing", 0.0), "link_cut:path_far": ("breaks", 10.0),
        "link_cut:path_near": ("breaks", 10.0)}
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages).split())
    assert "Single faults (M6)" in text and text.count("changed nothing") >= 2


@pytest.mark.parametrize(("scenario", "applies"), [("dam_break_night", False), ("mine_inrush_day", False),
                                                   ("flood_season_night", True)])
def test_people_sent_underground_in_red_is_compared_only_where_a_shift_goes_down(scenario: str,
                                                                                   applies: bool) -> None:
    """Comparing two plans for the dam below the villages printed 'People sent underground during a red warning
    0.00 0.00 no change': there is no mine. Where no shift goes underground after the start the count does not
    apply (as expected fatalities underground do not), and the comparison leaves it out."""
    import math

    from drills.experiment.exercise import run_exercise
    from drills.experiment.graded import graded
    from drills.experiment.i18n import Text
    from drills.experiment.paired import compare
    from drills.experiment.readings import objective
    from drills.experiment.revision_report import diff_rows
    from drills.experiment.scorecard import scorecard
    from drills.inputs.bundled import bundled_root
    from drills.inputs.compile import compile_drill, load

    loaded = load(bundled_root() / "scenarios" / f"{scenario}.yaml", None)
    spec = compile_drill(loaded, replications=3, seed=7)
    ex = run_exercise(spec)
    _, ev = graded(scorecard(ex), loaded, spec, ex)
    readings = list(ev.readings)
    assert all(math.isnan(r.entered_during_red) != applies for r in readings)
    assert all(math.isfinite(objective(r, spec.duration_s)) for r in readings)
    diffs = compare(readings, readings, spec.duration_s)
    shown = [row[0] for row in diff_rows(diffs, Text("en"))]
    assert any(name.startswith("People sent underground during a red warning") for name in shown) == applies


@pytest.mark.parametrize(("lang", "column", "why"), [
    ("en", "never warned by the order (water or not)", "whether the water reached them or not, so it can exceed late"),
    ("zh", "始终未收到撤离命令（不论洪水是否到达）", "不论洪水是否到达，因此可多于迟到")])
def test_the_bottleneck_table_says_its_never_warned_column_counts_people_the_water_did_not_reach(lang, column, why):
    """ht_a: 364 warned late but 728 never warned by the order, as the column counts everyone there the order did not
    warn first, the water reaching them or not; the heading said only 'never warned by the order'."""
    from drills.experiment.bottlenecks import Bottlenecks, PlaceWarning
    from drills.experiment.i18n import Text
    from drills.experiment.revision_report import bottlenecks_markdown

    w = PlaceWarning("ht_a", "ht_a", "resident", 182, 364, 364, 2, 728, {"decision": 364}, ("team",), 600.0,
                     1700.0, 1800.0)
    lines = bottlenecks_markdown(Bottlenecks((w,), (), (), (), (), (), {}), 30, Text(lang))
    header = next(i for i, line in enumerate(lines) if line.startswith("|"))
    assert column in lines[header].split(" | ")[5]
    assert why in lines[header - 2]
    assert lines[header + 2].split(" | ")[3:6] == ["364", "2", "728"]


def _bracket_depth(text: str) -> int:
    depth = most = 0
    for ch in text:
        depth += (ch in "(（") - (ch in ")）")
        most = max(most, depth)
    return most


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Name a deputy for pond_manager, Tailings pond manager (尾矿库负责人)"),
    ("zh", "为 pond_manager 指定替补，该岗位为 Tailings pond manager (尾矿库负责人)")])
def test_a_deputy_for_a_post_whose_title_has_brackets_reads_without_brackets_in_brackets(lang, expected):
    """It read 'Name a deputy for pond_manager (Tailings pond manager (尾矿库负责人))'."""
    from drills.experiment.revision_text import title

    said = title("deputy", {"role": "pond_manager", "title": "Tailings pond manager (尾矿库负责人)"}, lang)
    assert said == expected
    assert _bracket_depth(said) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("deaths_verdict", "noted"), [("better", True), ("no significant change", True),
                                                       ("worse", False)])
def test_more_people_caught_with_no_more_deaths_says_what_the_count_leaves_out(lang, deaths_verdict, noted):
    """The dam's revisions once read 'People caught by the water +63.70, worse' beside fewer expected deaths, with
    nothing to say that those sheltering upstairs or still at home are not in that count."""
    from drills.experiment.i18n import Text
    from drills.experiment.paired import PairedDiff
    from drills.experiment.revision_report import _diff_table

    caught = PairedDiff("caught", "People caught by the water", "persons", "lower", 120.0, 183.7, 63.7, 50.5, 76.9,
                        30, "worse")
    d = -1.08 if deaths_verdict == "better" else 2.0 if deaths_verdict == "worse" else 0.1
    deaths = PairedDiff("expected_fatalities", "Expected fatalities", "persons", "lower", 273.6, 273.6 + d, d,
                        d - 0.9, d + 0.9, 30, deaths_verdict)
    t = Text(lang)
    lines = _diff_table({"caught": caught, "expected_fatalities": deaths}, 7200.0, t=t)
    assert (t("caught_note") in lines) is noted
    said = t("caught_note")
    assert all(w in said for w in (("sheltering upstairs", "still at home", "expected fatalities") if lang == "en"
                                   else ("楼上避险", "仍在家中", "预期死亡人数")))
