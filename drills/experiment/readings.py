"""Per-replication readings behind the graded scorecard (M1–M5, M7) and the revision search.

One :class:`Reading` per replication, computed from the drill's records and a few facts of the plan
(:class:`PlanFacts`). The definitions, with the requirement each one puts into practice:

* **At risk**: a person whose place the water reached within the drill, or who was caught on the way.
  The next shift kept on the surface is not at risk. People at the hazard's source (their place is wet
  at the first moment anything is wet, e.g. the heading where the inrush breaks in) are warned by the
  hazard itself; no plan can warn them earlier, so they are left out of the reach counts (M2), never
  out of the safety counts (M3).
* **Late warned** (M2, 2023 Opinions: the order reaches all people at the first moment): at risk and not
  warned by the order before the water reached their place — never warned, or warned first by the water.
* **Unsafe** (M3, AQ 2033-2011 4.2 「撤离优先，避险就近」): caught by the water on the way or at home
  (whose margin over the water was negative), or at risk and not in a place of safety (surface, refuge,
  assembly point) when the drill ends — a miner still underground, a household at home in a house the
  flood reached, sheltering upstairs or still downstairs (the water stayed below what they could wade, so
  it did not catch them, but they are in its way). A person who left before the water and reached safety
  kept a positive margin along the way (``PersonRecord.margin_s``) and is safe, even if the water reached
  their starting place before they reached the surface.
* **T100 after order** (M2): the last person of an audience (underground, downstream) warned, minus that
  audience's order; infinite if one was never warned by the order.
* **Order latency** (M1, GB/T 29639-2020 §3.1.2): the order minus the first time a trigger of a level
  whose actions include that order was met.
* **Reporting** (M4, 《生产安全事故报告和调查处理条例》 第九条): notify_county done minus its trigger,
  against the plan's deadline and never more than 1 h; notify_township / notify_village_heads against
  the plan's deadline or, where it gives none, :data:`LOCAL_NOTICE_LIMIT_S` [P].
* **Plan steps** (M5, AQ/T 9009-2015 附录A 「符合预案要求」): every action of every level declared is
  expected; it is on time when done within its limit (:func:`step_limit`: the plan's deadline; the
  county report never later than the hour of 条例 第九条; telling the township or the village heads
  within :data:`LOCAL_NOTICE_LIMIT_S` [P] where the plan gives no deadline, as M4 counts them), or done
  at all where no limit applies. A step still pending when the drill ends counts only if its limit (or
  :data:`STEP_GRACE_S` [P]) had passed. The findings count the same outcomes (:func:`step_outcomes`).
* **Objective** [P]: the single number the revision search lowers (see :func:`objective`).

[P] marks the project's own numbers: no standard gives them.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, overload

import numpy as np

from drills.inputs.loaded import Loaded
from drills.model.drill import DAM_BREACH
from drills.model.flood_season import LEVELS
from drills.model.records import SAFE_OUTCOMES, ActionRecord, DrillResult, People, PersonRecord
from drills.model.spec import Action, DrillSpec

#: 条例 第九条: the unit head reports to the county-level authority within 1 h.
COUNTY_REPORT_LIMIT_S = 3600.0
#: [P] "immediately" (M4 of the proposed scoring model) for telling the township and the village heads, where the
#: plan sets no limit.
LOCAL_NOTICE_LIMIT_S = 300.0
#: [P] a plan step with no deadline that is still not done this long after its trigger counts as not done.
STEP_GRACE_S = 3600.0
#: [P] weights of the search objective, per person and per minute.
OBJECTIVE_WEIGHTS = {"unsafe": 1.0, "expected_fatalities": 1.0, "late_warned": 0.25, "turned_back": 0.25,
                     "entered_during_red": 1.0, "t100_min": 0.01, "latency_min": 0.01, "steps_failed": 0.1}

MINE_ORDER = "evacuate_underground"
PUBLIC_ORDER = "evacuate_downstream"
LOCAL_NOTICES = ("notify_township", "notify_village_heads")
_TRIGGER_EVENT = re.compile(r"^(?P<id>.+) met \((?P<level>blue|yellow|orange|red)\)$")
_NOBODY_DECIDES = re.compile(r"^nobody to decide on (?P<id>.+)$")


@dataclass(frozen=True)
class PlanFacts:
    """What the readings need from the plan beyond the compiled drill.

    Attributes:
        deadlines: (action, owner) → the plan's deadline_s for that step.
        trigger_levels: trigger id → its level.
        scenario_order: the scenario gives the order itself (the plan's triggers are bypassed).
        red_met_warning_s: when a red rainstorm warning is issued (inf if never or no storm).
    """

    deadlines: dict[tuple[str, str], float]
    trigger_levels: dict[str, str]
    scenario_order: bool
    red_met_warning_s: float = math.inf

    @classmethod
    def of(cls, loaded: Loaded, spec: DrillSpec) -> PlanFacts:
        deadlines: dict[tuple[str, str], float] = {}
        for acts in loaded.plan.warning.actions_by_level.values():
            for a in acts:
                if a.deadline_s is not None:
                    deadlines.setdefault((a.action, a.owner), float(a.deadline_s))
        red = spec.season.met_warning_s("red") if spec.season is not None else math.inf
        return cls(deadlines, {t.id: t.level for t in loaded.plan.warning.triggers}, spec.order_at_s is not None,
                   float(red))


class PersonState(NamedTuple):
    """The reading of one person in one replication (see the module docstring).

    A named tuple, made when a replication's :class:`States` (which keeps them by column) is read person by person.
    """

    record: PersonRecord
    audience: bool  # meant to be warned: not a later shift kept on the surface
    source: bool
    at_risk: bool
    late: bool
    unsafe: bool
    order_s: float


@dataclass(frozen=True)
class Reading:
    """The numbers of one replication (times in s; NaN = does not apply, inf = never)."""

    replication: int
    at_risk: int
    unsafe: int
    late_warned: int
    never_warned: int
    share_warned_before_water: float
    t100_after_order_s: float
    order_latency_s: float
    margin_min_s: float
    caught: int
    expected_fatalities: float
    county_report_s: float
    county_limit_s: float
    local_notice_late: int
    steps_expected: int
    steps_on_time: int
    steps_unexecutable: tuple[str, ...] = ()
    steps_late: tuple[str, ...] = ()
    entered: int = 0
    entry_violations: int = 0
    entered_during_red: float = 0.0  # NaN in a drill where no shift goes underground after the start
    faults: tuple[str, ...] = field(default_factory=tuple)
    turned_back: int = 0  # people who met the water on their way and turned back (their route failed them)
    #: of them, those the water reached at their place and warned before it: the route, not the warning, failed
    #: them (one whose place stayed dry went home unharmed)
    turned_back_warned_in_time: int = 0

    @property
    def steps_failed(self) -> int:
        """Plan steps not done on time: not done at all, or after their deadline."""
        return self.steps_expected - self.steps_on_time

    @property
    def fidelity(self) -> float:
        return self.steps_on_time / self.steps_expected if self.steps_expected else math.nan


def onset_s(res: DrillResult) -> float:
    """The first moment anything is wet, or the dam breaks (the hazard's onset as the drill saw it). A hydraulic
    study need not list the dam itself: without the breach, the first place its flood reached was taken for the
    hazard's source, and its people were left out of 'warned before the water' as if the water started there."""
    breach = min((e.t_s for e in res.timeline if e.kind == "hazard" and e.what == DAM_BREACH), default=math.inf)
    return min(min(res.node_water_s, default=math.inf), breach)


class States(Sequence[PersonState]):
    """The person states of one replication, by column: it reads as a sequence of :class:`PersonState` (made on
    access) and keeps five flags and one time per person next to the replication's records (:class:`People`),
    which an exercise keeps for every replication. The readings and the scorecard work on the columns."""

    __slots__ = ("at_risk", "audience", "late", "order_s", "people", "source", "unsafe")

    def __init__(self, people: People, audience: np.ndarray, source: np.ndarray, at_risk: np.ndarray,
                 late: np.ndarray, unsafe: np.ndarray, order_s: np.ndarray) -> None:
        self.people = people
        self.audience, self.source, self.at_risk, self.late, self.unsafe = audience, source, at_risk, late, unsafe
        self.order_s = order_s
        for a in (audience, source, at_risk, late, unsafe, order_s):
            a.flags.writeable = False

    def __len__(self) -> int:
        return len(self.people)

    def __iter__(self) -> Iterator[PersonState]:
        return map(_NEW_STATE, zip(self.people, self.audience.tolist(), self.source.tolist(), self.at_risk.tolist(),
                                   self.late.tolist(), self.unsafe.tolist(), self.order_s.tolist(), strict=True))

    @overload
    def __getitem__(self, i: int) -> PersonState: ...

    @overload
    def __getitem__(self, i: slice) -> list[PersonState]: ...

    def __getitem__(self, i: int | slice) -> PersonState | list[PersonState]:
        if isinstance(i, slice):
            return list(self)[i]
        return PersonState(self.people[i], bool(self.audience[i]), bool(self.source[i]), bool(self.at_risk[i]),
                           bool(self.late[i]), bool(self.unsafe[i]), float(self.order_s[i]))

    def __eq__(self, other: object) -> bool:
        """The same records and classification (NaN equal to NaN, as the same drill run twice must be)."""
        if not isinstance(other, States):
            return NotImplemented
        mine = (self.audience, self.source, self.at_risk, self.late, self.unsafe)
        theirs = (other.audience, other.source, other.at_risk, other.late, other.unsafe)
        return (self.people == other.people and all(np.array_equal(a, b) for a, b in zip(mine, theirs, strict=True))
                and np.array_equal(self.order_s, other.order_s, equal_nan=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))

    def take(self, index: Sequence[int] | np.ndarray) -> States:
        """The states of the people at ``index`` (in that order)."""
        idx = np.asarray(index, dtype=np.intp)
        return States(self.people.take(idx), self.audience[idx], self.source[idx], self.at_risk[idx],
                      self.late[idx], self.unsafe[idx], self.order_s[idx])


_NEW_STATE = functools.partial(tuple.__new__, PersonState)  # positional, in PersonState's field order


def person_states(res: DrillResult, spec: DrillSpec) -> States:
    """Classify every person of one replication (at risk, late, unsafe...)."""
    first = onset_s(res)
    end = spec.duration_s
    people = res.people
    outcome = functools.partial(people.isin, "outcome")
    water = people.array("water_s")
    audience = ~outcome(("kept_out",))
    order = np.where(people.isin("group", ("miner",)), res.order_s, res.downstream_order_s)
    caught = outcome(("caught",))
    at_risk = audience & (caught | (water < end))
    source = at_risk & (water <= first + 1.0)
    by_order = ~people.isin("warned_by", ("", "water"))
    late = at_risk & ~source & ~(by_order & (people.array("warned_s") < water))
    flooded_home = outcome(("sheltered",)) & ~people.isin("situation", ("",))
    unsafe = caught | flooded_home | (at_risk & ~outcome(SAFE_OUTCOMES))
    return States(people, audience, source, at_risk, late, unsafe, order)


def _t100(states: States) -> float:
    """Last person warned by the order after their audience's order; inf if one was never warned by it."""
    worst = -math.inf
    applies = False
    people = states.people
    for group in ("miner", "resident"):
        mine = states.audience & ~states.source & people.isin("group", (group,))
        if not mine.any():
            continue
        order = float(states.order_s[mine][0])
        if math.isnan(order):
            if states.at_risk[mine].any():
                return math.inf
            continue
        applies = True
        if people.isin("warned_by", ("", "water"))[mine].any():
            return math.inf
        worst = max(worst, *(people.array("warned_s")[mine] - order).tolist())
    return max(worst, 0.0) if applies else math.nan


def _first_met(res: DrillResult, spec: DrillSpec, facts: PlanFacts) -> dict[str, float]:
    """Per order: the first time a trigger of a level whose actions give that order was met."""
    levels_with = {o: {lv for lv, acts in spec.actions_by_level.items() if any(a.action == o for a in acts)}
                   for o in (MINE_ORDER, PUBLIC_ORDER)}
    out = {MINE_ORDER: math.inf, PUBLIC_ORDER: math.inf}
    for e in res.timeline:
        if e.kind != "trigger":
            continue
        m = _TRIGGER_EVENT.match(e.what)
        if m is None:
            continue
        for order, levels in levels_with.items():
            if m["level"] in levels:
                out[order] = min(out[order], e.t_s)
    return out


def _latency(res: DrillResult, spec: DrillSpec, facts: PlanFacts, states: States) -> float:
    if facts.scenario_order:
        return math.nan
    first = _first_met(res, spec, facts)
    worst = math.nan
    for order, group, t_order in ((MINE_ORDER, "miner", res.order_s), (PUBLIC_ORDER, "resident",
                                                                        res.downstream_order_s)):
        at_risk = bool((states.at_risk & states.people.isin("group", (group,))).any())
        if math.isfinite(first[order]):
            lat = t_order - first[order] if not math.isnan(t_order) else math.inf
        elif at_risk and math.isnan(t_order):
            lat = math.inf  # the hazard came and the plan never gave the order
        else:
            continue
        worst = lat if math.isnan(worst) else max(worst, lat)
    return worst


def declared_steps(res: DrillResult,
                   facts: PlanFacts) -> tuple[dict[str, float], set[str], dict[tuple[str, str], list]]:
    """What one replication's records say of the plan's steps: when each level was first due, the levels
    nobody was there to decide, and the action records by (action, owner) in the order they were made.

    Levels only rise (:mod:`drills.model.decision`): a trigger that someone decides makes due, with its own level,
    every lower level not yet due."""
    met: list[tuple[float, str, str]] = []
    gave_up: set[str] = set()
    for e in res.timeline:
        if e.kind == "trigger":
            m = _TRIGGER_EVENT.match(e.what)
            if m is not None:
                met.append((e.t_s, m["id"], m["level"]))
        elif e.kind == "decision":
            m = _NOBODY_DECIDES.match(e.what)
            if m is not None and m["id"] in facts.trigger_levels:
                gave_up.add(m["id"])
    declared: dict[str, float] = {}
    nobody: set[str] = set()
    for t_s, ident, level in met:
        if level in declared:
            continue
        declared[level] = t_s
        if ident in gave_up:
            nobody.add(level)
            continue
        for lower in LEVELS[: LEVELS.index(level)]:
            declared.setdefault(lower, t_s)
    records: dict[tuple[str, str], list] = {}
    for a in res.actions:
        records.setdefault((a.action, a.owner), []).append(a)
    return declared, nobody, records


def step_limit(act: Action, facts: PlanFacts) -> tuple[float | None, bool]:
    """A plan step's time limit (s after its trigger) and whether that limit is the plan's own.

    The report to the county: the plan's deadline, never more than :data:`COUNTY_REPORT_LIMIT_S` (条例
    第九条). Telling the township or the village heads: the plan's deadline or, where it gives none,
    :data:`LOCAL_NOTICE_LIMIT_S` [P]. Any other step: the plan's deadline, or None (never late).
    """
    plan = act.deadline_s if act.deadline_s is not None else facts.deadlines.get((act.action, act.owner))
    if act.action == "notify_county":
        if plan is not None and plan <= COUNTY_REPORT_LIMIT_S:
            return plan, True
        return COUNTY_REPORT_LIMIT_S, False
    if act.action in LOCAL_NOTICES and plan is None:
        return LOCAL_NOTICE_LIMIT_S, False
    return plan, True


#: Why a due step was not done, in the order they are looked for (see :func:`step_outcomes`).
NOT_DONE_WHY = ("nobody_declared", "unreachable", "waiting", "pending")


class StepOutcome(NamedTuple):
    """One due plan step in one replication.

    ``status`` is ``on_time``, ``late`` (done after its limit) or ``not_done``; ``why`` says why a step was
    not done (one of :data:`NOT_DONE_WHY`), else is empty.
    """

    level: str
    position: int  # the step's place among its level's actions
    action: Action
    status: str
    why: str = ""


def step_outcomes(res: DrillResult, spec: DrillSpec, facts: PlanFacts) -> list[StepOutcome]:
    """Every plan step due in one replication, classified once for M5 and for the findings.

    A step is due once a trigger of its level is met; when it has no record, only if nobody was there to
    declare the level or its limit (:func:`step_limit`, else :data:`STEP_GRACE_S` [P]) had passed before
    the drill ended. Action records are matched to the steps in the plan's order.
    """
    declared, nobody, records = declared_steps(res, facts)
    recorded_at = {key: {r.level for r in recs} for key, recs in records.items()}
    out: list[StepOutcome] = []
    for level, t_met in declared.items():  # in time order; a declaring level before those it takes with it
        acts = spec.actions_by_level.get(level, ())
        rank = LEVELS.index(level)
        # a step (same action, same post) that a higher level also has, done there and not at this level, was
        # done once, with that level (:mod:`drills.model.decision`): it is counted there
        repeated = {key for a in acts if level not in recorded_at.get(key := (a.action, a.owner), set())
                    and any(LEVELS.index(lv) > rank for lv in recorded_at.get(key, set()))}
        recs = [None if (key := (a.action, a.owner)) in repeated else _take(records.get(key, []), level) for a in acts]
        done = {(a.action, a.owner): (a.action, a.owner) in repeated or (r is not None and not math.isnan(r.done_s))
                for a, r in zip(acts, recs, strict=True)}
        by_id = {a.id: (a.action, a.owner) for a in acts if a.id}
        for k, (act, rec) in enumerate(zip(acts, recs, strict=True)):
            if (act.action, act.owner) in repeated:
                continue
            limit, _ = step_limit(act, facts)
            if rec is None:
                if level in nobody:
                    why = "nobody_declared"
                elif spec.duration_s - t_met > (limit if limit is not None else STEP_GRACE_S):
                    why = "waiting" if any(not done.get(by_id.get(x, ("", "")), True) for x in act.after) \
                        else "pending"
                else:
                    continue  # its time had not come when the drill ended
                out.append(StepOutcome(level, k, act, "not_done", why))
            elif not done[(act.action, act.owner)]:
                out.append(StepOutcome(level, k, act, "not_done", "unreachable"))
            elif limit is None or rec.done_s - rec.trigger_s <= limit:
                out.append(StepOutcome(level, k, act, "on_time"))
            else:
                out.append(StepOutcome(level, k, act, "late"))
    return out


def _take(records: list[ActionRecord], level: str) -> ActionRecord | None:
    """The first of a step's records made as a step of ``level`` (removed from the list), or None: a step is
    matched to its own level's, not to the same step done for another level."""
    for k, r in enumerate(records):
        if r.level == level:
            return records.pop(k)
    return None


def step_after(act: Action, acts: tuple[Action, ...] | list[Action]) -> tuple[str, ...]:
    """The actions (by kind) a step waits for: its ``after`` ids, resolved among its level's steps."""
    return tuple(next((b.action for b in acts if b.id == x), x) for x in act.after)


def _steps(res: DrillResult, spec: DrillSpec, facts: PlanFacts) -> tuple[int, int, list[str], list[str]]:
    """Expected plan steps, those on time, those that could not be done, those late or pending."""
    outcomes = step_outcomes(res, spec, facts)
    unexecutable: list[str] = []
    late: list[str] = []
    for o in outcomes:
        name = f"{o.level}:{o.action.action}/{o.action.owner}"
        if o.why in ("nobody_declared", "unreachable"):
            unexecutable.append(name)
        elif o.status != "on_time":
            late.append(name)
    return len(outcomes), sum(o.status == "on_time" for o in outcomes), unexecutable, late


def _reports(res: DrillResult, facts: PlanFacts) -> tuple[float, float, int]:
    county = math.nan
    limit = COUNTY_REPORT_LIMIT_S
    local_late = 0
    for a in res.actions:
        deadline = a.deadline_s if not math.isnan(a.deadline_s) else facts.deadlines.get((a.action, a.owner))
        took = a.done_s - a.trigger_s if not math.isnan(a.done_s) else math.inf
        if a.action == "notify_county":
            limit = min(COUNTY_REPORT_LIMIT_S, deadline if deadline is not None else math.inf)
            county = took if math.isnan(county) else min(county, took)
        elif a.action in LOCAL_NOTICES and took > (deadline if deadline is not None else LOCAL_NOTICE_LIMIT_S):
            local_late += 1
    return county, limit, local_late


def _entered_during_red(res: DrillResult, spec: DrillSpec, facts: PlanFacts) -> float:
    """People of a later shift who went underground while a red warning or red level stood; NaN where no shift goes
    underground after the start (a valley, or a mine with one shift): it does not apply, rather than is 0."""
    if not spec.entries:
        return math.nan
    red = facts.red_met_warning_s
    for e in res.timeline:
        m = _TRIGGER_EVENT.match(e.what) if e.kind == "trigger" else None
        if m is not None and m["level"] == "red":
            red = min(red, e.t_s)
    n = 0
    kept_out = res.people.isin("outcome", ("kept_out",))
    for t_enter, party_ids in spec.entries:
        if t_enter < red:
            continue
        for k in party_ids:
            party = spec.parties[k]
            if not kept_out[list(party.members)].all():
                n += len(party.members)
    return n


def margins(states: States, end_s: float) -> list[float]:
    """Each person's lead over the water, as the graded M3 reads it: -inf for the unsafe (caught, or at risk and
    not in a place of safety when the drill ends), the recorded margin capped at the drill's length for those who
    reached safety; people neither are left out. In person order."""
    people = states.people
    counted = states.unsafe | (states.audience & people.isin("outcome", ("surface", "refuge", "assembly")))
    lead = np.where(states.unsafe, -math.inf, np.minimum(people.array("margin_s"), end_s))
    return lead[counted].tolist()  # type: ignore[no-any-return]


def read(res: DrillResult, spec: DrillSpec, facts: PlanFacts, states: States | None = None) -> Reading:
    """The reading of one replication (``states``: its :func:`person_states`, if already made)."""
    if states is None:
        states = person_states(res, spec)
    end = spec.duration_s
    people = states.people
    reach = states.at_risk & ~states.source
    leads = margins(states, end)
    expected, on_time, unexecutable, late = _steps(res, spec, facts)
    county, limit, local_late = _reports(res, facts)
    n_reach = int(reach.sum())
    return Reading(
        replication=res.replication,
        at_risk=int(states.at_risk.sum()),
        unsafe=int(states.unsafe.sum()),
        late_warned=int(states.late.sum()),
        never_warned=int((states.audience & people.isin("warned_by", ("", "water")) & ~states.source).sum()),
        # NaN when the water reached nobody (outside its source): no one to be warned before it, as in the scorecard
        share_warned_before_water=(1.0 - int(states.late[reach].sum()) / n_reach) if n_reach else math.nan,
        t100_after_order_s=_t100(states),
        order_latency_s=_latency(res, spec, facts, states),
        margin_min_s=min(leads) if leads else end,
        caught=int(people.isin("outcome", ("caught",)).sum()),
        turned_back=int((turned := ~people.isin("turned_back", ("",))).sum()),
        turned_back_warned_in_time=int((turned & states.at_risk & ~states.late).sum()),
        # NaN ("not estimated") when no one in the drill is under a lethality rule (miners underground)
        expected_fatalities=(float(np.nansum(people.array("fatality_p")))
                             if people.isin("group", ("resident",)).any() else math.nan),
        county_report_s=county,
        county_limit_s=limit,
        local_notice_late=local_late,
        steps_expected=expected,
        steps_on_time=on_time,
        steps_unexecutable=tuple(unexecutable),
        steps_late=tuple(late),
        entered=res.entered,
        entry_violations=res.entry_violations,
        entered_during_red=_entered_during_red(res, spec, facts),
        faults=res.faults,
    )


def objective(r: Reading, duration_s: float) -> float:
    """The search's loss for one replication [P]: lower is better.

    People not safe before the water count 1 each and their expected deaths (the lethality rule in the
    valley) 1 more each, so that being caught in the open weighs more than waiting upstairs; people warned
    late a quarter each, and so people at risk warned in time who met the water on their way and had to turn back
    (the plan's route failed them even when they got out), on top of the 1 if they were not safe. One warned late
    who turns back counts once, as warned late, and one whose place the water never reached went home unharmed:
    a revision that sets such people out (a deputy whose order comes too late to get through, or to people the
    water never reaches) is not called worse for it; people
    sent underground during a red warning 1 each, plan steps not done on time a tenth each; then a
    hundredth per minute of the last warning after the order and of the order's latency (each capped at
    the drill's length), so that among plans that protect everyone the faster one wins.
    """
    w = OBJECTIVE_WEIGHTS
    cap = duration_s / 60.0

    def minutes(x: float) -> float:
        return 0.0 if math.isnan(x) else min(x / 60.0, cap)

    return (w["unsafe"] * r.unsafe + w["expected_fatalities"] * nan_as_0(r.expected_fatalities)
            + w["late_warned"] * r.late_warned + w["turned_back"] * r.turned_back_warned_in_time
            + w["entered_during_red"] * nan_as_0(r.entered_during_red) + w["steps_failed"] * r.steps_failed
            + w["t100_min"] * minutes(r.t100_after_order_s) + w["latency_min"] * minutes(r.order_latency_s))


def nan_as_0(x: float) -> float:
    """A count that does not apply to the drill (NaN) as nothing, where counts are summed."""
    return 0.0 if math.isnan(x) else x


def read_all(results, spec: DrillSpec, facts: PlanFacts, states: Sequence[States]) -> list[Reading]:
    """Readings of every replication, in replication order, from their :func:`person_states` (as
    :attr:`drills.experiment.exercise.ExerciseResult.states` keeps them)."""
    return [read(r, spec, facts, s) for r, s in zip(results, states, strict=True)]
