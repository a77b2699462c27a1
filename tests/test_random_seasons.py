"""Properties of every flood-season drill, on random storms, ponds and monitoring: not only the bundled one's.

Each example starts from copies of the bundled flood-season files (scenarios/flood_season_night.yaml, its site and
plan) and varies their numbers: the rain (a design storm or an observed hyetograph, its timing and total, the
forecast's lead), the pond (its stage-area table, starting level, spillway, decant and crest), the plan's monitored
points and their thresholds (pond level, freeboard, dry beach, 24-hour rain, mine inflow) and its triggers, with or
without the mine's water model and a dam break on overtopping; each is run for a few replications. Two more tests
vary what the first leaves alone: the online monitoring down for a while (a point, or the whole system) and the
readings the planner gives (for points the model computes, and for an item it does not); and the mine's water: its
pumps (also smaller than its usual inflow, and stopped with the power), the river beside its portal (its catchment,
rating and bed, up to a sill it never reaches) or none. Whatever the season, every drill must keep the invariants
below; to hunt for faults, set DRILL_RANDOM_SEASONS to thousands and pass ``--hypothesis-seed``.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import os

import numpy as np
import yaml
from conftest import FLOOD_FILES, build_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import check_record, same

from drills.inputs.bundled import bundled_root
from drills.inputs.compile import load_drill
from drills.model import monitoring as mon
from drills.model import pond
from drills.model.decision import trigger_time
from drills.model.drill import Drill, run_drill
from drills.model.flood_season import LEVELS, WORSE_WHEN
from drills.model.inrush import WaterTimeline

REPLICATIONS = 2
#: How many random seasons each test tries; to hunt for faults, set DRILL_RANDOM_SEASONS to many more (each test then
#: tries that many)
EXAMPLES = os.environ.get("DRILL_RANDOM_SEASONS")
#: the drill's clock reaches a computed time by waiting from the time now (SimPy adds the wait to it), so a time
#: reached that way can differ from the computed one in its last bits: a nanosecond covers that, and nothing else
TICK = 1e-9
#: the pond's balance solves each step's volume to a relative 1e-12 (:data:`drills.model.pond._BISECT_REL_TOL`)
SOLVED = 1e-9
DAY_S = 86400.0


def bundled() -> tuple[dict, dict, dict]:
    """The bundled flood-season site, plan and scenario, as loaded YAML (dates and times as the text they were)."""
    texts = ((bundled_root() / FLOOD_FILES[k]).read_text(encoding="utf-8") for k in ("site", "plan", "scenario"))
    return tuple(json.loads(json.dumps(yaml.safe_load(x), default=str)) for x in texts)  # type: ignore[return-value]


BUNDLED = bundled()


@st.composite
def ponds(draw: st.DrawFn) -> dict:
    """A pond: a stage-area table of two to four rows, a crest within it, a spillway and a decant or none, and a
    starting level between the table's bottom and the crest."""
    bottom = float(draw(st.integers(100, 120)))
    rises = draw(st.lists(st.integers(2, 15), min_size=1, max_size=3))
    levels = [bottom]
    for r in rises:
        levels.append(levels[-1] + r)
    wider = draw(st.lists(st.integers(50_000, 600_000), min_size=len(rises), max_size=len(rises)))
    areas = [draw(st.sampled_from([0.0, 20_000.0])), *sorted(map(float, wider))]
    top = levels[-1]
    crest = top - min(draw(st.sampled_from([0.0, 0.5, 2.0])), 0.5 * (top - bottom))
    start = crest - draw(st.sampled_from([0.05, 0.3, 1.1, 3.0, 8.0]))
    start = max(start, bottom)
    return {
        "catchment_area_m2": float(draw(st.integers(300_000, 6_000_000))),
        "runoff_coefficient": draw(st.sampled_from([0.0, 0.3, 0.8, 1.0])),
        "stage_area": [[z, a] for z, a in zip(levels, areas, strict=True)],
        "crest_elevation_m": crest,
        "spillway_crest_m": crest - draw(st.sampled_from([0.2, 1.4, 3.0])),
        "spillway_width_m": draw(st.sampled_from([0.0, 0.4, 4.0])),
        "decant_invert_m": max(bottom, crest - draw(st.sampled_from([1.0, 6.0, 30.0]))),
        "decant_m3ps": draw(st.sampled_from([0.0, 0.5, 3.0])),
        "beach_slope": draw(st.sampled_from([0.005, 0.01, 0.03])),
        "min_freeboard_m": 0.5, "min_beach_length_m": 50.0,
        "process_inflow_m3ps": draw(st.sampled_from([0.0, 0.0, 0.2])),
        "_start": start,
    }


@st.composite
def storms(draw: st.DrawFn, duration_s: float) -> dict:
    """The rain: a design storm of the GB 50014 form, or an observed hyetograph of a few steps."""
    lead = float(draw(st.sampled_from([0, 600, 10_800])))
    if draw(st.booleans()):
        return {"design": {"return_period_yr": draw(st.sampled_from([2, 10, 50, 100])),
                           "duration_s": float(draw(st.sampled_from([3600, 10_800, 43_200, 86_400]))),
                           "start_s": float(draw(st.integers(0, int(duration_s) // 2))),
                           "step_s": float(draw(st.sampled_from([300, 600, 1800]))),
                           "peak_fraction": draw(st.sampled_from([0.0, 0.4, 1.0])),
                           "idf": dict(BUNDLED[2]["scenario"]["hazard"]["storm"]["design"]["idf"])},
                "warning_lead_s": lead}
    times = sorted(draw(st.lists(st.integers(0, int(duration_s) - 60), min_size=1, max_size=6, unique=True)))
    return {"observed": [{"t_s": float(t), "mm_per_h": float(draw(st.sampled_from([0, 2, 20, 60, 150])))}
                         for t in times], "warning_lead_s": lead}


THRESHOLDS = {  # per quantity: values to pick four from, and the direction in which they get worse
    "rainfall_24h_mm": [0.0, 10.0, 25.0, 50.0, 100.0, 250.0],
    "pond_level_m": None,  # relative to the pond: see seasons()
    "freeboard_m": [0.0, 0.3, 0.5, 0.8, 1.2, 1.6, 3.0],
    "beach_length_m": [0.0, 20.0, 50.0, 70.0, 110.0, 300.0],
    "mine_inflow_m3ph": [300.0, 330.0, 360.0, 450.0, 600.0],
}


@st.composite
def seasons(draw: st.DrawFn) -> dict:
    """One random flood season, as plain values (see :func:`season_files`)."""
    duration = float(draw(st.sampled_from([7200, 21_600, 43_200])))
    p = draw(ponds())
    items = []
    for k in range(draw(st.integers(1, 4))):
        quantity = draw(st.sampled_from(sorted(THRESHOLDS)))
        points = []
        for j in range(draw(st.integers(1, 4))):
            if quantity == "pond_level_m":
                values = sorted({round(p["_start"] + d, 3) for d in draw(st.lists(
                    st.sampled_from([-1.0, 0.0, 0.01, 0.2, 0.5, 1.0, 3.0]), min_size=1, max_size=4))})
            else:
                values = sorted(set(draw(st.lists(st.sampled_from(THRESHOLDS[quantity]), min_size=1, max_size=4))))
                if WORSE_WHEN[quantity] == "lower":
                    values.reverse()
            levels = sorted(draw(st.lists(st.sampled_from(LEVELS), min_size=len(values), max_size=len(values),
                                          unique=True)), key=LEVELS.index)
            points.append({"id": f"p{k}-{j}", "thresholds": dict(zip(levels, values, strict=True))})
        items.append({"id": f"item{k}-{quantity}", "quantity": quantity, "points": points})
    triggers = []
    for k in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["met_warning", "monitoring_level", "rainfall_24h_mm", "overtopping",
                                     "mine_inflow_change", "dam_breach"]))
        tr: dict = {"id": f"t{k}", "quantity": kind, "level": draw(st.sampled_from(["orange", "red"])),
                    "owner": draw(st.sampled_from(["dispatcher", "duty_officer"]))}
        if kind in ("met_warning", "monitoring_level"):
            tr["at_level"] = draw(st.sampled_from(LEVELS))
        elif kind == "rainfall_24h_mm":
            tr["threshold"] = float(draw(st.sampled_from([1, 25, 50, 100])))
        elif kind == "mine_inflow_change":
            tr["threshold"] = draw(st.sampled_from([0.05, 0.2, 0.5]))
        triggers.append(tr)
    return {
        "duration_s": duration, "storm": draw(storms(duration)), "pond": p, "items": items, "triggers": triggers,
        "poll_s": float(draw(st.sampled_from([60, 300, 600, 1000]))),
        "mine_water": draw(st.booleans()), "dam_break": draw(st.booleans()),
        "detect_s": float(draw(st.sampled_from([0, 300]))), "decide_s": float(draw(st.sampled_from([0, 120, 600]))),
        "sensor_fault": draw(st.none() | st.tuples(st.integers(0, 20), st.integers(0, int(duration)))),
        "seed": draw(st.integers(0, 2**16)),
    }


def season_files(d: dict) -> tuple[dict, dict, dict]:
    """Site, plan and scenario of one random season ``d``: the bundled files with its numbers."""
    site, plan, scenario = copy.deepcopy(BUNDLED)
    dam = site["site"]["dams"][0]
    dam["pond"] = {k: v for k, v in d["pond"].items() if not k.startswith("_")}
    dam["height_m"] = d["pond"]["crest_elevation_m"] - d["pond"]["stage_area"][0][0]
    if not d["mine_water"]:
        del site["site"]["mine_water"]
    else:
        mw = site["site"]["mine_water"]
        mw["pumping_m3ph"] = d.get("pumping_m3ph", mw["pumping_m3ph"])
        if d.get("river", ()) is None:
            del mw["ingress"]
        elif "river" in d:
            mw["ingress"]["river"] = d["river"]
    river = d["mine_water"] and d.get("river", ()) is not None  # the bundled site's river, or one of its own
    items = [it for it in d["items"] + d.get("read_items", [])
             if (d["mine_water"] or it["quantity"] != "mine_inflow_m3ph") and (river or it["quantity"] !=
                                                                                "river_stage_m")]
    if not items:  # the plan's monitoring needs an item: a rain gauge that never reaches its one level
        items = [{"id": "rain", "quantity": "rainfall_24h_mm", "points": [{"id": "g", "thresholds": {"red": 1e4}}]}]
    warning = plan["plan"]["warning"]
    warning["monitoring"] = {"poll_s": d["poll_s"], "items": items}
    triggers = [dict(t, detection_delay_s=d["detect_s"]) for t in d["triggers"]
                if (d["mine_water"] or t["quantity"] != "mine_inflow_change")
                and (d["dam_break"] or t["quantity"] != "dam_breach")]
    warning["triggers"] = triggers or [{"id": "never", "quantity": "elapsed_s", "threshold": 10 * d["duration_s"],
                                        "level": "red", "owner": "dispatcher"}]
    for role in plan["plan"]["roles"]:
        role["decision_delay_s"] = d["decide_s"]
        role.pop("handover_s", None)
    sc = scenario["scenario"]
    sc.update(site="site.yaml", plan="plan.yaml", duration_s=d["duration_s"],
              monte_carlo={"replications": REPLICATIONS, "seed": d["seed"]})
    sc["entries"] = [e for e in sc.get("entries", []) if e["at_s"] < d["duration_s"]]
    hazard = {"storm": d["storm"], "pond": {"dam": dam["id"], "initial_level_m": d["pond"]["_start"]}}
    if d["dam_break"]:
        hazard["dam_break"] = {"dam": dam["id"], "on_overtopping": True}
    sc["hazard"] = hazard
    points = [pt["id"] for it in items for pt in it["points"]]
    if d["sensor_fault"] is not None:
        which, at = d["sensor_fault"]
        sc["faults"] = [{"kind": "sensor_failed", "target": points[which % len(points)], "at_s": float(at)}]
    for fault in d.get("outages", []):  # a point (by its number among the plan's points) or the whole system down
        fault = dict(fault)
        if fault["kind"] == "sensor_failed":
            fault["target"] = points[fault["target"] % len(points)]
        sc.setdefault("faults", []).append(fault)
    readings = {k: v for k, v in d.get("readings", {}).items() if k in points}
    if readings:
        hazard["monitor_series"] = readings
    return site, plan, scenario


def check_pond(spec, ps: pond.PondSpec) -> None:
    """The pond's level is what its balance allows: never more water than was there plus what came in, never
    less than was there while what comes in outpaces what the level lets out; the crest reached when said."""
    season = spec.season
    t, level = season.series["pond_level_m"]
    _, freeboard = season.series["freeboard_m"]
    vol = np.asarray(ps.volume_m3_at(level))
    rain = np.diff(np.asarray(season.hyetograph.cumulative_mm(t)))
    vin = ps.runoff_coefficient * ps.catchment_area_m2 * rain / 1000.0 + ps.process_inflow_m3ps * np.diff(t)
    assert np.all(rain >= 0.0)  # the rain fallen only grows
    for k in range(t.size - 1):
        tol = SOLVED * max(vol[k] + vin[k], 1.0)
        assert vol[k + 1] <= vol[k] + vin[k] + tol, k  # no more than was there and came in
        if vin[k] >= (t[k + 1] - t[k]) * ps.outflow_m3ps(level[k]):  # more in than the level lets out
            assert vol[k + 1] >= vol[k] - tol, k
    assert np.allclose(freeboard, ps.crest_elevation_m - level, rtol=0, atol=1e-12)
    over = season.overtopping_s
    reached = np.flatnonzero(freeboard <= 0.0)
    if reached.size == 0:
        assert over == math.inf
    else:
        k = int(reached[0])
        assert (t[k - 1] if k else t[0]) <= over <= t[k]  # between the last grid time below the crest and the first
        assert np.all(level[t < over] < ps.crest_elevation_m)


def down_spans(drill: Drill, point: str) -> list[tuple[float, float]]:
    """When the online system does not read ``point``: its sensor failed, or the whole system down."""
    return [span for (kind, target), spans in drill.down.items() for span in spans
            if (kind, target) in (("sensor_failed", point), ("monitoring_down", None))]


def check_monitoring(spec, drill: Drill) -> None:
    """A level is reported at a poll where the sensor's reading, latched, really is at it, and no poll sooner: a
    point is read at the polls within its series (the model's, or the readings given) while neither it nor the
    online system is down; the pond's overall level by the counting rule, from those readings."""
    season = spec.season
    horizon = max((float(p.t_s[-1]) for p in season.points), default=0.0)
    polls = season.poll_s * np.arange(0, math.floor(horizon / season.poll_s) + 1)
    latched = []
    for p in season.points:
        read = np.interp(polls, p.t_s, p.values)
        codes = np.array([int(mon.point_level(v, p.thresholds, WORSE_WHEN[p.quantity]) or 0) for v in read])
        codes[(polls < p.t_s[0]) | (polls > p.t_s[-1])] = 0  # no reading there
        for a, b in down_spans(drill, p.point):  # a sensor down says nothing while it is
            codes[(polls >= a) & (polls < b)] = 0
        latched.append((p.item, np.maximum.accumulate(codes)))
    for lv in LEVELS:
        want = mon.Level[lv.upper()]
        first = math.inf
        for k, at in enumerate(polls):
            items: dict[str, list] = {}
            for item, codes in latched:
                items.setdefault(item, []).append(mon.Level(codes[k]) if codes[k] else None)
            overall = mon.overall_level(mon.item_level(v) for v in items.values())
            if overall is not None and overall >= want:
                first = float(at)
                break
        assert drill.monitoring_first[lv] == first, (lv, drill.monitoring_first, first)
    assert list(drill.monitoring_first.values()) == sorted(drill.monitoring_first.values())  # blue first, red last


def check_season(spec, res, drill: Drill, d: dict) -> None:
    season = spec.season
    duration = spec.duration_s
    hy = season.hyetograph
    t, rolling = season.series["rainfall_24h_mm"]
    assert np.all(np.diff(np.asarray(hy.cumulative_mm(t))) >= 0.0) and np.all(rolling >= 0.0)
    for w in season.warnings:  # issued ahead of the rain by the lead, never before the start, for rain that falls
        assert 0.0 <= w.issued_s <= w.criterion_met_s <= duration
        assert w.issued_s == max(0.0, w.criterion_met_s - d["storm"]["warning_lead_s"])
    # the triggers: each met when its quantity is, logged at that time, and nothing done sooner than a decision
    met = {}
    levels = {tr.id: tr.level for tr in spec.triggers}
    for e in res.timeline:
        if e.kind == "trigger":
            name, level = e.what.removesuffix(")").split(" met (")
            assert levels[name] == level and name not in met, e  # each trigger met once, at its own level
            met[name] = e.t_s
    for tr in spec.triggers:
        if tr.id not in met:
            continue
        at = met[tr.id]
        assert at + d["detect_s"] <= duration + TICK
        if tr.quantity == "met_warning":
            assert at == season.met_warning_s(tr.at_level)
        elif tr.quantity == "monitoring_level":
            assert at == drill.monitoring_first[tr.at_level]
        elif tr.quantity == "rainfall_24h_mm":  # the 24-hour total reaches it then, and at no grid time before
            # (the crossing is interpolated between the total's breaks: its time is exact to round-off, a TICK)
            assert hy.rolling_mm(DAY_S, at) >= tr.threshold - 1e-9
            assert np.all(np.asarray(hy.rolling_mm(DAY_S, t[t < at - TICK])) < tr.threshold)
        elif tr.quantity == "mine_inflow_change":  # the inflow has changed by the share then, at no grid time before
            ti, q = season.series["mine_inflow_m3ph"]
            base = BUNDLED[0]["site"]["mine_water"]["baseline_m3ph"]
            assert abs(np.interp(at, ti, q) - base) >= tr.threshold * base - 1e-9
            assert np.all(np.abs(q[ti < at - TICK] - base) < tr.threshold * base)
        elif tr.quantity == "overtopping":
            assert at == season.overtopping_s
        elif tr.quantity == "dam_breach":
            assert at == drill.breach_s
    first_met = min(met.values(), default=math.inf)
    for a in res.actions:
        assert a.trigger_s in met.values(), a
        if not math.isnan(a.done_s):
            assert a.done_s >= a.trigger_s + d["detect_s"] + d["decide_s"] - TICK, a
    for order in (res.order_s, res.downstream_order_s):
        if not math.isnan(order) and order < math.inf:
            assert order >= first_met + d["detect_s"] + d["decide_s"] - TICK
    # the dam breaks when the pond reaches its crest, and only then
    if spec.dam_break is not None:
        assert drill.breach_s == (season.overtopping_s if season.overtopping_s < math.inf else 10 * duration)
        breached = [e.t_s for e in res.timeline if e.kind == "hazard" and "breach" in e.what]
        assert breached == ([season.overtopping_s] if season.overtopping_s < duration else [])
    if "mine_inflow_m3ph" in season.series:
        _, q = season.series["mine_inflow_m3ph"]
        assert np.all(q >= BUNDLED[0]["site"]["mine_water"]["baseline_m3ph"] - 1e-9)  # rain only adds water


def compiled_pond(d: dict) -> pond.PondSpec:
    """The pond of a random season, as its balance takes it."""
    return pond.PondSpec(**{k: (tuple(map(tuple, v)) if k == "stage_area" else v)
                            for k, v in d["pond"].items() if not k.startswith("_")})


@settings(max_examples=int(EXAMPLES or 50), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(d=seasons())
def test_every_random_season_keeps_the_drill_invariants(tmp_path_factory, d):
    folder = tmp_path_factory.mktemp("season")
    spec = build_in(folder, *season_files(d))
    check_pond(spec, compiled_pond(d))
    results = [run_drill(spec, rep, spec.seed) for rep in range(REPLICATIONS)]
    for rep, res in enumerate(results):
        for p in res.people:
            check_record(p, spec.duration_s)
        drill = Drill(spec, rep, spec.seed)
        check_season(spec, res, drill, d)
        check_monitoring(spec, drill)
    # the same seed and replication give the same records, whichever replications ran before in the process
    again = load_drill(folder / "scenario.yaml")
    for rep in reversed(range(REPLICATIONS)):
        assert same(results[rep], run_drill(again, rep, again.seed)), rep


@st.composite
def watched_seasons(draw: st.DrawFn) -> dict:
    """A random season whose online monitoring goes down for a while (a point, or the whole system; for a poll, a
    few, or to the end) and whose readings the planner gives in part: some points read from the readings instead
    of the model, and maybe an item no model computes (displacement), read only from them. Readings and outages
    fall on polls and between them, at the thresholds and just either side."""
    d = draw(seasons())
    duration, poll = d["duration_s"], d["poll_s"]
    times = st.sampled_from([0.0, poll, 2 * poll, 3 * poll + 1.0, duration / 2, duration - poll, duration,
                             duration + poll]) | st.floats(0.0, duration + poll)

    def readings(thresholds: dict) -> list[list[float]]:
        values = list(thresholds.values())
        near = [v + e for v in values for e in (-1e-9, 1e-9, -0.5, 0.5)]
        ts = sorted(set(draw(st.lists(times, min_size=1, max_size=5))))
        return [[float(t), float(draw(st.sampled_from(values) | st.sampled_from(near)))] for t in ts]

    given = {}
    for it in d["items"]:
        for pt in it["points"]:
            if draw(st.booleans()):
                given[pt["id"]] = readings(pt["thresholds"])
    if draw(st.booleans()):
        points = []
        for j in range(draw(st.integers(1, 4))):
            values = sorted(set(draw(st.lists(st.sampled_from([5.0, 10.0, 20.0, 40.0]), min_size=1, max_size=4))))
            levels = sorted(draw(st.lists(st.sampled_from(LEVELS), min_size=len(values), max_size=len(values),
                                          unique=True)), key=LEVELS.index)
            points.append({"id": f"disp-{j}", "thresholds": dict(zip(levels, values, strict=True))})
            given[points[-1]["id"]] = readings(points[-1]["thresholds"])
        d["read_items"] = [{"id": "displacement", "quantity": "displacement_mm", "points": points}]
    d["readings"] = given
    outages = []
    for _ in range(draw(st.integers(0, 3))):
        fault: dict = {"kind": draw(st.sampled_from(["sensor_failed", "monitoring_down"])), "at_s": draw(times)}
        if fault["kind"] == "sensor_failed":
            fault["target"] = draw(st.integers(0, 20))
        if draw(st.booleans()):
            fault["duration_s"] = float(draw(st.sampled_from([1.0, poll, 2.5 * poll, duration])))
        outages.append(fault)
    d["outages"] = outages
    return d


@settings(max_examples=int(EXAMPLES or 30), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(d=watched_seasons())
def test_an_outage_or_the_readings_given_move_the_monitoring_only_as_they_should(tmp_path_factory, d):
    spec = build_in(tmp_path_factory.mktemp("season"), *season_files(d))
    quiet = dataclasses.replace(spec, faults=())  # the same season with nothing down
    season = spec.season
    for rep in range(REPLICATIONS):
        drill, calm = Drill(spec, rep, spec.seed), Drill(quiet, rep, spec.seed)
        check_monitoring(spec, drill)
        check_monitoring(quiet, calm)
        # an outage delays a level or a trigger, or leaves it where it was: never brings it sooner
        for lv in LEVELS:
            assert drill.monitoring_first[lv] >= calm.monitoring_first[lv], lv
        for tr in spec.triggers:
            assert trigger_time(drill, tr) >= trigger_time(calm, tr), tr
        # a reading given at a poll, its point and the system up, puts the pond at its level then, or sooner
        for p in season.points:
            for t, v in d["readings"].get(p.point, ()):
                lv = mon.point_level(v, p.thresholds, WORSE_WHEN[p.quantity])
                if lv is None or t % season.poll_s or any(a <= t < b for a, b in down_spans(drill, p.point)):
                    continue
                assert drill.monitoring_first[str(lv)] <= t, (p.point, t, v)
        res = run_drill(spec, rep, spec.seed)
        assert len(res.people) == sum(len(p.members) for p in spec.parties)
        for p in res.people:
            check_record(p, spec.duration_s)
        check_season(spec, res, drill, d)
        # the timeline says when the monitoring reached each level that it reached within the drill, and only then
        logged = [(e.what, e.t_s) for e in res.timeline if e.kind == "monitoring"]
        assert logged == [(f"online monitoring at {lv}", t) for lv, t in drill.monitoring_first.items()
                          if t < spec.duration_s]


BASELINE_M3PH = BUNDLED[0]["site"]["mine_water"]["baseline_m3ph"]
SILL_M = 98.0  # the elevation of the portal the bundled site's river can pour into
UNDERGROUND = ("sump360", "pump360", "st360", "j360", "refuge360", "face360e", "st240", "stope240w")


@st.composite
def wet_seasons(draw: st.DrawFn) -> dict:
    """A random season with the mine's water: pumps of any capacity (also less than the mine's usual inflow), a
    river of any size and rating beside the portal (its bed from level with the sill to far below it), or none;
    triggers on the water's depth underground, and the power lost for a while (the pumps stop with it)."""
    d = draw(seasons())
    d["mine_water"] = True
    d["pumping_m3ph"] = float(draw(st.sampled_from([0.0, 150.0, 299.0, 300.0, 450.0, 600.0, 3000.0])))
    d["more_pumping_m3ph"] = d["pumping_m3ph"] + float(draw(st.sampled_from([1.0, 150.0, 1000.0])))
    d["river"] = None if draw(st.integers(0, 4)) == 0 else {
        "catchment_area_m2": float(draw(st.sampled_from([1e6, 4e7, 3e8]))),
        "runoff_coefficient": draw(st.sampled_from([0.0, 0.3, 0.6, 1.0])),
        "lag_s": float(draw(st.sampled_from([60, 3600, 10_800, 86_400]))),
        "baseflow_m3ps": float(draw(st.sampled_from([0, 5, 50]))),
        "rating_a": draw(st.sampled_from([0.05, 0.5, 2.0])), "rating_b": draw(st.sampled_from([0.3, 0.6, 1.0, 2.0])),
        "bed_elevation_m": SILL_M - draw(st.sampled_from([0.0, 0.5, 3.0, 6.0, 20.0]))}
    if draw(st.booleans()):  # a gauge on the river beside the portal, its levels about the sill
        values = sorted(set(draw(st.lists(st.sampled_from([SILL_M - 5.0, SILL_M - 1.0, SILL_M, SILL_M + 0.5]),
                                          min_size=1, max_size=4))))
        levels = sorted(draw(st.lists(st.sampled_from(LEVELS), min_size=len(values), max_size=len(values),
                                      unique=True)), key=LEVELS.index)
        d["items"].append({"id": "river", "quantity": "river_stage_m",
                           "points": [{"id": "gauge", "thresholds": dict(zip(levels, values, strict=True))}]})
    for k in range(draw(st.integers(0, 2))):
        d["triggers"].append({"id": f"w{k}", "quantity": "water_depth_m", "at": draw(st.sampled_from(UNDERGROUND)),
                              "threshold": draw(st.sampled_from([0.01, 0.3, 1.5])), "level": "red",
                              "owner": "dispatcher"})
    if draw(st.booleans()):
        d["outages"] = [{"kind": "mains_power", "at_s": float(draw(st.integers(0, int(d["duration_s"])))),
                         "duration_s": float(draw(st.sampled_from([600, 3600, 86_400])))}]
    return d


def highest_stage_m(river: dict, hy) -> float:
    """A stage the river cannot pass in this rain: its flow is never more than its baseflow and its catchment's
    runoff at the heaviest rain (a linear reservoir passes on no more than it gets)."""
    most = river["baseflow_m3ps"] + river["runoff_coefficient"] * river["catchment_area_m2"] * float(
        np.max(hy.intensity_mm_per_h)) / 1000.0 / 3600.0
    return river["bed_elevation_m"] + river["rating_a"] * most ** river["rating_b"]


def no_sooner(t: float, than: float) -> bool:
    """``t`` is not before ``than``, but for round-off: the same water summed another way (pumps of 1 m³/h stopped
    with the power: 299 m³/h of the usual inflow they never could take out and 1 m³/h they could, against 300 m³/h)
    reaches a depth within a few units in the last place of the volume, 1e-9 s in 33 000 s."""
    return t >= than or t >= than - max(TICK, 1e-12 * abs(than))  # (never: inf, whatever the round-off)


def water_at(drill: Drill, duration_s: float) -> np.ndarray:
    """The water's depth at every place of the mine, at times through the drill."""
    return np.array([[drill.water.node_depth(n, t) for n in range(len(drill.net.nodes))]
                     for t in np.linspace(0.0, duration_s, 25)])


@settings(max_examples=int(EXAMPLES or 20), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(d=wet_seasons())
def test_the_pumps_and_the_river_move_the_mine_water_only_as_they_should(tmp_path_factory, d):
    spec = build_in(tmp_path_factory.mktemp("season"), *season_files(d))
    more = build_in(tmp_path_factory.mktemp("season"), *season_files(dict(d, pumping_m3ph=d["more_pumping_m3ph"])))
    dry = build_in(tmp_path_factory.mktemp("season"), *season_files(dict(d, river=None)))
    season, hy = spec.season, spec.season.hyetograph
    # the river: its stage by its rating, what pours in by the weir over the sill, and none while below it
    if d["river"] is not None:
        r = d["river"]
        _, stage = season.series["river_stage_m"]
        assert np.all(stage >= r["bed_elevation_m"])
        if highest_stage_m(r, hy) <= SILL_M:  # the sill above any stage this rain can raise: no water in
            assert season.collar_flooded_s == math.inf
            assert spec.inrush.hydro_m3ps == dry.inrush.hydro_m3ps and spec.inrush.hydro_t_s == dry.inrush.hydro_t_s
        elif season.collar_flooded_s < math.inf:
            assert np.all(stage[season.series["river_stage_m"][0] < season.collar_flooded_s] <= SILL_M)
        else:
            assert np.all(stage <= SILL_M)
    else:
        assert season.collar_flooded_s == math.inf and "river_stage_m" not in season.series
    for rep in range(REPLICATIONS):
        drill = Drill(spec, rep, spec.seed)
        depth = water_at(drill, spec.duration_s)
        # more pumps never raise the water anywhere, nor bring it anywhere sooner; a river only adds water
        pumped = Drill(more, rep, spec.seed)
        assert np.all(water_at(pumped, spec.duration_s) <= depth + 1e-9)
        without = Drill(dry, rep, spec.seed)
        assert np.all(water_at(without, spec.duration_s) <= depth + 1e-9)
        for limit in (0.01, 0.3, 1.5):
            soon = drill.impassable(limit)
            assert all(no_sooner(a, b) for a, b in zip(pumped.impassable(limit), soon, strict=True)), limit
            assert all(no_sooner(a, b) for a, b in zip(without.impassable(limit), soon, strict=True)), limit
        for tr in spec.triggers:
            assert no_sooner(trigger_time(pumped, tr), trigger_time(drill, tr)), tr
        # the water comes in at the usual rate at least, and the pumps take out no more than their capacity while
        # they have power: whatever of it they cannot take out stays in the mine
        pool = next(p for p in getattr(drill.water, "parts", [drill.water]) if isinstance(p, WaterTimeline))
        steps = np.arange(pool.stored_m3.size) * pool.dt_s
        on = np.array([drill.power_on(float(t)) for t in steps[:-1]])
        unpumped = float(np.sum(BASELINE_M3PH - d["pumping_m3ph"] * on)) * pool.dt_s / 3600.0
        assert pool.stored_m3[-1] >= unpumped - 1e-6 * max(abs(unpumped), 1.0), (pool.stored_m3[-1], unpumped)
        res = run_drill(spec, rep, spec.seed)
        assert len(res.people) == sum(len(p.members) for p in spec.parties)
        for p in res.people:
            check_record(p, spec.duration_s)
        check_season(spec, res, drill, d)
        entered = [e.t_s for e in res.timeline if e.kind == "hazard" and e.what == "river over the mine entrance"]
        assert entered == ([season.collar_flooded_s] if season.collar_flooded_s < spec.duration_s else [])
