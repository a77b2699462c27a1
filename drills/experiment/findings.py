"""Findings: every failed check, classed, with its evidence, the clause it concerns and what would fix it.

Classes follow the Chinese drill-evaluation practice (standards.md §2.2): **不足项** (deficiency —
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

from drills.experiment.bottlenecks import CAUSE_TEXT, UNSAFE_REASONS, Bottlenecks, PlaceWarning
from drills.experiment.grading import INTERNAL_REPORT_LIMIT_S as INTERNAL_LIMIT
from drills.experiment.grading import MetricGrade
from drills.experiment.readings import LOCAL_NOTICE_LIMIT_S, Reading
from drills.experiment.robustness import Robustness
from drills.experiment.tail import TAIL_SHARE, TailCheck
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


def _share(k: int, n: int) -> str:
    return f"{k} of {n} replications"


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
        causes = ", ".join(f"{c} {v / w.late:.0%}" for c, v in sorted(w.causes.items(), key=lambda x: -x[1]))
        evidence = (f"In {_share(w.late_replications, n)}, on average {w.late / n:.1f} of the {w.people} people at "
                    f"{w.place} ({w.zone}) were not warned by the order before the water reached them (median water "
                    f"{_clock(w.water_p50_s)}, median order {_clock(w.order_p50_s)}). Causes: {causes}. Channels "
                    f"that reach the place: {', '.join(w.channels) or 'none'}.")
        if w.lead_p50_s < NEAR_FIELD_LEAD_S:
            evidence += (f" The water reaches the place a median {_clock(w.lead_p50_s)} after the first trigger is "
                         "met: only an automatic start with an instant channel, or nobody living there, protects this "
                         "near field (Brumadinho 2019; Res. ANM 95/2022 self-rescue zone).")
        evidence += " " + tail.describe()
        out.append(Finding(
            key=f"M2:{w.place}", metric="M2", cls=cls,
            title=f"{w.place} ({w.zone}): people at risk warned after the water — {CAUSE_TEXT[cause]}",
            evidence=evidence, standard=STANDARD["M2-valley" if valley and w.group == "resident" else "M2"],
            plan_ref=_warning_ref(loaded, w), remedies=WARNING_REMEDIES[cause],
            targets={"places": [w.place], "zone": w.zone, "group": w.group, "cause": cause, "causes": w.causes,
                     "channels": list(w.channels)},
            numbers={"late_person_replications": w.late, "late_replications": w.late_replications,
                     "replications": n, "people": w.people, "water_p50_s": w.water_p50_s,
                     "order_p50_s": w.order_p50_s, "first_warned_by": w.first_warned_by, **tail_numbers(tail)},
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
        reasons = ", ".join(f"{UNSAFE_REASONS[r]} {v / f.unsafe:.0%}" for r, v in
                            sorted(f.reasons.items(), key=lambda x: -x[1]))
        k = index_of(plan.evacuation.routes, f.route) if f.route else None
        ref = plan_ref(loaded, ("evacuation", "routes", k), f.route) if k is not None else plan_ref(
            loaded, ("evacuation",), f"no route from {f.place}")
        route_text = f"route {f.route}" if f.route else "no planned route"
        out.append(Finding(
            key=f"M3:{f.place}", metric="M3", cls=cls,
            title=f"{f.place} ({f.zone}): people not safe before the water — {UNSAFE_REASONS[reason]}",
            evidence=(f"In {_share(f.replications, n)}, on average {f.unsafe / n:.1f} people starting at {f.place} "
                      f"({route_text}) were not safe when the water came; the water found them at {where} "
                      f"(median water there {_clock(f.water_p50_s)}, median departure {_clock(f.departed_p50_s)}). "
                      f"Why: {reasons}. {tail.describe()}"),
            standard=STANDARD["M3"], plan_ref=ref,
            remedies=WARNING_REMEDIES[cause_at[f.place]] if reason == "late_warning" and f.place in cause_at
            else SAFETY_REMEDIES[reason],
            targets={"places": [f.place], "zone": f.zone, "route": f.route, "reason": reason,
                     "caught_at": f.caught_at},
            numbers={"unsafe_person_replications": f.unsafe, "replications_with_unsafe": f.replications,
                     "replications": n, "reasons": f.reasons, "caught_at": f.caught_at,
                     "on_planned_route": f.on_planned_route, **tail_numbers(tail)},
            weight=f.unsafe / n * share))
    return out


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
def latency_finding(grade: MetricGrade, bn: Bottlenecks, loaded: Loaded) -> list[Finding]:
    if grade.grade in ("A", "–"):
        return []
    cls = MUST_CORRECT if grade.grade == "D" else IMPROVEMENT
    dom = bn.dominant_role
    chain = "; ".join(f"{d.role} ({d.step}, {d.order}): median {_clock(d.p50_s)}, P95 {_clock(d.p95_s)}"
                      + (f", absent in {d.absent_replications}" if d.absent_replications else "")
                      for d in bn.role_delays)
    roles = list(dict.fromkeys(d.role for d in bn.role_delays if d.role != "automatic"))
    trig = [t.id for t in loaded.plan.warning.triggers if not t.automatic]
    return [Finding(
        key="M1:latency", metric="M1", cls=cls,
        title=(f"The order comes {_clock(grade.value)} after the first trigger (P95; grade {grade.grade})"
               + (f" — {dom.role}'s {dom.step} dominates" if dom is not None else "")),
        evidence=f"P95 over replications of the order minus the first trigger met: {_clock(grade.value)}. "
                 f"Decision chain: {chain or 'no order given'}.",
        standard=STANDARD["M1"], plan_ref=plan_ref(loaded, ("warning", "triggers")),
        remedies=("make_automatic", "delegate_order", "name_backup", "pre_authorise"),
        targets={"roles": roles, "triggers": trig, "dominant": dom.role if dom else None},
        numbers={"order_latency_p95_s": grade.value}, weight=min(grade.value, 1e6) / 60.0)]


# ------------------------------------------------------------------ M4 reporting
def reporting_findings(grade: MetricGrade, readings: list[Reading], loaded: Loaded,
                       internal_p95_s: float) -> list[Finding]:
    out = []
    n = len(readings)
    plan = loaded.plan
    late = [r for r in readings if not math.isnan(r.county_report_s) and r.county_report_s > r.county_limit_s]
    county = [(lv, k, a) for lv, acts in plan.warning.actions_by_level.items() for k, a in enumerate(acts)
              if a.action == "notify_county"]
    if county and late:
        lv, k, a = county[0]
        never = sum(1 for r in late if math.isinf(r.county_report_s))
        out.append(Finding(
            key="M4:county", metric="M4", cls=MUST_CORRECT,
            title=f"The report to the county is late or never made in {len(late)} of {n} replications",
            evidence=(f"notify_county by {a.owner}: late in {len(late) - never} and never made in {never} of {n} "
                      f"replications (limit {_clock(late[0].county_limit_s)} after the trigger; P95 "
                      f"{_clock(grade.value)})."),
            standard=STANDARD["M4"], plan_ref=plan_ref(loaded, ("warning", "actions_by_level", lv, k), a.owner),
            remedies=("name_backup",), targets={"roles": [a.owner]},
            numbers={"late": len(late) - never, "never": never, "replications": n}, weight=len(late) / n))
    local = [r for r in readings if r.local_notice_late]
    if local:
        out.append(Finding(
            key="M4:local", metric="M4", cls=MUST_CORRECT,
            title=f"The township or village heads are told late in {len(local)} of {n} replications",
            evidence=(f"notify_township / notify_village_heads done after the plan's deadline or, where it gives "
                      f"none, {LOCAL_TEXT} after the trigger, in {len(local)} of {n} replications."),
            standard=STANDARD["M4"], plan_ref=plan_ref(loaded, ("warning", "actions_by_level")),
            remedies=("name_backup", "delegate_order"), targets={},
            numbers={"late_replications": len(local), "replications": n}, weight=len(local) / n))
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


# ------------------------------------------------------------------ M5 fidelity
def fidelity_findings(grade: MetricGrade, readings: list[Reading], loaded: Loaded) -> list[Finding]:
    out = []
    n = len(readings)
    plan = loaded.plan
    unexec: dict[str, int] = {}
    late: dict[str, int] = {}
    for r in readings:
        for s in set(r.steps_unexecutable):
            unexec[s] = unexec.get(s, 0) + 1
        for s in set(r.steps_late):
            late[s] = late.get(s, 0) + 1
    for step, k in sorted(unexec.items(), key=lambda x: -x[1]):
        level, rest = step.split(":", 1)
        action, owner = rest.split("/")
        acts = next((a for lv, a in plan.warning.actions_by_level.items() if lv == level), [])
        idx = next((j for j, a in enumerate(acts) if a.action == action and a.owner == owner), None)
        role = next((r for r in plan.roles if r.id == owner), None)
        backups = ", ".join(role.backups) if role and role.backups else "none"
        out.append(Finding(
            key=f"M5:unexecutable:{step}", metric="M5", cls=MUST_CORRECT,
            title=f"Step {action} ({level}) cannot be done in {k} of {n} replications: its owner {owner} and every "
                  "backup were unreachable",
            evidence=(f"{owner} (backups: {backups}) absent, so nobody carried out {action} at level {level} in "
                      f"{_share(k, n)}."),
            standard=STANDARD["M5"],
            plan_ref=plan_ref(loaded, ("warning", "actions_by_level", level, idx), owner) if idx is not None
            else plan_ref(loaded, ("roles",)),
            remedies=("name_backup",), targets={"roles": [owner]},
            numbers={"replications_unexecutable": k, "replications": n}, weight=k / n))
    if grade.grade in ("C", "D") and late:
        worst = ", ".join(f"{s} ({k})" for s, k in sorted(late.items(), key=lambda x: -x[1])[:4])
        out.append(Finding(
            key="M5:late", metric="M5", cls=MUST_CORRECT if grade.grade == "D" else IMPROVEMENT,
            title=f"Plan steps are done late: P5 of steps on time {grade.value:.0%} (grade {grade.grade})",
            evidence=f"Steps late or still pending past their deadline, with the replications it happened in: {worst}.",
            standard=STANDARD["M5"], plan_ref=plan_ref(loaded, ("warning", "actions_by_level")),
            remedies=("delegate_order", "name_backup", "make_automatic"), targets={},
            numbers={"late_steps": late}, weight=sum(late.values()) / n))
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

