"""Compile the flood season of a scenario: rain, warnings, pond, mine water, monitored points."""

from __future__ import annotations

import math

import numpy as np

from drills.inputs.loaded import Loaded
from drills.model import mine_inflow, pond, storm
from drills.model import monitoring as mon
from drills.model.flood_season import WORSE_WHEN, MonitoredPoint, Season

GRID_S = 60.0


def hyetograph(ld: Loaded) -> storm.Hyetograph | None:
    spec = ld.scenario.hazard.storm
    if spec is None:
        return None
    end = ld.scenario.duration_s
    if spec.observed is not None:  # what falls after the drill's end is not in it (a warning says if that is all)
        points = [(p.t_s, p.mm_per_h) for p in spec.observed if p.t_s < end] or [(0.0, 0.0)]
        return storm.observed(points, end_s=end)
    d = spec.design
    assert d is not None
    idf = storm.IntensityFormula(d.idf.a1_mm_per_min, d.idf.c, d.idf.b_min, d.idf.n, d.idf.name, d.idf.source)
    return storm.design_storm(d.return_period_yr, d.duration_s, idf=idf, peak_fraction=d.peak_fraction,
                              step_s=d.step_s, start_s=d.start_s)


def build_season(ld: Loaded) -> tuple[Season | None, tuple[np.ndarray, np.ndarray, float] | None]:
    """The season, and the mine's extra water (time grid, inflow above the usual inflow and what of the usual
    inflow the pumps cannot take out m³/s, pumping spare m³/s) when the site has a mine water model and the
    scenario a storm."""
    scen, site, plan = ld.scenario, ld.site, ld.plan
    hy = hyetograph(ld)
    duration = scen.duration_s
    series: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    warnings: tuple[storm.MetWarning, ...] = ()
    overtopping = math.inf
    collar = math.inf
    mine_extra = None
    inflow_change: dict[float, float] = {}
    if hy is not None:
        assert scen.hazard.storm is not None
        warnings = storm.met_warnings(hy, lead_s=scen.hazard.storm.warning_lead_s, horizon_s=duration)
        t = storm.time_grid(duration, GRID_S)
        series["rainfall_24h_mm"] = (t, np.asarray(hy.rolling_mm(86400.0, t), dtype=float))
        ps = scen.hazard.pond
        if ps is not None:
            dam = next(d for d in site.dams if d.id == ps.dam)
            assert dam.pond is not None
            p = dam.pond
            spec = pond.PondSpec(
                catchment_area_m2=p.catchment_area_m2, runoff_coefficient=p.runoff_coefficient,
                stage_area=tuple((float(a), float(b)) for a, b in p.stage_area),
                crest_elevation_m=p.crest_elevation_m, spillway_crest_m=p.spillway_crest_m,
                spillway_width_m=p.spillway_width_m, decant_invert_m=p.decant_invert_m, decant_m3ps=p.decant_m3ps,
                beach_slope=p.beach_slope, min_freeboard_m=p.min_freeboard_m,
                min_beach_length_m=p.min_beach_length_m, process_inflow_m3ps=p.process_inflow_m3ps)
            bal = pond.pond_balance(hy, spec, initial_level_m=ps.initial_level_m, duration_s=duration, dt_s=GRID_S)
            series["pond_level_m"] = (bal.t_s, bal.level_m)
            series["freeboard_m"] = (bal.t_s, bal.freeboard_m)
            series["beach_length_m"] = (bal.t_s, bal.beach_length_m)
            overtopping = bal.overtopping_s
        mw = site.mine_water
        if mw is not None:
            inflow = mine_inflow.inflow_series(hy, baseline_m3ph=mw.baseline_m3ph, recharge_area_m2=mw.recharge_area_m2,
                                               infiltration_share=mw.infiltration_share,
                                               lag_s=mw.lag_s or 1.0,  # no recharge: no lag to apply
                                               duration_s=duration, dt_s=GRID_S)
            series["mine_inflow_m3ph"] = (inflow.t_s, inflow.inflow_m3ph)
            extra = (inflow.inflow_m3ph - mw.baseline_m3ph) / 3600.0
            for trig in plan.warning.triggers:
                if trig.quantity == "mine_inflow_change":
                    inflow_change[trig.threshold] = mine_inflow.first_reportable_change_s(inflow, trig.threshold)
            if mw.ingress is not None:
                ing = mw.ingress
                node = next(n for n in site.nodes if n.id == ing.node)
                r = ing.river
                river = mine_inflow.RiverSpec(r.catchment_area_m2, r.runoff_coefficient, r.lag_s, r.baseflow_m3ps,
                                              r.rating_a, r.rating_b, r.bed_elevation_m)
                surf = mine_inflow.surface_ingress(hy, river=river, collar_elevation_m=node.elevation_m,
                                                   opening_width_m=ing.opening_width_m, duration_s=duration,
                                                   dt_s=GRID_S)
                series["river_stage_m"] = (surf.t_s, surf.stage_m)
                extra = extra + np.interp(inflow.t_s, surf.t_s, surf.ingress_m3ps)
                collar = surf.first_over_collar_s
            # the pumps take out the usual inflow and, with what they have beyond it, the storm's water; what they
            # cannot take out of the usual inflow fills the mine from the start
            spare = max(mw.pumping_m3ph - mw.baseline_m3ph, 0.0) / 3600.0
            deficit = max(mw.baseline_m3ph - mw.pumping_m3ph, 0.0) / 3600.0
            mine_extra = (inflow.t_s, np.maximum(extra, 0.0) + deficit, spare)
    for point, readings in scen.hazard.monitor_series.items():
        arr = np.array(readings, dtype=float)
        series["point:" + point] = (arr[:, 0], arr[:, 1])
    points = []
    mspec = plan.warning.monitoring
    for item in mspec.items:
        for pt in item.points:
            ts, vs = series.get("point:" + pt.id) or series.get(item.quantity) or (None, None)
            if ts is None or vs is None:
                continue  # checked in compile: a point with neither a model nor readings
            th = mon.Thresholds(pt.thresholds.blue, pt.thresholds.yellow, pt.thresholds.orange, pt.thresholds.red)
            points.append(MonitoredPoint(item.id, pt.id, item.quantity, ts, vs, th))
    if hy is None and not points:
        return None, None
    season = Season(hy, warnings, tuple(points), mspec.poll_s, series, overtopping, collar, inflow_change)
    return season, mine_extra


def point_has_readings(ld: Loaded, quantity: str, point: str) -> bool:
    """Whether a monitored point gets values: from a model the scenario runs, or from its readings."""
    scen, site = ld.scenario, ld.site
    if point in scen.hazard.monitor_series:
        return True
    storm_on = scen.hazard.storm is not None
    if quantity == "rainfall_24h_mm":
        return storm_on
    if quantity in ("pond_level_m", "freeboard_m", "beach_length_m"):
        return storm_on and scen.hazard.pond is not None
    if quantity == "mine_inflow_m3ph":
        return storm_on and site.mine_water is not None
    if quantity == "river_stage_m":
        return storm_on and site.mine_water is not None and site.mine_water.ingress is not None
    return False


__all__ = ["WORSE_WHEN", "build_season", "hyetograph", "point_has_readings"]
