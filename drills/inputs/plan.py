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
Action = Literal["evacuate_underground", "stop_entry", "notify_county"]


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
    """A monitored condition that notifies a role (GB 39496 §5.5.4 levels; 防治水细则)."""

    id: Ident
    quantity: Literal["water_depth_m", "inrush_inflow_m3ph", "elapsed_s"]
    at: Ident | None = Field(default=None, description="node of the sensor, for water_depth_m")
    threshold: NonNeg
    level: Level = "red"
    owner: Ident
    detection_delay_s: Quantity = Field(default=0.0, description="polling or reporting delay")

    @model_validator(mode="after")
    def _needs_at(self) -> TriggerSpec:
        if self.quantity == "water_depth_m" and self.at is None:
            raise ValueError("a water_depth_m trigger needs 'at' (the sensor's node)")
        return self


class ActionSpec(Strict):
    action: Action
    owner: Ident
    channels: list[Ident] | None = Field(default=None, description="default: every channel")


class WarningSpec(Strict):
    levels: list[Level] = ["blue", "yellow", "orange", "red"]
    triggers: list[TriggerSpec] = []
    actions_by_level: dict[Level, list[ActionSpec]] = {}


class ChannelSpec(Strict):
    """One broadcast channel underground.

    ``type`` selects the receipt behaviour:

    * ``mine_pa`` — loudspeakers at ``coverage`` nodes; each announcement is heard by a person
      there with ``hear_probability``; repeated every ``repeat_interval_s``.
    * ``cap_lamp_paging`` — a message to every paging cap lamp in ``coverage`` (all nodes if
      empty); each lamp receives it with ``hear_probability``.
    * ``leaky_feeder`` — radio carriers within ``coverage`` hear it; they tell their crew after
      the crew relay delay.
    * ``station_phones`` — the dispatcher rings the phones at ``coverage`` nodes in order; a
      phone is answered only if someone is at that node, who then tells their crew.
    * ``runner`` — a person walks from ``start`` through ``coverage`` nodes telling everyone met.
    """

    id: Ident
    type: Literal["mine_pa", "cap_lamp_paging", "leaky_feeder", "station_phones", "runner"]
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

    @model_validator(mode="after")
    def _runner_start(self) -> ChannelSpec:
        if self.type == "runner" and self.start is None:
            raise ValueError("a runner needs 'start' (where the runner sets out from)")
        if self.type in ("mine_pa", "station_phones", "runner") and not self.coverage:
            raise ValueError(f"a {self.type} channel needs 'coverage' (its nodes)")
        return self


class RouteSpec(Strict):
    """An escape route: the people at ``from`` follow ``path`` to an exit or refuge."""

    id: Ident
    from_: list[Ident] = Field(alias="from", min_length=1)
    path: list[Ident] = Field(min_length=2)
    refuge: Ident | None = Field(default=None, description="where to shelter if the route is cut")


class EvacuationSpec(Strict):
    exits: list[Ident] = Field(min_length=1)
    refuges: list[Ident] = []
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


class PlanFile(Strict):
    plan: PlanBody
