"""M6: the plan under single faults, each re-simulated on the baseline's random numbers.

The faults are drawn from the site and the plan (AQ/T 9009-2015 附录A 应急通讯 and 4.6 back-ups; AQ/T
2052-2016 5.4.3 backup power; GISTM 13.2): mains power, the mobile network (if a channel needs it), each
warning channel down, each hoist out, each role absent, and each bridge or passage on the people's
escape routes cut. A fault the scenario already injects is not repeated. The list is cut at
``max_faults`` in that order, and the runs use few replications (both configurable).

A fault starts when the emergency does [P]: at the median over the baseline's replications of the first
trigger met or the first water, whichever comes first (a storm takes the power when it arrives, not
hours before), and lasts to the end of the drill.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from drills.experiment.exercise import ExerciseResult, run_exercise
from drills.experiment.grading import gate_persons, upper_tail
from drills.experiment.paired import PairedDiff, compare, people_changed
from drills.experiment.readings import PlanFacts, Reading, States, onset_s, read_all
from drills.model.records import DrillResult
from drills.model.routing import routing_of
from drills.model.spec import DrillSpec, Fault

DEFAULT_MAX_FAULTS = 20
DEFAULT_REPLICATIONS = 20


@dataclass(frozen=True)
class FaultRun:
    """One single-fault variant against the baseline on the same replications."""

    fault: Fault
    readings: tuple[Reading, ...]
    m2_pass: bool
    m3_pass: bool
    t100_rise_s: float
    diffs: dict[str, PairedDiff]
    places: dict[str, int] = field(default_factory=dict)  # starting place → extra late or unsafe person-replications
    t100_p95_s: float = math.nan  # P95 of the last person warned after the order, with the fault (inf: never)
    #: people whose record (warning, departure, end, times) differs from the baseline's, mean per replication
    changed: float = math.nan

    @property
    def name(self) -> str:
        return self.fault.name


@dataclass(frozen=True)
class Robustness:
    replications: int
    base: tuple[Reading, ...]
    base_m2_pass: bool
    base_m3_pass: bool
    runs: tuple[FaultRun, ...]
    fault_at_s: float
    left_out: tuple[str, ...]

    def breaks(self, run: FaultRun) -> bool:
        """The fault makes M2 or M3 fail where the baseline passes them, or makes a failing one
        significantly worse (more people warned late or not safe, paired 95 % CI above zero)."""
        flips = (self.base_m2_pass and not run.m2_pass) or (self.base_m3_pass and not run.m3_pass)
        worse = run.diffs["unsafe"].verdict == "worse" or run.diffs["late_warned"].verdict == "worse"
        return flips or worse

    def verdict(self, run: FaultRun) -> str:
        """"breaks" (:meth:`breaks`), "nothing" (no one's record differs from the baseline's and the plan's steps
        were done as in it — a report not made is a change too: the fault tested nothing) or "withstood"."""
        if self.breaks(run):
            return "breaks"
        steps = run.diffs.get("steps_failed")
        same_steps = steps is None or steps.verdict == "no change"
        return "nothing" if run.changed == 0 and same_steps else "withstood"

    def to_json(self) -> dict:
        """The assessment as ``scorecard.json`` and ``recommendations.json`` give it (a rise that never ends, as
        when a fault leaves someone never warned, is null)."""
        return {"replications": self.replications, "start_s": self.fault_at_s, "left_out": list(self.left_out),
                "runs": [{"fault": r.name, "m2_pass": r.m2_pass, "m3_pass": r.m3_pass,
                          "t100_rise_s": r.t100_rise_s if math.isfinite(r.t100_rise_s) else None,
                          "breaks": self.breaks(r), "verdict": self.verdict(r),
                          "people_changed": r.changed if math.isfinite(r.changed) else None,
                          "unsafe": r.diffs["unsafe"].to_json(), "late_warned": r.diffs["late_warned"].to_json()}
                         for r in self.runs]}

    @property
    def gate(self) -> bool:
        """False if a single fault breaks the plan (:meth:`breaks`)."""
        return not any(self.breaks(f) for f in self.runs)

    @property
    def worst_rise_s(self) -> float:
        """The largest rise over the faults; NaN if none could be measured (the baseline's last warning was already
        never), 0 with no faults."""
        if not self.runs:
            return 0.0
        return max((f.t100_rise_s for f in self.runs if not math.isnan(f.t100_rise_s)), default=math.nan)


def fault_start_s(results: tuple[DrillResult, ...] | list[DrillResult]) -> float:
    """When the emergency starts, as the median over replications (whole minutes) [P]."""
    firsts = []
    for r in results:
        t = min((e.t_s for e in r.timeline if e.kind == "trigger"), default=math.inf)
        firsts.append(min(t, onset_s(r)))
    finite = [t for t in firsts if math.isfinite(t)]
    return float(math.floor(np.median(finite) / 60.0) * 60.0) if finite else 0.0


def _route_links(spec: DrillSpec) -> list[str]:
    """Links on the people's planned or shortest escape paths, most used first; bridges on them before others."""
    routing = routing_of(spec)
    net = spec.network
    use: Counter[str] = Counter()
    for party in spec.parties:
        path = routing.planned.get(party.start)
        if path is None:
            continue
        for u, v in itertools.pairwise(path):
            hop = routing.hops.get((u, v))
            if hop is not None and hop.link is not None:
                use[net.links[hop.link].id] += len(party.members)
    # a bridge first (a flood takes bridges), but only one on someone's way: cutting one that no one crosses
    # tests nothing and would take the place of a passage that is used under the cap
    ranked = sorted(use, key=lambda k: (-use[k], k))
    bridges = {lk.id for lk in net.links if lk.bridge}
    return [k for k in ranked if k in bridges] + [k for k in ranked if k not in bridges]


def single_faults(spec: DrillSpec, at_s: float, max_faults: int = DEFAULT_MAX_FAULTS) -> tuple[list[Fault], list[str]]:
    """The single faults to try, in priority order, and the names of those left out by the cap."""
    have = {(f.kind, f.target) for f in spec.faults}
    wanted: list[tuple[str, str | None]] = [("mains_power", None)]
    if any(c.needs_mobile_network for c in spec.channels):
        wanted.append(("mobile_network", None))
    wanted += [("hoist_out", h.id) for h in spec.hoists]
    wanted += [("channel_down", c.id) for c in spec.channels]
    used_roles = {t.owner for t in spec.triggers if not t.automatic}
    used_roles |= {a.owner for acts in spec.actions_by_level.values() for a in acts}
    wanted += [("role_absent", r) for r in sorted(used_roles) if r in spec.roles]
    wanted += [("link_cut", lk) for lk in _route_links(spec)]
    faults = [Fault(f"{kind}:{target}" if target else kind, kind, target, at_s, None, 1.0)
              for kind, target in wanted if (kind, target) not in have]
    return faults[:max_faults], [f.name for f in faults[max_faults:]]


def with_fault(spec: DrillSpec, fault: Fault | None) -> DrillSpec:
    """The spec with one more fault (common random numbers: earlier faults keep their draws)."""
    return spec if fault is None else replace(spec, faults=(*spec.faults, fault))


def assess(spec: DrillSpec, facts: PlanFacts, baseline: ExerciseResult, *, replications: int = DEFAULT_REPLICATIONS,
           max_faults: int = DEFAULT_MAX_FAULTS, workers: int = 1) -> Robustness:
    """Run every single fault on the first ``replications`` replications of the baseline.

    The faults run from the baseline's seed (replication r of the baseline is the same whatever the run
    length, so the first ones are reused, with the person states the baseline already made).
    """
    n = min(replications, baseline.replications)
    base_results, base_states = baseline.results[:n], baseline.states[:n]
    base = read_all(base_results, spec, facts, base_states)
    base_harm = _harm_by_place(base_states)
    at = fault_start_s(base_results)
    faults, left_out = single_faults(spec, at, max_faults)
    runs = []
    for f in faults:
        ex = run_exercise(with_fault(spec, f), replications=n, seed=baseline.seed, workers=workers)
        rd = read_all(ex.results, spec, facts, ex.states)
        p95 = upper_tail(r.t100_after_order_s for r in rd)
        base_p95 = _capped(upper_tail(r.t100_after_order_s for r in base), spec)
        # a last warning already never (or at the drill's end) without the fault cannot rise: no measure, not 0
        rise = _capped(p95, spec) - base_p95 if base_p95 < spec.duration_s else math.nan
        harm = _harm_by_place(ex.states)
        worse = {p: harm[p] - base_harm.get(p, 0) for p in harm if harm[p] > base_harm.get(p, 0)}
        runs.append(FaultRun(f, tuple(rd), gate_persons(r.late_warned for r in rd),
                             gate_persons(r.unsafe for r in rd), max(rise, 0.0) if not math.isnan(rise) else rise,
                             compare(base, rd, spec.duration_s), dict(sorted(worse.items(), key=lambda x: -x[1])),
                             p95, people_changed(ex.results, base_results) / n))
    return Robustness(n, tuple(base), gate_persons(r.late_warned for r in base), gate_persons(r.unsafe for r in base),
                      tuple(runs), at, tuple(left_out))


def _harm_by_place(states_all: Sequence[States]) -> Counter[str]:
    """Person-replications warned late or not safe, by starting place (from each replication's person states)."""
    out: Counter[str] = Counter()
    for states in states_all:
        harmed = (states.late | states.unsafe).tolist()
        out.update(start for start, h in zip(states.people.column("start"), harmed, strict=True) if h)
    return out


def _capped(x: float, spec: DrillSpec) -> float:
    if math.isnan(x):
        return 0.0
    return min(x, spec.duration_s)
