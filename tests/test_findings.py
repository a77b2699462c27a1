"""Findings a regulator can read and check: averages over the replications in which something happened,
causes that agree with the numbers beside them, one finding per post with one set of counts, the post that
sets the tail of a late order, life-safety classes that follow the consequence, and planner's words."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict
from functools import cache

import numpy as np
import pytest
from conftest import DAM_FILES, FLOOD_FILES, MINE_FILES, break_file, copy_bundled

from drills.experiment import findings as fnd
from drills.experiment.bottlenecks import Bottlenecks, Medians, PlaceWarning, RouteFlood, tail_step
from drills.experiment.evaluation import Evaluation, grade
from drills.experiment.exercise import run_exercise
from drills.experiment.finding_text import Say, words
from drills.experiment.plan_checks import overhead_finding
from drills.experiment.plan_steps import OrderMiss, orders_not_given, tally_steps
from drills.experiment.readings import LOCAL_NOTICE_LIMIT_S, person_states
from drills.inputs.bundled import bundled_root
from drills.inputs.compile import compile_drill, load
from drills.inputs.plan import OWN_POWER

N = 100
#: code identifiers that must not reach a finding's title or evidence (the plan clause column may hold them)
CODE = re.compile(r"deadline_s|kept_out|channel_out|make_automatic|delegate_order|plan\.|_m3ph|backup_power_h|"
                  r"met_warning_at|notify_|evacuate_|stop_entry|mine_manager|pond_manager|township_duty|"
                  r"caught_on_route|turned_back_caught|late_warning|did_not_leave|\bNone\b")


@cache
def evaluated(scenario: str) -> Evaluation:
    loaded = load(bundled_root() / "scenarios" / scenario, None)
    spec = compile_drill(loaded, replications=N)
    return grade(loaded, spec, run_exercise(spec), None)


# ------------------------------------------------------------------ 1. averages
def test_the_average_is_over_the_replications_in_which_it_happened():
    text = Say().when(118, 500, 562, 14, "people were not safe")
    assert text == ("In 118 of 500 replications (24 %) people were not safe; when it happened, 4.8 people on "
                    "average (up to 14).")
    assert "every one of 20" in Say().when(20, 20, 200, 10, "x")
    assert "1 person" in Say().when(3, 500, 3, 1, "x")  # never "0.0 people" nor "1.0 people (up to 1)"


@pytest.mark.parametrize(("lang", "says"), [("en", "when it happened, 160 people each time."),
                                            ("zh", "发生时每次 160 人。")])
def test_the_same_number_every_time_is_said_so_not_as_an_average_up_to_itself(lang, says):
    """Everyone at a village of 160, in each of the 40 replications, read '160.0 people on average (up to 160)'."""
    text = Say(lang).when(40, 40, 6400, 160, Say(lang)("m2_what", place="ht_b", people=160))
    assert text.endswith(says) and "160.0" not in text
    assert "4.8 people on average (up to 14)" in Say().when(118, 500, 562, 14, "x")  # a number that varies


@pytest.mark.parametrize("scenario", ["mine_inrush_day.yaml", "dam_break_night.yaml"])
def test_no_finding_prints_zero_people_or_code(scenario):
    ev = evaluated(scenario)
    for f in ev.findings:
        assert not re.search(r"(?<![\d.])0\.0 (people|of)", f.evidence), f.key
        assert not CODE.search(f.title), (f.key, f.title)
        assert not CODE.search(f.evidence), (f.key, f.evidence)


def test_people_per_replication_are_counted_within_the_replications_that_had_them():
    ev = evaluated("mine_inrush_day.yaml")
    for flood in ev.bottlenecks.route_floods:
        f = next(x for x in ev.findings if x.key == f"M3:{flood.place}")
        avg = flood.unsafe / flood.replications
        assert (f"{avg:.1f} people on average (up to {flood.most})" if avg < flood.most else
                f"{flood.most} people each time") in f.evidence or flood.most == 1
        assert 1.0 <= avg <= flood.most


# ------------------------------------------------------------------ 2. causes agree with their numbers
def test_each_reason_carries_the_medians_of_its_own_people():
    ev = evaluated("mine_inrush_day.yaml")
    for flood in ev.bottlenecks.route_floods:
        assert sum(m.people for m in flood.by_reason.values()) == flood.unsafe
        left = flood.by_reason.get("caught_on_route")
        if left is not None:  # each left before the water reached their place, so the medians keep that order
            assert left.departed_s < left.water_s and left.departed_s < left.caught_s
        back = flood.by_reason.get("turned_back_caught")
        if back is not None:  # they left before the water came to their place, and it caught them there later
            assert back.departed_s < back.water_s <= back.caught_s
            assert back.water_there_s == back.water_s  # caught at the place they started from
        warned = flood.by_reason.get("did_not_leave")
        if warned is not None:
            assert warned.warned_s < warned.water_s
    source = next(f for f in ev.bottlenecks.route_floods if f.place == "face360e")
    assert all(k.endswith(":source") for k in source.by_reason)  # the inrush heading: wet from the start
    f = next(x for x in ev.findings if x.key == "M3:face360e")
    assert "at the source of the water" in f.title and "before the water reached" not in f.evidence


def test_a_late_order_is_told_with_its_times_not_as_in_time():
    ev = evaluated("dam_break_night.yaml")
    late = [f for f in ev.findings if f.metric == "M2" and f.targets.get("cause") == "decision"]
    assert late
    for f in late:
        assert "in time" not in f.title
        times = re.search(r"first trigger met (\S+), water (\S+), order (\S+);", f.title)
        assert times is not None, f.title
        trig, water, order = (sum(int(x) * 60**k for k, x in enumerate(reversed(t.split(":")))) for t in
                              times.groups())
        assert trig < water < order


def test_a_plan_without_the_order_is_told_so_and_offered_it(tmp_path):
    # the bundled mine with its evacuation order deleted: no one at risk is warned by an order before the water,
    # and the reason given is the missing order, not a trigger that was never met (the triggers are met)
    files = copy_bundled(tmp_path, MINE_FILES)
    break_file(files["plan"], "        - {action: evacuate_underground, owner: dispatcher}\n", "")
    loaded = load(files["scenario"], None)
    spec = compile_drill(loaded, replications=8)
    ev = grade(loaded, spec, run_exercise(spec), None)
    late = [f for f in ev.findings if f.metric == "M2" and f.targets.get("cause")]
    assert late and {f.targets["cause"] for f in late} == {"no_order"}
    assert all("the plan gives no such evacuation order at any warning level" in f.title for f in late)
    assert all("add_order" in f.remedies for f in late)
    assert any(e.kind == "trigger" for e in ev.exercise.results[0].timeline)


@pytest.mark.parametrize(("kind", "target", "remedies", "at"), [
    ("mains_power", None, ("add_battery", "add_door_to_door", "ladderway_route"), "  channels:"),
    ("mobile_network", None, ("add_siren", "add_door_to_door"), "  channels:"),
    ("channel_down", "cap-lamp-paging", ("add_channel", "add_siren", "add_door_to_door", "extend_coverage"),
     '    - {id: "cap-lamp-paging"'),
    ("role_absent", "shift_leader", ("name_backup", "make_automatic", "delegate_order"), '    - {id: "shift_leader"'),
    ("hoist_out", "main-cage", ("ladderway_route", "add_refuge", "change_route"), "    routes:"),
])
def test_a_fault_the_plan_does_not_withstand_points_at_its_clause_and_its_remedies(kind, target, remedies, at):
    # the robustness findings (M6) of the flood-season plan: each fault kind names the revisions that answer it
    # and the plan clause it concerns, at the line where the plan writes it
    loaded = load(bundled_root() / FLOOD_FILES["scenario"], None)
    got, targets, (clause, _, _) = fnd._fault_remedies(kind, target, loaded)
    assert got == remedies
    lines = loaded.plan_doc.path.read_text(encoding="utf-8").splitlines()
    line = next(k for k, text in enumerate(lines, 1) if text.startswith(at))
    assert clause.startswith(f"{loaded.plan_doc.path.name}:{line} plan.")
    if kind == "mains_power":  # the channels that need the mains, as the plan file says (by default all but people
        # on foot and vehicles)
        channels = lines[lines.index("  channels:"):]
        powered = [text.split('"')[1] for text in channels if text.startswith('    - {id: "') and "type:" in text
                   and ("needs_mains_power: true" in text or ("needs_mains_power: false" not in text
                                                              and not any(f'"{t}"' in text for t in OWN_POWER)))]
        assert targets == {"channels": powered} and powered


# ------------------------------------------------------------------ 3 and 7. one finding per post, one count
@pytest.mark.parametrize(("scenario", "post"), [("mine_inrush_day.yaml", "mine_manager"),
                                                 ("dam_break_night.yaml", "pond_manager")])
def test_one_finding_per_post_with_the_counts_of_the_figure(scenario, post):
    ev = evaluated(scenario)
    mine = [f for f in ev.findings if post in f.targets.get("roles", []) and f.metric in ("M4", "M5", "M8")]
    assert [f.key for f in mine] == [f"M5:post:{post}"]
    assert not any(f.key in ("M4:county", "M4:local", "M5:late") or f.key.startswith(("M5:unexecutable",
                                                                                        "M8:county_deadline"))
                   for f in ev.findings)
    steps = {s["action"]: s for s in mine[0].numbers["steps"]}
    county = steps["notify_county"]
    title = ev.spec.roles[post].title
    done = sum(1 for r in ev.exercise.results
               if any(e.kind == "action" and e.what == f"notify_county by {title}" for e in r.timeline))
    assert county["on_time"] + county["late"] == done  # the figure's "in k/n" of the step's event
    assert county["not_done"] == N - done
    assert f"not done in {county['not_done']}" in mine[0].title
    assert f"{title} was unreachable (no backup)" in mine[0].evidence and "has no backup" in mine[0].evidence


def test_a_step_not_done_is_the_order_not_given():
    ev = evaluated("dam_break_night.yaml")
    tallies = tally_steps(ev.exercise.results, ev.spec, ev.facts)
    order = next(t for t in tallies if t.action == "evacuate_downstream")
    never = sum(1 for r in ev.exercise.results if math.isnan(r.downstream_order_s))
    assert order.not_done == never and order.due == N
    assert sum(order.why.values()) == order.not_done
    for t in tallies:
        assert t.due == t.on_time + t.late + t.not_done


# ------------------------------------------------------------------ 4. the post that sets the tail
def test_the_tail_is_set_by_the_post_slow_in_the_tail_not_by_the_largest_median():
    # 89 fast declarations by the dispatcher, 5 by the shift leader at 10 min (the largest median), and 6 by the
    # dispatcher at 20 min: the P95 (inverted CDF) is 20 min, and only the dispatcher is there
    rows = ([[("dispatcher", "detect and declare", "underground", 100.0)]] * 89
            + [[("shift_leader", "detect and declare", "underground", 600.0)]] * 5
            + [[("dispatcher", "detect and declare", "underground", 1200.0),
                ("dispatcher", "give the order", "underground", 0.0)]] * 6)
    t = tail_step(rows)
    assert t is not None
    assert (t.role, t.step, t.replications, t.tail, t.latency_p95_s, t.never) == (
        "dispatcher", "detect and declare", 6, 6, 1200.0, 0)


def test_an_order_that_never_comes_names_the_step_it_waited_for():
    rows = ([[("duty", "detect and declare", "downstream", 300.0), ("township", "give the order", "downstream",
                                                                    600.0)]] * 90
            + [[("duty", "detect and declare", "downstream", 300.0),
                ("manager", "wait for notify_township", "downstream", math.inf)]] * 8
            + [[("duty", "detect and declare", "downstream", math.inf)]] * 2)
    t = tail_step(rows)
    assert t is not None
    assert (t.role, t.step, t.replications, t.tail, t.never) == ("manager", "wait for notify_township", 8, 10, 8)


@pytest.mark.parametrize(("present", "says", "not_says"), [
    (1.0, "the drill ended before Dispatcher could declare the level", "unreachable"),
    (0.0, "nobody could declare the level (Dispatcher and every backup unreachable)", "the drill ended"),
])
def test_a_decision_still_under_way_when_the_drill_ends_is_not_called_unreachable(tmp_path, present, says,
                                                                                 not_says):
    # the trigger is met at once; the dispatcher takes 900 s to decide, in a drill of 600 s
    from conftest import base_plan, base_scenario, base_site, build_in, link, node

    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": 2}])
    plan = base_plan(
        roles=[{"id": "disp", "title": "Dispatcher", "decision_delay_s": 900, "present_probability": present}],
        warning={"triggers": [{"id": "now", "quantity": "elapsed_s", "threshold": 0, "level": "red",
                               "owner": "disp"}],
                 "actions_by_level": {"red": [{"action": "evacuate_underground", "owner": "disp"}]}})
    build_in(tmp_path, site, plan, base_scenario(order_at_s=None, duration_s=600))
    loaded = load(tmp_path / "scenario.yaml", None)
    spec = compile_drill(loaded, replications=3)
    ev = grade(loaded, spec, run_exercise(spec), None)
    [f] = [x for x in ev.findings if x.metric == "M1"]
    assert says in f.title and not_says not in f.title, f.title


def test_the_mine_report_names_the_dispatcher_not_the_rare_shift_leader():
    ev = evaluated("mine_inrush_day.yaml")
    t = ev.bottlenecks.tail
    assert t is not None and t.role == "dispatcher"
    f = next(x for x in ev.findings if x.metric == "M1")
    assert ev.spec.roles["dispatcher"].title in f.title


# ------------------------------------------------------------------ 6. 头顶库 classed by its consequence
def _flood(place: str, reps: range) -> RouteFlood:
    return RouteFlood(place, place, "", 10 * len(reps), len(reps), {place: 10 * len(reps)}, 1.0, math.nan, 60.0,
                      {"late_warning": 10 * len(reps)}, 10, {}, tuple(reps), 0.0)


def test_the_overhead_pond_finding_follows_the_people_there():
    loaded = load(bundled_root() / "scenarios" / "dam_break_night.yaml", None)
    near = ["xc_north", "xc_river", "xc_south"]

    def bn(*floods: RouteFlood) -> Bottlenecks:
        return Bottlenecks((), (), (), (), floods, (), {})

    assert overhead_finding(loaded, near, None, 0).cls == fnd.IMPROVEMENT  # no drill: a paper check
    assert overhead_finding(loaded, near, bn(_flood("xc_river", range(1))), 100).cls == fnd.IMPROVEMENT
    f = overhead_finding(loaded, near, bn(_flood("xc_river", range(4)), _flood("xc_south", range(3, 9))), 100)
    assert f.cls == fnd.DEFICIENCY and f.numbers["replications_unsafe"] == 9  # 0–8: the union, not the sum
    assert overhead_finding(loaded, near, bn(_flood("ht_a", range(50))), 100).cls == fnd.IMPROVEMENT  # not near


def test_the_overhead_pond_rationale_follows_the_measured_lead_time():
    # the flow outruns a decision chain only where the water came that soon after the first trigger; with hours
    # of warning the finding says the order or the response failed, not that nobody could have been warned
    loaded = load(bundled_root() / "scenarios" / "dam_break_night.yaml", None)
    near = ["xc_north", "xc_river", "xc_south"]

    def evidence(lead_s: float, lang: str = "en") -> str:
        w = PlaceWarning("xc_river", "xc_river", "resident", 72, 10, 10, 10, 0, {"decision": 10}, (), 5400.0,
                         math.nan, math.nan, lead_p50_s=lead_s)
        f = overhead_finding(loaded, near, Bottlenecks((w,), (), (), (), (_flood("xc_river", range(9)),), (), {}),
                             100)
        return words(f.kind, f.facts, lang)[1]

    short, ample = evidence(40.0), evidence(42_000.0)
    assert "a median 0:00:40 to 0:00:40 after the first trigger was met: a human decision chain cannot beat it" \
        in short
    assert "cannot beat it" not in ample and "about a minute" not in ample
    assert "11:40:00" in ample and "time enough to warn them" in ample and "the order or the response failed" in ample
    assert "90 of the 90 person-replications not safe there were not warned by the order" in ample
    assert "足以通知人员并完成撤离" in evidence(42_000.0, "zh") and "无法赶在" not in evidence(42_000.0, "zh")
    assert "无法赶在" in evidence(40.0, "zh")


def test_the_bundled_overhead_pond_is_a_deficiency():
    ev = evaluated("dam_break_night.yaml")
    f = next(x for x in ev.findings if x.key == "M8:automatic")
    assert f.cls == fnd.DEFICIENCY
    assert f.numbers["replications_unsafe"] == N


# ------------------------------------------------------------------ 7. one classification of the plan's steps
@pytest.mark.parametrize("scenario", ["mine_inrush_day.yaml", "dam_break_night.yaml"])
def test_the_score_m5_and_the_findings_count_the_same_steps(scenario):
    ev = evaluated(scenario)
    tallies = tally_steps(ev.exercise.results, ev.spec, ev.facts)
    assert sum(r.steps_expected for r in ev.readings) == sum(t.due for t in tallies)
    assert sum(r.steps_on_time for r in ev.readings) == sum(t.on_time for t in tallies)
    assert sum(len(r.steps_late) for r in ev.readings) == sum(
        t.late + t.why.get("waiting", 0) + t.why.get("pending", 0) for t in tallies)


def test_a_township_notice_without_a_deadline_is_late_after_the_local_limit_in_m5_too():
    # the bundled dam plan gives its notice to the township no deadline: "immediately" is LOCAL_NOTICE_LIMIT_S
    ev = evaluated("dam_break_night.yaml")
    tell = next(t for t in tally_steps(ev.exercise.results, ev.spec, ev.facts) if t.action == "notify_township")
    assert tell.limit_s == LOCAL_NOTICE_LIMIT_S and not tell.limit_is_plan
    slow = [r for r in ev.exercise.results
            if any(a.action == "notify_township" and a.done_s - a.trigger_s > LOCAL_NOTICE_LIMIT_S for a in r.actions)]
    assert slow, "the check needs a replication with a slow notice"
    by_rep = {r.replication: r for r in ev.readings}
    for res in slow:
        assert any("notify_township" in s for s in by_rep[res.replication].steps_late)


# ------------------------------------------------------------------ 8. an order never given is not 'after the water'
def test_an_order_never_given_is_said_so_not_that_it_came_after_the_water():
    loaded = load(bundled_root() / "scenarios" / "dam_break_night.yaml", None)

    def title(order_s: float, lang: str) -> str:
        m = Medians(10, water_s=5400.0, trigger_s=600.0, order_s=order_s,
                    water_ordered_s=5400.0 if math.isfinite(order_s) else math.nan)
        w = PlaceWarning("ht_b", "ht_b", "resident", 160, 10, 10, 10, 0, {"decision": 10}, (), 5400.0, order_s,
                         math.nan, by_cause={"decision": m})
        [f] = fnd.warning_findings(Bottlenecks((w,), (), (), (), (), (), {}), 100, loaded)
        return words(f.kind, f.facts, lang)[0]

    never = title(math.nan, "en")
    assert "the order was never given, though a trigger was met before the water" in never
    assert "came after" not in never and "order –" not in never
    assert "撤离命令始终未下达" in title(math.nan, "zh")
    late = title(6000.0, "en")
    assert "the order came after the water (first trigger met 0:10:00, water 1:30:00, order 1:40:00" in late


def test_a_place_whose_order_never_came_says_in_how_many_replications_why_and_what_to_change():
    # the title's medians read as a contradiction of the key result (the order given in most replications) unless
    # it says in how many the order never came; where the run knows why (a post absent with no backup, an order
    # waiting on a step never done) it names that and the plan clause to change
    loaded = load(bundled_root() / "scenarios" / "dam_break_night.yaml", None)
    m = Medians(10, water_s=5400.0, trigger_s=600.0)
    w = PlaceWarning("ht_b", "ht_b", "resident", 160, 10, 10, 7, 0, {"decision": 10}, (), 5400.0, math.nan,
                     math.nan, by_cause={"decision": m}, unordered_in=tuple(range(7)))
    wait = OrderMiss("red", 1, "township_duty", "waiting", ((0, "notify_township", "pond_manager", "unreachable"),))
    gone = OrderMiss("red", 1, "township_duty", "unreachable")
    misses = {r: wait for r in range(6)} | {6: gone, 50: gone}  # replication 50: no one late at ht_b
    [f] = fnd.warning_findings(Bottlenecks((w,), (), (), (), (), (), {}), 60, loaded,
                               {"evacuate_downstream": misses})
    title, evidence, where = f.words("en")
    assert "in 7 of 60 replications the order was never given, though a trigger was met before the water" in title
    assert ("The order was never given in 7 of 60 replications: in 6, it waited for telling the township by "
            "Tailings pond manager (尾矿库负责人), which was never done: Tailings pond manager (尾矿库负责人) was "
            "unreachable (no backup); in 1, Township duty office (乡镇值班室) and every backup were unreachable.") \
        in evidence
    assert "name a backup for Tailings pond manager" in evidence and "let the order go without waiting" in evidence
    assert "plan.roles[1] (backups of Tailings pond manager" in where and "plan.roles[2] (backups of" in where
    assert not CODE.search(title) and not CODE.search(evidence)
    zh_title, zh_evidence, _ = f.words("zh")
    assert "60 次重复中有 7 次虽在来水前已有触发条件满足，撤离命令始终未下达" in zh_title
    assert "为 Tailings pond manager (尾矿库负责人) 指定替补" in zh_evidence
    # without the run's reasons the count is still said, and no cause is invented
    [g] = fnd.warning_findings(Bottlenecks((w,), (), (), (), (), (), {}), 60, loaded)
    assert "in 7 of 60 replications" in g.title and "To change" not in g.evidence


def test_the_reasons_an_order_was_not_given_agree_with_the_posts_finding():
    ev = evaluated("dam_break_night.yaml")
    misses = orders_not_given(ev.exercise.results, ev.spec, ev.facts, ("evacuate_downstream",))["evacuate_downstream"]
    order = next(t for t in tally_steps(ev.exercise.results, ev.spec, ev.facts) if t.action == "evacuate_downstream")
    assert len(misses) == order.not_done and misses
    assert dict(Counter(m.why for m in misses.values())) == order.why
    for f in (x for x in ev.findings if x.kind == "m2_late" and x.facts["unordered"]):
        u = f.facts["unordered"]
        assert u["k"] <= len(misses) and sum(w["k"] for w in u["why"]) <= u["k"]


def test_causes_seen_equally_often_are_each_named_and_each_answered():
    loaded = load(bundled_root() / "scenarios" / "dam_break_night.yaml", None)
    m = Medians(5, water_s=5400.0, trigger_s=600.0, order_s=6000.0)
    w = PlaceWarning("ht_b", "ht_b", "resident", 160, 10, 10, 2, 0, {"decision": 5, "channel_out": 5}, (), 5400.0,
                     6000.0, math.nan, by_cause={"decision": m, "channel_out": m})
    [f] = fnd.warning_findings(Bottlenecks((w,), (), (), (), (), (), {}), 100, loaded)
    title = words(f.kind, f.facts, "en")[0]
    assert "for as many of them each: order after the water or never; " in title
    assert "the order came after the water (" not in title  # not one of them as the whole story
    assert f.remedies[:4] == fnd.WARNING_REMEDIES["decision"] and "add_battery" in f.remedies  # both answered
    assert "以下原因各占同样多的人次" in words(f.kind, f.facts, "zh")[0]
    one = PlaceWarning("ht_b", "ht_b", "resident", 160, 10, 10, 2, 0, {"decision": 6, "channel_out": 4}, (), 5400.0,
                       6000.0, math.nan, by_cause={"decision": m, "channel_out": m})
    [g] = fnd.warning_findings(Bottlenecks((one,), (), (), (), (), (), {}), 100, loaded)
    assert g.remedies == fnd.WARNING_REMEDIES["decision"]


def test_the_order_is_given_by_the_post_that_gave_it_not_by_its_owner_in_the_plan():
    # the dispatcher is absent in some replications and the shift leader, the backup, gives the order there:
    # the decision chain must count that step for the shift leader, not for the absent dispatcher
    from collections import Counter

    from drills.experiment.bottlenecks import _role_delays

    loaded = load(bundled_root() / "scenarios" / "mine_inrush_day.yaml", None)
    spec = compile_drill(loaded, replications=N)
    ex = run_exercise(spec)
    title_of = {r.id: r.title for r in spec.roles.values()}
    given = Counter(e.what.split(" given by ", 1)[1] for r in ex.results for e in r.timeline if e.kind == "order")
    delays, _ = _role_delays(ex)
    counted = Counter({title_of[d.role]: d.replications for d in delays if d.step == "give the order"})
    assert len(given) > 1  # the case this test is about happens in these replications
    assert counted == given


def test_the_cage_finding_says_its_wait_is_the_median_of_each_replication_s_mean_wait():
    import numpy as np

    from drills.experiment.units import fmt_value

    ev = evaluated("mine_inrush_day.yaml")
    f = next(x for x in ev.findings if "queue for the cage" in x.title)
    waits = [h.mean_wait_s for r in ev.exercise.results for h in r.hoists]
    median = float(np.median(waits))
    assert ev.bottlenecks.hoists[0].p50_wait_s == median
    # a median over replications of a mean per replication, not the median person's wait
    assert f"mean wait of those who rode {fmt_value(median, 's')} (median over replications)" in f.evidence


# ------------------------------------------------------------------ 9. a fault whose P95 was already never
def test_a_fault_on_a_plan_already_never_reaching_everyone_does_not_read_as_no_rise():
    diff = {"base_mean": 6.0, "new_mean": 30.0, "mean_diff": 24.0, "ci_low": 20.0, "ci_high": 28.0}
    facts = {"fault": "channel_down:cap-lamp-paging", "flips": [], "at_s": 600.0, "n": 5, "unsafe": diff,
             "late": diff, "rise_s": 0.0, "places": ["stope360w"], "p95_base_s": math.inf, "p95_fault_s": math.inf}
    evidence = words("m6_fault", facts)[1]
    assert "never, with the fault and without it" in evidence and "rises by 0:00:00" not in evidence
    assert "有无该故障均为“从未”" in words("m6_fault", facts, "zh")[1]
    moved = words("m6_fault", {**facts, "p95_base_s": 600.0, "p95_fault_s": 1500.0, "rise_s": 900.0})[1]
    assert "P95 of the last warning after the order 0:10:00 → 0:25:00 (rises by 0:15:00)" in moved


# ------------------------------------------------------------------ a plan refuge under water
def refuge_case(tmp_path, duration_s: float):
    """The flooding cage station of test_hoist: its refuge's floor is 2 m above the station floor, and the
    water rises there at a constant rate until the drift to it is full (3.5 m)."""
    from conftest import base_plan, base_scenario, build_in
    from test_hoist import POOL_AREA_M2, flooding_station_site

    from drills.model.drill import run_drill

    inflow = 1350.0
    plan = base_plan(routes=[{"id": "up", "from": ["st"], "path": ["st", "collar"]}], exits=["collar"])
    plan["plan"]["evacuation"]["refuges"] = ["ref"]
    scen = base_scenario(duration_s=duration_s,
                         hazard={"inrush": {"source": "st", "hydrograph": [{"t_s": 0, "inflow_m3ph": inflow}]}})
    spec = build_in(tmp_path, flooding_station_site(100, 20), plan, scen)
    results = [run_drill(spec, r, 1) for r in range(3)]
    rise = inflow / 3600 / POOL_AREA_M2
    return fnd.refuge_water_findings(results, spec, load(tmp_path / "scenario.yaml")), results, rise


def test_a_plan_refuge_the_water_reaches_is_a_finding_with_who_sheltered_there(tmp_path):
    [f], results, rise = refuge_case(tmp_path, 2400.0)
    # water on the refuge floor when the station is 2 m + 5 cm deep; those the cage could not lift were
    # sent there when the water first showed, and are caught when it is 1.2 m deep inside (station 3.2 m)
    assert f.facts["water_s"] == pytest.approx(2.05 / rise, rel=1e-3)
    assert (f.facts["k"], f.facts["n"], f.cls) == (3, 3, fnd.MUST_CORRECT)
    inside = [p for res in results for p in res.people if p.end == "ref"]
    assert inside and all(p.outcome == "caught" for p in inside)
    assert f.facts["sheltered"] == f.facts["caught"] == len(inside) / 3
    assert f.title == "Refuge ref takes water in 100 % of replications"
    assert "caught when it flooded" in f.evidence


def test_a_refuge_the_water_does_not_reach_within_the_drill_is_no_finding(tmp_path):
    found, results, rise = refuge_case(tmp_path, 1000.0)
    assert 2.05 / rise > 1000.0
    assert found == []
    assert any(p.outcome == "refuge" for res in results for p in res.people)  # it was used, and stayed dry


# ------------------------------------------------------------------ a plan assembly point in the flood's path
def assembly_case(tmp_path, hill_arrival_min: float, order_at_s: float):
    """test_public_warning's village on a rise whose only assembly point, the hill, the flood fills 2 m deep."""
    from conftest import build_in
    from test_public_warning import SLOW, flooded_hill, valley_scenario

    from drills.model.drill import run_drill

    site, plan = flooded_hill(tmp_path, hill_arrival_min)
    hazard = {"dam_break": {"dam": "d", "breach_s": 0, "study": "study.csv"}}
    spec = build_in(tmp_path, site, plan, valley_scenario(order_at_s=order_at_s, hazard=hazard, behaviour=SLOW))
    results = [run_drill(spec, r, 1) for r in range(2)]
    return fnd.assembly_water_findings(results, spec, load(tmp_path / "scenario.yaml"))


def test_a_plan_assembly_point_the_flood_reaches_is_a_finding_with_its_depth_and_time(tmp_path):
    [f] = assembly_case(tmp_path, hill_arrival_min=20, order_at_s=0.0)
    assert (f.facts["k"], f.facts["n"], f.cls, f.metric) == (2, 2, fnd.MUST_CORRECT, "M3")
    assert f.facts["water_s"] == pytest.approx(1200.0, abs=2.0) and f.facts["depth_m"] == 2.0
    assert f.facts["caught"] == 4.0 and f.facts["turned"] == 0.0  # all four reached it and were caught there
    assert f.title == "Assembly point hill is in the flood's path: the water reaches it in 100 % of replications"
    assert f.evidence == ("The water reaches hill in 2 of 2 replications, at 0:20:02 (median), 2.0 m deep at its "
                          "peak in the central flood: there it is no place of safety, though the plan sends people "
                          "there. Per replication, 4.0 people were caught there.")
    assert f.targets["places"] == ["village"] and "change_assembly_point" in f.remedies
    assert "plan.evacuation.assembly_points[0]" in f.plan_ref
    title, evidence, _ = f.words("zh")
    assert title == "集合点 hill 位于洪水淹没范围内：100 % 的重复中水到达该处"
    assert "最大水深 2.0 m" in evidence and "4.0 人在该处被水困住" in evidence


def test_who_turned_back_short_of_a_flooded_assembly_point_is_counted_in_its_finding(tmp_path):
    [f] = assembly_case(tmp_path, hill_arrival_min=5, order_at_s=600.0)
    assert f.facts["caught"] == 0.0 and f.facts["turned"] == 4.0
    assert f.evidence.endswith("Per replication, 4.0 turned back short of it.")


def test_an_assembly_point_the_flood_does_not_reach_within_the_drill_is_no_finding(tmp_path):
    assert assembly_case(tmp_path, hill_arrival_min=150, order_at_s=0.0) == []  # after the 2 h drill


# ------------------------------------------------------------------ people who met the water on their way
def test_those_caught_after_turning_back_also_have_their_place_s_m3_finding():
    ev = evaluated("mine_inrush_day.yaml")
    turned = [f for f in ev.findings if f.kind == "turned_back"]
    assert any(f.facts["caught"] for f in turned)  # some who meet the water short of j360 or lad360 are caught
    keys = {f.key for f in ev.findings}
    for f in turned:
        assert f.cls in (fnd.MUST_CORRECT, fnd.IMPROVEMENT) and f.remedies == ("change_route", "ladderway_route")
        if f.facts["caught"]:
            assert f"M3:{f.facts['place']}" in keys, f.key


def test_the_turn_back_finding_tells_how_those_who_turned_back_ended():
    from types import SimpleNamespace

    loaded = load(bundled_root() / "scenarios" / "mine_inrush_day.yaml", None)

    def person(rep: int, outcome: str) -> SimpleNamespace:
        return SimpleNamespace(replication=rep, start="stope360e", turned_back="st360", outcome=outcome)

    results = [SimpleNamespace(people=(person(0, "surface"), person(0, "refuge"), person(0, "underground"))),
               SimpleNamespace(people=(person(1, "caught"),)), SimpleNamespace(people=())]
    [f] = fnd.turned_back_findings(results, loaded)
    facts = f.facts
    assert (facts["k"], facts["people"], facts["most"], facts["caught"], facts["refuge"], facts["open"]) == (
        2, 4, 3, 1, 1, 1)
    assert f.evidence.startswith("In 2 of 3 replications (67 %) people starting at stope360e (route r360-cage) met "
                                 "the water on their way and had to turn back; when it happened, 2.0 people on "
                                 "average (up to 3). They met it on the way to st360 (4)")
    # not "all of them found another way out": one sheltered in a refuge, one was still underground
    # counted over all the replications, and said so (it read "After turning back, 4021 were not yet safe")
    assert f.evidence.endswith("Of the 4 person-replications that turned back, 1 found another way out; 1 took "
                               "refuge; 1 was caught; 1 was not yet safe when the drill ended.")
    assert fnd.turned_back_findings(results, loaded)[0].words("zh")[1].endswith(
        "折返的 4 人次中，1 人次另寻出路撤出；1 人次进入避险硐室；1 人次被水困住；1 人次在演练结束时仍未到达安全地点。")
    [one] = fnd.turned_back_findings(results[1:], loaded)
    assert "when it happened, 1 person." in one.evidence and one.evidence.endswith("After turning back, 1 was caught.")
    [out] = fnd.turned_back_findings([SimpleNamespace(people=(person(0, "surface"),))], loaded)
    assert out.evidence.endswith("That person found another way out in this drill, at the cost of the walk in and "
                                 "back.")



def test_stench_gas_is_not_told_to_get_a_battery_but_a_pa_is(tmp_path):
    """The main fans carry stench gas: their power supply is the ventilation system's, so neither the M8 check
    nor the revision search asks the warning plan to give it a battery (AQ/T 2052-2016 5.4.3 is the
    broadcast system's backup power)."""
    from conftest import break_file, copy_bundled

    from drills.experiment.plan_checks import completeness_findings

    files = copy_bundled(tmp_path)
    break_file(files["plan"], "  channels:\n", "  channels:\n    - {id: stench, type: stench_gas, start: collar, "
               "air_speed_mps: 2, coverage: [stope360w]}\n")
    break_file(files["plan"], "      backup_power_h: 2\n", "      backup_power_h: 0\n")  # the PA's
    loaded = load(files["scenario"])
    spec = compile_drill(loaded, replications=1)
    [battery] = [f for f in completeness_findings(loaded, spec) if f.key == "M8:backup_power"]
    assert battery.targets == {"channels": ["mine-pa"]}


# ------------------------------------------------------------------ failed gates, and the order reaching no one
def _place_finding(metric: str, place: str, cls: str) -> fnd.Finding:
    return fnd.Finding(key=f"{metric}:{place}", metric=metric, cls=cls, title="", evidence="", standard="",
                       plan_ref="", kind="m2_late" if metric == "M2" else "m3_place", targets={"places": [place]},
                       standards=(metric,), refs=((f"plan.yaml:{len(place)} plan.channels", "", {}),))


def test_a_failed_gate_no_place_shows_alone_is_one_deficiency_naming_the_places():
    from drills.experiment.grading import MetricGrade
    from drills.experiment.tail import TailCheck

    # four replications failed M2 somewhere, but no place in more than 5 % of 60
    failed = MetricGrade("M2", 900.0, "s", "D", False, "", "", TailCheck(4, 60))
    places = [_place_finding("M2", p, fnd.IMPROVEMENT) for p in ("stope360w", "pump360")]
    [gate] = fnd.gate_findings({"M2": failed}, places, loaded=None)
    assert (gate.key, gate.metric, gate.cls, gate.targets["places"]) == ("M2:gate", "M2", fnd.DEFICIENCY,
                                                                           ["stope360w", "pump360"])
    assert gate.title.startswith("Gate M2 failed: in 4 of 60 replications (6.67 %)")
    assert "stope360w, pump360" in gate.evidence and gate.remedies == ()
    # a place that is itself a deficiency already caps the grade; a gate that holds needs nothing
    assert fnd.gate_findings({"M2": failed}, [*places, _place_finding("M2", "x", fnd.DEFICIENCY)], None) == []
    held = MetricGrade("M2", 900.0, "s", "C", True, "", "", TailCheck(2, 60))
    assert fnd.gate_findings({"M2": held}, places, None) == []


def test_every_failed_gate_of_the_bundled_drills_caps_the_grade_through_a_deficiency():
    for scenario in ("mine_inrush_day.yaml", "dam_break_night.yaml"):
        ev = evaluated(scenario)
        for m in ("M2", "M3"):
            if ev.grades[m].gate is False:
                assert any(f.metric == m and f.cls == fnd.DEFICIENCY for f in ev.findings), (scenario, m)
                assert ev.overall.capped


def test_an_order_given_that_no_channel_carries_to_a_place_is_a_finding_naming_it(tmp_path):
    files = copy_bundled(tmp_path)
    # paging, the only channel in the stopes, is down all drill: the order reaches the stations, not the stopes
    break_file(files["scenario"], "  monte_carlo:", "  faults:\n    - {kind: channel_down, target: cap-lamp-paging}\n"
                                                     "  monte_carlo:")
    loaded = load(files["scenario"], None)
    spec = compile_drill(loaded, replications=6)
    ev = grade(loaded, spec, run_exercise(spec), None)
    [never] = [f for f in ev.findings if f.key == "M2:never"]
    # in every replication, beyond the tolerated 5 %: people never told to leave, a deficiency that caps the grade
    # whether or not the water reached them (it was a must-correct item, and a plan that left 40 % of a mine
    # unwarned could grade fair)
    assert never.cls == fnd.DEFICIENCY and ev.overall.capped
    rows = {r["place"]: r for r in never.facts["rows"]}
    assert rows["stope120e"]["channels"] == ["cap-lamp-paging"] and rows["stope120e"]["replications"] == 6
    assert rows["stope120e"]["most"] == rows["stope120e"]["people"] == 20  # the whole crew, every time
    assert "add_channel" in never.remedies and "stope120e" in never.targets["places"]
    assert never.title.startswith("The order never reached everyone: in 6 of 6 replications (100 %)")



@pytest.mark.parametrize(("kind", "cites", "not_cited"), [
    ("mains_power", "backup power", None), ("channel_down", "应急通讯", None),
    ("role_absent", "back-ups for key posts", "backup power"), ("hoist_out", "≥ 2 independent exits", "backup power"),
    ("link_cut", "≥ 2 walkable exits", "backup power"), ("monitoring_down", "start automatically", "backup power"),
])
def test_a_fault_the_plan_does_not_withstand_cites_the_requirement_of_its_kind(kind, cites, not_cited):
    from drills.experiment.finding_text import standard

    text = standard(fnd.FAULT_STANDARDS.get(kind, ("M6",)))
    assert cites in text
    assert not_cited is None or not_cited not in text


def test_a_p95_that_is_never_is_said_as_never_not_as_a_time():
    title = words("m2_time", {"value": math.inf, "grade": "D", "places": ["stope360w"]})[0]
    assert title.startswith("In more than 5 % of the replications someone is never warned by the order")
    assert "warned never after" not in title
    assert words("m2_time", {"value": 484.0, "grade": "B", "places": []})[0] == (
        "The last person is warned 0:08:04 after the order (P95; grade B)")
    never = {"value": math.inf, "grade": "D", "places": []}
    assert "超过 5 % 的重复中有人始终未收到撤离命令" in words("m2_time", never, "zh")[0]
    m1 = {"value": math.inf, "grade": "D", "tail": None, "chain": []}
    assert words("m1_latency", m1)[0] == ("In more than 5 % of the replications the order never comes after a "
                                          "trigger is met (grade D)")


@pytest.mark.parametrize(("order_at", "says"), [
    ("orange", "the drill ended before Slow could declare the level"),
    ("red", "nobody could declare the level (Away and every backup unreachable)"),
])
def test_the_post_named_for_an_order_never_given_is_that_of_the_order_s_level(tmp_path, order_at, says):
    # orange's post Slow is present but takes 900 s; red's post Away is absent with no backup; the drill is 300 s.
    # Declaring red would take orange's steps, declaring orange never red's: so an order at red waits on Away
    from conftest import base_plan, base_scenario, base_site, build_in, link, node

    site = base_site([node("face", "workplace"), node("out", "portal")], [link("d", "face", "out", 120.0)],
                     [{"at": "face", "count": 2}])
    plan = base_plan(
        roles=[{"id": "slow", "title": "Slow", "decision_delay_s": 900},
               {"id": "away", "title": "Away", "decision_delay_s": 0, "present_probability": 0.0}],
        warning={"triggers": [{"id": "t_orange", "quantity": "elapsed_s", "threshold": 0, "level": "orange",
                               "owner": "slow"},
                              {"id": "t_red", "quantity": "elapsed_s", "threshold": 10, "level": "red",
                               "owner": "away"}],
                 "actions_by_level": {lv: [{"action": "evacuate_underground" if lv == order_at else "notify_county",
                                            "owner": "slow"}] for lv in ("orange", "red")}})
    build_in(tmp_path, site, plan, base_scenario(order_at_s=None, duration_s=300))
    loaded = load(tmp_path / "scenario.yaml", None)
    spec = compile_drill(loaded, replications=3)
    [f] = [x for x in grade(loaded, spec, run_exercise(spec), None).findings if x.metric == "M1"]
    assert says in f.title, f.title


def test_a_late_order_is_quoted_against_the_water_of_the_people_it_was_given_for():
    """Four people late by the decision: two whose order came at 1 620 s, after their water at 1 380 s and
    1 500 s, and two whose order never came, with water at 3 000 s and 3 100 s. The median water over all four
    (2 250 s) is later than the order's median over the two it was given for, and the title read 'the order came
    after the water (… water 0:37:30, order 0:27:00)'. It now quotes the water of those the order was given for."""
    from drills.experiment.bottlenecks import medians_of
    from drills.experiment.readings import PersonState
    from drills.model.records import PersonRecord

    def state(water: float, order: float) -> tuple[PersonState, float, float]:
        rec = PersonRecord(0, "p", "miner", "adult", "", "face", math.nan, "", math.nan, "caught", water, "face",
                           math.nan, water)
        return PersonState(rec, True, False, True, True, True, order), 600.0, water

    m = medians_of([state(1380.0, 1620.0), state(1500.0, 1620.0), state(3000.0, math.nan), state(3100.0, math.nan)])
    assert m.water_s == 2250.0 and m.order_s == 1620.0  # over different people: the order reads as before the water
    assert m.water_ordered_s == 1440.0 <= m.order_s
    f = {"place": "face", "zone": "level -100", "people": 4, "cause": "decision", "by_cause": {"decision": asdict(m)},
         "late": 4, "late_replications": 1, "ranked": [("decision", 4)], "most": 4, "n": 1, "channels": ["paging"],
         "near_field": False, "lead_p50_s": math.nan, "tail": (1, 1)}
    title, evidence = words("m2_late", f)
    assert "the order came after the water (first trigger met 0:10:00, water 0:24:00, order 0:27:00" in title
    assert "water first at the place 0:24:00, order 0:27:00" in evidence


def test_a_place_only_a_later_step_sends_a_channel_to_is_told_that_step_s_time(tmp_path):
    """The pond's duty officer sounds the dam siren (Xiacun) first; the township, told by the pond manager, gives
    the same order later and starts the channels reaching Hetou. Hetou's late warnings quoted the siren's time as
    their order, an order that never went to Hetou; they now quote the township's step, the one that sent it
    there."""
    files = copy_bundled(tmp_path, DAM_FILES)
    break_file(files["plan"], "        - {id: tell-manager,",
               "        - {id: sound-siren, action: evacuate_downstream, owner: duty_officer, channels: [siren-dam]}\n"
               "        - {id: tell-manager,")
    loaded = load(files["scenario"], None)
    spec = compile_drill(loaded, replications=12)
    ex = run_exercise(spec)
    ev = grade(loaded, spec, ex, None)
    hetou = [f for f in ev.findings if f.key.startswith("M2:ht_")]
    assert hetou
    checked_m3 = False
    for f in hetou:
        place = f.targets["places"][0]
        m = f.facts["by_cause"]["decision"]
        later = []  # each late person's township step, the one that started the channels reaching Hetou
        unsafe = []  # and of those late and not safe, as the place's M3 finding tells them
        not_sent = 0  # late people whose siren sounded but whose township never passed the order on
        for res in ex.results:
            township = next((a.done_s for a in res.actions if a.action == "evacuate_downstream"
                             and a.owner == "township_duty"), math.nan)
            assert not township <= res.downstream_order_s  # the siren's step came first, where both were taken
            late = [s for s in person_states(res, spec) if s.late and s.record.start == place]
            later += [township] * len(late)
            unsafe += [township] * sum(s.unsafe for s in late)
            not_sent += len(late) if math.isnan(township) and math.isfinite(res.downstream_order_s) else 0
        assert m["order_s"] == pytest.approx(float(np.nanmedian(later)))
        assert m["not_sent"] == not_sent
        assert f"order {Say().clock(m['order_s'])}" in f.title
        m3 = next((x for x in ev.findings if x.key == f"M3:{place}"), None)
        if unsafe and m3 is not None:
            told = m3.numbers["by_reason"]["late_warning"]["order_s"]
            assert told == pytest.approx(float(np.nanmedian(unsafe)))
            assert f"order {Say().clock(told)}" in m3.evidence
            checked_m3 = True
    assert checked_m3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_order_given_but_never_sent_to_the_place_is_not_told_as_never_given(lang):
    """The siren's step gave the order; the township's step, whose channels alone reach the place, was never
    taken: the order was given, so 'never given' would be untrue."""
    m = asdict(Medians(6, water_s=600.0, trigger_s=300.0, not_sent=6))
    f = {"place": "ht_b", "zone": "Hetou", "people": 160, "cause": "decision", "by_cause": {"decision": m},
         "late": 6, "late_replications": 1, "ranked": [("decision", 6)], "most": 6, "n": 12, "channels": ["speaker"],
         "near_field": False, "lead_p50_s": 300.0, "tail": (1, 12)}
    title, evidence = words("m2_late", f, lang)
    s = Say(lang)
    times = {"trigger": s.clock(300.0), "water": s.clock(600.0)}
    assert s("times_decision", **times, order=s("never_sent")) in evidence
    assert s("times_decision", **times, order=s("never_given")) not in evidence
    assert title == s("m2_not_sent", head=s("m2_head", place=s.place("ht_b", "Hetou")), **times)


def test_idle_levels_a_plan_never_listed_are_told_as_the_default_and_a_clause_is_named_as_validate_names_it(
        tmp_path) -> None:
    """A plan without ``levels:`` has all four by default: the finding said 'the plan lists these levels' and cited
    plan.warning.levels, a line the file does not have. A battery's clause is the channel's own line, and every
    clause is written as drill validate writes a field (``channels[0]``, not ``channels.0``)."""
    from drills.experiment.plan_checks import completeness_findings

    files = copy_bundled(tmp_path)
    break_file(files["plan"], "    levels: [blue, yellow, orange, red]\n", "")
    line = break_file(files["plan"], "      backup_power_h: 2\n", "      backup_power_h: 0\n")  # the PA's
    loaded = load(files["scenario"])
    found = {f.key: f for f in completeness_findings(loaded, compile_drill(loaded, replications=1))}
    assert found["M8:levels"].evidence.startswith("The plan lists no levels, so it has all four")
    assert found["M8:levels"].refs[0][0] == "jinshan_mine_plan.yaml:35 plan.warning"
    channel = loaded.plan_doc.line_of(("plan", "channels", 0))
    assert found["M8:backup_power"].refs[0][0] == f"jinshan_mine_plan.yaml:{channel} plan.channels[0]"
    assert channel < line
    assert "plan.warning.actions_by_level.red[1]" in found["M8:county_deadline:red"].refs[0][0]


@pytest.mark.parametrize(("files", "remedies"), [(DAM_FILES, ("pre_authorise",)),
                                                 (MINE_FILES, ("pre_authorise", "stop_entry_earlier"))])
def test_idle_levels_offer_stopping_entry_earlier_only_where_people_go_underground(tmp_path, files, remedies) -> None:
    """Below a dam nobody goes underground: stopping entry earlier is no answer to levels without a response there
    (the dam's finding listed it); at the mine it is."""
    from drills.experiment.plan_checks import completeness_findings

    copied = copy_bundled(tmp_path, files)
    if files is MINE_FILES:
        break_file(copied["plan"], "    levels: [blue, yellow, orange, red]\n", "")
    loaded = load(copied["scenario"])
    found = {f.key: f for f in completeness_findings(loaded, compile_drill(loaded, replications=1))}
    assert found["M8:levels"].remedies == remedies


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_people_still_at_home_in_shallow_water_read_as_cut_off_not_as_gone(lang):
    """People still downstairs at home when the drill ends, whose household set out after the water came and found
    every way out closed: the sentence says they set out (not that they left) and that the water there gave them
    the lethality rule's safe-zone rate, not that it caught them."""
    from drills.experiment.finding_text import _reason_text
    from drills.model.lethality import SAFE_RATE

    m = asdict(Medians(131, water_s=53775.0, departed_s=54417.0, fatality_p_max=SAFE_RATE))
    text = _reason_text("stayed_in_flood", m, "ht_c", Say(lang))
    if lang == "en":
        assert "left at" not in text and "set out at 15:06:57" in text
        assert "safe zone" in text and "0.0002" in text
    else:
        assert "撤离（" not in text and "于 15:06:57 动身撤离" in text and "安全区" in text
    never = asdict(Medians(2, water_s=53775.0, never_left=2, fatality_p_max=0.1236))
    text = _reason_text("stayed_in_flood", never, "ht_c", Say(lang))
    assert ("never set out" in text and "up to 0.1236" in text) if lang == "en" else "始终未动身" in text


def test_english_output_glosses_every_class_in_english():
    # the English terminal, season matrix and reports named classes by the Chinese word alone ("不足项 M2, M3")
    from drills.experiment.graded import NOTES
    from drills.experiment.i18n import EN

    for cls in fnd.CLASS_ORDER:
        assert fnd.class_label(cls) == f"{fnd.CLASS_EN[cls]} ({cls})" and fnd.class_label(cls, zh=True) == cls
    gloss = {fnd.DEFICIENCY: "deficienc", fnd.MUST_CORRECT: "must", fnd.IMPROVEMENT: "improvement"}
    for key, text in [*EN.items(), *((k, v) for k, v in NOTES["en"].items() if isinstance(v, str))]:
        told = re.sub(r"\{\w+\} \((不足项|整改项|改进项)\)", "", text)  # "{d} (不足项)": {d} is "3 deficiencies"
        for cls, word in gloss.items():
            assert cls not in told or word in told, (key, text)
