"""Warning channels as SimPy processes.

Each channel works on *parties* (a crew, a household): it finds the parties it can reach and warns them;
a party keeps the first warning it receives (its time and its channel). The underground channels (PA,
cap-lamp paging, leaky-feeder radio, station phones, runners, stench gas) take their receipt parameters —
the chance a message is heard, its repeat interval, the call time — from the plan; the parameter table above
shows the values used. A runner goes on through a loss of the mains power unless the plan says it needs it;
every other channel stops once the loss outlasts its battery (the table gives its hours). Whatever a channel
gives while it cannot send (down, or without power past its battery) is lost: a call of the PA, a page, a call
at a station, a word from a runner; only stench gas, once in the air, goes on. A runner walks where a way on foot
leads on, and else rides the cage, as one setting out from the shaft's collar does: it waits while the cage is
stopped, then for the loads ahead of it, then rides (it does not hold the cage up for the people waiting for it:
one person on a trip the cage makes anyway). A runner looks at each passage before entering it, as the people
evacuating do: one cut, or with water deeper than one wades or flowing fast enough to carry one away, is not
entered; the runner takes the quickest way on by the passages open then, or, if the water or a cut has closed
every way, passes that place of its route over and goes on to the next from where it is (the timeline says so).
Nor does it ride the cage to or from a station the water has closed, where the cage calls no more (as deep as
one wades): it takes another way, as above. A runner whose own place is already under water deeper than one wades
(or flowing fast enough to carry one away) when it is sent does not set out, and warns nobody; one whose every
way out of its place the water or a cut has closed warns those at its place only. The timeline says which. A runner
whose place on its way is under water as deep by the time it is to leave it goes no further (the timeline says so).
"""

# This docstring is quoted in the report's assumptions appendix, below the table of the plan's parameters: the
# "table above" is that table.

from __future__ import annotations

import math
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

import numpy as np

from drills.model.hoist import POLL_WHILE_DOWN_S
from drills.model.spec import Channel
from drills.model.variability import LogNormal, Triangular

if TYPE_CHECKING:
    from drills.model.drill import Drill

# Public channels in the valley: the defaults and their sources are listed in the docstring of
# drills.model.residents, which a report quotes only when people live in the valley.
SIREN_AUDIBILITY = {"day": 0.765, "night": 0.45}  # day [V] Nanticoke PA (Sorensen 1992); night [E]
SIREN_HEAR_PER_CYCLE = 1.0 - math.exp(-0.5)  # [E] time constant 2 min, 60 s cycles
LOUDSPEAKER_AUDIBILITY = {"day": 0.75, "night": 0.5}  # [E]
RAIN_AUDIBILITY = {"none": 1.0, "moderate": 0.85, "heavy": 0.7}  # [E]
SMS_DELIVERY = LogNormal(median=120.0, p95=300.0)  # [E]
SMS_NOTICE = {"day": 0.9, "night": 0.5}  # [E]
DOOR_VISIT = Triangular(60.0, 120.0, 180.0)  # [E], consistent with Confluence PA 1987 [V]
TEAM_WALK_MPS = 1.34  # Weidmann 1993 mean free walking speed
VEHICLE_KMH = 20.0  # [E]
VEHICLE_HEAR = 0.7  # [E]
VEHICLE_RADIUS_M = 200.0  # [E]
PHONE_CALL = Triangular(30.0, 60.0, 120.0)  # [E]


def run_channel(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """The body of a channel once it is on."""
    kind = ch.type
    if kind in ("mine_pa", "cap_lamp_paging", "leaky_feeder"):
        yield from _announce(d, ch, rng)
    elif kind == "station_phones":
        yield from _station_phones(d, ch, rng)
    elif kind in ("runner", "door_to_door"):
        yield from _on_foot(d, ch, rng)
    elif kind == "stench_gas":
        yield from _stench(d, ch, rng)
    elif kind in ("siren", "village_loudspeaker"):
        yield from _sound(d, ch, rng)
    elif kind == "sms":
        yield from _sms(d, ch, rng)
    elif kind == "phone_tree":
        yield from _phone_tree(d, ch, rng)
    elif kind == "loudspeaker_vehicle":
        yield from _vehicle(d, ch, rng)
    else:  # pragma: no cover - the schema allows no other type
        raise ValueError(kind)


# ---------------------------------------------------------------- underground


def _announce(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """PA, paging and radio: repeated messages heard with a probability each time."""
    listeners = None if ch.type == "mine_pa" else _carriers(d, ch)  # PA: anyone within earshot
    unwarned_at = d.unwarned_at

    def targets() -> list[int]:
        out: list[int] = []
        for nd in ch.coverage or sorted(unwarned_at):
            here = unwarned_at.get(nd)
            if here:
                out.extend(sorted(here if listeners is None else here & listeners))
        return out

    yield from _repeat_until_heard(d, ch, rng, targets)


def _carriers(d: Drill, ch: Channel) -> frozenset[int]:
    """The miners' parties that carry the channel's receiver (a cap-lamp pager or a radio), built once per spec."""
    got = d.routing.listeners.get(ch.id)
    if got is None:
        people = d.spec.people
        carried = "paging" if ch.type == "cap_lamp_paging" else "radio"
        got = frozenset(p.index for p in d.spec.parties if p.relay == "crew"
                        and any(getattr(people[i], carried) for i in p.members))
        d.routing.listeners[ch.id] = got
    return got


def _repeat_until_heard(d: Drill, ch: Channel, rng: np.random.Generator,
                        targets: Callable[[], list[int]]) -> Generator[Any, Any, Any]:
    """Repeat the message every cycle; each listener not yet warned catches it with a probability.

    Stops when nobody is left to hear it; a cycle while the channel cannot send (no power, down) is lost.
    The listeners' draws of a cycle are one vector, in the listeners' order.
    """
    env = d.env
    p = ch.hear_probability
    while True:
        left = targets()
        if not left:
            return
        if d.channel_works(ch, env.now):
            for k, u in zip(left, rng.random(len(left)).tolist(), strict=True):
                if u < p:
                    d.warn_party(k, ch.id)
        yield env.timeout(ch.repeat_interval_s)


def _station_phones(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """The dispatcher rings each phone in turn; only a phone with someone beside it is answered."""
    answered: set[int] = set()

    def worth_calling() -> bool:  # someone not yet warned waits beside a phone not yet answered
        return any(d.unwarned_at.get(node) for node in ch.coverage if node not in answered)

    while worth_calling():
        for node in ch.coverage:
            if node in answered:
                continue
            if d.present[node] > 0:
                yield d.env.timeout(ch.call_duration.sample(rng))
                answered.add(node)
                if d.channel_works(ch, d.env.now):
                    for k in sorted(d.unwarned_at.get(node, ())):
                        d.warn_party(k, ch.id)
            else:
                yield d.env.timeout(ch.ring_s)


def _stench(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """Stench gas released at ``start`` into the intake air reaches each place of the coverage after the air's
    transit along the shortest air path through the passages (shafts included) at the survey's mean air speed;
    each party there not yet warned notices it with ``hear_probability``, once (the air carries it past). Once
    released, it is in the air: a fault of the release system after that changes nothing. While the main fans
    stand still (mains power lost and their backup run out) the air, and the stench in it, stops;
    it goes on when they restart.

    The shortest path stands for the air's own path, which the ventilation network sets: where the air takes a
    longer way, or a dead-end heading has only weak auxiliary ventilation, the stench comes later or not at all
    (CANMET's SF₆ tracer tests of stench-gas systems at four Canadian mines, SME 1997, found such dispersion,
    short injections and late notice); leave such places out of the coverage, and set hear_probability from
    the mine's own drills (the same tests found stench warnings ignored).
    """
    assert ch.start is not None
    lengths = d.routing.air_path_m(ch.start)
    released = d.env.now
    stopped = fans_stopped(d.down.get(("mains_power", None), ()), ch.backup_power_h) if ch.needs_mains_power else []
    arrivals = sorted((air_arrival(released, lengths[n] / ch.speed_mps, stopped), n) for n in ch.coverage
                      if n in lengths)
    for t, node in arrivals:
        if math.isinf(t):
            return
        if t > d.env.now:
            yield d.env.timeout(t - d.env.now)
        here = sorted(d.unwarned_at.get(node, ()))
        for k, u in zip(here, rng.random(len(here)).tolist(), strict=True):
            if u < ch.hear_probability:
                d.warn_party(k, ch.id)


def fans_stopped(power_lost: Any, backup_h: float) -> list[tuple[float, float]]:
    """The times the main fans stand still, as ``[start, end)`` spans in order: each loss of mains power
    ``[a, b)`` stops them from ``a`` plus their backup's hours until ``b``."""
    return sorted((a + backup_h * 3600.0, b) for a, b in power_lost if a + backup_h * 3600.0 < b)


def air_arrival(released: float, travel_s: float, stopped: list[tuple[float, float]]) -> float:
    """When air released at ``released`` has moved for ``travel_s`` seconds, standing still in the ``stopped``
    spans (:func:`fans_stopped`); inf if the fans never restart before it gets there."""
    t, left = released, travel_s
    for a, b in stopped:
        if b <= t:
            continue
        if a > t:
            if t + left <= a:
                return t + left
            left -= a - t
        t = b
    return t + left


# ---------------------------------------------------------------- people who walk the message


def _on_foot(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """A runner underground, or a door-to-door team in a village.

    The runner tells everyone at each place passed; the team knocks at every household still at
    home at each place of its route, taking a visit time each. A place of the route that no way reaches is passed
    over, and so is one every way to which the water or a cut has closed (:func:`_ahead`). A runner walks where a
    way on foot leads on, and else rides a cage (:func:`_ride`), as a runner setting out from the collar does.
    One whose own place is under water when it sets out warns nobody; one whose every way out of its place is
    closed warns only there (:func:`_cannot_set_out`); one whose place on its way is under water by the time it is to
    leave it goes no further (:func:`_travel`), nor does a team whose place floods while it knocks there: it stops
    knocking then (:func:`_tell_at`).
    """
    assert ch.start is not None
    door = ch.type == "door_to_door"
    speed = TEAM_WALK_MPS if door else d.spec.profiles["miner"].speed_mps
    closed = d.way_closed(drive=False)
    stuck = _cannot_set_out(d, ch, closed, drive=False, rides=not door)
    if stuck == "flooded":
        return

    def flooded(station: int) -> bool:
        return not d.station_usable(station, d.env.now)

    def route(source: int, target: int, shut: Callable[[int], bool] | None) -> list[tuple[int, int, float, Any]]:
        if door:
            return [(u, v, t, None) for u, v, t in d.routing.walk_legs(source, target, speed, shut)]
        return d.routing.runner_legs(source, target, speed, shut, None if shut is None else flooded)

    if (yield from _tell_at(d, ch, ch.start, rng, door)) or stuck:
        return
    trip = _travel(d, ch, route, closed, drive=False)
    taken = True  # the last leg was taken: sent back to the trip, which looks again from where it is if not
    coming: dict[tuple[str, int], float] = {}  # a cage it called to a station and did not ride: when it comes
    while True:
        try:
            leg, target = trip.send(None if taken else False)
        except StopIteration:
            return
        taken = True
        if leg is None:  # at the place of its route
            if (yield from _tell_at(d, ch, target, rng, door)):
                return
            continue
        u, v, t, hoist = leg
        if hoist is None:
            yield d.env.timeout(t)
        else:
            taken, board = yield from _ride(d, ch, hoist, u, v, coming.pop((hoist.id, u), None))
            if not taken:  # the water closed a station of the ride first
                if board is not None:
                    coming[(hoist.id, u)] = board
                continue
        if v != target and not door:
            yield from _tell_at(d, ch, v, rng, door)


def _cannot_set_out(d: Drill, ch: Channel, closed: Callable[[int, float], bool] | None, *, drive: bool,
                    rides: bool) -> str | None:
    """Why a travelling channel cannot set out from its start now, which the timeline records: "flooded", its place
    is under water too deep for it (on foot or by car, ``drive``: :meth:`Drill.too_deep_to_set_out`), and it warns
    nobody; "shut in", the water or a cut closes every passage out of its place (``closed``) and, for a runner
    (``rides``), every cage ride from it (:meth:`Drill.station_usable`), and it warns only those at its place;
    None if it sets out (always in a drill without water or a cut, ``closed`` None). Looked at once, as it sets out."""
    if closed is None:
        return None
    assert ch.start is not None
    start, now, place = ch.start, d.env.now, d.net.nodes[ch.start].id
    if d.too_deep_to_set_out(start, now, drive):
        d.log("channel", f"{ch.id} could not set out from {place}: the water there is too deep for it")
        return "flooded"
    if all(target == start for target in ch.coverage):
        return None
    graph = d.routing.drive if drive else d.routing.ride_graph() if rides else d.routing.walk
    water = cut = False
    for v, e in graph[start].items():
        k = e.get("link")
        if k is None:
            if not rides or e.get("hoist") is None:  # no way a channel takes (a team does not ride a cage)
                continue
            if d.station_usable(start, now) and d.station_usable(v, now):
                return None
            water = True
        elif not closed(k, now):
            return None
        elif d.is_cut(k, now):
            cut = True
        else:
            water = True
    if not (water or cut):  # no way leads out of its place at all (the plan's checks say so): nothing closed it
        return None
    why = "closed by the water or cut" if water and cut else "closed by the water" if water else "cut"
    d.log("channel", f"{ch.id} could not set out from {place}: every way out of it is {why}")
    return "shut in"


def _travel(d: Drill, ch: Channel, route: Callable[[int, int, Any], list],
            closed: Callable[[int, float], bool] | None, *,
            drive: bool) -> Generator[tuple[Any, int], bool | None, None]:
    """The legs a travelling channel takes from its start through the places of its coverage, each looked at as it
    is about to be taken (:func:`_ahead`): ``(leg, the place of the route it leads to)``, and ``(None, place)`` once
    there. A place no way reaches, or every way to which the water or a cut has closed, is passed over: the channel
    goes on to the next from where it is. A leg the channel could not take after all (False sent back: a cage ride
    whose station the water closed while the runner waited) is looked at again from where it is. Where the place it
    is about to leave is by then under water too deep for it (on foot or by car, ``drive``), as its start is looked at
    when it is sent (:func:`_cannot_set_out`), it goes no further, which the timeline records."""
    assert ch.start is not None
    node = ch.start
    for target in ch.coverage:
        legs = route(node, target, None)
        if not legs and target != node:  # no way leads there
            continue
        while legs:
            node = legs[0][0]
            if closed is not None and d.too_deep_to_set_out(node, d.env.now, drive):
                d.log("channel", f"{ch.id} could not go on from {d.net.nodes[node].id}: the water there is too deep "
                                 "for it")
                return
            legs = _ahead(d, ch, legs, target, route, closed)
            if not legs:  # the water or a cut closes every way there
                break
            if (yield legs[0], target) is not False:
                legs = legs[1:]
        else:
            node = target
            yield None, target


def _ahead(d: Drill, ch: Channel, legs: list, target: int, route: Callable[[int, int, Any], list],
           closed: Callable[[int, float], bool] | None) -> list:
    """The legs a travelling channel has still to take to ``target``, the first about to be taken: as they are if
    its passage is open to the channel now (``closed``: :meth:`Drill.way_closed`), or, for a cage ride, if the cage
    still calls at both its stations (:meth:`Drill.station_usable`); else the quickest way on by the passages and
    rides open now (``route``); [] if the water or a cut has closed every way there, which the timeline records."""
    if closed is None:
        return legs
    here, there, now = legs[0][0], legs[0][1], d.env.now
    if len(legs[0]) > 3 and legs[0][3] is not None:  # a cage ride
        if d.station_usable(here, now) and d.station_usable(there, now):
            return legs
        link = None
    else:
        hop = d.routing.hops.get((here, there))
        if hop is None or hop.link is None or not closed(hop.link, now):
            return legs
        link = hop.link
    legs = route(here, target, lambda k: closed(k, now))
    if not legs:
        why = "a cut passage" if link is not None and d.is_cut(link, now) else "the water"
        d.log("channel", f"{ch.id} could not reach {d.net.nodes[target].id}: {why} closes its way there from "
                         f"{d.net.nodes[here].id}, and no other way is open")
    return legs


def _ride(d: Drill, ch: Channel, hoist: Any, at: int, to: int,
          called: float | None = None) -> Generator[Any, Any, tuple[bool, float | None]]:
    """A runner rides the cage from station ``at`` to ``to``: once the cage is in service, with its next trip from
    ``at`` (after the loads it is lifting), then its wind. A stopped cage (no power, out of service) is waited for at
    the station, looked at again as often as the cage itself looks for its power (:data:`POLL_WHILE_DOWN_S`). The
    ride does not hold up the cage's loads: a simplification, the runner being one person on a trip it makes anyway
    for them. The cage calls at no station the water has closed (:meth:`Drill.station_usable`): if the water closes
    ``at`` or ``to`` while the runner waits for a stopped cage, or before the cage comes for it, the runner does not
    ride (not taken, once it is closed: it looks for another way from ``at``). Returns whether it rode, and, if not,
    when the cage it called comes to ``at`` all the same (None if it called none): ``called``, for a ride from ``at``
    by the same cage that it then takes instead."""
    cage = next(c for c in d.cages if c.h is hoist)
    env = d.env
    if not cage.available(env.now):
        d.log("channel", f"{ch.id}: waits at {d.net.nodes[at].id} for the cage {hoist.id}, which is stopped")
        while not cage.available(env.now):
            yield env.timeout(POLL_WHILE_DOWN_S)
            if not (d.station_usable(at, env.now) and d.station_usable(to, env.now)):
                return False, None
    board = max(cage.next_at_s(at) if called is None else called, env.now)
    closes = min(d.station_closes_s(at), d.station_closes_s(to))
    if closes <= board:  # a station floods before the cage comes for the runner: it will not take it there
        yield env.timeout(max(closes - env.now, 0.0))
        return False, board
    yield env.timeout(board - env.now + hoist.wind_table[(at, to)])
    return True, None


def _tell_at(d: Drill, ch: Channel, node: int, rng: np.random.Generator, door: bool) -> Generator[Any, Any, bool]:
    """A runner tells everyone at ``node`` at once; a team knocks at each household still at home there in turn, a
    visit time each, until the water there is too deep for it (as its start is looked at when it is sent:
    :meth:`Drill.too_deep_to_set_out`): it stops then, the households it has not yet come to unwarned by it, which
    the timeline records. True if it so stopped (it goes no further)."""
    if not door:
        if d.channel_works(ch, d.env.now):
            for k in sorted(d.unwarned_at.get(node, ())):
                d.warn_party(k, ch.id)
        return False
    visit = ch.visit or DOOR_VISIT
    deep = d.too_deep_from_s(node, drive=False)  # known in advance: the visit is cut then, not looked at as it goes
    for k in d.parties_home(node):
        t = visit.sample(rng)
        if deep <= d.env.now + t:
            yield d.env.timeout(max(deep - d.env.now, 0.0))
            d.log("channel", f"{ch.id} stopped knocking at {d.net.nodes[node].id}: the water there is too deep for "
                             "it")
            return True
        yield d.env.timeout(t)
        if d.channel_works(ch, d.env.now):
            d.warn_party(k, ch.id)
            d.help_party(k)
    return False


# ---------------------------------------------------------------- the valley


def _audible(d: Drill, nodes: tuple[int, ...], radius: float) -> list[int]:
    """Households whose place is within ``radius`` of one of ``nodes``, in a fixed order (found once per spec)."""
    got = d.routing.audible.get((nodes, radius))
    if got is None:
        got = d.routing.audible[(nodes, radius)] = _within(d, nodes, radius)
    return got


def _within(d: Drill, nodes: tuple[int, ...], radius: float) -> list[int]:
    net = d.net
    out = []
    for party in d.spec.parties:
        if party.relay != "neighbours":
            continue
        a = net.nodes[party.start]
        for s in nodes:
            b = net.nodes[s]
            if math.hypot(a.x_m - b.x_m, a.y_m - b.y_m) <= radius:
                out.append(party.index)
                break
    return out


def _sound(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """Sirens and village loudspeakers: some households cannot hear at all; the others catch it on
    each cycle with a probability."""
    radius = ch.audible_radius_m
    reach = [k for k in _audible(d, ch.coverage, radius) if rng.random() < ch.audibility]
    yield from _repeat_until_heard(d, ch, rng, lambda: [k for k in reach if k in d.unwarned_set])


def _sms(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """Each phone gets the message after a delivery delay and its owner notices it, or not."""
    people = d.spec.people
    cover = set(ch.coverage)
    arrivals = []
    # per phone: a delivery delay, then whether its owner notices it (the draws interleave)
    deliver, uniform, notice = SMS_DELIVERY.sample, rng.random, ch.answer_probability
    for party in d.spec.parties:
        if cover and party.start not in cover:
            continue
        for i in party.members:
            if people[i].phone and people[i].group == "resident":
                delay = deliver(rng)
                if uniform() < notice:
                    arrivals.append((delay, party.index))
    arrivals.sort()
    sent = d.env.now
    for delay, k in arrivals:
        if sent + delay > d.env.now:
            yield d.env.timeout(sent + delay - d.env.now)
        if not d.channel_works(ch, d.env.now):
            d.log("channel", f"{ch.id}: stopped (no network or no power)")
            return
        d.warn_party(k, ch.id)


def _phone_tree(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """Callers work down the list of households; a household at home answers with a probability."""
    queue = [k for node in ch.coverage for k in d.parties_home(node)]
    callers = min(ch.callers, len(queue)) or 1
    env = d.env

    def caller(mine: list[int]) -> Generator[Any, Any, Any]:
        for k in mine:
            if k not in d.unwarned_set:
                continue
            if not d.party_home(k) or rng.random() >= ch.answer_probability:
                yield env.timeout(ch.ring_s)
                continue
            yield env.timeout(ch.call_duration.sample(rng))
            if d.channel_works(ch, env.now):
                d.warn_party(k, ch.id)

    procs = [env.process(caller(queue[c::callers])) for c in range(callers)]
    yield env.all_of(procs)


def _vehicle(d: Drill, ch: Channel, rng: np.random.Generator) -> Generator[Any, Any, Any]:
    """A loudspeaker vehicle drives its route; households near each place it passes may hear it. A place of its route
    that no road reaches is passed over, and so is one every road to which the water or a cut has closed
    (:func:`_ahead`); where it stands in water too deep to drive on, it goes no further (:func:`_travel`)."""
    assert ch.start is not None
    radius = ch.audible_radius_m
    near: dict[int, list[int]] = {}  # households within hearing of each place the vehicle passes
    closed = d.way_closed(drive=True)
    if _cannot_set_out(d, ch, closed, drive=True, rides=False):  # it warns as it drives: from nowhere, nobody
        return

    def route(source: int, target: int, shut: Callable[[int], bool] | None) -> list[tuple[int, int, float]]:
        return d.routing.drive_legs(source, target, ch.speed_mps, shut)

    for leg, _ in _travel(d, ch, route, closed, drive=True):
        if leg is None:
            continue
        _, v, t = leg
        yield d.env.timeout(t)
        if d.channel_works(ch, d.env.now):
            if v not in near:
                near[v] = _audible(d, (v,), radius)
            for k in near[v]:
                if k in d.unwarned_set and rng.random() < ch.hear_probability:
                    d.warn_party(k, ch.id)
