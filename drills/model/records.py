"""Plain, picklable records of one drill: one frozen record per person, per hoist, per event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

#: Every person ends in exactly one of these.
#: surface / refuge: out of the mine or in a refuge chamber; assembly: at a valley assembly point;
#: sheltered: on an upper floor at home; caught: reached by the water before safety;
#: underground / in_place: neither safe nor caught when the drill ends.
OUTCOMES = ("surface", "refuge", "assembly", "kept_out", "sheltered", "caught", "underground", "in_place")
#: kept_out: a miner of the next shift who was not let underground.
SAFE_OUTCOMES = ("surface", "refuge", "assembly", "kept_out")


class PersonRecord(NamedTuple):
    """What happened to one person in one replication (times in s from the scenario start; NaN = never).

    A named tuple rather than a frozen dataclass: a drill builds one per person, and a tuple is
    built several times faster; it is as immutable and loads as directly into a table.

    Attributes:
        margin_s: smallest lead the person kept over the water at the places they passed — the time
            each place became impassable minus the time they left it (for the place of safety: minus
            the time they arrived); inf if none of those places flooded within the drill; NaN unless
            they reached safety.
        water_s: when water reached their starting place (inf if never).
        situation: where the water found them: underground, in_open, in_vehicle, in_building,
            upper_floor; empty if it did not. A household still at home when the water reached it has its
            home's situation even where the water stayed too shallow to catch them.
        fatality_p: probability of death from the lethality rule for that situation, depth and
            velocity (NaN underground, where no rule applies; 0 if the water did not reach them).
        died: a Bernoulli draw from ``fatality_p``.
        turned_back: the place short of which they first met the water on their way and turned back (the
            water closed the passage's far end before they were through it); empty if they never did.
    """

    replication: int
    person: str
    group: str
    profile: str
    crew: str
    start: str
    warned_s: float
    warned_by: str
    departed_s: float
    outcome: str
    outcome_s: float
    end: str
    margin_s: float
    water_s: float
    situation: str = ""
    fatality_p: float = 0.0
    died: bool = False
    turned_back: str = ""


@dataclass(frozen=True, slots=True)
class HoistRecord:
    """One cage in one replication.

    Attributes:
        utilisation: busy time over the evacuation window, from the first call to the last landing.
        max_queue: most people waiting for this cage at once, all its stations together.
        mean_wait_s: mean wait of those who boarded.
    """

    replication: int
    hoist: str
    trips: int
    persons: int
    busy_s: float
    utilisation: float
    max_queue: int
    mean_wait_s: float


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """A plan action: when its trigger was met and when it was done (NaN if never)."""

    action: str
    owner: str
    trigger_s: float
    done_s: float
    deadline_s: float


@dataclass(frozen=True, slots=True)
class Event:
    """A moment on the drill timeline (trigger met, order given, channel on, water somewhere)."""

    t_s: float
    kind: str
    what: str


@dataclass(frozen=True)
class DrillResult:
    """Everything recorded in one replication."""

    replication: int
    people: tuple[PersonRecord, ...]
    hoists: tuple[HoistRecord, ...]
    timeline: tuple[Event, ...]
    order_s: float
    node_water_s: tuple[float, ...]
    node_clear_s: tuple[float, ...]
    link_peak_queue: tuple[int, ...]
    events: int
    actions: tuple[ActionRecord, ...] = ()
    downstream_order_s: float = float("nan")
    entered: int = 0  # miners of a later shift who went underground during the drill
    entry_violations: int = 0  # of them, those who went down while the no-entry rule held
    peak_underground: int = 0
    faults: tuple[str, ...] = ()
