"""Running on until the grade is settled: more replications, in steps, while a life-safety check is unsettled.

The grade's life-safety checks compare the share of replications in which something went wrong (someone at
risk warned after the water, someone not safe when it came, a finding at one place) with the tail the grading
tolerates (:mod:`drills.experiment.tail`). With few replications such a comparison can be unsettled: the exact
95 % bounds on the share straddle the limit, and the class of the finding, or the gate, could go either way.
:func:`run_until_settled` then runs more replications of the same exercise until every such check is settled,
or until a ceiling the planner sets (``drill run --until-settled N``).

- Replication ``r`` draws from its own random streams, the same whatever the number of replications and of
  workers (:mod:`drills.experiment.exercise`), so the exercise it ends with is exactly the one ``drill run -n M``
  gives with the same seed and the ``M`` it reached: reproducible, and the report says how ``M`` was reached.
- Each step goes to the number of replications the unsettled checks need if their shares stayed as observed
  (:meth:`~drills.experiment.tail.TailCheck.replications_to_settle`, the largest of them), at least
  :data:`STEP_GROWTH` times the number already run, at most the ceiling. Checks whose share is too close to
  the limit to tell in practice do not drive a step.
- Deciding to go on after looking at the result (optional stopping) makes the final bounds somewhat less sure
  than their nominal 95 % (Armitage, McPherson & Rowe 1969, "Repeated significance tests on accumulating
  data", J. R. Stat. Soc. A 132: 235–244). The looks are few, as every step at least multiplies the
  replications by :data:`STEP_GROWTH`; the report states the steps.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from drills.experiment.evaluation import Evaluation, grade
from drills.experiment.exercise import ExerciseResult, iter_replications
from drills.inputs.loaded import Loaded

#: each step runs at least this many times the replications already run, so that the looks at the result stay
#: few (at most about 7 from 500 to 10 000) [P]
STEP_GROWTH = 1.5


@dataclass(frozen=True)
class Settling:
    """How the number of replications of an exercise was reached.

    Attributes:
        asked: the replications asked for (the first look).
        ceiling: the most replications the planner allowed.
        steps: the number of replications at each look, ``asked`` first and the final number last.
        unsettled: the life-safety checks still unsettled at the last look (0: the grade is settled).
        why: why it stopped: "settled"; "ceiling" (unsettled checks left at the ceiling); "too_close" (the
            unsettled checks left are too close to the tolerated tail to tell in practice).
    """

    asked: int
    ceiling: int
    steps: tuple[int, ...]
    unsettled: int
    why: str

    @property
    def replications(self) -> int:
        return self.steps[-1]


def unsettled_needs(ev: Evaluation) -> list[int | None]:
    """For each unsettled life-safety check of a grade (gates M2 and M3 with a tail check, then findings), the
    replications that would settle it at its present share; None where that cannot be told in practice."""
    needs: list[int | None] = [g.tail.replications_to_settle() for g in ev.grades.values()
                               if g.tail is not None and not g.tail.settled]
    needs += [f.numbers.get("replications_to_settle") for f in ev.findings if f.numbers.get("tail") == "unsettled"]
    return needs


def run_until_settled(loaded: Loaded, ex: ExerciseResult, *, ceiling: int, workers: int = 1,
                      on_step: Callable[[int, int, int], None] | None = None,
                      progress: Callable[[int], None] | None = None) -> ExerciseResult:
    """The exercise, run on from its replications in steps until its grade's life-safety checks are settled or
    ``ceiling`` replications are reached; with its :class:`Settling`.

    Args:
        loaded: the input files the exercise ran (for the grade).
        ex: the exercise run so far (replications ``0 .. n-1``).
        ceiling: the most replications in all.
        workers: processes to use for the further replications.
        on_step: called before each step with the replications run so far, the unsettled checks and the
            replications the step goes to.
        progress: called with the number of replications finished so far, during each step.
    """
    spec = ex.spec
    steps = [ex.replications]
    while True:
        needs = unsettled_needs(grade(loaded, spec, ex, None))
        known = [x for x in needs if x is not None]
        n = ex.replications
        why = "settled" if not needs else "too_close" if not known else "ceiling" if n >= ceiling else ""
        if why:
            return ex.extended(settling=Settling(steps[0], ceiling, tuple(steps), len(needs), why))
        target = min(ceiling, max(max(known), math.ceil(STEP_GROWTH * n)))
        if on_step is not None:
            on_step(n, len(needs), target)
        more = []
        for k, res in enumerate(iter_replications(spec, replications=target - n, seed=ex.seed, workers=workers,
                                                  first=n), n + 1):
            more.append(res)
            if progress is not None:
                progress(k)
        ex = ex.extended(more)
        steps.append(target)
