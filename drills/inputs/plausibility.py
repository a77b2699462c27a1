"""Plausibility warnings: values that pass the schema but cannot be what the planner meant.

A site, plan or scenario can fit its schema and still hold a data-entry slip — 20 000 miners at one
workplace, a drift 1 cm long, a walking speed of 15 m/s, a response delay of three days. The drill would
run and give a confident, meaningless report. Each such value becomes one warning, located like a
validation problem (``file:line: field: message``), that says the value, the plausible range and where the
range comes from. Warnings do not stop a run: a planner with an unusual mine may be right.

These checks are about slips, not about the plan's quality: whether the plan meets a standard is graded
by :mod:`drills.experiment.plan_checks` after the drill. The ranges are therefore wide. Each bound cites a
published value where one exists (the publication or standard is named beside it); a bound marked [P] is
the project's own, set where no real input
could reach it, with the reason beside it. [K] marks a value from background knowledge not re-checked.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from drills.inputs.base import dist_or_number
from drills.inputs.hydraulic_study import load_hydraulic_study
from drills.inputs.loaded import Loaded
from drills.inputs.plan import PlanBody
from drills.inputs.population import SCHOOL_CLASS, present
from drills.inputs.problems import InputError, Problem, did_you_mean, in_file_order
from drills.inputs.scenario import OrderSpec, ScenarioBody, day_or_night
from drills.inputs.site import SAFE_SURFACE_KINDS, UNDERGROUND_KINDS, SiteBody, walk_graph
from drills.inputs.yamlfile import Loc, YamlDocument
from drills.model.dam_break import FRONT_FLOOR_MPS, estimate_runout
from drills.model.lethality import SWEPT_OFF_DV_M2PS
from drills.model.movement import WADING_LIMIT_M
from drills.model.routing import DRIVABLE, join_at, on_foot
from drills.model.running import RUNNING_KINDS, low_graph, running_depth_m, running_flow_m3ps, way_down, way_out
from drills.model.spec import RunningWater


@dataclass(frozen=True)
class Bound:
    """A plausible range of one kind of value and where it comes from.

    Attributes:
        low: the smallest plausible value, or None.
        high: the largest plausible value (every bound has one).
        unit: the value's unit as the planner writes it ("" for a count or a ratio).
        source: where the range comes from, in a few words.
    """

    low: float | None
    high: float
    unit: str
    source: str

    def outside(self, value: float) -> bool:
        return (self.low is not None and value < self.low) or value > self.high

    def amount(self, value: float) -> str:
        """``value`` with this bound's unit, e.g. '15 m/s'."""
        return f"{value:g} {self.unit}" if self.unit else f"{value:g}"

    def range_text(self) -> str:
        if self.low is not None:
            return f"{self.low:g}–{self.amount(self.high)}"
        return f"at most {self.amount(self.high)}"


# ---------------------------------------------------------------- people and movement

#: Walking speed of a profile. Free walking 1.0–1.3 m/s (SFPE Handbook [K]); crawling 0.77–1.20 m/s over the
#: first few metres only (Cao et al., Safety Sci. 104, 2018), about 0.2–0.3 m/s sustained over mine distances
#: (planning figure [K], no primary source found); pedestrians 0.9–2.2 m/s (LifeSim Technical Reference Manual
#: ch. 7). [P] bounds wide of all: below 0.1 m/s nobody is moving, above 3 m/s is a sprint nobody keeps up.
WALK_SPEED = Bound(0.1, 3.0, "m/s", "walking 0.9–2.2 m/s (LifeSim TRM ch. 7), sustained crawling 0.2–0.3 m/s [K]")
#: Vertical speed on ladders: 5.6–7 m/min ≈ 0.09–0.12 m/s (彭然 2022, 中国煤炭); [P] about four times
#: either side, so that only a slip of units (m/min for m/s) or of digits reaches it.
CLIMB_SPEED = Bound(0.02, 0.5, "m/s", "ladder climbing 0.09–0.12 m/s (彭然 2022, 中国煤炭)")
#: [P] Water deeper than a standing person is tall is not waded (the wading studies stop at 0.9 m:
#: Dias et al. 2021; Li et al. 2026); a limit under ankle depth (0.08 m, Dias et al. 2021) would stop everyone
#: at the first puddle.
WADING_LIMIT = Bound(0.08, 2.0, "m", "ankle depth to a person's height (wading studied to 0.9 m, Dias et al. 2021)")
#: [P] People in one place of a shift: a stope or face holds tens (the bundled mine at most 20); a whole
#: shift underground is several hundred (Huayuan 2007: 756 people swiped in). 300 at one place is more
#: than any workplace holds.
CREW_AT_ONE_PLACE = Bound(None, 300, "people", "a workplace holds tens; a whole shift is hundreds (Huayuan 2007: 756)")
#: [P] Mean people at home per household: China's mean household is 2.62 people (2020 census [K]); 15 is
#: more than any household, so more is a slip (households and people swapped).
HOUSEHOLD_MEMBERS = Bound(None, 15, "people", "mean household 2.6 people (2020 census)")
#: [P] People present at a school, field or workshop: a large rural school holds a few thousand.
OCCUPANTS = Bound(None, 10_000, "people", "a large school holds a few thousand")

# ---------------------------------------------------------------- places and passages

#: [P] A passage shorter than 1 m is no passage: lengths in km or cm for m. Longer than 50 km between two
#: junctions is longer than any drift or valley road between two places of a drill.
LINK_LENGTH = Bound(1.0, 50_000.0, "m", "a passage between two places")
#: Widths by kind of passage. [P] wide bounds: a miner's travelway is ≥ 0.8 m (GB 16423 [K]) and a drift
#: narrower than 1 m is a slip (cm for m); a ladder compartment is about 0.6 × 0.7 m [K]; a car needs about
#: 2 m (one rural road lane is 3–3.5 m, JTG B01-2014 [K]); a footpath narrower than 0.3 m takes no foot.
#: The upper bounds are wider than any drift (a large ramp is 5–8 m, the bundled mine 3–5 m) or road.
LINK_WIDTH = {
    "drift": Bound(1.0, 30.0, "m", "a travelway is at least 0.8 m (GB 16423); large drifts 5–8 m"),
    "ramp": Bound(1.0, 30.0, "m", "a travelway is at least 0.8 m (GB 16423); large ramps 5–8 m"),
    "incline": Bound(1.0, 30.0, "m", "a travelway is at least 0.8 m (GB 16423); large drifts 5–8 m"),
    "ladderway": Bound(0.4, 10.0, "m", "a ladder compartment is about 0.6 × 0.7 m"),
    "shaft": Bound(1.0, 20.0, "m", "shafts are a few metres across"),
    "footpath": Bound(0.3, 20.0, "m", "a footpath takes at least one foot"),
    "road": Bound(2.0, 60.0, "m", "a car needs about 2 m; a rural lane is 3–3.5 m (JTG B01-2014)"),
}
#: [P] Clear height underground: a low coal seam is crawled at about 1 m; under 0.5 m nobody passes.
LINK_HEIGHT = Bound(0.5, 30.0, "m", "low seams are crawled at about 1 m")
UNDERGROUND_LINKS = ("drift", "ramp", "incline", "ladderway")
#: Elevations anywhere: the deepest workings are about 4 km below surface (Mponeng [K]); the highest mines
#: about 5 100 m up (La Rinconada [K]). [P] a margin either side.
ELEVATION = Bound(-5_000.0, 6_000.0, "m", "deepest workings ≈ −4 000 m, highest mines ≈ 5 100 m")
#: [P] An adit mine's workings may rise a few hundred metres above its portal; a place underground a
#: kilometre above every way out of the site is a sign slip (+360 for −360).
ABOVE_WAYS_OUT_M = 1_000.0
#: [P] A level labelled by its elevation (Chinese practice: the −360 m level, 中段) keeps its places within
#: about one level interval of the label (40–120 m between levels [K]); more is a slip in the label or value.
LEVEL_LABEL_TOLERANCE_M = 120.0
#: [P] A place lies with another level's places when it is nearer their median elevation than this share of its
#: distance from the median of its own level's other places: half, so that a place about midway between two levels
#: (a ramp's landing, a raise's sub-level) keeps the label its planner chose, and a shaft station written on the
#: level above or below (50 m apart and more) does not.
OTHER_LEVEL_SHARE = 0.5
#: [P] A place's surveyed height above the valley floor (above_valley_floor_m) and its height above the lowest place on
#: its way from the dam by elevation_m, which the flood estimate takes without a survey (drills.model.dam_break
#: .valley_routes), are read off one map: 10 m, two or more contour intervals of a 1:10 000 map in hills (2.5–5 m [K])
#: and about three storeys, is more than reading them can part them. A survey far below the elevations puts the
#: place in the flow's way (a value copied from a place on the floor); one above them is on the safe side.
VALLEY_HEIGHT_SLACK_M = 10.0
#: [P] A passage is never shorter than the straight line between its ends; the places' map coordinates are read
#: off a plan to some tens of metres, so a length is a slip only when it is shorter than that line by more than
#: 20 m and a tenth of the line (a drift of 120 m written for 1 200, or a place drawn 1 km from where it is).
ON_MAP_SLACK_M = 20.0
ON_MAP_SLACK_SHARE = 0.1
#: Refuge chamber seats: ≤ 100 persons per chamber (AQ 2033-2011 §5.4).
REFUGE_SEATS = Bound(None, 100, "persons", "at most 100 persons per chamber (AQ 2033-2011 §5.4)")
#: A refuge chamber's floor is at least 0.5 m above the roadway floor (AQ 2033-2011 §5.3–5.5).
REFUGE_FLOOR_ABOVE_ROADWAY_M = 0.5
#: Refuge autonomy: ≥ 96 h is required (安监总煤装〔2011〕15号); [P] ten days is more than any
#: chamber stores, so more is a slip (minutes or days for hours).
REFUGE_SUPPLIES = Bound(None, 240.0, "h", "96 h required (安监总煤装〔2011〕15号); no chamber stores 10 days")

# ---------------------------------------------------------------- hoists

#: Cage speed with persons ≤ 12 m/s (《煤矿安全规程》 [K]); the drill caps the speed there anyway.
HOIST_SPEED = Bound(None, 12.0, "m/s", "at most 12 m/s with persons (煤矿安全规程; the drill caps it there)")
#: Acceleration with persons ≤ 0.75 m/s² (same); [P] twice that is no man-riding hoist, under 0.1 m/s² no wind
#: ends within the drill.
HOIST_ACCEL = Bound(0.1, 1.5, "m/s²", "at most 0.75 m/s² with persons (煤矿安全规程)")
#: [P] Persons per deck: at ≥ 0.18 m² each (《煤矿安全规程》 [K]) 150 persons need 27 m² of floor, more
#: than the largest cages (a typical 5–6 m² deck carries 25–30).
CAGE_PER_DECK = Bound(None, 150, "persons", "0.18 m² each (煤矿安全规程): a 5–6 m² deck carries 25–30")
#: Signalling before a wind: 10–20 s ([E], see drills.model.hoist); [P] five minutes is a slip (minutes for seconds).
HOIST_SIGNAL = Bound(None, 300.0, "s", "signalling takes 10–20 s (drills.model.hoist)")

# ---------------------------------------------------------------- delays and rates

#: [P] Delays of people and posts (decision, response, detection, activation, handover, mobilisation): the
#: longest in the reference cases are hours (Oroville 2017: protective action for most after 2–3 h, LifeSim
#: TRM ch. 6; a report hours late underground, Wangjialing 2010). A central value of a day or more is a slip of units.
DELAY = Bound(None, 86_400.0, "s", "the longest delays in recorded events are hours (Oroville 2017, LifeSim TRM ch. 6)")
#: [P] One phone call or one household's visit: door to door 1–3 min per household (a provisional estimate [E],
#: consistent with Confluence 1987, where 986 residents were out in about 45 min, Rogers & Sorensen 1989 in
#: LifeSim TRM App. C); an hour each is a slip.
PER_CALL = Bound(None, 3_600.0, "s", "door to door 1–3 min per household (estimate [E], consistent with Confluence "
                                     "1987)")
#: Loudspeaker vehicles drive 15–25 km/h (route alerting; a provisional estimate [E]); 120 km/h is China's
#: highest road speed limit (道路交通安全法实施条例 第七十八条 [K]).
VEHICLE_SPEED = Bound(None, 120.0, "km/h",
                      "loudspeaker vehicles 15–25 km/h; China's highest speed limit is 120 km/h")
#: How far a siren, a loudspeaker or a vehicle's loudspeaker is heard: a siren rated 100–130 dB at 30 m reaches the
#: 70 dB(C) of the coverage design to about 0.4–1.6 km (FEMA CPG 1-17, Outdoor Warning Systems Guide, 1980 [K]); a
#: village loudspeaker horn some hundreds of metres (the bundled plans 400–800 m [E]). [P] Under 30 m is a voice, not a
#: horn (km written for m); above 5 km is more than any siren carries.
AUDIBLE_RADIUS = Bound(30.0, 5_000.0, "m", "a 100–130 dB siren is heard to about 0.4–1.6 km (FEMA CPG 1-17)")
#: Air speeds allowed in mine airways: at least 0.15 m/s where people work (rock headings), at most 15 m/s in
#: fan drifts and upcast shafts without hoisting (《煤矿安全规程》 第一百三十六条 [K]; GB 16423-2020 has a like
#: table for metal mines [K]). The mean along an air path lies between.
AIR_SPEED = Bound(0.15, 15.0, "m/s", "mine airways carry 0.15–15 m/s (煤矿安全规程 第一百三十六条)")
#: The largest inflows reported: Huayuan 2007, 24 000 m³/h official and an unverified 50 m³/s = 180 000 m³/h
#: (SAWS; Xinhua); [P] above 200 000 m³/h is a slip (m³/min or m³/day for m³/h).
INRUSH_INFLOW = Bound(None, 200_000.0, "m³/h", "the largest inrush reported ≈ 180 000 m³/h (Huayuan 2007, "
                      "Xinhua)")
#: The smallest class of inrush point takes in up to 60 m³/h (小突水点 Q ≤ 60 m³/h; then 中等 60–600, 大 600–1800,
#: 特大 above 1800 m³/h: 《煤矿防治水细则》 2018, 突水点等级 [K]); the inrushes reported run 2 500–24 000 m³/h
#: (Niupeng 2011, china.org.cn; Xinjing 2006, Cui, Wu et al. 2020; Huayuan 2007, SAWS). [P] A peak below it is
#: most likely a rate in m³/s written into the m³/h field (0.83 m³/s is 2 988 m³/h): warned of, not refused.
INRUSH_PEAK_LOW_M3PH = 60.0
#: [P] A drill plays out over hours; a refuge holds out 96 h (安监总煤装〔2011〕15号). A week is a slip of units, and so
#: is a drill under 10 minutes (minutes written as seconds): deciding, telling and walking out each take minutes
#: (the bundled plans' decision delays alone have medians of 3 to 10 min).
DURATION = Bound(600.0, 7 * 86_400.0, "s",
                 "a flood drill plays out in hours; refuges hold 96 h (安监总煤装〔2011〕15号)")

# ---------------------------------------------------------------- dams

#: Pond classes by dam height: class 二 is 100–200 m (GB 39496-2020 §4.5, which revised classes 一 and 二: GB
#: 50863-2013 §3.2.1 puts every dam from 100 m in class 二 and gives class 一 no height); [P] above 300 m is higher
#: than any tailings dam built.
DAM_HEIGHT = Bound(None, 300.0, "m", "class 二 dams are 100–200 m high (GB 39496-2020 §4.5)")
#: Class 一 starts at 5 × 10⁸ m³ stored (GB 39496-2020 §4.5, as above); [P] twenty times that is beyond any pond.
#: Class 五 is any pond under 10⁶ m³ (GB 50863-2013 §3.2.1, unchanged by GB 39496-2020), with no least volume; [P]
#: under 10⁴ m³, a pit 100 m by 50 m and 2 m deep, is no tailings pond: a volume in Mm³ or 10⁴ m³ (万 m³) written
#: in the m³ field.
DAM_VOLUME = Bound(1e4, 1e10, "m³", "class 五 holds under 10⁶ m³ (GB 50863-2013 §3.2.1) and class 一 from "
                                     "5 × 10⁸ m³ (GB 39496-2020 §4.5); under 10⁴ m³ is a pit")
#: Pond class (等别) by full storage and by dam height: (class, least volume in m³, least height in m), GB 50863-2013
#: §3.2.1 with classes 一 and 二 as GB 39496-2020 §4.5 revised them [K, the table not re-read]. Where the two give
#: classes one apart the higher holds; more than one apart, one below the higher (same clause [K]); a pond whose
#: failure would gravely harm those below may be raised one class (GB 39496-2020 5.4.1 [K]).
POND_CLASSES = ((1, 5e8, 200.0), (2, 1e8, 100.0), (3, 1e7, 60.0), (4, 1e6, 30.0), (5, 0.0, 0.0))

# ---------------------------------------------------------------- time of day

#: [P] A start from 08:00 to 18:00 is day: school and working hours, the schools full and many adults away from home.
#: With the night of 22:00 to 06:00 (drills.inputs.scenario.day_or_night: GB 3096-2008 §3.10–3.11), "day" written
#: for a start in the night, or "night" for one in these hours, is a slip; the hours between are either.
DAY_HOURS = (8, 18)


class _Checker:
    """Adds a warning to ``out`` for each value outside its bound, located in ``doc``."""

    def __init__(self, doc: YamlDocument, out: list[Problem]) -> None:
        self.doc = doc
        self.out = out

    def __call__(self, loc: Loc, value: float, bound: Bound, what: str = "") -> None:
        if bound.outside(value):
            subject = f"{what} of {bound.amount(value)}" if what else bound.amount(value)
            self.out.append(self.doc.problem(loc, f"{subject} is not plausible: expected {bound.range_text()} — "
                                                  f"{bound.source}. A slip of units or digits?"))


def site_warnings(site: SiteBody, doc: YamlDocument, shifts_named: Collection[str | None] = ()) -> list[Problem]:
    """The plausibility warnings of a site file; ``shifts_named``, the shifts a scenario checked with it names (an
    empty one it names is told there, or is its mine with nobody underground on purpose)."""
    out: list[Problem] = []
    check = _Checker(doc, out)
    s = ("site",)
    for k, n in enumerate(site.nodes):
        at = (*s, "nodes", k)
        check((*at, "elevation_m"), n.elevation_m, ELEVATION)
        if n.kind == "refuge" and n.capacity_persons is not None:
            check((*at, "capacity_persons"), n.capacity_persons, REFUGE_SEATS, "a refuge")
        if n.supplies_h is not None:
            check((*at, "supplies_h"), n.supplies_h, REFUGE_SUPPLIES)
    _elevations(site, doc, out)
    _refuge_floors(site, doc, out)
    _valley_heights(site, doc, out)
    _lengths_on_map(site, doc, out)
    if len(site.nodes) > 2 and len({(n.x_m, n.y_m) for n in site.nodes}) == 1:
        out.append(doc.problem((*s, "nodes"), "every place is at the same map position (no x_m, y_m given): a "
                                              "siren's or loudspeaker's hearing radius reaches all of them, and the "
                                              "maps and the section draw them at one point; give each place its "
                                              "x_m and y_m"))
    for k, lk in enumerate(site.links):
        at = (*s, "links", k)
        check((*at, "length_m"), lk.length_m, LINK_LENGTH, f"a {lk.kind}")
        check((*at, "width_m"), lk.width_m, LINK_WIDTH[lk.kind], f"a {lk.kind}")
        if lk.kind in UNDERGROUND_LINKS and "height_m" in lk.model_fields_set:
            check((*at, "height_m"), lk.height_m, LINK_HEIGHT, f"a {lk.kind}")
    for k, p in enumerate(site.profiles):
        at = (*s, "profiles", k)
        check((*at, "speed_mps"), p.speed_mps, WALK_SPEED, "a walking speed")
        check((*at, "climb_mps"), p.climb_mps, CLIMB_SPEED, "a climbing speed")
        check((*at, "wading_limit_m"), p.wading_limit_m, WADING_LIMIT, "a wading limit")
    for k, h in enumerate(site.hoists):
        at = (*s, "hoists", k)
        if h.max_speed_mps is not None:
            check((*at, "max_speed_mps"), h.max_speed_mps, HOIST_SPEED, "a cage speed")
        check((*at, "accel_mps2"), h.accel_mps2, HOIST_ACCEL, "an acceleration")
        check((*at, "signal_s"), h.signal_s, HOIST_SIGNAL)
        check((*at, "cage_capacity_persons"), h.cage_capacity_persons, CAGE_PER_DECK, "a deck")
    _stations(site, doc, out)
    for shift, crews in site.shifts.items():
        # a shift with no crews brings nobody underground: a scenario that names it is refused (nobody in the drill,
        # an entry that brings nobody), or, beside residents, is the same as naming no shift; so one that no
        # scenario names is a slip, crews not yet written or written under another shift
        if not crews and shift not in shifts_named:
            out.append(doc.problem((*s, "shifts", shift), (
                f"shift {shift!r} has no crews, so no scenario can put anyone underground with it: give its crews "
                "({at: .., count: ..}), or leave the shift out if nobody works it")))
        for k, c in enumerate(crews):
            check((*s, "shifts", shift, k, "count"), c.count, CREW_AT_ONE_PLACE, "a crew")
    kinds = {n.id: n.kind for n in site.nodes}
    for k, r in enumerate(site.residents):
        at = (*s, "residents", k)
        kind = kinds.get(r.at)
        if kind in ("school", "field") and r.households is not None:
            out.append(doc.problem((*at, "households"), (
                f"{r.at!r} is a {kind}: give the people there as occupants: {{day: .., night: ..}}, not as "
                "households, which the drill moves as families, each from its home (by car for car_share of them); "
                f"it moves a school in classes of {SCHOOL_CLASS}, people in a field one by one")))
        elif kind == "household" and r.occupants is not None:
            out.append(doc.problem((*at, "occupants"), (
                f"{r.at!r} is a household place: give its households with members: {{day: .., night: ..}}, not "
                "occupants, which the drill moves one by one, without a car, as in a field")))
        for part, per, bound in (("members", r.members, HOUSEHOLD_MEMBERS), ("occupants", r.occupants, OCCUPANTS)):
            if per is None:
                continue
            for when in ("day", "night"):
                check((*at, part, when), getattr(per, when), bound)
    for k, d in enumerate(site.dams):
        check((*s, "dams", k, "height_m"), d.height_m, DAM_HEIGHT, "a tailings dam")
        check((*s, "dams", k, "stored_volume_m3"), d.stored_volume_m3, DAM_VOLUME, "a tailings pond")
        if not (DAM_HEIGHT.outside(d.height_m) or DAM_VOLUME.outside(d.stored_volume_m3)):
            _pond_class(d, doc, out, (*s, "dams", k, "pond_class"))
    return out


def pond_class(height_m: float, stored_volume_m3: float) -> tuple[int, int, int]:
    """The class of a pond by its height, by its volume, and the two together (:data:`POND_CLASSES`)."""
    by_height = next(c for c, _, h in POND_CLASSES if height_m >= h)
    by_volume = next(c for c, v, _ in POND_CLASSES if stored_volume_m3 >= v)
    higher, lower = min(by_height, by_volume), max(by_height, by_volume)
    return by_height, by_volume, higher if lower - higher <= 1 else higher + 1


def _pond_class(d: Any, doc: YamlDocument, out: list[Problem], loc: Loc) -> None:
    """A pond class lower than its height and volume give, or more than one class above them."""
    by_height, by_volume, table = pond_class(d.height_m, d.stored_volume_m3)
    if d.pond_class > table or d.pond_class < table - 1:
        raised = f" (or {table - 1} where a failure would gravely harm those below)" if table > 1 else ""
        out.append(doc.problem(loc, (
            f"pond_class {d.pond_class} is not plausible for a dam {d.height_m:g} m high storing "
            f"{d.stored_volume_m3:g} m³: by GB 50863-2013 §3.2.1 (GB 39496-2020 §4.5) its height gives class "
            f"{by_height} and its volume class {by_volume}, so the pond is class {table}{raised}. A slip in the "
            "class, the height or the volume?")))


def _level_elevation(label: str | None) -> float | None:
    """The elevation a level's label names, if it is only a number (e.g. '-360' or '-360 m')."""
    m = re.fullmatch(r"\s*([+-]?\d+(?:\.\d+)?)\s*m?\s*", label or "")
    return float(m.group(1)) if m else None


def _elevations(site: SiteBody, doc: YamlDocument, out: list[Problem]) -> None:
    """Places underground far above every way out, far from the elevation their level's label names, or lying with
    the places of another level rather than with those of their own."""
    exits = [n.elevation_m for n in site.nodes if n.kind in SAFE_SURFACE_KINDS]
    top = max(exits) if exits else None
    levels: dict[str, list[float]] = {}
    for n in site.nodes:
        if n.kind in UNDERGROUND_KINDS and n.level is not None:
            levels.setdefault(n.level, []).append(n.elevation_m)
    for k, n in enumerate(site.nodes):
        if n.kind not in UNDERGROUND_KINDS:
            continue
        loc = ("site", "nodes", k, "elevation_m")
        named = _level_elevation(n.level)
        if named is not None and abs(n.elevation_m - named) > LEVEL_LABEL_TOLERANCE_M:
            out.append(doc.problem(loc, f"{n.elevation_m:g} m is not plausible on level {n.level!r}: its places lie "
                                        f"within about {LEVEL_LABEL_TOLERANCE_M:g} m of {named:g} m (one level "
                                        "interval). A slip of sign or digits?"))
        elif top is not None and n.elevation_m > top + ABOVE_WAYS_OUT_M:
            out.append(doc.problem(loc, f"{n.elevation_m:g} m is not plausible for a {n.kind} underground: it is "
                                        f"{n.elevation_m - top:g} m above the highest way out ({top:g} m); "
                                        f"workings rise at most a few hundred metres above an adit. A slip of sign?"))
        elif n.level is not None and (other := _other_level(n.level, n.elevation_m, levels)) is not None:
            lv, lv_m, own_m = other
            out.append(doc.problem(("site", "nodes", k, "level"), (
                f"{n.id!r} at {n.elevation_m:g} m lies with the places of level {lv!r} (about {lv_m:g} m), not with "
                f"those of its own level {n.level!r} (about {own_m:g} m): a slip in the level or the elevation?")))


def _other_level(level: str, elevation_m: float, levels: dict[str, list[float]]) -> tuple[str, float, float] | None:
    """The level whose places a place at ``elevation_m`` on ``level`` lies with rather than with its own level's
    other places (:data:`OTHER_LEVEL_SHARE`): that level, its median elevation and its own level's; None if it
    lies with its own, or its level has no other place to tell."""
    others = list(levels[level])
    others.remove(elevation_m)
    if not others:
        return None
    own_m = statistics.median(others)
    near = min(((abs(elevation_m - statistics.median(v)), lv) for lv, v in levels.items() if lv != level),
               default=None)
    if near is None or near[0] >= OTHER_LEVEL_SHARE * abs(elevation_m - own_m):
        return None
    return near[1], round(statistics.median(levels[near[1]]), 1), round(own_m, 1)


def _refuge_floors(site: SiteBody, doc: YamlDocument, out: list[Problem]) -> None:
    """Refuge chambers whose floor is less than :data:`REFUGE_FLOOR_ABOVE_ROADWAY_M` above a roadway their passages
    open off (the place at the other end): water in that roadway reaches the chamber sooner than the rule allows."""
    elevation = {n.id: n.elevation_m for n in site.nodes}
    for k, n in enumerate(site.nodes):
        if n.kind != "refuge":
            continue
        ends = [lk.to if lk.from_ == n.id else lk.from_ for lk in site.links if n.id in (lk.from_, lk.to)]
        ends = [e for e in ends if e in elevation]  # a link to a missing node is a validation problem
        if not ends:
            continue
        top = max(ends, key=lambda e: (elevation[e], e))
        above = n.elevation_m - elevation[top]
        if above < REFUGE_FLOOR_ABOVE_ROADWAY_M - 1e-9:
            out.append(doc.problem(("site", "nodes", k, "elevation_m"), (
                f"refuge {n.id!r} at {n.elevation_m:g} m is {above:.2f} m above {top!r} ({elevation[top]:g} m), the "
                f"roadway its passage opens off: a refuge's floor is at least {REFUGE_FLOOR_ABOVE_ROADWAY_M:g} m above "
                "the roadway floor (AQ 2033-2011 §5.3–5.5), and water in the roadway enters this one sooner. Give the "
                "chamber's surveyed floor, or raise it as the rule asks"), names=(n.id,)))


def _surface_graph(site: SiteBody) -> nx.Graph:
    """The site's places above ground joined by their passages, weighted by length: the ways the dam's flood takes
    (the shortest, as the flood estimate goes)."""
    surface = [n.id for n in site.nodes if n.kind not in UNDERGROUND_KINDS]
    g = nx.Graph()
    g.add_nodes_from(surface)
    g.add_weighted_edges_from(((lk.from_, lk.to, lk.length_m) for lk in site.links
                               if lk.from_ in g and lk.to in g), weight="length")
    return g


def _valley_heights(site: SiteBody, doc: YamlDocument, out: list[Problem]) -> None:
    """Places whose above_valley_floor_m is far below their height by elevation_m over the lowest place on their way
    from a dam, along the surface passages (the shortest way, as the flood estimate goes). The surveyed heights are
    read only once some place gives one (drills.inputs.compile), and then for every place."""
    if not site.dams or not any(n.above_valley_floor_m > 0 for n in site.nodes):
        return
    z = {n.id: n.elevation_m for n in site.nodes}
    g = _surface_graph(site)
    surface = set(g)
    warned = set()
    for d in site.dams:
        if d.node not in surface:
            continue  # a missing dam node is a validation problem
        ways = nx.single_source_dijkstra_path(g, d.node, weight="length")
        for k, n in enumerate(site.nodes):
            if n.id not in ways or n.id in warned:
                continue
            low = min(ways[n.id], key=lambda m: z[m])
            rise = z[n.id] - z[low]
            if rise - n.above_valley_floor_m > VALLEY_HEIGHT_SLACK_M:
                warned.add(n.id)
                given = "" if "above_valley_floor_m" in n.model_fields_set else " (left out)"
                out.append(doc.problem(("site", "nodes", k, "above_valley_floor_m"), (
                    f"above_valley_floor_m {n.above_valley_floor_m:g} m{given} is not plausible for {n.id!r}: its "
                    f"elevation_m ({z[n.id]:g} m) is {rise:g} m above {low!r} ({z[low]:g} m), the lowest place on its "
                    f"way from dam {d.id!r}, and the flood takes the height given here: it reaches {n.id!r} as if it "
                    f"stood {n.above_valley_floor_m:g} m above the valley floor. A value copied from another place?"),
                    names=(n.id,)))


def _lengths_on_map(site: SiteBody, doc: YamlDocument, out: list[Problem]) -> None:
    """Passages shorter than the straight line between their ends, where both ends are placed on the map."""
    placed = {n.id: (n.x_m, n.y_m, n.elevation_m) for n in site.nodes if {"x_m", "y_m"} & n.model_fields_set}
    for k, lk in enumerate(site.links):
        ends = placed.get(lk.from_), placed.get(lk.to)
        if ends[0] is None or ends[1] is None or LINK_LENGTH.outside(lk.length_m):
            continue  # a length out of all range is warned of once, as such
        line = math.dist(ends[0], ends[1])
        if lk.length_m < line - max(ON_MAP_SLACK_M, ON_MAP_SLACK_SHARE * line):
            out.append(doc.problem(("site", "links", k, "length_m"), (
                f"{lk.length_m:g} m is not plausible for a {lk.kind}: its ends {lk.from_!r} and {lk.to!r} are "
                f"{line:.0f} m apart in a straight line (their x_m, y_m and elevation_m), and no passage is shorter. "
                "A slip of digits, or a place drawn in the wrong spot?")))


def _stations(site: SiteBody, doc: YamlDocument, out: list[Problem]) -> None:
    """Hoist stations listed out of order (collar first, then downwards) or below the bottom of their shaft."""
    elevation = {n.id: n.elevation_m for n in site.nodes}
    shafts = [(lk.from_, lk.to) for lk in site.links if lk.kind == "shaft"]
    for k, h in enumerate(site.hoists):
        if not all(s in elevation for s in h.stations):
            continue  # a missing node is a validation problem, reported by the site's checks
        reached = {h.stations[0]}  # the places the shaft links join to the collar
        grew = True
        while grew:
            new = {b for a, b in shafts if a in reached} | {a for a, b in shafts if b in reached}
            grew = not new <= reached
            reached |= new
        bottom = min(elevation[n] for n in reached) if len(reached) > 1 else None
        for j in range(1, len(h.stations)):
            s, above = h.stations[j], h.stations[j - 1]
            loc = ("site", "hoists", k, "stations", j)
            if elevation[s] >= elevation[above]:
                out.append(doc.problem(loc, f"{s!r} at {elevation[s]:g} m is not plausible after {above!r} at "
                                            f"{elevation[above]:g} m: stations are listed from the collar "
                                            "downwards. A slip in the order?"))
            elif bottom is not None and elevation[s] < bottom - 1.0:
                out.append(doc.problem(loc, f"{s!r} at {elevation[s]:g} m is not plausible: it is below the bottom "
                                            f"of the shaft ({bottom:g} m, the lowest place its shaft links reach). "
                                            "A slip of digits, or a shaft link left out?"))


def _delay(check: _Checker, loc: Loc, value: Any, bound: Bound = DELAY) -> None:
    """A delay (a number or a distribution), checked by its median."""
    if value is None:
        return
    check(loc, dist_or_number(value).median, bound, "" if isinstance(value, int | float) else "a median")


def plan_warnings(plan: PlanBody, doc: YamlDocument, order: OrderSpec | None = None) -> list[Problem]:
    """The plausibility warnings of a plan file (``order``: the evacuation order a scenario run with it gives
    itself, if any)."""
    out: list[Problem] = []
    check = _Checker(doc, out)
    p = ("plan",)
    for k, r in enumerate(plan.roles):
        _delay(check, (*p, "roles", k, "decision_delay_s"), r.decision_delay_s)
        _delay(check, (*p, "roles", k, "handover_s"), r.handover_s)
    for k, t in enumerate(plan.warning.triggers):
        _delay(check, (*p, "warning", "triggers", k, "detection_delay_s"), t.detection_delay_s)
    for k, c in enumerate(plan.channels):
        at = (*p, "channels", k)
        _delay(check, (*at, "activation_delay_s"), c.activation_delay_s)
        _delay(check, (*at, "call_duration_s"), c.call_duration_s, PER_CALL)
        _delay(check, (*at, "visit_s"), c.visit_s, PER_CALL)
        if c.speed_kmh is not None:
            check((*at, "speed_kmh"), c.speed_kmh, VEHICLE_SPEED, "a vehicle speed")
        if c.audible_radius_m is not None:
            check((*at, "audible_radius_m"), c.audible_radius_m, AUDIBLE_RADIUS, "a hearing radius")
        if c.air_speed_mps is not None:
            check((*at, "air_speed_mps"), c.air_speed_mps, AIR_SPEED, "an air speed")
    for k, team in enumerate(plan.teams):
        _delay(check, (*p, "teams", k, "mobilisation_s"), team.mobilisation_s)
    out.extend(_unsent(plan, doc, order))
    return out


#: the evacuation order each audience's channels carry, as the plan's steps name it
ORDER_OF = {True: "evacuate_downstream", False: "evacuate_underground"}


def _unsent(plan: PlanBody, doc: YamlDocument, given: OrderSpec | None) -> list[Problem]:
    """A channel no step sends: where every step giving its audience's evacuation order names the channels it
    starts and none names this one, the channel is never switched on (a step that names none starts them all).
    A scenario that gives the order itself (``given``) may switch it on in its drill, which then says so: the
    plan's own triggers still would not."""
    steps = [a for acts in plan.warning.actions_by_level.values() for a in acts]
    out = []
    for k, c in enumerate(plan.channels):
        order = ORDER_OF[c.public]
        giving = [a for a in steps if a.action == order]
        if giving and all(a.channels is not None and c.id not in a.channels for a in giving):
            out.append(doc.problem(("plan", "channels", k, "id"), (
                f"no step sends channel {c.id!r}: every step giving {order} names the channels it starts "
                "(plan.warning.actions_by_level[...].channels) and none names this one, so it is never switched "
                "on. Should a step name it?" + _sent_by_scenario(c.id, given))))
    return out


def _sent_by_scenario(channel: str, order: OrderSpec | None) -> str:
    """The clause telling that the scenario's own order switches on a channel the plan's steps never do."""
    if order is None or (order.channels is not None and channel not in order.channels):
        return ""
    return (f" (In this drill the scenario's own order, scenario.order at {order.at_s:g} s, switches it on; when the "
            "plan's triggers give the order, nothing does.)")


def scenario_warnings(scen: ScenarioBody, doc: YamlDocument) -> list[Problem]:
    """The plausibility warnings of a scenario file."""
    out: list[Problem] = []
    check = _Checker(doc, out)
    s = ("scenario",)
    check((*s, "duration_s"), scen.duration_s, DURATION, "a drill")
    _time_of_day(scen, doc, out)
    b = scen.behaviour
    for profile, q in b.response_delay_s.items():
        _delay(check, (*s, "behaviour", "response_delay_s", profile), q)
    _delay(check, (*s, "behaviour", "crew_relay_s"), b.crew_relay_s)
    _delay(check, (*s, "behaviour", "neighbour_relay_s"), b.neighbour_relay_s)
    inr = scen.hazard.inrush
    if inr is not None:
        for k, pt in enumerate(inr.hydrograph):
            check((*s, "hazard", "inrush", "hydrograph", k, "inflow_m3ph"), pt.inflow_m3ph, INRUSH_INFLOW,
                  "an inflow")
        peak_at, peak = max(enumerate(pt.inflow_m3ph for pt in inr.hydrograph), key=lambda kv: kv[1])
        if 0 < peak < INRUSH_PEAK_LOW_M3PH:
            out.append(doc.problem((*s, "hazard", "inrush", "hydrograph", peak_at, "inflow_m3ph"), (
                f"a peak inflow of {peak:g} m³/h is below the smallest class of inrush point (小突水点, up to "
                f"{INRUSH_PEAK_LOW_M3PH:g} m³/h, 煤矿防治水细则); it looks like m³/s: {peak:g} m³/s is "
                f"{peak * 3600:g} m³/h")))
        _after_the_end(doc, out, (*s, "hazard", "inrush", "start_s"), "inrush", inr.start_s, scen.duration_s)
        if all(pt.inflow_m3ph == 0 for pt in inr.hydrograph):
            out.append(doc.problem((*s, "hazard", "inrush", "hydrograph"), "the inflow is 0 throughout: no water comes "
                                   "in, so the grade says nothing of the evacuation ahead of it"))
        _no_water(doc, out, (*s, "hazard", "inrush", "inflow_factor"), inr.inflow_factor)
    rain = scen.hazard.storm
    if rain is not None and rain.observed:
        _after_the_end(doc, out, (*s, "hazard", "storm", "observed", 0, "t_s"), "rain", rain.observed[0].t_s,
                       scen.duration_s)
    elif rain is not None and rain.design is not None:
        _after_the_end(doc, out, (*s, "hazard", "storm", "design", "start_s"), "rain", rain.design.start_s,
                       scen.duration_s)
    db = scen.hazard.dam_break
    if db is not None:
        _no_water(doc, out, (*s, "hazard", "dam_break", "volume_factor"), db.volume_factor)
    if db is not None and db.breach_s is not None:
        _after_the_end(doc, out, (*s, "hazard", "dam_break", "breach_s"), "breach", db.breach_s, scen.duration_s)
    if scen.order is not None:
        _after_the_end(doc, out, (*s, "order", "at_s"), "order", scen.order.at_s, scen.duration_s)
    for k, f in enumerate(scen.faults):
        _after_the_end(doc, out, (*s, "faults", k, "at_s"), "fault", f.at_s, scen.duration_s)
    for k, e in enumerate(scen.entries):
        _after_the_end(doc, out, (*s, "entries", k, "at_s"), "entry", e.at_s, scen.duration_s)
    return out


def _time_of_day(scen: ScenarioBody, doc: YamlDocument, out: list[Problem]) -> None:
    """A time_of_day written against the clock of start_time: day for a start in the night, night for one in school
    and working hours. Who is at home, at school and at work is counted by it."""
    if "time_of_day" not in scen.model_fields_set:
        return  # taken from the clock (drills.inputs.scenario.day_or_night)
    hour = scen.start_time.hour
    at_night = day_or_night(scen.start_time) == "night"
    by_day = DAY_HOURS[0] <= hour < DAY_HOURS[1]
    if (scen.time_of_day == "day" and at_night) or (scen.time_of_day == "night" and by_day):
        other = "night" if scen.time_of_day == "day" else "day"
        clock = scen.start_time.strftime("%H:%M")
        out.append(doc.problem(("scenario", "time_of_day"), (
            f"time_of_day {scen.time_of_day} is not plausible for a start at {clock} (start_time; night is "
            f"22:00–06:00, day 08:00–18:00): the drill counts the people at home, at school and at work by "
            f"{scen.time_of_day}. Is it {other}, or is start_time a slip?")))


#: what a scripted event that comes after the drill ends leaves out
AFTER_THE_END = {
    "breach": "no one meets the water, so the grade says nothing of the evacuation ahead of it",
    "inrush": "no one meets the water, so the grade says nothing of the evacuation ahead of it",
    "order": "it is never given",
    "fault": "it tests nothing",
    "entry": "that shift never goes down",
    "rain": "no rain falls during the drill, so it tests nothing of the flood season",
}


def _no_water(doc: YamlDocument, out: list[Problem], loc: Loc, factor: Any) -> None:
    """A factor on the water whose median is 0: in most replications (or all) no water comes at all."""
    if float(dist_or_number(factor).median) == 0:
        median = "" if isinstance(factor, int | float) else " (median)"
        out.append(doc.problem(loc, f"a factor of 0{median} on the water: no water comes, so the grade says nothing "
                                    "of the evacuation ahead of it"))


def _after_the_end(doc: YamlDocument, out: list[Problem], loc: Loc, what: str, when: Any, duration_s: float) -> None:
    """A scripted event that comes after the drill ends (a median time, for a distribution): a hazard no one meets
    grades a plan on nothing, and a fault, order or shift after the end is not in the drill at all."""
    t = float(dist_or_number(when).median)
    if t >= duration_s:
        median = "" if isinstance(when, int | float) else " (median)"
        out.append(doc.problem(loc, f"the {what} at {t:g} s{median} comes after the drill ends at duration_s "
                                    f"{duration_s:g} s: {AFTER_THE_END[what]}"))


def released_warnings(scen: ScenarioBody, site: SiteBody, doc: YamlDocument) -> list[Problem]:
    """A dam break's volume_factor (its median) that makes the built-in estimate release more than the pond stores.

    The factor multiplies the stored volume the estimate starts from (:class:`drills.model.dam_break.FloodRecipe`),
    and the released volume follows by the scenario's relation; it cannot exceed what the pond holds, V_F ≤ V_T,
    which every failure of Rico et al. 2008 and Concha Larrauri & Lall 2018 obeys by definition. With either
    relation that takes a factor above 2.5–4.5 (by the pond's size; a percentage, 100 for 1, is far above it)."""
    db = scen.hazard.dam_break
    dam = next((d for d in site.dams if db is not None and d.id == db.dam), None)
    if db is None or dam is None or db.study is not None:
        return []  # with a study the factor is not used
    factor = float(dist_or_number(db.volume_factor).median)
    if factor <= 1 or DAM_VOLUME.outside(dam.stored_volume_m3) or DAM_HEIGHT.outside(dam.height_m):
        return []  # a factor of 1 or less releases what the relation does; a slip in the dam is warned of as such
    released = estimate_runout(dam.height_m, dam.stored_volume_m3 * factor, relation=db.runout_relation)
    if released.released_volume_m3 <= dam.stored_volume_m3:
        return []
    median = "" if isinstance(db.volume_factor, int | float) else " (median)"
    return [doc.problem(("scenario", "hazard", "dam_break", "volume_factor"), (
        f"a volume_factor of {factor:g}{median} is not plausible: the flow would release "
        f"{released.released_volume_m3 / 1e6:.3g} Mm³, more than the {dam.stored_volume_m3 / 1e6:.3g} Mm³ dam "
        f"{dam.id!r} stores (the factor multiplies the estimate's stored volume; 1 is the estimate itself). Is it "
        "written as a percentage?"))]


def study_warnings(scen: ScenarioBody, site: SiteBody, doc: YamlDocument) -> list[Problem]:
    """Values of a hydraulic study that cannot be right, at their line and column of the study, and the places where
    people are that the study leaves out (the drill takes them as never flooded).

    A front slower on average from the dam than the slowest mean recorded, 1.6 km/h over 600 km of the Rio Doce
    (Fundão 2015; :data:`drills.model.dam_break.FRONT_FLOOR_MPS`), is most likely an arrival in seconds written in the
    minutes column; the distance is the shortest way along the site's surface passages, no shorter than the
    valley's. A peak depth above the dam's height is one no flow from the pond reaches [P]: the pond stands at most a
    dam's height above its toe, and the flow released from it spreads out below (the estimate's deepest is twice its
    mean depth, at the dam: drills.model.dam_break), so it is a slip of units or digits."""
    db = scen.hazard.dam_break
    dam = next((d for d in site.dams if db is not None and d.id == db.dam), None)
    if db is None or db.study is None or dam is None:
        return []
    path = Path(db.study) if Path(db.study).is_absolute() else doc.path.parent / db.study
    nodes = {n.id: n for n in site.nodes}
    try:
        rows = load_hydraulic_study(path, nodes)
    except InputError:
        return []  # the study's own problems, told by the checks
    g = _surface_graph(site)
    surface = set(g)
    far = nx.single_source_dijkstra_path_length(g, dam.node, weight="length") if dam.node in g else {}
    out = []
    for r in rows:
        if r.place in far and r.arrival_min > 0 and far[r.place] / (r.arrival_min * 60.0) < FRONT_FLOOR_MPS:
            speed = far[r.place] / (r.arrival_min * 60.0)
            out.append(Problem(str(path), r.line, "arrival_min", (
                f"an arrival at {r.arrival_min:g} min is not plausible for {r.place!r}, {far[r.place]:.0f} m from dam "
                f"{dam.id!r} along the site's passages: the front would move at {speed:.2g} m/s, slower than the "
                f"slowest mean recorded ({FRONT_FLOOR_MPS:.2f} m/s, 1.6 km/h over 600 km of the Rio Doce, Fundão "
                "2015). Seconds written in the minutes column?")))
        if r.peak_depth_m > dam.height_m:
            out.append(Problem(str(path), r.line, "peak_depth_m", (
                f"a peak depth of {r.peak_depth_m:g} m is not plausible for {r.place!r}: dam {dam.id!r} is "
                f"{dam.height_m:g} m high, and the flow from its pond stands no higher below it. A slip of units "
                "or digits?")))
    studied = {r.place for r in rows}
    people: dict[str, int] = {}
    for res in site.residents:
        people[res.at] = people.get(res.at, 0) + present(res, scen.time_of_day)
    for place, n in people.items():
        if n > 0 and place not in studied and place in surface:
            out.append(doc.problem(("scenario", "hazard", "dam_break", "study"), (
                f"the study has no row for {place!r}, where {n} people are by {scen.time_of_day} (site.residents): "
                "the drill takes it as never flooded. Is it dry in the study, or was its row left out?"),
                names=(place,)))
    return out


def series_warnings(scen: ScenarioBody, plan: PlanBody, doc: YamlDocument) -> list[Problem]:
    """Readings of a monitored point (scenario.hazard.monitor_series) that no monitoring item of the plan has: nothing
    reads them, and the point the planner meant, probably its id with a slip, gets its values elsewhere or none."""
    known = [pt.id for item in plan.warning.monitoring.items for pt in item.points]
    out = []
    for point in scen.hazard.monitor_series:
        if point not in known:
            out.append(doc.problem(("scenario", "hazard", "monitor_series", point),
                                   f"no monitoring point {point!r} in the plan: these readings are read by nothing; "
                                   f"known: {', '.join(known) or 'none'}" + did_you_mean(point, known),
                                   names=(point,)))
    return out


def _downhill(scen: ScenarioBody, site: SiteBody) -> tuple[float, dict[str, float], nx.Graph] | None:
    """Where an inrush's water runs without rising above its source (:func:`drills.model.running.low_graph`): its
    elevation, every node's, and the passages joining the places it reaches so; None without an inrush at a known
    node."""
    inr = scen.hazard.inrush
    elevation = {n.id: n.elevation_m for n in site.nodes}
    if inr is None or inr.source not in elevation:
        return None
    return elevation[inr.source], elevation, low_graph(inr.source, elevation, _passages(site))


def _passages(site: SiteBody) -> list[tuple[str, str, float, Any]]:
    return [(lk.from_, lk.to, lk.length_m, lk) for lk in site.links]


def _way_out(site: SiteBody, top: float, elevation: dict[str, float], low: nx.Graph) -> str | None:
    """The lowest opening to the surface below the source that its water runs down to (None: none)."""
    return way_out(low, top, elevation, {n.id: n.kind for n in site.nodes})


def drains_out(scen: ScenarioBody, site: SiteBody, doc: YamlDocument) -> list[Problem]:
    """An inrush whose water runs down to an opening to the surface below its source (an adit mine's portal
    under an old working): the pool of the drill's water model (:mod:`drills.model.inrush`) here runs out of that
    opening, so the only water above it is what runs down the way (:mod:`drills.model.running`)."""
    way = _downhill(scen, site)
    if way is None:
        return []
    top, elevation, low = way
    way_out = _way_out(site, top, elevation, low)
    if way_out is None:
        return []
    inr = scen.hazard.inrush
    assert inr is not None
    z = elevation[way_out]
    return [doc.problem(("scenario", "hazard", "inrush", "source"), (
        f"the water from {inr.source!r} ({top:g} m) runs down to {way_out!r} ({z:g} m) and out of the mine: no water "
        "pools above that opening, so the drill shows water only along the way down to it (the water running "
        "along the drifts, decimetres deep in an inrush) and below it; is the source, or the opening, where it "
        "should be?"), names=(inr.source, way_out))]


def running_water(scen: ScenarioBody, site: SiteBody) -> RunningWater | None:
    """Where an inrush's water, on its way down from its source to the lowest place it reaches (or out of the mine),
    runs along passages deep or fast enough to stop people at the peak inflow as written: depth × velocity (the
    flow per metre of width) at least the one that sweeps people off their feet, or deeper than anyone wades, by
    Manning's formula (:func:`drills.model.running.running_depth_m`). The drill holds that water
    (:mod:`drills.model.running`); the scorecard says beneath it where it stops people, and from when at the
    source. The way is the shortest one down (:func:`drills.model.running.way_down`); None where the water stops
    no one on it."""
    inr = scen.hazard.inrush
    elevation = {n.id: n.elevation_m for n in site.nodes}
    if inr is None or inr.source not in elevation:
        return None
    path, links = way_down(inr.source, elevation, {n.id: n.kind for n in site.nodes}, _passages(site))
    if not links:
        return None
    end = path[-1]
    points = [(pt.t_s, pt.inflow_m3ph / 3600) for pt in inr.hydrograph]
    peak = max(q for _, q in points)
    rows = []
    for a, b, lk in zip(path, path[1:], links, strict=False):
        if lk.kind not in RUNNING_KINDS:
            continue
        gradient = abs(elevation[a] - elevation[b]) / lk.length_m
        depth = running_depth_m(peak, lk.width_m, gradient)
        stops = min(SWEPT_OFF_DV_M2PS * lk.width_m, running_flow_m3ps(WADING_LIMIT_M, lk.width_m, gradient))
        if peak >= stops:
            rows.append((lk.id, depth, peak / (lk.width_m * depth), _first_reaching(points, stops), peak / lk.width_m))
    if not rows:
        return None
    return RunningWater(inr.source, end, peak * 3600, tuple(r[:4] for r in rows), max(r[4] for r in rows))


def _first_reaching(points: list[tuple[float, float]], flow: float) -> float:
    """The first time the piecewise-linear hydrograph ``points`` (time, m³/s) reaches ``flow`` (it does)."""
    t0, q0 = points[0]
    if q0 >= flow:
        return t0
    for t1, q1 in points[1:]:
        if q1 >= flow:
            return t0 + (t1 - t0) * (flow - q0) / (q1 - q0)
        t0, q0 = t1, q1
    return math.inf


def route_warnings(plan: PlanBody, doc: YamlDocument, site: SiteBody, inrush_at: str | None = None) -> list[Problem]:
    """Routes that lead people the wrong way, as they are followed (:func:`drills.model.routing.join_at`): the people
    of a starting place off the path who join it at a place farther from its end than they start (the path's place
    nearest them lies behind them: they walk away from the way out to join it), a path that leads people through
    ``inrush_at``, where the scenario's water bursts in (they are led towards the water by the plan itself), and a
    route that ends at an assembly point the plan does not list (the report checks only the listed ones)."""
    nodes = {n.id for n in site.nodes}
    kinds = {n.id: n.kind for n in site.nodes}
    g = walk_graph(site, nodes)
    out = []
    for k, route in enumerate(plan.evacuation.routes):
        base = ("plan", "evacuation", "routes", k)
        if not set(route.path) | set(route.from_) <= nodes:
            continue  # a missing place is a validation problem
        # how far each place is from the route's end, gone the way the route goes: on foot, or riding too
        rides = any(g.has_edge(u, v) and g[u][v]["hoist"] is not None for u, v in itertools.pairwise(route.path))
        to_end = nx.single_source_dijkstra_path_length(g.reverse(copy=False), route.path[-1],
                                                       weight="length" if rides else on_foot)
        through = []
        for j, n in enumerate(route.from_):
            joined = join_at(g, n, route.path)
            if joined is None:
                continue  # a validation problem
            i, lead = joined
            if inrush_at in route.path[i + 1:]:
                through.append(n)
            at = route.path[i]
            if lead[1:] and to_end.get(at, math.inf) > to_end.get(n, math.inf) + 1.0:
                walk = sum(g[u][v]["length"] for u, v in itertools.pairwise(lead))
                out.append(doc.problem((*base, "from", j), (
                    f"the people at {n!r} join this route at {at!r}, the place of its path nearest them ({walk:g} m), "
                    f"which lies farther from its end {route.path[-1]!r} than they start ({to_end[at]:g} m against "
                    f"{to_end[n]:g} m): they walk away from the way out to join it. Should the path pass nearer "
                    "them, or they have a route of their own?")))
        end = route.path[-1] if route.path else None
        if end in kinds and kinds[end] == "assembly_point" and end not in plan.evacuation.assembly_points:
            out.append(doc.problem((*base, "path", len(route.path) - 1), (
                f"the route ends at assembly point {end!r}, which the plan does not list "
                "(plan.evacuation.assembly_points): the report's checks of the plan's assembly points (the water "
                "reaching them) pass it by. Should it be listed?")))
        if through and inrush_at is not None:
            places = ", ".join(repr(n) for n in through)
            out.append(doc.problem((*base, "path", route.path.index(inrush_at)), (
                f"the route leads the people at {places} through {inrush_at!r}, where the scenario's inrush bursts in "
                "(scenario.hazard.inrush.source): the plan sends them towards the water. Is the path written the "
                "wrong way round, or the source misplaced?")))
    return out


#: channels that go to the households at each place of their coverage: a place where no one lives gets nothing
HOUSEHOLD_CHANNELS = {"door_to_door": "the door-to-door team", "phone_tree": "the phone tree"}


def coverage_warnings(plan: PlanBody, doc: YamlDocument, site: SiteBody) -> list[Problem]:
    """A door-to-door team or a phone tree whose coverage names a place of the site where no residents live (an
    assembly point, a junction): the team knocks at no door there and the callers have no number to call, so a
    place meant to be warned may have been named wrongly."""
    kinds = {n.id: n.kind for n in site.nodes}
    lived = {r.at for r in site.residents}
    out = []
    for k, c in enumerate(plan.channels):
        what = HOUSEHOLD_CHANNELS.get(c.type)
        if what is None:
            continue
        for j, place in enumerate(c.coverage):
            if place in kinds and place not in lived:
                out.append(doc.problem(("plan", "channels", k, "coverage", j), (
                    f"{what} {c.id!r} is to reach the households at {place!r} (kind: {kinds[place]}), where no "
                    "residents live (site.residents): nobody there is warned by it. Was another place meant?")))
    return out


#: channels that go from their start to each place of their coverage in turn, and the ways they go by
TRAVELLING = {"runner": ("the runner", "on foot or by cage"), "door_to_door": ("the door-to-door team", "on foot"),
              "loudspeaker_vehicle": ("the loudspeaker vehicle", "by road")}


def _travel_graph(site: SiteBody, nodes: Collection[str], kind: str) -> nx.DiGraph:
    """The ways a travelling channel of ``kind`` goes between the site's places, as the drill moves it
    (:mod:`drills.model.warning`): a vehicle by the roads; a door-to-door team by the walking graph; a runner by it
    and by every cage ride between two stations of a hoist, either way."""
    if kind == "loudspeaker_vehicle":
        g = nx.DiGraph()
        g.add_nodes_from(nodes)
        for lk in site.links:
            if lk.kind in DRIVABLE and lk.from_ in nodes and lk.to in nodes:
                g.add_edges_from(((lk.from_, lk.to),) if lk.one_way else ((lk.from_, lk.to), (lk.to, lk.from_)))
        return g
    g = walk_graph(site, nodes)
    if kind == "runner":
        for h in site.hoists:
            g.add_edges_from(itertools.permutations(h.stations, 2))
    return g


def travel_warnings(plan: PlanBody, doc: YamlDocument, site: SiteBody) -> list[Problem]:
    """A runner, a door-to-door team or a loudspeaker vehicle whose coverage names a place no way of its own leads
    to from the place before (a farm reached by a footpath, for the vehicle; a place across a river without a
    bridge): the drill passes over that place, and nobody there is warned by the channel."""
    nodes = {n.id for n in site.nodes}
    graphs: dict[str, nx.DiGraph] = {}
    out = []
    for k, c in enumerate(plan.channels):
        if c.type not in TRAVELLING or c.start is None or not {c.start, *c.coverage} <= nodes:
            continue  # a missing place is a validation problem
        what, how = TRAVELLING[c.type]
        g = graphs.get(c.type)
        if g is None:
            g = graphs[c.type] = _travel_graph(site, nodes, c.type)
        here = c.start
        for j, place in enumerate(c.coverage):
            if place != here and not nx.has_path(g, here, place):
                out.append(doc.problem(("plan", "channels", k, "coverage", j), (
                    f"{what} {c.id!r} cannot go from {here!r} to {place!r} {how}: it passes that place over, and "
                    "nobody there is warned by it. Is a way missing from the site, or another place meant?")))
                continue  # it goes on to the next place from where it is
            here = place
    return out


#: channels heard around the places of their coverage, within their audible_radius_m
SOUNDED = {"siren": "the siren", "village_loudspeaker": "the village loudspeaker"}


def _hearing(plan: PlanBody, doc: YamlDocument, site: SiteBody) -> list[Problem]:
    """A siren or village loudspeaker whose hearing radius reaches no place where residents live (a radius typed in
    the wrong unit, a pole at the wrong place): it warns nobody."""
    at = {n.id: (n.x_m, n.y_m) for n in site.nodes}
    lived = [at[r.at] for r in site.residents if r.at in at]
    out = []
    for k, c in enumerate(plan.channels):
        what = SOUNDED.get(c.type)
        radius = c.audible_radius_m
        if what is None or radius is None or not lived or not c.coverage or not set(c.coverage) <= set(at) \
                or AUDIBLE_RADIUS.outside(radius):  # a radius beyond the plausible range is warned of as such
            continue
        nearest = min(math.dist(at[pole], home) for pole in c.coverage for home in lived)
        if nearest > radius:
            poles = ", ".join(repr(pole) for pole in c.coverage)
            out.append(doc.problem(("plan", "channels", k, "audible_radius_m"), (
                f"{what} {c.id!r} is heard {radius:g} m around {poles}, but the nearest place where residents live "
                f"(site.residents) is {nearest:.0f} m away: it warns nobody. Is audible_radius_m, or the "
                "coverage, right?")))
    return out


def warnings_of(ld: Loaded) -> list[Problem]:
    """Every plausibility warning of a scenario with its site and plan, file by file, top to bottom."""
    found = [*scenario_warnings(ld.scenario, ld.scenario_doc), *series_warnings(ld.scenario, ld.plan, ld.scenario_doc),
             *released_warnings(ld.scenario, ld.site, ld.scenario_doc),
             *study_warnings(ld.scenario, ld.site, ld.scenario_doc),
             *drains_out(ld.scenario, ld.site, ld.scenario_doc),
             *site_warnings(ld.site, ld.site_doc, {ld.scenario.shift, *(e.shift for e in ld.scenario.entries)}),
             *plan_warnings(ld.plan, ld.plan_doc, ld.scenario.order),
             *coverage_warnings(ld.plan, ld.plan_doc, ld.site), *travel_warnings(ld.plan, ld.plan_doc, ld.site),
             *_hearing(ld.plan, ld.plan_doc, ld.site),
             *route_warnings(ld.plan, ld.plan_doc, ld.site, inrush.source if (inrush := ld.scenario.hazard.inrush)
                             else None)]
    return in_file_order(found)


__all__ = ["Bound", "coverage_warnings", "plan_warnings", "released_warnings", "route_warnings", "running_water",
           "scenario_warnings", "series_warnings", "site_warnings", "study_warnings", "travel_warnings", "warnings_of"]
