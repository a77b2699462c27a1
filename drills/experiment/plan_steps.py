"""Each plan step over the replications: due, done on time, done late, or not done — and why not.

One count per step, so that every finding, the figure of the drill's events and the evidence of a post
agree: a step is **due** in a replication once a trigger of its level is met (and, when it was not done,
once its time limit has passed before the drill ends — otherwise it is left out, as
:mod:`drills.experiment.readings` leaves it out of M5); it is **done** when its record has a time
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

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from drills.experiment.readings import (
    COUNTY_REPORT_LIMIT_S,
    LOCAL_NOTICE_LIMIT_S,
    LOCAL_NOTICES,
    STEP_GRACE_S,
    PlanFacts,
    declared_steps,
)
from drills.model.records import DrillResult
from drills.model.spec import Action, DrillSpec

NOT_DONE_WHY = ("nobody_declared", "unreachable", "waiting", "pending")


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
        why: not done, by reason (keys of :data:`NOT_DONE_WHY`).
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


def step_limit(act: Action, facts: PlanFacts) -> tuple[float | None, bool]:
    """A step's time limit (s after its trigger) and whether it is the plan's own."""
    plan = act.deadline_s if act.deadline_s is not None else facts.deadlines.get((act.action, act.owner))
    if act.action == "notify_county":
        if plan is not None and plan <= COUNTY_REPORT_LIMIT_S:
            return plan, True
        return COUNTY_REPORT_LIMIT_S, False
    if act.action in LOCAL_NOTICES and plan is None:
        return LOCAL_NOTICE_LIMIT_S, False
    return plan, True


def tally_steps(results: Sequence[DrillResult], spec: DrillSpec, facts: PlanFacts) -> list[StepTally]:
    """Every step of every level, counted over the replications, in the plan's order."""
    tallies: dict[tuple[str, int], StepTally] = {}
    for level, acts in spec.actions_by_level.items():
        for k, act in enumerate(acts):
            limit, own = step_limit(act, facts)
            after = tuple(next((b.action for b in acts if b.id == x), x) for x in act.after)
            tallies[(level, k)] = StepTally(level, act.action, act.owner, after, limit, own)
    for res in results:
        _count(res, spec, facts, tallies)
    return list(tallies.values())


def _count(res: DrillResult, spec: DrillSpec, facts: PlanFacts, tallies: dict[tuple[str, int], StepTally]) -> None:
    """Add one replication (records are matched to steps as :func:`drills.experiment.readings.read` does)."""
    declared, nobody, records = declared_steps(res, facts)
    for level, t_met in declared.items():
        acts = spec.actions_by_level.get(level, ())
        recs = [records.get((a.action, a.owner), [None]).pop(0) if records.get((a.action, a.owner)) else None
                for a in acts]
        done = {a.action: r is not None and not math.isnan(r.done_s) for a, r in zip(acts, recs, strict=True)}
        for k, (act, rec) in enumerate(zip(acts, recs, strict=True)):
            tally = tallies[(level, k)]
            if rec is None:
                if level in nobody:
                    why = "nobody_declared"
                elif spec.duration_s - t_met > (tally.limit_s if tally.limit_s is not None else STEP_GRACE_S):
                    why = "waiting" if any(not done.get(b, True) for b in tally.after) else "pending"
                else:
                    continue  # its time had not come when the drill ended
                tally.due += 1
                tally.not_done += 1
                tally.why[why] = tally.why.get(why, 0) + 1
                continue
            tally.due += 1
            if not done[act.action]:
                tally.not_done += 1
                tally.why["unreachable"] = tally.why.get("unreachable", 0) + 1
            elif tally.limit_s is None or rec.done_s - rec.trigger_s <= tally.limit_s:
                tally.on_time += 1
            else:
                tally.late += 1
