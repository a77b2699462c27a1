"""The exercise report as a PDF a planner can hand to the regulator.

Pages: a cover with the provenance and the scorecard table; the figures, each with a caption saying
how to read it; the timeline of the median replication in clock time; the model's cited defaults,
quoted from the model modules' docstrings; the method. Pages are A4 portrait, laid out in inches
from the top-left, and the file carries no creation date, so the same seed gives the same bytes.
The report only reads the exercise; it never re-simulates.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import math
import re
from datetime import timedelta
from pathlib import Path
from typing import Literal

import numpy as np
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.image import imread
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path

from drills import __version__
from drills.experiment import exercise as exercise_module
from drills.experiment import scorecard as scorecard_module
from drills.experiment.exercise import ExerciseResult
from drills.experiment.figures import font_families, renderable, scenario_start, style
from drills.experiment.outputs import provenance
from drills.experiment.scorecard import Scorecard
from drills.experiment.units import fmt_value  # the one formatter of metric values, shared with the terminal
from drills.model.records import SAFE_OUTCOMES

Slant = Literal["normal", "italic"]
PAGE_W, PAGE_H = 8.27, 11.69  # A4 portrait, inches
LEFT, RIGHT, TOP, BOTTOM = 0.8, 0.8, 0.75, 0.95
GREY = "0.35"
SHADE = "0.93"
#: Model modules whose docstrings carry the cited defaults, with the heading each gets.
SOURCES = (
    ("drills.model.movement", "Walking, wading, climbing and crowd flow"),
    ("drills.model.hoist", "Cage hoisting"),
    ("drills.model.behaviour", "Human response"),
    ("drills.model.inrush", "Water inrush"),
)


# ------------------------------------------------------------------ text


@functools.cache
def _font(size: float, weight: str = "normal", slant: Slant = "normal") -> FontProperties:
    return FontProperties(family=list(font_families()), size=size, weight=weight, style=slant)


def _width_in(text: str, size: float, weight: str = "normal") -> float:
    return text_to_path.get_text_width_height_descent(text, _font(size, weight), ismath=False)[0] / 72


def wrap(text: str, size: float, width_in: float, weight: str = "normal") -> list[str]:
    """Greedy word wrap of ``text`` to ``width_in`` inches at ``size`` points, measured with the font."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}" if line else word
            if line and _width_in(trial, size, weight) > width_in:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def plain(doc: str) -> str:
    """A reST docstring as plain text: roles, literals and bold markers removed."""
    doc = re.sub(r":\w+:`~?([^`]+)`", r"\1", doc)
    doc = doc.replace("``", "").replace("**", "")
    doc = re.sub(r"(?<![\w*])\*(\S[^*\n]*?)\*(?![\w*])", r"\1", doc)  # *emphasis*, not list bullets
    return re.sub(r"`([^`]+)`", r"\1", doc)


def blocks(doc: str, *, summary: bool = False) -> list[tuple[str, str]]:
    """Split a docstring into ``(marker, text)`` blocks: paragraphs (marker "") and list items.

    The summary line is left out unless ``summary``: the report gives each docstring its own heading.
    """
    out: list[tuple[str, str]] = []
    chunks = re.split(r"\n\s*\n", inspect.cleandoc(plain(doc)))
    for chunk in chunks if summary else chunks[1:]:
        item: list[str] = []
        marker = ""
        for line in chunk.splitlines():
            m = re.match(r"^\s*(\*|-|\d+\.)\s+(.*)$", line)
            if m:
                if item:
                    out.append((marker, " ".join(item)))
                marker, item = ("•" if m.group(1) in "*-" else m.group(1)), [m.group(2)]
            else:
                item.append(line.strip())
        if item:
            out.append((marker, " ".join(item)))
    return out


# ------------------------------------------------------------------ layout


class _Document:
    """A4 pages filled top to bottom; ``y`` is the next free position, inches from the page top."""

    def __init__(self) -> None:
        self.pages: list[Figure] = []
        self.y = 0.0
        self.width = PAGE_W - LEFT - RIGHT

    @property
    def page(self) -> Figure:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Figure(figsize=(PAGE_W, PAGE_H)))
        self.y = TOP

    def room(self) -> float:
        return PAGE_H - BOTTOM - self.y

    def ensure(self, height_in: float) -> None:
        if not self.pages or self.room() < height_in:
            self.new_page()

    def put(self, x_in: float, y_in: float, text: str, size: float, **kw) -> None:
        """Draw ``text`` with its top-left (or ``ha``) anchor at inches from the page's top-left."""
        kw.setdefault("va", "top")
        self.page.text(
            x_in / PAGE_W,
            1 - y_in / PAGE_H,
            renderable(text),
            fontproperties=_font(size, kw.pop("weight", "normal"), kw.pop("slant", "normal")),
            **kw,
        )

    def text(
        self,
        text: str,
        size: float = 9.0,
        *,
        weight: str = "normal",
        slant: Slant = "normal",
        indent: float = 0.0,
        marker: str = "",
        color: str = "black",
        after: float = 0.08,
    ) -> None:
        """A wrapped paragraph (with a hanging ``marker`` for list items), continued on new pages."""
        step = size * 1.38 / 72
        hang = 0.22 if marker else 0.0
        lines = wrap(renderable(text), size, self.width - indent - hang, weight)
        for i, line in enumerate(lines):
            self.ensure(step)
            if i == 0 and marker:
                self.put(LEFT + indent, self.y, marker, size, color=color)
            self.put(LEFT + indent + hang, self.y, line, size, weight=weight, slant=slant, color=color)
            self.y += step
        self.y += after

    def heading(self, text: str, size: float = 13.0) -> None:
        self.ensure(size / 72 * 1.6 + 0.6)  # never leave a heading alone at the foot of a page
        self.y += 0.1
        self.text(text, size, weight="bold", after=0.1)

    def table(
        self,
        columns: list[tuple[str, float, str]],
        rows: list[list[str]],
        *,
        size: float = 8.0,
        header: bool = True,
        shade: bool = True,
        bold_first: bool = False,
    ) -> None:
        """A text table; ``columns`` are (title, width in inches, "left"|"right"); cells wrap."""
        line = size * 1.35 / 72
        pad = 0.05

        def draw_header() -> None:
            x = LEFT
            for title, w, align in columns:
                self.put(x + (w - pad if align == "right" else pad), self.y + pad, title, size, weight="bold", ha=align)
                x += w
            self.y += line + 2 * pad
            self._rule(0.8)

        if header:
            self.ensure(3 * line)
            self._rule(0.8)
            draw_header()
        for k, row in enumerate(rows):
            cells = [wrap(renderable(v), size, w - 2 * pad) for v, (_, w, _) in zip(row, columns, strict=True)]
            height = max(len(c) for c in cells) * line + 2 * pad
            if self.room() < height:
                self.new_page()
                if header:
                    self._rule(0.8)
                    draw_header()
            if shade and k % 2:
                self.page.add_artist(_band(self.page, LEFT, self.y, sum(w for _, w, _ in columns), height))
            x = LEFT
            for j, (cell, (_, w, align)) in enumerate(zip(cells, columns, strict=True)):
                for i, ln in enumerate(cell):
                    self.put(
                        x + (w - pad if align == "right" else pad),
                        self.y + pad + i * line,
                        ln,
                        size,
                        ha=align,
                        weight="bold" if bold_first and j == 0 else "normal",
                    )
                x += w
            self.y += height
        if header:
            self._rule(0.8)
        self.y += 0.12

    def _rule(self, lw: float) -> None:
        y = 1 - self.y / PAGE_H
        self.page.add_artist(_hline(self.page, LEFT / PAGE_W, 1 - RIGHT / PAGE_W, y, lw))

    def image(self, path: Path, title: str, caption: str) -> None:
        """A figure PNG at the full text width (smaller if the page is too short) with its caption."""
        img = imread(str(path))
        rgb = (np.asarray(img)[..., :3] * 255).round().astype(np.uint8)
        h_px, w_px = rgb.shape[:2]
        cap_lines = len(wrap(caption, 8.5, self.width))
        text_h = 0.35 + cap_lines * 8.5 * 1.38 / 72 + 0.3
        max_h = PAGE_H - TOP - BOTTOM - text_h
        w = self.width
        h = w * h_px / w_px
        if h > max_h:
            w, h = max_h * w_px / h_px, max_h
        self.ensure(h + text_h)
        self.text(title, 10, weight="bold", after=0.06)
        x0 = LEFT + (self.width - w) / 2
        ax = self.page.add_axes((x0 / PAGE_W, 1 - (self.y + h) / PAGE_H, w / PAGE_W, h / PAGE_H))
        ax.imshow(rgb, interpolation="none", aspect="auto")
        ax.set_axis_off()
        self.y += h + 0.08
        self.text(caption, 8.5, slant="italic", color="0.15", after=0.3)

    def footers(self, left: str) -> None:
        n = len(self.pages)
        for k, page in enumerate(self.pages, 1):
            page.add_artist(_hline(page, LEFT / PAGE_W, 1 - RIGHT / PAGE_W, 0.62 / PAGE_H, 0.4))
            page.text(LEFT / PAGE_W, 0.45 / PAGE_H, renderable(left), fontproperties=_font(7.5), color=GREY, va="top")
            page.text(
                1 - RIGHT / PAGE_W,
                0.45 / PAGE_H,
                f"page {k} of {n}",
                fontproperties=_font(7.5),
                color=GREY,
                va="top",
                ha="right",
            )


def _hline(fig: Figure, x0: float, x1: float, y: float, lw: float) -> Line2D:
    return Line2D([x0, x1], [y, y], transform=fig.transFigure, color="0.2", linewidth=lw)


def _band(fig: Figure, x_in: float, y_in: float, w_in: float, h_in: float) -> Rectangle:
    return Rectangle(
        (x_in / PAGE_W, 1 - (y_in + h_in) / PAGE_H),
        w_in / PAGE_W,
        h_in / PAGE_H,
        transform=fig.transFigure,
        facecolor=SHADE,
        edgecolor="none",
        zorder=-1,
    )


# ------------------------------------------------------------------ content


def clock(ex: ExerciseResult, t_s: float) -> str:
    """Clock time of ``t_s`` seconds after the scenario start (with "+Nd" past midnight)."""
    start = scenario_start(ex)
    if start is None or not math.isfinite(t_s):
        return "–"
    t = start + timedelta(seconds=float(t_s))
    days = (t.date() - start.date()).days
    return t.strftime("%H:%M:%S") + (f" +{days}d" if days else "")


def median_replication(card: Scorecard) -> int:
    """Index of the median replication, ranked by "everyone safe", then (when never) by share safe."""
    n = card.replications
    t_safe = card.per_replication.get("t_all_safe_s", np.full(n, np.inf))
    share = card.per_replication.get("share_safe", np.zeros(n))
    order = sorted(range(len(t_safe)), key=lambda r: (t_safe[r], -share[r], r))
    return order[(len(order) - 1) // 2] if order else 0


def _cover(doc: _Document, ex: ExerciseResult, card: Scorecard) -> None:
    prov = provenance(ex)
    m = ex.spec.meta
    doc.new_page()
    doc.text("Drill evaluation report", 22, weight="bold", after=0.12)
    doc.text(m.scenario_title, 13, after=0.3)
    start = scenario_start(ex)
    dur = ex.spec.duration_s
    files = " · ".join(f"{k}: {v}" for k, v in prov["files"].items())
    rows = [
        ["Site", f"{m.site_name} ({m.site_id})"],
        ["Plan", f"{m.plan_id}, version {m.plan_version}"],
        ["Unit", m.plan_unit],
        ["Scenario", m.scenario_id],
        ["Scenario start", start.strftime("%Y-%m-%d %H:%M") if start else m.start_time],
        ["Drill length", f"{int(dur // 3600)} h {int(dur % 3600 // 60):02d} min simulated"],
        ["People", str(prov["people"])],
        ["Replications", str(prov["replications"])],
        ["Seed", str(prov["seed"])],
        ["Tool", prov["tool"]],
        ["Input files", files or "–"],
    ]
    doc.table(
        [("", 1.5, "left"), ("", doc.width - 1.5, "left")], rows, size=9, header=False, shade=False, bold_first=True
    )
    doc.heading("Scorecard")
    doc.text(
        f"Each metric is measured in every replication and summarised over the {card.replications} "
        "replications: the mean with its 95 % confidence interval, the 5th and 95th percentiles, and the "
        "number of replications in which it was never reached (left out of the mean). Times are "
        'minutes:seconds after the scenario start. A P95 of "never" means the time was not reached in '
        "more than 5 % of the replications.",
        8.5,
        after=0.12,
    )
    rows = []
    for s in card.metrics:
        ci = f"{fmt_value(s.ci_low, s.unit)} – {fmt_value(s.ci_high, s.unit)}" if not math.isnan(s.ci_low) else "–"
        rows.append(
            [
                s.label,
                fmt_value(s.mean, s.unit),
                ci,
                fmt_value(s.p5, s.unit),
                fmt_value(s.p95, s.unit),
                f"{s.not_reached}/{s.n}",
            ]
        )
    doc.table(
        [
            ("metric", 2.45, "left"),
            ("mean", 0.7, "right"),
            ("95 % CI", 1.4, "right"),
            ("P5", 0.6, "right"),
            ("P95", 0.62, "right"),
            ("not reached", doc.width - 5.77, "right"),
        ],
        rows,
        size=8.5,
    )


def captions(ex: ExerciseResult, card: Scorecard) -> dict[str, tuple[str, str]]:
    """Title and how-to-read caption of each figure, by figure name."""
    n, people = ex.replications, len(ex.spec.people)
    return {
        "warned_safe": (
            "Warned and safe against the water",
            f"Share of all {people} people warned (solid line), safe ({', '.join(SAFE_OUTCOMES)}; dashed) and "
            "whose starting place the water had reached (dash-dot), against time since the scenario start (clock "
            f"time on the top axis). Lines are the median over the {n} replications and bands the 5th–95th "
            "percentiles; the vertical dashed line is the median time the evacuation order was given. Safety "
            "should rise well ahead of the water; a band that stays below 100 % shows replications in which "
            "some people were never warned or never safe.",
        ),
        "network": (
            "Where the water went and where people were cleared",
            "The mine as a vertical section (horizontal position against elevation; the two scales differ). "
            "(a) Each passage is coloured by the median time the water reached the earlier of its two ends; grey "
            "passages stayed dry in most replications; the line style gives the passage kind. (b) Each starting "
            "place is coloured by the median time the last person who started there was safe; a red cross marks "
            f"a place not cleared in most replications, and (k/{n}) after a name counts the replications in "
            "which someone from there was never safe. Small grey dots are places where nobody started.",
        ),
        "channels": (
            "How and when people were warned",
            f"Top: the channel by which each person first received the warning, as a share of all {people} × {n} "
            'person-replications; "crew mate" is a warned member of the same crew passing it on at the same '
            'place, "water seen" a natural cue. Bottom: for each starting place (highest level first) the '
            "median time people there were warned (dot) with the 5th–95th percentile range (an arrow: some "
            "were never warned), the median time the water reached the place (triangle) and the median order "
            "time (dashed). A dot to the right of its triangle means people there were warned after the water "
            "came.",
        ),
        "cage": (
            "The cage",
            f"Distributions over the {n} replications of the cage's busy time as a share of the whole drill "
            "length, of the longest queue waiting for it (all stations together) and of the mean wait of the "
            "people who boarded; dashed lines are the medians. A long queue with a low utilisation points to "
            "late arrivals at the station or to the cage's station order rather than to its capacity.",
        ),
    }


def _figures(doc: _Document, ex: ExerciseResult, card: Scorecard, figs: dict[str, Path]) -> None:
    texts = captions(ex, card)
    doc.new_page()
    doc.heading("Figures")
    for k, (name, path) in enumerate(figs.items(), 1):
        title, caption = texts.get(name, (name.replace("_", " ").capitalize(), ""))
        doc.image(Path(path), f"Figure {k}. {title}", caption)


def _timeline(doc: _Document, ex: ExerciseResult, card: Scorecard) -> None:
    if not ex.results:
        return
    r = median_replication(card)
    res = ex.results[r]
    per = {k: float(v[r]) for k, v in card.per_replication.items()}
    for key in ("order_s", "t90_warned_s", "t100_warned_s", "t_all_safe_s", "share_safe", "caught"):
        per.setdefault(key, math.nan)
    doc.new_page()
    doc.heading(f"Timeline of the median replication (no. {res.replication})")
    doc.text(
        f"The {ex.replications} replications are ranked by the time everyone was safe (those in which "
        "someone was never safe last, by the share who were safe); this is the middle one. In it: order "
        f"given at {fmt_value(per['order_s'], 's')}, 90 % warned at {fmt_value(per['t90_warned_s'], 's')}, "
        f"everyone warned at {fmt_value(per['t100_warned_s'], 's')}, everyone safe at "
        f"{fmt_value(per['t_all_safe_s'], 's')} ({fmt_value(per['share_safe'], 'share')} safe, "
        f'{per["caught"]:.0f} caught by the water). Rows marked "result" are measured from the people\'s '
        "records, the others are the drill's own events.",
        8.5,
        after=0.12,
    )
    events = [(float(e.t_s), e.kind, e.what) for e in res.timeline]
    for key, what in (
        ("t90_warned_s", "90 % of people warned"),
        ("t100_warned_s", "everyone warned"),
        ("t_all_safe_s", "everyone safe"),
    ):
        if math.isfinite(per[key]):  # NaN (metric absent) and inf (never) are not events
            events.append((per[key], "result", what))
    events.sort(key=lambda e: e[0])
    rows = [[clock(ex, t), fmt_value(t, "s"), kind, what] for t, kind, what in events]
    doc.table(
        [
            ("clock", 1.0, "left"),
            ("after start", 0.85, "right"),
            ("kind", 0.85, "left"),
            ("event", doc.width - 2.7, "left"),
        ],
        rows,
        size=8,
    )


def _assumptions(doc: _Document) -> None:
    doc.new_page()
    doc.heading("Assumptions and sources")
    doc.text(
        "The model's default parameters and simplifications, quoted from the documentation of the model "
        "modules, where each number carries its source. Values set in the site, plan or scenario files "
        "are reported with those files (see the cover).",
        8.5,
        after=0.15,
    )
    for module, title in SOURCES:
        doc.text(f"{title} ({module})", 10, weight="bold", after=0.06)
        _docstring(doc, importlib.import_module(module).__doc__ or "")
        doc.y += 0.1
    if any(
        renderable(importlib.import_module(m).__doc__ or "") != (importlib.import_module(m).__doc__ or "")
        for m, _ in SOURCES
    ):
        doc.text(
            'Characters shown as "…" are Chinese text that no installed font can draw; install a CJK font '
            "(e.g. Noto Sans CJK SC) to print them.",
            7.5,
            slant="italic",
            color=GREY,
        )


def _docstring(doc: _Document, text: str, size: float = 8.5) -> None:
    for marker, para in blocks(text):
        doc.text(para, size, marker=marker, indent=0.1 if marker else 0.0, after=0.05 if marker else 0.09)


def _method(doc: _Document, ex: ExerciseResult) -> None:
    doc.heading("Method")
    doc.text(
        "Each drill is a discrete-event simulation (SimPy): the hazard, the triggers and decisions, every "
        "warning channel, every person and every cage are processes on one simulated clock, and the drill "
        "records one frozen record per person, per hoist and per event. The exercise repeats the drill "
        f"{ex.replications} times from seed {ex.seed}, each replication with its own random draws; this "
        "report only reads those records and never re-simulates. Figures show medians over replications "
        "with 5th–95th percentile bands.",
        8.5,
        after=0.1,
    )
    _docstring(doc, exercise_module.__doc__ or "")
    _docstring(doc, scorecard_module.__doc__ or "")


def write_pdf(ex: ExerciseResult, card: Scorecard, figs: dict[str, Path], path: Path, *, lang: str = "en") -> None:
    """Write the report of an exercise.

    Args:
        ex: the exercise.
        card: its scorecard.
        figs: figure name → PNG, as returned by :func:`drills.experiment.figures.make_figures`.
        path: the PDF to write.
        lang: "en"; "zh" is accepted and gives the English text until the translation exists.
    """
    m = ex.spec.meta
    with style():
        doc = _Document()
        _cover(doc, ex, card)
        _figures(doc, ex, card, figs)
        _timeline(doc, ex, card)
        _assumptions(doc)
        _method(doc, ex)
        doc.footers(f"{m.scenario_id} · seed {ex.seed} · {ex.replications} replications · drill {__version__}")
        metadata = {
            "Title": f"Drill evaluation report — {m.scenario_title}",
            "Subject": f"scenario {m.scenario_id}, plan {m.plan_id} v{m.plan_version}, seed {ex.seed}",
            "Author": m.plan_unit,
            "Creator": f"drill {__version__}",
            "Producer": f"drill {__version__}",
            "CreationDate": None,
        }
        with PdfPages(path, metadata=metadata) as pdf:
            for page in doc.pages:
                pdf.savefig(page)
