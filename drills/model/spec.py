"""The compiled drill: everything one simulation needs, as plain frozen data.

Built by :mod:`drills.inputs.compile` from the site, plan and scenario files; a revision of the plan
is a new :class:`DrillSpec` made with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drills.model.hoist import HoistDef
from drills.model.inrush import FloodGeometry
from drills.model.network import Network
from drills.model.running import RunningWay
from drills.model.variability import Distribution


@dataclass(frozen=True)
class Profile:
    """How a kind of person moves (see :mod:`drills.model.movement` for the sources)."""

    id: str
    speed_mps: float
    speed_cv: float
    climb_mps: float
    wading_limit_m: float


@dataclass(frozen=True)
class Person:
    """One person. ``party`` is the index of the group they move with (a miner alone, a household)."""

    index: int
    id: str
    start: int
    profile: str
    crew: str
    radio: bool
    paging: bool
    party: int = -1
    phone: bool = True
    group: str = "miner"  # "miner" or "resident"


@dataclass(frozen=True)
class Party:
    """People who are warned, decide and move together.

    Underground each miner is a party of one; in the valley a household (or a school class, a
    field crew) is one party. The party moves at its slowest member's pace, on foot or by car.

    Attributes:
        profile: the movement profile of the party (its slowest member).
        mode: "walk" or "drive".
        relay: "crew" (a warned member tells everyone of the crew at the place) or "neighbours"
            (a warned household tells a few other households at the place).
        upper_floor: the home has an upper floor to shelter on.
    """

    index: int
    id: str
    members: tuple[int, ...]
    start: int
    profile: str
    mode: str
    crew: str
    relay: str
    upper_floor: bool = False
    needs_help: bool = False  # nobody in it can leave unaided: it waits for a door-to-door team
    enters_s: float = 0.0  # > 0: goes underground at this time with the next shift


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    decision_delay: Distribution
    present_probability: float
    backups: tuple[str, ...]
    handover: Distribution
    may_order_evacuation: bool


@dataclass(frozen=True)
class Trigger:
    id: str
    quantity: str
    node: int | None
    threshold: float
    level: str
    owner: str
    detection_delay: Distribution
    automatic: bool = False
    at_level: str | None = None


@dataclass(frozen=True)
class Action:
    action: str
    owner: str
    channels: tuple[str, ...] | None
    id: str = ""
    after: tuple[str, ...] = ()
    deadline_s: float | None = None


@dataclass(frozen=True)
class Channel:
    id: str
    type: str
    activation_delay: Distribution
    reliability: float
    coverage: tuple[int, ...]
    hear_probability: float
    repeat_interval_s: float
    call_duration: Distribution
    ring_s: float
    start: int | None
    needs_mains_power: bool
    backup_power_h: float
    public: bool = False
    needs_mobile_network: bool = False
    audible_radius_m: float = 0.0
    audibility: float = 1.0
    callers: int = 1
    answer_probability: float = 1.0
    visit: Distribution | None = None
    speed_mps: float = 0.0


@dataclass(frozen=True)
class Route:
    id: str
    path: tuple[int, ...]
    refuge: int | None


@dataclass(frozen=True)
class Inrush:
    """The water entering the workings at ``source``: an inrush, the storm's extra inflow, or both.

    ``hydro_t_s`` are times from the scenario start. ``burst_s`` is when an inrush's water first comes in at its
    source (None when the water only rises with the storm, from the sump).
    """

    source: int
    burst_s: float | None
    hydro_t_s: tuple[float, ...]
    hydro_m3ps: tuple[float, ...]
    factor: Distribution
    pumping_m3ps: float
    geometry: FloodGeometry
    #: the way an inrush's water runs down from its source to where it pools, compiled once (None: no inrush, or no
    #: drift or ramp on the way)
    way: RunningWay | None = None
    #: the mine's usual inflow that its running pumps take out (m³/s), left out of ``hydro_m3ps`` with their capacity:
    #: it comes in while the pumps stop with the power (0: an inrush alone)
    held_m3ps: float = 0.0
    #: with an inrush in a flood season, the storm's extra inflow and the usual inflow the pumps cannot take out
    #: (m³/s on ``hydro_t_s``): it comes from the rain model and the mine's measured inflow, so the inrush's factor
    #: does not scale it (empty: none beside ``hydro_m3ps``)
    unscaled_m3ps: tuple[float, ...] = ()
    #: the mine's pumps and usual inflow as the site gives them (m³/s; None: no mine water model in play), for the
    #: report: ``pumping_m3ps`` holds only what the pumps have beyond the usual inflow
    mine_pumps_m3ps: float | None = None
    usual_m3ps: float = 0.0
    #: the inrush's hydrograph as the scenario writes it (times from the scenario start, m³/s), for the report (empty:
    #: the storm's water alone); in a flood season ``hydro_t_s`` has the storm's times as well
    written: tuple[tuple[float, float], ...] = ()

    @property
    def unpumped_m3ps(self) -> float:
        """The mine's usual inflow its pumps cannot take out (m³/s), which is in the storm's water of ``hydro_m3ps``
        or ``unscaled_m3ps``: it fills the mine, but is no water beyond the usual inflow."""
        return self.usual_m3ps - self.held_m3ps if self.mine_pumps_m3ps is not None else 0.0

    def burst_at(self, node: int) -> float | None:
        """When the inrush bursts in at ``node``: its ``burst_s`` at its source, None elsewhere or with no burst."""
        return self.burst_s if node == self.source else None


@dataclass(frozen=True)
class Fault:
    """A compiled fault: ``target`` is a channel id, link index, role id, sensor id or hoist id."""

    name: str
    kind: str
    target: Any
    at_s: float
    duration_s: float | None
    probability: float


@dataclass(frozen=True)
class DamBreak:
    """The dam-break flood: the compiled per-place arrival, depth and velocity."""

    dam: str
    node: int
    breach_s: float
    flood: Any  # drills.model.dam_break.DamBreakFlood, at the central breach time and volume
    source: str  # "estimate (relation)" or the hydraulic study's file name
    recipe: Any = None  # drills.model.dam_break.FloodRecipe, to rebuild it per replication
    breach: Distribution | None = None
    volume_factor: Distribution | None = None


@dataclass(frozen=True)
class Behaviour:
    response_delay: dict[str, Distribution]
    crew_relay: Distribution
    water_cue_depth_m: float
    neighbour_relay: Distribution | None = None
    neighbours_told: int = 0
    compliance: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RunningWater:
    """Where an inrush's water, on its way down to where it pools (or out of the mine), runs deep or fast enough
    along a passage to stop people at the peak inflow as written (drills.inputs.plausibility.running_water), for the
    note under the scorecard; the drill itself runs it with each replication's inflow (drills.model.running)."""

    source: str
    end: str  # the lowest place the water reaches, or the opening it runs out of
    peak_m3ph: float
    #: per passage, down from the source: (link id, depth m, velocity m/s, s into the inrush from which it stops people)
    passages: tuple[tuple[str, float, float, float], ...]
    dv_m2ps: float  # the greatest depth × velocity among them


@dataclass(frozen=True)
class Meta:
    """Provenance written into every output."""

    site_id: str
    site_name: str
    plan_id: str
    plan_version: str
    plan_unit: str
    scenario_id: str
    scenario_title: str
    start_time: str
    files: dict[str, str] = field(default_factory=dict)
    #: values of the input files that validate but look like data-entry slips, as (file, line, field, message)
    #: (see drills.inputs.plausibility); the drill runs as written, the outputs repeat them
    input_warnings: tuple[tuple[str, int | None, str, str], ...] = ()
    running_water: RunningWater | None = None  # where the water running down from an inrush stops people


@dataclass(frozen=True)
class DrillSpec:
    meta: Meta
    network: Network
    profiles: dict[str, Profile]
    people: tuple[Person, ...]
    roles: dict[str, Role]
    triggers: tuple[Trigger, ...]
    actions_by_level: dict[str, tuple[Action, ...]]
    channels: tuple[Channel, ...]
    routes: dict[int, Route]
    exits: tuple[int, ...]
    refuges: tuple[int, ...]
    hoists: tuple[HoistDef, ...]
    inrush: Inrush | None
    behaviour: Behaviour
    duration_s: float
    parties: tuple[Party, ...] = ()
    assembly_points: tuple[int, ...] = ()
    vertical_shelter: bool = False
    dam_break: DamBreak | None = None
    time_of_day: str = "day"
    rain: str = "none"
    faults: tuple[Fault, ...] = ()
    entries: tuple[tuple[float, tuple[int, ...]], ...] = ()  # (time, party indices entering then)
    headcount_limit: int | None = None
    season: Any = None  # drills.model.flood_season.Season
    no_entry: tuple[str | None, str | None] | None = None  # (met warning level, monitoring level)
    order_at_s: float | None = None
    order_channels: tuple[str, ...] | None = None
    replications: int = 200
    seed: int = 0
