"""Evaluate a plan against the requirements: run the drill, grade M1–M8, analyse the bottlenecks, run the
single faults, and list the findings with the overall grade.

This is the graded scorecard of the project's proposed scoring model [P]; :mod:`drills.experiment.search` uses it
on the baseline and on the revised plan.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from drills.experiment import findings as fnd
from drills.experiment import grading, plan_checks
from drills.experiment.bottlenecks import Bottlenecks, analyse
from drills.experiment.exercise import ExerciseResult, run_exercise
from drills.experiment.i18n import Progress
from drills.experiment.plan_steps import orders_not_given, tally_steps
from drills.experiment.readings import PlanFacts, Reading, read_all
from drills.experiment.robustness import DEFAULT_MAX_FAULTS, DEFAULT_REPLICATIONS, Robustness, assess
from drills.inputs.compile import compile_drill
from drills.inputs.loaded import Loaded
from drills.model.spec import DrillSpec


@dataclass(frozen=True)
class Evaluation:
    """Everything known about one plan in one scenario."""

    loaded: Loaded
    spec: DrillSpec
    exercise: ExerciseResult
    facts: PlanFacts
    readings: tuple[Reading, ...]
    grades: dict[str, grading.MetricGrade]
    bottlenecks: Bottlenecks
    robustness: Robustness | None
    findings: tuple[fnd.Finding, ...]
    overall: grading.Overall

    @property
    def replications(self) -> int:
        return len(self.readings)

    @property
    def assessed_faults(self) -> frozenset[str]:
        """The names of the single faults assessed for M6 (none when robustness was not assessed)."""
        return frozenset(r.fault.name for r in self.robustness.runs) if self.robustness else frozenset()


def evaluate(loaded: Loaded, *, replications: int | None = None, seed: int | None = None, workers: int = 1,
             fault_replications: int = DEFAULT_REPLICATIONS, max_faults: int = DEFAULT_MAX_FAULTS,
             progress: Progress | None = None) -> Evaluation:
    """Run and grade a loaded scenario with its plan.

    Args:
        fault_replications: replications per single fault for M6 (0: M6 not assessed).
        max_faults: at most this many single faults.
        progress: told what is being run, as a phrase key and its facts.
    """
    spec = compile_drill(loaded, replications=replications, seed=seed)
    if progress:
        progress("progress_baseline", n=spec.replications)
    ex = run_exercise(spec, workers=workers)
    rob = None
    if fault_replications > 0:
        if progress:
            progress("progress_faults", faults=max_faults, n=fault_replications)
        facts = PlanFacts.of(loaded, spec)
        rob = assess(spec, facts, ex, replications=fault_replications, max_faults=max_faults, workers=workers)
    return grade(loaded, spec, ex, rob)


def grade(loaded: Loaded, spec: DrillSpec, ex: ExerciseResult, rob: Robustness | None) -> Evaluation:
    """Grade an exercise already run (and its single faults, if assessed)."""
    facts = PlanFacts.of(loaded, spec)
    readings = read_all(ex.results, spec, facts, ex.states)
    n = len(readings)
    bn = analyse(ex)
    internal = plan_checks.internal_report_p95_s(spec)
    has_county = any(a.action == "notify_county" for acts in loaded.plan.warning.actions_by_level.values()
                     for a in acts)
    grades = {
        "M1": grading.grade_m1(readings),
        "M2": grading.grade_m2(readings),
        "M3": grading.grade_m3(readings),
        "M4": grading.grade_m4(readings, has_county_report=has_county, internal_p95_s=internal),
        "M5": grading.grade_m5(readings),
        "M6": grading.grade_m6(rob.gate if rob else None, rob.worst_rise_s if rob else math.nan, rob is not None,
                               floor=rob is not None and rob.gate and not (rob.base_m2_pass or rob.base_m3_pass)),
    }
    posts = fnd.post_findings(tally_steps(ex.results, spec, facts), n, loaded)
    found = [
        *outcome_findings(loaded, spec, ex, bn, facts),
        *fnd.reach_time_finding(grades["M2"], bn, loaded),
        *fnd.latency_finding(grades["M1"], bn, loaded),
        *fnd.reporting_findings(grades["M4"], readings, loaded, internal),
        *posts,
        *(fnd.robustness_findings(rob, loaded) if rob else []),
        *plan_checks.regulatory_findings(loaded, spec, readings),
        *plan_checks.completeness_findings(loaded, spec, bn=bn, replications=n,
                                           posts={o for f in posts for o in f.targets["roles"]}),
    ]
    ranked = fnd.rank([*found, *fnd.gate_findings(grades, found, loaded)])
    count = {c: sum(1 for f in ranked if f.cls == c) for c in fnd.CLASS_ORDER}
    over = grading.overall(grades, count[fnd.DEFICIENCY], count[fnd.MUST_CORRECT], count[fnd.IMPROVEMENT])
    return Evaluation(loaded, spec, ex, facts, tuple(readings), grades, bn, rob, tuple(ranked), over)


def outcome_findings(loaded: Loaded, spec: DrillSpec, ex: ExerciseResult, bn: Bottlenecks,
                     facts: PlanFacts | None = None) -> list[fnd.Finding]:
    """The findings on who was warned and who got out, place by place, as the drill's people records show them:
    warned late or never, not safe, queues, refuges and assembly points the water reached, people who turned back.
    They need no grade, so :func:`drills.experiment.recommendation.recommend` asks the plan as revised so far for
    them too, to propose the next revisions (a new route once the people leave earlier, for one)."""
    n = len(ex.results)
    facts = facts or PlanFacts.of(loaded, spec)
    unordered = orders_not_given(ex.results, spec, facts, ("evacuate_downstream", "evacuate_underground"))
    return [
        *fnd.warning_findings(bn, n, loaded, unordered),
        *fnd.never_warned_finding(bn, n, loaded),
        *fnd.safety_findings(bn, n, loaded),
        *fnd.queue_findings(bn, loaded),
        *fnd.refuge_water_findings(ex.results, spec, loaded),
        *fnd.assembly_water_findings(ex.results, spec, loaded),
        *fnd.turned_back_findings(ex.results, loaded),
    ]


def overall_without(ev: Evaluation, metrics: Sequence[str]) -> grading.Overall:
    """The plan's overall grade with ``metrics`` left out: their grades from the score, their findings from the
    counts (to set two plans side by side over the metrics graded for both, :func:`grading.graded_for_one`)."""
    kept = [f for f in ev.findings if f.metric not in metrics]
    count = {c: sum(1 for f in kept if f.cls == c) for c in fnd.CLASS_ORDER}
    return grading.overall({m: g for m, g in ev.grades.items() if m not in metrics}, count[fnd.DEFICIENCY],
                           count[fnd.MUST_CORRECT], count[fnd.IMPROVEMENT])
