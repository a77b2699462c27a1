"""Prove each revision by re-simulation, and find the best set within a budget.

Every candidate plan is written (with :mod:`drills.experiment.plan_edit`) to a temporary file and loaded
with the same loader and checks as ``drill validate`` — a candidate that does not validate is reported,
never run — then compiled and run with the baseline's seed and number of replications, so replication
``r`` of both meets the same people, water and channel luck (common random numbers). A candidate that
answers a single-fault finding (M6) is proved under that fault, and checked not to make the drill
without the fault significantly worse.

The search is greedy [P]: start from the plan as it is; in each round re-simulate the remaining
candidates (at most :data:`ROUND_WIDTH`: first those that helped alone, by gain per cost) on top of the
revisions already chosen, and add the one whose paired improvement of the objective is significant
(95 % CI below zero, and at least :data:`MIN_GAIN_PER_COST` per cost unit) and largest per cost unit, while
the budget lasts.
After each choice the revised plan's own bottlenecks are analysed again and the candidates they call
for join the pool: a revision often uncovers the next defect (once the order is automatic, the channels
that are too slow show). Corrections on paper that the rules require (a reporting deadline written into the
plan) are made whatever the budget and their simulated effect: a plan that breaks the rules is not a choice
left to cost. Their cost comes off the budget first; what is left goes to the revisions chosen for their gain.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from drills.experiment.exercise import ExerciseResult, run_exercise
from drills.experiment.i18n import Progress
from drills.experiment.paired import PairedDiff, compare
from drills.experiment.plan_edit import EditError, PlanText
from drills.experiment.readings import PlanFacts, Reading, read_all
from drills.experiment.revisions import Candidate
from drills.experiment.robustness import with_fault
from drills.inputs.compile import compile_drill, load
from drills.inputs.loaded import Loaded
from drills.inputs.problems import InputError
from drills.model.spec import DrillSpec, Fault

ROUND_WIDTH = 12  # [P] candidates re-simulated per greedy round
#: [P] the smallest gain worth a revision, per cost unit: a hundredth of a person per replication, or a minute
#: of warning
MIN_GAIN_PER_COST = 0.01
VERDICT_ORDER = ("better", "negligible", "no significant change", "no change", "worse", "invalid")


@dataclass(frozen=True)
class Trial:
    """A candidate re-simulated against a reference plan on the same random numbers.

    Attributes:
        diffs: paired differences under the candidate's condition (its fault, or none).
        plain: paired differences without the fault, for a candidate proved under one (else None).
        error: why the candidate could not be tried (its edits do not fit, or the plan does not validate).
    """

    candidate: Candidate
    diffs: dict[str, PairedDiff] = field(default_factory=dict)
    plain: dict[str, PairedDiff] | None = None
    error: str = ""

    @property
    def verdict(self) -> str:
        if self.error:
            return "invalid"
        v = self.diffs["objective"].verdict
        if v == "better" and self.plain is not None and self.plain["objective"].verdict == "worse":
            return "worse"
        if v == "better" and self.gain_per_cost < MIN_GAIN_PER_COST:
            return "negligible"
        return v

    @property
    def gain(self) -> float:
        """Mean reduction of the objective (people-equivalents per replication)."""
        return -self.diffs["objective"].mean_diff if self.diffs else 0.0

    @property
    def gain_per_cost(self) -> float:
        return self.gain / max(self.candidate.cost, 0.1)


@dataclass(frozen=True)
class Selection:
    """The greedy search's result."""

    chosen: tuple[Candidate, ...]
    steps: tuple[Trial, ...]  # the trial that admitted each chosen candidate, on top of the earlier ones
    static: tuple[Candidate, ...]
    spent: float
    budget: float
    combined: dict[str, PairedDiff]  # all chosen revisions against the plan as it is, no fault
    combined_under: dict[str, dict[str, PairedDiff]] = field(default_factory=dict)  # the same under each fault
    later: tuple[Trial, ...] = ()  # candidates found on the way, tried on top of the revisions chosen before them


class Lab:
    """Runs plans that differ from the baseline by some candidates, caching every run.

    Use as a context manager: candidate plans are written into a temporary folder removed on exit.
    """

    def __init__(self, scenario: str | Path, plan: str | Path, *, replications: int, seed: int, workers: int = 1,
                 faults: dict[str, Fault] | None = None, progress: Progress | None = None):
        self.scenario = Path(scenario)
        self.text = PlanText(plan)
        self.replications = replications
        self.seed = seed
        self.workers = workers
        self.faults = faults or {}
        self.progress = progress
        self._cache: dict[tuple[tuple[str, ...], str | None], list[Reading] | str] = {}
        self._tmp: tempfile.TemporaryDirectory | None = None
        self.duration_s = math.nan
        self.runs = 0

    def __enter__(self) -> Lab:
        self._tmp = tempfile.TemporaryDirectory(prefix="drill-revise-")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()

    # ------------------------------------------------------------------ plans
    def render(self, candidates: tuple[Candidate, ...] | list[Candidate], header: str = "") -> str:
        """The plan text with the candidates' edits (raises EditError if one does not fit)."""
        tree = self.text.copy()
        for c in candidates:
            self.text.apply(tree, c.edits)
        return self.text.render(tree, header)

    def readings(self, candidates: tuple[Candidate, ...], condition: str | None) -> list[Reading] | str:
        """Readings of the plan with ``candidates`` under ``condition``; a string if it cannot be run."""
        key = (tuple(sorted(c.key for c in candidates)), condition)
        if key in self._cache:
            return self._cache[key]
        out = self._run(candidates, condition)
        self._cache[key] = out if isinstance(out, str) else out[3]
        return self._cache[key]

    def state(self, candidates: tuple[Candidate, ...]) -> tuple[Loaded, DrillSpec, ExerciseResult] | None:
        """The loaded plan, drill and exercise of the plan with ``candidates`` (no fault), for new findings."""
        out = self._run(candidates, None)
        return None if isinstance(out, str) else out[:3]

    def _run(self, candidates: tuple[Candidate, ...], condition: str | None
             ) -> tuple[Loaded, DrillSpec, ExerciseResult, list[Reading]] | str:
        assert self._tmp is not None, "use Lab as a context manager"
        try:
            text = self.render(candidates)
        except EditError as exc:
            return f"the edits do not fit the plan: {exc}"
        self.runs += 1
        path = Path(self._tmp.name) / f"plan-{self.runs}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            loaded = load(self.scenario, path)
        except InputError as exc:
            return "the revised plan does not validate: " + "; ".join(f"{p.field}: {p.message}" for p in exc.problems)
        spec = compile_drill(loaded, replications=self.replications, seed=self.seed)
        self.duration_s = spec.duration_s
        run_spec = with_fault(spec, self.faults.get(condition) if condition else None)
        ex = run_exercise(run_spec, workers=self.workers)
        return loaded, spec, ex, read_all(ex.results, spec, PlanFacts.of(loaded, spec), ex.states)

    # ------------------------------------------------------------------ trials
    def trial(self, c: Candidate, on_top_of: tuple[Candidate, ...] = ()) -> Trial:
        """The paired effect of adding ``c`` to ``on_top_of``."""
        if self.progress:
            self.progress("progress_trying", candidate=c.key)
        ref = self.readings(on_top_of, c.condition)
        new = self.readings((*on_top_of, c), c.condition)
        if isinstance(ref, str):
            return Trial(c, error=ref)
        if isinstance(new, str):
            return Trial(c, error=new)
        diffs = compare(ref, new, self.duration_s)
        plain = None
        if c.condition is not None:
            ref0 = self.readings(on_top_of, None)
            new0 = self.readings((*on_top_of, c), None)
            if isinstance(ref0, str) or isinstance(new0, str):
                return Trial(c, error=ref0 if isinstance(ref0, str) else str(new0))
            plain = compare(ref0, new0, self.duration_s)
        return Trial(c, diffs, plain)

    def search(self, candidates: list[Candidate], singles: dict[str, Trial], budget: float,
               regenerate: Regenerate | None = None) -> Selection:
        """Greedy search for the best set within ``budget`` (see the module docstring).

        Args:
            regenerate: called with the plan as revised so far; returns the candidates its own findings call
                for (a revision can uncover the next bottleneck: once the order is automatic, the channels
                that are too slow show).
        """
        pool = [c for c in candidates if not c.static and singles[c.key].verdict not in ("worse", "invalid")]
        known = {c.key for c in candidates} | {c.change for c in candidates}
        chosen: list[Candidate] = []
        steps: list[Trial] = []
        tried: dict[str, Trial] = {}
        # the corrections the rules require, whatever the budget (they may spend more than it)
        static = sorted((c for c in candidates if c.static), key=lambda c: (c.cost, c.key))
        spent = sum(c.cost for c in static)
        while pool:
            groups = {c.group for c in chosen}
            fits = [c for c in sorted(pool, key=lambda c: _priority(c, singles))
                    if c.cost <= budget - spent + 1e-9 and c.group not in groups][:ROUND_WIDTH]
            if not fits:
                break
            trials = [self.trial(c, tuple(chosen)) for c in fits]
            tried.update({t.candidate.key: t for t in trials if t.candidate.key not in singles})
            good = [t for t in trials if t.verdict == "better"]
            if not good:
                break
            best = max(good, key=lambda t: (t.gain_per_cost, -len(t.candidate.key)))
            chosen.append(best.candidate)
            steps.append(best)
            spent += best.candidate.cost
            dropped = {t.candidate.key for t in trials if t.verdict in ("worse", "invalid", "no change")}
            pool = [c for c in pool if c is not best.candidate and c.group != best.candidate.group
                    and c.key not in dropped]
            if regenerate is not None:
                state = self.state(tuple(chosen))
                if state is not None:
                    fresh = [c for c in regenerate(*state)
                             if c.key not in known and c.change not in known and not c.static]
                    known |= {c.key for c in fresh} | {c.change for c in fresh}
                    pool += fresh
        combined = self._combined(tuple(chosen), None)
        under = {c.condition: self._combined(tuple(chosen), c.condition) for c in chosen if c.condition}
        return Selection(tuple(chosen), tuple(steps), tuple(static), spent, budget, combined, under,
                         tuple(tried.values()))

    def _combined(self, chosen: tuple[Candidate, ...], condition: str | None) -> dict[str, PairedDiff]:
        base = self.readings((), condition)
        final = self.readings(chosen, condition)
        if isinstance(base, str) or isinstance(final, str):
            return {}
        return compare(base, final, self.duration_s)


Regenerate = Callable[[Loaded, DrillSpec, ExerciseResult], list[Candidate]]


def _priority(c: Candidate, singles: dict[str, Trial]) -> tuple:
    """Candidates that helped alone first (by gain per cost), then new ones, then the rest."""
    t = singles.get(c.key)
    if t is None:
        return (1, -len(c.addresses), c.cost, c.key)
    return (0 if t.verdict == "better" else 2, -t.gain_per_cost, c.cost, c.key)


def rank_trials(trials: list[Trial], chosen: tuple[Candidate, ...]) -> list[Trial]:
    """Chosen revisions first (in the order chosen), then by verdict and gain per cost."""
    order = {c.key: k for k, c in enumerate(chosen)}
    return sorted(trials, key=lambda t: (order.get(t.candidate.key, len(order)), VERDICT_ORDER.index(t.verdict),
                                         -t.gain_per_cost, t.candidate.key))
