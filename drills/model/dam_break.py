"""Tailings dam break: when the flow reaches each place below the dam, how deep and how fast.

The flood tells, for every place and passage below the dam, how deep the water is at each moment and
when it first reaches a given depth (from the scenario start; never, if it does not come there), as the
inrush does underground, and how fast it flows and how deep it gets at most, which the lethality rule
reads. It is built either from the planner's hydraulic study (the scenario's study file) or from the
screening estimate below. A study always beats the estimate; the estimate is there so a
drill can run before a study exists, and every constant in it is labelled.

Provenance tags: [V] read in a copy of the source named, [K] from the literature named, as known to the
project's authors, the number not re-read in the source, [E] the project's own choice.

Released volume and runout:

* Rico et al. 2008, *J. Hazard. Mater.* 154:79–87, 28 cases: V_F = 0.354·V_T^1.01 and
  D_max = 14.45·H_f^0.76, dam factor H_f = H·(V_F/V_T)·V_F; H in m, volumes in Mm³, D_max in km
  [K] — coefficients as recalled by the project's authors; the paper itself was not checked for them.
  The fit of D_max is loose (r² = 0.57 as stated in the paper's abstract, read in a copy, against
  0.86 for V_F [K]) and long: for example, 115 km for a pond with a 40 m dam holding 3 Mm³.
* Concha Larrauri & Lall 2018, *Environments* 5(2):28: log V_F = −0.477 + 0.954·log V_T and
  log D_max = 0.484 + 0.545·log H_f [K coefficients] — a scenario's default (its ``runout_relation``; the
  Rico relation is the other choice), 12 km for that example pond; title and abstract read [V], coefficients not
  checked against the paper.
  The paper's main point, using the full conditional uncertainty distribution rather than the point
  fit, is not implemented: the project did not have its spread.

Front speed, ``v(x) = max(v0 / (1 + x/L), v_min)`` (hyperbolic decay with a floor), integrated
exactly: ``t(x) = x/v0 + x²/(2·v0·L)`` up to the floor, then at ``v_min``:

* ``v0`` = **35 m/s** [E, calibrated]: with L below, the front covers 413 m in 13.0 s, the
  Brumadinho B1 video figure (413 m in 13 s ≈ 114 km/h; Estado de Minas, 12 Jul 2019 [V]).
* ``L`` = **2 km** [E]: the speed is 28 m/s at 0.5 km and 17.5 m/s at 2 km, inside the project's rule
  of thumb "10–30 m/s for the first 0.5–2 km, then decaying" (its own reading of the Brumadinho
  figures [E], not a published rule); it falls to 80 km/h (the Brumadinho fire brigade's "up to
  80 km/h", R7/Folha 2019 [V]) at about 1.2 km.
* ``v_min`` = **1.6 km/h** (0.44 m/s): the Fundão 2015 mean over 600 km of the Rio Doce (16 days,
  Al Jazeera 2016 [V]). With the floor the model takes 13.6 days for those 600 km.
* Loose cross-checks, not fits: Malpasset 1959 (a water dam, [K]) reached Fréjus, about 10–12 km,
  in about 20 min — the model gives 19.6 min at 11 km; Bento Rodrigues was swept "in eight minutes"
  (title only, [V]) — the model gives 7 min at 6 km.

Peak depth [E]: the inundated area follows Ghahramani et al. 2020 (*NHESS* 20:3425), A = c·V_F^(2/3)
[V form; c not retrieved]. We take **c = 60** [E], between the lahar (200, Iverson et al. 1998) and
non-volcanic debris-flow (20, Griswold & Iverson 2008) coefficients [K], where that paper's abstract
places tailings flows ("less mobile than lahars but more mobile than non-volcanic debris flows"). The
mean depth is then V_F/A = V_F^(1/3)/c, and the valley-floor depth thins linearly from twice the mean
at the dam to nothing at the runout limit — the shape that keeps the volume V_F in a valley of
constant width A/D_max (project choice). Peak velocity is the front speed (in the dry-bed dam-break
solution the tip moves with the fluid; Ritter 1892 [K]) [E].

Places off the valley floor [E]: distances are shortest paths over the site's links from the dam
node (Dijkstra on link lengths). A place's depth is the valley depth less its height above the lowest
point on its route (or less its surveyed height above the valley floor, when the planner gives one);
the flow does not pass a place it cannot reach (so it does not cross a ridge the site's roads climb).
Velocity there scales as (depth / valley depth)^(2/3), Manning's law at equal slope and roughness [K].
A place beyond the runout limit, or not reached, is never flooded.

Rise [E]: depth and velocity rise linearly from the arrival to their peak over ``rise_s``, default
**60 s** — a tailings flow arrives as a steep front (the Brumadinho videos) and the project found no
published rise time. Depths never recede within a drill, as in the mine's water model.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from drills.model.network import Network

# --- released volume and runout ----------------------------------------------------------------------
RICO_VF_COEF = 0.354  # [K] Rico et al. 2008
RICO_VF_EXP = 1.01  # [K]
RICO_D_COEF_KM = 14.45  # [K]
RICO_D_EXP = 0.76  # [K]
LL_VF_LOG_INTERCEPT = -0.477  # [K] Concha Larrauri & Lall 2018
LL_VF_LOG_SLOPE = 0.954  # [K]
LL_D_LOG_INTERCEPT = 0.484  # [K]
LL_D_LOG_SLOPE = 0.545  # [K]
RELATIONS = ("rico2008", "larrauri_lall2018")

# --- front speed ------------------------------------------------------------------------------------
FRONT_SPEED_AT_DAM_MPS = 35.0  # [E] calibrated to Brumadinho 413 m in 13 s [V]
FRONT_DECAY_LENGTH_M = 2000.0  # [E] within the 10–30 m/s rule of thumb over 0.5–2 km
FRONT_FLOOR_MPS = 1.6 / 3.6  # [V] Fundão 2015 mean, 600 km in 16 days ≈ 1.6 km/h

# --- depth and rise -----------------------------------------------------------------------------
AREA_COEFFICIENT = 60.0  # [E] c in A = c·V^(2/3) (Ghahramani et al. 2020 form [V]; c not retrieved)
DEFAULT_RISE_S = 60.0  # [E] steep tailings front; no published rise time found
MANNING_DEPTH_EXP = 2.0 / 3.0  # [K] Manning: velocity ∝ depth^(2/3) at equal slope and roughness


def rico_released_volume_mm3(stored_mm3: float) -> float:
    """Released volume V_F (Mm³) from the stored volume V_T (Mm³), Rico et al. 2008 [K]."""
    return RICO_VF_COEF * stored_mm3**RICO_VF_EXP


def dam_factor(dam_height_m: float, stored_mm3: float, released_mm3: float) -> float:
    """Rico et al.'s dam factor H_f = H·(V_F/V_T)·V_F (m·Mm³) [K]."""
    return dam_height_m * (released_mm3 / stored_mm3) * released_mm3


def rico_runout_km(factor: float) -> float:
    """Maximum runout D_max (km) from the dam factor H_f, Rico et al. 2008 [K]."""
    return RICO_D_COEF_KM * factor**RICO_D_EXP


def larrauri_lall_released_volume_mm3(stored_mm3: float) -> float:
    """Released volume V_F (Mm³), Concha Larrauri & Lall 2018 point fit [K]."""
    return 10.0 ** (LL_VF_LOG_INTERCEPT + LL_VF_LOG_SLOPE * math.log10(stored_mm3))


def larrauri_lall_runout_km(factor: float) -> float:
    """Maximum runout D_max (km) from the dam factor H_f, Concha Larrauri & Lall 2018 point fit [K]."""
    return 10.0 ** (LL_D_LOG_INTERCEPT + LL_D_LOG_SLOPE * math.log10(factor))


@dataclass(frozen=True)
class RunoutEstimate:
    """The screening estimate for one dam, kept so a report can show where its numbers came from.

    Attributes:
        relation: ``"rico2008"`` or ``"larrauri_lall2018"``.
        dam_height_m: H.
        stored_volume_m3: V_T.
        released_volume_m3: V_F.
        dam_factor: H_f in m·Mm³.
        runout_m: D_max.
        area_coefficient: c in A = c·V_F^(2/3).
        inundated_area_m2: A.
        mean_depth_m: V_F / A.
    """

    relation: str
    dam_height_m: float
    stored_volume_m3: float
    released_volume_m3: float
    dam_factor: float
    runout_m: float
    area_coefficient: float
    inundated_area_m2: float
    mean_depth_m: float

    def valley_depth_m(self, distance_m: float) -> float:
        """Peak depth on the valley floor ``distance_m`` below the dam: 2·mean, thinning to 0 at D_max."""
        if not distance_m < self.runout_m:
            return 0.0
        return 2.0 * self.mean_depth_m * (1.0 - max(distance_m, 0.0) / self.runout_m)


def estimate_runout(
    dam_height_m: float,
    stored_volume_m3: float,
    *,
    relation: str,
    area_coefficient: float = AREA_COEFFICIENT,
) -> RunoutEstimate:
    """Released volume, runout and mean depth of a tailings flow from the dam's height and volume.

    Args:
        dam_height_m: dam height H.
        stored_volume_m3: stored tailings volume V_T.
        relation: ``"rico2008"`` or ``"larrauri_lall2018"``; no default here, so that every caller names the
            relation it means (a scenario's default is Concha Larrauri & Lall 2018, the shorter runout).
        area_coefficient: c in A = c·V_F^(2/3) [E].

    Raises:
        ValueError: a non-positive input or an unknown relation.
    """
    if not (dam_height_m > 0 and stored_volume_m3 > 0 and area_coefficient > 0):
        raise ValueError("dam height, stored volume and area coefficient must be positive")
    vt = stored_volume_m3 / 1e6
    if relation == "rico2008":
        vf = rico_released_volume_mm3(vt)
        hf = dam_factor(dam_height_m, vt, vf)
        d_km = rico_runout_km(hf)
    elif relation == "larrauri_lall2018":
        vf = larrauri_lall_released_volume_mm3(vt)
        hf = dam_factor(dam_height_m, vt, vf)
        d_km = larrauri_lall_runout_km(hf)
    else:
        raise ValueError(f"unknown runout relation {relation!r}; use one of {RELATIONS}")
    v = vf * 1e6
    area = area_coefficient * v ** (2.0 / 3.0)
    return RunoutEstimate(
        relation, dam_height_m, stored_volume_m3, v, hf, d_km * 1000.0, area_coefficient, area, v / area
    )


@dataclass(frozen=True)
class FrontSpeed:
    """Front speed decaying with distance: v(x) = max(v0 / (1 + x/L), v_min).

    ``decay_m = inf`` gives a constant speed ``v0_mps`` (see :meth:`constant`).
    """

    v0_mps: float = FRONT_SPEED_AT_DAM_MPS
    decay_m: float = FRONT_DECAY_LENGTH_M
    floor_mps: float = FRONT_FLOOR_MPS

    def __post_init__(self) -> None:
        if not (self.v0_mps > 0 and self.decay_m > 0 and 0 < self.floor_mps <= self.v0_mps):
            raise ValueError("need v0 > 0, decay length > 0 and 0 < floor <= v0")

    @classmethod
    def constant(cls, speed_mps: float) -> FrontSpeed:
        """A front moving at one speed everywhere."""
        return cls(speed_mps, math.inf, speed_mps)

    @property
    def floor_from_m(self) -> float:
        """Distance beyond which the front moves at the floor speed."""
        if math.isinf(self.decay_m):
            return math.inf
        return self.decay_m * (self.v0_mps / self.floor_mps - 1.0)

    def speed_mps(self, distance_m: float | np.ndarray) -> np.ndarray:
        """Front speed at ``distance_m`` below the dam."""
        x = np.maximum(np.asarray(distance_m, dtype=float), 0.0)
        return np.maximum(self.v0_mps / (1.0 + x / self.decay_m), self.floor_mps)

    def travel_s(self, distance_m: float | np.ndarray) -> np.ndarray:
        """Time for the front to travel ``distance_m`` from the dam: ∫dx/v(x), exact (inf stays inf)."""
        x = np.maximum(np.asarray(distance_m, dtype=float), 0.0)
        xc = self.floor_from_m

        def decaying(s: np.ndarray | float) -> np.ndarray:
            s = np.asarray(s, dtype=float)
            if math.isinf(self.decay_m):
                return s / self.v0_mps
            return s / self.v0_mps + s * s / (2.0 * self.v0_mps * self.decay_m)

        with np.errstate(invalid="ignore"):
            beyond = decaying(xc) + (x - xc) / self.floor_mps if math.isfinite(xc) else x
            return np.where(x <= xc, decaying(np.minimum(x, xc)), beyond)


DEFAULT_FRONT = FrontSpeed()


def valley_routes(
    network: Network,
    source: int,
    valley_depth_m: Callable[[float], float] | None = None,
    heights_m: Sequence[float] | np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Shortest distance from ``source`` over the site's links, and each place's height above its route.

    Dijkstra on link lengths over ``network.water_adjacency``. The height is the place's elevation
    above the lowest point on its route from the dam, unless ``heights_m`` gives it per node (a
    planner's surveyed height above the valley floor). With ``valley_depth_m`` given, the flow passes
    on only from places it floods (valley depth at that distance greater than the height), so places
    behind a dry crest are reached only by another wet route, or never: a place dry by its shortest route is
    tried again by every longer one that passes lower ground, and takes the first that floods it.

    Returns:
        ``(distance_m, height_m)`` per node; ``inf`` distance where the flow does not go.
    """
    n = len(network.nodes)
    z = np.array([nd.elevation_m for nd in network.nodes], dtype=float)
    given = None if heights_m is None else _per_node(heights_m, n, "heights_m")
    dist = np.full(n, math.inf)
    height = np.zeros(n)
    wet = np.zeros(n, dtype=bool)  # settled: reached by a route the flow floods it on
    labels: list[list[tuple[float, float]]] = [[] for _ in range(n)]  # (distance, lowest point before) tried
    heap = [(0.0, source, float(z[source]))]
    while heap:
        d, i, low_before = heapq.heappop(heap)
        if wet[i]:
            continue
        low = min(low_before, z[i])
        h = z[i] - low if given is None else given[i]
        flooded = valley_depth_m is None or valley_depth_m(d) > h
        if flooded or math.isinf(dist[i]):  # the first wet route, else the shortest (dry) one
            dist[i], height[i] = d, h
        if not flooded:
            continue  # dry here: the flow goes no further this way (a longer route may still flood it)
        wet[i] = True
        for k, j in network.water_adjacency[i]:
            cand = d + network.links[k].length_m
            # a route to j is worth trying unless one already tried is as short and keeps j as low or lower
            if wet[j] or any(dj <= cand and lj >= low for dj, lj in labels[j]):
                continue
            labels[j].append((cand, low))
            heapq.heappush(heap, (cand, j, low))
    return dist, height


@dataclass(frozen=True)
class PlaceFlood:
    """One row of a flood table: a place and what the flow does there.

    Attributes:
        node: node id (str) or index (int).
        arrival_after_breach_s: when the front arrives, seconds after the breach.
        peak_depth_m: peak depth.
        peak_velocity_mps: peak velocity.
        rise_s: time from arrival to peak; ``None`` for the default.
    """

    node: int | str
    arrival_after_breach_s: float
    peak_depth_m: float
    peak_velocity_mps: float
    rise_s: float | None = None


def _frozen(values: Iterable[float] | np.ndarray) -> np.ndarray:
    a = np.array(values, dtype=float)
    a.flags.writeable = False
    return a


@dataclass(frozen=True, eq=False, kw_only=True)
class DamBreakFlood:
    """Arrival, peak depth and peak velocity of a dam-break flow at every node, with depth look-ups.

    Depth and velocity at a node are zero before the arrival, rise linearly to their peaks over
    ``rise_s`` and then stay there (no recession within a drill). A link's depth is the deeper of its
    two ends, so a road is cut as soon as the flow covers either end — the water enters a link from
    the end it reaches first, and a person on the link cannot get past that end.

    Attributes:
        arrival_s: per node, the arrival time from the scenario start (inf = never).
        peak_depth_m: per node, the peak depth.
        peak_velocity_mps: per node, the peak velocity.
        rise_s: per node, time from arrival to peak (0 = a step).
        links: per link, its two end nodes ``(a, b)``.
        breach_s: time of the breach from the scenario start.
        estimate: the screening estimate used, if any.
    """

    arrival_s: np.ndarray
    peak_depth_m: np.ndarray
    peak_velocity_mps: np.ndarray
    rise_s: np.ndarray
    links: tuple[tuple[int, int], ...]
    breach_s: float
    estimate: RunoutEstimate | None = field(default=None)

    def __post_init__(self) -> None:
        arr = np.array(self.arrival_s, dtype=float)
        depth = np.array(self.peak_depth_m, dtype=float)
        vel = np.array(self.peak_velocity_mps, dtype=float)
        rise = np.array(self.rise_s, dtype=float)
        n = arr.shape[0]
        if arr.ndim != 1 or any(a.shape != (n,) for a in (depth, vel, rise)):
            raise ValueError("arrival, depth, velocity and rise need one value per node")
        if np.isnan(arr).any() or not np.isfinite(depth).all() or not np.isfinite(vel).all():
            raise ValueError("arrival must not be NaN; depth and velocity must be finite")
        if (depth < 0).any() or (vel < 0).any() or not (np.isfinite(rise) & (rise >= 0)).all():
            raise ValueError("depth, velocity and rise must not be negative")
        if any(not (0 <= a < n and 0 <= b < n) for a, b in self.links):
            raise ValueError("a link names a node outside the table")
        never = ~np.isfinite(arr)
        depth[never] = 0.0
        vel[never] = 0.0
        object.__setattr__(self, "arrival_s", _frozen(arr))
        object.__setattr__(self, "peak_depth_m", _frozen(depth))
        object.__setattr__(self, "peak_velocity_mps", _frozen(vel))
        object.__setattr__(self, "rise_s", _frozen(rise))
        object.__setattr__(self, "links", tuple((int(a), int(b)) for a, b in self.links))

    # ------------------------------------------------------------------ look-ups
    def _fraction(self, node: int, t: float) -> float:
        t0 = self.arrival_s[node]
        if t < t0:
            return 0.0
        r = self.rise_s[node]
        return 1.0 if r <= 0 or t >= t0 + r else float((t - t0) / r)

    def node_depth(self, node: int, t: float) -> float:
        """Depth at ``node`` at time ``t``."""
        return float(self.peak_depth_m[node]) * self._fraction(node, t)

    def node_velocity(self, node: int, t: float) -> float:
        """Flow velocity at ``node`` at time ``t`` (rises with the depth, so h·v never falls)."""
        return float(self.peak_velocity_mps[node]) * self._fraction(node, t)

    def node_peak(self, node: int) -> tuple[float, float]:
        """Peak ``(depth_m, velocity_mps)`` at ``node``; ``(0, 0)`` where the flow never comes."""
        return float(self.peak_depth_m[node]), float(self.peak_velocity_mps[node])

    def swept_depths(self, hv_m2ps: float, v_mps: float = math.inf) -> list[float]:
        """Per node, the depth at which depth × velocity reaches ``hv_m2ps``, or the velocity reaches ``v_mps``,
        as the flow rises there (both rise together, so h·v = H·V·f², h = sqrt(hv·H/V), and v = V·f at
        h = v·H/V); inf where the flow never moves."""
        h, v = self.peak_depth_m, self.peak_velocity_mps
        moving = (h > 0) & (v > 0)
        per_v = np.where(moving, h / np.where(moving, v, 1.0), 1.0)  # H/V: depth per unit of velocity
        return np.where(moving, np.minimum(np.sqrt(hv_m2ps * per_v), v_mps * per_v), math.inf).tolist()

    def node_time_depth(self, node: int, depth_m: float) -> float:
        """First time the depth at ``node`` reaches ``depth_m`` (the arrival for ``depth_m <= 0``; inf if never)."""
        t0 = float(self.arrival_s[node])
        peak = float(self.peak_depth_m[node])
        if not math.isfinite(t0) or depth_m > peak:
            return math.inf
        if depth_m <= 0 or peak <= 0:
            return t0
        return t0 + float(self.rise_s[node]) * depth_m / peak

    def nodes_time_depth(self, depth_m: float) -> list[float]:
        """:meth:`node_time_depth` of every node, in node order (the same arithmetic, element by element)."""
        t0, peak = self.arrival_s, self.peak_depth_m
        some = peak > 0
        rising = t0 + self.rise_s * depth_m / np.where(some, peak, 1.0)
        t = np.where((depth_m <= 0) | ~some, t0, rising)
        return np.where(~np.isfinite(t0) | (depth_m > peak), math.inf, t).tolist()

    def links_time_depth(self, depth_m: float) -> list[float]:
        """:meth:`link_time_depth` of every link, in link order."""
        if not self.links:
            return []
        nodes = np.asarray(self.nodes_time_depth(depth_m))
        ends = np.asarray(self.links)
        return np.minimum(nodes[ends[:, 0]], nodes[ends[:, 1]]).tolist()

    def link_depth(self, link: int, t: float) -> float:
        """Depth on ``link`` at time ``t``: the deeper of its two ends."""
        a, b = self.links[link]
        return max(self.node_depth(a, t), self.node_depth(b, t))

    def link_time_depth(self, link: int, depth_m: float) -> float:
        """First time the depth on ``link`` reaches ``depth_m``: the earlier of its two ends."""
        a, b = self.links[link]
        return min(self.node_time_depth(a, depth_m), self.node_time_depth(b, depth_m))

    # ------------------------------------------------------------------ builders
    @classmethod
    def from_table(
        cls,
        network: Network,
        breach_s: float,
        rows: Iterable[PlaceFlood | Sequence[float | int | str | None]],
        *,
        rise_s: float = DEFAULT_RISE_S,
    ) -> DamBreakFlood:
        """Build from per-place rows (e.g. a planner's hydraulic study); unlisted places stay dry.

        Args:
            network: the site.
            breach_s: time of the breach from the scenario start.
            rows: :class:`PlaceFlood` rows, or tuples in its field order.
            rise_s: rise time for rows that give none [E].

        Raises:
            ValueError: an unknown or repeated place, or a negative or non-finite value.
        """
        n = len(network.nodes)
        arrival = np.full(n, math.inf)
        depth = np.zeros(n)
        vel = np.zeros(n)
        rise = np.full(n, float(rise_s))
        seen: set[int] = set()
        for raw in rows:
            row = raw if isinstance(raw, PlaceFlood) else PlaceFlood(*raw)  # type: ignore[arg-type]
            i = network.index.get(row.node, -1) if isinstance(row.node, str) else int(row.node)
            if not 0 <= i < n:
                raise ValueError(f"unknown place {row.node!r}")
            if i in seen:
                raise ValueError(f"place {row.node!r} is given twice")
            seen.add(i)
            if not (math.isfinite(row.arrival_after_breach_s) and row.arrival_after_breach_s >= 0):
                raise ValueError(f"arrival at {row.node!r} must be a finite time after the breach")
            arrival[i] = breach_s + row.arrival_after_breach_s
            depth[i] = row.peak_depth_m
            vel[i] = row.peak_velocity_mps
            if row.rise_s is not None:
                rise[i] = row.rise_s
        return cls(
            arrival_s=arrival,
            peak_depth_m=depth,
            peak_velocity_mps=vel,
            rise_s=rise,
            links=_link_ends(network),
            breach_s=breach_s,
        )

    @classmethod
    def from_estimate(
        cls,
        network: Network,
        dam_node: int | str,
        breach_s: float,
        dam_height_m: float,
        stored_volume_m3: float,
        distances_m: Sequence[float] | np.ndarray | None = None,
        *,
        heights_m: Sequence[float] | np.ndarray | None = None,
        relation: str,
        front: FrontSpeed = DEFAULT_FRONT,
        area_coefficient: float = AREA_COEFFICIENT,
        rise_s: float = DEFAULT_RISE_S,
    ) -> DamBreakFlood:
        """Build the screening estimate for a dam breaking at ``breach_s``.

        Args:
            network: the valley below the dam as a site network.
            dam_node: the node at the dam (id or index).
            breach_s: time of the breach from the scenario start.
            dam_height_m: dam height H.
            stored_volume_m3: stored tailings volume V_T.
            distances_m: per node, the distance along the valley from the dam (inf = not in the
                valley). When given, it replaces the route search, and elevations are not used.
            heights_m: per node, the height above the valley floor (a planner's survey). It replaces
                the heights found from elevations; without it and with ``distances_m``, every place
                is on the valley floor.
            relation: runout relation, ``"rico2008"`` or ``"larrauri_lall2018"``.
            front: the front-speed law.
            area_coefficient: c in A = c·V_F^(2/3) [E].
            rise_s: rise time from arrival to peak [E].
        """
        est = estimate_runout(dam_height_m, stored_volume_m3, relation=relation, area_coefficient=area_coefficient)
        src = network.index.get(dam_node, -1) if isinstance(dam_node, str) else int(dam_node)
        n = len(network.nodes)
        if not 0 <= src < n:
            raise ValueError(f"unknown dam node {dam_node!r}")
        if distances_m is None:
            dist, height = valley_routes(network, src, est.valley_depth_m, heights_m)
        else:
            dist = _per_node(distances_m, n, "distances_m")
            height = np.zeros(n) if heights_m is None else _per_node(heights_m, n, "heights_m")
        valley = np.array([est.valley_depth_m(x) for x in dist])
        depth = np.maximum(valley - height, 0.0)
        wet = depth > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(wet, depth / np.where(valley > 0, valley, 1.0), 0.0)
        speed = front.speed_mps(np.where(wet, dist, 0.0))
        arrival = np.where(wet, breach_s + front.travel_s(np.where(wet, dist, 0.0)), math.inf)
        velocity = np.where(wet, speed * share**MANNING_DEPTH_EXP, 0.0)
        return cls(
            arrival_s=arrival,
            peak_depth_m=depth,
            peak_velocity_mps=velocity,
            rise_s=np.full(n, float(rise_s)),
            links=_link_ends(network),
            breach_s=breach_s,
            estimate=est,
        )


def _per_node(values: Sequence[float] | np.ndarray, n: int, name: str) -> np.ndarray:
    a = np.array(values, dtype=float)
    if a.shape != (n,) or np.isnan(a).any() or (a < 0).any():
        raise ValueError(f"{name} needs one non-negative value (or inf) per node")
    return a


def _link_ends(network: Network) -> tuple[tuple[int, int], ...]:
    return tuple((lk.a, lk.b) for lk in network.links)


@dataclass(frozen=True)
class FloodRecipe:
    """How to rebuild the flood for one replication's breach time and released-volume factor.

    Picklable (plain data), so replications can run in worker processes. With a hydraulic study only
    the breach time varies; with the built-in estimate the stored volume is scaled by the factor.
    """

    dam_node: int
    dam_height_m: float
    stored_volume_m3: float
    relation: str
    heights_m: tuple[float, ...] | None
    study_rows: tuple[PlaceFlood, ...] | None
    underground: tuple[int, ...] = ()  # places below ground: the mine's own water model covers them

    def build(self, network: Network, breach_s: float, volume_factor: float = 1.0) -> DamBreakFlood:
        if self.study_rows is not None:
            flood = DamBreakFlood.from_table(network, breach_s, self.study_rows)
        else:
            flood = DamBreakFlood.from_estimate(
                network, self.dam_node, breach_s, self.dam_height_m, self.stored_volume_m3 * volume_factor,
                heights_m=self.heights_m, relation=self.relation)
        if not self.underground:
            return flood
        arrival = np.array(flood.arrival_s, dtype=float)
        depth = np.array(flood.peak_depth_m, dtype=float)
        velocity = np.array(flood.peak_velocity_mps, dtype=float)
        idx = list(self.underground)
        arrival[idx], depth[idx], velocity[idx] = math.inf, 0.0, 0.0
        return replace(flood, arrival_s=arrival, peak_depth_m=depth, peak_velocity_mps=velocity)
