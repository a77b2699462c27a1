"""Scenario schema: what happens in one drill and how it is replicated."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from drills.inputs.base import (
    MIN_STEP_S,
    WHY_TIME_GRID,
    Duration,
    Ident,
    Idents,
    ItemFault,
    NonNeg,
    Pos,
    Quantity,
    Strict,
    Text,
    at_least,
)

#: Night is 22:00 to 06:00, day 06:00 to 22:00: the 夜间 and 昼间 of GB 3096-2008 §3.10–3.11 and of the noise law
#: (中华人民共和国噪声污染防治法 2021, 第八十八条) [K]: the hours people are taken to be asleep at home.
NIGHT_FROM_H = 22
NIGHT_UNTIL_H = 6


def day_or_night(start: datetime) -> Literal["day", "night"]:
    """The time of day a scenario means when it does not say: night if it starts from 22:00 to 06:00."""
    return "night" if start.hour >= NIGHT_FROM_H or start.hour < NIGHT_UNTIL_H else "day"


def times_increase(what: str, ts: list[float], *, time_at: int | str = "t_s", item: str = "point") -> None:
    """Refuse a series whose times do not strictly increase (read between its points, it would be read wrongly), at
    the first ``item`` whose time does not: its ``time_at`` (the key or the place of the time in the item)."""
    for k, (before, t) in enumerate(itertools.pairwise(ts), 1):
        if t <= before:
            how = (f"is at the same time as the {item} before" if t == before
                   else f"comes after the {item} before at {before:g} s")
            raise ItemFault(f"{what} times must increase: this {item} at {t:g} s {how}", (k, time_at))


class HydrographPoint(Strict):
    t_s: NonNeg = Field(description="seconds after the inrush starts (its start_s)")
    inflow_m3ph: NonNeg = Field(description=(
        "inflow at that time in m³/h; linear between points, held after the last"))


class InrushSpec(Strict):
    """Water inrush: inflow at ``source`` from ``start_s`` (piecewise-linear hydrograph)."""

    source: Ident = Field(description="node id where the water bursts in")
    start_s: NonNeg = Field(default=0.0, description="when the inrush starts, in seconds from the scenario start")
    hydrograph: list[HydrographPoint] = Field(min_length=1, description="the inflow over time, times increasing")
    inflow_factor: Quantity = Field(default=1.0, description=(
        "uncertainty on the whole hydrograph (a factor on every inflow; default 1)"))
    pumping_m3ph: NonNeg = Field(default=0.0, description=(
        "pumps removing water from the start of the inrush, in m³/h; default 0"))

    @field_validator("hydrograph")
    @classmethod
    def _increasing(cls, points: list[HydrographPoint]) -> list[HydrographPoint]:
        # a field's own check, so that it is told with the other fields' faults, not only once they are mended
        times_increase("hydrograph", [p.t_s for p in points])
        return points


class DamBreakSpec(Strict):
    """A tailings dam failure: the built-in estimate, or a hydraulic study's table."""

    dam: Ident = Field(description="id of a dam in the site")
    breach_s: Quantity | None = Field(default=None, description="time of the breach from the scenario start")
    on_overtopping: bool = Field(default=False, description="the dam breaches when the pond reaches its crest")
    volume_factor: Quantity = Field(default=1.0, description=(
        "uncertainty on the released volume (estimate only): a multiple of the stored volume the estimate starts "
        "from, 1 for the estimate itself; default 1"))
    study: str | None = Field(default=None, description="CSV of place, arrival_min, peak_depth_m, peak_velocity_mps")
    # Concha Larrauri & Lall 2018 by default: for the bundled class-4 dam (40 m, 3 Mm³) Rico et al. 2008
    # gives a 115 km runout, implausible against Brumadinho's roughly 10 km (see drills.model.dam_break).
    runout_relation: Literal["larrauri_lall2018", "rico2008"] = Field(default="larrauri_lall2018", description=(
        "released volume and runout of the built-in estimate: larrauri_lall2018 (Concha Larrauri & Lall 2018, "
        "default) or rico2008 (Rico et al. 2008, far longer)"))

    @model_validator(mode="after")
    def _when(self) -> DamBreakSpec:
        if (self.breach_s is None) == (not self.on_overtopping):
            raise ValueError("give either breach_s or on_overtopping: true")
        return self


class IdfSpec(Strict):
    """Storm-intensity formula i = A1·(1 + C·lg P)/(t + b)^n (mm/min, t in min), GB 50014 form."""

    a1_mm_per_min: Pos = Field(description=(
        "A1 of i = A1·(1 + C·lg P)/(t + b)^n in mm/min, from the local 暴雨强度公式"))
    c: NonNeg = Field(description="C of the formula: how the intensity grows with lg of the return period")
    b_min: NonNeg = Field(description="b of the formula, in minutes")
    n: Pos = Field(le=10, description=(
        "exponent n of the formula; at most 10, a limit of the tool (a larger power overflows the intensity)"))
    name: Text = Field(description="name of the formula, e.g. the city's, for the report")
    source: Text = Field(description="where the formula is published, for the report")


class DesignStormSpec(Strict):
    return_period_yr: Annotated[float, Field(ge=1)] = Field(description="return period P of the storm, in years")
    duration_s: Duration = Field(description=(
        "storm duration T in seconds (fitted formulas usually cover up to 2–3 h; longer extrapolates)"))
    idf: IdfSpec = Field(description="the local storm-intensity formula")
    peak_fraction: Annotated[float, Field(ge=0, le=1)] = Field(default=0.4, description=(
        "where the peak falls, as a share of the duration (Chicago storm); default 0.4, the project's value [E]: "
        "use the local rain-pattern study"))
    step_s: Annotated[float, at_least(MIN_STEP_S, "s", WHY_TIME_GRID)] = Field(default=300.0, description=(
        "interval of the hyetograph built, in seconds; default 300 s, the project's choice (the storm's total "
        "does not depend on it)"))
    start_s: NonNeg = Field(default=0.0, description="when the rain starts, in seconds from the scenario start")


class RainPoint(Strict):
    t_s: NonNeg = Field(description="seconds from the scenario start")
    mm_per_h: NonNeg = Field(description=(
        "rain intensity in mm/h from then until the next point (the last until the scenario's end)"))


class StormSpec(Strict):
    """The rain of the scenario: an observed hyetograph or a design storm; warnings issued ahead of it."""

    observed: list[RainPoint] | None = Field(default=None, min_length=1, description=(
        "the rain as observed, times increasing; rain recorded after the drill's end is left out"))
    design: DesignStormSpec | None = Field(default=None, description=(
        "a Chicago design storm (Keifer & Chu 1957) from an intensity formula"))
    warning_lead_s: NonNeg = Field(default=3600.0, description=(
        "met warnings are issued this long before their CMA criterion is met by the rain; default 1 h, the "
        "project's choice (no published lead time)"))

    @field_validator("observed")
    @classmethod
    def _increasing(cls, points: list[RainPoint] | None) -> list[RainPoint] | None:
        times_increase("rain", [p.t_s for p in points or ()])
        return points

    @model_validator(mode="after")
    def _one(self) -> StormSpec:
        if (self.observed is None) == (self.design is None):
            raise ValueError("give either observed (a hyetograph) or design (a design storm)")
        return self


class PondStateSpec(Strict):
    dam: Ident = Field(description="id of the site's dam whose pond is balanced (it needs site.dams[].pond)")
    initial_level_m: float = Field(description=(
        "pond level at the start in metres, within the pond's stage_area table"))


def _readings_in_order(readings: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A monitored point's readings with their times increasing: out of order, they were read between as if
    they were not (the values of the later times given to the earlier)."""
    times_increase("monitor_series", [t for t, _ in readings], time_at=0, item="reading")
    return readings


#: one monitored point's readings: [[t_s, value], ...], at least one, times increasing
Readings = Annotated[list[tuple[NonNeg, float]], Field(min_length=1), AfterValidator(_readings_in_order)]


class HazardSpec(Strict):
    inrush: InrushSpec | None = Field(default=None, description="a water inrush underground")
    dam_break: DamBreakSpec | None = Field(default=None, description="a tailings dam failure")
    storm: StormSpec | None = Field(default=None, description=(
        "the rain: it drives the met warnings, the pond and the mine's water"))
    pond: PondStateSpec | None = Field(default=None, description="the pond whose water balance the storm drives")
    monitor_series: dict[Ident, Readings] = Field(default={}, description=(
        "readings of monitored points with no physical model: point -> [[t_s, value]], at least one, times "
        "increasing; linear between readings"))


FaultKind = Literal["mains_power", "mobile_network", "channel_down", "link_cut", "role_absent", "sensor_failed",
                   "hoist_out", "monitoring_down"]


class FaultSpec(Strict):
    """A failure injected into the drill (finding the plan's problems is the drill's main purpose).

    ``target`` names what fails: a channel, link, role, sensor point or hoist id (not needed for
    mains power or the mobile network). The fault starts at ``at_s`` and lasts ``duration_s`` (to the
    end if not given), in a share ``probability`` of the replications.
    """

    id: Ident | None = Field(default=None, description="name of the fault in the report; default: kind:target")
    kind: FaultKind = Field(description=(
        "what fails: mains power, the mobile network, a channel, a link, a role (absent), a sensor, a hoist, or "
        "the whole monitoring"))
    target: Ident | None = Field(default=None, description=(
        "id of the channel, link, role, sensor point or hoist that fails; none for mains_power, mobile_network "
        "and monitoring_down"))
    at_s: NonNeg = Field(default=0.0, description="when it starts, in seconds from the scenario start; default 0")
    duration_s: Pos | None = Field(default=None, description="how long it lasts, in seconds; default: to the end")
    probability: Annotated[float, Field(ge=0, le=1)] = Field(default=1.0, description=(
        "share of the replications in which it happens; default 1: all"))

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

    at_s: NonNeg = Field(description="when the shift comes to go down, in seconds from the scenario start")
    shift: Ident = Field(description="name of the shift (site.shifts)")


class OrderSpec(Strict):
    """An evacuation order given by the scenario itself (bypassing the plan's triggers)."""

    at_s: NonNeg = Field(description="when the order is given, in seconds from the scenario start")
    channels: Idents | None = Field(default=None, description=(
        "ids of the plan's channels that carry it; default: all of them"))


class BehaviourSpec(Strict):
    """Human response. Defaults are cited in :mod:`drills.model.behaviour`."""

    response_delay_s: dict[Ident, Quantity] = Field(default={}, description=(
        "per profile: from warning to leaving, in s; defaults: miners median 90 s, p95 600 s; residents median "
        "10 min, p95 45 min (log-normal, project assumptions [E])"))
    crew_relay_s: Quantity | None = Field(default=None, description=(
        "a warned miner tells the crew at the same place after this delay, in s; default log-normal median 30 s, "
        "p95 120 s (project assumption [E])"))
    water_cue_depth_m: Pos | None = Field(default=None, description=(
        "water this deep on the floor warns the people there, in m; default 0.05 m, a visibly wet floor (project "
        "assumption [E])"))
    neighbour_relay_s: Quantity | None = Field(default=None, description=(
        "a warned household tells neighbours; default log-normal median 5 min, p95 20 min (project assumption [E])"))
    neighbours_told: int | None = Field(default=None, ge=0, description=(
        "households at its place each warned household tells (0: no word of mouth); default 2 (project "
        "assumption [E])"))
    compliance: dict[Ident, Annotated[float, Field(ge=0, le=1)]] = Field(default={}, description=(
        "per profile: share who act on the warning; default 0.875 for residents (12.5 % never act: the middle of "
        "LifeSim's 5–20 %), 1 for others"))


class WeatherSpec(Strict):
    rain: Literal["none", "moderate", "heavy"] = Field(default="none", description=(
        "rain masking outdoor sound: audibility × 0.85 in moderate rain, × 0.7 in heavy (project assumption [E]); "
        "and slowing cars: free speed and road capacity × 0.928 in moderate rain (2.5–6.4 mm/h), × 0.859 in heavy "
        "(> 6.4 mm/h) (HCM 2010 Exhibit 10-15); "
        "default none"))


class MonteCarloSpec(Strict):
    replications: int = Field(default=200, ge=1, le=100_000, description=(
        "runs of the drill, each with its own luck; default 200, the project's choice (59 is the least that "
        "shows a check holds in 95 % of drills, Wilks 1941)"))
    seed: int = Field(ge=0, description="the random seed: the same seed gives the same results")


class ScenarioBody(Strict):
    id: Ident = Field(description="name of the scenario")
    title: Text = Field(description="the scenario's title, as the report shows it")
    description: str = Field(default="", description="free text about the scenario, for the reader")
    site: Text = Field(description="path of the site file, relative to this file")
    plan: Text = Field(description="path of the default plan file, relative to this file")
    start_time: datetime = Field(description="date and clock time of the start, time 0 (e.g. 2026-07-20T14:00:00)")
    duration_s: Duration = Field(description="how long the drill runs, in seconds (at most 30 days)")
    shift: Ident | None = Field(default=None, description="the underground shift (site.shifts)")
    time_of_day: Literal["day", "night"] = Field(default_factory=lambda data: day_or_night(data["start_time"]),
                                                 description=(
        "day or night: who is at home, and the day or night audibility and answer chances; default by the clock "
        "time of start_time: night from 22:00 to 06:00, day otherwise (昼间 and 夜间 of GB 3096-2008 and the noise "
        "law)"))
    weather: WeatherSpec = Field(default=WeatherSpec(), description="the weather during the drill")
    hazard: HazardSpec = Field(description="what happens: an inrush, a dam break, a storm, the pond, readings")
    order: OrderSpec | None = Field(default=None, description=(
        "an evacuation order the scenario gives itself, bypassing the plan's triggers; default: none"))
    faults: list[FaultSpec] = Field(default=[], description="failures injected into the drill")
    entries: list[EntrySpec] = Field(default=[], description="shift changes: people going underground")
    behaviour: BehaviourSpec = Field(default=BehaviourSpec(), description=(
        "how people respond; what is left out takes the cited defaults"))
    monte_carlo: MonteCarloSpec = Field(description="replications and seed")


class ScenarioFile(Strict):
    scenario: ScenarioBody = Field(description="the drill scenario: what happens, when, and how often it is run")
