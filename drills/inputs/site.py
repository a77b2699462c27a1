"""Site schema: the network of places and passages, the hoists, and the people by shift.

Units are in the field names. Checks that need more than one field (a link to a node that does
not exist, a duplicated id) are made here so that each problem points at the offending line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from drills.inputs.base import Ident, NonNeg, Pos, Prob, Strict

NodeKind = Literal[
    "workplace", "junction", "shaft_station", "collar", "refuge", "portal", "surface", "sump",
]
LinkKind = Literal["drift", "ramp", "incline", "ladderway", "shaft", "footpath"]

#: Node kinds where a person is out of the mine.
SAFE_SURFACE_KINDS = ("collar", "portal", "surface")


class NodeSpec(Strict):
    """A place in the network."""

    id: Ident
    kind: NodeKind
    elevation_m: float
    x_m: float = 0.0
    y_m: float = 0.0
    level: str | None = Field(default=None, description="mining level label, e.g. '-360'")
    capacity_persons: int | None = Field(default=None, ge=1, description="refuge seats")
    supplies_h: Pos | None = Field(default=None, description="refuge autonomy")
    void_volume_m3: NonNeg = Field(default=0.0, description="open stope or sump volume stored here")
    void_height_m: Pos = Field(default=5.0, description="height over which that void fills")

    @model_validator(mode="after")
    def _refuge_fields(self) -> NodeSpec:
        if self.kind == "refuge" and self.capacity_persons is None:
            raise ValueError("a refuge needs capacity_persons (its seats)")
        if self.kind != "refuge" and (self.capacity_persons is not None or self.supplies_h is not None):
            raise ValueError("capacity_persons and supplies_h apply to refuges only")
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

    @model_validator(mode="after")
    def _ends(self) -> LinkSpec:
        if self.from_ == self.to:
            raise ValueError("a link must join two different nodes")
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


class SiteBody(Strict):
    id: Ident
    name: str
    kind: Literal["underground_mine"] = "underground_mine"
    description: str = ""
    nodes: list[NodeSpec] = Field(min_length=2)
    links: list[LinkSpec] = Field(min_length=1)
    hoists: list[HoistSpec] = []
    profiles: list[ProfileSpec] = []
    shifts: dict[Ident, list[CrewSpec]] = Field(min_length=1)


class SiteFile(Strict):
    site: SiteBody
