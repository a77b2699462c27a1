"""Site schema: the network of places and passages, the hoists, and the people by shift.

Units are in the field names. Checks that need more than one field (a link to a node that does
not exist, a duplicated id) are made here so that each problem points at the offending line.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from typing import Annotated, Literal

import networkx as nx
from pydantic import Field, WithJsonSchema, field_validator, model_validator

from drills.inputs.base import (
    MAX_AT_ONE_PLACE,
    MAX_PASSAGE_HEIGHT_M,
    WHY_LEVEL_GRID,
    WHY_PEOPLE,
    Ident,
    Idents,
    ItemFault,
    Label,
    NonNeg,
    Pos,
    Prob,
    Strict,
    Text,
    at_most,
    one_or_more,
)
from drills.model import movement
from drills.model.network import WALKABLE

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

    id: Ident = Field(description="name of the place, unique in the site; plans and scenarios refer to it by this id")
    kind: NodeKind = Field(description=(
        "what the place is: workplace, junction, shaft_station, refuge, sump below ground; collar, portal, surface "
        "at the exits; dam, household, school, field, road_junction, assembly_point in the valley"))
    elevation_m: float = Field(description=(
        "elevation of the place's floor in metres, on the site's datum (e.g. -360 on the -360 m level): it sets "
        "slopes, hoisting heights and where water collects"))
    x_m: float = Field(default=0.0, description=(
        "east coordinate on the site map in metres, for figures and distances (a siren's hearing radius, the "
        "spacing of exits, 1 km below a dam); default 0"))
    y_m: float = Field(default=0.0, description="north coordinate on the site map in metres, as x_m; default 0")
    level: Label | None = Field(default=None, description=(
        "mining level label, e.g. '-360' (a number is taken as its text: -360 is the label '-360')"))
    # at least 1, told by the node's kind (:meth:`_refuge_fields`); the schema still gives an editor the minimum
    capacity_persons: Annotated[int, Field(json_schema_extra={"minimum": 1})] | None = Field(
        default=None, description="refuge seats or assembly capacity, at least 1")
    supplies_h: Pos | None = Field(default=None, description="refuge autonomy")
    void_volume_m3: NonNeg = Field(default=0.0, description="open stope or sump volume stored here")
    void_height_m: Pos = Field(default=5.0, description=(
        "height over which that void fills; default 5 m, the project's choice (no published value): give the "
        "stope's or sump's own height"))
    above_valley_floor_m: NonNeg = Field(
        default=0.0, description=(
            "height of the place above the valley floor, for the built-in flood estimate; once any place gives it, "
            "it replaces the heights the estimate finds from elevation_m for every place (0, the valley floor, "
            "where left out)"))

    @model_validator(mode="after")
    def _refuge_fields(self) -> NodeSpec:
        if self.kind == "refuge" and self.capacity_persons is None:
            raise ValueError("a refuge needs capacity_persons (its seats)")
        if self.capacity_persons is not None and self.capacity_persons < 1:
            what = ("a refuge chamber needs at least one seat: capacity_persons is its seats" if self.kind == "refuge"
                    else "an assembly point holds at least one person: capacity_persons is how many it holds")
            raise ItemFault(f"{what} (got {self.capacity_persons})", ("capacity_persons",))
        if self.kind not in ("refuge", "assembly_point") and self.capacity_persons is not None:
            raise ValueError("capacity_persons applies to refuges and assembly points only")
        if self.kind != "refuge" and self.supplies_h is not None:
            raise ValueError("supplies_h applies to refuges only")
        return self


class LinkSpec(Strict):
    """A passage between two nodes (both directions unless ``one_way``)."""

    id: Ident = Field(description="name of the passage, unique in the site (a link_cut fault refers to it)")
    kind: LinkKind = Field(description=(
        "drift, ramp, incline, ladderway (climbed at the profile's climb_mps), shaft (water only: people ride a "
        "hoist), footpath, or road (for cars)"))
    from_: Ident = Field(alias="from", description="id of the node at one end")
    to: Ident = Field(description="id of the node at the other end")
    length_m: Pos = Field(description="length along the passage in metres, at least the height difference of its ends")
    width_m: Pos = Field(description=(
        "clear width in metres: it sets the flow of people, 1.3 persons/(s·m) of the width less 0.2 m each side "
        "(SFPE Handbook ch. 64), and, with the height, the water volume"))
    height_m: Annotated[float, Field(gt=0), at_most(MAX_PASSAGE_HEIGHT_M, "m", WHY_LEVEL_GRID)] = Field(
        default=3.0, description=(
        "clear height; with width it sets the water volume; default 3 m, the project's choice (no published "
        "value): give the real height underground"))
    flow_capacity_pps: Pos | None = Field(default=None, description="override the width-based capacity")
    one_way: bool = Field(default=False, description=(
        "true: passable only from 'from' to 'to'; default false: both ways"))
    road_class: RoadClass | None = Field(default=None, description=(
        "roads: LifeSim default lanes and speeds (LifeSim TRM ch. 7 table 15); default: local, 1 lane at 35 mph"))
    lanes: int | None = Field(default=None, ge=1, le=6, description=(
        "roads: lanes each way; default: those of the road class"))
    bridge: bool = Field(default=False, description=(
        "the passage is a bridge: the search for single faults cuts the bridges on people's ways first, as floods "
        "take bridges; default false"))

    @model_validator(mode="after")
    def _ends(self) -> LinkSpec:
        if self.from_ == self.to:
            raise ItemFault(f"a link must join two different nodes: from and to are both {self.to!r}", ("to",))
        if self.kind != "road" and (self.road_class is not None or self.lanes is not None):
            raise ValueError("road_class and lanes apply to roads only")
        return self


class HoistSpec(Strict):
    """A cage hoist serving shaft stations; ``stations`` lists the collar first, then downwards."""

    id: Ident = Field(description="name of the hoist (a hoist_out fault refers to it)")
    stations: Idents = Field(min_length=2, description=(
        "node ids the cage serves: the collar first, then the shaft stations downwards"))
    cage_capacity_persons: Annotated[int, one_or_more(
        "a cage carries at least one person: cage_capacity_persons is how many one deck carries, its rated number "
        "from the hoist's plate, and a cage out of service is a hoist_out fault of the scenario")] = Field(
        description="persons one deck of the cage carries, at least 1")
    decks: Literal[1, 2] = Field(default=1, description=(
        "1 or 2 decks: a double-deck cage carries twice as many and loads in twice the time plus 6 s "
        "(GB 50215 §8.1.3), or in one deck's time when the load fits one deck; default 1"))
    max_speed_mps: Pos | None = Field(default=None, description=(
        "default: 0.5*sqrt(H), at most 12 m/s, H the hoisting height (煤矿安全规程, a coal-mine rule); a higher "
        "value is held to that limit"))
    accel_mps2: Pos = Field(default=0.75, description=(
        "acceleration and deceleration in m/s²; default 0.75: the limit with persons in 煤矿安全规程 (a coal-mine "
        "rule, for want of a metal-mine value)"))
    signal_s: NonNeg = Field(default=10.0, description=(
        "signalling time before each wind in seconds; default 10 s: the project's estimate, the low end of a "
        "typical 10–20 s, not a published value"))
    start_station: Ident | None = Field(default=None, description=(
        "station where the cage is at the start; default: the collar"))
    needs_mains_power: bool = Field(default=True, description=(
        "true: the cage stops while mains power is lost (a mains_power fault); false: it has its own supply"))


class ProfileSpec(Strict):
    """Override or add a movement profile."""

    id: Ident = Field(description=(
        "name of the profile, for shifts and behaviour; a built-in name (miner; adult, elderly, child, assisted) "
        "replaces how those people move; residents still set off with the residents' delay"))
    speed_mps: Pos = Field(description=(
        "free walking speed on a level, dry passage in m/s (the built-in miner: 1.2 m/s, SFPE Handbook ch. 64)"))
    speed_cv: NonNeg = Field(default=movement.SPEED_CV, description=(
        "spread of individual walking speeds, as a coefficient of variation; default 0.19: Weidmann 1993 "
        "(s.d. 0.26 m/s of a mean 1.34 m/s)"))
    climb_mps: Pos = Field(default=movement.CLIMB_MPS, description=(
        "vertical speed on a ladder in m/s; default 0.105 m/s: ladder climbing while wearing a self-rescuer, "
        "彭然 2022 (中国煤炭)"))
    wading_limit_m: Pos = Field(default=movement.WADING_LIMIT_M, description=(
        "deepest water this person walks through, in metres; default 1.2 m: hazard class H4, unsafe for people "
        "(Smith et al. 2014; AIDR Guideline 7-3)"))


class CrewSpec(Strict):
    """People at one place at the start of the shift."""

    at: Ident = Field(description="node id where these people are at the start of the shift")
    count: Annotated[int, one_or_more(
        "a crew is at least one person: count is how many are at this place when the shift starts, and a place with "
        "nobody is left out of the shift"), at_most(MAX_AT_ONE_PLACE, "people", WHY_PEOPLE)] = Field(
        description="number of people there, at least 1")
    profile: Ident = Field(default="miner", description=(
        "movement profile of these people; default 'miner' (walks 1.2 m/s; see site.profiles)"))
    crew: Ident | None = Field(default=None, description="crew name; default: the place")
    radio_carriers: int = Field(default=1, ge=0, description="members with a leaky-feeder radio")
    paging_lamp_share: Prob = Field(default=1.0, description="share whose cap lamp receives paging")


class PerTime(Strict):
    """A number of people that differs by day and night."""

    day: Annotated[float, Field(ge=0), at_most(MAX_AT_ONE_PLACE, "people", WHY_PEOPLE)] = Field(
        description="the number by day (the scenario's time_of_day: day)")
    night: Annotated[float, Field(ge=0), at_most(MAX_AT_ONE_PLACE, "people", WHY_PEOPLE)] = Field(
        description="the number by night (the scenario's time_of_day: night)")


class ResidentsSpec(Strict):
    """Households (or a school, a field) at one place of the valley.

    Either ``households`` with ``members`` per household by time of day, or ``occupants`` for a
    school, a field or a workshop. Shares are of the people there.
    """

    at: Ident = Field(description="node id where they are: a household, school, field or workplace node")
    households: Annotated[int, Field(ge=1), at_most(MAX_AT_ONE_PLACE, "households", WHY_PEOPLE)] | None = Field(
        default=None, description=(
        "number of households there (with members); leave out for a school or field and give occupants"))
    members: PerTime | None = Field(default=None, description="mean people at home per household")
    occupants: PerTime | None = Field(default=None, description="people present, for a school or a field")
    elderly_share: Prob = Field(default=0.0, description=(
        "share of the people who are elderly: they walk 0.91 m/s (FHWA MUTCD §4E.06) and wade at most 0.5 m; "
        "default 0"))
    child_share: Prob = Field(default=0.0, description=(
        "share who are children: they walk 1.07 m/s (MUTCD, as cited by LifeSim) and wade at most 0.5 m; "
        "default 0"))
    needs_help_share: Prob = Field(default=0.0, description="people who cannot leave without help")
    car_share: Prob = Field(default=0.0, description="households that leave by car")
    phone_share: Prob = Field(default=0.9, description=(
        "people with a mobile phone (children have none); default 0.9, the project's choice (no published value): "
        "give the village's own share"))
    upper_floor: bool = Field(default=False, description="the houses have an upper floor to shelter on")

    @model_validator(mode="after")
    def _which(self) -> ResidentsSpec:
        if (self.households is None) == (self.occupants is None):
            raise ValueError("give either households (with members) or occupants")
        if self.households is not None and self.members is None:
            raise ValueError("households need members: {day: .., night: ..}")
        if self.households is not None and self.members is not None and (
                (n := round(self.households * max(self.members.day, self.members.night))) > MAX_AT_ONE_PLACE):
            raise ValueError(f"households times members make {n} people at one place: more than drill can take: at "
                             f"most {MAX_AT_ONE_PLACE} people, as {WHY_PEOPLE}")
        if self.elderly_share + self.child_share > 1:
            raise ValueError("elderly_share + child_share is more than 1")
        return self


#: a pond's surface area in m² in a stage_area row: at least 0 in the schema an editor reads; a negative one, and a 0
#: above the pond's bottom, are told by the table's own check at the row, with why (not as "at least 0" where 0 is
#: refused too)
Area = Annotated[float, WithJsonSchema({"type": "number", "minimum": 0})]


class PondSpecIn(Strict):
    """The pond's water balance (see :mod:`drills.model.pond` for the relations and their sources)."""

    catchment_area_m2: Pos = Field(description="area draining to the pond in m², the pond's own surface included")
    runoff_coefficient: Prob = Field(description="share of the rain on the catchment that reaches the pond (0–1)")
    stage_area: list[tuple[float, Area]] = Field(min_length=2, description="[level m, surface area m2] pairs")
    crest_elevation_m: float = Field(description=(
        "elevation of the dam crest in metres: freeboard and dry beach are measured from it, and the pond "
        "overtops when its level reaches it"))
    spillway_crest_m: float = Field(description=(
        "elevation of the spillway sill in metres; above it the spillway passes C·L·H^1.5 (ideal broad-crested "
        "weir)"))
    spillway_width_m: NonNeg = Field(default=0.0, description=(
        "spillway crest length L in metres; default 0: no spillway"))
    decant_invert_m: float = Field(description="elevation of the decant (tower or pipe) inlet in metres")
    decant_m3ps: NonNeg = Field(default=0.0, description=(
        "flow the decant passes while the level is above its invert, in m³/s; default 0: no decant"))
    beach_slope: Pos = Field(description=(
        "dry-beach slope, rise over run (e.g. 0.01): beach length = (crest - level) / slope"))
    min_freeboard_m: NonNeg = Field(description=(
        "design minimum freeboard in metres (upstream dams: 0.4–1.5 m by grade, GB 50863-2013 Table 4.2.1); a red "
        "freeboard threshold below it is a finding"))
    min_beach_length_m: NonNeg = Field(description=(
        "design minimum dry-beach length in metres (upstream dams: 40–150 m by grade, GB 50863-2013 Table 4.2.1); "
        "a red beach threshold below it is a finding"))
    process_inflow_m3ps: NonNeg = Field(default=0.0, description=(
        "constant inflow besides rain (e.g. slurry water) in m³/s; default 0"))

    @field_validator("stage_area")
    @classmethod
    def _levels(cls, stage_area: list[tuple[float, float]]) -> list[tuple[float, float]]:
        # a field's own check, so that it is told with the other fields' faults, not only once they are mended;
        # each fault at its own row, as a table of many rows left the planner to find the slip
        faults = []
        # the first row whose level does not rise, with the level before it (the rows after it may be right)
        row, before, level = next(((k, a, b) for k, (a, b) in enumerate(
            itertools.pairwise(lv for lv, _ in stage_area), 1) if b <= a), (None, 0.0, 0.0))
        if row is not None:
            faults.append(ItemFault(f"stage_area levels must increase: this row is at {level:g} m, " + (
                "the same level as the row before" if level == before else f"below the row before at {before:g} m"),
                (row,)))
        # the pond's bottom may have no area (its first row); above it the pond has a surface, or the water
        # balance (drills.model.pond) has no level for the water that comes in
        bottom = stage_area[0][0]
        for k, (lv, area) in enumerate(stage_area):
            if k == 0 and area < 0:
                faults.append(ItemFault(f"the pond's area at its bottom (the first stage_area row, at {lv:g} m) may "
                                        f"be 0 but not negative (got {area:g} m²)", (0, 1)))
            elif k > 0 and area <= 0:
                faults.append(ItemFault(
                    f"the pond's surface area at {lv:g} m must be greater than 0 (got {area:g} m²): the water that "
                    f"comes in raises the level by its volume over this area; only the first row, the pond's bottom "
                    f"at {bottom:g} m, may have 0", (k, 1)))
        if faults:
            first, *others = sorted(faults, key=lambda f: f.at)
            raise ItemFault(str(first), first.at, tuple(others))
        return stage_area

    @model_validator(mode="after")
    def _levels_below_the_crest(self) -> PondSpecIn:
        crest = self.crest_elevation_m
        faults = [f"{name} ({level:g} m) is above crest_elevation_m ({crest:g} m): it must be at or below the dam "
                  "crest" for name, level in (("spillway_crest_m", self.spillway_crest_m),
                                              ("decant_invert_m", self.decant_invert_m)) if level > crest]
        bottom = self.stage_area[0][0]
        if crest <= bottom:
            faults.append(f"crest_elevation_m ({crest:g} m) is not above the pond's bottom (the first stage_area "
                          f"level, {bottom:g} m)")
        if faults:
            raise ValueError("; ".join(faults))
        return self


class DamSpec(Strict):
    """A tailings dam (GB 39496-2020 classes; 头顶库 when people live within 1 km downstream)."""

    id: Ident = Field(description="name of the dam; the scenario's dam_break and pond refer to it")
    node: Ident = Field(description="id of the site's 'dam' node, where the flood starts")
    height_m: Pos = Field(description="dam height H in metres, for the built-in runout estimate")
    stored_volume_m3: Pos = Field(description=(
        "volume of tailings stored V_T in m³, for the built-in estimate of the released volume and the runout"))
    pond_class: int = Field(ge=1, le=5, description="pond class 1–5 (一等–五等, GB 39496-2020 §4.5)")
    dam_type: Literal["upstream", "centerline", "downstream", "one_off"] = Field(default="upstream", description=(
        "how the dam is raised: upstream, centerline, downstream, or one_off (built at once); default upstream"))
    pond: PondSpecIn | None = Field(default=None, description=(
        "the pond's water balance in a storm, for its level, freeboard and beach and an overtopping breach; "
        "default: none"))


class RiverSpecIn(Strict):
    """A river beside a mine entrance; its stage from rain (all parameters the site's own, [E])."""

    catchment_area_m2: Pos = Field(description="the river's catchment above the mine entrance, in m²")
    runoff_coefficient: Prob = Field(description="share of the rain on the catchment that runs off to the river (0–1)")
    lag_s: Pos = Field(description=(
        "time constant of the catchment's linear reservoir in seconds: how slowly the river answers the rain"))
    baseflow_m3ps: NonNeg = Field(description="the river's flow before the rain, in m³/s")
    rating_a: Pos = Field(description=(
        "a of the river's rating curve, stage = bed + a·Q^b (Q in m³/s, stage in m), from the river's gauge"))
    rating_b: Pos = Field(le=10, description=(
        "b, the exponent of the rating curve stage = bed + a·Q^b; at most 10, a limit of the tool (a larger power "
        "overflows), far above real rivers: Manning's formula for a wide channel gives b = 0.6"))
    bed_elevation_m: float = Field(description="elevation of the river bed beside the entrance, on the site's datum, m")


class IngressSpec(Strict):
    """Where surface water can pour into the mine: a collar or portal sill beside the river."""

    node: Ident = Field(description=(
        "id of the collar or portal node the river can pour into; its elevation_m is the sill"))
    opening_width_m: Pos = Field(description=(
        "width W of the opening in metres: inflow C·W·(stage - sill)^1.5 while the river is above the sill "
        "(broad-crested weir)"))
    river: RiverSpecIn = Field(description="the river beside the entrance")


class MineWaterSpec(Strict):
    """The mine's water: normal inflow and pumps, rain recharge, surface ingress (see drills.model.mine_inflow)."""

    sump: Ident = Field(description="where the water collects (the pool's source node)")
    baseline_m3ph: NonNeg = Field(description=(
        "the mine's normal inflow before the storm in m³/h; changes of inflow (mine_inflow_change) are measured "
        "against it"))
    pumping_m3ph: NonNeg = Field(description=(
        "pumping capacity in m³/h; what it has beyond the baseline inflow removes storm water, and a capacity below "
        "the baseline leaves the rest of the baseline filling the mine from the start"))
    recharge_area_m2: NonNeg = Field(default=0.0, description=(
        "area whose rain can reach the workings through the ground, in m²; default 0: none"))
    infiltration_share: Prob = Field(default=0.0, description=(
        "share of the rain on the recharge area that reaches the workings (0–1); default 0: none"))
    lag_s: Pos | None = Field(default=None, description=(
        "time constant of that recharge in seconds (a linear reservoir); needed with a recharge, no default (none "
        "is published): fit it to the mine's inflow records"))
    ingress: IngressSpec | None = Field(default=None, description=(
        "surface water pouring in over a collar or portal beside a river; default: none"))

    @model_validator(mode="after")
    def _recharge_lag(self) -> MineWaterSpec:
        if self.recharge_area_m2 > 0 and self.infiltration_share > 0 and self.lag_s is None:
            raise ValueError("a rain recharge (recharge_area_m2 and infiltration_share) needs lag_s, its time "
                             "constant: fit it to the mine's inflow records (no default is published)")
        return self


class SiteBody(Strict):
    id: Ident = Field(description="name of the site; a plan names the site it is written for by this id")
    name: Text = Field(description="the site's full name, as the report shows it")
    kind: Literal["underground_mine", "tailings_valley", "mine_and_valley"] = Field(
        default="underground_mine", description=(
            "underground_mine, tailings_valley (a dam and the people below it) or mine_and_valley (both); "
            "default underground_mine"))
    description: str = Field(default="", description="free text about the site, for the reader")
    nodes: list[NodeSpec] = Field(min_length=2, description="the places, at least two")
    links: list[LinkSpec] = Field(min_length=1, description="the passages between the places, at least one")
    hoists: list[HoistSpec] = Field(default=[], description="the cage hoists in the shafts")
    profiles: list[ProfileSpec] = Field(default=[], description=(
        "movement profiles to add, or to replace the built-in miner, adult, elderly, child and assisted"))
    shifts: dict[Ident, list[CrewSpec]] = Field(default={}, description=(
        "the people underground by shift (e.g. day, night): the crews at each place; the scenario says which "
        "shift is down"))
    residents: list[ResidentsSpec] = Field(default=[], description="the people in the valley below a dam, by place")
    dams: list[DamSpec] = Field(default=[], description="the tailings dams")
    mine_water: MineWaterSpec | None = Field(default=None, description=(
        "the mine's water in a storm: inflow through the ground, pumps, surface ingress; default: none"))

    @model_validator(mode="after")
    def _people(self) -> SiteBody:
        if not self.shifts and not self.residents:
            raise ValueError("a site needs people: shifts (underground) or residents (the valley)")
        return self


class SiteFile(Strict):
    site: SiteBody = Field(description="the site: its places, passages, hoists, dams and people")


def walk_graph(site: SiteBody, nodes: Collection[str]) -> nx.DiGraph:
    """The ways people go between ``nodes`` (ids of the site's places), before the site is compiled: an edge for
    each direction a walkable passage between two of them is used (``length``, the shortest such passage's m),
    and one up from each station of a hoist to its collar (``length`` 0, ``hoist`` its id)."""
    g = nx.DiGraph()
    g.add_nodes_from(nodes)  # a place no passage reaches is still a place (it has no path, not no node)
    for lk in site.links:
        if lk.kind not in WALKABLE or lk.from_ not in nodes or lk.to not in nodes:
            continue
        for u, v in ((lk.from_, lk.to),) if lk.one_way else ((lk.from_, lk.to), (lk.to, lk.from_)):
            if not g.has_edge(u, v) or g[u][v]["length"] > lk.length_m:
                g.add_edge(u, v, length=lk.length_m, hoist=None)
    for h in site.hoists:
        if all(s in nodes for s in h.stations):
            g.add_edges_from(((s, h.stations[0]) for s in h.stations[1:]), length=0.0, hoist=h.id)
    return g
