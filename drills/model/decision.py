"""The decision chain: monitored triggers → the role on duty → the level → the plan's actions.

Each trigger is met at a time computed from the hazard, becomes known after its detection delay,
and is handed to its owner. An absent owner is replaced by the first present backup after a
handover delay; a role decides after its decision delay. An *automatic* trigger skips people and
starts its level's actions at once, but for the reports (:data:`REPORTS`): the report to the county
(《生产安全事故报告和调查处理条例》 第九条) and the notices to the township and the village heads are made by a
person, so each waits for its own post's decision as if another post had declared the level. Actions run
in the order the plan's ``after`` lists allow; an action owned by another post waits for that post's own
decision.

Levels only rise. Declaring a level also takes the steps of the lower levels not declared before it (a red
response stops entry even if the orange warning came later or never, or its post was absent or still deciding);
a lower level's trigger met after that, or a lower decision that ends after it, declares nothing.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import numpy as np

from drills.model.flood_season import LEVELS
from drills.model.spec import Action, Trigger

if TYPE_CHECKING:
    from drills.model.drill import Drill

INF = float("inf")
#: steps a person makes (a report is filed by the post that owns it, 条例 第九条): an automatic trigger starts the
#: warning and the evacuation, not these
REPORTS = ("notify_township", "notify_county", "notify_village_heads")


def decisions(d: Drill) -> Generator[Any, Any, Any]:
    """Process: scenario order, or the plan's triggers in the order they become known."""
    spec = d.spec
    env = d.env
    if spec.order_at_s is not None:
        yield env.timeout(spec.order_at_s)
        d.give_order("evacuate_underground", spec.order_channels, "the scenario")
        d.give_order("evacuate_downstream", spec.order_channels, "the scenario")
        return
    due = []
    for tr in spec.triggers:
        rng = d.rng_for("trigger:" + tr.id)
        t = trigger_time(d, tr)
        if t < INF:
            due.append((t + tr.detection_delay.sample(rng), t, tr.id, tr))
    due.sort(key=lambda x: (x[0], x[2]))
    for t_known, t_met, _, tr in due:
        if t_known > spec.duration_s:
            break
        if t_known > env.now:
            yield env.timeout(t_known - env.now)
        d.log("trigger", f"{tr.id} met ({tr.level})", t=t_met)
        if tr.level in d.levels_claimed or tr.level in d.levels_decided:
            continue
        d.levels_claimed.add(tr.level)
        env.process(_decide(d, tr, t_met))


def trigger_time(d: Drill, tr: Trigger) -> float:
    """When the trigger's condition is first met (inf if never)."""
    spec = d.spec
    if tr.quantity == "elapsed_s":
        return float(tr.threshold)
    if tr.quantity == "dam_breach":
        return d.breach_s
    season = spec.season
    if tr.quantity in ("met_warning", "monitoring_level", "mine_inflow_change", "rainfall_24h_mm", "overtopping"):
        if season is None:
            return INF
        if tr.quantity == "met_warning":
            return season.met_warning_s(tr.at_level or "red")
        if tr.quantity == "monitoring_level":
            return d.monitoring_first.get(tr.at_level or "red", INF)
        if tr.quantity == "mine_inflow_change":
            return season.inflow_change_s.get(tr.threshold, INF)
        if tr.quantity == "rainfall_24h_mm":
            return season.rainfall_24h_s(tr.threshold, spec.duration_s)
        return season.overtopping_s
    if tr.quantity == "water_depth_m":
        assert tr.node is not None
        inr = spec.inrush
        if inr is not None and (burst := inr.burst_at(tr.node)) is not None:  # the water bursts in right there
            return burst
        return float(d.water.node_time_depth(tr.node, max(tr.threshold, 1e-6)))
    inr = spec.inrush
    if inr is None:
        return INF
    # the inflow beyond the mine's usual inflow: the inrush's, and in a flood season the storm's extra water
    q = np.asarray(inr.hydro_m3ps) * d.inflow_factor * 3600.0
    if inr.unscaled_m3ps:  # the storm's water beside the inrush's, which the inrush's factor does not scale
        q = q + np.asarray(inr.unscaled_m3ps) * 3600.0
    q = q - inr.unpumped_m3ps * 3600.0
    ts = np.asarray(inr.hydro_t_s)
    if q[0] >= tr.threshold:
        return float(ts[0])
    for k in range(1, len(q)):
        if q[k] >= tr.threshold:
            f = (tr.threshold - q[k - 1]) / (q[k] - q[k - 1])
            return float(ts[k - 1] + f * (ts[k] - ts[k - 1]))
    return INF


def who_acts(d: Drill, role_id: str) -> Generator[Any, Any, Any]:
    """Find the first present holder of ``role_id`` or its backups, waiting out each handover.

    Returns (role id or None, that role's decision delay).
    """
    roles = d.spec.roles
    chain = [role_id, *roles[role_id].backups]
    for k, rid in enumerate(chain):
        role = roles[rid]
        present, delay, handover = d.role_draws(rid)
        if present and not d.role_absent(rid, d.env.now):
            return rid, delay
        d.log("absence", f"{role.title} absent")  # not a decision: the post is empty and the chain hands over
        if k + 1 < len(chain):
            yield d.env.timeout(handover)
    return None, 0.0


def _decide(d: Drill, tr: Trigger, t_met: float) -> Generator[Any, Any, Any]:
    """The trigger's post decides (or the trigger is automatic); then the steps of its level run, and beside them
    those of the lower levels not declared by then, which it declares with it."""
    if tr.automatic:
        who = "automatic"
    else:
        who, delay = yield from who_acts(d, tr.owner)
        if who is None:
            d.log("decision", f"nobody to decide on {tr.id}")
            return
        yield d.env.timeout(delay)
    if tr.level in d.levels_decided:  # a higher level was declared meanwhile and took this level's steps
        return
    d.log("decision", f"{tr.level} declared automatically by {tr.id}" if who == "automatic"
          else f"{d.spec.roles[who].title} declares {tr.level}")
    below = [lv for lv in LEVELS[: LEVELS.index(tr.level)] if lv not in d.levels_decided]
    d.levels_decided.update((*below, tr.level))
    by_level = d.spec.actions_by_level
    own = by_level.get(tr.level, ())
    env = d.env
    steps = []
    for lv in below:  # a lower level's step its own level repeats is done once
        extra = tuple(a for a in by_level.get(lv, ()) if not any(_repeats(b, a) for b in own))
        if extra:
            steps.append(env.process(_run_actions(d, extra, who, t_met, lv)))
    yield from _run_actions(d, own, who, t_met, tr.level)
    if steps:
        yield env.all_of(steps)


def _repeats(step: Action, lower: Action) -> bool:
    """``step`` repeats the lower level's step ``lower``: the same action by the same post, and, for an order that
    names its channels, every channel ``lower`` would start (a lower level's order to the village loudspeakers is
    not repeated by a higher level's to the sirens)."""
    if (step.action, step.owner) != (lower.action, lower.owner):
        return False
    return step.channels is None or (lower.channels is not None and set(lower.channels) <= set(step.channels))


def _run_actions(d: Drill, actions: tuple[Action, ...], decided_by: str, t_met: float,
                 level: str) -> Generator[Any, Any, Any]:
    env = d.env
    done = {a.id or f"#{k}": env.event() for k, a in enumerate(actions)}
    procs = []
    for k, a in enumerate(actions):
        procs.append(env.process(_act(d, a, decided_by, [done[x] for x in a.after if x in done],
                                      done[a.id or f"#{k}"], t_met, level)))
    if procs:
        yield env.all_of(procs)


def _act(d: Drill, action: Action, decided_by: str, after: list, done, t_met: float,
         level: str) -> Generator[Any, Any, Any]:
    env = d.env
    if after:
        yield env.all_of(after)
    actor = decided_by
    chain = (action.owner, *d.spec.roles[action.owner].backups)
    # another post acts, after its own decision; a report waits for its post even after an automatic trigger
    if (decided_by == "automatic" and action.action in REPORTS) or (
            decided_by != "automatic" and decided_by not in chain):
        who, delay = yield from who_acts(d, action.owner)
        if who is None:
            d.log("decision", f"nobody to carry out {action.action}")
            d.record_action(action, None, t_met, level)
            return
        yield env.timeout(delay)
        actor = who
    roles = d.spec.roles
    evacuate = action.action in ("evacuate_underground", "evacuate_downstream")
    if evacuate and actor in roles and not roles[actor].may_order_evacuation:
        # 防治水细则 Art. 6: the order needs someone who holds the evacuation authority; go up the backups
        d.log("decision", f"{roles[actor].title} may not order an evacuation")
        holders = [r for r in roles[actor].backups if roles[r].may_order_evacuation]
        if not holders:
            d.log("decision", f"nobody with the authority to give {action.action}")
            d.record_action(action, None, t_met, level)
            return
        who, delay = yield from who_acts(d, holders[0])
        if who is None or not roles[who].may_order_evacuation:
            d.log("decision", f"nobody with the authority to give {action.action}")
            d.record_action(action, None, t_met, level)
            return
        yield env.timeout(delay)
        actor = who
    title = roles[actor].title if actor in roles else "automatic trigger"
    if evacuate:
        d.give_order(action.action, action.channels, title)
    elif action.action == "stop_entry":
        d.entry_stopped_s = min(d.entry_stopped_s, env.now)
        d.log("action", f"entry underground stopped by {title}")
    else:
        d.log("action", f"{action.action} by {title}")
    d.record_action(action, env.now, t_met, level)
    done.succeed()
