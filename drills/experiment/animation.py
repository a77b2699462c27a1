"""An animated GIF of one replication, for the briefing before the real drill.

The site is drawn as in the report (the mine as a vertical section, the valley as a plan-view map; both
for a site that has both), with a dot for every person coloured by their state — not warned, warned,
moving, safe, caught, sheltered or stayed — the places the water has reached, and a clock.

The drill records when each person was warned, left, and reached safety or was caught, not where they
were in between. Positions are reconstructed from those times: at the starting place until departure,
then moving at an even pace along the shortest path of passages (by length, shafts included, so a cage
ride shows as a climb of the shaft) from the start to where the person ended, arriving at the outcome
time. The caption says so. Water is shown as reached or not at each place (``node_water_s``), and a
passage as flooded once the water has reached both its ends: the drill does not record depths over time.

Frames are at most :data:`MAX_FRAMES`, spread over the drill up to a few minutes after the last person's
outcome; the file is written with matplotlib's Pillow writer into a temporary file beside the target and
moved into place with :func:`os.replace`.
"""

from __future__ import annotations

import math
import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np

from drills.experiment.exercise import ExerciseResult
from drills.experiment.figures import MINE_KINDS, SAFE_SURFACE, VALLEY_KINDS, WATER, renderable, scenario_start, style
from drills.experiment.i18n import Text
from drills.model.records import SAFE_OUTCOMES, DrillResult

MAX_FRAMES = 120
FPS = 8
DPI = 80
TAIL_S = 300.0  # keep showing this long after the last outcome
STATE_COLOURS = {
    "not_warned": "0.55", "warned": "#E69F00", "moving": "#0072B2", "safe": "#009E73", "caught": "#D55E00",
    "sheltered": "#CC79A7",
}
STATE_KEYS = {"not_warned": "anim_not_warned", "warned": "anim_warned", "moving": "anim_moving",
              "safe": "anim_safe", "caught": "anim_caught", "sheltered": "anim_sheltered"}


def _paths(ex: ExerciseResult, res: DrillResult) -> list[np.ndarray]:
    """Per person, the node indices of the shortest passage path from start to end (by length)."""
    import networkx as nx

    net = ex.spec.network
    g = nx.Graph()
    for lk in net.links:
        if not g.has_edge(lk.a, lk.b) or g[lk.a][lk.b]["length"] > lk.length_m:
            g.add_edge(lk.a, lk.b, length=lk.length_m)
    cache: dict[tuple[int, int], np.ndarray] = {}
    out = []
    for p in res.people:
        a = net.index.get(p.start, -1)
        b = net.index.get(p.end, a) if p.end else a
        if (a, b) not in cache:
            try:
                cache[(a, b)] = np.array(nx.shortest_path(g, a, b, weight="length"), dtype=int)
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                cache[(a, b)] = np.array([a, b] if a != b else [a], dtype=int)
        out.append(cache[(a, b)])
    return out


def trajectories(res: DrillResult, coords: np.ndarray, times: np.ndarray, paths: list[np.ndarray]) -> np.ndarray:
    """Every person's reconstructed (x, y) at each of ``times``: shape (times, people, 2).

    At the start until departure, then at an even pace along the path, arriving at the outcome time
    (see the module docstring).
    """
    out = np.empty((len(times), len(res.people), 2))
    for i, (p, path) in enumerate(zip(res.people, paths, strict=True)):
        pts = coords[path]
        dep, arr = p.departed_s, p.outcome_s
        if math.isnan(dep) or len(pts) == 1:
            out[:, i] = pts[0]
            continue
        if not math.isfinite(arr) or arr <= dep:
            arr = dep + 600.0  # still on the way when the drill ended: show steady progress
        cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(pts, axis=0).T))])
        d = np.clip((times - dep) / (arr - dep), 0.0, 1.0) * cum[-1]
        out[:, i, 0] = np.interp(d, cum, pts[:, 0])
        out[:, i, 1] = np.interp(d, cum, pts[:, 1])
    return out


def states(res: DrillResult, t_s: float) -> list[str]:
    """Every person's state at ``t_s``."""
    out = []
    for p in res.people:
        if not math.isnan(p.outcome_s) and t_s >= p.outcome_s:
            out.append("safe" if p.outcome in SAFE_OUTCOMES else "caught" if p.outcome == "caught" else "sheltered")
        elif not math.isnan(p.departed_s) and t_s >= p.departed_s:
            out.append("moving")
        elif not math.isnan(p.warned_s) and t_s >= p.warned_s:
            out.append("warned")
        else:
            out.append("not_warned")
    return out


def _blit_writer(fps: int):
    """matplotlib's Pillow writer, taking each frame from the canvas as drawn (no full redraw)."""
    from matplotlib.animation import PillowWriter
    from PIL import Image

    class BlitPillowWriter(PillowWriter):
        def grab_frame(self, **savefig_kwargs) -> None:
            canvas: Any = self.fig.canvas  # the Agg canvas the animation draws on
            w, h = canvas.get_width_height()
            rgba = bytes(canvas.buffer_rgba())
            self._frames.append(  # type: ignore[attr-defined]  # PillowWriter's frame list
                Image.frombuffer("RGBA", (w, h), rgba, "raw", "RGBA", 0, 1))

    return BlitPillowWriter(fps=fps)


def heading(ex: ExerciseResult, replication: int, t: Text) -> str:
    """The animation's title, above the clock: the scenario, then the seed and the replication it shows,
    so the briefing's pictures can be traced like every other output."""
    return renderable(f"{ex.spec.meta.scenario_title}\n{t('anim_seed', seed=ex.seed, r=replication)}")


def write_gif(ex: ExerciseResult, path: str | Path, *, replication: int = 0, lang: str = "en") -> Path:
    """Write the animation of one replication to ``path`` (a .gif), atomically; return the path."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from drills.experiment.report import wrap

    t = Text(lang)
    res = ex.results[replication]
    net = ex.spec.network
    kinds = [n.kind for n in net.nodes]
    mine = sum(k in MINE_KINDS for k in kinds) >= 2 and any(k in MINE_KINDS - SAFE_SURFACE for k in kinds)
    valley = sum(k in VALLEY_KINDS for k in kinds) >= 2
    views = [v for v, on in (("section", mine), ("map", valley)) if on] or ["section"]
    ends = [p.outcome_s for p in res.people if math.isfinite(p.outcome_s)]
    ends += [w for w in res.node_water_s if math.isfinite(w)]
    t_end = min(ex.spec.duration_s, (max(ends) if ends else ex.spec.duration_s) + TAIL_S)
    frames = np.linspace(0.0, t_end, min(MAX_FRAMES, max(int(t_end // 30), 2)))
    paths = _paths(ex, res)
    start = scenario_start(ex)
    water = np.array([w if math.isfinite(w) else math.inf for w in res.node_water_s])
    rng = np.random.default_rng(0)  # fixed jitter, so dots at one place do not hide each other
    out = Path(path)
    with style():
        fig = Figure(figsize=(6.4 * len(views) if len(views) > 1 else 6.4, 4.6), dpi=DPI)
        canvas = FigureCanvasAgg(fig)
        axes = fig.subplots(1, len(views), squeeze=False)[0]
        artists = []
        for ax, view in zip(axes, views, strict=True):
            inside = [n.index for n in net.nodes if (n.kind in MINE_KINDS if view == "section" else
                                                      n.kind in VALLEY_KINDS or n.kind in SAFE_SURFACE)]
            coords = np.array([(n.x_m, n.elevation_m if view == "section" else n.y_m) for n in net.nodes])
            span = np.ptp(coords[inside], axis=0) if inside else np.ones(2)
            jitter = rng.normal(0, 1, (len(res.people), 2)) * np.maximum(span, 1.0) * 0.006
            links = [lk for lk in net.links if lk.a in inside and lk.b in inside]
            for lk in links:
                ax.plot(*coords[[lk.a, lk.b]].T, color="0.8", linewidth=1.5, zorder=1)
            link_lines = [ax.plot(*coords[[lk.a, lk.b]].T, color=WATER, linewidth=3.0, alpha=0.0, zorder=2)[0]
                          for lk in links]
            nodes = ax.scatter(*coords[inside].T, s=14, color="0.6", zorder=3)
            who = [i for i, p in enumerate(res.people) if net.index.get(p.start, -1) in inside]
            dots = ax.scatter([], [], s=12, zorder=5, edgecolors="none")
            ax.set_aspect("equal" if view == "map" else "auto")
            pad = np.maximum(span * 0.08, 50.0)
            lo, hi = coords[inside].min(axis=0) - pad, coords[inside].max(axis=0) + pad
            ax.set_xlim(lo[0], hi[0])
            ax.set_ylim(lo[1], hi[1])
            ax.set_xlabel(t("fig_east") if view == "map" else t("fig_section_x"), fontsize=7)
            ax.set_ylabel(t("fig_north") if view == "map" else t("fig_elevation"), fontsize=7)
            ax.tick_params(labelsize=6)
            track = trajectories(res, coords, frames, paths)[:, who] + jitter[who]
            artists.append((ax, track, inside, links, link_lines, nodes, who, dots))
        handles = [axes[0].scatter([], [], s=20, color=c, label=t(STATE_KEYS[k])) for k, c in STATE_COLOURS.items()]
        handles.append(axes[0].plot([], [], color=WATER, linewidth=3, label=t("anim_flooded"))[0])
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.055), ncol=4, fontsize=6.5,
                   frameon=False)
        title = fig.suptitle("", fontsize=9, weight="bold")
        fig.text(0.5, 0.005, "\n".join(wrap(renderable(t("anim_caption")), 5.5, 6.0)), ha="center", va="bottom",
                 fontsize=5.5, color="0.3")
        fig.subplots_adjust(left=0.11, right=0.98, top=0.88, bottom=0.3)
        name = heading(ex, res.replication, t)

        def draw(k: int):
            now = frames[k]
            st = states(res, now)
            changed = []
            for _ax, track, _inside, links, link_lines, nodes, who, dots in artists:
                dots.set_offsets(track[k] if len(who) else np.empty((0, 2)))
                dots.set_color([STATE_COLOURS[st[i]] for i in who])
                nodes.set_color([WATER if water[i] <= now else "0.6" for i in _inside])
                for lk, line in zip(links, link_lines, strict=True):
                    line.set_alpha(0.85 if max(water[lk.a], water[lk.b]) <= now else 0.0)
                changed += [dots, nodes, *link_lines]
            clock = (start + timedelta(seconds=float(now))).strftime("%H:%M") if start else ""
            title.set_text(f"{name} · {clock}  (+{int(now // 60)} min)")
            return [*changed, title]

        moving = [title] + [a for *_, link_lines, nodes, _who, dots in artists for a in (*link_lines, nodes, dots)]
        for a in moving:
            a.set_animated(True)
        fd, tmp = tempfile.mkstemp(prefix=".drill-", suffix=".gif", dir=out.parent)
        os.close(fd)
        try:
            writer = _blit_writer(FPS)
            with writer.saving(fig, tmp, DPI):
                canvas.draw()  # the still parts once; each frame then draws only what moves
                background = canvas.copy_from_bbox(fig.bbox)
                for k in range(len(frames)):
                    canvas.restore_region(background)
                    for a in draw(k):
                        fig.draw_artist(a)
                    writer.grab_frame()
            os.replace(tmp, out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return out
