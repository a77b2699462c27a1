"""Cage hoisting: trip times from depth, speed and acceleration, and the cage as a SimPy process.

Sources. The rules below are **coal-mine rules, used for want of a metal-mine value**: the sources the
project checked give these numbers only for coal mines. The metal and non-metal mine rule, GB 16423-2020
《金属非金属矿山安全规程》, was not checked for them; a metal mine should confirm them against it (its site file
may set a lower cage speed, its own acceleration and its signalling time).

* Maximum cage speed with persons v ≤ 0.5·√H m/s and ≤ 12 m/s, H the hoisting height; acceleration
  and deceleration with persons ≤ 0.75 m/s² (《煤矿安全规程》, the articles on hoisting persons in
  vertical shafts [K]; coal-mine rule).
* Cage rest time for loading: 20 s for up to 5 persons and 1 s more for each further person; a
  double-deck cage takes twice the single-deck time plus 6 s (GB 50215 《煤炭工业矿井设计规范》 §8.1.3
  [V, copy at m.jianbiaoku.com/webarbs/book/97/61358.shtml]; a coal-mine design code).
  We charge the rest time at the loading station and again at the collar for unloading.
* Signalling before each wind: 10 s [E]: a typical 10–20 s from the project authors' knowledge, not a
  published value; we take the low end, which favours the plan — a mine should use its own timings.

A cage serves the stations in the plan's priority order, otherwise the station whose first rider
has waited longest; it skips flooded stations and stops when it has no power. The banksman splits
the people waiting at a station into equal loads over the fewest trips (:func:`load_size`): the
rest time charges at least 20 s per load however few ride, so a nearly empty last trip wastes time, and
equal loads make a bigger cage never slower.

When water rises at a station, the people there who can see both the queue and the water — the
onsetter (井底把钩工) and the miners themselves — weigh the wait for the cage against the rise of the
water, as the plan and the rules ask: evacuate first, but whoever cannot reach the surface safely goes
to the nearest refuge ("撤离优先，避险就近", AQ 2033-2011 4.2 and 4.6; a refuge for whoever cannot reach the
surface in time, 30 CFR 57.11050 and 75.1506 [K]). They check when the water first shows on the
station floor (the behaviour's water-cue depth), after each departure of the cage and when someone
joins the queue while there is water — not on a clock.

* Time left (:func:`time_left_s`): the depth now and its rise over the last **60 s** (or since the
  water came, if later), extrapolated in a straight line to the depth at which the cage stops loading
  there (the wading limit, 1.2 m, :data:`drills.model.movement.WADING_LIMIT_M`). This is the water
  as seen, not the drill's precomputed timeline: a rise that slows as the water spreads into the
  drifts makes the estimate cautious, a rise that quickens with the inflow makes it hopeful, and the
  next check corrects it. The 60 s are the project's choice [P]: long enough to read a rise of a few
  centimetres against a mark on the wall, short enough to follow a changing inflow.
* Boarding (:func:`riders_in_time`): the cage comes for this station as soon as it is free (exact when
  the plan gives the station priority, as it usually gives the deepest level; hopeful otherwise, and
  checked again after the next departure), then takes full loads every round trip: the GB 50215 rest
  time of a full cage at the station and again at the collar, and the winds up and down.
* Margin: a rider stays in the queue only if their trip reaches the station **30 s** or more before
  the estimated limit [P]. The estimate is made again at every departure and whenever someone joins,
  so the margin only has to cover a rise that quickens during the last round trip (about half a wind
  in a shaft 360 m deep); a wider one sends away people the cage would still have lifted, onto slower
  ways out.
* The others, from the back of the queue, are sent away by the way the network offers without the
  cage: another way out if one is passable, else the nearest refuge with seats. If there is neither,
  they stay: the cage is then their only chance.
"""

from __future__ import annotations

import functools
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import simpy

MAX_SPEED_CAP_MPS = 12.0
SPEED_COEFF = 0.5
GB50215_BASE_S = 20.0
GB50215_BASE_PERSONS = 5
GB50215_PER_PERSON_S = 1.0
GB50215_DOUBLE_DECK_EXTRA_S = 6.0


#: how often a stopped cage with people waiting is checked for its power or service back [P]: a minute, the
#: resolution of the drill's timeline, so a repair is acted on within a minute of it
POLL_WHILE_DOWN_S = 60.0
#: seconds of rise the onsetter reads to judge how fast the water comes up [P]
RISE_WINDOW_S = 60.0
#: a rider's trip must reach the station this long before the estimated limit, or they are sent away [P]
SEND_AWAY_MARGIN_S = 30.0


def max_speed_mps(hoisting_height_m: float, configured: float | None = None) -> float:
    """Cage speed limit with persons for a hoisting height."""
    v = min(SPEED_COEFF * math.sqrt(max(hoisting_height_m, 0.0)), MAX_SPEED_CAP_MPS)
    return min(v, configured) if configured is not None else v


def travel_time_s(distance_m: float, v_max: float, accel: float) -> float:
    """Time to wind ``distance_m`` with a trapezoidal (or triangular) speed profile."""
    d = abs(distance_m)
    if d == 0:
        return 0.0
    if d >= v_max * v_max / accel:
        return d / v_max + v_max / accel
    return 2.0 * math.sqrt(d / accel)


def rest_time_s(persons: int, decks: int = 1, capacity: int | None = None) -> float:
    """Loading (or unloading) time of a cage with ``persons`` aboard, GB 50215 §8.1.3.

    A double-deck cage loads one deck, is moved, and loads the other: twice a deck's time plus 6 s. A load
    that fits one deck (``capacity`` the whole cage's) uses one, in a single deck's time, so a second deck
    never makes a small load slower.
    """
    if decks == 2 and (capacity is None or persons > capacity // 2):
        per_deck = math.ceil(persons / 2)
        return 2 * _deck_rest_s(per_deck) + GB50215_DOUBLE_DECK_EXTRA_S
    return _deck_rest_s(persons)


def _deck_rest_s(persons: int) -> float:
    """One deck's loading time, GB 50215 §8.1.3: 20 s up to 5 persons, 1 s for each one more."""
    return GB50215_BASE_S + GB50215_PER_PERSON_S * max(persons - GB50215_BASE_PERSONS, 0)


def load_size(waiting: int, capacity: int) -> int:
    """How many board now: ``waiting`` split into equal loads over the fewest trips."""
    if waiting <= 0:
        return 0
    trips = math.ceil(waiting / capacity)
    return math.ceil(waiting / trips)


def time_left_s(depth_m: float, rise_mps: float, limit_m: float) -> float:
    """Seconds until the water is ``limit_m`` deep, if it keeps rising as it rises now (inf if it does not)."""
    if depth_m >= limit_m:
        return 0.0
    return (limit_m - depth_m) / rise_mps if rise_mps > 0 else math.inf


def riders_in_time(waiting: int, *, first_s: float, round_trip_s: float, capacity: int, deadline_s: float) -> int:
    """How many of the ``waiting`` (in queue order) board by ``deadline_s``.

    The cage is at the station at ``first_s`` and then every ``round_trip_s``, taking ``capacity`` each
    time: the trips that reach the station by the deadline lift ``capacity`` each. Those kept make whole
    loads, so the banksman's equal loads (:func:`load_size`) are full ones and the round trip holds.
    """
    if waiting <= 0 or deadline_s < first_s:
        return 0
    if math.isinf(deadline_s):  # the water is not rising (or never comes): every trip comes in time
        return waiting
    trips = math.floor((deadline_s - first_s) / round_trip_s) + 1
    return min(waiting, trips * capacity)


@dataclass(frozen=True)
class HoistDef:
    """A compiled hoist: stations are node indices, collar first."""

    id: str
    stations: tuple[int, ...]
    elevations: tuple[float, ...]
    capacity: int
    decks: int
    v_max: float
    accel: float
    signal_s: float
    start_station: int
    needs_mains_power: bool
    priority: tuple[int, ...] = ()

    def wind_s(self, from_station: int, to_station: int) -> float:
        """Signal plus travel between two stations."""
        za = self.elevations[self.stations.index(from_station)]
        zb = self.elevations[self.stations.index(to_station)]
        return self.signal_s + travel_time_s(za - zb, self.v_max, self.accel)

    @property
    def collar(self) -> int:
        return self.stations[0]

    @functools.cached_property
    def wind_table(self) -> dict[tuple[int, int], float]:
        """:meth:`wind_s` between every pair of stations, computed once per hoist."""
        return {(a, b): self.wind_s(a, b) for a in self.stations for b in self.stations}


class Rider:
    """One person waiting for or riding the cage (a slotted class: one per ride, built in the hot loop).

    Attributes:
        signal: a simpy.Event with the value "boarded", "cancelled" (the cage stopped, or it cannot come
            back for them before the water: go another way) or "flooded" (the station did).
        landed: a simpy.Event, succeeded at the collar (value: that time).
        board_s: when the person boarded (NaN until then).
    """

    __slots__ = ("arrived_s", "board_s", "landed", "person", "signal")

    def __init__(self, person: int, arrived_s: float, signal: Any, landed: Any):
        self.person = person
        self.arrived_s = arrived_s
        self.signal = signal
        self.landed = landed
        self.board_s = math.nan


@dataclass
class CageStats:
    trips: int = 0
    persons: int = 0
    busy_s: float = 0.0
    max_queue: int = 0
    first_call_s: float = float("nan")
    last_landing_s: float = float("nan")
    waits: list[float] = field(default_factory=list)


class Cage:
    """The cage of one hoist, as a SimPy process."""

    def __init__(self, env: simpy.Environment, hoist: HoistDef, *, flooded_s: list[float],
                 powered: Callable[[float, HoistDef], bool] | None):
        self.env = env
        self.h = hoist
        self.queues: dict[int, deque[Rider]] = {s: deque() for s in hoist.stations[1:]}
        self.waiting = 0
        self.position = hoist.start_station
        self.stats = CageStats()
        self._flooded_s = flooded_s  # per node: when a station there is too deep to load people
        self._powered = powered  # (t, hoist) -> bool: power and the hoist itself in service; None: always
        self._wake = env.event()
        # signal plus travel between every pair of stations, computed once
        self._wind = hoist.wind_table
        # when and where the cage is next free: the end of the wind or trip under way
        self.free_s = 0.0
        self.free_at = hoist.start_station
        #: called after each departure from a station with people aboard, from ``watch_from_s`` on (when
        #: water first shows at one of its stations: the drill's check of the queues)
        self.on_departure: Callable[[Cage], None] | None = None
        self.watch_from_s = math.inf
        self.process = env.process(self._run())

    def detach(self) -> None:
        """Drop the call-backs into the drill once it is over (they would keep the drill alive in a cycle)."""
        self._powered = None
        self.on_departure = None

    def queue_length(self) -> int:
        return self.waiting

    def request(self, station: int, person: int) -> Rider:
        """Join the queue at ``station``; the rider's events fire on boarding and at the collar."""
        env = self.env
        now = env.now
        rider = Rider(person, now, env.event(), env.event())
        self.queues[station].append(rider)
        self.waiting += 1
        stats = self.stats
        if stats.first_call_s != stats.first_call_s:  # NaN: the first call
            stats.first_call_s = now
        if self.waiting > stats.max_queue:
            stats.max_queue = self.waiting
        if not self._wake.triggered:
            self._wake.succeed()
        return rider

    def flood_station(self, station: int) -> None:
        """The station is under water: everyone still waiting there is caught."""
        q = self.queues[station]
        while q:
            r = q.popleft()
            self.waiting -= 1
            r.signal.succeed("flooded")

    def next_at_s(self, station: int) -> float:
        """When the cage can be at ``station`` if it comes for it as soon as it is free.

        A cage on its way to another station with people waiting there loads them and lifts them first.
        """
        h = self.h
        t = max(self.free_s, self.env.now)
        at = self.free_at
        if at == station:
            return t
        q = self.queues.get(at)
        if q:
            rest = rest_time_s(load_size(len(q), h.capacity), h.decks, h.capacity)
            t += 2 * rest + self._wind[(at, h.collar)]
            at = h.collar
        return t + self._wind[(at, station)]

    def round_trip_s(self, station: int) -> float:
        """From one full load at ``station`` to the next: rest, wind up, rest at the collar, wind down."""
        h = self.h
        rest = rest_time_s(h.capacity, h.decks, h.capacity)
        return 2 * rest + self._wind[(station, h.collar)] + self._wind[(h.collar, station)]

    def send_away(self, station: int, keep: int) -> list[Rider]:
        """Everyone in the queue at ``station`` after the first ``keep`` must go another way; they are returned."""
        q = self.queues[station]
        gone = [q.pop() for _ in range(len(q) - keep)][::-1]
        self.waiting -= len(gone)
        for r in gone:  # told in queue order
            r.signal.succeed("cancelled")
        return gone

    def available(self, t: float) -> bool:
        return self._powered is None or self._powered(t, self.h)

    def stop(self) -> None:
        """The cage has stopped (power lost, hoist out of service): everyone waiting must go another way.

        A trip already under way finishes: winders bring a cage to a station on their emergency
        brake and standby supply (a simplification, stated).
        """
        for q in self.queues.values():
            while q:
                r = q.popleft()
                self.waiting -= 1
                r.signal.succeed("cancelled")

    def _next_station(self) -> int | None:
        t = self.env.now
        flooded = self._flooded_s
        waiting = [s for s, q in self.queues.items() if q and t < flooded[s]]
        if not waiting:
            return None
        for s in self.h.priority:
            if s in waiting:
                return s
        return min(waiting, key=lambda s: self.queues[s][0].arrived_s)

    def _run(self):
        env = self.env
        h = self.h
        while True:
            if not self.available(env.now):
                if self.waiting == 0:  # nobody asks for a stopped cage; a request after repair wakes it
                    self._wake = env.event()
                    yield self._wake
                else:
                    yield env.timeout(POLL_WHILE_DOWN_S)
                continue
            station = self._next_station()
            if station is None:
                self._wake = env.event()
                yield self._wake
                continue
            start = env.now
            if self.position != station:
                wind = self._wind[(self.position, station)]
                self.free_s, self.free_at = start + wind, station
                yield env.timeout(wind)
                self.position = station
                if env.now >= self._flooded_s[station] or not self.queues[station]:
                    self.stats.busy_s += env.now - start
                    continue
            q = self.queues[station]
            n = load_size(len(q), h.capacity)
            riders = [q.popleft() for _ in range(n)]
            self.waiting -= n
            board_s = env.now
            waits = self.stats.waits
            for r in riders:
                waits.append(board_s - r.arrived_s)
                r.board_s = board_s
                r.signal.succeed("boarded")
            rest = rest_time_s(n, h.decks, h.capacity)
            up = rest + self._wind[(station, h.collar)]
            self.free_s, self.free_at = board_s + up + rest, h.collar
            if board_s >= self.watch_from_s and self.on_departure is not None:
                self.on_departure(self)
            yield env.timeout(up)
            yield env.timeout(rest)
            self.position = h.collar
            self.stats.trips += 1
            self.stats.persons += n
            self.stats.busy_s += env.now - start
            self.stats.last_landing_s = env.now
            for r in riders:
                r.landed.succeed(env.now)
