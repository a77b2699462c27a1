"""Site schema: the network of places and passages, the hoists, and the people by shift.

Units are in the field names. Checks that need more than one field (a link to a node that does
not exist, a duplicated id) are made here so that each problem points at the offending line.
"""

from __future__ import annotations

import itertools
from typing import Literal

from pydantic import Field, field_validator, model_validator

from drills.inputs.base import Ident, NonNeg, Pos, Prob, Strict

NodeKind = Literal[
    # underground
    "workplace", "junction", "shaft_station", "collar", "refuge", "portal", "surface", "sump",
    # the valley below a dam
    "dam", "household", "school", "field", "road_junction", "assembly_point",
]
LinkKind = Literal["drift", "ramp", "incline", "ladderway", "shaft", "footpath", "road"]
RoadClass = Literal["state_highway", "secondary", "local", "track"]

#: Node kinds where a person is out of the mine.
SAFE_SURFACE_KINDS = ("collar", "portal", "surface")
#: Node kinds below ground: the places of a mine's workings.
UNDERGROUND_KINDS = ("workplace", "junction", "shaft_station", "refuge", "sump")


class NodeSpec(Strict):
    """A place in the network."""

    id: Ident
    kind: NodeKind
    elevation_m: float
    x_m: float = 0.0
    y_m: float = 0.0
    level: str | None = Field(default=None, description="mining level label, e.g. '-360'")
    capacity_persons: int | None = Field(default=None, ge=1, description="refuge seats or assembly capacity")
    supplies_h: Pos | None = Field(default=None, description="refuge autonomy")
    void_volume_m3: NonNeg = Field(default=0.0, description="open stope or sump volume stored here")
    void_height_m: Pos = Field(default=5.0, description="height over which that void fills")
    above_valley_floor_m: NonNeg = Field(
        default=0.0, description="height of the place above the valley floor, for the built-in flood estimate")

    @model_validator(mode="after")
    def _refuge_fields(self) -> NodeSpec:
        if self.kind == "refuge" and self.capacity_persons is None:
            raise ValueError("a refuge needs capacity_persons (its seats)")
        if self.kind not in ("refuge", "assembly_point") and self.capacity_persons is not None:
            raise ValueError("capacity_persons applies to refuges and assembly points only")
        if self.kind != "refuge" and self.supplies_h is not None:
            raise ValueError("supplies_h applies to refuges only")
        return self


class LinkSpec(Strict):
    """A passage between two nodes (both directions unless ``one_way``)."""

    id: Ident
    kind: LinkKind
    from_: Ident = Field(alias="from")
    to: Ident
    length_m: Pos
    width_m: Pos
    height_m: Pos = Field(default=3.0, description="clear height; with width it sets the water volume")
    flow_capacity_pps: Pos | None = Field(default=None, description="override the width-based capacity")
    one_way: bool = False
    road_class: RoadClass | None = Field(default=None, description="roads: LifeSim default lanes and speeds")
    lanes: int | None = Field(default=None, ge=1, le=6, description="roads: lanes each way")
    bridge: bool = False

    @model_validator(mode="after")
    def _ends(self) -> LinkSpec:
        if self.from_ == self.to:
            raise ValueError("a link must join two different nodes")
        if self.kind != "road" and (self.road_class is not None or self.lanes is not None):
            raise ValueError("road_class and lanes apply to roads only")
        return self


class HoistSpec(Strict):
    """A cage hoist serving shaft stations; ``stations`` lists the collar first, then downwards."""

    id: Ident
    stations: list[Ident] = Field(min_length=2)
    cage_capacity_persons: int = Field(ge=1)
    decks: Literal[1, 2] = 1
    max_speed_mps: Pos | None = Field(default=None, description="default: 0.5*sqrt(H), at most 12 m/s")
    accel_mps2: Pos = 0.75
    signal_s: NonNeg = 10.0
    start_station: Ident | None = None
    needs_mains_power: bool = True


class ProfileSpec(Strict):
    """Override or add a movement profile."""

    id: Ident
    speed_mps: Pos
    speed_cv: NonNeg = 0.19
    climb_mps: Pos = 0.105
    wading_limit_m: Pos = 1.2


class CrewSpec(Strict):
    """People at one place at the start of the shift."""

    at: Ident
    count: int = Field(ge=1)
    profile: Ident = "miner"
    crew: Ident | None = Field(default=None, description="crew name; default: the place")
    radio_carriers: int = Field(default=1, ge=0, description="members with a leaky-feeder radio")
    paging_lamp_share: Prob = Field(default=1.0, description="share whose cap lamp receives paging")


class PerTime(Strict):
    """A number that differs by day and night."""

    day: NonNeg
    night: NonNeg


class ResidentsSpec(Strict):
    """Households (or a school, a field) at one place of the valley.

    Either ``households`` with ``members`` per household by time of day, or ``occupants`` for a
    school, a field or a workshop. Shares are of the people there.
    """

    at: Ident
    households: int | None = Field(default=None, ge=1)
    members: PerTime | None = Field(default=None, description="mean people at home per household")
    occupants: PerTime | None = Field(default=None, description="people present, for a school or a field")
    elderly_share: Prob = 0.0
    child_share: Prob = 0.0
    needs_help_share: Prob = Field(default=0.0, description="people who cannot leave without help")
    car_share: Prob = Field(default=0.0, description="households that leave by car")
    phone_share: Prob = Field(default=0.9, description="people with a mobile phone")
    upper_floor: bool = Field(default=False, description="the houses have an upper floor to shelter on")

    @model_validator(mode="after")
    def _which(self) -> ResidentsSpec:
        if (self.households is None) == (self.occupants is None):
            raise ValueError("give either households (with members) or occupants")
        if self.households is not None and self.members is None:
            raise ValueError("households need members: {day: .., night: ..}")
        if self.elderly_share + self.child_share > 1:
            raise ValueError("elderly_share + child_share is more than 1")
        return self


class PondSpecIn(Strict):
    """The pond's water balance (see :mod:`drills.model.pond` for the relations and their sources)."""

    catchment_area_m2: Pos
    runoff_coefficient: Prob
    stage_area: list[tuple[float, NonNeg]] = Field(min_length=2, description="[level m, surface area m2] pairs")
    crest_elevation_m: float
    spillway_crest_m: float
    spillway_width_m: NonNeg = 0.0
    decant_invert_m: float
    decant_m3ps: NonNeg = 0.0
    beach_slope: Pos
    min_freeboard_m: NonNeg
    min_beach_length_m: NonNeg
    process_inflow_m3ps: NonNeg = 0.0

    @field_validator("stage_area")
    @classmethod
    def _levels(cls, stage_area: list[tuple[float, float]]) -> list[tuple[float, float]]:
        # a field's own check, so that it is told with the other fields' faults, not only once they are mended
        levels = [lv for lv, _ in stage_area]
        if any(b <= a for a, b in itertools.pairwise(levels)):
            raise ValueError(f"stage_area levels must increase (got {', '.join(f'{lv:g}' for lv in levels)})")
        return stage_area


class DamSpec(Strict):
    """A tailings dam (GB 39496-2020 classes; 头顶库 when people live within 1 km downstream)."""

    id: Ident
    node: Ident
    height_m: Pos
    stored_volume_m3: Pos
    pond_class: int = Field(ge=1, le=5)
    dam_type: Literal["upstream", "centerline", "downstream", "one_off"] = "upstream"
    pond: PondSpecIn | None = None


class RiverSpecIn(Strict):
    """A river beside a mine entrance; its stage from rain (all parameters the site's own, [E])."""

    catchment_area_m2: Pos
    runoff_coefficient: Prob
    lag_s: Pos
    baseflow_m3ps: NonNeg
    rating_a: Pos
    rating_b: Pos
    bed_elevation_m: float


class IngressSpec(Strict):
    """Where surface water can pour into the mine: a collar or portal sill beside the river."""

    node: Ident
    opening_width_m: Pos
    river: RiverSpecIn


class MineWaterSpec(Strict):
    """The mine's water: normal inflow and pumps, rain recharge, surface ingress (see drills.model.mine_inflow)."""

    sump: Ident = Field(description="where the water collects (the pool's source node)")
    baseline_m3ph: NonNeg
    pumping_m3ph: NonNeg
    recharge_area_m2: NonNeg = 0.0
    infiltration_share: Prob = 0.0
    lag_s: Pos = 3600.0
    ingress: IngressSpec | None = None


class SiteBody(Strict):
    id: Ident
    name: str
    kind: Literal["underground_mine", "tailings_valley", "mine_and_valley"] = "underground_mine"
    description: str = ""
    nodes: list[NodeSpec] = Field(min_length=2)
    links: list[LinkSpec] = Field(min_length=1)
    hoists: list[HoistSpec] = []
    profiles: list[ProfileSpec] = []
    shifts: dict[Ident, list[CrewSpec]] = {}
    residents: list[ResidentsSpec] = []
    dams: list[DamSpec] = []
    mine_water: MineWaterSpec | None = None

    @model_validator(mode="after")
    def _people(self) -> SiteBody:
        if not self.shifts and not self.residents:
            raise ValueError("a site needs people: shifts (underground) or residents (the valley)")
        return self


class SiteFile(Strict):
    site: SiteBody
