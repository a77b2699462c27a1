"""Findings: every failed check, classed, with its evidence, the clause it concerns and what would fix it.

Classes follow the Chinese drill-evaluation practice under AQ/T 9009-2015, as taught in the Chinese training
literature (the standard itself sets no classes): **不足项** (deficiency —
preparedness could fail to protect life), **整改项** (must be corrected before the next drill),
**改进项** (improvement). A life-safety check (M2, M3, M6 gates; entry during a red warning) that fails
in more than 5 % of the replications is a 不足项; the same defect seen in fewer replications is an
改进项 (it shows, but within the tail the grade tolerates) [P]. Each such finding also gives exact binomial
bounds on that share and says whether its number of replications settles the class
(:mod:`drills.experiment.tail`).

Each finding names the requirement (``standard``) and the part of the plan it concerns (``plan_ref``,
``file:line``), carries its evidence in words and numbers, and lists the revision kinds that address
it (:mod:`drills.experiment.revisions`); ``targets`` tells the revision generator where.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from drills.experiment.bottlenecks import (
    CAUSE_TEXT,
    CAUSE_WORDS,
    UNSAFE_REASONS,
    Bottlenecks,
    Medians,
    PlaceWarning,
    RouteFlood,
    TailStep,
)
from drills.experiment.grading import INTERNAL_REPORT_LIMIT_S as INTERNAL_LIMIT
from drills.experiment.grading import MetricGrade
from drills.experiment.plan_steps import StepTally
from drills.experiment.readings import LOCAL_NOTICE_LIMIT_S, Reading
from drills.experiment.robustness import Robustness
from drills.experiment.tail import TAIL_SHARE, TailCheck, pct
from drills.experiment.units import fmt_value
from drills.inputs.loaded import Loaded

DEFICIENCY, MUST_CORRECT, IMPROVEMENT = "不足项", "整改项", "改进项"
CLASS_EN = {DEFICIENCY: "deficiency", MUST_CORRECT: "must-correct", IMPROVEMENT: "improvement"}
CLASS_ORDER = (DEFICIENCY, MUST_CORRECT, IMPROVEMENT)
METRIC_ORDER = ("M2", "M3", "M7", "M6", "M1", "M5", "M4", "M8")
#: [P] places the water reaches this soon after the first trigger are the near field no decision chain can warn
NEAR_FIELD_LEAD_S = 180.0

STANDARD = {
    "M1": "GB/T 29639-2020 §3.1.2 信息处置与研判 (start automatically when the conditions are met); AQ/T 9009-2015 "
          "附录A 预警与信息报告; NMSA 2023 及时撤人通知",
    "M2": "2023 中办国办《关于进一步加强矿山安全生产工作的意见》: the emergency order reaches all people in the "
          "affected area at the first moment; AQ/T 2052-2016 5.4.1; GB/T 29639-2020 §5 通信与信息保障",
    "M2-valley": "2023 Opinions (all people at the first moment); Res. ANM 95/2022 art. 2º LI (self-rescue zone: "
                 "warning is the operator's job); GISTM 13.1; GB/T 29639-2020 §3.1.1 public notification",
    "M3": "AQ 2033-2011 4.2 (撤离优先，避险就近) and 4.6 (shelter for those who cannot reach safety in time); "
          "AQ/T 9009-2015 附录A 人员保护",
    "M4": "《生产安全事故报告和调查处理条例》 第九条 (county within 1 h); GB/T 29639-2020 §3.1.1 信息接报 (time "
          "limit and responsible person); AQ/T 9009-2015 附录A 1.7",
    "M5": "AQ/T 9009-2015 附录A 事故处置 (符合预案要求) and 指挥和协调 4.6 (back-ups for key posts); GB/T "
          "29639-2020 §2 应急组织机构及职责",
    "M6": "AQ/T 2052-2016 5.4.3 (backup power switches in on mains loss); AQ/T 9009-2015 附录A 应急通讯 and 4.6; "
          "GISTM 13.2",
}

LOCAL_TEXT = f"{LOCAL_NOTICE_LIMIT_S / 60:g} min [P]"

#: revision kinds that address each cause of a late warning (see drills.experiment.revisions)
WARNING_REMEDIES = {
    "trigger": ("lower_threshold", "pre_authorise"),
    "decision": ("make_automatic", "delegate_order", "pre_authorise", "name_backup"),
    "coverage": ("add_siren", "extend_coverage", "move_siren", "add_door_to_door", "add_channel"),
    "channel_out": ("add_battery", "extend_coverage", "add_channel", "add_door_to_door", "add_siren"),
    "activation": ("add_siren", "add_channel", "add_door_to_door"),
    "receipt": ("add_door_to_door", "add_siren", "add_channel"),
}
SAFETY_REMEDIES = {
    "late_warning": WARNING_REMEDIES["decision"] + WARNING_REMEDIES["coverage"],
    "did_not_leave": ("pre_authorise", "add_door_to_door", "make_automatic"),
    "caught_on_route": ("change_route", "ladderway_route", "add_refuge", "hoist_priority", "change_assembly_point"),
    "sheltered_in_flood": ("add_door_to_door", "change_assembly_point", "pre_authorise"),
    "not_out": ("hoist_priority", "ladderway_route", "change_route", "add_refuge", "pre_authorise"),
}


@dataclass(frozen=True)
class Finding:
    """One failed check.

    Attributes:
        key: stable identifier, e.g. ``M2:xc_river``.
        metric: M1–M8.
        cls: 不足项, 整改项 or 改进项.
        title: one line naming the defect.
        evidence: the evidence in words (who, where, when, in how many replications).
        standard: the requirement and its clause.
        plan_ref: the plan element and its line, ``file:line field``.
        remedies: revision kinds that address it.
        targets: where the remedies apply (places, channels, roles, routes, triggers, fault).
        numbers: the evidence as numbers.
        weight: for ranking: people affected per replication times the share of replications.
    """

    key: str
    metric: str
    cls: str
    title: str
    evidence: str
    standard: str
    plan_ref: str
    remedies: tuple[str, ...] = ()
    targets: dict[str, Any] = field(default_factory=dict)
    numbers: dict[str, Any] = field(default_factory=dict)
    weight: float = 0.0

    @property
    def cls_en(self) -> str:
        return CLASS_EN[self.cls]

    def to_json(self) -> dict:
        d = asdict(self)
        d["class"] = d.pop("cls")
        d["class_en"] = self.cls_en
        return _clean(d)


def _clean(x: Any) -> Any:
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple | set):
        return [_clean(v) for v in x]
    return x


def rank(findings: list[Finding]) -> list[Finding]:
    """Most serious first: class, then metric (life safety first), then people affected."""
    return sorted(findings, key=lambda f: (CLASS_ORDER.index(f.cls), METRIC_ORDER.index(f.metric), -f.weight,
                                          f.key))


def plan_ref(loaded: Loaded, loc: tuple, label: str = "") -> str:
    """``file:line field`` of a plan element."""
    doc = loaded.plan_doc
    line = doc.line_of(("plan", *loc))
    name = ".".join(str(x) for x in loc)
    return f"{doc.path.name}:{line} plan.{name}" + (f" ({label})" if label else "")


def index_of(items: list, ident: str) -> int | None:
    return next((k for k, x in enumerate(items) if getattr(x, "id", None) == ident), None)


def _clock(t: float) -> str:
    return fmt_value(t, "s")


def _when(k: int, n: int, total: int, most: int, what: str) -> str:
    """How often something happened to people, and to how many when it did: the average is over the
    replications in which it happened, never over all of them."""
    share = "every one" if k == n else f"{k}"
    avg = total / k if k else 0.0
    many = f"{avg:.1f} people on average (up to {most})" if most > 1 else "1 person"
    return f"In {share} of {n} replications ({pct(k / n)}) {what}; when it happened, {many}."


def place_label(place: str, zone: str) -> str:
    """A place with its zone, the zone left out where it is the place itself."""
    return place if zone in ("", place) else f"{place} ({zone})"


#: the plan's actions in a planner's words
ACTION_WORDS = {
    "evacuate_underground": "the order to withdraw from underground",
    "evacuate_downstream": "the order to evacuate below the dam",
    "stop_entry": "stopping entry underground",
    "notify_township": "telling the township",
    "notify_county": "the report to the county",
    "notify_village_heads": "telling the village heads",
}
REPORTING = ("notify_county", "notify_township", "notify_village_heads")
ORDER_WORDS = {"underground": "the withdrawal from underground", "downstream": "the downstream evacuation"}


def action_words(action: str) -> str:
    return ACTION_WORDS.get(action, action.replace("_", " "))


def role_title(loaded: Loaded, role: str) -> str:
    """A post by the title the plan gives it."""
    if role == "automatic":
        return "an automatic trigger"
    return next((r.title for r in loaded.plan.roles if r.id == role), role)


# ------------------------------------------------------------------ M2 reach
def _warning_ref(loaded: Loaded, w: PlaceWarning) -> str:
    plan = loaded.plan
    cause = w.main_cause
    if cause in ("decision", "trigger"):
        order = "evacuate_underground" if w.group == "miner" else "evacuate_downstream"
        for level, acts in plan.warning.actions_by_level.items():
            for k, a in enumerate(acts):
                if a.action == order:
                    trig = [t.id for t in plan.warning.triggers if t.level == level]
                    return plan_ref(loaded, ("warning", "actions_by_level", level, k),
                                    f"{order} by {a.owner}; triggers {', '.join(trig) or 'none'}")
        return plan_ref(loaded, ("warning",), f"no {order} action in any level")
    first = index_of(plan.channels, w.channels[0]) if w.channels else None
    if first is not None:
        return plan_ref(loaded, ("channels", first), ", ".join(w.channels))
    return plan_ref(loaded, ("channels",), f"no channel reaches {w.place}")


def life_safety_class(failed: int, n: int) -> tuple[str, TailCheck]:
    """The class of a life-safety finding seen in ``failed`` of ``n`` replications (不足项 beyond the tolerated
    tail, 改进项 within it, on the observed share) and how sure that share is."""
    return (DEFICIENCY if failed / n > TAIL_SHARE else IMPROVEMENT), TailCheck(failed, n)


def tail_numbers(tail: TailCheck) -> dict[str, Any]:
    """A life-safety finding's share against the tolerated tail, for its numbers (see drills.experiment.tail)."""
    return {"share_at_least": tail.at_least, "share_at_most": tail.at_most, "tail": tail.verdict,
            "replications_to_settle": tail.replications_to_settle()}


def _cause_times(cause: str, m: Medians) -> str:
    """The medians behind one cause of a late warning, in words."""
    if cause in ("decision", "trigger"):
        trig = f"first trigger met {_clock(m.trigger_s)}, " if cause == "decision" else "no trigger met before, "
        order = "order never given" if math.isnan(m.order_s) else f"order {_clock(m.order_s)}"
        return f"{trig}water first at the place {_clock(m.water_s)}, {order}"
    return f"order {_clock(m.order_s)}, water first at the place {_clock(m.water_s)}"


def warning_title(w: PlaceWarning) -> str:
    """A late-warning finding's title: what happened, with the times it happened at."""
    cause = w.main_cause
    m = w.by_cause.get(cause)
    head = f"{place_label(w.place, w.zone)}: people at risk warned after the water"
    if cause == "decision" and m is not None and math.isnan(m.order_s):  # none of them had an order at all
        return (f"{head} — the order was never given, though a trigger was met before the water (first trigger "
                f"met {_clock(m.trigger_s)}, water {_clock(m.water_s)}; medians)")
    if cause == "decision" and m is not None:
        return (f"{head} — the order came after the water (first trigger met {_clock(m.trigger_s)}, water "
                f"{_clock(m.water_s)}, order {_clock(m.order_s)}; medians)")
    return f"{head} — {CAUSE_TEXT[cause]}"


def warning_findings(bn: Bottlenecks, n: int, loaded: Loaded) -> list[Finding]:
    """M2: one finding per place whose people at risk are warned after the water (or never)."""
    out = []
    valley = any(w.group == "resident" for w in bn.warnings)
    for w in bn.warnings:
        if not w.late:
            continue
        share = w.late_replications / n
        cls, tail = life_safety_class(w.late_replications, n)
        cause = w.main_cause
        ranked = sorted(w.causes.items(), key=lambda x: -x[1])
        causes = "; ".join(f"{CAUSE_WORDS[c]} {v / w.late:.0%} ({_cause_times(c, w.by_cause[c])})"
                           for c, v in ranked if c in w.by_cause)
        evidence = (_when(w.late_replications, n, w.late, w.most,
                          f"people at {place_label(w.place, w.zone)} (of {w.people} there) were not warned by "
                          "the order before the water reached them")
                    + f" Why, with the medians over the people each applies to (times from the start of the "
                      f"scenario): {causes}. Channels that reach the place: {', '.join(w.channels) or 'none'}.")
        if w.lead_p50_s < NEAR_FIELD_LEAD_S:
            evidence += (f" The water reaches the place a median {_clock(w.lead_p50_s)} after the first trigger is "
                         "met: only an automatic start with an instant channel, or nobody living there, protects this "
                         "near field (Brumadinho 2019; Res. ANM 95/2022 self-rescue zone).")
        evidence += " " + tail.describe()
        out.append(Finding(
            key=f"M2:{w.place}", metric="M2", cls=cls, title=warning_title(w),
            evidence=evidence, standard=STANDARD["M2-valley" if valley and w.group == "resident" else "M2"],
            plan_ref=_warning_ref(loaded, w), remedies=WARNING_REMEDIES[cause],
            targets={"places": [w.place], "zone": w.zone, "group": w.group, "cause": cause, "causes": w.causes,
                     "channels": list(w.channels)},
            numbers={"late_person_replications": w.late, "late_replications": w.late_replications,
                     "most_late_in_one_replication": w.most, "replications": n, "people": w.people,
                     "water_p50_s": w.water_p50_s, "order_p50_s": w.order_p50_s,
                     "by_cause": {c: asdict(m) for c, m in w.by_cause.items()},
                     "first_warned_by": w.first_warned_by, **tail_numbers(tail)},
            weight=w.late / n * share))
    return out


def reach_time_finding(grade: MetricGrade, bn: Bottlenecks, loaded: Loaded) -> list[Finding]:
    """M2 graded B–D without a failed gate: the order reaches everyone, but slowly."""
    if grade.gate is False or grade.grade in ("A", "–"):
        return []
    slow = [w for w in bn.warnings if w.never]
    places = [w.place for w in slow][:5]
    cls = MUST_CORRECT if grade.grade == "D" else IMPROVEMENT
    return [Finding(
        key="M2:time", metric="M2", cls=cls,
        title=f"The last person is warned {_clock(grade.value)} after the order (P95; grade {grade.grade})",
        evidence=(f"P95 over replications of the last person warned after the order: {_clock(grade.value)}. "
                  f"Places where someone was never warned by the order in some replication: "
                  f"{', '.join(places) or 'none'}."),
        standard=STANDARD["M2"], plan_ref=plan_ref(loaded, ("channels",)),
        remedies=("add_channel", "extend_coverage", "add_door_to_door", "add_siren", "add_battery"),
        targets={"places": places, "cause": "receipt"}, numbers={"t100_p95_s": grade.value},
        weight=float(len(places)))]


# ------------------------------------------------------------------ M3 safety
def _left(m: Medians) -> str:
    if m.never_left == m.people:
        return "never left"
    return f"left at {_clock(m.departed_s)}" + (f" ({m.never_left} never left)" if m.never_left else "")


def _reason_text(key: str, m: Medians, place: str) -> str:
    """One reason people were not safe, with the medians over the people it applies to (``key``: a reason,
    ``:source`` appended for the people at the hazard's source)."""
    reason, _, source = key.partition(":")
    k = m.people
    were = "was" if k == 1 else "were"
    caught = (f"; the water caught them (too deep to go on) at {_clock(m.caught_s)}" if not math.isnan(m.caught_s)
              else "")
    if source:
        return f"{k} {were} at the source of the water (wet from the first moment) and {_left(m)}{caught}"
    if reason == "caught_on_route":
        return (f"{k} left at {_clock(m.departed_s)}, before the water first reached {place} ({_clock(m.water_s)}), "
                f"but {were} caught on the way (too deep to go on) at {_clock(m.caught_s)}, where the water had first "
                f"come at {_clock(m.water_there_s)}")
    if reason == "late_warning":
        return (f"{k} {were} not warned by the order before the water reached {place} (order "
                f"{_clock(m.order_s)}, water {_clock(m.water_s)})")
    if reason == "did_not_leave":
        return (f"{k} {were} warned in time ({_clock(m.warned_s)}) but had not left when the water reached {place} "
                f"({_clock(m.water_s)}; {_left(m)})")
    if reason == "sheltered_in_flood":
        return f"{k} sheltered upstairs in a house the flood reached (water {_clock(m.water_s)})"
    return f"{k} {were} still underground when the drill ended (water at {place} {_clock(m.water_s)})"


def safety_findings(bn: Bottlenecks, n: int, loaded: Loaded) -> list[Finding]:
    """M3: one finding per starting place whose people were not safe before the water."""
    out = []
    plan = loaded.plan
    cause_at = {w.place: w.main_cause for w in bn.warnings if w.late}
    for f in bn.route_floods:
        share = f.replications / n
        cls, tail = life_safety_class(f.replications, n)
        reason = f.main_reason
        where = ", ".join(f"{k} ({v})" for k, v in sorted(f.caught_at.items(), key=lambda x: -x[1])[:3])
        k = index_of(plan.evacuation.routes, f.route) if f.route else None
        ref = plan_ref(loaded, ("evacuation", "routes", k), f.route) if k is not None else plan_ref(
            loaded, ("evacuation",), f"no route from {f.place}")
        route_text = f"route {f.route}" if f.route else "no planned route"
        main = max(f.by_reason.items(), key=lambda x: (x[1].people, x[0]))[0] if f.by_reason else reason
        why = "at the source of the water, not safe before it caught them" if main.endswith(":source") \
            else UNSAFE_REASONS[reason]
        out.append(Finding(
            key=f"M3:{f.place}", metric="M3", cls=cls,
            title=f"{place_label(f.place, f.zone)}: people not safe when the water came — {why}",
            evidence=(_when(f.replications, n, f.unsafe, f.most,
                            f"people starting at {f.place} ({route_text}) were not safe when the water came")
                      + f" Of the {f.unsafe} person-replications: {_reasons(f)} (medians over the people each "
                        f"applies to; times from the start of the scenario). Where the water found them: {where}. "
                        f"{tail.describe()}"),
            standard=STANDARD["M3"], plan_ref=ref,
            remedies=WARNING_REMEDIES[cause_at[f.place]] if reason == "late_warning" and f.place in cause_at
            else SAFETY_REMEDIES[reason],
            targets={"places": [f.place], "zone": f.zone, "route": f.route, "reason": reason,
                     "caught_at": f.caught_at},
            numbers={"unsafe_person_replications": f.unsafe, "replications_with_unsafe": f.replications,
                     "most_unsafe_in_one_replication": f.most, "replications": n, "reasons": f.reasons,
                     "by_reason": {r: asdict(m) for r, m in f.by_reason.items()}, "caught_at": f.caught_at,
                     "on_planned_route": f.on_planned_route, **tail_numbers(tail)},
            weight=f.unsafe / n * share))
    return out


def _reasons(f: RouteFlood) -> str:
    parts = []
    for key, m in sorted(f.by_reason.items(), key=lambda x: (-x[1].people, x[0])):
        parts.append(_reason_text(key, m, f.place))
    return "; ".join(parts)


def queue_findings(bn: Bottlenecks, loaded: Loaded) -> list[Finding]:
    """Where people queue: cages with long queues, assembly points or refuges over capacity [P]."""
    out = []
    spec_hoists = {h.id: h for h in loaded.site.hoists}
    for h in bn.hoists:
        cap = spec_hoists[h.hoist].cage_capacity_persons * spec_hoists[h.hoist].decks
        if h.p95_queue >= 2 * cap:  # [P] two cage loads waiting
            out.append(Finding(
                key=f"M3:queue:{h.hoist}", metric="M3", cls=IMPROVEMENT,
                title=f"Up to {h.p95_queue:.0f} people queue for the cage {h.hoist} (P95; {cap} per trip)",
                evidence=(f"P95 of the longest queue {h.p95_queue:.0f} persons; median wait of those who rode "
                          f"{_clock(h.p50_wait_s)}; cage busy {h.p95_utilisation:.0%} of the evacuation window (P95)."),
                standard=STANDARD["M3"], plan_ref=plan_ref(loaded, ("evacuation", "hoist_priority")),
                remedies=("hoist_priority", "ladderway_route"), targets={"hoist": h.hoist},
                numbers={"p95_queue": h.p95_queue, "p50_wait_s": h.p50_wait_s}, weight=h.p95_queue / 100))
    for d in bn.destinations:
        if d.capacity is not None and d.p95_people > d.capacity:
            out.append(Finding(
                key=f"M3:capacity:{d.node}", metric="M3", cls=MUST_CORRECT,
                title=f"{d.node} receives more people than it holds ({d.p95_people:.0f} > {d.capacity}, P95)",
                evidence=f"P95 over replications of the people ending at {d.node}: {d.p95_people:.0f}; "
                         f"capacity {d.capacity}.",
                standard="AQ 2033-2011 5.4 (capacity ≥ the headcount it serves)",
                plan_ref=plan_ref(loaded, ("evacuation",)), remedies=("change_assembly_point", "change_route"),
                targets={"node": d.node}, numbers={"p95_people": d.p95_people, "capacity": d.capacity},
                weight=d.p95_people - d.capacity))
    return out


# ------------------------------------------------------------------ M1 latency
STEP_WORDS = {"detect and declare": "detection and declaration", "give the order": "giving of the order"}


def _tail_text(t: TailStep, loaded: Loaded) -> tuple[str, str]:
    """The post and step that set the tail of the order latency: a clause for the title, a sentence for the
    evidence."""
    who = role_title(loaded, t.role)
    order = ORDER_WORDS.get(t.order, t.order)
    if t.step.startswith("wait for "):
        what = action_words(t.step.removeprefix("wait for "))
        clause = f"the order waits for {what} by {who}, never done"
        sentence = (f"the order for {order} waited for {what} by {who}, which nobody carried out, in "
                    f"{t.replications} of them")
    elif t.never:
        doing = "declare the level" if t.step == "detect and declare" else "give the order"
        clause = f"nobody could {doing} ({who} and every backup unreachable)"
        sentence = (f"nobody could {doing} for {order} ({who} and every backup unreachable) in {t.never} of them")
    else:
        clause = f"{who}'s {STEP_WORDS.get(t.step, t.step)} takes longest"
        sentence = (f"{who}'s {STEP_WORDS.get(t.step, t.step)} ({order}) took the longest of the steps in "
                    f"{t.replications} of them (median {_clock(t.step_p50_s)} there)")
    return clause, sentence


def latency_finding(grade: MetricGrade, bn: Bottlenecks, loaded: Loaded) -> list[Finding]:
    if grade.grade in ("A", "–"):
        return []
    cls = MUST_CORRECT if grade.grade == "D" else IMPROVEMENT
    t = bn.tail
    chain = "; ".join(f"{role_title(loaded, d.role)} ({STEP_WORDS.get(d.step, d.step)}, {ORDER_WORDS[d.order]}) "
                      f"in {d.replications} replications: median {_clock(d.p50_s)}, P95 {_clock(d.p95_s)}"
                      + (f"; absent in {d.absent_replications}" if d.absent_replications else "")
                      for d in bn.role_delays)
    roles = list(dict.fromkeys(d.role for d in bn.role_delays if d.role != "automatic"))
    if t is not None and t.role and t.role != "automatic" and t.role not in roles:
        roles.insert(0, t.role)
    trig = [tr.id for tr in loaded.plan.warning.triggers if not tr.automatic]
    clause, sentence = _tail_text(t, loaded) if t is not None else ("", "")
    if t is not None and math.isinf(t.latency_p95_s):
        title = (f"The order for {ORDER_WORDS.get(t.order, t.order)} never comes in {t.tail} of the {t.n} "
                 f"replications with a trigger met (grade {grade.grade}) — in {t.replications} of them, {clause}")
        tail_txt = f" The order never came in {t.tail} replications: {sentence}."
    else:
        title = (f"The order comes {_clock(grade.value)} after the first trigger (P95; grade {grade.grade})"
                 + (f" — in the slowest 5 %, {clause}" if clause else ""))
        tail_txt = (f" In the {t.tail} slowest replications (at or beyond that P95), {sentence}." if t is not None
                    else "")
    return [Finding(
        key="M1:latency", metric="M1", cls=cls, title=title,
        evidence=f"P95 over replications of the order minus the first trigger met: {_clock(grade.value)}."
                 f"{tail_txt} Each step of the decision chain, over the replications in which that post took it: "
                 f"{chain or 'no order given'}.",
        standard=STANDARD["M1"], plan_ref=plan_ref(loaded, ("warning", "triggers")),
        remedies=("make_automatic", "delegate_order", "name_backup", "pre_authorise"),
        targets={"roles": roles, "triggers": trig, "dominant": t.role if t else None},
        numbers={"order_latency_p95_s": grade.value, "slowest_step": asdict(t) if t else None},
        weight=min(grade.value, 1e6) / 60.0)]


# ------------------------------------------------------------------ M4 reporting
def reporting_findings(grade: MetricGrade, readings: list[Reading], loaded: Loaded,
                       internal_p95_s: float) -> list[Finding]:
    """M4 reports from the site to the duty post. The report to the county and the notices to the township
    and the village heads are plan steps: their findings are those of the post that owns them
    (:func:`post_findings`), with one count for each step."""
    out = []
    plan = loaded.plan
    if not math.isnan(internal_p95_s) and internal_p95_s > INTERNAL_LIMIT:
        slow = [t.id for t in plan.warning.triggers if not t.automatic]
        out.append(Finding(
            key="M4:internal", metric="M4", cls=MUST_CORRECT,
            title=f"Reports from the site to the duty post take up to {_clock(internal_p95_s)} (P95 of the plan's "
                  "detection delays)",
            evidence=(f"The slowest trigger's detection delay has a 95th percentile of {_clock(internal_p95_s)}; "
                      f"\"immediately\" is taken as {_clock(INTERNAL_LIMIT)} [P]. Triggers: {', '.join(slow)}."),
            standard=STANDARD["M4"], plan_ref=plan_ref(loaded, ("warning", "triggers")),
            remedies=("lower_threshold", "make_automatic"), targets={"triggers": slow},
            numbers={"internal_p95_s": internal_p95_s}, weight=0.5))
    return out


# ------------------------------------------------------------------ M5 fidelity: one finding per post
NOT_DONE_TEXT = {
    "nobody_declared": "nobody declared {level} ({trigger_owner} and every backup unreachable)",
    "unreachable": "{owner} {unreachable}",
    "waiting": "it waited for {after}, which was never done",
    "pending": "it was still pending when the drill ended",
}


def _limit_text(t: StepTally) -> str:
    if t.limit_s is None:
        return "no time limit"
    if t.action == "notify_county" and not t.limit_is_plan:
        return "within 1 h by law; the plan sets no limit within the hour"
    if not t.limit_is_plan:
        return f"within {LOCAL_TEXT}; the plan sets none"
    return f"within {_clock(t.limit_s)}"


def _step_evidence(t: StepTally, n: int, loaded: Loaded) -> str:
    owner = role_title(loaded, t.owner)
    trig = next((role_title(loaded, tr.owner) for tr in loaded.plan.warning.triggers if tr.level == t.level), "")
    after = " and ".join(action_words(a) for a in t.after) or "an earlier step"
    due = f"{t.due} of {n} replications" if t.due < n else f"all {n} replications"
    role = next((r for r in loaded.plan.roles if r.id == t.owner), None)
    unreachable = "and every backup were unreachable" if role and role.backups else "was unreachable (no backup)"
    why = "; ".join(f"in {k}, " + NOT_DONE_TEXT[w].format(level=t.level, trigger_owner=trig, owner=owner, after=after,
                                                          unreachable=unreachable)
                    for w, k in sorted(t.why.items(), key=lambda x: -x[1]))
    text = (f"{action_words(t.action).capitalize()} ({t.level}; {_limit_text(t)}), due in {due} (a {t.level} "
            f"trigger met): done in {t.done}" + (f" ({t.late} of them late)" if t.late else "")
            + f", not done in {t.not_done}")
    return text + (f" — {why}." if why else ".")


def post_findings(tallies: list[StepTally], n: int, loaded: Loaded) -> list[Finding]:
    """One finding per post whose steps were not done, or done late, in some replication: every step it owns
    with one set of counts (:mod:`drills.experiment.plan_steps`), whether the post has a backup, and — for
    the report to the county — whether the plan sets the law's time limit."""
    out = []
    plan = loaded.plan
    owners = list(dict.fromkeys(t.owner for t in tallies if t.failed))
    for owner in owners:
        steps = sorted((t for t in tallies if t.owner == owner and t.failed), key=lambda t: -t.failed)
        role = next((r for r in plan.roles if r.id == owner), None)
        who = role_title(loaded, owner)
        backups = [role_title(loaded, b) for b in role.backups] if role else []
        parts = []
        for t in steps:
            bits = ([f"not done in {t.not_done}"] if t.not_done else []) + ([f"late in {t.late}"] if t.late else [])
            parts.append(f"{action_words(t.action)} ({t.level}) {' and '.join(bits)}")
        title = f"{who}: {'; '.join(parts)} of {n} replications" + ("" if backups else " — the post has no backup")
        evidence = " ".join(_step_evidence(t, n, loaded) for t in steps)
        evidence += (f" Backups of {who}: {', '.join(backups)}." if backups else
                     f" {who} has no backup: nobody stands in when the post is absent.")
        county = [t for t in tallies if t.owner == owner and t.action == "notify_county" and not t.limit_is_plan]
        for t in county:
            if t not in steps:
                evidence += (f" The plan sets no time limit within the hour the law allows for "
                             f"{action_words(t.action)} ({t.level}).")
        refs = []
        for t in steps:
            acts = next((a for lv, a in plan.warning.actions_by_level.items() if lv == t.level), [])
            k = next((j for j, a in enumerate(acts) if a.action == t.action and a.owner == t.owner), None)
            if k is not None:
                refs.append(plan_ref(loaded, ("warning", "actions_by_level", t.level, k), t.action))
        r = index_of(plan.roles, owner)
        if r is not None:
            refs.append(plan_ref(loaded, ("roles", r), owner))
        reporting = all(t.action in REPORTING for t in steps)
        remedies = ("name_backup",) + (("add_report_deadline",) if county else ()) + (
            ("delegate_order",) if any(t.late for t in steps) else ())
        worst = max(t.failed for t in steps)
        out.append(Finding(
            key=f"M5:post:{owner}", metric="M4" if reporting else "M5", cls=MUST_CORRECT, title=title,
            evidence=evidence,
            standard=STANDARD["M4"] + "; " + STANDARD["M5"] if any(t.action in REPORTING for t in steps)
            else STANDARD["M5"],
            plan_ref="; ".join(refs) or plan_ref(loaded, ("roles",)), remedies=remedies,
            targets={"roles": [owner]},
            numbers={"replications": n, "backups": list(role.backups) if role else [],
                     "steps": [asdict(t) for t in steps]},
            weight=worst / n))
    return out


# ------------------------------------------------------------------ M6 robustness
def robustness_findings(rob: Robustness, loaded: Loaded) -> list[Finding]:
    """M6: single faults that break the plan (no redundancy), or worsen it significantly."""
    out = []
    n = rob.replications
    for run in rob.runs:
        d_unsafe = run.diffs["unsafe"]
        d_late = run.diffs["late_warned"]
        if not rob.breaks(run):
            continue
        f = run.fault
        flips = [m for m, b in (("M2 (reach)", rob.base_m2_pass and not run.m2_pass),
                                ("M3 (safety)", rob.base_m3_pass and not run.m3_pass)) if b]
        what = f"makes {' and '.join(flips)} fail" if flips else "leaves significantly more people warned late or " \
            "not safe"
        cls = DEFICIENCY
        remedies, targets, ref = _fault_remedies(f.kind, f.target, loaded)
        targets["places"] = list(run.places)[:6]
        out.append(Finding(
            key=f"M6:{f.name}", metric="M6", cls=cls,
            title=f"Single fault {f.name} {what}: no redundancy",
            evidence=(f"With {f.name} from {_clock(f.at_s)}, on {n} paired replications: people not safe "
                      f"{d_unsafe.base_mean:.1f} → {d_unsafe.new_mean:.1f} (Δ {d_unsafe.mean_diff:+.1f}, 95 % CI "
                      f"{d_unsafe.ci_low:+.1f} to {d_unsafe.ci_high:+.1f}); warned late {d_late.base_mean:.1f} → "
                      f"{d_late.new_mean:.1f} (Δ {d_late.mean_diff:+.1f}, CI {d_late.ci_low:+.1f} to "
                      f"{d_late.ci_high:+.1f}); P95 of the last warning rises by {_clock(run.t100_rise_s)}. Places hit "
                      f"hardest: {', '.join(list(run.places)[:6]) or 'none'}."),
            standard=STANDARD["M6"], plan_ref=ref, remedies=remedies,
            targets={**targets, "fault": f.name, "group": _group_of(loaded, targets["places"])},
            numbers={"unsafe": d_unsafe.to_json(), "late_warned": d_late.to_json(), "t100_rise_s": run.t100_rise_s},
            weight=max(d_unsafe.mean_diff, 0.0) + 0.25 * max(d_late.mean_diff, 0.0)))
    return out


def _group_of(loaded: Loaded, places: list[str]) -> str | None:
    residents = {r.at for r in loaded.site.residents}
    groups = {"resident" if p in residents else "miner" for p in places}
    return groups.pop() if len(groups) == 1 else None


def _fault_remedies(kind: str, target: str | None, loaded: Loaded) -> tuple[tuple[str, ...], dict, str]:
    plan = loaded.plan
    if kind == "mains_power":
        powered = [c.id for c in plan.channels if c.needs_mains_power]
        return ("add_battery", "add_door_to_door", "ladderway_route"), {"channels": powered}, plan_ref(
            loaded, ("channels",), "needs_mains_power / backup_power_h")
    if kind == "mobile_network":
        return ("add_siren", "add_door_to_door"), {}, plan_ref(loaded, ("channels",), "needs_mobile_network")
    if kind == "channel_down":
        k = index_of(plan.channels, target or "")
        return (("add_channel", "add_siren", "add_door_to_door", "extend_coverage"), {"channels": [target]},
                plan_ref(loaded, ("channels", k), target or "") if k is not None else plan_ref(loaded, ("channels",)))
    if kind == "role_absent":
        k = index_of(plan.roles, target or "")
        return (("name_backup", "make_automatic", "delegate_order"), {"roles": [target]},
                plan_ref(loaded, ("roles", k), target or "") if k is not None else plan_ref(loaded, ("roles",)))
    if kind == "hoist_out":
        return ("ladderway_route", "add_refuge", "change_route"), {"hoist": target}, plan_ref(
            loaded, ("evacuation", "routes"))
    return ("change_route", "change_assembly_point", "add_refuge"), {"link": target}, plan_ref(
        loaded, ("evacuation", "routes"), f"routes over {target}")

