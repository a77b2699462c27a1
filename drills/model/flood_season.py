"""The flood season of one scenario: rain, warnings, the pond, the mine's water, and what the online
monitoring shows — computed once per scenario, with per-replication sensor failures.

The pieces and their sources are in :mod:`drills.model.storm` (rain, CMA rainstorm warnings),
:mod:`drills.model.pond` (pond water balance), :mod:`drills.model.mine_inflow` (recharge and surface
ingress) and :mod:`drills.model.monitoring` (GB 39496-2020 §5.5.4 levels and polling). Monitoring
levels latch: once a point has been seen at a level it stays there for the drill (an alarm stands
until someone lifts it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from drills.model import monitoring as mon
from drills.model.storm import Hyetograph, MetWarning

LEVELS = ("blue", "yellow", "orange", "red")

#: How each monitored quantity gets worse.
WORSE_WHEN: dict[str, mon.WorseWhen] = {
    "rainfall_24h_mm": "higher", "pond_level_m": "higher", "freeboard_m": "lower", "beach_length_m": "lower",
    "mine_inflow_m3ph": "higher", "river_stage_m": "higher", "phreatic_depth_m": "lower",
    "displacement_mm": "higher", "seepage_m3ps": "higher",
}


@dataclass(frozen=True)
class MonitoredPoint:
    item: str
    point: str
    quantity: str
    t_s: np.ndarray
    values: np.ndarray
    thresholds: mon.Thresholds


@dataclass(frozen=True)
class Season:
    """Everything about the storm that does not change between replications."""

    hyetograph: Hyetograph | None
    warnings: tuple[MetWarning, ...]
    points: tuple[MonitoredPoint, ...]
    poll_s: float
    series: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    overtopping_s: float = math.inf
    collar_flooded_s: float = math.inf
    inflow_change_s: dict[float, float] = field(default_factory=dict)

    def met_warning_s(self, level: str) -> float:
        """When a rainstorm warning of ``level`` or higher is first issued."""
        want = LEVELS.index(level)
        times = [w.issued_s for w in self.warnings if LEVELS.index(str(w.level)) >= want]
        return min(times, default=math.inf)

    def monitoring_level_s(self, down: dict[str, list[tuple[float, float]]] | None = None) -> dict[str, float]:
        """First time the pond's overall GB 39496 level is at each level or above (inf if never).

        Args:
            down: sensor point id → the spans ``(from, to)`` in which it reports nothing (a fault; inf: to the end).
        """
        down = down or {}
        alarms = []
        for p in self.points:
            sensor_alarm = mon.first_alarm_s(p.t_s, p.values, p.thresholds, WORSE_WHEN[p.quantity], self.poll_s,
                                             down_s=down.get(p.point, ()))
            alarms.append((p.item, sensor_alarm))
        events = sorted({a.at(lv) for _, a in alarms for lv in mon.Level if math.isfinite(a.at(lv))})
        first = dict.fromkeys(LEVELS, math.inf)
        for t in events:
            items: dict[str, list[mon.Level | None]] = {}
            for item, a in alarms:
                reached = [lv for lv in mon.Level if a.at(lv) <= t]
                items.setdefault(item, []).append(max(reached) if reached else None)
            overall = mon.overall_level(mon.item_level(v) for v in items.values())
            if overall is None:
                continue
            for lv in LEVELS[: int(overall)]:
                first[lv] = min(first[lv], t)
        return first

    def rainfall_24h_s(self, mm: float, horizon_s: float) -> float:
        from drills.model.storm import first_time_rolling_reaches

        if self.hyetograph is None:
            return math.inf
        return first_time_rolling_reaches(self.hyetograph, 86400.0, mm, horizon_s=horizon_s)
