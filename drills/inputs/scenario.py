"""Scenario schema: what happens in one drill and how it is replicated."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from drills.inputs.base import Ident, NonNeg, Pos, Quantity, Strict


class HydrographPoint(Strict):
    t_s: NonNeg
    inflow_m3ph: NonNeg


class InrushSpec(Strict):
    """Water inrush: inflow at ``source`` from ``start_s`` (piecewise-linear hydrograph)."""

    source: Ident
    start_s: NonNeg = 0.0
    hydrograph: list[HydrographPoint] = Field(min_length=1)
    inflow_factor: Quantity = Field(default=1.0, description="uncertainty on the whole hydrograph")
    pumping_m3ph: NonNeg = 0.0

    @field_validator("hydrograph")
    @classmethod
    def _increasing(cls, points: list[HydrographPoint]) -> list[HydrographPoint]:
        # a field's own check, so that it is told with the other fields' faults, not only once they are mended
        ts = [p.t_s for p in points]
        if any(b <= a for a, b in itertools.pairwise(ts)):
            raise ValueError(f"hydrograph times must increase (got t_s {', '.join(f'{t:g}' for t in ts)})")
        return points


class DamBreakSpec(Strict):
    """A tailings dam failure: the built-in estimate, or a hydraulic study's table."""

    dam: Ident = Field(description="id of a dam in the site")
    breach_s: Quantity | None = Field(default=None, description="time of the breach from the scenario start")
    on_overtopping: bool = Field(default=False, description="the dam breaches when the pond reaches its crest")
    volume_factor: Quantity = Field(default=1.0, description="uncertainty on the released volume (estimate only)")
    study: str | None = Field(default=None, description="CSV of place, arrival_min, peak_depth_m, peak_velocity_mps")
    # Concha Larrauri & Lall 2018 by default: for the bundled class-4 dam (40 m, 3 Mm³) Rico et al. 2008
    # gives a 115 km runout, implausible against Brumadinho's roughly 10 km (see drills.model.dam_break).
    runout_relation: Literal["larrauri_lall2018", "rico2008"] = "larrauri_lall2018"

    @model_validator(mode="after")
    def _when(self) -> DamBreakSpec:
        if (self.breach_s is None) == (not self.on_overtopping):
            raise ValueError("give either breach_s or on_overtopping: true")
        return self


class IdfSpec(Strict):
    """Storm-intensity formula i = A1·(1 + C·lg P)/(t + b)^n (mm/min, t in min), GB 50014 form."""

    a1_mm_per_min: Pos
    c: NonNeg
    b_min: NonNeg
    n: Pos
    name: str
    source: str


class DesignStormSpec(Strict):
    return_period_yr: Annotated[float, Field(ge=1)]
    duration_s: Pos
    idf: IdfSpec
    peak_fraction: Annotated[float, Field(ge=0, le=1)] = 0.4
    step_s: Pos = 300.0
    start_s: NonNeg = 0.0


class RainPoint(Strict):
    t_s: NonNeg
    mm_per_h: NonNeg


class StormSpec(Strict):
    """The rain of the scenario: an observed hyetograph or a design storm; warnings issued ahead of it."""

    observed: list[RainPoint] | None = None
    design: DesignStormSpec | None = None
    warning_lead_s: NonNeg = Field(default=3600.0, description="met warnings are issued this long before")

    @model_validator(mode="after")
    def _one(self) -> StormSpec:
        if (self.observed is None) == (self.design is None):
            raise ValueError("give either observed (a hyetograph) or design (a design storm)")
        return self


class PondStateSpec(Strict):
    dam: Ident
    initial_level_m: float


class HazardSpec(Strict):
    inrush: InrushSpec | None = None
    dam_break: DamBreakSpec | None = None
    storm: StormSpec | None = None
    pond: PondStateSpec | None = None
    monitor_series: dict[Ident, list[tuple[NonNeg, float]]] = Field(
        default={}, description="readings of monitored points with no physical model: point -> [[t_s, value]]")


FaultKind = Literal["mains_power", "mobile_network", "channel_down", "link_cut", "role_absent", "sensor_failed",
                   "hoist_out", "monitoring_down"]


class FaultSpec(Strict):
    """A failure injected into the drill (finding the plan's problems is the drill's main purpose).

    ``target`` names what fails: a channel, link, role, sensor point or hoist id (not needed for
    mains power or the mobile network). The fault starts at ``at_s`` and lasts ``duration_s`` (to the
    end if not given), in a share ``probability`` of the replications.
    """

    id: Ident | None = None
    kind: FaultKind
    target: Ident | None = None
    at_s: NonNeg = 0.0
    duration_s: Pos | None = None
    probability: Annotated[float, Field(ge=0, le=1)] = 1.0

    @model_validator(mode="after")
    def _target(self) -> FaultSpec:
        needs = self.kind not in ("mains_power", "mobile_network", "monitoring_down")
        if needs and self.target is None:
            raise ValueError(f"a {self.kind} fault needs 'target' (what fails)")
        if not needs and self.target is not None:
            raise ValueError(f"a {self.kind} fault takes no target")
        return self

    @property
    def name(self) -> str:
        return self.id or (f"{self.kind}:{self.target}" if self.target else self.kind)


class EntrySpec(Strict):
    """People going underground during the drill (the next shift), unless entry is stopped."""

    at_s: NonNeg
    shift: Ident


class OrderSpec(Strict):
    """An evacuation order given by the scenario itself (bypassing the plan's triggers)."""

    at_s: NonNeg
    channels: list[Ident] | None = None


class BehaviourSpec(Strict):
    """Human response. Defaults are cited in :mod:`drills.model.behaviour`."""

    response_delay_s: dict[Ident, Quantity] = Field(default={}, description="per profile")
    crew_relay_s: Quantity | None = None
    water_cue_depth_m: Pos | None = None
    neighbour_relay_s: Quantity | None = Field(default=None, description="a warned household tells neighbours")
    neighbours_told: int | None = Field(default=None, ge=0)
    compliance: dict[Ident, Annotated[float, Field(ge=0, le=1)]] = Field(
        default={}, description="per profile: share who act on the warning")


class WeatherSpec(Strict):
    rain: Literal["none", "moderate", "heavy"] = "none"


class MonteCarloSpec(Strict):
    replications: int = Field(default=200, ge=1, le=100_000)
    seed: int = Field(ge=0)


class ScenarioBody(Strict):
    id: Ident
    title: str
    description: str = ""
    site: str = Field(description="path of the site file, relative to this file")
    plan: str = Field(description="path of the default plan file, relative to this file")
    start_time: datetime
    duration_s: Pos
    shift: Ident | None = Field(default=None, description="the underground shift (site.shifts)")
    time_of_day: Literal["day", "night"] = "day"
    weather: WeatherSpec = WeatherSpec()
    hazard: HazardSpec
    order: OrderSpec | None = None
    faults: list[FaultSpec] = []
    entries: list[EntrySpec] = Field(default=[], description="shift changes: people going underground")
    behaviour: BehaviourSpec = BehaviourSpec()
    monte_carlo: MonteCarloSpec


class ScenarioFile(Strict):
    scenario: ScenarioBody
