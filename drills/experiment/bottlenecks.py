"""Where the plan breaks, read from the drill records: who is warned late and why, where people queue,
whose route floods first, and whose delay dominates the order.

Causes of a late warning (AQ/T 9009-2015 附录A 预警与信息报告 and 应急通讯), tried in this order for each
person at risk who was not warned by the order before the water reached their place:

* ``no_order`` — the plan never gives the order this person's audience needs (at no warning level, and the
  scenario orders nothing);
* ``trigger`` — no trigger of the order's level was met before the water came (threshold too high,
  trigger missing, sensor failed);
* ``decision`` — a trigger of the order's level was met before the water reached the place, but the
  order came after it (the decision chain: detection, decision, handover to an absent role's backup,
  a second post's decision) — however short the time between the two, which the findings state;
* ``coverage`` — no channel the order uses reaches the person's place (outside every siren's radius, no
  PA at that workplace, no paging lamp, no phone);
* ``channel_out`` — every channel that reaches the place failed or could not send (power, network,
  a fault, its reliability);
* ``way_closed`` — a travelling channel that reaches the place (a runner, a door-to-door team, a loudspeaker
  vehicle) came on, but the water or a cut passage stopped it before it got there: it could not set out from its
  place, or could not reach this one (the timeline says which); told only where no channel that reached the place
  came on before the water, and the stopped one came on before the water or was the only one to come on;
* ``activation`` — the channels that reach the place came on only after the water;
* ``turn`` — the channels that came on before the water work through their places or people one after another,
  and came to the person only after it: a door-to-door team or a runner on its way and at each door, a loudspeaker
  vehicle on its drive, phones rung one by one (station phones, a phone tree); told where such channels are the only
  ones that came on before the water, and, but for a team or a runner, which come to everyone on their way, where
  one of them warned the person (one that came in time may have gone unheard or unanswered: that is ``receipt``);
* ``receipt`` — a channel was sounding before the water but the message was not heard or noticed
  (audibility, night, phones unanswered).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from drills.experiment.exercise import ExerciseResult
from drills.experiment.readings import MINE_ORDER, PUBLIC_ORDER, PersonState, States
from drills.experiment.scorecard import zone_of
from drills.model.records import DrillResult
from drills.model.routing import routing_of
from drills.model.spec import DrillSpec

CAUSES = ("no_order", "trigger", "decision", "coverage", "channel_out", "way_closed", "activation", "turn",
          "receipt")
#: channels that come to people one place or person after another (``turn``): a team at each door and a runner at
#: each place come to everyone on their way; a vehicle may pass unheard and a phone ring unanswered
IN_TURN = {"door_to_door": True, "runner": True, "loudspeaker_vehicle": False, "station_phones": False,
           "phone_tree": False}
CAUSE_TEXT = {
    "no_order": "the plan gives no such evacuation order at any warning level",
    "trigger": "no trigger of the order's level was met before the water",
    "decision": "the order came after the water, or never, though a trigger was met before it (decision chain)",
    "coverage": "no channel of the order reaches this place",
    "channel_out": "every channel reaching this place failed or could not send",
    "way_closed": "the water or a cut passage stopped the team, runner or vehicle that reaches this place before it "
                  "got there",
    "activation": "the channels reaching this place came on after the water",
    "turn": "the channels reaching this place came on before the water but came to them only after it, in their turn "
            "(a team's or runner's way and visits, a vehicle's drive, phones rung one by one)",
    "receipt": "a channel was sounding before the water but the message was not received",
}
#: the causes in a planner's words, short, for lists of shares
CAUSE_WORDS = {
    "no_order": "no such order in the plan",
    "trigger": "no trigger met before the water",
    "decision": "order after the water or never",
    "coverage": "no channel reaches the place",
    "channel_out": "channels failed or could not send",
    "way_closed": "the water or a cut stopped the channel on its way",
    "activation": "channels came on after the water",
    "turn": "their turn came after the water",
    "receipt": "message not received",
}
RESIDENT_PLACES = ("household", "school", "field", "workplace")
_CHANNEL_EVENT = re.compile(r"^(?P<id>[A-Za-z0-9_.\-]+)(?::)? (?P<what>on|failed|cannot send.*|stopped.*)$")
#: a travelling channel stopped by the water or a cut (drills.model.warning): it could not set out from its place, or
#: could not reach one of its route
_STOPPED = re.compile(r"^(?P<id>[A-Za-z0-9_.\-]+) could not (?:(?P<leave>set out|go on) from (?P<start>[^:]+): "
                      r"(?P<why>.+)|reach "
                      r"(?P<place>[^:]+): (?P<how>the water|a cut passage) closes its way there from (?P<via>.+), and "
                      r"no other way is open)$")
#: a door-to-door team that stopped knocking at a place as the water there got too deep for it (drills.model.warning)
_KNOCKING = re.compile(r"^(?P<id>[A-Za-z0-9_.\-]+) stopped knocking at (?P<at>[^:]+): .+$")
#: why it could not set out, as the timeline says it → the key the findings tell
_SET_OUT = {"the water there is too deep for it": "flooded",
            "every way out of it is closed by the water": "shut_water", "every way out of it is cut": "shut_cut",
            "every way out of it is closed by the water or cut": "shut_both"}
_DECLARES = re.compile(r"^(?P<title>.+) declares (?P<level>blue|yellow|orange|red)$")
_AUTOMATIC = re.compile(r"^(?P<level>blue|yellow|orange|red) declared automatically by (?P<id>.+)$")
_ABSENT = re.compile(r"^(?P<title>.+) absent$")
_ORDER_GIVEN = re.compile(r"^evacuation order \((?P<where>underground|downstream)\) given by (?P<title>.+)$")
_TRIGGER = re.compile(r"^(?P<id>.+) met \((?P<level>blue|yellow|orange|red)\)$")


@dataclass(frozen=True)
class Medians:
    """Median times over the people one cause or reason applies to (s from the scenario start; NaN where
    none of them had that time).

    Attributes:
        people: person-replications it applies to.
        source: of them, people at the hazard's source (their place wet at the first moment).
        water_s: the water first reaches their starting place.
        trigger_s: the first trigger of their order's level is met.
        order_s: the order goes out to their place: the first step of their audience's order that starts a
            channel reaching it (:func:`order_there`; NaN where the order was never given or never sent there).
        warned_s: they are warned by the order (those never warned left out).
        departed_s: they leave (those who never left left out).
        never_left: of them, people who never left.
        caught_s: the water catches them (the place too deep to go on); caught people only.
        water_there_s: the water first reaches the place where it caught them; caught people only.
        water_ordered_s: the water first reaches their starting place, over those whose order was given (the
            same people as ``order_s``, so that the two medians compare: over all of them, people the order never
            came for, whose water came later, made an order after the water read as before it).
        fatality_p_max: the highest lethality-rule probability among them (NaN where no rule applies: underground).
        not_sent: of them, people whose order was given, but no step giving it started a channel reaching their
            place (one that would have was never taken).
    """

    people: int
    source: int = 0
    water_s: float = math.nan
    trigger_s: float = math.nan
    order_s: float = math.nan
    warned_s: float = math.nan
    departed_s: float = math.nan
    never_left: int = 0
    caught_s: float = math.nan
    water_there_s: float = math.nan
    water_ordered_s: float = math.nan
    fatality_p_max: float = math.nan
    not_sent: int = 0


def medians_of(states: Sequence[tuple[PersonState, float, float]]) -> Medians:
    """The medians of :class:`Medians` over ``(person, first trigger met for their order, first water where
    they ended)`` triples."""
    recs = [s.record for s, _, _ in states]
    warned = [p.warned_s if p.warned_by not in ("", "water") else math.nan for p in recs]
    caught = [(p.outcome_s, w) for (s, _, w), p in zip(states, recs, strict=True) if p.outcome == "caught"]
    return Medians(len(recs), sum(1 for s, _, _ in states if s.source), _median([p.water_s for p in recs]),
                   _median([t for _, t, _ in states]), _median([s.order_s for s, _, _ in states]), _median(warned),
                   _median([p.departed_s for p in recs]), sum(1 for p in recs if math.isnan(p.departed_s)),
                   _median([c for c, _ in caught]), _median([w for _, w in caught]),
                   _median([p.water_s for (s, _, _), p in zip(states, recs, strict=True) if math.isfinite(s.order_s)]),
                   max((p.fatality_p for p in recs if not math.isnan(p.fatality_p)), default=math.nan),
                   sum(1 for s, _, _ in states if math.isinf(s.order_s)))


def _most(reps: Sequence[int]) -> int:
    """The largest number of person-replications in one replication."""
    return max(Counter(reps).values(), default=0)


@dataclass(frozen=True)
class StopTally:
    """A travelling channel the water or a cut kept from people of a place who were warned late for it (cause
    ``way_closed``), over replications: the channel, its type, its :class:`Stop` (why, from where, the place it could
    not reach or empty), in how many replications, and the median time it was stopped."""

    channel: str
    type: str
    why: str
    at: str
    place: str
    replications: int
    t_p50_s: float


@dataclass(frozen=True)
class PlaceWarning:
    """Late warnings at one starting place, over replications (counts are person-replications; ``people``: the
    most people there in one replication, leaving out a later shift kept on the surface)."""

    place: str
    zone: str
    group: str
    people: int
    at_risk: int
    late: int
    late_replications: int
    never: int
    causes: dict[str, int]
    channels: tuple[str, ...]
    water_p50_s: float
    order_p50_s: float
    warned_p50_s: float
    first_warned_by: dict[str, int] = field(default_factory=dict)
    lead_p50_s: float = math.nan  # median time from the first trigger met to the water at the place
    most: int = 0  # the most people warned late in one replication
    by_cause: dict[str, Medians] = field(default_factory=dict)  # medians over the people of each cause
    never_in: tuple[int, ...] = ()  # replications in which the order was given and reached someone there by no channel
    never_most: int = 0  # the most people there it so never reached in one replication
    never_reached: int = 0  # person-replications it so never reached
    #: replications in which someone here was warned late because the order was never given, a trigger met before
    #: the water
    unordered_in: tuple[int, ...] = ()
    #: the teams, runners and vehicles the water or a cut kept from the people here warned late for it
    stops: tuple[StopTally, ...] = ()
    #: the teams, runners and vehicles of the order the water or a cut kept from the people here it never reached
    never_stops: tuple[StopTally, ...] = ()

    @property
    def main_cause(self) -> str:
        return max(self.causes, key=lambda c: (self.causes[c], -CAUSES.index(c))) if self.causes else ""

    @property
    def top_causes(self) -> tuple[str, ...]:
        """The causes seen most often, all of them when several tie (in the order of :data:`CAUSES`)."""
        most = max(self.causes.values(), default=0)
        return tuple(c for c in CAUSES if most and self.causes.get(c) == most)


@dataclass(frozen=True)
class LinkQueue:
    link: str
    kind: str
    p95_queue: float
    replications: int


@dataclass(frozen=True)
class HoistQueue:
    hoist: str
    p95_queue: float
    p50_wait_s: float
    p95_utilisation: float


@dataclass(frozen=True)
class DestinationLoad:
    """People ending at an assembly point or a refuge against its capacity."""

    node: str
    kind: str
    capacity: int | None
    p95_people: float


UNSAFE_REASONS = {
    "late_warning": "not warned by the order before the water",
    "did_not_leave": "warned in time but had not left when the water came (response delay or non-compliance)",
    "caught_on_route": "left before the water reached their place but were caught on the way",
    "turned_back_caught": "left before the water reached their place, met it on the way, turned back and were caught "
                          "where they had started",
    "sheltered_in_flood": "sheltered upstairs in a house the flood reached",
    "stayed_in_flood": "still at home, downstairs, when the drill ended, in a house the flood reached without catching "
                       "them (it stayed below what they could wade there)",
    "not_out": "still underground when the drill ended",
}


def unsafe_reason(s: PersonState) -> str:
    """Why one unsafe person was not safe (keys of :data:`UNSAFE_REASONS`)."""
    p = s.record
    if s.late:
        return "late_warning"
    if p.outcome == "sheltered":
        return "sheltered_in_flood"
    if p.outcome == "in_place":
        return "stayed_in_flood"
    if p.outcome != "caught":
        return "not_out"
    if math.isnan(p.departed_s) or (p.departed_s >= p.water_s and not s.source):
        return "did_not_leave"
    if p.turned_back and p.end == p.start:  # back where they started, with no way out left
        return "turned_back_caught"
    return "caught_on_route"


@dataclass(frozen=True)
class RouteFlood:
    """People not safe before the water, by starting place, with where the water found them."""

    place: str
    zone: str
    route: str
    unsafe: int
    replications: int
    caught_at: dict[str, int]
    on_planned_route: float
    departed_p50_s: float
    water_p50_s: float
    reasons: dict[str, int]
    most: int = 0  # the most people not safe in one replication
    #: medians over the people of each reason (``<reason>:source`` for those at the hazard's source)
    by_reason: dict[str, Medians] = field(default_factory=dict)
    replication_ids: tuple[int, ...] = ()  # the replications with someone from here not safe
    expected_fatalities: float = 0.0  # summed over replications, of everyone starting here (lethality rule)

    @property
    def main_reason(self) -> str:
        return max(self.reasons, key=lambda r: (self.reasons[r], r)) if self.reasons else ""


@dataclass(frozen=True)
class RoleDelay:
    """One post's share of the time from the first trigger to an order."""

    role: str
    step: str  # "detect and declare" or "give the order"
    order: str
    p50_s: float
    p95_s: float
    replications: int
    absent_replications: int


#: a segment of the time from the first trigger to an order: (post, step, order, seconds; inf if it never ended)
Segment = tuple[str, str, str, float]
#: the suffix of a step never ended because the drill ended while it was under way (a decision delay running)
PENDING = " (pending at the end)"


@dataclass(frozen=True)
class TailStep:
    """The post and step that take the longest in the slowest replications — those whose order latency is
    at or beyond its 95th percentile, the tail the M1 grade reads.

    Attributes:
        role: the post (role id, or ``automatic``).
        step: ``detect and declare``, ``give the order``, or ``wait for <action>`` (a step the order waits
            for, never done); a step under way when the drill ended has the suffix :data:`PENDING`.
        order: ``underground`` or ``downstream``.
        replications: of the tail replications, those in which this step took the longest.
        tail: replications in the tail.
        latency_p95_s: the 95th percentile of the order latency over replications (inf: never).
        step_p50_s: the median time this step took in those replications (inf: it never ended).
        never: of them, replications in which this step never ended (the order never came).
        n: replications in which a trigger of an order's level was met.
    """

    role: str
    step: str
    order: str
    replications: int
    tail: int
    latency_p95_s: float
    step_p50_s: float
    never: int
    n: int = 0


def tail_step(rows: Sequence[Sequence[Segment]]) -> TailStep | None:
    """Which post's step sets the tail of the order latency.

    Each row holds the segments of one replication's slowest order (they add up to its latency). The tail
    is the replications at or beyond the 95th percentile of the latency (inverted CDF, as the grade); in
    each, the longest segment is counted; the step counted most often wins (then the longer median).
    """
    rows = [r for r in rows if r]
    if not rows:
        return None
    latency = [sum(seg[3] for seg in r) for r in rows]
    p95 = float(np.percentile(latency, 95, method="inverted_cdf"))
    tail = [r for r, lat in zip(rows, latency, strict=True) if lat >= p95]
    longest: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for r in tail:
        seg = max(r, key=lambda x: x[3])
        longest[seg[:3]].append(seg[3])
    (role, step, order), times = max(longest.items(), key=lambda kv: (len(kv[1]), float(np.median(kv[1])),
                                                                        kv[0]))
    never = sum(1 for x in times if math.isinf(x))
    return TailStep(role, step, order, len(times), len(tail), p95, float(np.median(times)), never, len(rows))


@dataclass(frozen=True)
class Bottlenecks:
    warnings: tuple[PlaceWarning, ...]
    queues: tuple[LinkQueue, ...]
    hoists: tuple[HoistQueue, ...]
    destinations: tuple[DestinationLoad, ...]
    route_floods: tuple[RouteFlood, ...]
    role_delays: tuple[RoleDelay, ...]
    reach: dict[str, tuple[str, ...]]
    tail: TailStep | None = None  # the post and step that set the tail of the order latency


def channel_reach(spec: DrillSpec) -> dict[str, set[int]]:
    """Channel id → starting places it can reach at all (static: before any luck or fault)."""
    net = spec.network
    routing = routing_of(spec)
    people_at: dict[int, list] = defaultdict(list)
    for p in spec.people:
        people_at[p.start].append(p)
    places = set(people_at)
    out: dict[str, set[int]] = {}
    for ch in spec.channels:
        cover = set(ch.coverage)
        if ch.type in ("mine_pa", "station_phones", "phone_tree", "stench_gas"):
            reach = cover
        elif ch.type == "cap_lamp_paging":
            reach = {n for n in (cover or places) if any(p.paging for p in people_at[n])}
        elif ch.type == "leaky_feeder":
            reach = {n for n in (cover or places) if any(p.radio for p in people_at[n])}
        elif ch.type == "sms":
            reach = {n for n in (cover or places) if any(p.phone and p.group == "resident" for p in people_at[n])}
        elif ch.type in ("runner", "door_to_door"):
            reach = cover | ({ch.start} if ch.start is not None else set())
            if ch.type == "runner" and ch.start is not None:
                node = ch.start
                for target in ch.coverage:
                    reach |= {v for _, v, _ in routing.walk_legs(node, target, 1.0)}
                    node = target
        elif ch.type in ("siren", "village_loudspeaker", "loudspeaker_vehicle"):
            poles = set(cover)
            if ch.type == "loudspeaker_vehicle" and ch.start is not None:
                node = ch.start
                poles.add(node)
                for target in ch.coverage:
                    poles |= {v for _, v, _ in routing.drive_legs(node, target, 1.0)}
                    node = target
            reach = {n for n in places if net.nodes[n].kind in RESIDENT_PLACES and any(
                math.hypot(net.nodes[n].x_m - net.nodes[s].x_m, net.nodes[n].y_m - net.nodes[s].y_m)
                <= ch.audible_radius_m for s in poles)}
        else:  # pragma: no cover - the schema allows no other type
            reach = set()
        audience = "resident" if ch.public else "miner"
        out[ch.id] = {n for n in reach & places if any(p.group == audience for p in people_at[n])}
    return out


def order_channels(spec: DrillSpec, order: str) -> set[str]:
    """Channels the plan's order of this kind uses (all of its audience where an action names none)."""
    public = order == PUBLIC_ORDER
    names: set[str] = set()
    for acts in spec.actions_by_level.values():
        for a in acts:
            if a.action == order:
                names |= set(a.channels) if a.channels is not None else {c.id for c in spec.channels}
    return {c.id for c in spec.channels if c.id in names and c.public == public}


@dataclass(frozen=True)
class Stop:
    """A travelling channel the water or a cut stopped, as its timeline says.

    Attributes:
        t_s: when (s from the scenario start).
        why: for one that could not set out, a key of :data:`_SET_OUT` (``flooded``: its own place too deep, it warns
            nobody; ``shut_water``, ``shut_cut``, ``shut_both``: every way out of it closed, it warns there only;
            ``stuck``: a place on its way was too deep for it by the time it was to leave it, it goes no further;
            ``knocking``: a team knocking at the households of a place stopped as the water there got too deep for
            it, the households it had not come to unwarned by it); for one that could not reach a place of its
            route, ``water`` or ``cut``.
        at: its own place (could not set out), where it stuck, or where it was when its way closed.
        place: the place it could not reach; empty when it could not set out.
    """

    t_s: float
    why: str
    at: str
    place: str = ""

    def stops(self, place: str, own: bool = False) -> bool:
        """Whether it kept the channel from the people at ``place``; where a team stopped knocking, from those at that
        place too only with ``own`` (for people it never came to: those it did not come to before the water are late
        for the time it took at their place, not for the stop, which came after the water)."""
        if self.place:
            return self.place == place
        return self.why == "flooded" or self.at != place or (own and self.why == "knocking")


class ChannelStatus(NamedTuple):
    """When each channel came on, when each stopped or could not start (inf if it did not), and each travelling
    channel's stops by the water or a cut (:class:`Stop`), in the order of the timeline."""

    on: dict[str, float]
    out: dict[str, float]
    stops: dict[str, list[Stop]]

    def stopped(self, channels: Sequence[str], place: str, warned_by: str = "", own: bool = False) -> dict[str, Stop]:
        """Of ``channels``, those that came on and that the water or a cut kept from ``place``, each with the
        first stop that did; not the one that warned the person (``warned_by``: a channel that stuck on its way had
        passed the places before); ``own``: as :meth:`Stop.stops`."""
        out = {}
        for c in channels:
            stop = next((x for x in self.stops.get(c, ()) if x.stops(place, own)), None)
            if stop is not None and c in self.on and c != warned_by:
                out[c] = stop
        return out


def _channel_status(res: DrillResult) -> ChannelStatus:
    """What the timeline says of each channel (:class:`ChannelStatus`)."""
    on: dict[str, float] = {}
    out: dict[str, float] = {}
    stops: dict[str, list[Stop]] = defaultdict(list)
    for e in res.timeline:
        if e.kind != "channel":
            continue
        if (m := _KNOCKING.match(e.what)) is not None:
            stops[m["id"]].append(Stop(e.t_s, "knocking", m["at"]))
            continue
        m = _CHANNEL_EVENT.match(e.what)
        if m is None:
            if (m := _STOPPED.match(e.what)) is not None:
                left = _SET_OUT.get(m["why"], "shut_both") if m["leave"] == "set out" else "stuck"
                stops[m["id"]].append(Stop(e.t_s, left, m["start"]) if m["start"]
                                      else Stop(e.t_s, "water" if m["how"] == "the water" else "cut", m["via"],
                                                m["place"]))
            continue
        if m["what"] == "on":
            on.setdefault(m["id"], e.t_s)
        else:
            out.setdefault(m["id"], e.t_s)
    return ChannelStatus(on, out, dict(stops))


def _first_met(res: DrillResult, spec: DrillSpec) -> dict[str, float]:
    levels = {o: {lv for lv, acts in spec.actions_by_level.items() if any(a.action == o for a in acts)}
              for o in (MINE_ORDER, PUBLIC_ORDER)}
    out = {MINE_ORDER: math.inf, PUBLIC_ORDER: math.inf}
    for e in res.timeline:
        m = _TRIGGER.match(e.what) if e.kind == "trigger" else None
        if m is None:
            continue
        for order, lv in levels.items():
            if m["level"] in lv:
                out[order] = min(out[order], e.t_s)
    return out


def order_there(s: PersonState, spec: DrillSpec, started: dict[str, float], reach: dict[str, set[int]],
                uses: dict[str, set[str]]) -> PersonState:
    """``s`` with its order's time taken where it starts: when the first step that sent one of the order's
    channels reaching that place was taken. A later step giving the same order (a township passing it on to the
    village loudspeakers after the pond's siren) starts the channels it names then, so the order reaches a place
    only the later step's channels cover no sooner. Where the order was given but the step that would have sent
    such a channel was never taken, inf (never sent there); where none of its channels reaches the place, or it
    was never given, the order's own time (the cause is then coverage, or the order itself)."""
    order = MINE_ORDER if s.record.group == "miner" else PUBLIC_ORDER
    start = spec.network.index[s.record.start]
    covering = [c for c in uses[order] if start in reach.get(c, ())]
    times = [started[c] for c in covering if c in started]
    if times:
        return s._replace(order_s=min(times))
    return s._replace(order_s=math.inf) if covering and math.isfinite(s.order_s) else s


def _covering(s: PersonState, spec: DrillSpec, reach: dict[str, set[int]], uses: dict[str, set[str]]) -> list[str]:
    """The channels of the person's order that reach their starting place."""
    start = spec.network.index[s.record.start]
    return [c for c in uses[MINE_ORDER if s.record.group == "miner" else PUBLIC_ORDER] if start in reach.get(c, ())]


def late_cause(s: PersonState, spec: DrillSpec, res: DrillResult, reach: dict[str, set[int]],
               uses: dict[str, set[str]], first_met: dict[str, float],
               status: ChannelStatus) -> str:
    """Why one person at risk was warned late (see the module docstring)."""
    p = s.record
    order = MINE_ORDER if p.group == "miner" else PUBLIC_ORDER
    water = p.water_s
    if math.isnan(s.order_s) or s.order_s >= water:
        if spec.order_at_s is None and not any(a.action == order for acts in spec.actions_by_level.values()
                                               for a in acts):
            return "no_order"
        return "decision" if first_met[order] < water else "trigger"
    covering = _covering(s, spec, reach, uses)
    if not covering:
        return "coverage"
    on, out = status.on, status.out
    stopped = status.stopped(covering, p.start, p.warned_by)
    working = [c for c in covering if c in on and out.get(c, math.inf) > on[c] and c not in stopped]
    early = [c for c in working if on[c] < water]
    if early:
        kinds = {ch.id: ch.type for ch in spec.channels}
        turns = [IN_TURN.get(kinds.get(c, "")) for c in early]
        if None not in turns and (all(turns) or p.warned_by in early):
            return "turn"
        return "receipt"
    # the water or a cut stopped a team, runner or vehicle on its way there: the cause where it came on before the
    # water (those that reached the place came on after it) or no channel reached the place at all
    if stopped and (not working or min(on[c] for c in stopped) < water):
        return "way_closed"
    return "activation" if working else "channel_out"


def _median(values: Sequence[float]) -> float:
    v = [x for x in values if not math.isnan(x) and math.isfinite(x)]
    return float(np.median(v)) if v else math.nan


def _p95(values: Sequence[float]) -> float:
    v = [x for x in values if not math.isnan(x)]
    return float(np.percentile(v, 95, method="inverted_cdf")) if v else math.nan


def _warnings(ex: ExerciseResult, states_all: Sequence[States],
              reach: dict[str, set[int]]) -> list[PlaceWarning]:
    spec = ex.spec
    uses = {o: order_channels(spec, o) for o in (MINE_ORDER, PUBLIC_ORDER)}
    # the people there: the most in one replication, not a later shift kept on the surface
    people_at: Counter[str] = Counter()
    for states in states_all:
        people_at |= Counter(start for start, there in zip(states.people.column("start"), states.audience.tolist(),
                                                           strict=True) if there)
    group_at = {spec.network.nodes[p.start].id: p.group for p in spec.people}
    zone_at = {spec.network.nodes[p.start].id: zone_of(spec, p) for p in spec.people}
    index = spec.network.index
    acc: dict[str, dict] = defaultdict(lambda: {"at_risk": 0, "late": 0, "reps": set(), "never": 0, "never_of": [],
                                                "causes": Counter(), "water": [], "order": [], "warned": [],
                                                "by": Counter(), "lead": [], "rep_of": [],
                                                "of_cause": defaultdict(list), "unordered": set(),
                                                "stops": defaultdict(dict), "never_stops": defaultdict(dict)})
    kinds = {c.id: c.type for c in spec.channels}
    for res, states in zip(ex.results, states_all, strict=True):
        status = _channel_status(res)
        first = _first_met(res, spec)
        started = dict(res.channel_starts)
        for s in states:
            if not s.audience:
                continue
            a = acc[s.record.start]
            a["at_risk"] += s.at_risk
            if s.record.warned_by in ("", "water") and not s.source:
                a["never"] += 1
                if not s.record.warned_by and math.isfinite(s.order_s):  # the order was given, and nothing reached them
                    a["never_of"].append(res.replication)
                    _tally_stops(a["never_stops"], status, _covering(s, spec, reach, uses), s, res.replication,
                                 own=True)
            if not s.late:
                continue
            given = s.order_s
            s = order_there(s, spec, started, reach, uses)
            a["late"] += 1
            a["reps"].add(res.replication)
            a["rep_of"].append(res.replication)
            cause = late_cause(s, spec, res, reach, uses, first, status)
            a["causes"][cause] += 1
            if cause == "decision" and not math.isfinite(given):
                a["unordered"].add(res.replication)
            if cause == "way_closed":
                _tally_stops(a["stops"], status, _covering(s, spec, reach, uses), s, res.replication)
            a["water"].append(s.record.water_s)
            a["order"].append(s.order_s)
            a["warned"].append(s.record.warned_s)
            order = MINE_ORDER if s.record.group == "miner" else PUBLIC_ORDER
            a["lead"].append(s.record.water_s - first[order])
            a["of_cause"][cause].append((s, first[order], res.node_water_s[index[s.record.end]]))
            a["by"][s.record.warned_by or "never"] += 1
    out = []
    for place, a in acc.items():
        if not a["late"] and not a["never"]:
            continue
        channels = tuple(sorted(c for c, nodes in reach.items() if index[place] in nodes))
        out.append(PlaceWarning(place, zone_at[place], group_at[place], people_at[place], a["at_risk"], a["late"],
                                len(a["reps"]), a["never"], dict(a["causes"]), channels, _median(a["water"]),
                                _median(a["order"]), _median(a["warned"]), dict(a["by"]), _median(a["lead"]),
                                _most(a["rep_of"]), {c: medians_of(v) for c, v in a["of_cause"].items()},
                                tuple(sorted(set(a["never_of"]))), _most(a["never_of"]), len(a["never_of"]),
                                tuple(sorted(a["unordered"])), _stop_tallies(a["stops"], kinds),
                                _stop_tallies(a["never_stops"], kinds)))
    return sorted(out, key=lambda w: (-w.late, -w.never, w.place))


def _tally_stops(stops: dict[tuple[str, str, str, str], dict[int, float]], status: ChannelStatus,
                 covering: Sequence[str], s: PersonState, replication: int, own: bool = False) -> None:
    """Add to ``stops`` the channels of ``covering`` the water or a cut kept from the place of ``s`` in this
    replication, each with when it was stopped (for :func:`_stop_tallies`; ``own``: as :meth:`Stop.stops`)."""
    for c, stop in status.stopped(covering, s.record.start, s.record.warned_by, own).items():
        stops[(c, stop.why, stop.at, stop.place)][replication] = stop.t_s


def _stop_tallies(stops: dict[tuple[str, str, str, str], dict[int, float]],
                  kinds: dict[str, str]) -> tuple[StopTally, ...]:
    """The stops of :class:`StopTally`, the most frequent first (then by channel)."""
    rows = [StopTally(c, kinds.get(c, ""), why, at, place, len(t), _median(list(t.values())))
            for (c, why, at, place), t in stops.items()]
    return tuple(sorted(rows, key=lambda x: (-x.replications, x.channel, x.why, x.at, x.place)))


def _queues(ex: ExerciseResult) -> tuple[list[LinkQueue], list[HoistQueue], list[DestinationLoad]]:
    spec = ex.spec
    net = spec.network
    peaks = np.array([r.link_peak_queue for r in ex.results]) if ex.results else np.zeros((0, len(net.links)))
    links = []
    for k, lk in enumerate(net.links):
        col = peaks[:, k] if len(peaks) else np.array([])
        if len(col) and col.max() > 0:
            links.append(LinkQueue(lk.id, lk.kind, _p95(list(col)), int((col > 0).sum())))
    links.sort(key=lambda q: (-q.p95_queue, q.link))
    hoists = []
    for h in spec.hoists:
        recs = [x for r in ex.results for x in r.hoists if x.hoist == h.id]
        hoists.append(HoistQueue(h.id, _p95([x.max_queue for x in recs]), _median([x.mean_wait_s for x in recs]),
                                 _p95([x.utilisation for x in recs])))
    dests = []
    for idx in (*spec.assembly_points, *spec.refuges):
        node = net.nodes[idx]
        outcome = "assembly" if node.kind == "assembly_point" else "refuge"
        counts = [int((r.people.isin("end", (node.id,)) & r.people.isin("outcome", (outcome,))).sum())
                  for r in ex.results]
        dests.append(DestinationLoad(node.id, node.kind, node.capacity_persons, _p95(counts)))
    return links[:10], hoists, dests


def _route_floods(ex: ExerciseResult, states_all: Sequence[States], reach: dict[str, set[int]]) -> list[RouteFlood]:
    spec = ex.spec
    uses = {o: order_channels(spec, o) for o in (MINE_ORDER, PUBLIC_ORDER)}
    routing = routing_of(spec)
    index = spec.network.index
    acc: dict[str, dict] = defaultdict(lambda: {"n": 0, "reps": set(), "at": Counter(), "on": 0, "dep": [],
                                                "water": [], "why": Counter(), "rep_of": [],
                                                "of_reason": defaultdict(list)})
    zone_at = {spec.network.nodes[p.start].id: zone_of(spec, p) for p in spec.people}
    deaths: dict[str, float] = defaultdict(float)
    for res, states in zip(ex.results, states_all, strict=True):
        first = _first_met(res, spec)
        started = dict(res.channel_starts)
        for s in states:
            if s.record.fatality_p > 0:  # NaN (underground, no rule) fails the test
                deaths[s.record.start] += s.record.fatality_p
            if not s.unsafe:
                continue
            s = order_there(s, spec, started, reach, uses)  # the order as it went out to their place
            p = s.record
            a = acc[p.start]
            a["n"] += 1
            a["reps"].add(res.replication)
            a["rep_of"].append(res.replication)
            a["at"][p.end] += 1
            planned = routing.planned.get(index[p.start]) or []
            a["on"] += index[p.end] in planned[1:]
            a["dep"].append(p.departed_s)
            a["water"].append(res.node_water_s[index[p.end]])
            reason = unsafe_reason(s)
            a["why"][reason] += 1
            # people at the source are told apart: the water was at their place from the first moment
            a["of_reason"][reason + (":source" if s.source else "")].append(
                (s, first[MINE_ORDER if p.group == "miner" else PUBLIC_ORDER], res.node_water_s[index[p.end]]))
    out = []
    for place, a in acc.items():
        route = spec.routes.get(index[place])
        out.append(RouteFlood(place, zone_at[place], route.id if route else "", a["n"], len(a["reps"]),
                              dict(a["at"]), a["on"] / a["n"], _median(a["dep"]), _median(a["water"]),
                              dict(a["why"]), _most(a["rep_of"]), {r: medians_of(v) for r, v in a["of_reason"].items()},
                              tuple(sorted(a["reps"])), deaths[place]))
    return sorted(out, key=lambda f: (-f.unsafe, f.place))


def _never_ended(res: DrillResult, spec: DrillSpec, order: str, declared: bool, met: list[str],
                 levels: set[str]) -> tuple[str, str]:
    """Whose step never ended when an order never came: (post, step). A step nobody could take (the post and
    its backups absent, or none with the authority) is told apart from one still under way when the drill
    ended: its step gets the suffix :data:`PENDING`."""
    gave_up = {e.what for e in res.timeline if e.kind == "decision" and e.what.startswith("nobody ")}
    if not declared:  # of the triggers of the order's levels: one still being decided before those nobody could
        posts = [(t.owner, f"nobody to decide on {t.id}" in gave_up) for t in spec.triggers
                 if t.id in met and not t.automatic and t.level in levels]
        owner, nobody = next(((o, g) for o, g in posts if not g), posts[0] if posts else ("", False))
        return owner, "detect and declare" + ("" if nobody else PENDING)
    acts = [a for acts in spec.actions_by_level.values() for a in acts]
    mine = next((a for a in acts if a.action == order), None)
    if mine is None:
        return "", "give the order"
    done = {(r.action, r.owner): not math.isnan(r.done_s) for r in res.actions}
    for ident in mine.after:
        before = next((a for a in acts if a.id == ident), None)
        if before is not None and not done.get((before.action, before.owner), False):
            return before.owner, f"wait for {before.action}"
    nobody = bool({f"nobody to carry out {order}", f"nobody with the authority to give {order}"} & gave_up)
    return mine.owner, "give the order" + ("" if nobody else PENDING)


def _role_delays(ex: ExerciseResult) -> tuple[list[RoleDelay], TailStep | None]:
    spec = ex.spec
    by_title = {r.title: r.id for r in spec.roles.values()}
    order_level: dict[str, set[str]] = {o: {lv for lv, acts in spec.actions_by_level.items()
                                            if any(a.action == o for a in acts)} for o in (MINE_ORDER, PUBLIC_ORDER)}
    owners = {o: [a.owner for acts in spec.actions_by_level.values() for a in acts if a.action == o]
              for o in (MINE_ORDER, PUBLIC_ORDER)}
    segs: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    absent: Counter[str] = Counter()
    where = {MINE_ORDER: "underground", PUBLIC_ORDER: "downstream"}
    rows: list[list[Segment]] = []
    for res in ex.results:
        first = _first_met(res, spec)
        declared: dict[str, tuple[float, str]] = {}
        seen_absent: set[str] = set()
        met: list[str] = []
        given_by: dict[str, str] = {}  # order → the post that gave it (a backup when the owner was absent)
        for e in res.timeline:
            if e.kind == "trigger" and (m := _TRIGGER.match(e.what)) is not None:
                met.append(m["id"])
            if e.kind == "order" and (m := _ORDER_GIVEN.match(e.what)) is not None:
                given_by.setdefault(next(o for o, w in where.items() if w == m["where"]),
                                    "automatic" if m["title"] == "automatic trigger" else
                                    by_title.get(m["title"], m["title"]))
            if e.kind == "absence" and (m := _ABSENT.match(e.what)) is not None:
                seen_absent.add(by_title.get(m["title"], m["title"]))
            if e.kind != "decision":
                continue
            m = _DECLARES.match(e.what)
            if m is not None and m["level"] not in declared:
                declared[m["level"]] = (e.t_s, by_title.get(m["title"], m["title"]))
            m = _AUTOMATIC.match(e.what)
            if m is not None and m["level"] not in declared:
                declared[m["level"]] = (e.t_s, "automatic")
        absent.update(seen_absent)
        slowest: list[Segment] = []
        for order, t_order in ((MINE_ORDER, res.order_s), (PUBLIC_ORDER, res.downstream_order_s)):
            if not math.isfinite(first[order]):
                continue
            row: list[Segment] = []
            decl = [declared[lv] for lv in order_level[order] if lv in declared]
            if not decl:
                who, step = _never_ended(res, spec, order, False, met, order_level[order])
                row.append((who, step, where[order], math.inf))
            else:
                t_decl, who = min(decl)
                segs[(who, "detect and declare", order)].append(t_decl - first[order])
                row.append((who, "detect and declare", where[order], t_decl - first[order]))
                if owners[order] and not math.isnan(t_order):
                    giver = given_by.get(order, owners[order][0])
                    segs[(giver, "give the order", order)].append(t_order - t_decl)
                    row.append((giver, "give the order", where[order], t_order - t_decl))
                elif owners[order]:
                    who, step = _never_ended(res, spec, order, True, met, order_level[order])
                    row.append((who, step, where[order], math.inf))
            if not slowest or sum(x[3] for x in row) > sum(x[3] for x in slowest):
                slowest = row
        rows.append(slowest)
    out = [RoleDelay(role, step, where[order], _median(v), _p95(v), len(v), absent.get(role, 0))
           for (role, step, order), v in segs.items()]
    return sorted(out, key=lambda d: (-d.p50_s if not math.isnan(d.p50_s) else 0.0, d.role)), tail_step(rows)


def analyse(ex: ExerciseResult) -> Bottlenecks:
    """Every bottleneck of an exercise."""
    spec = ex.spec
    states_all = ex.states
    reach = channel_reach(spec)
    links, hoists, dests = _queues(ex)
    names = {c: tuple(sorted(spec.network.nodes[n].id for n in nodes)) for c, nodes in reach.items()}
    delays, tail = _role_delays(ex)
    return Bottlenecks(tuple(_warnings(ex, states_all, reach)), tuple(links), tuple(hoists), tuple(dests),
                       tuple(_route_floods(ex, states_all, reach)), tuple(delays), names, tail)
