"""Figures of an exercise, drawn from the replication records (the report never re-simulates).

Each figure is a :class:`matplotlib.figure.Figure` rendered by the Agg canvas inside :func:`style`,
so nothing here touches pyplot, the global backend or the global rcParams. Curves over time are
computed on a regular grid from the per-person records with numpy; bands are the 5th–95th
percentiles over replications and lines their median (``inverted_cdf``, as in the scorecard).
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.transforms import offset_copy

from drills import __version__
from drills.experiment.exercise import ExerciseResult
from drills.experiment.scorecard import Scorecard
from drills.model.records import SAFE_OUTCOMES

GRID_S = 30.0
FIG_W = 7.5  # inches: close to the report's text width, so the fonts print near their size
DPI = 150
CMAP = "viridis"
#: Okabe–Ito colours (colour-blind safe); the lines also differ by style so they survive grey print.
WARNED, SAFE, WATER, NEVER = "#E69F00", "#009E73", "#0072B2", "#D55E00"
DRY = "0.72"
#: Families that carry Chinese glyphs, used as fallbacks when installed (role titles, sources).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Droid Sans Fallback",
)
LINK_STYLE: dict[str, tuple[Any, float]] = {  # kind -> (linestyle, linewidth)
    "shaft": ((0, (5, 2)), 1.6),
    "ladderway": ((0, (1, 1.5)), 1.6),
    "ramp": ("-", 3.0),
    "incline": ("-", 2.2),
}
DEFAULT_LINK_STYLE: tuple[Any, float] = ("-", 1.4)
LABELLED_KINDS = frozenset({"shaft_station", "refuge", "workplace", "collar", "portal", "surface"})
MAX_PLACES = 30  # starting places shown in the warned-by-place panel (the latest warned)
CHANNEL_NAMES = {"crew": "crew mate (relay)", "water": "water seen (natural cue)", "": "never warned"}


# ------------------------------------------------------------------ style and text


@functools.cache
def font_families() -> tuple[str, ...]:
    """DejaVu Sans, then any installed CJK family as a glyph fallback."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *(f for f in CJK_FAMILIES if f in installed))


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
        "grid.color": "0.88",
        "grid.linewidth": 0.6,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "legend.fontsize": 8,
        "legend.frameon": False,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "pdf.fonttype": 42,
    }
    with matplotlib.rc_context(rc):
        yield


def new_figure(ex: ExerciseResult, width_in: float, height_in: float) -> Figure:
    """A figure on the Agg canvas, laid out by constrained layout, with the provenance footer."""
    foot = 0.24 / height_in  # room for the footer, in figure fraction
    fig = Figure(figsize=(width_in, height_in), layout=ConstrainedLayoutEngine(rect=(0, foot, 1, 1 - foot)))
    FigureCanvasAgg(fig)
    m = ex.spec.meta
    fig.text(
        0.01,
        0.008,
        renderable(f"scenario {m.scenario_id} · seed {ex.seed} · {ex.replications} replications"),
        fontsize=6.5,
        color="0.35",
        ha="left",
        va="bottom",
    )
    fig.text(0.99, 0.008, f"drill {__version__}", fontsize=6.5, color="0.35", ha="right", va="bottom")
    return fig


def below(ax, points: float):
    """Axes coordinates shifted down by ``points``: anchors a legend under the tick labels."""
    return offset_copy(ax.transAxes, fig=ax.figure, y=-points, units="points")


def _save(fig: Figure, path: Path) -> Path:
    fig.savefig(path, dpi=DPI, metadata={"Software": f"drill {__version__}"})
    return path


# ------------------------------------------------------------------ data


def median(values: np.ndarray, axis: int = 0) -> np.ndarray:
    """Median over replications as an observed value (``inverted_cdf``), so inf stays inf."""
    return np.quantile(values, 0.5, axis=axis, method="inverted_cdf")


def person_times(ex: ExerciseResult) -> dict[str, np.ndarray]:
    """Replication × person arrays of warned, safe and water-at-start times (inf = never)."""

    def grid(get) -> np.ndarray:
        a = np.array([[get(p) for p in r.people] for r in ex.results], dtype=float)
        return np.where(np.isnan(a), np.inf, a)

    return {
        "warned": grid(lambda p: p.warned_s),
        "safe": grid(lambda p: p.outcome_s if p.outcome in SAFE_OUTCOMES else math.inf),
        "water": grid(lambda p: p.water_s),
    }


def share_over_time(times: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Share of people with ``time <= t`` for each replication (rows) and grid time (columns)."""
    reps, people = times.shape
    out = np.zeros((reps, len(grid)))
    if people:
        for i, row in enumerate(np.sort(times, axis=1)):
            out[i] = np.searchsorted(row, grid, side="right") / people
    return out


def median_order_s(card: Scorecard) -> float:
    order = card.per_replication.get("order_s", np.array([]))
    return float(median(order)) if len(order) else math.inf


def scenario_start(ex: ExerciseResult) -> datetime | None:
    """The scenario's start as a clock time (None if the ISO string does not parse)."""
    try:
        return datetime.fromisoformat(ex.spec.meta.start_time)
    except (TypeError, ValueError):
        return None


def _clock(ex: ExerciseResult):
    start = scenario_start(ex)
    if start is None:
        return None
    return lambda minutes, _pos=None: (start + timedelta(minutes=float(minutes))).strftime("%H:%M")


# ------------------------------------------------------------------ figures


def warned_safe(ex: ExerciseResult, card: Scorecard, path: Path) -> Path:
    """Shares warned, safe and reached by the water over time (median, P5–P95 band)."""
    grid = np.arange(0.0, ex.spec.duration_s + GRID_S / 2, GRID_S)
    times = person_times(ex)
    fig = new_figure(ex, FIG_W, 4.6)
    ax = fig.add_subplot()
    minutes = grid / 60
    for key, label, colour, ls in (
        ("warned", "warned", WARNED, "-"),
        ("safe", "safe", SAFE, "--"),
        ("water", "water at their starting place", WATER, "-."),
    ):
        p5, p50, p95 = np.quantile(
            share_over_time(times[key], grid) * 100, [0.05, 0.5, 0.95], axis=0, method="inverted_cdf"
        )
        ax.fill_between(minutes, p5, p95, color=colour, alpha=0.18, linewidth=0)
        ax.plot(minutes, p50, color=colour, linestyle=ls, linewidth=2, label=f"{label} — median")
    order = median_order_s(card)
    if math.isfinite(order):
        ax.axvline(order / 60, color="0.15", linewidth=1, linestyle=(0, (4, 3)))
        ax.annotate(
            f"evacuation order\n(median {order / 60:.1f} min)",
            (order / 60, 50),
            xytext=(5, 0),
            textcoords="offset points",
            fontsize=7.5,
            color="0.15",
            va="center",
        )
    ax.fill_between([], [], [], color="0.5", alpha=0.25, linewidth=0, label="P5–P95 over replications")
    ax.set_xlim(0, grid[-1] / 60)
    ax.set_ylim(0, 101)
    ax.set_xlabel("time since scenario start (min)")
    ax.set_ylabel("share of people (%)")
    ax.set_title("Warned and safe against the rising water")
    ax.legend(loc="center right")
    clock = _clock(ex)
    if clock is not None:
        top = ax.secondary_xaxis("top")
        top.xaxis.set_major_formatter(clock)
        top.set_xlabel("clock time", fontsize=8)
    return _save(fig, path)


def _draw_links(ax, net, colours: list, scales: list[float]) -> None:
    for lk, colour, scale in zip(net.links, colours, scales, strict=True):
        a, b = net.nodes[lk.a], net.nodes[lk.b]
        ls, lw = LINK_STYLE.get(lk.kind, DEFAULT_LINK_STYLE)
        ax.plot(
            [a.x_m, b.x_m],
            [a.elevation_m, b.elevation_m],
            color=colour,
            linestyle=ls,
            linewidth=lw * scale,
            solid_capstyle="butt",
            zorder=1,
        )


def _label_nodes(ax, ex: ExerciseResult, suffix: dict[int, str] | None = None) -> None:
    """Label the places a planner names, stacking labels that would overlap on a level.

    Labels run rightwards from their node (leftwards at the right edge) and are placed from the right:
    a label that would run into one already placed moves up a row and gets a leader, which then
    crosses no other label. Call after the figure's layout is final (labels are left out of it).
    """
    net = ex.spec.network
    renderer = ax.figure.canvas.get_renderer()
    zs = [n.elevation_m for n in net.nodes]
    band = 0.05 * ((max(zs) - min(zs)) or 1.0)
    labelled = sorted(
        (n.index for n in net.nodes if n.kind in LABELLED_KINDS or n.index in ex.spec.exits),
        key=lambda k: (round(zs[k] / band), -net.nodes[k].x_m),
    )
    row_starts: dict[int, list[float]] = {}
    pt = ax.figure.dpi / 72
    for k in labelled:
        n = net.nodes[k]
        text = ax.annotate(
            renderable(n.id + (suffix or {}).get(k, "")),
            (n.x_m, n.elevation_m),
            xytext=(3, 4),
            textcoords="offset points",
            fontsize=7,
            color="0.1",
            ha="left",
            va="bottom",
            zorder=5,
            in_layout=False,
        )
        width = text.get_window_extent(renderer).width
        left = ax.transData.transform((n.x_m, n.elevation_m))[0] + 3 * pt
        if left + width > ax.bbox.x1:  # would run off the axes: put it left of its node
            text.set_horizontalalignment("right")
            text.xyann = (-3, 4)
            left -= width + 6 * pt
        right = left + width + 6 * pt  # keep a gap before the next label
        starts = row_starts.setdefault(round(zs[k] / band), [])
        row = next((i for i, start in enumerate(starts) if right <= start), len(starts))
        if row == len(starts):
            starts.append(left)
        else:
            starts[row] = left
        if row:
            text.xyann = (text.xyann[0], 4 + 8.5 * row)
            ax.annotate(
                "",
                (n.x_m, n.elevation_m),
                xytext=(1, 4 + 8.5 * row),
                textcoords="offset points",
                arrowprops={"arrowstyle": "-", "color": "0.35", "linewidth": 0.5, "shrinkA": 0, "shrinkB": 2},
                in_layout=False,
                zorder=4,
            )


def network(ex: ExerciseResult, card: Scorecard, path: Path) -> Path:
    """The mine as a vertical section: when water reached each passage, when each place was cleared."""
    net = ex.spec.network
    dur = ex.spec.duration_s
    water = np.array([r.node_water_s for r in ex.results], dtype=float).reshape(ex.replications, -1)
    water = np.where(np.isnan(water) | (water >= dur), np.inf, water)
    a = np.array([lk.a for lk in net.links], dtype=int)
    b = np.array([lk.b for lk in net.links], dtype=int)
    link_water = median(np.minimum(water[:, a], water[:, b])) if len(a) else np.array([])
    clear = np.array([r.node_clear_s for r in ex.results], dtype=float).reshape(ex.replications, -1)
    started = ~np.all(np.isnan(clear), axis=0)
    not_cleared = np.sum(np.isinf(clear), axis=0)
    clear_med = np.full(len(net.nodes), np.nan)
    clear_med[started] = median(np.where(np.isnan(clear[:, started]), np.inf, clear[:, started]))

    fig = new_figure(ex, FIG_W, 8.6)
    ax_w, ax_c = fig.subplots(2, 1, sharex=True)
    cmap = matplotlib.colormaps[CMAP]
    finite_w = link_water[np.isfinite(link_water)]
    norm_w = Normalize(0, (finite_w.max() if len(finite_w) else dur) / 60)
    _draw_links(
        ax_w,
        net,
        [cmap(norm_w(t / 60)) if math.isfinite(t) else DRY for t in link_water],
        [1.0 if math.isfinite(t) else 0.6 for t in link_water],
    )
    ax_w.scatter([n.x_m for n in net.nodes], [n.elevation_m for n in net.nodes], s=6, color="0.2", zorder=3)
    fig.colorbar(ScalarMappable(norm_w, cmap), ax=ax_w, label="water arrives (median, min)", shrink=0.85)
    ax_w.set_title("(a) Passages by when the water reached them (median over replications)")
    kinds = sorted({lk.kind for lk in net.links})
    handles = [
        Line2D(
            [],
            [],
            color="0.3",
            linestyle=LINK_STYLE.get(k, DEFAULT_LINK_STYLE)[0],
            linewidth=LINK_STYLE.get(k, DEFAULT_LINK_STYLE)[1],
            label=k,
        )
        for k in kinds
    ]
    handles.append(Line2D([], [], color=DRY, linewidth=1.0, label="dry in most replications"))
    ax_w.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        bbox_transform=below(ax_w, 4),
        ncol=len(handles),
        fontsize=7,
    )

    _draw_links(ax_c, net, [DRY] * len(net.links), [0.6] * len(net.links))
    finite_c = clear_med[np.isfinite(clear_med)]
    norm_c = Normalize(0, (finite_c.max() if len(finite_c) else dur) / 60)
    xs = np.array([n.x_m for n in net.nodes])
    zs = np.array([n.elevation_m for n in net.nodes])
    nobody = ~started
    ax_c.scatter(xs[nobody], zs[nobody], s=8, color=DRY, zorder=3, label="nobody started here")
    fin = np.isfinite(clear_med)
    ax_c.scatter(
        xs[fin],
        zs[fin],
        c=clear_med[fin] / 60,
        cmap=cmap,
        norm=norm_c,
        s=60,
        edgecolors="0.1",
        linewidths=0.6,
        zorder=4,
        label="cleared (colour = median time)",
    )
    never = started & ~fin
    if never.any():
        ax_c.scatter(
            xs[never],
            zs[never],
            marker="X",
            s=90,
            color=NEVER,
            edgecolors="0.1",
            linewidths=0.6,
            zorder=4,
            label="not cleared in most replications",
        )
    fig.colorbar(ScalarMappable(norm_c, cmap), ax=ax_c, label="last person safe (median, min)", shrink=0.85)
    ax_c.set_title("(b) Starting places by when the last person from there was safe")
    ax_c.text(
        0.0,
        0,
        f"(k/{ex.replications}): replications in which someone who started there was never safe",
        transform=below(ax_c, 30),
        fontsize=7,
        va="top",
    )
    ax_c.legend(
        loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below(ax_c, 40), ncol=3, fontsize=7, markerscale=0.8
    )
    for ax in (ax_w, ax_c):
        ax.set_ylabel("elevation (m)")
        ax.margins(x=0.08, y=0.15)
    ax_c.set_xlabel("horizontal position along the section (m)")
    fig.canvas.draw()  # fix the layout, then place the labels that it leaves out
    _label_nodes(ax_w, ex)
    _label_nodes(
        ax_c,
        ex,
        {k: f" ({not_cleared[k]}/{ex.replications})" for k in range(len(net.nodes)) if started[k] and not_cleared[k]},
    )
    return _save(fig, path)


def _warned_at(records: list[tuple[float, float]]) -> tuple[float, float, float, float, float]:
    """P5, median and P95 of the warned times, median water time and share never warned at one place."""
    w = np.array(records, dtype=float)
    warned = np.where(np.isnan(w[:, 0]), np.inf, w[:, 0])
    p5, p50, p95 = np.quantile(warned, [0.05, 0.5, 0.95], method="inverted_cdf")
    return float(p5), float(p50), float(p95), float(median(w[:, 1])), float(np.mean(np.isinf(warned)))


def channels(ex: ExerciseResult, card: Scorecard, path: Path) -> Path:
    """How people were first warned, and when, by starting place."""
    firsts: dict[str, int] = {}
    by_place: dict[str, list[tuple[float, float]]] = {}
    for r in ex.results:
        for p in r.people:
            firsts[p.warned_by] = firsts.get(p.warned_by, 0) + 1
            by_place.setdefault(p.start, []).append((p.warned_s, p.water_s))
    total = sum(firsts.values()) or 1
    names = sorted((k for k in firsts if k), key=lambda k: (-firsts[k], k))
    if "" in firsts:
        names.append("")
    stats = {s: _warned_at(by_place[s]) for s in by_place}
    shown = sorted(stats, key=lambda s: (-stats[s][4], -stats[s][1], s))[:MAX_PLACES]  # the latest warned
    net = ex.spec.network

    def level_order(place: str) -> tuple[float, float]:
        n = net.nodes[net.index[place]] if place in net.index else None
        return (-n.elevation_m, n.x_m) if n is not None else (math.inf, 0.0)

    places = sorted(shown, key=level_order)
    rows = [stats[s] for s in places]

    fig = new_figure(ex, FIG_W, 2.6 + 0.26 * (len(names) + len(places)))
    ax_ch, ax_pl = fig.subplots(2, 1, height_ratios=[len(names) + 1.5, len(places) + 1.5])
    shares = [100 * firsts[k] / total for k in names]
    ys = np.arange(len(names))
    ax_ch.barh(
        ys,
        shares,
        color=[NEVER if k == "" else matplotlib.colormaps[CMAP](0.25) for k in names],
        hatch=["//" if k == "" else "" for k in names],
        edgecolor="0.15",
        linewidth=0.5,
        height=0.65,
    )
    for bar_y, share in zip(ys, shares, strict=True):
        ax_ch.text(share, bar_y, f" {share:.1f} %", va="center", fontsize=7.5)
    ax_ch.set_yticks(ys, [renderable(CHANNEL_NAMES.get(k, k)) for k in names])
    ax_ch.invert_yaxis()
    ax_ch.set_xlim(0, max([*shares, 1.0]) * 1.15)
    ax_ch.set_xlabel("share of all person-replications (%)")
    ax_ch.set_title("Channel that warned each person first")
    ax_ch.grid(axis="y", visible=False)

    finite = [v for row in rows for v in row[:4] if math.isfinite(v)]
    right = (max(finite) if finite else ex.spec.duration_s) / 60 * 1.12
    ax_pl.set_xlim(-0.015 * right, right * 1.1)
    for y, (p5, p50, p95, wat, never) in enumerate(rows):
        hi = min(p95 / 60, right)
        ax_pl.plot([p5 / 60, hi], [y, y], color="0.25", linewidth=1.4, zorder=2)
        if math.isinf(p95):
            ax_pl.plot([hi], [y], marker=">", color="0.25", markersize=5, zorder=2)
        if math.isfinite(p50):
            ax_pl.plot([p50 / 60], [y], marker="o", color=WARNED, markeredgecolor="0.1", markersize=6, zorder=3)
        if math.isfinite(wat):
            ax_pl.plot([wat / 60], [y], marker="v", color=WATER, markeredgecolor="0.1", markersize=6, zorder=3)
        if never > 0:
            ax_pl.text(hi, y, f"  {100 * never:.0f} % never", va="center", fontsize=7, color=NEVER)
    order = median_order_s(card)
    if math.isfinite(order):
        ax_pl.axvline(order / 60, color="0.15", linewidth=1, linestyle=(0, (4, 3)))
    ax_pl.set_yticks(range(len(places)), [renderable(s) for s in places])
    ax_pl.set_ylim(len(places) - 0.5, -0.5)
    ax_pl.set_xlabel("time since scenario start (min)")
    more = f", the {len(places)} warned latest of {len(stats)}" if len(stats) > len(places) else ""
    ax_pl.set_title(f"When people were warned, by starting place (top: highest level{more})")
    ax_pl.grid(axis="y", visible=False)
    ax_pl.legend(
        handles=[
            Line2D([], [], marker="o", color=WARNED, markeredgecolor="0.1", linestyle="none", label="warned, median"),
            Line2D([], [], color="0.25", linewidth=1.4, label="warned, P5–P95 (arrow: P95 never)"),
            Line2D(
                [], [], marker="v", color=WATER, markeredgecolor="0.1", linestyle="none", label="water arrives, median"
            ),
            Line2D([], [], color="0.15", linewidth=1, linestyle=(0, (4, 3)), label="evacuation order, median"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        bbox_transform=below(ax_pl, 28),
        ncol=4,
        fontsize=7,
    )
    return _save(fig, path)


def cage(ex: ExerciseResult, card: Scorecard, path: Path) -> Path:
    """Distributions over replications of each cage's utilisation, longest queue and mean wait."""
    hoists = sorted({h.hoist for r in ex.results for h in r.hoists})
    fig = new_figure(ex, FIG_W, 3.4)
    axes = fig.subplots(1, 3)
    panels = (
        ("utilisation", 100.0, "busy share of the whole drill (%)", "Cage utilisation", "{:.1f} %"),
        ("max_queue", 1.0, "persons waiting, all stations", "Longest cage queue", "{:.0f}"),
        ("mean_wait_s", 1 / 60, "min (people who boarded)", "Mean wait for the cage", "{:.1f} min"),
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
            if attr == "max_queue" and v.max() - v.min() <= 40:
                bins = np.arange(v.min() - 0.5, v.max() + 1.5)
            else:
                bins = np.histogram_bin_edges(v, bins="auto")
            med = float(median(v))
            medians.append(fmt.format(med))
            if len(hoists) == 1:
                ax.hist(v, bins=bins, color=cmap(0.3), edgecolor="white", linewidth=0.4)
            else:
                ax.hist(
                    v,
                    bins=bins,
                    histtype="step",
                    color=cmap(0.15 + 0.7 * i / len(hoists)),
                    linestyle=styles[i % len(styles)],
                    linewidth=1.5,
                    label=renderable(f"{hid} (median {medians[-1]})"),
                )
            ax.axvline(med, color="0.1", linewidth=1, linestyle=(0, (4, 3)))
        ax.set_title(f"{title}\n(median {medians[0]})" if len(medians) == 1 else title)
        ax.set_xlabel(unit)
        ax.set_ylabel("replications")
        ax.grid(axis="x", visible=False)
        if len(hoists) > 1:
            ax.legend(fontsize=7)
    return _save(fig, path)


def make_figures(ex: ExerciseResult, card: Scorecard, out_dir: Path) -> dict[str, Path]:
    """Draw every figure of an exercise as PNG into ``out_dir``.

    Args:
        ex: the exercise.
        card: its scorecard.
        out_dir: an existing folder.

    Returns:
        Figure name (the file stem) → PNG path written, in the order the report shows them.
    """
    out = Path(out_dir)
    makers = [("warned_safe", warned_safe), ("network", network), ("channels", channels)]
    if ex.spec.hoists:
        makers.append(("cage", cage))
    with style():
        return {name: make(ex, card, out / f"{name}.png") for name, make in makers}
