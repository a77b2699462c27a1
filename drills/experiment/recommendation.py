"""From a plan to its proved revisions: evaluate, find, generate, re-simulate, search, and grade the result.

:func:`recommend` is what ``drill recommend`` runs; :func:`compare_plans` is ``drill compare``.
"""

from __future__ import annotations

import functools
import math
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from drills import __version__
from drills.experiment import findings as fnd
from drills.experiment.bottlenecks import analyse
from drills.experiment.evaluation import Evaluation, evaluate, outcome_findings
from drills.experiment.exercise import ExerciseResult
from drills.experiment.i18n import Progress, Text
from drills.experiment.paired import PairedDiff, compare
from drills.experiment.revisions import DEFAULT_COSTS, Candidate, Context, generate, group_of, safe_way
from drills.experiment.robustness import DEFAULT_MAX_FAULTS, DEFAULT_REPLICATIONS
from drills.experiment.search import Lab, Selection, Trial, rank_trials
from drills.inputs.compile import load
from drills.inputs.loaded import Loaded
from drills.model.spec import DrillSpec

DEFAULT_BUDGET = 10.0  # [P] cost units


@dataclass(frozen=True)
class Applied:
    """A revision written into the revised plan, numbered R1, R2, … as its header, recommendations.md,
    recommendations.json, report.pdf and the terminal all number it: first those proved by re-simulation
    (in the order the search chose them), then the corrections on paper.

    Attributes:
        simulated: False for a correction on paper (such as a reporting deadline the rules require): made
            whatever the budget, not chosen for a simulated gain.
    """

    label: str
    candidate: Candidate
    simulated: bool

    def to_json(self) -> dict:
        c = self.candidate
        return {"label": self.label, "key": c.key, "title": c.title, "cost": c.cost, "simulated": self.simulated}


def applied(sel: Selection) -> tuple[Applied, ...]:
    """Every revision in the revised plan: the search's chosen ones, then those on paper."""
    return tuple(Applied(f"R{k}", c, not c.static) for k, c in enumerate((*sel.chosen, *sel.static), 1))


@dataclass(frozen=True)
class OutOfReach:
    """A place no revision of the warning reaches before the water: the plan's near field (the water there a
    median less than :data:`drills.experiment.findings.NEAR_FIELD_LEAD_S` after the first trigger is met), still
    warned late with the revisions made.

    Attributes:
        lead_s: the median from the first trigger met to the water there, over the people warned late (the
            baseline's finding).
        after_breach: every trigger of the plan is the breach itself, so the first one met is the breach.
        dam: the scenario is a dam break (what could protect them is said in its terms).
    """

    place: str
    lead_s: float
    after_breach: bool
    dam: bool


@dataclass(frozen=True)
class NoWay:
    """A place whose people still turn back in the revised plan, with no way on foot that stays
    :data:`~drills.experiment.revisions.ROUTE_SAFETY_S` ahead of the water when they set out
    (:func:`~drills.experiment.revisions.safe_way`): no new route can help them, only setting out sooner.

    Attributes:
        departed_s: the median time its people set out in the revised plan (NaN if none did).
        miner: the way sought is to the surface or a refuge; otherwise to an assembly point.
    """

    place: str
    departed_s: float
    miner: bool


@dataclass(frozen=True)
class Recommendation:
    """The baseline's evaluation, every candidate's trial, the chosen set and the revised plan."""

    baseline: Evaluation
    candidates: tuple[Candidate, ...]
    trials: tuple[Trial, ...]
    selection: Selection
    revised: Evaluation
    revised_text: str
    revised_name: str
    diff: str
    costs: dict[str, float]

    @property
    def budget(self) -> float:
        return self.selection.budget

    @property
    def applied(self) -> tuple[Applied, ...]:
        """Every revision in the revised plan, numbered (see :class:`Applied`)."""
        return applied(self.selection)

    @property
    def out_of_reach(self) -> tuple[OutOfReach, ...]:
        """The places no revision of the warning reaches before the water (see :class:`OutOfReach`): near field in
        the plan as it is, and still warned late in the revised plan."""
        still = {f.key for f in self.revised.findings if f.metric == "M2"}
        triggers = self.baseline.loaded.plan.warning.triggers
        after_breach = bool(triggers) and all(t.quantity == "dam_breach" for t in triggers)
        dam = self.baseline.spec.dam_break is not None
        return tuple(OutOfReach(f.facts["place"], f.facts["lead_p50_s"], after_breach, dam)
                     for f in self.baseline.findings
                     if f.kind == "m2_late" and f.facts.get("near_field") and f.key in still)

    @functools.cached_property
    def no_way(self) -> tuple[NoWay, ...]:
        """The places no new route can help (see :class:`NoWay`), from the revised plan's own run: its water and
        when its people set out (worked out once: the terminal, the reports and the JSON all say it)."""
        rev = self.revised
        turned = [f for f in rev.findings if f.kind == "turned_back"]
        if not turned:
            return ()
        ctx = Context.of(rev.loaded, rev.spec, rev.exercise.results, self.costs)
        places = dict.fromkeys(p for f in turned for p in f.targets.get("places", ()) if p in rev.spec.network.index)
        return tuple(NoWay(p, ctx.departed_s.get(p, math.nan), group_of(ctx, p) == "miner")
                     for p in places if safe_way(ctx, p) is None)

    def summary(self, lang: str = "en") -> str:
        """What the revised plan holds and what it cost, in one line (the terminal's last words), in ``lang``."""
        t = Text(lang)
        done = self.applied
        # a revision proved under the single fault it guards against says so: without it, it may change nothing
        proved = [t("rec_under", label=a.label, fault=cond) if (cond := getattr(a.candidate, "condition", None))
                  else a.label for a in done if a.simulated]
        paper = [a.label for a in done if not a.simulated]
        over = self.selection.spent > self.budget + 1e-9  # the corrections the rules require cost more than it
        spent = t("rec_spent_over" if over else "rec_spent", spent=self.selection.spent, budget=self.budget)
        if not done:
            return t("rec_none", spent=spent)
        parts = [t("rec_proved", labels=t("md_list_sep").join(proved)) if proved else t("rec_none_proved")]
        if paper:
            parts.append(t("rec_on_paper", labels=t("md_list_sep").join(paper)))
        n = len(done)
        return t("rec_one" if n == 1 else "rec_many", n=n, parts=t("rec_part_sep").join(parts), spent=spent)


def revised_name(plan_path: Path) -> str:
    return f"{plan_path.stem}.revised{plan_path.suffix or '.yaml'}"


#: the columns the revised plan's head comment keeps within
HEADER_WIDTH = 118


def _header(ev: Evaluation, sel: Selection, plan_path: Path, t: Text) -> str:
    """The comment at the head of the revised plan, in the language of ``t``."""
    lines = [t("hdr_revised", version=__version__, plan=plan_path.name, scenario=ev.spec.meta.scenario_id,
               seed=ev.exercise.seed, n=ev.replications),
             t("hdr_evidence"),
             t("hdr_budget", budget=sel.budget, spent=sel.spent)
             + t("hdr_over" if sel.spent > sel.budget + 1e-9 else "hdr_end")]
    for a in applied(sel):
        c = a.candidate
        lines.append(t("hdr_item", label=a.label, revision=c.key, cost=c.cost,
                       how="" if a.simulated else t("hdr_paper"), title=c.words(t.lang)))
    if not sel.chosen and not sel.static:
        lines.append(t("hdr_unchanged"))
    # within the width a plan is written to: a long line goes on at an indent, broken at spaces only
    return "\n".join(wrapped for line in "\n".join(lines).split("\n")
                     for wrapped in textwrap.wrap(line, HEADER_WIDTH, subsequent_indent="#     ",
                                                  break_long_words=False, break_on_hyphens=False)) + "\n"


def recommend(loaded: Loaded, *, budget: float = DEFAULT_BUDGET, replications: int | None = None,
              seed: int | None = None, workers: int = 1, fault_replications: int = DEFAULT_REPLICATIONS,
              max_faults: int = DEFAULT_MAX_FAULTS, costs: dict[str, float] | None = None,
              progress: Progress | None = None, lang: str = "en") -> Recommendation:
    """Evaluate the plan of ``loaded`` (a scenario with its site and plan, as :func:`drills.inputs.compile.load`
    gives them), generate revisions from its findings, prove each, choose a set within ``budget``. The revised
    plan's head comment is written in ``lang``.

    Raises:
        InputError: a revised plan is invalid.
    """
    costs = costs or dict(DEFAULT_COSTS)
    scenario = loaded.scenario_doc.path
    plan_path = loaded.plan_doc.path
    base = evaluate(loaded, replications=replications, seed=seed, workers=workers,
                    fault_replications=fault_replications, max_faults=max_faults, progress=progress)
    faults = {r.fault.name: r.fault for r in base.robustness.runs} if base.robustness else {}
    ctx = Context.of(loaded, base.spec, base.exercise.results, costs, frozenset(faults))
    candidates = generate(list(base.findings), ctx)

    def regenerate(rl: Loaded, rspec: DrillSpec, rex: ExerciseResult) -> list[Candidate]:
        found = fnd.rank(outcome_findings(rl, rspec, rex, analyse(rex)))
        rctx = Context.of(rl, rspec, rex.results, costs, frozenset(faults))
        return generate(found, rctx)

    with Lab(scenario, plan_path, replications=base.replications, seed=base.exercise.seed, workers=workers,
             faults=faults, progress=progress) as lab:
        singles = {c.key: lab.trial(c) for c in candidates}
        if progress:
            progress("progress_search")
        sel = lab.search(candidates, singles, budget, regenerate)
        tree = lab.text.copy()
        for c in (*sel.chosen, *sel.static):
            lab.text.apply(tree, c.edits)
        if sel.chosen or sel.static:
            lab.text.apply(tree, [("set", ("plan", "version"), f"{loaded.plan.version}-revised")])
        text = lab.text.render(tree, _header(base, sel, plan_path, Text(lang)))
        name = revised_name(plan_path)
        with tempfile.TemporaryDirectory(prefix="drill-revised-") as tmp:
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            revised_loaded = load(scenario, path)  # exactly what `drill validate` accepts
            if progress:
                progress("progress_revised")
            revised = evaluate(revised_loaded, replications=base.replications, seed=base.exercise.seed,
                               workers=workers, fault_replications=fault_replications, max_faults=max_faults)
        diff = lab.text.diff(text, name)
    trials = rank_trials([*singles.values(), *sel.later], sel.chosen)
    return Recommendation(base, tuple(candidates), tuple(trials), sel, revised, text, name, diff, costs)


@dataclass(frozen=True)
class PlanComparison:
    """Two plans in one scenario on the same random numbers."""

    a: Evaluation
    b: Evaluation
    diffs: dict[str, PairedDiff]

    @property
    def names(self) -> tuple[str, str]:
        """How plans A and B are named to the planner (without "A"/"B"): see :func:`plan_names`."""
        return plan_names(self.a, self.b)


def plan_names(a: Evaluation, b: Evaluation) -> tuple[str, str]:
    """Names that tell two plans apart: their file names (their paths if the names are the same), followed by
    each plan's id and version where those differ (a plan and its edited copy usually share both)."""
    pa, pb = (Path(ev.spec.meta.files.get("plan", "")) for ev in (a, b))
    files = (pa.name, pb.name) if pa.name != pb.name else (str(pa), str(pb))
    ids = tuple(f"{ev.spec.meta.plan_id} v{ev.spec.meta.plan_version}" for ev in (a, b))
    if ids[0] == ids[1]:
        return files
    return (f"{files[0]} ({ids[0]})", f"{files[1]} ({ids[1]})")


def compare_plans(la: Loaded, lb: Loaded, *, replications: int | None = None, seed: int | None = None,
                  workers: int = 1, fault_replications: int = DEFAULT_REPLICATIONS,
                  max_faults: int = DEFAULT_MAX_FAULTS, progress: Progress | None = None
                  ) -> PlanComparison:
    """Evaluate two plans (each loaded with the scenario, as :func:`drills.inputs.compile.load` gives them) on
    the same seed and replications, and pair their replications."""
    def of(plan: str) -> Progress | None:  # the progress of one plan, told which
        return None if progress is None else functools.partial(progress, plan=plan)

    a = evaluate(la, replications=replications, seed=seed, workers=workers, fault_replications=fault_replications,
                 max_faults=max_faults, progress=of("A"))
    b = evaluate(lb, replications=a.replications, seed=a.exercise.seed, workers=workers,
                 fault_replications=fault_replications, max_faults=max_faults, progress=of("B"))
    return PlanComparison(a, b, compare(list(a.readings), list(b.readings), a.spec.duration_s))
