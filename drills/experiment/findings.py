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
it (:mod:`drills.experiment.revisions`); ``targets`` tells the revision generator where. The words are
told from the finding's facts (its ``kind`` and ``facts``) by :mod:`drills.experiment.finding_text`, in
English or in Chinese.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from drills.experiment.bottlenecks import Bottlenecks, PlaceWarning, TailStep
from drills.experiment.finding_text import AUTOMATIC, PHRASES, clause, requirement, standard, words
from drills.experiment.grading import INTERNAL_REPORT_LIMIT_S as INTERNAL_LIMIT
from drills.experiment.grading import MetricGrade, upper_tail
from drills.experiment.plan_steps import OrderMiss, StepTally
from drills.experiment.readings import LOCAL_NOTICE_LIMIT_S, Reading
from drills.experiment.robustness import Robustness
from drills.experiment.tail import TAIL_SHARE, TailCheck
from drills.inputs.loaded import Loaded
from drills.inputs.yamlfile import field_name
from drills.model.records import SAFE_OUTCOMES, DrillResult
from drills.model.spec import DrillSpec

DEFICIENCY, MUST_CORRECT, IMPROVEMENT = "不足项", "整改项", "改进项"
CLASS_EN = {DEFICIENCY: "deficiency", MUST_CORRECT: "must-correct", IMPROVEMENT: "improvement"}
CLASS_ORDER = (DEFICIENCY, MUST_CORRECT, IMPROVEMENT)


def class_label(cls: str, zh: bool = False) -> str:
    """A finding's class as every output names it: the standards' own word in Chinese, glossed in English
    ("deficiency (不足项)"), so that a reader of the English output is never left with the Chinese alone."""
    return cls if zh else f"{CLASS_EN[cls]} ({cls})"


METRIC_ORDER = ("M2", "M3", "M7", "M6", "M1", "M5", "M4", "M8")
#: [P] places the water reaches this soon after the first trigger are the near field no decision chain can warn
NEAR_FIELD_LEAD_S = 180.0

#: revision kinds that address each cause of a late warning (see drills.experiment.revisions)
WARNING_REMEDIES = {
    "no_order": ("add_order",),
    "trigger": ("lower_threshold", "pre_authorise"),
    "decision": ("make_automatic", "delegate_order", "pre_authorise", "name_backup"),
    "coverage": ("add_siren", "extend_coverage", "move_siren", "add_door_to_door", "add_channel"),
    "channel_out": ("add_battery", "extend_coverage", "add_channel", "add_door_to_door", "add_siren"),
    # a team, runner or vehicle stopped by the water on its way: the order earlier, so that it goes before the water,
    # or a channel that does not travel
    "way_closed": ("pre_authorise", "make_automatic", "add_siren", "add_channel"),
    "activation": ("add_siren", "add_channel", "add_door_to_door"),
    # a team, runner, vehicle or phones that came on in time but came to them after the water: more teams, sent
    # sooner, or a channel that reaches everyone at once
    "turn": ("add_door_to_door", "pre_authorise", "make_automatic", "add_siren", "add_channel"),
    "receipt": ("add_door_to_door", "add_siren", "add_channel"),
}
SAFETY_REMEDIES = {
    "late_warning": WARNING_REMEDIES["decision"] + WARNING_REMEDIES["coverage"],
    "did_not_leave": ("pre_authorise", "add_door_to_door", "make_automatic"),
    "caught_on_route": ("change_route", "ladderway_route", "add_refuge", "hoist_priority", "change_assembly_point"),
    "turned_back_caught": ("change_route", "ladderway_route", "add_refuge", "hoist_priority",
                           "change_assembly_point"),
    "sheltered_in_flood": ("add_door_to_door", "change_assembly_point", "pre_authorise"),
    "stayed_in_flood": ("add_door_to_door", "change_route", "change_assembly_point", "pre_authorise"),
    "not_out": ("hoist_priority", "ladderway_route", "change_route", "add_refuge", "pre_authorise"),
}
#: revision kinds that carry the order to people no channel reached (or reached slowly)
REACH_REMEDIES = ("add_channel", "extend_coverage", "add_door_to_door", "add_siren", "add_battery")


def warning_remedies(causes: Sequence[str]) -> tuple[str, ...]:
    """The revisions that answer people warned late for any of ``causes``, each once, the first cause's first."""
    return tuple(dict.fromkeys(r for c in causes for r in WARNING_REMEDIES[c]))


@dataclass(frozen=True)
class Finding:
    """One failed check.

    Attributes:
        key: stable identifier, e.g. ``M2:xc_river``.
        metric: M1–M8.
        cls: 不足项, 整改项 or 改进项.
        title: one line naming the defect (in English; :meth:`words` gives it in either language).
        evidence: the evidence in words (who, where, when, in how many replications).
        standard: the requirement and its clause.
        plan_ref: the plan element and its line, ``file:line field``.
        remedies: revision kinds that address it.
        targets: where the remedies apply (places, channels, roles, routes, triggers, fault).
        numbers: the evidence as numbers.
        weight: for ranking: people affected per replication times the share of replications.
        kind: what was found (a key of :data:`drills.experiment.finding_text.RENDER`); empty for a finding
            given in finished words.
        facts: what the title and evidence are told from (places, posts, counts, times).
        standards: the names of its requirements in :data:`drills.experiment.finding_text.STANDARDS`.
        refs: its plan clauses, each ``(file:line plan.path, label key, label facts)``.
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
    kind: str = ""
    facts: dict[str, Any] = field(default_factory=dict, compare=False)
    standards: tuple[str, ...] = ()
    refs: tuple[tuple[str, str, dict[str, Any]], ...] = ()

    @property
    def cls_en(self) -> str:
        return CLASS_EN[self.cls]

    def words(self, lang: str = "en") -> tuple[str, str, str]:
        """Title, evidence and clause (requirement; plan clause) in ``lang``."""
        if lang == "en" or not self.kind:
            return self.title, self.evidence, "; ".join(x for x in (self.standard, self.plan_ref) if x)
        title, evidence = words(self.kind, self.facts, lang)
        sep = PHRASES[lang]["semi"]
        return title, evidence, sep.join(x for x in (standard(self.standards, lang), clause(self.refs, lang)) if x)

    def requirements(self, lang: str = "en") -> tuple[str, ...]:
        """The requirements it concerns in ``lang``, each whole (:func:`~drills.experiment.finding_text.requirement`);
        a finding given in finished words has its one requirement as written."""
        if self.kind:
            return tuple(requirement(k, lang) for k in self.standards)
        return (self.standard,) if self.standard else ()

    def plan_clause(self, lang: str = "en") -> str:
        """The plan clauses it concerns in ``lang``: ``file:line plan.path`` and what is there."""
        return clause(self.refs, lang) if self.kind and lang != "en" else self.plan_ref

    def to_json(self) -> dict:
        d = asdict(self)
        for told in ("kind", "facts", "standards", "refs"):  # the English words already say them
            d.pop(told)
        d["class"] = d.pop("cls")
        d["class_en"] = self.cls_en
        return _clean(d)


def requirement_tags(found: Sequence[Any], lang: str = "en") -> dict[str, str]:
    """Each distinct requirement that ``found`` cite (anything with :meth:`Finding.requirements`), once, in the order
    first cited, with its tag (S1, S2, …): the report lists them once and each finding cites its tags."""
    tags: dict[str, str] = {}
    for f in found:
        for text in f.requirements(lang):
            tags.setdefault(text, PHRASES[lang]["requirement_tag"].format(k=len(tags) + 1))
    return tags


def tags_cited(f: Any, tags: dict[str, str], lang: str = "en") -> str:
    """The tags of a finding's requirements (:func:`requirement_tags`), as it cites them: "S1, S3"."""
    return PHRASES[lang]["sep"].join(tags[x] for x in f.requirements(lang))


def table_row(f: Any, tags: dict[str, str], lang: str = "en", k: int = 0) -> list[str]:
    """A finding as the report's table gives it: its class; its title (numbered ``k.`` if ``k``) with its own plan
    clause under it; its evidence; the tags of its requirements (:func:`tags_cited`). The plan clause
    (``file:line plan.path`` and what is there) stands under the title, where it has the width to stay readable, not
    in a narrow column of its own."""
    title, evidence = f.words(lang)[:2]
    clause = f.plan_clause(lang)
    under = "\n" + PHRASES[lang]["plan_clause"].format(clause=clause) if clause else ""
    number = f"{k}. " if k else ""
    cls = class_label(f.cls, lang == "zh").replace(" (", "\n(")  # "deficiency", then "(不足项)" whole under it
    return [cls, number + title + under, evidence, tags_cited(f, tags, lang)]


def found(kind: str, facts: dict[str, Any], *, standards: tuple[str, ...], refs: list, **rest: Any) -> Finding:
    """A finding told from its facts (its English words filled in from them)."""
    title, evidence = words(kind, facts)
    return Finding(title=title, evidence=evidence, standard=standard(standards), plan_ref=clause(refs), kind=kind,
                   facts=facts, standards=standards, refs=tuple(refs), **rest)


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


def ref(loaded: Loaded, loc: tuple, key: str = "", **label: Any) -> tuple[str, str, dict[str, Any]]:
    """A plan clause: ``file:line plan.path``, with its label's phrase key and facts (no key: ``text`` as is)."""
    doc = loaded.plan_doc
    line = doc.line_of(("plan", *loc))
    return f"{doc.path.name}:{line} {field_name(('plan', *loc))}", key, label  # as drill validate names it


def index_of(items: list, ident: str) -> int | None:
    return next((k for k, x in enumerate(items) if getattr(x, "id", None) == ident), None)


REPORTING = ("notify_county", "notify_township", "notify_village_heads")


def role_title(loaded: Loaded, role: str) -> str:
    """A post by the title the plan gives it."""
    if role == "automatic":
        return "an automatic trigger"
    return next((r.title for r in loaded.plan.roles if r.id == role), role)


def _who(loaded: Loaded, role: str) -> str:
    """A post's title for a finding's facts (:data:`AUTOMATIC` for an automatic trigger, told per language)."""
    return AUTOMATIC if role == "automatic" else role_title(loaded, role)


def tail_facts(tail: TailCheck) -> tuple[int, int]:
    return tail.failed, tail.n


# ------------------------------------------------------------------ M2 reach
def _warning_ref(loaded: Loaded, w: PlaceWarning) -> tuple[str, str, dict[str, Any]]:
    plan = loaded.plan
    cause = w.main_cause
    if cause in ("decision", "trigger"):
        order = "evacuate_underground" if w.group == "miner" else "evacuate_downstream"
        for level, acts in plan.warning.actions_by_level.items():
            for k, a in enumerate(acts):
                if a.action == order:
                    trig = [t.id for t in plan.warning.triggers if t.level == level]
                    return ref(loaded, ("warning", "actions_by_level", level, k), "ref_order", order=order,
                               owner=a.owner, triggers=trig)
        return ref(loaded, ("warning",), "ref_no_order", order=order)
    first = index_of(plan.channels, w.channels[0]) if w.channels else None
    if first is not None:
        return ref(loaded, ("channels", first), text=", ".join(w.channels))
    return ref(loaded, ("channels",), "ref_no_channel", place=w.place)


def life_safety_class(failed: int, n: int) -> tuple[str, TailCheck]:
    """The class of a life-safety finding seen in ``failed`` of ``n`` replications (不足项 beyond the tolerated
    tail, 改进项 within it, on the observed share) and how sure that share is."""
    return (DEFICIENCY if failed / n > TAIL_SHARE else IMPROVEMENT), TailCheck(failed, n)


def tail_numbers(tail: TailCheck) -> dict[str, Any]:
    """A life-safety finding's share against the tolerated tail, for its numbers (see drills.experiment.tail)."""
    return {"share_at_least": tail.at_least, "share_at_most": tail.at_most, "tail": tail.verdict,
            "replications_to_settle": tail.replications_to_settle(), "settle_span": tail.settle_span()}


def _unordered(w: PlaceWarning, misses: dict[int, OrderMiss], loaded: Loaded) -> tuple[dict[str, Any], list]:
    """The replications in which the order never came for the people of ``w``, and why, where the run knows it
    (as M5 classifies the order's step: :func:`drills.experiment.plan_steps.orders_not_given`): the facts, and the
    plan clauses to change (the order's ``after``, the post with no one to stand in)."""
    plan = loaded.plan
    groups: Counter[OrderMiss] = Counter(misses[r] for r in w.unordered_in if r in misses)
    why, refs = [], []
    for m, k in groups.most_common():
        if m.why == "waiting" and m.waited:
            waited = [{"action": a, "who": _who(loaded, o), "why": y, "has_backups": _has_backups(loaded, o)}
                      for _, a, o, y in m.waited]
            why.append({"k": k, "why": m.why, "waited": waited})
            refs.append(ref(loaded, ("warning", "actions_by_level", m.level, m.position), "ref_after",
                            after=[a for _, a, _, _ in m.waited]))
            refs += [_backup_ref(loaded, o) for _, _, o, y in m.waited if y in ("unreachable", "nobody_declared")]
        elif m.why in ("unreachable", "nobody_declared"):
            owner = m.owner if m.why == "unreachable" else next(
                (t.owner for t in plan.warning.triggers if t.level == m.level), m.owner)
            why.append({"k": k, "why": m.why, "who": _who(loaded, owner), "level": m.level,
                        "has_backups": _has_backups(loaded, owner)})
            refs.append(_backup_ref(loaded, owner))
        elif m.why == "pending":
            why.append({"k": k, "why": m.why})
    return {"k": len(w.unordered_in), "why": why}, list({r[0]: r for r in refs}.values())


def _has_backups(loaded: Loaded, role: str) -> bool:
    r = next((x for x in loaded.plan.roles if x.id == role), None)
    return bool(r and r.backups)


def _backup_ref(loaded: Loaded, role: str) -> tuple[str, str, dict[str, Any]]:
    """The post's clause, labelled with what to change there: its backups."""
    k = index_of(loaded.plan.roles, role)
    return ref(loaded, ("roles", k), "ref_backup", who=_who(loaded, role)) if k is not None else ref(
        loaded, ("roles",), "ref_backup", who=_who(loaded, role))


def warning_findings(bn: Bottlenecks, n: int, loaded: Loaded,
                     unordered: dict[str, dict[int, OrderMiss]] | None = None) -> list[Finding]:
    """M2: one finding per place whose people at risk are warned after the water (or never). ``unordered``: by
    order, the replications in which it was not given and why (:func:`drills.experiment.plan_steps.orders_not_given`);
    where it is given, a place whose order never came says why and which plan clause to change."""
    out = []
    valley = any(w.group == "resident" for w in bn.warnings)
    for w in bn.warnings:
        if not w.late:
            continue
        share = w.late_replications / n
        cls, tail = life_safety_class(w.late_replications, n)
        cause = w.main_cause
        ranked = [(c, v) for c, v in sorted(w.causes.items(), key=lambda x: -x[1]) if c in w.by_cause]
        facts = {"place": w.place, "zone": w.zone, "people": w.people, "cause": cause,
                 "by_cause": {c: asdict(m) for c, m in w.by_cause.items()}, "ranked": ranked, "late": w.late,
                 "late_replications": w.late_replications, "most": w.most, "n": n, "channels": list(w.channels),
                 "near_field": w.lead_p50_s < NEAR_FIELD_LEAD_S, "lead_p50_s": w.lead_p50_s,
                 "tied": list(w.top_causes) if len(w.top_causes) > 1 else [], "tail": tail_facts(tail),
                 "unordered": None, "valley": w.group == "resident",
                 "stops": [asdict(x) for x in w.stops] if "way_closed" in w.causes else []}
        refs = [_warning_ref(loaded, w)]
        if w.unordered_in:
            order = "evacuate_underground" if w.group == "miner" else "evacuate_downstream"
            facts["unordered"], more = _unordered(w, (unordered or {}).get(order, {}), loaded)
            refs += [r for r in more if r[0] != refs[0][0]]
        out.append(found(
            "m2_late", facts, key=f"M2:{w.place}", metric="M2", cls=cls,
            standards=("M2-valley" if valley and w.group == "resident" else "M2",),
            refs=refs, remedies=warning_remedies(w.top_causes),
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
    places = [w.place for w in slow]
    cls = MUST_CORRECT if grade.grade == "D" else IMPROVEMENT
    return [found(
        "m2_time", {"value": grade.value, "grade": grade.grade, "places": places}, key="M2:time", metric="M2",
        cls=cls, standards=("M2",), refs=[ref(loaded, ("channels",))],
        remedies=REACH_REMEDIES,
        targets={"places": places, "cause": "receipt"}, numbers={"t100_p95_s": grade.value},
        weight=float(len(places)))]


def never_warned_finding(bn: Bottlenecks, n: int, loaded: Loaded) -> list[Finding]:
    """People the order never reached, by any channel, whether or not the water came to them: the order must reach
    everyone in the affected area (2023 Opinions). 不足项 when it happens in more than the tolerated tail of
    replications, as a late warning is (M2's gate): people never told to leave are left where they are, and that
    the drill's water did not reach them is no credit to the plan; 改进项 within the tail [P]. The places, how many
    there and the channels that reach each, and the teams, runners and vehicles among them the water or a cut
    stopped before they got there."""
    never = [w for w in bn.warnings if w.never_in]
    if not never:
        return []
    reps = sorted({r for w in never for r in w.never_in})
    cls = DEFICIENCY if len(reps) / n > TAIL_SHARE else IMPROVEMENT
    tail = TailCheck(len(reps), n)
    places = [w.place for w in never]
    rows = [{"place": w.place, "zone": w.zone, "people": w.people, "replications": len(w.never_in),
             "most": w.never_most, "channels": list(w.channels), "stops": [asdict(x) for x in w.never_stops]}
            for w in never]
    total = sum(w.never_reached for w in never)
    # a team, runner or vehicle the water or a cut stopped before it got there: what answers it for people warned
    # late (the order earlier, a channel that does not travel) first, then what carries the order further
    stopped = any(w.never_stops for w in never)
    return [found(
        "m2_never", {"k": len(reps), "n": n, "total": total, "rows": rows, "tail": tail_facts(tail),
                     "valley": any(w.group == "resident" for w in never)},
        key="M2:never", metric="M2", cls=cls, standards=("M2",), refs=[ref(loaded, ("channels",))],
        remedies=tuple(dict.fromkeys((*warning_remedies(("way_closed",)), *REACH_REMEDIES))) if stopped
        else REACH_REMEDIES,
        targets={"places": places, "cause": "receipt"},
        numbers={"never_person_replications": total, "replications_with_never": len(reps), "replications": n},
        weight=total / n)]


# ------------------------------------------------------------------ M3 safety
def safety_findings(bn: Bottlenecks, n: int, loaded: Loaded) -> list[Finding]:
    """M3: one finding per starting place whose people were not safe before the water."""
    out = []
    plan = loaded.plan
    causes_at = {w.place: w.top_causes for w in bn.warnings if w.late}
    for f in bn.route_floods:
        share = f.replications / n
        cls, tail = life_safety_class(f.replications, n)
        reason = f.main_reason
        where = sorted(f.caught_at.items(), key=lambda x: -x[1])[:3]
        k = index_of(plan.evacuation.routes, f.route) if f.route else None
        route_ref = ref(loaded, ("evacuation", "routes", k), text=f.route) if k is not None else ref(
            loaded, ("evacuation",), "ref_no_route", place=f.place)
        main = max(f.by_reason.items(), key=lambda x: (x[1].people, x[0]))[0] if f.by_reason else reason
        facts = {"place": f.place, "zone": f.zone, "route": f.route, "reason": reason,
                 "source": main.endswith(":source"), "replications": f.replications, "n": n, "unsafe": f.unsafe,
                 "most": f.most, "where": where,
                 "by_reason": [(key, asdict(m)) for key, m in sorted(f.by_reason.items(),
                                                                       key=lambda x: (-x[1].people, x[0]))],
                 "tail": tail_facts(tail)}
        out.append(found(
            "m3_place", facts, key=f"M3:{f.place}", metric="M3", cls=cls, standards=("M3",), refs=[route_ref],
            remedies=warning_remedies(causes_at[f.place]) if reason == "late_warning" and f.place in causes_at
            else SAFETY_REMEDIES[reason],
            targets={"places": [f.place], "zone": f.zone, "route": f.route, "reason": reason,
                     "caught_at": f.caught_at},
            numbers={"unsafe_person_replications": f.unsafe, "replications_with_unsafe": f.replications,
                     "most_unsafe_in_one_replication": f.most, "replications": n, "reasons": f.reasons,
                     "by_reason": {r: asdict(m) for r, m in f.by_reason.items()}, "caught_at": f.caught_at,
                     "on_planned_route": f.on_planned_route, **tail_numbers(tail)},
            weight=f.unsafe / n * share))
    return out


#: the kinds of a place's finding a failed M2 or M3 gate is made of (:func:`gate_findings`)
GATE_PLACE_KINDS = ("m2_late", "m3_place")
#: the kinds of finding told of the people of one place (its one place in ``targets["places"]``): warned late, not
#: safe, turned back on their way
PLACE_KINDS = (*GATE_PLACE_KINDS, "turned_back")


def gate_findings(grades: dict[str, MetricGrade], so_far: Sequence[Finding], loaded: Loaded) -> list[Finding]:
    """A failed M2 or M3 gate that no place's finding shows as a 不足项: each place alone is within the tolerated
    tail, but the replications in which someone *anywhere* was late or unsafe are beyond it. The gate counts a
    replication as failed for anyone at all, so the plan as a whole fails it; one 不足项 says so (the grade is then
    capped as the module says), and the places' findings say what to change."""
    out = []
    for metric in ("M2", "M3"):
        g = grades.get(metric)
        if g is None or g.gate is not False or g.tail is None:
            continue
        mine = [f for f in so_far if f.metric == metric and f.kind in GATE_PLACE_KINDS]
        if any(f.cls == DEFICIENCY for f in mine):
            continue
        places = [f.targets["places"][0] for f in mine]
        tail = g.tail
        refs = list({r[0]: r for f in mine for r in f.refs}.values())[:3] or [ref(loaded, ("evacuation",))]
        out.append(found(
            "gate_failed", {"metric": metric, "failed": tail.failed, "n": tail.n, "places": places,
                            "tail": tail_facts(tail)},
            key=f"{metric}:gate", metric=metric, cls=DEFICIENCY,
            standards=tuple(dict.fromkeys(x for f in mine for x in f.standards)) or (metric,), refs=refs,
            remedies=(), targets={"places": places},
            numbers={"failed_replications": tail.failed, "replications": tail.n},  # the gate's own tail check
            weight=tail.failed / tail.n))
    return out


def queue_findings(bn: Bottlenecks, loaded: Loaded) -> list[Finding]:
    """Where people queue: cages with long queues, assembly points or refuges over capacity [P]."""
    out = []
    spec_hoists = {h.id: h for h in loaded.site.hoists}
    for h in bn.hoists:
        cap = spec_hoists[h.hoist].cage_capacity_persons * spec_hoists[h.hoist].decks
        if h.p95_queue >= 2 * cap:  # [P] two cage loads waiting
            out.append(found(
                "m3_queue", {"hoist": h.hoist, "queue": h.p95_queue, "cap": cap, "wait_s": h.p50_wait_s,
                             "busy": h.p95_utilisation},
                key=f"M3:queue:{h.hoist}", metric="M3", cls=IMPROVEMENT, standards=("M3",),
                refs=[ref(loaded, ("evacuation", "hoist_priority"))],
                remedies=("hoist_priority", "ladderway_route"), targets={"hoist": h.hoist},
                numbers={"p95_queue": h.p95_queue, "p50_wait_s": h.p50_wait_s}, weight=h.p95_queue / 100))
    for d in bn.destinations:
        if d.capacity is not None and d.p95_people > d.capacity:
            out.append(found(
                "m3_capacity", {"node": d.node, "people": d.p95_people, "capacity": d.capacity},
                key=f"M3:capacity:{d.node}", metric="M3", cls=MUST_CORRECT, standards=("capacity",),
                refs=[ref(loaded, ("evacuation",))], remedies=("change_assembly_point", "change_route"),
                targets={"node": d.node}, numbers={"p95_people": d.p95_people, "capacity": d.capacity},
                weight=d.p95_people - d.capacity))
    return out


def refuge_water_findings(results: Sequence[DrillResult], spec: DrillSpec, loaded: Loaded) -> list[Finding]:
    """A plan refuge the water reaches within the drill: those it is there for would be caught inside.

    Water on the chamber's floor (the depth at which a place counts as reached,
    :data:`drills.model.movement.WET_DEPTH_M`) is enough: the chamber's floor is raised 0.5 m above the
    roadway to keep water out (AQ 2033-2011), so any water inside means the siting failed. 整改项 when it
    happens in more than the tolerated tail of replications, 改进项 otherwise [P].
    """
    out = []
    n = len(results)
    net = spec.network
    for r in sorted(spec.refuges):
        node = net.nodes[r]
        wet = [res.node_water_s[r] for res in results if res.node_water_s[r] < spec.duration_s]
        if not wet:
            continue
        ends = [p.outcome for res in results for p in res.people if p.end == node.id]
        sheltered = sum(1 for o in ends if o in ("refuge", "caught")) / n
        caught = sum(1 for o in ends if o == "caught") / n
        k = len(wet)
        water_s = float(np.median(wet))
        out.append(found(
            "refuge_water", {"node": node.id, "k": k, "n": n, "water_s": water_s, "seats": node.capacity_persons or 0,
                             "sheltered": sheltered, "caught": caught},
            key=f"M3:refuge_water:{node.id}", metric="M3", cls=MUST_CORRECT if k / n > TAIL_SHARE else IMPROVEMENT,
            standards=("refuge_water",), refs=[ref(loaded, ("evacuation", "refuges"))],
            targets={"refuges": [node.id], "level": node.level},
            numbers={"replications_with_water": k, "water_p50_s": water_s, "sheltered_per_replication": sheltered,
                     "caught_inside_per_replication": caught},
            weight=k / n * max(sheltered, 1.0)))
    return out


def assembly_water_findings(results: Sequence[DrillResult], spec: DrillSpec, loaded: Loaded) -> list[Finding]:
    """A plan assembly point the water reaches within the drill: it is no place of safety, and those the plan
    sends there are caught on it or find the way to it under water and turn back.

    Water at the place (the depth at which a place counts as reached, :data:`drills.model.movement.WET_DEPTH_M`)
    is enough: an assembly point is chosen outside the area the flood can reach (GB/T 29639-2020 annexes: routes
    and places of safety on the plan's maps). Its depth is the peak there in the central flood (the estimate or
    study at the central breach time and volume). 整改项 when it happens in more than the tolerated tail of
    replications, 改进项 otherwise [P], as :func:`refuge_water_findings`.
    """
    out = []
    n = len(results)
    net = spec.network
    flood = spec.dam_break.flood if spec.dam_break is not None else None
    points = loaded.plan.evacuation.assembly_points
    for i, ap_id in enumerate(points):
        if ap_id not in net.index:
            continue
        ap = net.index[ap_id]
        wet = [res.node_water_s[ap] for res in results if res.node_water_s[ap] < spec.duration_s]
        if not wet:
            continue
        depth = flood.node_peak(ap)[0] if flood is not None and hasattr(flood, "node_peak") else math.nan
        hit = [p for res in results for p in res.people
               if (p.end == ap_id and p.outcome == "caught") or p.turned_back == ap_id]
        caught = sum(1 for p in hit if p.outcome == "caught" and p.end == ap_id) / n
        turned = sum(1 for p in hit if p.turned_back == ap_id) / n
        # the places the plan sends there, and those whose people met the water there: another point for them
        served = {x for r in loaded.plan.evacuation.routes if r.path and r.path[-1] == ap_id for x in r.from_}
        served.update(p.start for p in hit)
        k = len(wet)
        water_s = float(np.median(wet))
        out.append(found(
            "assembly_water", {"node": ap_id, "k": k, "n": n, "water_s": water_s, "depth_m": depth,
                               "caught": caught, "turned": turned},
            key=f"M3:assembly_water:{ap_id}", metric="M3", cls=MUST_CORRECT if k / n > TAIL_SHARE else IMPROVEMENT,
            standards=("M3", "routes"), refs=[ref(loaded, ("evacuation", "assembly_points", i), text=ap_id)],
            remedies=("change_assembly_point", "change_route"), targets={"places": sorted(served), "node": ap_id},
            numbers={"replications_with_water": k, "water_p50_s": water_s, "central_peak_depth_m": depth,
                     "caught_there_per_replication": caught, "turned_back_short_of_it_per_replication": turned},
            weight=k / n * max(caught + turned, 1.0)))
    return out


def turned_back_findings(results: Sequence[DrillResult], loaded: Loaded) -> list[Finding]:
    """A starting place whose people met the water on their way and had to turn back: the route they took
    (the plan's, unless they had already left it) was closed by the water before they were through.

    They got out, if at all, only by finding another way on their own, at the cost of the walk in and back;
    the plan gave them a route the water closes. 整改项 when it happens in more than the tolerated tail of
    replications, 改进项 otherwise [P], as :func:`refuge_water_findings`. It tells how those who turned back
    ended (out another way, in a refuge, caught, or not yet safe when the drill ended); those caught are
    counted here and in the place's own finding (:func:`safety_findings`).
    """
    n = len(results)
    by_place: dict[str, list[Any]] = {}
    for res in results:
        for p in res.people:
            if p.turned_back:
                by_place.setdefault(p.start, []).append(p)
    out = []
    routes = loaded.plan.evacuation.routes
    for place, people in sorted(by_place.items()):
        k = len({p.replication for p in people})
        where = dict(Counter(p.turned_back for p in people))
        # how they ended: caught, in a refuge, not yet safe when the drill ended, or out another way
        caught = sum(p.outcome == "caught" for p in people)
        refuge = sum(p.outcome == "refuge" for p in people)
        still = sum(p.outcome not in SAFE_OUTCOMES and p.outcome != "caught" for p in people)
        most = max(Counter(p.replication for p in people).values())
        i = next((j for j, r in enumerate(routes) if place in r.from_), None)
        route = routes[i].id if i is not None else ""
        route_ref = ref(loaded, ("evacuation", "routes", i), text=route) if i is not None else ref(
            loaded, ("evacuation",), "ref_no_route", place=place)
        top = sorted(where.items(), key=lambda x: (-x[1], x[0]))[:3]
        out.append(found(
            "turned_back", {"place": place, "route": route, "k": k, "n": n, "people": len(people), "most": most,
                            "where": top, "caught": caught, "refuge": refuge, "open": still},
            key=f"M3:turned_back:{place}", metric="M3", cls=MUST_CORRECT if k / n > TAIL_SHARE else IMPROVEMENT,
            standards=("M3",), refs=[route_ref], remedies=("change_route", "ladderway_route"),
            targets={"places": [place], "route": route, "turned_back_at": where},
            numbers={"turned_back_person_replications": len(people), "replications_with_turn_back": k,
                     "most_in_one_replication": most, "replications": n, "turned_back_at": where,
                     "caught_after_turning_back": caught, "in_refuge_after_turning_back": refuge,
                     "not_safe_at_end_after_turning_back": still},
            weight=k / n * len(people) / n))
    return out


# ------------------------------------------------------------------ M1 latency
def _tail_facts(t: TailStep, loaded: Loaded) -> dict[str, Any]:
    """The post and step that set the tail of the order latency."""
    return {"who": _who(loaded, t.role), "order": t.order, "step": t.step, "never": t.never,
            "replications": t.replications, "step_p50_s": t.step_p50_s, "tail": t.tail, "n": t.n,
            "never_comes": math.isinf(t.latency_p95_s)}


def latency_finding(grade: MetricGrade, bn: Bottlenecks, loaded: Loaded) -> list[Finding]:
    if grade.grade in ("A", "–"):
        return []
    cls = MUST_CORRECT if grade.grade == "D" else IMPROVEMENT
    t = bn.tail
    chain = [{"who": _who(loaded, d.role), "step": d.step, "order": d.order, "replications": d.replications,
              "p50_s": d.p50_s, "p95_s": d.p95_s, "absent": d.absent_replications} for d in bn.role_delays]
    roles = list(dict.fromkeys(d.role for d in bn.role_delays if d.role != "automatic"))
    if t is not None and t.role and t.role != "automatic" and t.role not in roles:
        roles.insert(0, t.role)
    trig = [tr.id for tr in loaded.plan.warning.triggers if not tr.automatic]
    facts = {"value": grade.value, "grade": grade.grade, "chain": chain,
             "tail": _tail_facts(t, loaded) if t is not None else None}
    return [found(
        "m1_latency", facts, key="M1:latency", metric="M1", cls=cls, standards=("M1",),
        refs=[ref(loaded, ("warning", "triggers"))],
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
        out.append(found(
            "m4_internal", {"p95_s": internal_p95_s, "limit_s": INTERNAL_LIMIT, "triggers": slow},
            key="M4:internal", metric="M4", cls=MUST_CORRECT, standards=("M4",),
            refs=[ref(loaded, ("warning", "triggers"))],
            remedies=("lower_threshold", "make_automatic"), targets={"triggers": slow},
            numbers={"internal_p95_s": internal_p95_s}, weight=0.5))
    return out


# ------------------------------------------------------------------ M5 fidelity: one finding per post
def _step_facts(t: StepTally, loaded: Loaded) -> dict[str, Any]:
    """One step's counts and what its evidence names."""
    trig = next((tr.owner for tr in loaded.plan.warning.triggers if tr.level == t.level), "")
    role = next((r for r in loaded.plan.roles if r.id == t.owner), None)
    return {"action": t.action, "level": t.level, "limit_s": t.limit_s, "limit_is_plan": t.limit_is_plan,
            "local_s": LOCAL_NOTICE_LIMIT_S, "after": list(t.after), "due": t.due, "done": t.done, "late": t.late,
            "not_done": t.not_done, "owner": _who(loaded, t.owner),
            "trigger_owner": _who(loaded, trig) if trig else "", "has_backups": bool(role and role.backups),
            "why": sorted(t.why.items(), key=lambda x: -x[1])}


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
        backups = [role_title(loaded, b) for b in role.backups] if role else []
        county = [t for t in tallies if t.owner == owner and t.action == "notify_county" and not t.limit_is_plan]
        facts = {"who": _who(loaded, owner), "n": n, "backups": backups,
                 "steps": [_step_facts(t, loaded) for t in steps],
                 "county": [{"action": t.action, "level": t.level} for t in county if t not in steps]}
        refs = []
        for t in steps:
            acts = next((a for lv, a in plan.warning.actions_by_level.items() if lv == t.level), [])
            k = next((j for j, a in enumerate(acts) if a.action == t.action and a.owner == t.owner), None)
            if k is not None:
                refs.append(ref(loaded, ("warning", "actions_by_level", t.level, k), text=t.action))
        r = index_of(plan.roles, owner)
        if r is not None:
            refs.append(ref(loaded, ("roles", r), text=owner))
        reporting = all(t.action in REPORTING for t in steps)
        # a step late, or waiting for another that was never done: the order can be given at once by the post that
        # declares the level (a step that waits for nothing gains nothing from that)
        remedies = ("name_backup",) + (("add_report_deadline",) if county else ()) + (
            ("delegate_order",) if any(t.late or t.why.get("waiting") for t in steps) else ())
        worst = max(t.failed for t in steps)
        out.append(found(
            "m5_post", facts, key=f"M5:post:{owner}", metric="M4" if reporting else "M5", cls=MUST_CORRECT,
            standards=("M4", "M5") if any(t.action in REPORTING for t in steps) else ("M5",),
            refs=refs or [ref(loaded, ("roles",))], remedies=remedies,
            targets={"roles": [owner]},
            numbers={"replications": n, "backups": list(role.backups) if role else [],
                     "steps": [asdict(t) for t in steps]},
            weight=worst / n))
    return out


# ------------------------------------------------------------------ M6 robustness
def robustness_findings(rob: Robustness, loaded: Loaded) -> list[Finding]:
    """M6: single faults that break the plan (no redundancy, or too slow a one), or worsen it significantly."""
    out = []
    n = rob.replications
    for run in rob.runs:
        d_unsafe = run.diffs["unsafe"]
        d_late = run.diffs["late_warned"]
        if not rob.breaks(run):
            continue
        f = run.fault
        flips = [m for m, b in (("M2", rob.base_m2_pass and not run.m2_pass),
                                ("M3", rob.base_m3_pass and not run.m3_pass)) if b]
        remedies, targets, fault_ref = _fault_remedies(f.kind, f.target, loaded)
        targets["places"] = list(run.places)[:6]
        diff = ("base_mean", "new_mean", "mean_diff", "ci_low", "ci_high")
        facts = {"fault": f.name, "flips": flips, "at_s": f.at_s, "n": n,
                 "unsafe": {k: getattr(d_unsafe, k) for k in diff}, "late": {k: getattr(d_late, k) for k in diff},
                 "rise_s": run.t100_rise_s, "places": list(run.places)[:6],
                 "p95_base_s": upper_tail(r.t100_after_order_s for r in rob.base), "p95_fault_s": run.t100_p95_s}
        out.append(found(
            "m6_fault", facts, key=f"M6:{f.name}", metric="M6", cls=DEFICIENCY,
            standards=FAULT_STANDARDS.get(f.kind, ("M6",)), refs=[fault_ref],
            remedies=remedies, targets={**targets, "fault": f.name, "group": _group_of(loaded, targets["places"])},
            numbers={"unsafe": d_unsafe.to_json(), "late_warned": d_late.to_json(), "t100_rise_s": run.t100_rise_s},
            weight=max(d_unsafe.mean_diff, 0.0) + 0.25 * max(d_late.mean_diff, 0.0)))
    return out


#: the requirement a single fault the plan does not withstand concerns, by the fault's kind: back-up power and the
#: emergency communications for power, network and channel faults (M6), back-ups for key posts for an absent role,
#: two independent exits for a cage out, two walkable exits per level for a passage cut, the automatic start of
#: the warning for a sensor or the monitoring down
FAULT_STANDARDS: dict[str, tuple[str, ...]] = {
    "role_absent": ("backups",), "hoist_out": ("exits",), "link_cut": ("level_exits",),
    "sensor_failed": ("M1",), "monitoring_down": ("M1",),
}


def _group_of(loaded: Loaded, places: list[str]) -> str | None:
    residents = {r.at for r in loaded.site.residents}
    groups = {"resident" if p in residents else "miner" for p in places}
    return groups.pop() if len(groups) == 1 else None


def _fault_remedies(kind: str, target: str | None, loaded: Loaded) -> tuple[tuple[str, ...], dict, tuple]:
    plan = loaded.plan
    if kind == "mains_power":
        powered = [c.id for c in plan.channels if c.needs_mains_power]
        return ("add_battery", "add_door_to_door", "ladderway_route"), {"channels": powered}, ref(
            loaded, ("channels",), text="needs_mains_power / backup_power_h")
    if kind == "mobile_network":
        return ("add_siren", "add_door_to_door"), {}, ref(loaded, ("channels",), text="needs_mobile_network")
    if kind == "channel_down":
        k = index_of(plan.channels, target or "")
        return (("add_channel", "add_siren", "add_door_to_door", "extend_coverage"), {"channels": [target]},
                ref(loaded, ("channels", k), text=target or "") if k is not None else ref(loaded, ("channels",)))
    if kind == "role_absent":
        k = index_of(plan.roles, target or "")
        return (("name_backup", "make_automatic", "delegate_order"), {"roles": [target]},
                ref(loaded, ("roles", k), text=target or "") if k is not None else ref(loaded, ("roles",)))
    if kind == "hoist_out":
        return ("ladderway_route", "add_refuge", "change_route"), {"hoist": target}, ref(
            loaded, ("evacuation", "routes"))
    return ("change_route", "change_assembly_point", "add_refuge"), {"link": target}, ref(
        loaded, ("evacuation", "routes"), "ref_routes_over", link=target)

