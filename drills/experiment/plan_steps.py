"""Each plan step over the replications: due, done on time, done late, or not done — and why not.

One count per step, so that every finding, the figure of the drill's events, the evidence of a post and
the score M5 agree: each replication's steps are classified once, by
:func:`drills.experiment.readings.step_outcomes`. A step is **due** in a replication once a trigger of its
level is met (and, when it was not done, once its time limit has passed before the drill ends —
otherwise it is left out); it is **done** when its record has a time
(the figure's "in k/n" of the step's event counts these), **done late** when that time is beyond its
limit, and **not done** otherwise. Limits: the report to the county within the plan's deadline and never
more than 1 h (《生产安全事故报告和调查处理条例》 第九条); telling the township or the village heads within
the plan's deadline or, where it gives none, :data:`~drills.experiment.readings.LOCAL_NOTICE_LIMIT_S`
[P]; any other step within the plan's deadline, or never late where it gives none.

Why a step was not done, in this order: nobody declared its level (the trigger's owner and every backup
unreachable); its owner and every backup were unreachable (or none held the authority to order an
evacuation); it waited for an earlier step of the plan that was never done; it was still pending when
the drill ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from drills.experiment.readings import PlanFacts, step_after, step_limit, step_outcomes
from drills.model.records import DrillResult
from drills.model.spec import DrillSpec


@dataclass
class StepTally:
    """One plan step over the replications (see the module docstring).

    Attributes:
        level: the warning level whose actions hold the step.
        action: the action (``notify_county``...).
        owner: the post that owns it (role id).
        after: the actions it waits for.
        limit_s: its time limit after its trigger (None: the plan gives none and no rule applies).
        limit_is_plan: the limit is the plan's own (False: the law's hour or the [P] default).
        due: replications in which it was due.
        on_time, late, not_done: of those, done on time, done after its limit, not done.
        why: not done, by reason (keys of :data:`drills.experiment.readings.NOT_DONE_WHY`).
    """

    level: str
    action: str
    owner: str
    after: tuple[str, ...] = ()
    limit_s: float | None = None
    limit_is_plan: bool = True
    due: int = 0
    on_time: int = 0
    late: int = 0
    not_done: int = 0
    why: dict[str, int] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def failed(self) -> int:
        """Done late or not done."""
        return self.late + self.not_done


def tally_steps(results: Sequence[DrillResult], spec: DrillSpec, facts: PlanFacts) -> list[StepTally]:
    """Every step of every level, counted over the replications, in the plan's order."""
    tallies: dict[tuple[str, int], StepTally] = {}
    for level, acts in spec.actions_by_level.items():
        for k, act in enumerate(acts):
            limit, own = step_limit(act, facts)
            tallies[(level, k)] = StepTally(level, act.action, act.owner, step_after(act, acts), limit, own)
    for res in results:
        _count(res, spec, facts, tallies)
    return list(tallies.values())


def _count(res: DrillResult, spec: DrillSpec, facts: PlanFacts, tallies: dict[tuple[str, int], StepTally]) -> None:
    """Add one replication, classified as M5 classifies it (:func:`drills.experiment.readings.step_outcomes`)."""
    for o in step_outcomes(res, spec, facts):
        tally = tallies[(o.level, o.position)]
        tally.due += 1
        if o.status == "on_time":
            tally.on_time += 1
        elif o.status == "late":
            tally.late += 1
        else:
            tally.not_done += 1
            tally.why[o.why] = tally.why.get(o.why, 0) + 1


@dataclass(frozen=True)
class OrderMiss:
    """Why an order was not given in one replication, as M5 classifies its step (see the module docstring).

    Attributes:
        level, position: the order's step among the plan's actions (``plan.warning.actions_by_level``).
        owner: the post that owns it.
        why: a key of :data:`drills.experiment.readings.NOT_DONE_WHY`.
        waited: for ``waiting``, the earlier steps it waited for that were never done, each ``(position, action,
            owner, why)`` in the same level.
    """

    level: str
    position: int
    owner: str
    why: str
    waited: tuple[tuple[int, str, str, str], ...] = ()


def orders_not_given(results: Sequence[DrillResult], spec: DrillSpec, facts: PlanFacts,
                     orders: Sequence[str]) -> dict[str, dict[int, OrderMiss]]:
    """For each order (an action such as ``evacuate_downstream``), the replications in which a step giving it was
    due and not done, with why: the first such step, in the order the levels were declared."""
    out: dict[str, dict[int, OrderMiss]] = {o: {} for o in orders}
    for res in results:
        outcomes = step_outcomes(res, spec, facts)
        for o in outcomes:
            if o.action.action not in out or o.status != "not_done" or res.replication in out[o.action.action]:
                continue
            waited: tuple[tuple[int, str, str, str], ...] = ()
            if o.why == "waiting":
                ids = set(o.action.after)
                waited = tuple((w.position, w.action.action, w.action.owner, w.why) for w in outcomes
                               if w.level == o.level and w.action.id in ids and w.status == "not_done")
            out[o.action.action][res.replication] = OrderMiss(o.level, o.position, o.action.owner, o.why, waited)
    return out
