"""Figures of an exercise, drawn from the replication records (the report never re-simulates).

Each figure is a :class:`matplotlib.figure.Figure` rendered by the Agg canvas inside :func:`style`,
so nothing here touches pyplot, the global backend or the global rcParams. Curves over time are
computed on a regular grid from the per-person records with numpy; bands are the 5th–95th
percentiles over replications and lines their median (``inverted_cdf``, as in the scorecard).

The site is drawn the way a planner knows it: the underground mine as a vertical section (horizontal
position against elevation), the valley below a tailings dam as a plan-view map (east against north,
equal scales). A site with both gets both. The worst bottlenecks — the passages with the longest queue
at their entrance (``DrillResult.link_peak_queue``) and the cage queue (``HoistRecord.max_queue``) —
are ringed on the drawing.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Rectangle
from matplotlib.path import Path as Outline
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import Affine2D, Bbox, blended_transform_factory, offset_copy

from drills import __version__
from drills.experiment import fonts
from drills.experiment.exercise import ExerciseResult
from drills.experiment.i18n import Text
from drills.experiment.scorecard import Scorecard, zone_of
from drills.experiment.units import fmt_value
from drills.model.drill import COUNTED_EVENTS, KIND_ORDER
from drills.model.records import SAFE_OUTCOMES, People

GRID_S = 30.0
FIG_W = 7.5  # inches: close to the report's text width, so the fonts print near their size
DPI = 150
CMAP = "viridis"
#: Okabe–Ito colours (colour-blind safe); the lines also differ by style so they survive grey print.
WARNED, SAFE, WATER, NEVER = "#E69F00", "#009E73", "#0072B2", "#D55E00"
DRY = "0.72"
BOTTLENECK = "#CC0000"
KIND_COLOURS = {
    "hazard": "#0072B2", "water": "#56B4E9", "trigger": "#E69F00", "decision": "#CC79A7",
    "absence": "#882255",
    "order": "#000000", "channel": "#009E73", "action": "0.45", "result": "#D55E00",
    "warning": "#E69F00", "forecast": "#E69F00", "monitoring": "#8C6D31",
    "movement": "#332288",  # indigo (Tol's muted scheme): dark enough to read as text, apart from the hazard's blue
}
#: Which events the timeline keeps first when there are too many (lower = kept first). People who turned back or
#: were sent elsewhere are kept as early as triggers and decisions.
KIND_PRIORITY = {"result": 0, "order": 0, "hazard": 0, "trigger": 1, "decision": 1, "absence": 1, "water": 1,
                 "movement": 1,
                 "forecast": 2, "warning": 2, "channel": 2, "monitoring": 3, "action": 3}
LABEL_SIZE = 7.5  # points: the timeline's row labels
LABEL_W_IN = 3.0  # inches: the widest line of a timeline row label (longer labels wrap, never cut)
ROW_PER_LINE = 0.6  # extra row height, in rows, for each further line of a wrapped label
#: The timeline is drawn at the size it prints, so that its labels (7.5 pt) and notes (7 pt) print at their size:
#: the report's text width (A4 less its margins, :data:`drills.experiment.report.PAGE_W`), and at most the height
#: left on the timeline's page under its heading, introduction, title and caption.
TIMELINE_W_IN, TIMELINE_H_IN = 8.27 - 0.8 - 0.8, 6.7
ROW_IN = 0.2  # inches a timeline row takes (a 7.5 pt label and the space between rows)
TIMELINE_FRAME_IN = 1.75  # inches of the timeline figure outside its rows: title, clock and time axes, legend, notes
LINK_STYLE: dict[str, tuple[Any, float]] = {  # kind -> (linestyle, linewidth)
    "shaft": ((0, (5, 2)), 1.6),
    "ladderway": ((0, (1, 1.5)), 1.6),
    "ramp": ("-", 3.0),
    "incline": ("-", 2.2),
    "road": ("-", 2.4),
    "footpath": ((0, (3, 1.5)), 1.3),
}
DEFAULT_LINK_STYLE: tuple[Any, float] = ("-", 1.4)
LABELLED_KINDS = frozenset({"shaft_station", "refuge", "workplace", "collar", "portal", "surface"})
#: Node kinds drawn in the vertical section (underground) and in the plan-view map (the valley).
MINE_KINDS = frozenset({"workplace", "junction", "shaft_station", "collar", "refuge", "portal", "surface", "sump"})
VALLEY_KINDS = frozenset({"dam", "household", "school", "field", "road_junction", "assembly_point"})
HOME_KINDS = frozenset({"household", "school", "field"})
MAX_PLACES = 30  # starting places shown in the warned-by-place panel (the latest warned)
MAX_EVENTS = 30  # rows of the timeline figure
#: the count of people that starts the events of people who changed their way ("12 sent from st360 …", "3 turned
#: back on the way from j360 …"), left out when events are gathered
COUNTED = re.compile(r"^\d+ (?=" + "|".join(re.escape(t.removeprefix("{n} ").split("{")[0])
                                            for t in COUNTED_EVENTS.values()) + ")")
BOTTLENECKS = 3  # passages ringed on the site drawings
RING_S, CAGE_RING_S = 260, 300  # marker areas (points²) of the rings round bottlenecks and cage queues
MIN_QUEUE = 3  # a passage is a bottleneck when at least this many people or vehicles queued at it
CHANNEL_KEYS = {"crew": "channel_crew", "water": "channel_water", "neighbours": "channel_neighbour",
                "neighbour": "channel_neighbour", "word_of_mouth": "channel_word", "": "channel_never"}


def _radius(area: float) -> float:
    """Radius (points) of a scatter marker of ``area`` (points², matplotlib's ``s``), with the ring's line."""
    return math.sqrt(area) / 2 + 0.8


RING_R, CAGE_RING_R = _radius(RING_S), _radius(CAGE_RING_S)


class Figures(dict):
    """Figure name → PNG path, in report order; ``lang`` is the language they were drawn in."""

    lang: str = "en"


# ------------------------------------------------------------------ style and text


def font_families() -> tuple[str, ...]:
    """DejaVu Sans, then the Chinese fallback (registered on first use, see :mod:`drills.experiment.fonts`)."""
    return fonts.register()


@functools.cache
def _glyphs() -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    codes: set[int] = set()
    for fam in font_families():
        path = font_manager.findfont(font_manager.FontProperties(family=fam), fallback_to_default=False)
        codes.update(FT2Font(path).get_charmap())
    return frozenset(codes)


def renderable(text: str) -> str:
    """``text`` with characters no installed font can draw left out (e.g. Chinese without a CJK font).

    A bracketed group that held only such characters is dropped; any other run becomes "…".
    """
    ok = _glyphs()
    if all(ord(c) in ok or c in "\n\t" for c in text):
        return text
    bad = "[" + "".join(re.escape(c) for c in sorted({c for c in text if ord(c) not in ok and c not in "\n\t"})) + "]"
    text = re.sub(rf"\s*[(（《「]\s*(?:{bad}|[\s,，、·])*{bad}(?:{bad}|[\s,，、·])*\s*[)）》」]", "", text)
    return re.sub(rf"{bad}+", "…", text)


@contextlib.contextmanager
def style() -> Iterator[None]:
    """The figures' and report's look, scoped to the ``with`` block (no global rcParams change)."""
    rc: dict[Any, Any] = {
        "font.family": list(font_families()),
        "font.size": 9,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "axes.labelsize": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.unicode_minus": True,
        "grid.color": "0.88",
        "grid.linewidth": 0.6,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "legend.fontsize": 8,
        "legend.frameon": False,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "pdf.fonttype": 42,
        # every text is drawn as written: a planner's "$5M and $2M" in a title is not TeX (and an unknown
        # command between two $ signs stopped the report)
        "text.parse_math": False,
    }
    with matplotlib.rc_context(rc), fonts.quiet_font_notices():
        yield


def new_figure(ex: ExerciseResult, t: Text, width_in: float, height_in: float) -> Figure:
    """A figure on the Agg canvas, laid out by constrained layout, with the provenance footer."""
    foot = 0.24 / height_in  # room for the footer, in figure fraction
    fig = Figure(figsize=(width_in, height_in), dpi=DPI,  # at the PNG's dpi: labels are laid out in its pixels
                 layout=ConstrainedLayoutEngine(rect=(0, foot, 1, 1 - foot)))
    FigureCanvasAgg(fig)
    m = ex.spec.meta
    fig.text(0.01, 0.008, renderable(t("fig_footer", scenario=m.scenario_id, seed=ex.seed, n=ex.replications)),
             fontsize=6.5, color="0.35", ha="left", va="bottom")
    fig.text(0.99, 0.008, f"drill {__version__}", fontsize=6.5, color="0.35", ha="right", va="bottom")
    return fig


def below(ax, points: float):
    """Axes coordinates shifted down by ``points``: anchors a legend under the tick labels."""
    return offset_copy(ax.transAxes, fig=ax.figure, y=-points, units="points")


def save(fig: Figure, path: Path) -> Path:
    """Write a figure as PNG with fixed metadata (no timestamp: same seed, same bytes)."""
    fig.savefig(path, dpi=DPI, metadata={"Software": f"drill {__version__}"})
    return path


# ------------------------------------------------------------------ data


def median(values: np.ndarray, axis: int = 0) -> np.ndarray:
    """Median over replications as an observed value (``inverted_cdf``), so inf stays inf."""
    return np.quantile(values, 0.5, axis=axis, method="inverted_cdf")


def person_times(ex: ExerciseResult) -> dict[str, np.ndarray]:
    """Replication × person arrays of warned (by the order: seeing the water is not a warning), safe and
    water-at-start times (inf = never; NaN for a later shift kept on the surface, who was never there)."""
    kept = np.array([r.people.isin("outcome", ("kept_out",)) for r in ex.results], dtype=bool).reshape(
        len(ex.results), len(ex.spec.people))

    def grid(field: str, counts: Callable[[People], np.ndarray] | None = None) -> np.ndarray:
        rows = [np.where(counts(r.people), r.people.array(field), math.inf) if counts else r.people.array(field)
                for r in ex.results]
        a = np.array(rows, dtype=float).reshape(len(rows), len(ex.spec.people))
        return np.where(kept, np.nan, np.where(np.isnan(a), np.inf, a))

    return {
        "warned": grid("warned_s", lambda p: ~p.isin("warned_by", ("", "water"))),  # by the order
        "safe": grid("outcome_s", lambda p: p.isin("outcome", SAFE_OUTCOMES)),
        "water": grid("water_s"),
    }


def share_over_time(times: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Share of people with ``time <= t`` for each replication (rows) and grid time (columns), of the people there
    in that replication (NaN: not there, a later shift kept on the surface)."""
    reps, _ = times.shape
    out = np.zeros((reps, len(grid)))
    for i, row in enumerate(times):
        there = np.sort(row[~np.isnan(row)])
        if len(there):
            out[i] = np.searchsorted(there, grid, side="right") / len(there)
    return out


class Order(NamedTuple):
    """One evacuation order of the drill over replications: which (the scorecard's key), its median time (s; inf
    if it was never given in half the replications or more), and in how many of the replications it never was."""

    key: str
    median_s: float
    never: int
    replications: int


#: the evacuation orders a drill can have, in the order they are drawn: underground (people in the mine) and
#: downstream (residents below a dam), each with its line style in the figures
ORDER_STYLES = {"order_s": (0, (4, 3)), "downstream_order_s": (0, (1, 1.6))}


def orders(card: Scorecard) -> list[Order]:
    """Each evacuation order the drill has: the underground one where people are underground, the downstream one
    where residents are (the scorecard's metrics say which); each with its median time over replications."""
    shown = {m.key for m in card.metrics}
    out = []
    for key in ORDER_STYLES:
        v = np.asarray(card.per_replication.get(key, np.array([])), dtype=float)
        if key in shown and len(v):
            out.append(Order(key, float(median(v)), int(np.sum(~np.isfinite(v))), len(v)))
    return out


def order_label(ex: ExerciseResult, o: Order, t: Text) -> str:
    """An order's line label: which order, and its median as the report's tables give a time (elapsed h:mm:ss and
    the clock), with the replications it never came in."""
    clock = _clock(ex, t)
    at = t.value(o.median_s, "s") + (f" ({clock(o.median_s / 60).replace(chr(10), ' ')})" if clock else "")
    never = t("fig_order_never", k=o.never, n=o.replications) if o.never else ""
    return t("fig_order_line", order=t(f"fig_{o.key}"), at=at, never=never)


#: where an order's label is tried, nearest its line first: heights (share of the axes) and distances from the line
#: (points), each on the right of the line and on the left; a label away from its line gets a leader to it
LABEL_HEIGHTS = (0.5, 0.38, 0.62, 0.74, 0.26, 0.14, 0.86)
LABEL_DISTANCES = (4.0, 30.0, 60.0, 90.0, 130.0, 180.0, 240.0)


def label_orders(ax, ex: ExerciseResult, t: Text, drawn: Sequence[Order], curves: Sequence[Any]) -> None:
    """Label each order's line where the label crosses none of ``curves`` (the median lines), no order's line and
    no other label, inside the axes: of the spots of :data:`LABEL_HEIGHTS` and :data:`LABEL_DISTANCES`, the one
    that crosses least, then whose leader crosses the fewest curves, then the nearest its line."""
    fig = ax.figure
    fig.draw_without_rendering()  # the layout, so that display coordinates are final
    renderer = fig.canvas.get_renderer()
    points = []
    for line in curves:  # each segment sampled finely: a step from 0 to 100 % has no vertex in between
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        if len(xy) > 1:
            f = np.linspace(0, 1, 9)[:, None, None]
            points.append((xy[:-1] * (1 - f) + xy[1:] * f).reshape(-1, 2))
    cloud = np.concatenate(points) if points else np.empty((0, 2))
    xs = [ax.transData.transform((o.median_s / 60, 0))[0] for o in drawn]
    frame = ax.get_window_extent(renderer)
    px = fig.dpi / 72  # display pixels a point
    anchor = blended_transform_factory(ax.transData, ax.transAxes)
    placed: list[Bbox] = []  # the labels placed so far
    ways: list[Bbox] = []  # and their leaders
    for o, x_line in zip(drawn, xs, strict=True):
        text = ax.text(o.median_s / 60, 0.5, renderable(order_label(ex, o, t)), fontsize=7.5, color="0.1",
                       va="center", linespacing=1.1, zorder=5,
                       bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.0})
        text.set_in_layout(False)
        best: tuple[tuple[float, ...], Any, Bbox, Bbox] | None = None
        for h in LABEL_HEIGHTS:
            for d in LABEL_DISTANCES:
                for side in (1, -1):
                    text.set_transform(offset_copy(anchor, fig=fig, x=d * side, units="points"))
                    text.set_y(h)
                    text.set_horizontalalignment("left" if side > 0 else "right")
                    box = text.get_window_extent(renderer).padded(2 * px)
                    inside = (cloud[:, 0] >= box.x0) & (cloud[:, 0] <= box.x1)
                    crossed = int(np.sum(inside & (cloud[:, 1] >= box.y0) & (cloud[:, 1] <= box.y1)))
                    crossed += sum(box.x0 < x < box.x1 for x in xs) + sum(box.overlaps(b) for b in placed)
                    crossed += 0 if frame.x0 <= box.x0 and box.x1 <= frame.x1 else 1
                    y = (box.y0 + box.y1) / 2
                    near = (box.x0 if side > 0 else box.x1)
                    lo, hi = sorted((x_line, near))
                    way = Bbox.from_extents(lo, y - px, hi, y + px)  # its leader, if any
                    crossed += sum(box.overlaps(w) or way.overlaps(b) for b, w in zip(placed, ways, strict=True))
                    leader = int(np.sum((cloud[:, 0] > lo) & (cloud[:, 0] < hi) & (np.abs(cloud[:, 1] - y) < 2 * px)))
                    cost = (crossed, leader, d)
                    if best is None or cost < best[0]:
                        best = (cost, (h, d, side), box, way)
        assert best is not None
        (h, d, side), box = best[1], best[2]
        ways.append(best[3] if d > LABEL_DISTANCES[0] else Bbox.null())
        text.set_transform(offset_copy(anchor, fig=fig, x=d * side, units="points"))
        text.set_y(h)
        text.set_horizontalalignment("left" if side > 0 else "right")
        if d > LABEL_DISTANCES[0]:  # away from its line: a leader says which line it names
            leader = ax.annotate("", (o.median_s / 60, h), xycoords=anchor, xytext=((d - 1) * side, 0),
                                 textcoords="offset points", zorder=4,
                                 arrowprops={"arrowstyle": "-", "color": "0.15", "linewidth": 0.7,
                                             "shrinkA": 0, "shrinkB": 0})
            leader.set_in_layout(False)
        placed.append(box)


def scenario_start(ex: ExerciseResult) -> datetime | None:
    """The scenario's start as a clock time (None if the ISO string does not parse)."""
    try:
        return datetime.fromisoformat(ex.spec.meta.start_time)
    except (TypeError, ValueError):
        return None


def _clock(ex: ExerciseResult, t: Text):
    start = scenario_start(ex)
    if start is None:
        return None

    def clock(minutes: float, _pos: object = None) -> str:
        """The clock time, and the day after the start's as "+1d" below it, as the tables write it."""
        at = start + timedelta(minutes=float(minutes))
        days = (at.date() - start.date()).days
        return at.strftime("%H:%M") + ("\n" + t("days_after_start", days=days) if days > 0 else "")

    return clock


def event_times(ex: ExerciseResult, card: Scorecard, t: Text) -> list[tuple[str, str, np.ndarray]]:
    """Every drill event as ``(kind, label, times over replications)``; NaN where it did not happen.

    The first occurrence in each replication counts; an event that starts with a count of people ("12 sent
    from …") is one event whatever the count. The scorecard's "90 % warned", "everyone warned" and
    "everyone safe" are added as results.
    """
    n = ex.replications
    keys: dict[tuple[str, str], np.ndarray] = {}
    for r, res in enumerate(ex.results):
        for e in res.timeline:
            a = keys.setdefault((e.kind, COUNTED.sub("", e.what)), np.full(n, np.nan))
            if np.isnan(a[r]):
                a[r] = e.t_s
    for key, label in (("t90_warned_s", "result_t90"), ("t100_warned_s", "result_t100"),
                       ("t_all_safe_s", "result_safe")):
        v = card.per_replication.get(key)
        if v is not None and len(v) == n:
            keys[("result", t(label))] = np.where(np.isfinite(v), v, np.nan)
    return [(kind, what if kind == "result" else t.event(what), a) for (kind, what), a in keys.items()]


def site_views(ex: ExerciseResult) -> list[str]:
    """Which drawings the site needs: "section" for underground nodes, "map" for the valley."""
    kinds = [n.kind for n in ex.spec.network.nodes]
    views = []
    if sum(k in MINE_KINDS for k in kinds) >= 2 and any(k not in SAFE_SURFACE for k in kinds if k in MINE_KINDS):
        views.append("section")
    if sum(k in VALLEY_KINDS for k in kinds) >= 2:
        views.append("map")
    return views or ["section"]


SAFE_SURFACE = frozenset({"collar", "portal", "surface"})


def node_stats(ex: ExerciseResult) -> dict[str, np.ndarray]:
    """Per node: median water arrival and clearance (inf = never), whether people started there,
    how many replications left someone uncleared, and the people who started there."""
    net = ex.spec.network
    dur = ex.spec.duration_s
    reps = max(ex.replications, 1)
    water = np.array([r.node_water_s for r in ex.results], dtype=float).reshape(reps, -1)
    water = np.where(np.isnan(water) | (water >= dur), np.inf, water)
    clear = np.array([r.node_clear_s for r in ex.results], dtype=float).reshape(reps, -1)
    started = ~np.all(np.isnan(clear), axis=0)
    clear_med = np.full(len(net.nodes), np.nan)
    if started.any():
        clear_med[started] = median(np.where(np.isnan(clear[:, started]), np.inf, clear[:, started]))
    people = np.zeros(len(net.nodes), dtype=int)
    for p in ex.spec.people:
        people[p.start] += 1
    return {
        "water": median(water),
        "clear": clear_med,
        "started": started,
        "not_cleared": np.sum(np.isinf(clear), axis=0),
        "people": people,
    }


def bottlenecks(ex: ExerciseResult, links: list[int], k: int = BOTTLENECKS) -> list[tuple[int, int]]:
    """The ``k`` passages among ``links`` with the longest queue at their entrance (largest over
    replications), as ``(link index, people or vehicles)``; passages that never queued are left out."""
    if not ex.results or not links:
        return []
    peak = np.array([r.link_peak_queue for r in ex.results], dtype=float).reshape(ex.replications, -1).max(axis=0)
    ranked = sorted((i for i in links if peak[i] >= MIN_QUEUE), key=lambda i: (-peak[i], i))
    return [(i, int(peak[i])) for i in ranked[:k]]


def section_parts(ex: ExerciseResult) -> tuple[list[int], list[int]]:
    """The nodes and passages the mine's section draws: the underground places and the passages between them."""
    net = ex.spec.network
    nodes = [n.index for n in net.nodes if n.kind in MINE_KINDS]
    inside = set(nodes)
    return nodes, [lk.index for lk in net.links if lk.a in inside and lk.b in inside]


def section_direction(ex: ExerciseResult) -> tuple[float, float]:
    """The horizontal direction the mine's section is drawn along, as a unit (east, north) vector: the long axis
    of its places in plan (their first principal axis), as a longitudinal section is drawn, turned to point east
    of north-south. A mine laid out east–west gets east itself, so its section's positions are its x_m."""
    nodes, _ = section_parts(ex)
    net = ex.spec.network
    plan = np.array([(net.nodes[k].x_m, net.nodes[k].y_m) for k in nodes], dtype=float)
    if len(plan) < 2 or not np.ptp(plan[:, 1]):
        return 1.0, 0.0
    if not np.ptp(plan[:, 0]):
        return 0.0, 1.0
    _, vectors = np.linalg.eigh(np.cov(plan.T))
    east, north = vectors[:, -1]  # of the largest spread
    return (float(east), float(north)) if (east, north) > (0.0, 0.0) else (float(-east), float(-north))


def drawn_at(ex: ExerciseResult, *, plan_view: bool) -> np.ndarray:
    """Where each node of the site is drawn: (x_m, y_m) on the map, or (position along the section, elevation)
    in the section (:func:`section_direction`); one row per node index."""
    net = ex.spec.network
    if plan_view:
        return np.array([(n.x_m, n.y_m) for n in net.nodes], dtype=float)
    east, north = section_direction(ex)
    return np.array([(n.x_m * east + n.y_m * north if north else n.x_m, n.elevation_m) for n in net.nodes],
                    dtype=float)


def map_parts(ex: ExerciseResult) -> tuple[list[int], list[int]]:
    """The nodes and links the valley's map draws: the valley's places, a mine exit joined to their roads, and the
    roads and paths between them."""
    net = ex.spec.network
    inside = {n.index for n in net.nodes if n.kind in VALLEY_KINDS}
    for lk in net.links:  # a mine exit joined to the valley's roads belongs on the map too
        if (lk.a in inside) != (lk.b in inside):
            other = lk.b if lk.a in inside else lk.a
            if net.nodes[other].kind in SAFE_SURFACE:
                inside.add(other)
    return sorted(inside), [lk.index for lk in net.links if lk.a in inside and lk.b in inside]


def section_bottlenecks(ex: ExerciseResult) -> list[tuple[int, int]]:
    """The passages ringed on the mine's section: its own passages only (a valley road's queue is ringed on the
    map), shafts left out (they are drawn with their cage's queue instead)."""
    net = ex.spec.network
    return bottlenecks(ex, [i for i in section_parts(ex)[1] if net.links[i].kind != "shaft"])


def map_bottlenecks(ex: ExerciseResult) -> list[tuple[int, int]]:
    """The roads and paths ringed on the valley's map (a mine passage's queue is ringed on the section)."""
    return bottlenecks(ex, map_parts(ex)[1])


def bridges_drawn(ex: ExerciseResult) -> bool:
    """Whether the site map signs a bridge (:func:`_mark_bridges`)."""
    return any(ex.spec.network.links[i].bridge for i in map_parts(ex)[1])


def rings_drawn(ex: ExerciseResult, name: str) -> bool:
    """Whether the figure ``name`` ("section" or "map") rings anything, so its caption can say so."""
    if name == "section":
        return bool(section_bottlenecks(ex)) or any(q > 0 for q in cage_queues(ex).values())
    return bool(map_bottlenecks(ex))


def cage_queues(ex: ExerciseResult) -> dict[str, int]:
    """Longest queue for each cage, largest over replications (all its stations together)."""
    return {hid: top for hid, (_, top) in cage_queue_stats(ex).items()}


def cage_queue_stats(ex: ExerciseResult) -> dict[str, tuple[float, int]]:
    """For each cage, its longest queue in a replication (all its stations together): the median and the largest
    over replications, so that a label names the statistic it shows."""
    per: dict[str, list[float]] = {}
    for r in ex.results:
        for h in r.hoists:
            per.setdefault(h.hoist, []).append(float(h.max_queue))
    return {hid: (float(median(np.array(v))), int(max(v))) for hid, v in per.items()}


def cage_queue_label(ex: ExerciseResult, hid: str, t: Text) -> str:
    """A cage's queue as the section labels it: the median and the largest of its longest queue per replication."""
    med, top = cage_queue_stats(ex)[hid]
    return t("fig_cage_queue", med=f"{med:.0f}", q=top, n=ex.replications)


# ------------------------------------------------------------------ figures


def still_there_when_wet(ex: ExerciseResult) -> set[str]:
    """The places the water reached while someone who started there was still there (had not left, or left
    after it came), in some replication."""
    out: set[str] = set()
    for res in ex.results:
        people = res.people
        water, departed = people.array("water_s"), people.array("departed_s")
        there = np.isfinite(water) & ~(departed < water) & ~people.isin("outcome", ("kept_out",))
        out.update(start for start, wet in zip(people.column("start"), there.tolist(), strict=True) if wet)
    return out


def timeline_label(text: str) -> str:
    """A timeline row's label in full, wrapped onto lines of at most :data:`LABEL_W_IN` inches (:func:`wrapped`)."""
    return wrapped(text, LABEL_SIZE, LABEL_W_IN)


def wrapped(text: str, size: float, width_in: float) -> str:
    """``text`` in full at ``size`` points, wrapped onto lines of at most ``width_in`` inches.

    Lines break at spaces, so a role's bracketed Chinese title stays whole; a single word wider than a
    line is cut where :func:`drills.experiment.report.wrap` cuts it.
    """
    from drills.experiment.report import _width_in, wrap  # the report draws these figures: import when drawing

    lines: list[str] = []
    for word in renderable(text).split(" "):
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and _width_in(trial, size, "normal") <= width_in:
            lines[-1] = trial
        else:
            lines.extend(wrap(word, size, width_in))
    return "\n".join(lines)


def timeline(ex: ExerciseResult, card: Scorecard, t: Text, path: Path) -> Path:
    """Every event of the drill across replications: median and P5–P95, in order of time."""
    n = ex.replications
    rows = []
    starts = {ex.spec.network.nodes[p.start].id for p in ex.spec.people}
    for kind, label, a in event_times(ex, card, t):
        hap = a[~np.isnan(a)]
        if not len(hap):
            # a result the caption promises is kept, said as never reached: left out, "everyone safe" read as
            # simply not drawn; another event that never happened is not an event
            if kind == "result":
                rows.append((math.inf, kind, label, math.inf, math.inf, 0))
            continue
        p5, p50, p95 = np.quantile(hap, [0.05, 0.5, 0.95], method="inverted_cdf")
        rows.append((float(p50), kind, label, float(p5), float(p95), len(hap)))
    # the water where people still were when it came is what the planner reads the timeline for: kept with the
    # results, orders and hazards (after them, should the page not hold them all); the water at other places
    # people started from with the triggers, and at places nobody was, last
    caught_there = {t.event(f"water at {place}") for place in still_there_when_wet(ex)}
    started_there = {t.event(f"water at {place}") for place in starts}

    def rank(row) -> tuple[int, int, float]:
        kind, label = row[1], row[2]
        if kind == "water":
            return (0, 1, row[0]) if label in caught_there else (KIND_PRIORITY["water"] if label in started_there
                                                                 else 4, 0, row[0])
        return KIND_PRIORITY.get(kind, 3), 0, row[0]

    # as many rows as the page holds at the labels' size (at most MAX_EVENTS), the most telling first: a figure
    # shrunk to fit printed its labels at 5 pt
    budget = (TIMELINE_H_IN - TIMELINE_FRAME_IN) / ROW_IN
    kept: list[tuple[Any, str, float]] = []
    used = 0.0
    left_out = []
    for row in sorted(rows, key=rank):
        label = timeline_label(f"[{t.kind(row[1])}] {row[2]}")
        height = 1.0 + ROW_PER_LINE * label.count("\n")  # a wrapped label gets a taller row
        if len(kept) < MAX_EVENTS and used + height <= budget:
            kept.append((row, label, height))
            used += height
        else:
            left_out.append(row)
    # in time; at one median, causes before effects (the drill's order of kinds), then as they were first logged
    kept.sort(key=lambda k: (k[0][0], KIND_ORDER.get(k[0][1], len(KIND_ORDER))))
    rows = [k[0] for k in kept]
    labels = [k[1] for k in kept]
    heights = [k[2] for k in kept]
    ys = np.cumsum(heights) - np.array(heights) / 2 - 0.5
    total = float(sum(heights))
    fig = new_figure(ex, t, TIMELINE_W_IN, TIMELINE_FRAME_IN + ROW_IN * max(total, 3))
    ax = fig.add_subplot()
    right = max([r[4] for r in rows if math.isfinite(r[4])] + [60.0]) / 60 * 1.05
    for y, (p50, kind, _label, p5, p95, k) in zip(ys, rows, strict=True):
        colour = KIND_COLOURS.get(kind, "0.3")
        if not k:  # no dot or bar: no time to draw, only the fact
            ax.text(0.01, y, renderable(t("fig_tl_never", k=n, n=n)), va="center", fontsize=7, color=colour,
                    style="italic", gid="never-reached",
                    transform=blended_transform_factory(ax.transAxes, ax.transData))
            continue
        ax.plot([p5 / 60, p95 / 60], [y, y], color=colour, linewidth=2.2, alpha=0.55, solid_capstyle="round")
        ax.plot([p50 / 60], [y], marker="o", color=colour, markeredgecolor="0.1", markersize=6, linestyle="none")
        if k < n:
            ax.plot([p95 / 60], [y], marker=">", color=colour, markersize=4)
            ax.text(p95 / 60, y, renderable(t("fig_tl_some", k=k, n=n)), va="center", fontsize=7, color="0.25")
    ax.set_yticks(ys, labels, fontsize=7.5, linespacing=1.0)
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        tick.set_color(KIND_COLOURS.get(row[1], "0.2") if row[1] not in ("action",) else "0.3")
    ax.set_ylim(total - 0.5, -0.7)
    ax.set_xlim(0, right * (1.16 if any(r[5] < n for r in rows) else 1.08))  # room for "in k/n"
    ax.set_xlabel(t("fig_timeline_x"))
    ax.grid(axis="y", visible=False)
    ax.set_title(t("fig_timeline_title"))
    clock = _clock(ex, t)
    if clock is not None:
        top = ax.secondary_xaxis("top")
        top.xaxis.set_major_formatter(clock)
        top.tick_params(labelsize=7)
    ax.legend(
        handles=[
            Line2D([], [], marker="o", color="0.4", markeredgecolor="0.1", linestyle="none", label=t("fig_tl_median")),
            Line2D([], [], color="0.4", linewidth=2.2, alpha=0.55, label=t("fig_tl_range")),
        ],
        loc="upper right", bbox_to_anchor=(1, 0), bbox_transform=below(ax, 26), ncol=2, fontsize=7,
    )
    if left_out:  # say what the figure leaves out; the typical replication's table lists every event
        kinds = t("list_sep").join(t.kind(k) for k in dict.fromkeys(r[1] for r in sorted(left_out)))
        # from the figure's left edge, under the row labels: the whole width for the note, which wraps only at
        # spaces (a Chinese note has few)
        ax.text(0.01, 0, renderable(t("fig_tl_left_out", k=len(left_out), kinds=kinds)), ha="left", va="top",
                transform=blended_transform_factory(fig.transFigure, below(ax, 44)), fontsize=7, color="0.25",
                wrap=True)
    return save(fig, path)


def warned_safe(ex: ExerciseResult, card: Scorecard, t: Text, path: Path) -> Path:
    """Shares warned, safe and reached by the water over time (median, P5–P95 band)."""
    grid = np.arange(0.0, ex.spec.duration_s + GRID_S / 2, GRID_S)
    times = person_times(ex)
    fig = new_figure(ex, t, FIG_W, 5.0)
    ax = fig.add_subplot()
    minutes = grid / 60
    handles: list[tuple[Any, Any]] = []
    labels: list[str] = []
    for key, label, colour, ls in (
        ("warned", t("fig_warned"), WARNED, "-"),
        ("safe", t("fig_safe"), SAFE, "--"),
        ("water", t("fig_water"), WATER, "-."),
    ):
        p5, p50, p95 = np.quantile(
            share_over_time(times[key], grid) * 100, [0.05, 0.5, 0.95], axis=0, method="inverted_cdf"
        )
        band = ax.fill_between(minutes, p5, p95, color=colour, alpha=0.18, linewidth=0)
        (line,) = ax.plot(minutes, p50, color=colour, linestyle=ls, linewidth=2)
        handles.append((band, line))
        labels.append(label)
    # one line per order the drill has (underground, downstream), each at its own median: most residents are
    # warned by the downstream order, which can come well after the underground one
    drawn = [o for o in orders(card) if math.isfinite(o.median_s)]
    for o in drawn:
        ax.axvline(o.median_s / 60, color="0.15", linewidth=1, linestyle=ORDER_STYLES[o.key])
    ax.set_xlim(0, grid[-1] / 60)
    ax.set_ylim(0, 101)
    ax.set_xlabel(t("fig_minutes"))
    ax.set_ylabel(t("fig_share_people"))
    ax.set_title(t("fig_warned_safe_title"))
    ax.legend(handles, labels, handler_map={tuple: HandlerTuple(ndivide=1)}, title=t("fig_median_band"),
              title_fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below(ax, 26), ncol=3,
              fontsize=7.5, handlelength=4.0)  # long enough to show each line's dashes
    clock = _clock(ex, t)
    if clock is not None:
        top = ax.secondary_xaxis("top")
        top.xaxis.set_major_formatter(clock)
        top.set_xlabel(t("fig_clock"), fontsize=8)
    label_orders(ax, ex, t, drawn, [line for _band, line in handles])
    return save(fig, path)


def _draw_links(ax, ex: ExerciseResult, links: list[int], colours: list, scales: list[float], *,
                plan_view: bool = False) -> None:
    net = ex.spec.network
    at = drawn_at(ex, plan_view=plan_view)
    for i, colour, scale in zip(links, colours, scales, strict=True):
        lk = net.links[i]
        ls, lw = LINK_STYLE.get(lk.kind, DEFAULT_LINK_STYLE)
        ax.plot(at[[lk.a, lk.b], 0], at[[lk.a, lk.b], 1], color=colour, linestyle=ls, linewidth=lw * scale,
                solid_capstyle="round" if plan_view else "butt", zorder=1)


#: A bridge as topographic maps sign it: the road's two parapets, their ends flared, drawn along the link
BRIDGE_SIGN = Outline([(-1.0, 0.8), (-0.6, 0.4), (0.6, 0.4), (1.0, 0.8), (-1.0, -0.8), (-0.6, -0.4), (0.6, -0.4),
                       (1.0, -0.8)], [Outline.MOVETO, *[Outline.LINETO] * 3, Outline.MOVETO, *[Outline.LINETO] * 3])
BRIDGE_S = 130  # pt², the bridge sign's size: a little wider than an assembly point's triangle
BRIDGE_COLOUR = "0.1"


def _mark_bridges(ax, ex: ExerciseResult, links: list[int]) -> list[tuple[float, float]]:
    """Sign each bridge among ``links`` (plan view, equal scales) at its middle, turned along it; return where."""
    net = ex.spec.network
    at = drawn_at(ex, plan_view=True)
    out = []
    for i in links:
        lk = net.links[i]
        if not lk.bridge:
            continue
        (xa, ya), (xb, yb) = at[lk.a], at[lk.b]
        turned = MarkerStyle(BRIDGE_SIGN, transform=Affine2D().rotate(math.atan2(yb - ya, xb - xa)))
        x, y = float(xa + xb) / 2, float(ya + yb) / 2
        ax.scatter([x], [y], s=BRIDGE_S, marker=turned, facecolors="none", edgecolors=BRIDGE_COLOUR,
                   linewidths=1.4, zorder=3, gid=f"bridge:{lk.id}")
        out.append((x, y))
    return out


def _mark_bottlenecks(ax, ex: ExerciseResult, t: Text, marks: list[tuple[int, int]], *,
                      plan_view: bool) -> list[tuple[float, float, str]]:
    """Ring each bottleneck; return (x, y, label) of each, for :func:`draw_labels` to place."""
    net = ex.spec.network
    at = drawn_at(ex, plan_view=plan_view)
    out = []
    for i, q in marks:
        lk = net.links[i]
        x, y = (float(v) for v in (at[lk.a] + at[lk.b]) / 2)
        ax.scatter([x], [y], s=RING_S, facecolors="none", edgecolors=BOTTLENECK, linewidths=1.8, zorder=6)
        out.append((x, y, f"{lk.id}: {t('fig_queue', q=q)}"))
    return out


#: Directions tried for a label around its point, in order: diagonals first (they clear both the level's
#: drift and the shaft through the point), then the sides, then straight above and below.
DIRECTIONS: tuple[tuple[float, float], ...] = ((1, 1), (-1, 1), (1, -1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
DISTANCES = (2.0, 7.0, 14.0, 24.0, 36.0)  # points beyond the point's marker
#: Spots tried only when every near one overprints another label or leader, or covers another marker: farther
#: out, in sixteen directions, each with a leader back to its place (a crowd of places, e.g. a hamlet's houses,
#: school and two ringed roads within a few millimetres of the map).
FAR_DIRECTIONS = (*DIRECTIONS, (1, 0.5), (-1, 0.5), (1, -0.5), (-1, -0.5), (0.5, 1), (-0.5, 1), (0.5, -1), (-0.5, -1))
FAR_DISTANCES = (50.0, 66.0, 84.0, 104.0)
SPACE = 1.5  # points kept between two labels
CLEAR = 3.0  # points kept between a label and any other marker, so that it does not seem to name it
#: A label without a leader must be this many times nearer its own marker than any other (edge to edge, plus
#: :data:`CLEAR`): a label beside its neighbour's marker, only a little farther from its own, reads as naming it.
NEARER = 1.5
LEADER_FROM = 7.0  # a label this far (points) beyond its marker gets a leader line
#: What a spot costs, after what it overprints and the markers it covers: each line through it, each step out.
LINE_COST, STEP_COST = 10, 3
REORDERS = 3  # times the labels are laid out again, those that overprinted first, before the least bad layout is kept


class Placed(NamedTuple):
    """Where one label went: its offset from its point (points), alignment, and box (display pixels)."""

    offset: tuple[float, float]
    ha: str
    va: str
    box: Bbox
    leader: bool


def _box_of(anchor: np.ndarray, size: tuple[float, float], offset_px: tuple[float, float], ha: str, va: str) -> Bbox:
    w, h = size
    x = anchor[0] + offset_px[0]
    y = anchor[1] + offset_px[1]
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[ha]
    y0 = {"bottom": y, "top": y - h, "center": y - h / 2}[va]
    return Bbox.from_extents(x0, y0, x0 + w, y0 + h)


def segments_cross(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> bool:
    """Whether the segments ``a``–``b`` and ``c``–``d`` cross (touching ends do not count)."""

    def side(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> float:
        return float((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _grown(box: Bbox, by: float) -> Bbox:
    return Bbox.from_extents(box.x0 - by, box.y0 - by, box.x1 + by, box.y1 + by)


def crosses(box: Bbox, p: np.ndarray, q: np.ndarray) -> bool:
    """Whether the segment ``p``–``q`` passes through ``box`` (Liang–Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    d = q - p
    for delta, lo, hi, start in ((d[0], box.x0, box.x1, p[0]), (d[1], box.y0, box.y1, p[1])):
        if delta == 0:
            if start < lo or start > hi:
                return False
            continue
        a, b = (lo - start) / delta, (hi - start) / delta
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return False
    return True


def inside(box: Bbox, frame: Bbox) -> np.ndarray:
    """The shift (pixels, x and y) that brings ``box`` inside ``frame``; zero when it is inside. A box larger than
    the frame is aligned on its left or bottom edge."""
    shift = np.zeros(2)
    for axis, (lo, hi, flo, fhi) in enumerate(((box.x0, box.x1, frame.x0, frame.x1),
                                              (box.y0, box.y1, frame.y0, frame.y1))):
        if lo < flo:
            shift[axis] = flo - lo
        elif hi > fhi:
            shift[axis] = max(fhi - hi, flo - lo)
    return shift


def _box_distance(box: Bbox, xy: np.ndarray) -> np.ndarray:
    """Distance (pixels) from ``box`` to each point of ``xy`` (rows of x, y); zero inside it."""
    dx = np.maximum.reduce([box.x0 - xy[:, 0], np.zeros(len(xy)), xy[:, 0] - box.x1])
    dy = np.maximum.reduce([box.y0 - xy[:, 1], np.zeros(len(xy)), xy[:, 1] - box.y1])
    return np.hypot(dx, dy)


def _side(d: float, low: str, high: str) -> str:
    return high if d > 0 else low if d < 0 else "center"


def layout_labels(anchors: np.ndarray, sizes: Sequence[tuple[float, float]], frame: Bbox, *, pt: float,
                  gaps: Sequence[float] | None = None, points: np.ndarray | None = None,
                  radii: Sequence[float] = (), segments: Sequence[tuple[np.ndarray, np.ndarray]] = (),
                  taken: Sequence[Bbox] = ()) -> list[Placed]:
    """Place labels, in the order given, where they cover nothing: no other label, no marker, no line.

    Every label is tried in :data:`DIRECTIONS` at each of :data:`DISTANCES` beyond its own marker, and takes the
    first spot inside ``frame`` that overlaps no label placed before it (nor ``taken``), covers no marker
    (``points``, each a disc of ``radii``) and is crossed by no ``segments``. A spot past the frame's edge is moved
    back inside it (:func:`inside`), with a leader, so that no label is cut off or drawn under what stands beside
    the axes. A spot is judged first by what it overprints — another label (kept :data:`SPACE` apart), a leader
    through it or its leader through another label or leader — then by the markers it covers or seems to name (a
    label without a leader not :data:`NEARER` its own marker than any other, a leader past another marker), then by
    the lines through it and, for a leader, its steps out. When every near spot overprints something or covers a
    marker, the farther :data:`FAR_DIRECTIONS` × :data:`FAR_DISTANCES` are tried too, with a leader; the label takes
    the least bad of all, so the drawing always gets every label. When a label still overprints or covers a marker
    (others placed before it boxed it in), the labels are laid out again with those first, up to :data:`REORDERS`
    times, and the least bad layout is kept.

    Args:
        anchors: the labelled points, display pixels, shape (n, 2).
        sizes: each label's (width, height) in pixels.
        frame: the box the labels must stay in (the axes).
        pt: pixels per point.
        gaps: each point's marker radius in points (where its label may start); 3 if not given.
        points: markers to keep clear, in pixels (the labelled points among them or not).
        radii: their radii in points.
        segments: lines not to cross, as pairs of pixel points.
        taken: boxes already used (labels placed by an earlier call).

    Returns:
        Where each label went, in the order of ``anchors``.
    """
    pts = np.zeros((0, 2)) if points is None else np.asarray(points, dtype=float).reshape(-1, 2)
    discs = [Bbox.from_extents(x - (r + CLEAR) * pt, y - (r + CLEAR) * pt, x + (r + CLEAR) * pt, y + (r + CLEAR) * pt)
             for (x, y), r in zip(pts, radii, strict=True)]
    xy = np.asarray(anchors, dtype=float).reshape(-1, 2)
    order = list(range(len(xy)))
    best: tuple[tuple[int, ...], list[Placed]] | None = None
    for _ in range(REORDERS + 1):
        costs, spots = _place(order, xy, sizes, frame, pt, gaps, pts, discs, segments, taken, radii)
        total = tuple(int(sum(c[i] for c in costs.values())) for i in range(3))
        if best is None or total < best[0]:
            best = (total, spots)
        if not any(total[:2]):
            break
        # the labels that overprint or cover a marker go first next time, ahead of those that boxed them in
        order = [k for k in order if any(costs[k][:2])] + [k for k in order if not any(costs[k][:2])]
    assert best is not None
    return best[1]


def _extents(boxes: Sequence[Bbox]) -> np.ndarray:
    """Boxes as rows of (x0, y0, x1, y1)."""
    return np.array([b.extents for b in boxes], dtype=float).reshape(-1, 4)


def overlapping(box: Bbox, boxes: np.ndarray) -> int:
    """How many of ``boxes`` (rows of x0, y0, x1, y1, each with x0 <= x1 and y0 <= y1) overlap ``box``, edges
    touching included, as :meth:`~matplotlib.transforms.Bbox.overlaps` tells one pair."""
    x0, y0, x1, y1 = box.extents
    return int(np.count_nonzero((x0 <= boxes[:, 2]) & (boxes[:, 0] <= x1) & (y0 <= boxes[:, 3]) & (boxes[:, 1] <= y1)))


def crossings(boxes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """:func:`crosses` for many boxes and segments at once, row by row after broadcasting: boxes as rows of
    (x0, y0, x1, y1), segments from ``starts`` to ``ends`` (rows of x, y). The same arithmetic, so the same answers."""
    d = ends - starts
    shape = np.broadcast_shapes(boxes.shape[:-1], d.shape[:-1])
    t0, t1 = np.zeros(shape), np.ones(shape)
    hit = np.ones(shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for axis in (0, 1):
            lo, hi, start, delta = boxes[..., axis], boxes[..., axis + 2], starts[..., axis], d[..., axis]
            flat = delta == 0
            hit &= ~(flat & ((start < lo) | (start > hi)))
            a, b = (lo - start) / delta, (hi - start) / delta
            a, b = np.where(a > b, b, a), np.where(a > b, a, b)
            t0 = np.where(~flat & (a > t0), a, t0)  # max() and min() as crosses takes them, NaN and all
            t1 = np.where(~flat & (b < t1), b, t1)
            hit &= ~(t0 > t1)
    return hit


def _place(order: Sequence[int], xy: np.ndarray, sizes: Sequence[tuple[float, float]], frame: Bbox, pt: float,
           gaps: Sequence[float] | None, pts: np.ndarray, discs: Sequence[Bbox],
           segments: Sequence[tuple[np.ndarray, np.ndarray]],
           taken: Sequence[Bbox], radii: Sequence[float] = ()) -> tuple[dict[int, tuple[int, int, int]], list[Placed]]:
    """One pass of :func:`layout_labels`, the labels placed in ``order``: the cost of each label's spot by index
    (what it overprints, the markers it covers, then the lines through it and its steps out), and the spots in the
    order of ``xy``.

    Each spot is judged against every marker, line, label and leader at once, with numpy (:func:`overlapping`,
    :func:`crossings`): a crowded map has hundreds of each, and one label tries up to a hundred spots.
    """
    placed: list[Bbox] = list(taken)
    apart: list[Bbox] = [_grown(b, SPACE * pt) for b in taken]  # labels keep SPACE apart
    leaders: list[tuple[np.ndarray, np.ndarray]] = []
    out: dict[int, Placed] = {}
    costs: dict[int, tuple[int, int, int]] = {}
    near = [(step, dist, d) for step, dist in enumerate(DISTANCES) for d in DIRECTIONS]
    far = [(step, dist, d) for step, dist in enumerate(FAR_DISTANCES, len(DISTANCES)) for d in FAR_DIRECTIONS]
    disc_box = _extents(discs)
    seg_a = np.array([a for a, _ in segments], dtype=float).reshape(-1, 2)
    seg_b = np.array([b for _, b in segments], dtype=float).reshape(-1, 2)
    for k in order:
        anchor, size = xy[k], sizes[k]
        gap = gaps[k] if gaps is not None else 3.0
        mine = np.hypot(*(pts - anchor).T) <= 0.5
        others = disc_box[~mine]  # its own marker is kept clear by the gap
        other_xy, other_r = pts[~mine], pt * np.asarray(radii, dtype=float).reshape(-1)[~mine]
        own = np.array([[anchor[0] - gap * pt, anchor[1] - gap * pt, anchor[0] + gap * pt, anchor[1] + gap * pt]])
        apart_box, placed_box = _extents(apart), _extents(placed)
        lead_a = np.array([a for a, _ in leaders], dtype=float).reshape(-1, 2)
        lead_b = np.array([b for _, b in leaders], dtype=float).reshape(-1, 2)

        def judge(step: int, dist: float, direction: tuple[float, float], anchor: np.ndarray = anchor,
                  size: tuple[float, float] = size, gap: float = gap, others: np.ndarray = others,
                  apart_box: np.ndarray = apart_box, placed_box: np.ndarray = placed_box,
                  lead_a: np.ndarray = lead_a, lead_b: np.ndarray = lead_b, own: np.ndarray = own,
                  other_xy: np.ndarray = other_xy, other_r: np.ndarray = other_r,
                  ) -> tuple[tuple[int, int, int], Placed, np.ndarray]:
            dx, dy = direction
            off = (dx * (gap + dist), dy * (gap + dist))
            ha, va = _side(dx, "right", "left"), _side(dy, "top", "bottom")
            box = _box_of(anchor, size, (off[0] * pt, off[1] * pt), ha, va)
            # a spot past the frame's edge is moved back inside it, never left to be cut off or drawn under the
            # colour bar beside the axes; the label then keeps a leader to its marker
            shift = inside(box, frame)
            overprints = int(box.width > frame.width or box.height > frame.height)
            moved = bool(np.hypot(*shift) > 0.5 * LEADER_FROM * pt)
            if shift.any():
                off = (off[0] + shift[0] / pt, off[1] + shift[1] / pt)
                box = _box_of(anchor, size, (off[0] * pt, off[1] * pt), ha, va)
            leader = dist >= LEADER_FROM or moved
            foot = anchor + np.array(off) * pt
            row = np.array([box.extents], dtype=float)
            overprints += overlapping(box, apart_box)
            overprints += int(np.count_nonzero(crossings(row, lead_a, lead_b)))
            markers = overlapping(box, others)
            if shift.any():  # moved back, it may lie on its own marker
                markers += overlapping(box, own)
            covers = LINE_COST * int(np.count_nonzero(crossings(row, seg_a, seg_b)))
            if leader:  # a leader through a label, or across another leader, points at the wrong place
                overprints += int(np.count_nonzero(crossings(placed_box, anchor, foot)))
                overprints += sum(segments_cross(anchor, foot, p, q) for p, q in leaders)
                markers += int(np.count_nonzero(crossings(others, anchor, foot)))  # nor past another marker
                covers += STEP_COST * step
            elif len(other_xy):  # a label without a leader as near another marker as its own reads as naming it
                mine_d = max(float(_box_distance(box, anchor[np.newaxis])[0]) - gap * pt, 0.0)
                theirs = _box_distance(box, other_xy) - other_r
                markers += int((theirs < NEARER * mine_d + CLEAR * pt).any())
            return (int(overprints), int(markers), int(covers)), Placed(off, ha, va, box, leader), foot

        best = min((judge(*c) for c in near), key=lambda j: j[0])  # the first of the least bad, in order
        if best[0][0] or best[0][1]:
            best = min([best, *(judge(*c) for c in far)], key=lambda j: j[0])
        cost, spot, foot = best
        placed.append(spot.box)
        apart.append(_grown(spot.box, SPACE * pt))
        if spot.leader:
            leaders.append((anchor, foot))
        out[k], costs[k] = spot, cost
    return costs, [out[k] for k in range(len(xy))]


def draw_labels(ax, xy: Sequence[tuple[float, float]], texts: Sequence[str], *, size: float = 7,
                colours: Sequence[str] | None = None, gaps: Sequence[float] | None = None,
                points: Sequence[tuple[float, float]] = (), radii: Sequence[float] = (),
                lines: Sequence[tuple[tuple[float, float], tuple[float, float]]] = (),
                taken: Sequence[Bbox] = ()) -> list[Bbox]:
    """Label data points of ``ax`` with :func:`layout_labels` (data coordinates in, boxes in pixels out).

    Call after the figure's layout is final: the labels are left out of it. Each label has a white
    ground, so a line it cannot avoid still does not run through its letters, and a leader when it sits
    away from its point.
    """
    if not texts:
        return []
    renderer = ax.figure.canvas.get_renderer()
    pt = ax.figure.dpi / 72
    bbox = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    anns = []
    sizes = []
    for k, ((x, y), text) in enumerate(zip(xy, texts, strict=True)):
        ann = ax.annotate(renderable(text), (x, y), xytext=(0, 0), textcoords="offset points", ha="left",
                          va="bottom", fontsize=size, color=colours[k] if colours is not None else "0.1",
                          zorder=8, in_layout=False, bbox=bbox, linespacing=1.1)
        box = ann.get_window_extent(renderer)
        pad = 0.12 * size * pt + 1.0  # the white ground's pad, and a pixel to spare
        sizes.append((box.width + 2 * pad, box.height + 2 * pad))
        anns.append(ann)
    to_px = ax.transData.transform
    spots = layout_labels(
        to_px(np.array(xy, dtype=float).reshape(-1, 2)), sizes, ax.bbox, pt=pt, gaps=gaps,
        points=to_px(np.array(points, dtype=float).reshape(-1, 2)) if len(points) else None, radii=radii,
        segments=[(to_px(a), to_px(b)) for a, b in lines], taken=taken,
    )
    for ann, spot, (x, y), (w, _h) in zip(anns, spots, xy, sizes, strict=True):
        pad = (w - ann.get_window_extent(renderer).width) / 2 / pt  # the ground's pad, in points
        ann.xyann = (spot.offset[0] + {"left": pad, "right": -pad, "center": 0.0}[spot.ha],
                     spot.offset[1] + {"bottom": pad, "top": -pad, "center": 0.0}[spot.va])
        ann.set_horizontalalignment(spot.ha)
        ann.set_verticalalignment(spot.va)
        if spot.leader:
            ax.annotate("", (x, y), xytext=spot.offset, textcoords="offset points", in_layout=False, zorder=7,
                        arrowprops={"arrowstyle": "-", "color": "0.35", "linewidth": 0.5, "shrinkA": 0,
                                    "shrinkB": 0})
    return [s.box for s in spots]


def _label_section(ax, ex: ExerciseResult, nodes: list[int], links: list[int], radii: dict[int, float], *,
                   suffix: dict[int, str] | None = None,
                   marks: Sequence[tuple[float, float, str, float]] = ()) -> list[Bbox]:
    """Label the places a planner names, and the ringed bottlenecks first, where nothing covers them.

    ``radii`` gives each node's marker radius (points); ``marks`` are ``(x, elevation, label, ring
    radius)``, labelled in red. Every node and passage of the section is kept clear (:func:`draw_labels`).
    Call after the figure's layout is final (labels are left out of it). Returns the label boxes (pixels).
    """
    net = ex.spec.network
    at = drawn_at(ex, plan_view=False)

    def xz(k: int) -> tuple[float, float]:
        return float(at[k, 0]), float(at[k, 1])

    labelled = sorted((k for k in nodes if net.nodes[k].kind in LABELLED_KINDS or k in ex.spec.exits),
                      key=lambda k: (-net.nodes[k].elevation_m, at[k, 0]))
    xy = [(x, z) for x, z, _, _ in marks] + [xz(k) for k in labelled]
    texts = [m[2] for m in marks] + [net.nodes[k].id + (suffix or {}).get(k, "") for k in labelled]
    lines = [(xz(net.links[i].a), xz(net.links[i].b)) for i in links]
    return draw_labels(
        ax, xy, texts, colours=[BOTTLENECK] * len(marks) + ["0.1"] * len(labelled),
        gaps=[m[3] for m in marks] + [radii.get(k, 1.5) for k in labelled],
        points=[xz(k) for k in nodes] + [(x, z) for x, z, _, _ in marks],
        radii=[radii.get(k, 1.5) for k in nodes] + [m[3] for m in marks], lines=lines,
    )


def _kind_handles(kinds: list[str], t: Text) -> list[Line2D]:
    return [
        Line2D([], [], color="0.3", linestyle=LINK_STYLE.get(k, DEFAULT_LINK_STYLE)[0],
               linewidth=LINK_STYLE.get(k, DEFAULT_LINK_STYLE)[1], label=t.term(k))
        for k in kinds
    ]


def section(ex: ExerciseResult, card: Scorecard, t: Text, path: Path) -> Path:
    """The mine as a vertical section: when water reached each passage, when each place was cleared."""
    net = ex.spec.network
    nodes, links = section_parts(ex)
    st = node_stats(ex)
    dur = ex.spec.duration_s
    link_water = np.array([min(st["water"][net.links[i].a], st["water"][net.links[i].b]) for i in links])

    fig = new_figure(ex, t, FIG_W, 8.8)
    ax_w, ax_c = fig.subplots(2, 1, sharex=True)
    cmap = matplotlib.colormaps[CMAP]
    finite_w = link_water[np.isfinite(link_water)]
    norm_w = Normalize(0, (finite_w.max() if len(finite_w) else dur) / 60)
    _draw_links(ax_w, ex, links, [cmap(norm_w(v / 60)) if math.isfinite(v) else DRY for v in link_water],
                [1.0 if math.isfinite(v) else 0.6 for v in link_water])
    at = drawn_at(ex, plan_view=False)
    xs, zs = at[nodes, 0], at[nodes, 1]
    ax_w.scatter(xs, zs, s=6, color="0.2", zorder=3)
    fig.colorbar(ScalarMappable(norm_w, cmap), ax=ax_w, label=t("fig_water_arrives"), shrink=0.85)
    ax_w.set_title(t("fig_section_a"))
    handles = _kind_handles(sorted({net.links[i].kind for i in links}), t)
    handles.append(Line2D([], [], color=DRY, linewidth=1.0, label=t("fig_dry")))
    ax_w.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below(ax_w, 4),
                ncol=len(handles), fontsize=7)

    _draw_links(ax_c, ex, links, [DRY] * len(links), [0.6] * len(links))
    clear = st["clear"][nodes]
    started = st["started"][nodes]
    finite_c = clear[np.isfinite(clear)]
    norm_c = Normalize(0, (finite_c.max() if len(finite_c) else dur) / 60)
    nobody = ~started
    ax_c.scatter(xs[nobody], zs[nobody], s=8, color=DRY, zorder=3, label=t("fig_nobody"))
    fin = np.isfinite(clear)
    ax_c.scatter(xs[fin], zs[fin], c=clear[fin] / 60, cmap=cmap, norm=norm_c, s=60, edgecolors="0.1",
                 linewidths=0.6, zorder=4, label=t("fig_cleared"))
    never = started & ~fin
    if never.any():
        ax_c.scatter(xs[never], zs[never], marker="X", s=90, color=NEVER, edgecolors="0.1", linewidths=0.6, zorder=4,
                     label=t("fig_not_cleared"))
    marks = section_bottlenecks(ex)
    rings = [(x, z, label, RING_R) for x, z, label in _mark_bottlenecks(ax_c, ex, t, marks, plan_view=False)]
    for hid, q in cage_queues(ex).items():
        hdef = next((h for h in ex.spec.hoists if h.id == hid), None)
        if hdef is None or q <= 0:
            continue
        # on the shaft, halfway along its longest stretch between stops: halfway from the collar to the bottom
        # falls on a station wherever the stations are evenly spaced (collar, 1350, 1300), and reads as a queue there
        stops = [at[s] for s in hdef.stations]
        a, b = max(itertools.pairwise(stops), key=lambda ab: abs(float(ab[0][1] - ab[1][1])))
        mid = tuple(float(v) for v in (a + b) / 2)
        ax_c.scatter([mid[0]], [mid[1]], s=CAGE_RING_S, facecolors="none", edgecolors=BOTTLENECK, linewidths=1.8,
                     zorder=6)
        rings.insert(0, (mid[0], mid[1], f"{hid}: {cage_queue_label(ex, hid, t)}", CAGE_RING_R))
    if marks or cage_queues(ex):
        ax_c.scatter([], [], s=120, facecolors="none", edgecolors=BOTTLENECK, linewidths=1.5, label=t("fig_bottleneck"))
    fig.colorbar(ScalarMappable(norm_c, cmap), ax=ax_c, label=t("fig_last_safe"), shrink=0.85)
    ax_c.set_title(t("fig_section_b"))
    ax_c.text(0.0, 0, renderable(t("fig_k_of_n", n=ex.replications)), transform=below(ax_c, 30), fontsize=7, va="top")
    # four entries in one row are wider than the panel: the layout then narrows the panel at every pass and never
    # settles, and the labels placed for one pass stood outside the panel drawn at the next
    entries = len(ax_c.get_legend_handles_labels()[1])
    ax_c.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below(ax_c, 40),
                ncol=entries if entries <= 3 else 2, fontsize=7, markerscale=0.8)
    for ax in (ax_w, ax_c):
        ax.set_ylabel(t("fig_elevation"))
        ax.margins(x=0.08, y=0.15)
    east, north = section_direction(ex)
    ax_c.set_xlabel(t("fig_section_x") if not north else
                    t("fig_section_x_bearing", deg=round(math.degrees(math.atan2(east, north))) % 360))
    fig.draw_without_rendering()  # fix the layout (nothing rendered), then place the labels that it leaves out
    fig.set_layout_engine("none")  # and keep it so when saving: the labels are placed for this layout
    _label_section(ax_w, ex, nodes, links, dict.fromkeys(nodes, _radius(6)))
    not_cleared = st["not_cleared"]
    radii = {k: _radius(8 if not st["started"][k] else 60 if math.isfinite(st["clear"][k]) else 90) for k in nodes}
    _label_section(ax_c, ex, nodes, links, radii, marks=rings,
                   suffix={k: f" ({not_cleared[k]}/{ex.replications})" for k in nodes
                           if st["started"][k] and not_cleared[k]})
    return save(fig, path)


#: A group of places where people start gets its own close-up when it spans less than this share of the map's
#: extent: drawn to the scale of a ten-kilometre valley on the report's 5.6-inch map, a village of a few hundred
#: metres is then under half an inch, its markers touching and its labels crowded out (a dam planner's long-valley
#: site). Places join a group when nearer each other than half that share.
ZOOM_SHARE = 0.1
MAX_ZOOMS = 3  # close-ups drawn side by side under the map; the most populous groups first
ZOOM_H_IN = 2.1  # inches for the row of close-ups, their titles and labels
ZOOMED_PANEL_H_IN = 2.0  # inches, at most, for each whole-map panel above close-ups
#: The site map is drawn no taller than prints at the report's text width under the section's heading, with its
#: title and a caption of up to twelve lines (the bundled dam break's, in English): the page's 9.99 in between
#: its margins (:data:`drills.experiment.report.USABLE_H`) less 0.52 in of heading and 2.65 in of title and
#: caption leave 6.82 in, which at the text width (6.67 in for the FIG_W of 7.5 in drawn) is 7.67 in drawn. A
#: taller map was shrunk to fit and its labels printed at about 80 % of their size.
MAP_H_IN = 7.5
#: inches of the map outside its panels and close-ups: titles, axes (the east axis named once, under panel (b),
#: which has the same scale and limits), the legend's rows, footer
MAP_FRAME_IN = 2.4
#: of which the legend's rows under panel (b), saved where the legend stands beside a lone close-up instead
LEGEND_ROWS_IN = 0.8
ZOOM_PAD = 0.25  # share of a group's extent left round it in its close-up (and at least 120 m)


def settlements(xy: np.ndarray, populated: Sequence[bool], people: Sequence[float]) -> list[list[int]]:
    """The groups of places (indices into ``xy``, metres) that need a close-up: places joined when nearer each
    other than half :data:`ZOOM_SHARE` of the extent of all of ``xy``; a group is kept when it has at least two
    ``populated`` places and spans less than :data:`ZOOM_SHARE` of that extent. At most :data:`MAX_ZOOMS`, the
    most ``people`` first, then from west to east."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    extent = float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]))) if len(xy) else 0.0
    if extent <= 0:
        return []
    group = list(range(len(xy)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    near = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)) < ZOOM_SHARE / 2 * extent
    for i, j in zip(*np.nonzero(np.triu(near, 1)), strict=True):
        group[root(int(j))] = root(int(i))
    groups: dict[int, list[int]] = {}
    for i in range(len(xy)):
        groups.setdefault(root(i), []).append(i)
    kept = [g for g in groups.values() if sum(populated[i] for i in g) >= 2
            and max(np.ptp(xy[g, 0]), np.ptp(xy[g, 1])) < ZOOM_SHARE * extent]
    kept.sort(key=lambda g: (-sum(people[i] for i in g), float(xy[g, 0].min())))
    return sorted(kept[:MAX_ZOOMS], key=lambda g: float(xy[g, 0].min()))


def map_settlements(ex: ExerciseResult) -> list[list[int]]:
    """The groups of named places (node indices) that the site map draws again close up (:func:`settlements`)."""
    net = ex.spec.network
    nodes, _ = map_parts(ex)
    people = node_stats(ex)["people"]
    named = [k for k in nodes if net.nodes[k].kind != "road_junction"]
    return [[named[i] for i in g] for g in settlements(
        np.array([(net.nodes[k].x_m, net.nodes[k].y_m) for k in named]),
        [net.nodes[k].kind in HOME_KINDS and people[k] > 0 for k in named], [people[k] for k in named])]


def zoom_limits(xy: np.ndarray) -> tuple[float, float, float, float]:
    """The close-up's x and y limits round the places ``xy`` (metres): their box, padded by :data:`ZOOM_PAD`."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    pad = max(ZOOM_PAD * float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]))), 120.0)
    return (float(xy[:, 0].min()) - pad, float(xy[:, 0].max()) + pad, float(xy[:, 1].min()) - pad,
            float(xy[:, 1].max()) + pad)


FILL_PASSES = 3  # layouts run to settle a map's equal scales (the tick labels' width changes with the limits)


def fill_box(ax) -> None:
    """Equal scales on ``ax``, its box kept: the shorter of its ranges is widened about its middle. A long valley
    gets room above and below it for the labels, not a thin strip of the height its own scale leaves it. (Equal
    scales by a fixed aspect would shrink the box after the layout is made, and the constrained layout then leaves
    the axis labels off the figure.)"""
    box = ax.get_window_extent()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    per_px = max((x1 - x0) / box.width, (y1 - y0) / box.height)
    xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
    ax.set_xlim(xm - per_px * box.width / 2, xm + per_px * box.width / 2)
    ax.set_ylim(ym - per_px * box.height / 2, ym + per_px * box.height / 2)


def site_map(ex: ExerciseResult, card: Scorecard, t: Text, path: Path) -> Path:
    """The valley in plan view: flood arrival at places and roads, clearance of each place, bridges, bottlenecks."""
    net = ex.spec.network
    nodes, links = map_parts(ex)
    st = node_stats(ex)
    dur = ex.spec.duration_s
    xs = np.array([net.nodes[k].x_m for k in nodes])
    ys = np.array([net.nodes[k].y_m for k in nodes])
    span_x, span_y = np.ptp(xs) or 1.0, np.ptp(ys) or 1.0
    pad_x, pad_y = 0.08 * span_x + 150, 0.12 * span_y + 150
    box_w = FIG_W - 1.9  # the map's width on paper: the figure less the axis labels and the colour bar
    panel_h = min(max(box_w * (span_y + 2 * pad_y) / (span_x + 2 * pad_x), 1.8), 4.5)
    people = st["people"]
    kinds = [net.nodes[k].kind for k in nodes]
    named = [k for k, kd in zip(nodes, kinds, strict=True) if kd != "road_junction"]
    groups = map_settlements(ex)
    # a lone close-up takes half the row, not the whole width of a long, thin strip, and the legend the other half
    beside = len(groups) == 1
    frame = MAP_FRAME_IN - (LEGEND_ROWS_IN if beside else 0.0)
    zoom_h = ZOOM_H_IN if groups else 0.0
    if groups:  # the whole map gives up some height to its close-ups
        panel_h = min(panel_h, ZOOMED_PANEL_H_IN)
    # and never makes the figure taller than prints at its size
    panel_h = min(panel_h, (MAP_H_IN - frame - zoom_h) / 2)
    fig = new_figure(ex, t, FIG_W, 2 * panel_h + frame + zoom_h)
    rows = fig.add_gridspec(3 if groups else 2, 1, height_ratios=[panel_h, panel_h] + ([zoom_h] if groups else []))
    ax_w, ax_c = fig.add_subplot(rows[0]), fig.add_subplot(rows[1])
    zooms = []
    key = None  # the legend's own cell, beside a lone close-up
    if beside:
        cells = rows[2].subgridspec(1, 2)
        zooms = [fig.add_subplot(cells[0, 1])]
        key = fig.add_subplot(cells[0, 0], label="key")
        key.set_axis_off()
    elif groups:
        cells = rows[2].subgridspec(1, len(groups))
        zooms = [fig.add_subplot(cells[0, i]) for i in range(len(groups))]
    cmap = matplotlib.colormaps[CMAP]
    water = st["water"]
    link_water = np.array([min(water[net.links[i].a], water[net.links[i].b]) for i in links])
    finite = np.concatenate([water[nodes][np.isfinite(water[nodes])], link_water[np.isfinite(link_water)]])
    norm_w = Normalize(math.floor(finite.min() / 60) if len(finite) else 0, (finite.max() if len(finite) else dur) / 60)
    _draw_links(ax_w, ex, links, [cmap(norm_w(v / 60)) if math.isfinite(v) else DRY for v in link_water],
                [1.0] * len(links), plan_view=True)

    def draw_places(ax, colour_of) -> None:
        for kind, marker, base in (("dam", "s", 150), ("assembly_point", "^", 110), ("road_junction", "o", 14),
                                   ("collar", "D", 50), ("portal", "D", 50), ("surface", "D", 50)):
            ks = [k for k, kd in zip(nodes, kinds, strict=True) if kd == kind]
            if ks:
                ax.scatter([net.nodes[k].x_m for k in ks], [net.nodes[k].y_m for k in ks], marker=marker, s=base,
                           c=[colour_of(k, kind) for k in ks], edgecolors="0.1",
                           linewidths=0.9 if kind != "road_junction" else 0.4, zorder=4)
        ks = [k for k, kd in zip(nodes, kinds, strict=True) if kd in HOME_KINDS]
        if ks:
            ax.scatter([net.nodes[k].x_m for k in ks], [net.nodes[k].y_m for k in ks],
                       s=[30 + 6 * math.sqrt(people[k]) for k in ks], marker="o",
                       c=[colour_of(k, net.nodes[k].kind) for k in ks], edgecolors="0.1", linewidths=0.8, zorder=5)

    def water_colour(k: int, kind: str):
        if kind == "dam":
            return "0.25"
        return cmap(norm_w(water[k] / 60)) if math.isfinite(water[k]) else "white"

    draw_places(ax_w, water_colour)
    bridges = _mark_bridges(ax_w, ex, links)

    def bar_name(text: str) -> str:
        """A colour bar's name on lines no longer than the bar (90 % of its panel), so that it does not run past
        it beside the other bar; on two lines at most, each as long as two need, not to take the map's width."""
        width = 0.85 * panel_h
        while (lines := wrapped(text, 8, width)).count("\n") > 1:
            width += 0.1
        return lines

    fig.colorbar(ScalarMappable(norm_w, cmap), ax=ax_w, shrink=0.9).set_label(bar_name(t("fig_water_arrives")),
                                                                              fontsize=8)
    ax_w.set_title(t("fig_map_a"))

    _draw_links(ax_c, ex, links, [DRY] * len(links), [0.8] * len(links), plan_view=True)
    zones = {z.zone: z for z in getattr(card, "zones", ())}
    norm_s = Normalize(0, 100)

    def place_zone(k: int):
        """The by-place row of the scorecard for the people who started at ``k`` (None if nobody did)."""
        return zones.get(net.nodes[k].id) if people[k] else None

    def safe_colour(k: int, kind: str):
        if kind == "dam":
            return "0.25"
        if kind == "assembly_point":
            return SAFE
        z = place_zone(k)
        return cmap(norm_s(100 * z.share_safe_before_water.mean)) if z is not None else "white"

    draw_places(ax_c, safe_colour)
    _mark_bridges(ax_c, ex, links)
    marks = map_bottlenecks(ex)
    rings = _mark_bottlenecks(ax_c, ex, t, marks, plan_view=True)
    fig.colorbar(ScalarMappable(norm_s, cmap), ax=ax_c, shrink=0.9).set_label(bar_name(t("fig_place_safe_bar")),
                                                                              fontsize=8)
    ax_c.set_title(t("fig_map_b_safe"))
    for ax in (ax_w, ax_c):
        ax.set_xlim(xs.min() - pad_x, xs.max() + pad_x)
        ax.set_ylim(ys.min() - pad_y, ys.max() + pad_y)
        ax.set_ylabel(t("fig_north"))
    ax_c.set_xlabel(t("fig_east"))  # once, under both: the panels share the scale and the ticks
    boxes = [zoom_limits(np.array([(net.nodes[k].x_m, net.nodes[k].y_m) for k in g])) for g in groups]
    letters = [f"({chr(ord('c') + i)})" for i in range(len(groups))]
    zoom_rings: list[list[tuple[float, float, str]]] = []
    for ax, g, (x0, x1, y0, y1), letter in zip(zooms, groups, boxes, letters, strict=True):
        _draw_links(ax, ex, links, [DRY] * len(links), [0.8] * len(links), plan_view=True)
        draw_places(ax, safe_colour)
        _mark_bridges(ax, ex, links)
        middles = [((net.nodes[net.links[i].a].x_m + net.nodes[net.links[i].b].x_m) / 2,
                    (net.nodes[net.links[i].a].y_m + net.nodes[net.links[i].b].y_m) / 2) for i, _ in marks]
        here = [m for m, (x, y) in zip(marks, middles, strict=True) if x0 <= x <= x1 and y0 <= y <= y1]
        zoom_rings.append(_mark_bottlenecks(ax, ex, t, here, plan_view=True))
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_title(t("fig_map_zoom", letter=letter, place=net.nodes[max(g, key=lambda k: people[k])].id),
                     fontsize=8)
        ax.set_label("zoom")
        ax.tick_params(labelsize=6.5)
        for main in (ax_w, ax_c):
            main.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="0.3", linewidth=0.8,
                                     linestyle=(0, (3, 2)), zorder=3))
    handles = [
        Line2D([], [], marker="s", color="0.25", markeredgecolor="0.1", linestyle="none", label=t("fig_dam")),
        Line2D([], [], marker="^", color=SAFE, markeredgecolor="0.1", linestyle="none", label=t("fig_assembly")),
        Line2D([], [], marker="o", color="white", markeredgecolor="0.1", linestyle="none", label=t("fig_household")),
        *_kind_handles(sorted({net.links[i].kind for i in links}), t),
    ]
    if any(kd in SAFE_SURFACE for kd in kinds):
        handles.append(Line2D([], [], marker="D", color="white", markeredgecolor="0.1", linestyle="none",
                              label=t("fig_mine_exit")))
    if bridges:
        handles.append(Line2D([], [], marker=BRIDGE_SIGN, markerfacecolor="none", markeredgecolor=BRIDGE_COLOUR,
                              markersize=11, markeredgewidth=1.4, linestyle="none", label=t("fig_bridge")))
    if marks:
        handles.append(Line2D([], [], marker="o", markerfacecolor="none", markeredgecolor=BOTTLENECK,
                              markersize=10, linestyle="none", label=t("fig_bottleneck")))
    if key is not None:
        key.legend(handles=handles, loc="center", ncol=1, fontsize=7, frameon=False)
    else:
        ax_c.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below(ax_c, 26),
                    ncol=3, fontsize=7)
    for _ in range(FILL_PASSES):  # lay the panels out, give each equal scales in its box, and again: the new
        fig.draw_without_rendering()  # ticks may take another width (nothing rendered)
        for ax in (ax_w, ax_c, *zooms):
            fill_box(ax)
    fig.draw_without_rendering()  # fix the layout before the labels are placed

    dams = {d.node: d.dam for d in _dams(ex)}

    def name(k: int, outcome: bool) -> str:
        node = net.nodes[k]
        if node.kind == "dam":
            return f"{t('fig_dam')} {dams.get(k, node.id)}"
        if node.kind in HOME_KINDS and people[k]:
            z = place_zone(k)
            if not outcome or z is None:
                return f"{node.id} · {people[k]}"
            safe = share_text(z.share_safe_before_water.mean)
            deaths = z.expected_fatalities.mean
            line = (t("fig_place_safe", s=safe) if math.isnan(deaths) else
                    t("fig_place_outcome", s=safe, f=fmt_value(deaths, "persons")))
            return f"{node.id} · {people[k]}\n{line}"
        if node.kind == "assembly_point" and node.capacity_persons:
            return f"{node.id} ({node.capacity_persons})"
        return node.id

    def radius(k: int) -> float:
        kind = net.nodes[k].kind
        if kind in HOME_KINDS:
            return _radius(30 + 6 * math.sqrt(people[k]))
        return _radius({"dam": 150, "assembly_point": 110, "road_junction": 14}.get(kind, 50))

    # labels keep clear of the bridge signs as of the places
    every = [(net.nodes[k].x_m, net.nodes[k].y_m) for k in nodes] + bridges
    sizes = [radius(k) for k in nodes] + [_radius(BRIDGE_S)] * len(bridges)
    lines = [((net.nodes[net.links[i].a].x_m, net.nodes[net.links[i].a].y_m),
              (net.nodes[net.links[i].b].x_m, net.nodes[net.links[i].b].y_m)) for i in links]

    def zoomed(x: float, y: float) -> bool:
        return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, x1, y0, y1 in boxes)

    # the places of a close-up are named there; on the whole map its frame is named by its letter instead
    shown = [k for k in named if not zoomed(net.nodes[k].x_m, net.nodes[k].y_m)]
    pts = [(net.nodes[k].x_m, net.nodes[k].y_m) for k in shown]
    frames: list[tuple[float, float]] = [(x1, y1) for _, x1, _, y1 in boxes]
    ring_pts = [r for r in rings if not zoomed(r[0], r[1])]
    taken = draw_labels(ax_w, frames + pts, letters + [name(k, False) for k in shown],
                        gaps=[1.0] * len(frames) + [radius(k) for k in shown],
                        points=every, radii=sizes, lines=lines)
    draw_labels(ax_c, frames + [(x, y) for x, y, _ in ring_pts] + pts,
                letters + [r[2] for r in ring_pts] + [name(k, True) for k in shown],
                colours=["0.1"] * len(frames) + [BOTTLENECK] * len(ring_pts) + ["0.1"] * len(shown),
                gaps=[1.0] * len(frames) + [RING_R] * len(ring_pts) + [radius(k) for k in shown],
                points=every + [(x, y) for x, y, _ in rings], radii=sizes + [RING_R] * len(rings),
                lines=lines)
    for ax, ring_here in zip(zooms, zoom_rings, strict=True):
        inner = [k for k in named if zoomed(net.nodes[k].x_m, net.nodes[k].y_m)
                 and ax.get_xlim()[0] <= net.nodes[k].x_m <= ax.get_xlim()[1]
                 and ax.get_ylim()[0] <= net.nodes[k].y_m <= ax.get_ylim()[1]]
        draw_labels(ax, [(x, y) for x, y, _ in ring_here] + [(net.nodes[k].x_m, net.nodes[k].y_m) for k in inner],
                    [r[2] for r in ring_here] + [name(k, True) for k in inner],
                    colours=[BOTTLENECK] * len(ring_here) + ["0.1"] * len(inner),
                    gaps=[RING_R] * len(ring_here) + [radius(k) for k in inner],
                    points=every + [(x, y) for x, y, _ in ring_here],
                    radii=sizes + [RING_R] * len(ring_here), lines=lines)
    _label_roads(ax_w, ex, links, taken, every)
    return save(fig, path)


def _dams(ex: ExerciseResult) -> list[Any]:
    db = ex.spec.dam_break
    return [db] if db is not None and hasattr(db, "node") else []


def _corners(box: Bbox) -> np.ndarray:
    return np.array([(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1)])


def polygons_overlap(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two convex polygons (corners in order, shape (k, 2)) overlap: no edge of either separates them."""
    for poly in (a, b):
        for i in range(len(poly)):
            edge = poly[(i + 1) % len(poly)] - poly[i]
            normal = np.array([-edge[1], edge[0]])
            pa, pb = a @ normal, b @ normal
            if pa.max() <= pb.min() or pb.max() <= pa.min():
                return False
    return True


ROAD_SPOTS = (0.5, 0.35, 0.65, 0.25, 0.75)  # where along a road its name may sit, tried in this order


def _label_roads(ax, ex: ExerciseResult, links: list[int], taken: Sequence[Bbox] = (),
                 points: Sequence[tuple[float, float]] = ()) -> list[np.ndarray]:
    """Write each long enough road's id along it, in small grey italics, where it covers no other label,
    no place and no other road's name (slid along the road if need be, left out if nowhere fits).

    Returns the corners (pixels) of each name written.
    """
    net = ex.spec.network
    renderer = ax.figure.canvas.get_renderer()
    pt = ax.figure.dpi / 72
    blocked = [_corners(b) for b in taken]
    blocked += [_corners(Bbox.from_extents(x - 3 * pt, y - 3 * pt, x + 3 * pt, y + 3 * pt))
                for x, y in ax.transData.transform(np.array(points, dtype=float).reshape(-1, 2))]
    written: list[np.ndarray] = []
    for i in links:
        lk = net.links[i]
        a, b = net.nodes[lk.a], net.nodes[lk.b]
        pa, pb = ax.transData.transform([(a.x_m, a.y_m), (b.x_m, b.y_m)])
        if pb[0] < pa[0]:  # read left to right
            pa, pb = pb, pa
        length = float(np.hypot(*(pb - pa)))
        theta = math.atan2(pb[1] - pa[1], pb[0] - pa[0])
        txt = ax.text(0, 0, renderable(lk.id), fontsize=5.5, color="0.35", style="italic", rotation=0,
                      rotation_mode="anchor", ha="center", va="bottom", zorder=2, in_layout=False)
        extent = txt.get_window_extent(renderer)
        w, h = extent.width, extent.height
        if w > 0.8 * length or length < 40:
            txt.remove()
            continue
        unit = np.array([math.cos(theta), math.sin(theta)])
        up = np.array([-unit[1], unit[0]])
        spot = None
        for f in ROAD_SPOTS:
            if abs(f - 0.5) * length + w / 2 > 0.45 * length:
                continue
            mid = pa + f * (pb - pa)
            poly = np.array([mid - unit * w / 2, mid + unit * w / 2, mid + unit * w / 2 + up * h,
                             mid - unit * w / 2 + up * h])
            # against labels and places, the upright box the turned name stands in: it keeps clear of a label
            # even where the two only seem to touch
            upright = _corners(Bbox.from_extents(*poly.min(axis=0), *poly.max(axis=0)))
            if not any(polygons_overlap(upright, other) for other in blocked) and \
                    not any(polygons_overlap(poly, other) for other in written):
                spot = (mid, poly)
                break
        if spot is None:
            txt.remove()
            continue
        txt.set_position(ax.transData.inverted().transform(spot[0]))
        txt.set_rotation(math.degrees(theta))
        written.append(spot[1])
    return written


def _warned_at(records: list[tuple[float, float]]) -> tuple[float, float, float, float, float]:
    """P5, median and P95 of the warned times, median water time and share never warned at one place."""
    w = np.array(records, dtype=float)
    warned = np.where(np.isnan(w[:, 0]), np.inf, w[:, 0])
    p5, p50, p95 = np.quantile(warned, [0.05, 0.5, 0.95], method="inverted_cdf")
    return float(p5), float(p50), float(p95), float(median(w[:, 1])), float(np.mean(np.isinf(warned)))


def share_text(share: float) -> str:
    """A share as a percentage with one decimal, never shown as 0 % (or 100 %) when it is not."""
    if 0 < share < 0.0005:
        return "<0.1 %"
    if 0.9995 <= share < 1:
        return ">99.9 %"
    return fmt_value(share, "share")


def channel_name(channel: str, t: Text, types: dict[str, str]) -> str:
    """A first-warning channel as a bar is labelled: its plan id, and in Chinese its kind's name before it (a
    Chinese reader knows 矿灯寻呼, not 'cap-lamp-paging'); ``types`` maps the plan's channel ids to their types."""
    key = CHANNEL_KEYS.get(channel)
    if key:
        return t(key)
    kind = types.get(channel)
    return f"{t.term(kind)} {channel}" if t.zh and kind and t.term(kind) != kind else channel


def table_order(ex: ExerciseResult, card: Scorecard) -> Callable[[str], tuple[float, float, float]]:
    """The sort key of a starting place (a node id) in the order of the table by level and place: its level's or
    its own row in the card's zones (:func:`~drills.experiment.scorecard.zone_of`), then, within a level, the
    highest place first; a place in no row last."""
    net = ex.spec.network
    row = {z.zone: k for k, z in enumerate(card.zones)}
    zone = {net.nodes[p.start].id: zone_of(ex.spec, p) for p in ex.spec.people}

    def key(place: str) -> tuple[float, float, float]:
        n = net.nodes[net.index[place]] if place in net.index else None
        at = row.get(zone.get(place, ""), len(row))
        return (at, -n.elevation_m, n.x_m) if n is not None else (at, math.inf, 0.0)

    return key


def channels(ex: ExerciseResult, card: Scorecard, t: Text, path: Path) -> Path:
    """How people were first warned, and when, by starting place."""
    firsts = card.first_warned_by  # shares, as the scorecard gives them (a shift kept on the surface left out)
    by_place: dict[str, list[tuple[float, float]]] = {}
    for states in ex.states:
        for s in states:  # as the table by place: the order only, the source left out
            if s.audience and not s.source:
                p = s.record
                by_place.setdefault(p.start, []).append(
                    (p.warned_s if p.warned_by not in ("", "water") else math.nan, p.water_s))
    names = sorted((k for k in firsts if k), key=lambda k: (-firsts[k], k))
    if "" in firsts:
        names.append("")
    stats = {s: _warned_at(by_place[s]) for s in by_place}
    shown = sorted(stats, key=lambda s: (-stats[s][4], -stats[s][1], s))[:MAX_PLACES]  # the latest warned
    places = sorted(shown, key=table_order(ex, card))
    rows = [stats[s] for s in places]

    fig = new_figure(ex, t, FIG_W, 2.6 + 0.26 * (len(names) + len(places)))
    ax_ch, ax_pl = fig.subplots(2, 1, height_ratios=[len(names) + 1.5, len(places) + 1.5])
    shares = [100 * firsts[k] for k in names]
    ys = np.arange(len(names))
    ax_ch.barh(ys, shares, color=[NEVER if k == "" else matplotlib.colormaps[CMAP](0.25) for k in names],
               hatch=["//" if k == "" else "" for k in names], edgecolor="0.15", linewidth=0.5, height=0.65)
    for bar_y, share in zip(ys, shares, strict=True):
        ax_ch.text(share, bar_y, f" {share_text(share / 100)}", va="center", fontsize=7.5)
    types = {ch.id: ch.type for ch in ex.spec.channels}
    ax_ch.set_yticks(ys, [renderable(channel_name(k, t, types)) for k in names])
    ax_ch.invert_yaxis()
    ax_ch.set_xlim(0, max([*shares, 1.0]) * 1.15)
    ax_ch.set_xlabel(t("fig_share_pr"))
    ax_ch.set_title(t("fig_channel_first"))
    ax_ch.grid(axis="y", visible=False)

    finite = [v for row in rows for v in row[:4] if math.isfinite(v)]
    right = max((max(finite) if finite else ex.spec.duration_s) / 60 * 1.12, 1.0)  # at least a minute: all at 0 s
    ax_pl.set_xlim(-0.015 * right, right * 1.03)  # the share never warned is written past the right edge
    for y, (p5, p50, p95, wat, never) in enumerate(rows):
        hi = min(p95 / 60, right)
        ax_pl.plot([p5 / 60, hi], [y, y], color="0.25", linewidth=1.4, zorder=2)
        if math.isinf(p95) and never > 0:  # P95 never: some were never warned (never a 0 % arrow)
            ax_pl.plot([hi], [y], marker=">", color="0.25", markersize=5, zorder=2, gid="never-arrow")
        if math.isfinite(p50):
            ax_pl.plot([p50 / 60], [y], marker="o", color=WARNED, markeredgecolor="0.1", markersize=6, zorder=3)
        if math.isfinite(wat):
            ax_pl.plot([wat / 60], [y], marker="v", color=WATER, markeredgecolor="0.1", markersize=6, zorder=3)
        if never > 0:
            ax_pl.text(1.0, y, t("fig_not_first_share", p=share_text(never)), va="center", fontsize=7, color=NEVER,
                       gid="never-share", transform=blended_transform_factory(ax_pl.transAxes, ax_pl.transData))
    drawn = [o for o in orders(card) if math.isfinite(o.median_s)]
    for o in drawn:
        ax_pl.axvline(o.median_s / 60, color="0.15", linewidth=1, linestyle=ORDER_STYLES[o.key])
    ax_pl.set_yticks(range(len(places)), [renderable(s) for s in places])
    ax_pl.set_ylim(max(len(places), 1) - 0.5, -0.5)
    if not places:  # the order is for nobody but those where the water breaks in, left out as in the table
        ax_pl.text(0.5, 0.5, t("fig_when_warned_none"), transform=ax_pl.transAxes, ha="center", va="center",
                   fontsize=8, color="0.35", gid="no-places")
    ax_pl.set_xlabel(t("fig_minutes"))
    more = t("fig_when_warned_more", k=len(places), n=len(stats)) if len(stats) > len(places) else ""
    ax_pl.set_title(t("fig_when_warned", by=t.words("zones_by", card.site), more=more))
    ax_pl.grid(axis="y", visible=False)
    ax_pl.legend(
        handles=[
            Line2D([], [], marker="o", color=WARNED, markeredgecolor="0.1", linestyle="none",
                   label=t("fig_warned_median")),
            Line2D([], [], color="0.25", linewidth=1.4, label=t("fig_warned_range")),
            Line2D([], [], marker="v", color=WATER, markeredgecolor="0.1", linestyle="none",
                   label=t("fig_water_median")),
            *(Line2D([], [], color="0.15", linewidth=1, linestyle=ORDER_STYLES[o.key],
                     label=t("fig_order_median", order=t(f"fig_{o.key}"))) for o in drawn),
        ],
        loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below(ax_pl, 28), ncol=2, fontsize=7,
    )
    return save(fig, path)


def cage(ex: ExerciseResult, card: Scorecard, t: Text, path: Path) -> Path:
    """Distributions over replications of each cage's utilisation, longest queue and mean wait."""
    hoists = sorted({h.hoist for r in ex.results for h in r.hoists})
    several = len(hoists) > 1
    # one cage: three panels side by side, each median in its title; several: the panels one above the other, each
    # with its legend of the cages and their medians beside it (side by side, the legends covered the bars and the
    # titles ran into each other)
    fig = new_figure(ex, t, FIG_W, 2.2 * 3 + 0.5) if several else new_figure(ex, t, FIG_W, 3.4)
    axes = fig.subplots(3, 1) if several else fig.subplots(1, 3)
    panels = (
        ("utilisation", 100.0, t("fig_cage_util_x"), t("fig_cage_util"), "{:.1f} %"),
        ("max_queue", 1.0, t("fig_cage_queue_x"), t("fig_cage_queue_t"), "{:.0f}"),
        ("mean_wait_s", 1 / 60, t("fig_cage_wait_x"), t("fig_cage_wait"), "{:.1f} " + t("unit_min")),
    )
    styles = ("-", "--", ":", "-.")
    cmap = matplotlib.colormaps[CMAP]
    for ax, (attr, scale, unit, title, fmt) in zip(axes, panels, strict=True):
        medians = []
        for i, hid in enumerate(hoists):
            v = np.array([getattr(h, attr) for r in ex.results for h in r.hoists if h.hoist == hid], dtype=float)
            v = v[np.isfinite(v)] * scale
            if not len(v):
                continue
            bins = hist_bins(v, whole=attr == "max_queue")
            if attr == "utilisation":  # a share: no bin (nor axis, below) reaches past 100 %
                bins = np.unique(np.minimum(bins, scale))
            med = float(median(v))
            # the queue's panel names both numbers the section and the scorecard show: the median and the largest
            medians.append(t("fig_median_largest", v=fmt.format(med), top=fmt.format(float(v.max())), n=len(v))
                           if attr == "max_queue" else t("fig_median_of", v=fmt.format(med)))
            colour = cmap(0.15 + 0.7 * i / len(hoists)) if several else "0.1"
            if not several:
                ax.hist(v, bins=bins, color=cmap(0.3), edgecolor="white", linewidth=0.4)
            else:
                ax.hist(v, bins=bins, histtype="step", color=colour, linestyle=styles[i % len(styles)],
                        linewidth=1.5, label=renderable(f"{hid}\n{medians[-1]}"))
            ax.axvline(med, color=colour, linewidth=1, linestyle=(0, (4, 3)))  # each cage's median in its colour
        ax.set_title(f"{title}\n{medians[0]}" if len(medians) == 1 else title)
        if attr == "utilisation":
            lo, hi = ax.get_xlim()
            ax.set_xlim(lo, min(hi, scale))
        ax.set_xlabel(unit)
        ax.set_ylabel(t("fig_replications"))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # a count of replications: no tick at 2.5
        ax.grid(axis="x", visible=False)
        if several:
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return save(fig, path)


def hist_bins(v: np.ndarray, *, whole: bool = False) -> np.ndarray:
    """Bin edges for a histogram of ``v``: one bin per whole number for counts over a short range (``whole``),
    else numpy's "auto" rule; values that differ only in the last digits (a cage busy 61.000000000001 % and
    61 % of the time) share one bin a unit wide, where numpy's rule cannot cut their range at all."""
    lo, hi = float(v.min()), float(v.max())
    if whole and hi - lo <= 40:
        return np.arange(lo - 0.5, hi + 1.5)
    try:
        return np.histogram_bin_edges(v, bins="auto")
    except ValueError:
        return np.array([lo - 0.5, hi + 0.5])


def make_figures(ex: ExerciseResult, card: Scorecard, out_dir: Path, *, lang: str = "en") -> Figures:
    """Draw every figure of an exercise as PNG into ``out_dir``.

    Args:
        ex: the exercise.
        card: its scorecard.
        out_dir: an existing folder.
        lang: "en" or "zh".

    Returns:
        Figure name (the file stem) → PNG path written, in the order the report shows them.
    """
    out = Path(out_dir)
    t = Text(lang)
    makers: list[tuple[str, Any]] = [("timeline", timeline), ("warned_safe", warned_safe)]
    views = site_views(ex)
    if "section" in views:
        makers.append(("section", section))
    if "map" in views:
        makers.append(("map", site_map))
    makers.append(("channels", channels))
    if any(not math.isnan(h.utilisation) for r in ex.results for h in r.hoists):  # a cage someone called
        makers.append(("cage", cage))
    figs = Figures()
    figs.lang = lang
    with style():
        for name, make in makers:
            figs[name] = make(ex, card, t, out / f"{name}.png")
    return figs
