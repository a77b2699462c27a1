"""Plan schema: the emergency plan under test, in the order of GB/T 29639-2020.

Organisation (roles, who decides, backups) → warning (levels, triggers, actions by level) →
broadcast channels (应急通讯) → evacuation (routes, exits, refuges). Node and role references are
checked against the site in :mod:`drills.inputs.compile`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from drills.inputs.base import Ident, NonNeg, Pos, Prob, Quantity, Strict

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

    id: Ident
    title: str
    decision_delay_s: Quantity = Field(description="from notification to the order given")
    present_probability: Prob = 1.0
    backups: list[Ident] = []
    handover_s: Quantity = Field(default=120.0, description="time to reach the backup when absent")
    may_order_evacuation: bool = True


class TriggerSpec(Strict):
    """A monitored condition that notifies a role (GB 39496 §5.5.4 levels; 防治水细则).

    ``automatic: true`` links the trigger to the level's actions with no human decision (GB/T 29639
    §3.1.2 "start automatically when conditions are met"; Res. ANM 95/2022 automatic sirens).
    """

    id: Ident
    quantity: Literal["water_depth_m", "inrush_inflow_m3ph", "elapsed_s", "dam_breach", "met_warning",
                      "monitoring_level", "mine_inflow_change", "rainfall_24h_mm", "overtopping"]
    at: Ident | None = Field(default=None, description="node of the sensor, for water_depth_m")
    threshold: NonNeg = Field(default=0.0, description="value that meets the trigger (numeric quantities)")
    at_level: Level | None = Field(default=None, description="for met_warning and monitoring_level")
    level: Level = "red"
    owner: Ident
    detection_delay_s: Quantity = Field(default=0.0, description="polling or reporting delay")
    automatic: bool = False

    @model_validator(mode="after")
    def _needs_at(self) -> TriggerSpec:
        if self.quantity == "water_depth_m" and self.at is None:
            raise ValueError("a water_depth_m trigger needs 'at' (the sensor's node)")
        if self.quantity in ("met_warning", "monitoring_level") and self.at_level is None:
            raise ValueError(f"a {self.quantity} trigger needs 'at_level' (blue, yellow, orange or red)")
        return self


class ActionSpec(Strict):
    """One step of the response: who does what, after which other steps (GB/T 29639 §3.4)."""

    action: Action
    owner: Ident
    id: Ident | None = Field(default=None, description="name of the step, for 'after'")
    after: list[Ident] = Field(default=[], description="steps that must be done first")
    channels: list[Ident] | None = Field(default=None, description="default: every channel for its audience")
    deadline_s: NonNeg | None = Field(default=None, description="the plan's time limit, from the trigger")


class ThresholdsSpec(Strict):
    blue: float | None = None
    yellow: float | None = None
    orange: float | None = None
    red: float | None = None


class PointSpec(Strict):
    id: Ident
    thresholds: ThresholdsSpec


class MonitoredItemSpec(Strict):
    """A monitored item of the pond or mine with its points (GB 39496-2020 §5.5.2–5.5.4)."""

    id: Ident
    quantity: Literal["rainfall_24h_mm", "pond_level_m", "freeboard_m", "beach_length_m", "mine_inflow_m3ph",
                      "river_stage_m", "phreatic_depth_m", "displacement_mm", "seepage_m3ps"]
    points: list[PointSpec] = Field(min_length=1)


class MonitoringSpec(Strict):
    poll_s: Pos = Field(default=600.0, description="online system polling period")
    items: list[MonitoredItemSpec] = []


class NoEntrySpec(Strict):
    """The no-entry rule for extreme weather (2023 Opinions): nobody goes underground while it holds."""

    met_warning_at: Level | None = "orange"
    monitoring_at: Level | None = None


class WarningSpec(Strict):
    levels: list[Level] = ["blue", "yellow", "orange", "red"]
    triggers: list[TriggerSpec] = []
    actions_by_level: dict[Level, list[ActionSpec]] = {}
    monitoring: MonitoringSpec = MonitoringSpec()
    no_entry: NoEntrySpec | None = None


UNDERGROUND_CHANNELS = ("mine_pa", "cap_lamp_paging", "leaky_feeder", "station_phones", "runner")
PUBLIC_CHANNELS = ("siren", "village_loudspeaker", "sms", "phone_tree", "door_to_door", "loudspeaker_vehicle")


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
    * ``runner`` — a person walks from ``start`` through ``coverage`` nodes telling everyone met.

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
    """

    id: Ident
    type: Literal[
        "mine_pa", "cap_lamp_paging", "leaky_feeder", "station_phones", "runner",
        "siren", "village_loudspeaker", "sms", "phone_tree", "door_to_door", "loudspeaker_vehicle",
    ]
    activation_delay_s: Quantity = 0.0
    reliability: Prob = 1.0
    coverage: list[Ident] = []
    hear_probability: Prob = 1.0
    repeat_interval_s: Pos = 60.0
    call_duration_s: Quantity = 45.0
    ring_s: Pos = 30.0
    start: Ident | None = None
    needs_mains_power: bool = True
    backup_power_h: NonNeg = 0.0
    needs_mobile_network: bool = False
    audible_radius_m: Pos | None = None
    audibility_day: Prob | None = None
    audibility_night: Prob | None = None
    callers: int = Field(default=1, ge=1)
    answer_probability_day: Prob = 0.9
    answer_probability_night: Prob = 0.7
    visit_s: Quantity | None = None
    speed_kmh: Pos | None = None

    @model_validator(mode="after")
    def _fields_for_type(self) -> ChannelSpec:
        if self.type in ("runner", "door_to_door", "loudspeaker_vehicle") and self.start is None:
            raise ValueError(f"a {self.type} channel needs 'start' (where it sets out from)")
        needs_cover = ("mine_pa", "station_phones", "runner", "siren", "village_loudspeaker", "phone_tree",
                       "door_to_door", "loudspeaker_vehicle")
        if self.type in needs_cover and not self.coverage:
            raise ValueError(f"a {self.type} channel needs 'coverage' (its nodes)")
        return self

    @property
    def public(self) -> bool:
        return self.type in PUBLIC_CHANNELS


class RouteSpec(Strict):
    """An escape route: the people at ``from`` follow ``path`` to an exit or refuge."""

    id: Ident
    from_: list[Ident] = Field(alias="from", min_length=1)
    path: list[Ident] = Field(min_length=2)
    refuge: Ident | None = Field(default=None, description="where to shelter if the route is cut")


class EvacuationSpec(Strict):
    exits: list[Ident] = Field(default=[], description="mine exits at the surface")
    refuges: list[Ident] = []
    assembly_points: list[Ident] = Field(default=[], description="high ground for the residents")
    vertical_shelter: bool = Field(default=False, description="residents may shelter on upper floors")
    routes: list[RouteSpec] = []
    hoist_priority: list[Ident] = Field(default=[], description="stations served first, in order")


class TeamSpec(Strict):
    id: Ident
    size: int = Field(ge=1)
    location: Ident
    mobilisation_s: Quantity = 600.0


class PlanBody(Strict):
    id: Ident
    unit: str
    version: str
    approved_on: date | None = None
    site: Ident = Field(description="the id of the site this plan is written for")
    roles: list[RoleSpec] = Field(min_length=1)
    warning: WarningSpec = WarningSpec()
    channels: list[ChannelSpec] = []
    evacuation: EvacuationSpec
    teams: list[TeamSpec] = []
    underground_max_persons: int | None = Field(default=None, ge=1, description="headcount limit underground")


class PlanFile(Strict):
    plan: PlanBody
