"""Plan schema: the emergency plan under test, in the order of GB/T 29639-2020.

Organisation (roles, who decides, backups) → warning (levels, triggers, actions by level) →
broadcast channels (应急通讯) → evacuation (routes, exits, refuges). Node and role references are
checked against the site in :mod:`drills.inputs.compile`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from drills.inputs.base import (
    MIN_STEP_S,
    UNIQUE,
    WHY_POLLS,
    Ident,
    Idents,
    Label,
    NonNeg,
    Pos,
    Prob,
    Quantity,
    Strict,
    Text,
    at_least,
)

Level = Literal["blue", "yellow", "orange", "red"]
Action = Literal[
    "evacuate_underground",   # the order to everyone underground, through the underground channels
    "evacuate_downstream",    # the order to the residents below the dam, through the public channels
    "stop_entry",             # no one goes underground
    "notify_township",        # the company tells the township (乡镇) duty office
    "notify_county",          # report to the county emergency bureau (条例 第九条: within 1 h)
    "notify_village_heads",   # the township tells the village heads
]


class RoleSpec(Strict):
    """A post in the emergency organisation (GB/T 29639 §2; AQ/T 9009 A 4.6 back-ups)."""

    id: Ident = Field(description="name of the post; triggers, actions and backups refer to it")
    title: Text = Field(description="the post's name as the report shows it, e.g. 'Duty dispatcher (调度员)'")
    decision_delay_s: Quantity = Field(description=(
        "from notification to the order given, in seconds (a number or a distribution)"))
    present_probability: Prob = Field(default=1.0, description=(
        "chance the holder is at the post in a replication; if absent, the first present backup acts; default 1"))
    backups: Idents = Field(default=[], description=(
        "ids of the posts that act, in this order, when this one is absent (AQ/T 9009 A 4.6)"))
    handover_s: Quantity = Field(default=120.0, description=(
        "time to reach the backup when absent; default 120 s, the project's choice (no published value)"))
    may_order_evacuation: bool = Field(default=True, description=(
        "the post holds the authority to order an evacuation (防治水细则 Art. 6); if not, a backup who holds it "
        "gives the order"))


class TriggerSpec(Strict):
    """A monitored condition that notifies a role (GB 39496 §5.5.4 levels; 防治水细则).

    ``automatic: true`` links the trigger to the level's actions with no human decision (GB/T 29639
    §3.1.2 "start automatically when conditions are met"; Res. ANM 95/2022 automatic sirens); the reports
    to the township and the county are still made by their posts (《生产安全事故报告和调查处理条例》 第九条).
    """

    id: Ident = Field(description="name of the trigger")
    quantity: Literal["water_depth_m", "inrush_inflow_m3ph", "elapsed_s", "dam_breach", "met_warning",
                      "monitoring_level", "mine_inflow_change", "rainfall_24h_mm", "overtopping"] = Field(
        description=(
            "what is watched: water depth at a node, inrush inflow (m³/h beyond the mine's usual inflow: the "
            "inrush's, and in a flood season the storm's extra water), time elapsed, the breach, a met warning, a "
            "monitoring level, mine inflow change (a share: 0.2 = 20 %), 24 h rain, overtopping"))
    at: Ident | None = Field(default=None, description="node of the sensor, for water_depth_m")
    threshold: NonNeg = Field(default=0.0, description="value that meets the trigger (numeric quantities)")
    at_level: Level | None = Field(default=None, description="for met_warning and monitoring_level")
    level: Level = Field(default="red", description=(
        "the warning level the trigger declares; that level's actions follow, with those of any lower level not "
        "declared before it (levels only rise); default red"))
    owner: Ident = Field(description="id of the post the trigger notifies, who decides (unless automatic)")
    detection_delay_s: Quantity = Field(default=0.0, description="polling or reporting delay")
    automatic: bool = Field(default=False, description=(
        "true: the level's actions start at once, with no one deciding (GB/T 29639 §3.1.2), but for the reports "
        "(notify_county, notify_township, notify_village_heads), which a person makes (条例 第九条) and which still "
        "wait for their posts' decisions; default false"))

    @model_validator(mode="after")
    def _needs_at(self) -> TriggerSpec:
        if self.quantity == "water_depth_m" and self.at is None:
            raise ValueError("a water_depth_m trigger needs 'at' (the sensor's node)")
        if self.quantity in ("met_warning", "monitoring_level") and self.at_level is None:
            raise ValueError(f"a {self.quantity} trigger needs 'at_level' (blue, yellow, orange or red)")
        return self


class ActionSpec(Strict):
    """One step of the response: who does what, after which other steps (GB/T 29639 §3.4)."""

    action: Action = Field(description=(
        "the step: evacuate_underground, evacuate_downstream, stop_entry, notify_township, notify_county (within "
        "1 h, 条例 第九条) or notify_village_heads"))
    owner: Ident = Field(description=(
        "id of the post that carries it out (after its own decision, if another post declared the level)"))
    id: Ident | None = Field(default=None, description="name of the step, for 'after'")
    after: Idents = Field(default=[], description="steps that must be done first")
    channels: Idents | None = Field(default=None, description="default: every channel for its audience")
    deadline_s: NonNeg | None = Field(default=None, description="the plan's time limit, from the trigger")


class ThresholdsSpec(Strict):
    blue: float | None = Field(default=None, description=(
        "value at which the point reaches blue (at or above it; at or below for freeboard, beach length and "
        "phreatic depth); none: not used"))
    yellow: float | None = Field(default=None, description="value at which the point reaches yellow, as blue")
    orange: float | None = Field(default=None, description="value at which the point reaches orange, as blue")
    red: float | None = Field(default=None, description="value at which the point reaches red, as blue")


class PointSpec(Strict):
    id: Ident = Field(description=(
        "name of the monitoring point (sensor); the scenario's monitor_series and sensor_failed faults refer to it"))
    thresholds: ThresholdsSpec = Field(description=(
        "the point's warning value for each level, as the designer sets them (GB 39496-2020 §5.5.4)"))


class MonitoredItemSpec(Strict):
    """A monitored item of the pond or mine with its points (GB 39496-2020 §5.5.2–5.5.4)."""

    id: Ident = Field(description="name of the monitored item")
    quantity: Literal["rainfall_24h_mm", "pond_level_m", "freeboard_m", "beach_length_m", "mine_inflow_m3ph",
                      "river_stage_m", "phreatic_depth_m", "displacement_mm", "seepage_m3ps"] = Field(description=(
        "what is measured, unit in the name; freeboard, beach length and phreatic depth get worse as they fall, "
        "the others as they rise"))
    points: list[PointSpec] = Field(min_length=1, description=(
        "the item's points: 4 at blue make it yellow, 3 at yellow orange, 2 at orange red (GB 39496-2020 §5.5.4)"))


class MonitoringSpec(Strict):
    poll_s: Annotated[float, Field(gt=0), at_least(MIN_STEP_S, "s", WHY_POLLS)] = Field(default=600.0, description=(
        "online system polling period; default 600 s, the project's choice: GB 39496 §5.5.3 asks for polling "
        "but sets no period"))
    items: list[MonitoredItemSpec] = Field(default=[], description="the monitored items and their points")


class NoEntrySpec(Strict):
    """The no-entry rule for extreme weather (2023 Opinions): nobody goes underground while it holds."""

    met_warning_at: Level | None = Field(default="orange", description=(
        "the rule holds from a rainstorm warning of this level on (none: not by warnings); default orange, as "
        "regional practice (山西局 2025: no entry at orange or red)"))
    monitoring_at: Level | None = Field(default=None, description=(
        "the rule holds once the online monitoring reaches this level; default none"))


class WarningSpec(Strict):
    levels: Annotated[list[Level], UNIQUE] = Field(default=["blue", "yellow", "orange", "red"], description=(
        "the warning levels the plan uses, low to high (GB 39496-2020 §5.5.4); default all four"))
    triggers: list[TriggerSpec] = Field(default=[], description="the conditions that notify a post and declare a level")
    actions_by_level: dict[Level, list[ActionSpec]] = Field(default={}, description=(
        "the steps of the response at each level"))
    monitoring: MonitoringSpec = Field(default=MonitoringSpec(), description=(
        "the online monitoring system: its polling period and monitored items"))
    no_entry: NoEntrySpec | None = Field(default=None, description=(
        "the no-entry rule for extreme weather (2023 Opinions); the drill counts anyone who goes down while it "
        "holds; default: none"))


UNDERGROUND_CHANNELS = ("mine_pa", "cap_lamp_paging", "leaky_feeder", "station_phones", "runner", "stench_gas")
#: channels with no battery of their own to give: people on foot, and stench gas, which the main fans' air
#: carries (their power supply is the ventilation system's, not the warning's)
WITHOUT_BATTERY = ("runner", "door_to_door", "stench_gas")
PUBLIC_CHANNELS = ("siren", "village_loudspeaker", "sms", "phone_tree", "door_to_door", "loudspeaker_vehicle")
#: channels that go on without the mains unless the plan says otherwise: people on foot (a runner, a door-to-door
#: team), a loudspeaker vehicle, whose amplifier runs on the vehicle's own battery and engine, and cell broadcast or
#: SMS, sent from the county's or the carrier's platform through the carriers' base stations (3GPP TS 23.041 public
#: warning by cell broadcast): none of them is on the site's supply, and the site cannot fit a battery to them; the
#: mobile network they need is a fault of its own (``needs_mobile_network``, the mobile_network fault). The others
#: (PA, paging and radio transmitters, phones, sirens, village loudspeakers, stench gas carried by the main fans)
#: stop once a loss of the mains outlasts their backup.
OWN_POWER = ("runner", "door_to_door", "loudspeaker_vehicle", "sms")


def _needs_mains_by_type(data: dict) -> bool:
    """The default of ``needs_mains_power``: true but for the channels of :data:`OWN_POWER`."""
    return data.get("type") not in OWN_POWER


class ChannelSpec(Strict):
    """One warning channel, underground or in the valley.

    ``type`` selects the receipt behaviour. Underground:

    * ``mine_pa`` — loudspeakers at ``coverage`` nodes; each announcement is heard by a person
      there with ``hear_probability``; repeated every ``repeat_interval_s``.
    * ``cap_lamp_paging`` — a message to every paging cap lamp in ``coverage`` (all nodes if
      empty); each lamp receives it with ``hear_probability``.
    * ``leaky_feeder`` — radio carriers within ``coverage`` hear it; they tell their crew after
      the crew relay delay.
    * ``station_phones`` — the dispatcher rings the phones at ``coverage`` nodes in order; a
      phone is answered only if someone is at that node, who then tells their crew.
    * ``runner`` — a person walks from ``start`` through ``coverage`` nodes telling everyone met; where no way
      on foot leads on (from the collar down), the runner rides the cage like any miner: the wait for the cage
      and its wind count, and a stopped cage (no power, out of service) is waited for.
    * ``stench_gas`` — stench (mercaptan) released at ``start`` into the intake air reaches each
      ``coverage`` node after the air's transit along the shortest air path at ``air_speed_mps``;
      each person there notices it with ``hear_probability``. The air stands still while the main fans
      have no power (mains lost, ``backup_power_h`` run out), and goes on when they restart.

    In the valley (defaults and sources in :mod:`drills.model.residents` and :mod:`drills.model.warning`):

    * ``siren`` — sirens at ``coverage`` nodes heard within ``audible_radius_m``; a household can
      hear it at all with the day or night audibility share, then on each cycle with
      ``hear_probability``.
    * ``village_loudspeaker`` — 村村响 loudspeakers at ``coverage`` nodes, heard within the radius.
    * ``sms`` — cell broadcast or SMS to every phone in ``coverage`` (all if empty); a message is
      noticed with the day or night probability after the delivery delay.
    * ``phone_tree`` — ``callers`` phone the households at ``coverage`` nodes in order.
    * ``door_to_door`` — a team walks from ``start`` through ``coverage`` nodes, knocking at every
      household (``visit_s`` each).
    * ``loudspeaker_vehicle`` — a vehicle drives from ``start`` through ``coverage`` at ``speed_kmh``,
      heard within the radius of its path nodes.

    A runner, a door-to-door team, a loudspeaker vehicle and cell broadcast (``sms``, sent from a platform off the
    site) need no mains power unless ``needs_mains_power`` says they do; every other channel stops once a loss of
    the mains outlasts its ``backup_power_h``.
    """

    id: Ident = Field(description="name of the channel; actions, orders and channel_down faults refer to it")
    type: Literal[
        "mine_pa", "cap_lamp_paging", "leaky_feeder", "station_phones", "runner", "stench_gas",
        "siren", "village_loudspeaker", "sms", "phone_tree", "door_to_door", "loudspeaker_vehicle",
    ] = Field(description=(
        "how the message travels, underground (mine_pa to stench_gas) or in the valley (siren to loudspeaker_vehicle); "
        "it sets which other fields apply"))
    activation_delay_s: Quantity = Field(default=0.0, description=(
        "from the order until the channel starts sending, in seconds (a number or a distribution); default 0"))
    reliability: Prob = Field(default=1.0, description="chance the channel works at all in a replication; default 1")
    coverage: Idents = Field(default=[], description=(
        "node ids the channel serves, in order for phones and routes; for paging, radio and sms empty means all"))
    hear_probability: Prob = Field(default=1.0, description=(
        "chance each listener catches one message; default 1, the project's assumption [P] that a message reaching "
        "someone is taken in (no published audibility figure underground: set it per channel where known), but "
        "sirens and village loudspeakers 0.39 a cycle, loudspeaker vehicles 0.7 (project estimates [E])"))
    repeat_interval_s: Pos = Field(default=60.0, description=(
        "seconds between repeats of a broadcast; default 60 s, the project's choice (the sirens' 0.39 a cycle "
        "assumes 60 s cycles)"))
    call_duration_s: Quantity = Field(default=45.0, description=(
        "one answered call, s (station phones, phone tree); default 45 s, the project's choice; a phone tree's "
        "default is 30–120 s, mode 60 s [E]"))
    ring_s: Pos = Field(default=30.0, description=(
        "seconds spent ringing a phone no one answers; default 30 s, the project's choice (no published value)"))
    start: Ident | None = Field(default=None, description=(
        "node id where a runner, a door-to-door team or a loudspeaker vehicle sets out, or where stench gas is "
        "released into the intake air; a runner who sets out at the collar (or anywhere no way on foot leads to "
        "the next place of its coverage) rides the cage down: the wait for the cage and its wind count, and the "
        "runner waits while the cage is stopped"))
    needs_mains_power: bool = Field(default_factory=_needs_mains_by_type, description=(
        "true: the channel stops once a loss of mains power outlasts its backup_power_h; default false for a "
        "runner, a door-to-door team, a loudspeaker vehicle (people on foot, a vehicle on its own battery) and sms "
        "(cell broadcast sent from the county's or the carrier's platform, not on the site's supply; 3GPP TS "
        "23.041; a loss of the mobile network is needs_mobile_network), true for the others; set it true for an "
        "SMS sender of your own on the site's power"))
    backup_power_h: NonNeg = Field(default=0.0, description=(
        "hours the channel keeps sending on its battery after mains power is lost; default 0: none"))
    needs_mobile_network: bool = Field(default=False, description=(
        "true: the channel stops while the mobile network is down (sms always needs it); default false"))
    audible_radius_m: Pos | None = Field(default=None, description=(
        "sirens, loudspeakers, vehicles: heard within this many metres of their places; sirens and village "
        "loudspeakers must give it (their maker's sound coverage); vehicles default 200 m [E]"))
    audibility_day: Prob | None = Field(default=None, description=(
        "sirens, village loudspeakers: share of households that can hear it at all by day; default 0.765 for "
        "sirens (Sorensen 1992), 0.75 loudspeakers [E]"))
    audibility_night: Prob | None = Field(default=None, description=(
        "as audibility_day, at night, indoors; default 0.45 for sirens, 0.5 for village loudspeakers (project "
        "estimates [E])"))
    callers: int = Field(default=1, ge=1, description="phone tree: people calling households at once; default 1")
    answer_probability_day: Prob = Field(default=0.9, description=(
        "by day, phone tree: chance a household at home answers (default 0.9); sms: chance it is noticed (0.9); "
        "project assumptions [E]"))
    answer_probability_night: Prob = Field(default=0.7, description=(
        "at night, phone tree: chance a household at home answers (default 0.7); sms: chance it is noticed (0.5); "
        "project assumptions [E]"))
    visit_s: Quantity | None = Field(default=None, description=(
        "door to door: time at each household in seconds; default triangular 60/120/180 s [E], consistent with "
        "Confluence PA 1987"))
    air_speed_mps: Pos | None = Field(default=None, description=(
        "stench gas: mean speed of the ventilation air along its path from start, in m/s, from the mine's "
        "ventilation survey (no default: it is the mine's own); the air's transit is the stench's"))
    speed_kmh: Pos | None = Field(default=None, description=(
        "loudspeaker vehicle: driving speed in km/h; default 20 km/h, a project estimate [E] within 15–25 km/h"))

    @model_validator(mode="after")
    def _fields_for_type(self) -> ChannelSpec:
        if self.type in ("runner", "door_to_door", "loudspeaker_vehicle") and self.start is None:
            raise ValueError(f"a {self.type} channel needs 'start' (where it sets out from)")
        if self.type == "stench_gas" and self.start is None:
            raise ValueError("a stench_gas channel needs 'start' (where the stench is released into the intake air)")
        if self.type == "stench_gas" and self.air_speed_mps is None:
            raise ValueError("a stench_gas channel needs 'air_speed_mps' (the mean speed of the ventilation air "
                             "along its path, from the mine's ventilation survey)")
        if self.type != "stench_gas" and self.air_speed_mps is not None:
            raise ValueError("air_speed_mps applies to stench_gas channels only")
        needs_cover = ("mine_pa", "station_phones", "runner", "siren", "village_loudspeaker", "phone_tree",
                       "door_to_door", "loudspeaker_vehicle", "stench_gas")
        if self.type in needs_cover and not self.coverage:
            raise ValueError(f"a {self.type} channel needs 'coverage' (its nodes)")
        if self.type in ("siren", "village_loudspeaker") and self.audible_radius_m is None:
            raise ValueError(f"a {self.type} channel needs 'audible_radius_m' (how far from its places it is heard: "
                             "from its maker's sound coverage or a sound survey)")
        return self

    @property
    def public(self) -> bool:
        return self.type in PUBLIC_CHANNELS


class RouteSpec(Strict):
    """An escape route: the people at ``from`` follow ``path`` to an exit or refuge."""

    id: Ident = Field(description="name of the route")
    from_: Idents = Field(alias="from", min_length=1, description=(
        "node ids whose people follow this route (one route per place); others take the quickest way open"))
    path: Idents = Field(min_length=2, description=(
        "node ids from the route's start to an exit, refuge or assembly point, each joined to the next; people "
        "join it where they are: from a place on the path they follow it on from there (never back towards its "
        "start), from a place off it they walk to the place of the path nearest them on foot and follow it on"))
    refuge: Ident | None = Field(default=None, description="where to shelter if the route is cut")


class EvacuationSpec(Strict):
    exits: Idents = Field(default=[], description="mine exits at the surface")
    refuges: Idents = Field(default=[], description="refuge chambers of the plan (node ids)")
    assembly_points: Idents = Field(default=[], description="high ground for the residents")
    vertical_shelter: bool = Field(default=False, description="residents may shelter on upper floors")
    routes: list[RouteSpec] = Field(default=[], description="escape routes by starting place")
    hoist_priority: Idents = Field(default=[], description="stations served first, in order")


class TeamSpec(Strict):
    id: Ident = Field(description="name of the team")
    size: int = Field(ge=1, description="number of members")
    location: Ident = Field(description="node id where the team is based")
    mobilisation_s: Quantity = Field(default=600.0, description=(
        "from call-out until the team sets out, in seconds; default 600 s, the project's choice (no published "
        "value)"))


class PlanBody(Strict):
    id: Ident = Field(description="name of the plan")
    unit: Text = Field(description="the company or organisation whose plan it is, as the report shows it")
    version: Annotated[Label, Field(min_length=1)] = Field(description=(
        "the plan's version, as the report shows it (a number is taken as written: 2.10 is the version '2.10')"))
    approved_on: date | None = Field(default=None, description="the date the plan was approved (YYYY-MM-DD)")
    site: Ident = Field(description="the id of the site this plan is written for")
    roles: list[RoleSpec] = Field(min_length=1, description="the posts of the emergency organisation, at least one")
    warning: WarningSpec = Field(default=WarningSpec(), description=(
        "warning levels, triggers, the actions at each level and the monitoring"))
    channels: list[ChannelSpec] = Field(default=[], description="the warning channels, underground and in the valley")
    evacuation: EvacuationSpec = Field(description="exits, refuges, assembly points, routes and hoist priority")
    teams: list[TeamSpec] = Field(default=[], description="the emergency teams (GB/T 29639 §5 应急保障)")
    underground_max_persons: int | None = Field(default=None, ge=1, description="headcount limit underground")


class PlanFile(Strict):
    plan: PlanBody = Field(description="the emergency plan under test")
