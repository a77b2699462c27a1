"""Scenario schema: what happens in one drill and how it is replicated."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

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

    @model_validator(mode="after")
    def _increasing(self) -> InrushSpec:
        ts = [p.t_s for p in self.hydrograph]
        if any(b <= a for a, b in itertools.pairwise(ts)):
            raise ValueError("hydrograph times must increase")
        return self


class DamBreakSpec(Strict):
    """A tailings dam failure: the built-in estimate, or a hydraulic study's table."""

    dam: Ident = Field(description="id of a dam in the site")
    breach_s: Quantity = Field(description="time of the breach from the scenario start")
    volume_factor: Quantity = Field(default=1.0, description="uncertainty on the released volume (estimate only)")
    study: str | None = Field(default=None, description="CSV of place, arrival_min, peak_depth_m, peak_velocity_mps")
    # Concha Larrauri & Lall 2018 by default: for the bundled class-4 dam (40 m, 3 Mm³) Rico et al. 2008
    # gives a 115 km runout, implausible against Brumadinho's roughly 10 km (see drills.model.dam_break).
    runout_relation: Literal["larrauri_lall2018", "rico2008"] = "larrauri_lall2018"


class HazardSpec(Strict):
    inrush: InrushSpec | None = None
    dam_break: DamBreakSpec | None = None


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
    behaviour: BehaviourSpec = BehaviourSpec()
    monte_carlo: MonteCarloSpec


class ScenarioFile(Strict):
    scenario: ScenarioBody
