"""The exercise report as a PDF a planner can sign and hand to the regulator, in English or Chinese.

The document, one function per section so a later step can fill its own:

1. cover — site, plan and version, scenario, date, seed, replications, grade (:func:`cover`);
2. summary, one page — grade, key results, the weakest places, the three most serious findings and the
   three most effective revisions (:func:`summary`);
3. scorecard — every metric with its spread (:func:`scorecard_table`);
4. how the grade was reached — every graded metric's tail value, grade, bands and weight, the score and
   what capped it (:func:`grade_basis`);
5. tables by mining level and by place (:func:`zones`);
6. timeline — from the first sign to the last person safe, across replications and in the median one
   (:func:`timeline`);
7. warning and evacuation against the water (:func:`progress`);
8. the site drawn with the water, the clearance and the bottlenecks (:func:`site`);
9. warning channels and the cage (:func:`channels`);
10. findings with class, evidence, plan clause and what to change (:func:`findings`) and revisions with before and after
    (:func:`revisions`) — filled by the scoring and revision steps; empty until they exist;
11. assumptions and parameters with their sources (:func:`assumptions`);
12. appendix on method (:func:`method`).

Pages are A4 portrait, laid out in inches from the top-left. The file carries no creation date and
fixed metadata, so the same seed gives the same bytes. The report only reads the exercise; it never
re-simulates.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path
from PIL import Image

from drills import __version__
from drills.experiment import exercise as exercise_module
from drills.experiment import scorecard as scorecard_module
from drills.experiment.exercise import ExerciseResult
from drills.experiment.figures import (
    MAX_EVENTS,
    MIN_QUEUE,
    TIMELINE_H_IN,
    bridges_drawn,
    font_families,
    make_figures,
    map_settlements,
    renderable,
    rings_drawn,
    scenario_start,
    style,
)
from drills.experiment.graded import finding_line
from drills.experiment.i18n import EN, Text
from drills.experiment.outputs import provenance
from drills.experiment.proposals import Proposed
from drills.experiment.scorecard import Scorecard, mean_is_partial, mean_is_withheld, scorecard_notes
from drills.experiment.sources_zh import SOURCES_ZH
from drills.experiment.tail import grouped
from drills.experiment.units import percent
from drills.inputs.compile import RUNOUT_TITLES
from drills.inputs.problems import in_language
from drills.model import variability as var
from drills.model import warning
from drills.model.records import SAFE_OUTCOMES
from drills.model.spec import Channel, DrillSpec, Inrush, Trigger

if TYPE_CHECKING:
    from drills.experiment.settle import Settling

Slant = Literal["normal", "italic"]
PAGE_W, PAGE_H = 8.27, 11.69  # A4 portrait, inches
LEFT, RIGHT, TOP, BOTTOM = 0.8, 0.8, 0.75, 0.95
#: A figure is shrunk down to this share of its size to stay on the page it follows (e.g. under its heading).
MIN_FIGURE_SCALE = 0.8
GREY = "0.35"
SHADE = "0.93"
ACCENT = "#1F4E79"
#: Model modules whose docstrings carry the cited defaults, and when the report quotes each.
SOURCES = (
    ("drills.model.movement", "miners"),
    ("drills.model.hoist", "hoists"),
    ("drills.model.behaviour", "miners"),
    ("drills.model.inrush", "inrush"),
    ("drills.model.running", "inrush"),
    ("drills.model.residents", "residents"),
    ("drills.model.traffic", "residents"),
    ("drills.model.dam_break", "dam_break"),
    ("drills.model.lethality", "dam_break"),
    ("drills.model.warning", "miners"),  # the valley's channels: drills.model.residents
    ("drills.model.decision", "always"),
)


# ------------------------------------------------------------------ text

_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_CLOSE = "，。、；：）」》！？%)"
_OPEN = "（「《("
#: Line-breaking units: one CJK character (with any closing punctuation after it), a run of other
#: characters (with closing CJK punctuation after it), or white space; opening CJK punctuation goes with the
#: unit after it, so that no line ends in "（" (nor in the "(" of a name written "Pond duty officer (尾矿库值班员)").
_UNIT = re.compile(rf"[{_OPEN}]*(?:[{_CJK}][{_CLOSE}]*|[^\s{_CJK}]+[{_CLOSE}]*)|\s+")
#: a number ending a line, as a Chinese measure word after it ("470 次") takes it along to the next line
_NUMBER_END = re.compile(r"(?<=\s)[+−-]?\d[\d.,:/]*$")
#: the last unit of a line when it is one Chinese character (with its closing punctuation)
_LAST_CJK = re.compile(rf"[{_OPEN}]*[{_CJK}][{_CLOSE}]*$")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
#: Chinese punctuation after which a line runs on with no space, whatever starts the next line
_FULL_STOP = tuple("，。、；：（）「」《》！？“”")


@functools.cache
def _font(size: float, weight: str = "normal", slant: Slant = "normal") -> FontProperties:
    return FontProperties(family=list(font_families()), size=size, weight=weight, style=slant)


@functools.cache
def _char_width_pt(char: str, weight: str) -> float:
    """Advance width of one character at 10 pt (cached: measuring whole strings with the fallback
    fonts is slow)."""
    return text_to_path.get_text_width_height_descent(char, _font(10.0, weight), ismath=False)[0]


def _width_in(text: str, size: float, weight: str = "normal") -> float:
    """Width of ``text`` in inches, from per-character advances (kerning ignored; 2 % to spare)."""
    return 1.02 * sum(_char_width_pt(c, weight) for c in text) * size / 10 / 72


def wrap(text: str, size: float, width_in: float, weight: str = "normal", overhang: float | None = None) -> list[str]:
    """Greedy wrap of ``text`` to ``width_in`` inches at ``size`` points, measured with the font.

    Latin text breaks at spaces; Chinese text between any two characters, but never before closing
    punctuation, after opening punctuation, between a number and the unit or measure word after it ("470 次",
    "95 %"), nor so as to leave one character alone on a paragraph's last line. A word up to ``overhang`` times
    the width is left whole (default :data:`OVERHANG`; 1 where nothing may run past the width, as in a table's
    last column).
    """
    lines: list[str] = []
    for para in text.split("\n"):
        first = len(lines)
        line = ""
        space = False
        units: list[str] = []
        for unit in _UNIT.findall(para):  # a word wider than the column is cut after . / _ - : or anywhere
            units.extend(_cut(unit, size, width_in, weight, OVERHANG if overhang is None else overhang)
                         if not unit.isspace() else [unit])
        for unit in units:
            if unit.isspace():
                space = bool(line)
                continue
            trial = f"{line} {unit}" if space else line + unit
            number = _NUMBER_END.search(line) if space and (_HAS_CJK.match(unit) or unit[0] == "%") else None
            space = False
            if line and _width_in(trial, size, weight) > width_in:
                if number and number.start() > 0:  # "470 次", "95 %": the number goes down with its unit
                    lines.append(line[:number.start()].rstrip())
                    line = f"{number.group()} {unit}"
                else:
                    lines.append(line)
                    line = unit
            else:
                line = trial
        lines.append(line)
        _no_widow(lines, first)
    return lines


def _no_widow(lines: list[str], first: int) -> None:
    """A paragraph's last line of one Chinese character takes the character before it along (Chinese typesetting
    leaves no character alone on a line: "有人未到 / 达安全地 / 点" reads "有人未到 / 达安全 / 地点")."""
    if len(lines) - first < 2 or not _LAST_CJK.fullmatch(lines[-1]):
        return
    m = _LAST_CJK.search(lines[-2])
    if m and m.start() > 0 and not lines[-2][m.start() - 1].isspace():
        lines[-2], lines[-1] = lines[-2][:m.start()], m.group() + lines[-1]


#: how much wider than its column a word may be before it is cut (the rest runs into the cell's padding)
OVERHANG = 1.2


def _cut(word: str, size: float, width_in: float, weight: str, overhang: float) -> list[str]:
    """``word`` in pieces that each fit ``width_in``: cut after a separator where one fits, else by characters.

    A word only a little wider than the column is left whole (it runs into the cell's padding, as a
    short header like "people" may): cutting it would be harder to read than the overhang."""
    if _width_in(word, size, weight) <= width_in * overhang:
        return [word]
    pieces: list[str] = []
    rest = word
    while rest and _width_in(rest, size, weight) > width_in:
        fits = max((k for k in range(1, len(rest) + 1) if _width_in(rest[:k], size, weight) <= width_in), default=1)
        seps = [k + 1 for k in range(fits) if rest[k] in "./_-:"]
        cut = seps[-1] if seps and seps[-1] > fits // 3 else fits
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return pieces + ([rest] if rest else [])


#: a reference to a function, constant or class given only for the code's reader: "(see :func:`f`)", "（:data:`X`）"
#: or ", :data:`X`" inside a parenthesis; the report leaves them out (other references to the code are named by
#: the part of the model they are in: :func:`for_readers`)
_CODE_REF = re.compile(r"\s*[(（](?:see\s+|见\s*)?:(?:func|data|class|meth|attr):`[^`]+`[)）]"
                       r"|[,，、]\s*:(?:func|data|class|meth|attr):`[^`]+`(?=[)）])")


def plain(doc: str) -> str:
    """A reST docstring as plain text: references for the code's reader, roles, literals and bold markers removed."""
    doc = _CODE_REF.sub("", doc)
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
                    out.append((marker, _joined(item)))
                marker, item = ("•" if m.group(1) in "*-" else m.group(1)), [m.group(2)]
            else:
                item.append(line.strip())
        if item:
            out.append((marker, _joined(item)))
    return out


def _joined(lines: list[str]) -> str:
    """The lines of a paragraph as one: a space between them, none where Chinese runs on from line to line."""
    out = lines[0] if lines else ""
    for line in lines[1:]:
        close = (_HAS_CJK.match(out[-1:]) and _HAS_CJK.match(line[:1])) or out[-1:] in _FULL_STOP
        out += line if close else " " + line
    return out


# ------------------------------------------------------------------ layout


#: [P] A section that starts on a new page follows on the page before instead when that page holds less than this
#: share of its height (the end of the section before it) and the section's heading and first block fit in what
#: is left: a page is not left mostly empty for the sake of a page break.
SECTION_FOLLOWS = 0.5
#: [P] A paragraph starts on a page only if this many of its lines fit there (the rest may run on to the next).
FIRST_LINES = 2
#: the height a page holds between its top and bottom margins, inches
USABLE_H = PAGE_H - TOP - BOTTOM


@dataclass(frozen=True)
class Placed:
    """One block as the document laid it out: what the layout tests read, rather than pixels.

    Attributes:
        kind: "heading", "subheading", "text", "table", "figure" or "box".
        label: its first words, to name it in a message.
        page: the page's index, from 0.
        top: where the block starts on that page, inches from the page top.
        bottom: where the next block may start (the block's spacing after it included).
        least: the height the block needs on the page it starts on: all of a heading, a box, a table kept
            whole or a figure (at its smallest scale, :data:`MIN_FIGURE_SCALE`); the header and first row of
            another table; the first lines of a paragraph (:data:`FIRST_LINES`).
        kept: kept with the block after it (a heading, or an intro kept with what it introduces).
        section: a heading that starts a main section (on a new page unless the page before is mostly empty).
        continued: the rest of a paragraph or table begun on an earlier page.
    """

    kind: str
    label: str
    page: int
    top: float
    bottom: float
    least: float
    kept: bool = False
    section: bool = False
    continued: bool = False


@dataclass(frozen=True)
class _Waiting:
    """A heading or an intro waiting for the block it must stand with: its height and how to draw it."""

    height: float
    draw: Callable[[], None]
    section: bool = False


#: a table row parted over two pages (a finding's long evidence or list of changes) keeps at least this many of its
#: lines on each page: never a line alone, nor a heading of its changes alone
ROW_KEPT = 3


def _part_height(n: int, a: int, b: int, line: float, pad: float) -> float:
    """The height of lines ``a`` to ``b`` of a table row whose cells take ``n`` lines, its own lines after them:
    the cells' lines padded above and below, its own lines padded below."""
    cells, own = max(0, min(b, n) - a), max(0, b - max(a, n))
    return (cells * line + 2 * pad if cells else pad) + (own * line + pad if own else 0.0)


class Document:
    """A4 pages filled top to bottom; ``y`` is the next free position, inches from the page top.

    Headings, and paragraphs drawn with ``keep=True``, wait for the next block and go on the page where its
    first part (:attr:`Placed.least`) fits with them, so a heading is never left at the foot of a page. Every
    block is recorded in :attr:`plan`, and the room left on each page as the next was begun in :attr:`closed`.
    """

    def __init__(self) -> None:
        self.pages: list[Figure] = []
        self.y = 0.0
        self.width = PAGE_W - LEFT - RIGHT
        self.figure_no = 0
        self.plan: list[Placed] = []
        self.closed: list[float] = []
        self._waiting: list[_Waiting] = []
        self._open: Placed | None = None

    @property
    def page(self) -> Figure:
        return self.pages[-1]

    def new_page(self) -> None:
        """Begin a page; a paragraph or table being drawn goes on there (recorded as continued)."""
        going_on = self._open
        if self.pages:
            self.closed.append(self.room())
            self._close()
        self.pages.append(Figure(figsize=(PAGE_W, PAGE_H)))
        self.y = TOP
        if going_on is not None:
            self._open = replace(going_on, page=len(self.pages) - 1, top=self.y, least=0.0, kept=False,
                                 section=False, continued=True)

    def room(self) -> float:
        return PAGE_H - BOTTOM - self.y

    def _waiting_height(self) -> float:
        return sum(w.height for w in self._waiting)

    def _section_breaks(self) -> bool:
        """A section waits to begin and this page is too full for it to follow on (:data:`SECTION_FOLLOWS`)."""
        return any(w.section for w in self._waiting) and self.y - TOP > SECTION_FOLLOWS * USABLE_H

    def _begin(self, least: float) -> None:
        """Make room for a block whose first ``least`` inches must stand on the page with what waits for it,
        then draw what waits."""
        waiting, need = self._waiting, self._waiting_height() + least
        if not self.pages or self._section_breaks() or self.room() < need:
            self.new_page()
        self._waiting = []
        for w in waiting:
            w.draw()

    def _start(self, kind: str, label: str, least: float, *, kept: bool = False, section: bool = False) -> None:
        self._open = Placed(kind, label[:60], len(self.pages) - 1, self.y, self.y, least, kept, section)

    def _close(self) -> None:
        if self._open is not None:
            self.plan.append(replace(self._open, bottom=self.y))
            self._open = None

    def put(self, x_in: float, y_in: float, text: str, size: float, **kw) -> None:
        """Draw ``text`` with its top-left (or ``ha``) anchor at inches from the page's top-left.

        The Chinese font has no bold face: in bold text, each run of Chinese characters gets a thin
        outline of its own colour (Latin text has a real bold face and is left as it is).
        """
        kw.setdefault("va", "top")
        weight = kw.pop("weight", "normal")
        font = _font(size, weight, kw.pop("slant", "normal"))
        text = renderable(text)
        if weight == "bold" and _HAS_CJK.search(text):
            self._outline_cjk(x_in, y_in, text, size, font, kw)
        self.page.text(x_in / PAGE_W, 1 - y_in / PAGE_H, text, fontproperties=font, **kw)

    def _outline_cjk(self, x_in: float, y_in: float, text: str, size: float, font: FontProperties,
                     kw: dict[str, Any]) -> None:
        """The outline of each Chinese run of one line of bold text, drawn as a path (the text itself
        stays one piece of text, so it can be searched and copied); runs placed by character advances."""
        advance = [_char_width_pt(c, "bold") * size / 10 / 72 for c in text]
        left = x_in - {"left": 0.0, "center": 0.5, "right": 1.0}[kw.get("ha", "left")] * sum(advance)
        stroke = patheffects.Stroke(linewidth=size * 0.05, foreground=kw.get("color", "black"))
        for run in _CJK_RUN.finditer(text):
            x = left + sum(advance[: run.start()])
            self.page.text(x / PAGE_W, 1 - y_in / PAGE_H, run.group(), fontproperties=font,
                           path_effects=[stroke], **{**kw, "ha": "left"})

    def text(self, text: str, size: float = 9.0, *, weight: str = "normal", slant: Slant = "normal",
             indent: float = 0.0, marker: str = "", color: str = "black", after: float = 0.08,
             keep: bool = False) -> None:
        """A wrapped paragraph (with a hanging ``marker`` for list items), continued on new pages.

        With ``keep`` it waits for the next block and stands on its page (an intro with its table or figure).
        """
        step = size * 1.42 / 72
        hang = 0.22 if marker else 0.0
        lines = wrap(renderable(text), size, self.width - indent - hang, weight)

        def draw() -> None:
            self._start("text", text, len(lines) * step + after if keep else min(len(lines), FIRST_LINES) * step,
                        kept=keep)
            self._lines(lines, size, indent=indent, marker=marker, weight=weight, slant=slant, color=color)
            self.y += after
            self._close()

        if keep:
            self._waiting.append(_Waiting(len(lines) * step + after, draw))
            return
        self._begin(min(len(lines), FIRST_LINES) * step)
        draw()

    def _lines(self, lines: list[str], size: float, *, indent: float = 0.0, marker: str = "", **kw: Any) -> None:
        """Lines of text from ``y`` down, each on a new page if it does not fit on this one."""
        step = size * 1.42 / 72
        hang = 0.22 if marker else 0.0
        for i, line in enumerate(lines):
            if self.room() < step:
                self.new_page()
            if i == 0 and marker:
                self.put(LEFT + indent, self.y, marker, size, color=kw.get("color", "black"))
            self.put(LEFT + indent + hang, self.y, line, size, **kw)
            self.y += step

    def heading(self, text: str, size: float = 13.0, *, new_page: bool = False) -> None:
        """A section heading, drawn with the block after it: never left alone at the foot of a page.

        With ``new_page`` it starts a main section: on a new page, unless the page so far holds only the end
        of the section before it (less than :data:`SECTION_FOLLOWS` of the page) and there is room for it.
        """
        lines = wrap(renderable(text), size, self.width, "bold")
        height = 0.1 + len(lines) * size * 1.42 / 72 + 0.04 + 0.12

        def draw() -> None:
            self._start("heading", text, height, kept=True, section=new_page)
            self.y += 0.1
            self._lines(lines, size, weight="bold", color=ACCENT)
            self.y += 0.04
            self._rule(0.6, color=ACCENT)
            self.y += 0.12
            self._close()

        self._waiting.append(_Waiting(height, draw, section=new_page))

    def subheading(self, text: str, size: float = 10.5) -> None:
        """A heading within a section, drawn with the block after it."""
        lines = wrap(renderable(text), size, self.width, "bold")
        height = 0.06 + len(lines) * size * 1.42 / 72 + 0.06

        def draw() -> None:
            self._start("subheading", text, height, kept=True)
            self.y += 0.06
            self._lines(lines, size, weight="bold")
            self.y += 0.06
            self._close()

        self._waiting.append(_Waiting(height, draw))

    def table(self, columns: list[tuple[str, float, str]], rows: list[list[str]], *, size: float = 8.0,
              header: bool = True, shade: bool = True, bold_first: bool = False,
              fills: list[list[str | None]] | None = None, keep_together: bool = False, note: str = "",
              under: list[str] | None = None, split_rows: bool = False) -> None:
        """A text table; ``columns`` are (title, width in inches, "left"|"right"); cells wrap.

        ``fills`` gives an optional background colour per cell; ``keep_together`` starts the table on a
        new page when it does not fit whole (with its ``note`` under it, if any) in what is left of this one
        (else it starts where its header and first row fit). A table goes on over the page with its header again.
        ``under`` gives each row lines of its own under its cells, from the second column to the right edge, in
        the accent colour, the first in bold (a finding's proposed changes under its evidence): one string per
        row, its lines parted by newlines, each wrapped by itself; empty for none. With ``split_rows`` a row
        too long for what is left of the page is parted between two of its lines (:data:`ROW_KEPT`), else it
        goes whole to the next page.
        """
        line = size * 1.38 / 72
        pad = 0.05
        heads = [wrap(renderable(title), size, w - 2 * pad, "bold") for title, w, _ in columns]
        head_h = max(len(h) for h in heads) * line + 2 * pad if header else 0.0
        last = len(columns) - 1  # nothing may run past the table's right edge (right-aligned text runs left)
        # a word wider than its cell may run into the padding, never into the next cell's text
        cells = [[wrap(renderable(v), size, w - 2 * pad,
                       overhang=1.0 if k == last and align == "left" else min(OVERHANG, (w - pad / 2) / (w - 2 * pad)))
                  for k, (v, (_, w, align)) in enumerate(zip(row, columns, strict=True))]
                 for row in rows]
        under_x = LEFT + (columns[0][1] if len(columns) > 1 else 0.0)
        under_w = LEFT + sum(w for _, w, _ in columns) - under_x - 2 * pad
        # each line of a row's own text wrapped by itself, its first line (a head) in bold: (text, bold)
        unders = [[(ln, i == 0) for i, para in enumerate(u.split("\n")) if para
                   for ln in wrap(renderable(para), size, under_w, "bold" if i == 0 else "normal", overhang=1.0)]
                  for u in (under or [""] * len(rows))]
        tops = [max(len(c) for c in row) * line + 2 * pad for row in cells]  # the cells, above the row's own line
        heights = [top + (len(u) * line + pad if u else 0.0) for top, u in zip(tops, unders, strict=True)]
        notes = wrap(renderable(note), size, self.width) if note else []
        # the space after it may fall in the bottom margin
        whole = head_h + sum(heights) + (0.12 + len(notes) * size * 1.42 / 72 if notes else 0.0)
        # kept together, a table longer than a page starts on a page of its own (split once, not twice)
        # else its header and first row (its first ROW_KEPT lines, where rows may be parted)
        first = max(len(c) for c in cells[0]) + len(unders[0]) if cells else 0
        kept = _part_height(first - len(unders[0]), 0, min(first, ROW_KEPT) if split_rows else first, line, pad) \
            if cells else 0.0
        least = min(whole, USABLE_H) if keep_together else head_h + kept

        def draw_header() -> None:
            x = LEFT
            for head, (_, w, align) in zip(heads, columns, strict=True):
                for i, ln in enumerate(head):
                    self.put(x + (w - pad if align == "right" else pad), self.y + pad + i * line, ln, size,
                             weight="bold", ha=align)
                x += w
            self.y += head_h
            self._rule(0.8)

        self._begin(least)
        self._start("table", rows[0][0] if rows and rows[0] else "", least)
        if header:
            self._rule(0.8)
            draw_header()

        def turn_page() -> None:
            self.new_page()
            if header:
                self._rule(0.8)
                draw_header()

        full = sum(w for _, w, _ in columns)
        for k, row_cells in enumerate(cells):
            n, own = max(len(c) for c in row_cells), unders[k]
            slots, a = n + len(own), 0  # the row's lines: its cells' lines, then its own lines under them
            turned = False  # on a page begun for this row
            while a < slots:
                b = slots
                if self.room() < _part_height(n, a, b, line, pad):
                    # never within or just after the bold head of the row's own lines
                    fits = [j for j in range(a + 1, slots) if _part_height(n, a, j, line, pad) <= self.room()
                            and not (j > n and (own[j - n - 1][1] or own[j - n][1]))]
                    # where rows may be parted, a long row is parted between two of its lines, at least ROW_KEPT
                    # of them on each side, rather than leave the foot of the page empty
                    at = max((j for j in fits if j <= slots - ROW_KEPT), default=a)
                    if split_rows and at - a >= ROW_KEPT:
                        b = at
                    elif not turned:
                        turn_page()
                        turned = True
                        continue
                    elif split_rows and fits:  # longer than a page: parted where it must be
                        b = fits[-1]
                part = _part_height(n, a, b, line, pad)
                if shade and k % 2:
                    self.page.add_artist(_band(self.page, LEFT, self.y, full, part, SHADE))
                x = LEFT
                for j, (cell, (_, w, align)) in enumerate(zip(row_cells, columns, strict=True)):
                    fill = fills[k][j] if fills is not None else None
                    if fill:
                        self.page.add_artist(_band(self.page, x + 0.01, self.y + 0.01, w - 0.02, part - 0.02, fill))
                    for i, ln in enumerate(cell[a:b]):
                        self.put(x + (w - pad if align == "right" else pad), self.y + pad + i * line, ln, size,
                                 ha=align, weight="bold" if bold_first and j == 0 else "normal")
                    x += w
                below = self.y + (max(0, min(b, n) - a) * line + 2 * pad if a < n else pad)
                for i, (ln, bold) in enumerate(own[max(a, n) - n:max(b, n) - n]):
                    self.put(under_x + pad, below + i * line, ln, size, color=ACCENT,
                             weight="bold" if bold else "normal")
                self.y += part
                a = b
                if a < slots:
                    turn_page()
                    turned = True
        if header:
            self._rule(0.8)
        self.y += 0.12
        if notes:
            self._lines(notes, size)
            self.y += 0.12
        self._close()

    def _rule(self, lw: float, color: str = "0.2") -> None:
        y = 1 - self.y / PAGE_H
        self.page.add_artist(_hline(self.page, LEFT / PAGE_W, 1 - RIGHT / PAGE_W, y, lw, color))

    def box(self, lines: list[tuple[str, float, str]], *, fill: str = "#EEF3F8", edge: str = ACCENT) -> None:
        """A shaded box of short lines ``(text, size, weight)`` across the text width."""
        height = sum(s * 1.5 / 72 for _, s, _ in lines) + 0.2
        self._begin(height + 0.1)
        self._start("box", lines[0][0] if lines else "", height + 0.1)
        self.page.add_artist(_band(self.page, LEFT, self.y, self.width, height, fill, edge))
        y = self.y + 0.1
        for text, size, weight in lines:
            self.put(LEFT + 0.15, y, text, size, weight=weight)
            y += size * 1.5 / 72
        self.y += height + 0.15
        self._close()

    def image(self, path: Path, title: str, caption: str, *, max_h: float | None = None,
              min_scale: float = MIN_FIGURE_SCALE) -> None:
        """A figure PNG at the full text width (smaller if the page is too short) with its title and caption.

        Shrunk down to ``min_scale`` of its size, it stays on the page of the heading or text before it; smaller
        than that, it goes on the next page (a figure drawn at the size it prints, ``min_scale`` 1, is never
        shrunk to stay).
        """
        with Image.open(path) as png:  # read as the 8-bit values written; no round trip through floats
            rgb = np.asarray(png.convert("RGB"))
        h_px, w_px = rgb.shape[:2]
        title_lines = wrap(renderable(title), 10, self.width, "bold")
        cap_lines = wrap(renderable(caption), 8.5, self.width)
        above = len(title_lines) * 10 * 1.42 / 72 + 0.06
        text_h = above + 0.08 + len(cap_lines) * 8.5 * 1.42 / 72 + 0.3
        limit = USABLE_H - text_h - 0.5
        if max_h is not None:
            limit = min(limit, max_h)
        w = self.width
        h = w * h_px / w_px
        if h > limit:
            w, h = limit * w_px / h_px, limit
        least = min_scale * h + text_h
        room = USABLE_H if not self.pages or self._section_breaks() else self.room()
        fits = room - self._waiting_height() - text_h
        if h > fits >= min_scale * h:  # a little smaller keeps it under its heading, on this page
            w, h = fits * w_px / h_px, fits
        self._begin(h + text_h)
        self._start("figure", title, least)
        self._lines(title_lines, 10, weight="bold")
        self.y += 0.06
        x0 = LEFT + (self.width - w) / 2
        ax = self.page.add_axes((x0 / PAGE_W, 1 - (self.y + h) / PAGE_H, w / PAGE_W, h / PAGE_H))
        ax.imshow(rgb, interpolation="none", aspect="auto")
        ax.set_axis_off()
        self.y += h + 0.08
        self._lines(cap_lines, 8.5, slant="normal" if _HAS_CJK.search(caption) else "italic", color="0.15")
        self.y += 0.3
        self._close()

    def footers(self, left: str, t: Text) -> None:
        if self._waiting:  # a heading with nothing after it still gets drawn
            self._begin(0.0)
        n = len(self.pages)
        for k, page in enumerate(self.pages, 1):
            page.add_artist(_hline(page, LEFT / PAGE_W, 1 - RIGHT / PAGE_W, 0.62 / PAGE_H, 0.4))
            page.text(LEFT / PAGE_W, 0.45 / PAGE_H, renderable(left), fontproperties=_font(7.5), color=GREY, va="top")
            page.text(1 - RIGHT / PAGE_W, 0.45 / PAGE_H, t("page_of", k=k, n=n), fontproperties=_font(7.5),
                      color=GREY, va="top", ha="right")

    def save(self, path: Path, metadata: dict[str, Any]) -> None:
        """Write the pages as one PDF with fixed metadata (no creation date)."""
        with PdfPages(path, metadata={**metadata, "CreationDate": None}) as pdf:
            for page in self.pages:
                pdf.savefig(page)


def _hline(fig: Figure, x0: float, x1: float, y: float, lw: float, color: str = "0.2") -> Line2D:
    return Line2D([x0, x1], [y, y], transform=fig.transFigure, color=color, linewidth=lw)


def _band(fig: Figure, x_in: float, y_in: float, w_in: float, h_in: float, fill: str,
          edge: str = "none") -> Rectangle:
    return Rectangle((x_in / PAGE_W, 1 - (y_in + h_in) / PAGE_H), w_in / PAGE_W, h_in / PAGE_H,
                     transform=fig.transFigure, facecolor=fill, edgecolor=edge, linewidth=0.8, zorder=-1)


# ------------------------------------------------------------------ content helpers


def clock(ex: ExerciseResult, t_s: float, t: Text | None = None) -> str:
    """Clock time of ``t_s`` seconds after the scenario start (with "+Nd" past midnight, in the words of ``t``)."""
    start = scenario_start(ex)
    if start is None or not math.isfinite(t_s):
        return "–"
    when = start + timedelta(seconds=round(float(t_s)))  # whole seconds, rounded as the elapsed time is
    days = (when.date() - start.date()).days
    return when.strftime("%H:%M:%S") + (" " + (t or Text())("days_after_start", days=days) if days else "")


#: what a typical replication is typical of: when the order was given, when everyone was safe, the share safe from
#: the water and the share safe
TYPICAL_OF = ("order_s", "downstream_order_s", "t_all_safe_s", "share_safe_before_water", "share_safe")


def median_replication(card: Scorecard) -> int:
    """Index of the typical replication: the one nearest the middle of the replications on every measure of
    :data:`TYPICAL_OF` at once (the least sum of the distances of its ranks from the middle rank, ties ranked
    alike, "never" last), so that it is not the middle of one measure and an outlier of another (a drill whose
    order never came, picked for its share safe); the earliest of equals."""
    n = card.replications
    per = card.per_replication
    if not n:
        return 0
    distance = np.zeros(n)
    for key in TYPICAL_OF:
        v = per.get(key)
        if v is None or len(v) != n or np.all(np.isnan(v)):
            continue
        x = np.where(np.isnan(v), np.inf, v)
        ranks = np.array([np.sum(x < a) + (np.sum(x == a) - 1) / 2 for a in x])  # ties share their mean rank
        distance += np.abs(ranks - (n - 1) / 2) / max(n - 1, 1)
    return int(np.argmin(distance))


def describe(dist: Any, t: Text, unit: str = "s") -> str:
    """A parameter's distribution in words, times as minutes:seconds."""
    zh = t.zh
    if isinstance(dist, var.Fixed):
        return t.value(dist.value, unit)
    if isinstance(dist, var.LogNormal):
        m, p = t.value(dist.median, unit), t.value(dist.p95, unit)
        return f"对数正态，中位数 {m}，P95 {p}" if zh else f"lognormal, median {m}, P95 {p}"
    if isinstance(dist, var.Uniform):
        lo, hi = t.value(dist.low, unit), t.value(dist.high, unit)
        return f"均匀分布 {lo} – {hi}" if zh else f"uniform {lo} – {hi}"
    if isinstance(dist, var.Triangular):
        a, b, c = (t.value(v, unit) for v in (dist.low, dist.mode, dist.high))
        return f"三角分布 {a} / {b} / {c}" if zh else f"triangular {a} / {b} / {c}"
    if isinstance(dist, var.Normal):
        m, s = t.value(dist.mean, unit), t.value(dist.sd, unit)
        text = f"正态分布，均值 {m}，标准差 {s}" if zh else f"normal, mean {m}, sd {s}"
        if math.isfinite(dist.low) or math.isfinite(dist.high):  # the cut moves the median: say where it is
            lo = t.value(dist.low, unit) if math.isfinite(dist.low) else "−∞"
            hi = t.value(dist.high, unit) if math.isfinite(dist.high) else "∞"
            med = t.value(dist.median, unit)
            text += f"，截断于 {lo} – {hi}，中位数 {med}" if zh else f", cut to {lo} – {hi}, median {med}"
        return text
    return str(dist)


def grade_of(card: Scorecard, t: Text | None = None) -> str | None:
    """The exercise's grade, once the scoring step gives the scorecard one (None until then); in the
    report's language when ``t`` is given (the scorecard carries it as "差 (poor — 未达到: …)")."""
    grade = getattr(card, "grade", None)
    if not grade:
        return None
    return t.grade(str(grade)) if t is not None else str(grade)


def people_groups(ex: ExerciseResult, t: Text) -> str:
    """Miners and residents; a later shift apart from those underground at the start, with how many of it were kept
    on the surface (entry stopped), on average over the replications."""
    spec = ex.spec
    miners = sum(p.group == "miner" for p in spec.people)
    residents = sum(p.group == "resident" for p in spec.people)
    later = sum(len(spec.parties[k].members) for _, ks in spec.entries for k in ks)
    if later:
        kept = float(np.mean([r.people.isin("outcome", ("kept_out",)).sum() for r in ex.results])) if ex.results else 0
        mine = t("miners_later", n=miners - later, later=later, kept=f"{kept:.0f}" if kept == round(kept)
                 else f"{kept:.1f}")
    else:
        mine = t("miners", n=miners)
    parts = ([mine] if miners else []) + ([t("residents", n=residents)] if residents else [])
    return ("、" if t.zh else ", ").join(parts)


def conditions(ex: ExerciseResult, t: Text) -> str:
    """Time of day and rain, e.g. "night, heavy rain"."""
    rain = f"rain_{ex.spec.rain}"
    return t("list_sep").join([t(ex.spec.time_of_day) if ex.spec.time_of_day in ("day", "night")
                               else ex.spec.time_of_day, t(rain) if rain in _KEYS else ex.spec.rain])


def margin(value: float, duration_s: float | None, t: Text) -> str:
    """A safety margin: "≥ drill length" when the water never came, "not all safe" when someone wasn't
    (:meth:`Text.margin`, as the terminal writes it)."""
    return t.margin(value, duration_s)


def _value(s: Any, value: float, t: Text, duration_s: float | None) -> str:
    if s.key.startswith("margin"):
        return margin(value, duration_s, t)
    return t.value(value, s.unit)


def _metric(card: Scorecard, key: str):
    return next((m for m in card.metrics if m.key == key), None)


# ------------------------------------------------------------------ sections


def cover(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text) -> None:
    """Cover: what was drilled, against which plan, when, how many times, and the grade."""
    prov = provenance(ex)
    m = ex.spec.meta
    doc.new_page()
    doc.y = 1.4
    doc.text(t("report_title"), 26, weight="bold", color=ACCENT, after=0.1)
    doc.text(t("report_kind"), 11, color=GREY, after=0.35)
    doc.text(m.scenario_title, 15, weight="bold", after=0.1)
    doc.text(m.site_name, 11, after=0.5)
    start = scenario_start(ex)
    dur = ex.spec.duration_s
    files = " · ".join(f"{k}: {v}" for k, v in prov["files"].items())
    weather = conditions(ex, t)
    rows = [
        [t("site"), f"{m.site_name} ({m.site_id})"],
        [t("plan"), t("plan_value", id=m.plan_id, version=m.plan_version)],
        [t("unit"), m.plan_unit],
        [t("scenario"), f"{m.scenario_title} ({m.scenario_id})"],
        [t("scenario_start"), start.strftime("%Y-%m-%d %H:%M") if start else m.start_time],
        [t("time_of_day"), weather],
        [t("drill_length"), t("drill_length_value", h=int(dur // 3600), m=int(dur % 3600 // 60))],
        [t("people"), t("people_value", n=prov["people"], groups=people_groups(ex, t))],
        [t("replications"), replications_value(ex, t)],
        [t("seed"), str(prov["seed"])],
        [t("tool"), prov["tool"]],
        [t("input_files"), files or "–"],
        [t("input_warnings"), t("input_warnings_value", n=len(m.input_warnings)) if m.input_warnings
         else t("none")],
    ]
    doc.table([("", 1.7, "left"), ("", doc.width - 1.7, "left")], rows, size=9.5, header=False, shade=False,
              bold_first=True)
    doc.y += 0.2
    grade = grade_of(card, t)
    doc.box([(t("grade_line", grade=grade or t("grade_none")), 12 if grade else 10.5, "bold")])
    doc.y += 0.2
    estimate = flood_estimate_line(ex.spec, t)
    if estimate:
        doc.text(estimate, 9, weight="bold", after=0.15)
    doc.text(t("cover_note", n=ex.replications), 8.5, color=GREY)


def flood_estimate_line(spec: DrillSpec, t: Text) -> str:
    """A line saying the dam-break flood is the built-in screening estimate, no hydraulic study supplied, and
    where a study goes; empty when a study was given or there is no dam break. The whole grade rests on the
    flood, so the cover and the summary say so, not only the appendix."""
    db = spec.dam_break
    if db is None or getattr(db.recipe, "study_rows", None) is not None:
        return ""
    relation = getattr(db.recipe, "relation", "")
    return t("flood_estimate", dam=db.dam, source=RUNOUT_TITLES.get(relation, relation))


def flood_source(spec: DrillSpec, t: Text) -> str:
    """Where the dam-break flood's arrival, depth and velocity come from: the hydraulic study's file, or the
    built-in estimate and its relation in this language (the compiled ``source`` words it in English)."""
    db = spec.dam_break
    if db is None:
        return ""
    if getattr(db.recipe, "study_rows", None) is not None:
        return t("hazard_source_study", file=db.source)
    relation = getattr(db.recipe, "relation", "")
    return t("hazard_source_estimate", relation=RUNOUT_TITLES.get(relation, relation))


_KEYS = frozenset(EN)  # the keys the phrase table knows


def headline_rows(card: Scorecard, t: Text, duration_s: float | None = None) -> list[list[str]]:
    """The summary's key numbers: (what, value) rows, only for metrics the scorecard has."""
    rows: list[list[str]] = []

    def add(key: str, label: str, stat: str = "mean") -> None:
        s = _metric(card, key)
        if s is None:
            return
        value = getattr(s, stat)
        text = _value(s, value, t, duration_s) if s.unit != "persons" else f"{value:.1f}"
        if key.startswith("margin") and duration_s is not None and math.isfinite(value) and value >= duration_s:
            text = t("margin_no_water", v=t.value(duration_s, "s"))  # the drill's length is no measured margin
        if s.not_reached and s.unit == "s":
            text += t("headline_not_reached", k=s.not_reached, n=s.n)
        rows.append([t(label), text])

    both = _metric(card, "order_s") is not None and _metric(card, "downstream_order_s") is not None
    add("order_s", "headline_order_underground" if both else "headline_order", "p50")
    add("downstream_order_s", "headline_order_downstream", "p50")
    add("t100_warned_s", "headline_all_warned", "p50")
    add("share_warned_before_water", "headline_warned")
    add("share_safe_before_water", "headline_safe")
    add("t_all_safe_s", "headline_all_safe", "p50")
    add("margin_p5_s", "headline_margin", "p50")
    add("caught", "headline_caught")
    add("expected_fatalities", "headline_fatal")
    if whom := t.fatality_parts(card):  # more deaths than people caught: those sheltering or at home are not caught
        rows.append([t("headline_fatal_whom"), whom])
    by = {k: v for k, v in getattr(card, "fatalities_by_situation", {}).items() if v >= 0.05}
    if by:  # where they die: sheltering upstairs is not the same plan failure as being caught on the road
        sep = "；" if t.zh else "; "
        rows.append([t("headline_fatal_where"), sep.join(f"{t.term(k)} {v:.1f}" for k, v in by.items())])
    return rows


def weakest_zones(card: Scorecard, k: int = 3) -> list[Any]:
    """The ``k`` levels or places with the lowest share safe from the water; among equals, the lowest share warned
    before the water (a place the water reached before one it never reached), the most not first warned by the
    order, the latest everyone warned, the most fatalities."""
    def key(z: Any) -> tuple[float, ...]:
        warned = z.share_warned_before_water.mean
        return (z.share_safe_before_water.mean, 2.0 if math.isnan(warned) else warned,
                -float(np.nan_to_num(z.share_not_first_warned_by_order)),
                -float(np.nan_to_num(z.t100_warned_s.p50, nan=0.0)),
                -float(np.nan_to_num(z.expected_fatalities.mean)))

    # not a level only a kept-out shift had
    return sorted((z for z in card.zones if z.people), key=lambda z: (*key(z), z.zone))[:k]


def weak_place_line(z: Any, t: Text, n: int) -> str:
    """One of the weakest places of the summary (a :class:`~drills.experiment.scorecard.ZoneSummary` over ``n``
    replications), with, where people died sheltering upstairs, why the upper floor did not save them."""
    missed = z.share_not_first_warned_by_order
    never = t("never_part", share=t.value(missed, "share")) if missed > 0 else ""
    fat = t("fat_part", f=z.expected_fatalities.mean) if z.expected_fatalities.mean > 0.05 else ""
    if fat and z.upstairs_fatalities > 0.05:
        lost = t("upstairs_lost_part", k=z.upstairs_lost_in, n=n) if z.upstairs_lost_in else ""
        fat += t("fat_upstairs_part", f=z.upstairs_fatalities, lost=lost)
    return t("worst_place_line", zone=t.zone(z.zone), people=z.people,
             warned=(t("warned_part_none") if math.isnan(z.share_warned_before_water.mean) else
                     t("warned_part", warned=t.value(z.share_warned_before_water.mean, "share"))),
             safe=t.value(z.share_safe_before_water.mean, "share"),
             t100=t.value(z.t100_warned_s.p50, "s"), never=never, fat=fat)


def settle_how(ex: ExerciseResult, card: Scorecard, t: Text, recommend: bool = False) -> str:
    """After the unsettled checks: how to settle them (``drill run --until-settled N``, with the ``N`` the
    estimates ask for), or, if this run already ran on, where it stopped and why. ``recommend``: the report of
    ``drill recommend``, which has no ``--until-settled``: it is run again with more replications (``-n N``)."""
    st, n = ex.settling, t.settle_ceiling(card)
    span = t.settle_span(getattr(card, "settle_span", None), card.settle_with)
    if recommend:
        return t("recommend_settle_how_n", n=n, span=span) if n else t("recommend_settle_how")
    if st is None:
        return t("settle_how_n", n=n, span=span) if n else t("settle_how")  # n as typed on the command line
    if st.why == "too_close":
        return t("settle_how_too_close", n=grouped(ex.replications), ceiling=st.ceiling)
    return t("settle_how_ceiling_n", ceiling=st.ceiling, span=span) if n else t("settle_how_ceiling",
                                                                                    ceiling=st.ceiling)


def summary(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text, found: Sequence[Any],
            revised: Sequence[Any]) -> None:
    """One page: grade, key results, the weakest places, the worst findings, the best revisions."""
    doc.heading(t("summary"), new_page=True)
    grade = grade_of(card, t)
    doc.box([(t("grade_line", grade=grade or t("grade_none")), 11, "bold")])
    if card.water_reached_no_one:
        doc.text(t("untested_grade"), 8.5, weight="bold", after=0.08)
    doc.text(t("summary_intro", n=ex.replications, by=t.words("zones_by", card.site)), 8.5, after=0.1)
    estimate = flood_estimate_line(ex.spec, t)
    if estimate:
        doc.text(estimate, 8.5, weight="bold", after=0.1)
    doc.subheading(t("key_results"))
    doc.table([("", 3.3, "left"), ("", doc.width - 3.3, "right")], headline_rows(card, t, ex.spec.duration_s), size=9,
              header=False)
    doc.text(t.words("safe_def", card.site), 8, color=GREY, after=0.05)
    notes = (getattr(card, "confidence_zh", ()) or card.confidence) if t.zh else card.confidence
    if notes:
        doc.subheading(t("confidence"))
        for note in notes:
            doc.text(note, 8.5, marker="•", after=0.04)
        doc.text(settle_how(ex, card, t, recommend=bool(revised)), 8.5, after=0.04)  # revisions: drill recommend's
        doc.y += 0.05
    doc.subheading(t("worst_places"))
    doc.text(t.words("worst_places_intro", card.site), 8.5, after=0.05, keep=True)
    for z in weakest_zones(card):
        doc.text(weak_place_line(z, t, ex.replications), 8.5, marker="•", after=0.04)
    doc.y += 0.05
    doc.subheading(t("worst_findings"))
    if found:
        top = list(found)[:3]  # numbered as the findings section numbers them
        for k, (f, change) in enumerate(zip(top, Proposed.firsts((getattr(f, "proposed", None) for f in top), t.lang),
                                            strict=True), 1):
            doc.text(finding_line(f, t), 8.5, marker=f"{k}.", after=0.02 if change else 0.04)
            if change:  # what to change, as the findings section proposes it, not yet proven by re-simulation
                doc.text(change, 8, indent=0.22, color=GREY, after=0.04)
    else:
        doc.text(t("no_findings_yet"), 8.5, slant="italic", color=GREY)
    best = [r for r in revised if getattr(r, "effective", True)][:3] or list(revised)[:3]
    if best:  # a run without revisions says so once, in the Revisions section, not on the summary page too
        doc.subheading(t("best_revisions"))
        for r in best:
            doc.text(_revision_line(r, t), 8.5, marker="•", after=0.04)


def metric_rows(card: Scorecard, t: Text, duration_s: float | None = None) -> list[list[str]]:
    """The scorecard as table rows (also what the golden test pins)."""
    rows = []
    for s in card.metrics:
        if mean_is_withheld(s):  # a mean of the few replications reached would read as the drill's result
            mean = ci = "–"
        else:
            if s.key.startswith("margin"):
                ci = t.margin_range(s.ci_low, s.ci_high, duration_s)
            else:
                ci = (f"{_value(s, s.ci_low, t, duration_s)} – {_value(s, s.ci_high, t, duration_s)}"
                      if not math.isnan(s.ci_low) else "–")
            mean = _value(s, s.mean, t, duration_s) + ("*" if mean_is_partial(s) else "")
        rows.append([t.metric(s.key, s.label), mean, ci, _value(s, s.p5, t, duration_s),
                     _value(s, s.p95, t, duration_s), f"{s.not_reached}/{s.n}"])
    return rows


def scorecard_text(card: Scorecard, lang: str = "en", duration_s: float | None = None) -> str:
    """The scorecard and the table by level or place as plain text, one row a line, tab-separated."""
    t = Text(lang)
    head = [t(k) for k in ("col_metric", "col_mean", "col_ci", "col_p5", "col_p95", "col_not_reached")]
    lines = [f"# scorecard: {card.replications} replications, seed {card.seed}, {card.people} people",
             "\t".join(head), *("\t".join(r) for r in metric_rows(card, t, duration_s)), "",
             "\t".join(c for c, _, _ in zone_columns(t, 0.0, card.site)),
             *("\t".join(r) for r in zone_rows(card, t, duration_s))]
    return "\n".join(lines) + "\n"


def scorecard_table(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text) -> None:
    """Every metric with its mean, confidence interval, percentiles and replications not reached."""
    doc.heading(t("scorecard"), new_page=True)
    fatal = t("scorecard_fatal_both") if card.site == "both" else ""  # only a drill with both has the two rules
    doc.text(t("scorecard_intro", n=card.replications, fatal=fatal, safe_def=t.words("safe_def", card.site)),
             8.5, after=0.12, keep=True)
    doc.table(
        # wide enough for a margin's "≥ 30:00:00*" and "not all safe" on one line
        [(t("col_metric"), 2.36, "left"), (t("col_mean"), 0.85, "right"), (t("col_ci"), 1.28, "right"),
         (t("col_p5"), 0.78, "right"), (t("col_p95"), 0.78, "right"),
         (t("col_not_reached"), doc.width - 6.05, "right")],
        metric_rows(card, t, ex.spec.duration_s), size=8.5,
    )
    for note in scorecard_notes(card, t, ex.spec.duration_s):
        doc.text(note, 8, color=GREY)


def _graded_zh(r: Any) -> tuple[str, str]:
    """What a metric grades and its bands, in Chinese; the bands in minutes and per cent read alike."""
    from drills.experiment.grading import INTERNAL_REPORT_LIMIT_S, LOCAL_NOTICE_LIMIT_S

    bands = r.bands.replace(" min", " 分钟").replace(", ", "，")
    basis = {
        "M1": "各次重复中“撤离命令时刻减去其预警级别首个触发条件满足时刻”的第 95 百分位",
        "M2": "门槛：至少 95 % 的重复中全部有风险人员在水到达前收到撤离命令；等级：命令下达后最后一人收到命令时间的"
              "第 95 百分位",
        "M3": "门槛：至少 95 % 的重复中水到来时无人被困或处于水的去路上；等级：对水的最小裕度的第 5 百分位",
        "M4": "县级报告在其触发后的时间（第 95 百分位），对照预案时限与 1 小时（《生产安全事故报告和调查处理条例》"
              "第九条）；触发报告与向乡镇的"
              f"通知分别在 {INTERNAL_REPORT_LIMIT_S / 60:g} / {LOCAL_NOTICE_LIMIT_S / 60:g} "
              "分钟内 [P]",
        "M5": "各次重复中已宣布预警级别的步骤按时完成比例的第 5 百分位",
        "M6": "门槛：没有单一故障使 M2 或 M3 不满足，或使迟到预警或不安全人数显著增加（配对 95 % 置信区间）；等级："
              "单一故障下最后一人收到预警时间第 95 百分位的最大增幅（始终未收到预警按演练结束时计）",
    }.get(r.metric, r.basis)
    if r.metric == "M6" and r.grade == "–":  # not graded: no single-fault runs (no value), or not assessable
        basis = ("未评估（未进行单一故障模拟）" if r.basis.startswith("not assessed")
                 else "无法评估：预案在无故障时已不满足 M2 和 M3，且没有单一故障使其显著变差")
    if r.metric == "M4":
        bands = "A 全部按时；C 县级报告按时，内部报告或乡镇通知迟到；D 县级报告迟到或缺失 [P]"
    return basis, bands


def grade_rows(card: Scorecard, t: Text, duration_s: float | None = None) -> list[list[str]]:
    """The graded metrics as table rows: metric, what is graded, value, grade (and gate), bands, weight
    (``duration_s``: the drill's length, which a margin that no water cut short is shown as at least)."""
    from drills.experiment.graded import weight  # the scoring step's, imported when a graded card is drawn

    basis = card.grading
    if basis is None:
        return []
    rows = []
    for r in basis.rows:
        if r.unit == "s" and r.metric == "M3":
            value = margin(r.value, duration_s, t)
        else:
            value = t.value(r.value, r.unit if r.unit in ("s", "share") else "persons")
        gate = "" if r.gate is None else " · " + t("gate_held" if r.gate else "gate_failed")
        w = weight(r)
        weight_text = percent(w) if w is not None else t("weight_none")
        basis, bands = _graded_zh(r) if t.zh else (r.basis, r.bands)
        name = t.graded(r.metric, r.name)
        rows.append([f"{r.metric} {name}", basis, value, r.grade + gate, bands, weight_text])
    return rows


def grade_basis(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text) -> None:
    """How the grade was reached: every metric's value, grade and bands, the score and what capped it."""
    basis = card.grading
    if basis is None:
        return
    doc.heading(t("grade_basis"), new_page=True)
    bands = ("; " if not t.zh else "；").join(f"≥ {floor:g} {zh}" for zh, _, floor in basis.bands)
    doc.text(t("grade_basis_intro", n=ex.replications, bands=bands, most=basis.most_must_correct_for_excellent),
             8.5, after=0.12, keep=True)
    # the widths that take the fewest lines over the bundled examples, in both languages: the basis and the
    # bands are the long cells (a weight is a few characters)
    doc.table([(t("col_metric"), 1.15, "left"), (t("col_graded"), 2.3, "left"), (t("col_value"), 0.6, "right"),
               (t("col_grade_ad"), 0.65, "left"), (t("col_bands"), 1.5, "left"),
               (t("col_weight"), doc.width - 6.2, "right")], grade_rows(card, t, ex.spec.duration_s), size=7.5)
    score = f"{basis.score:.1f}" if math.isfinite(basis.score) else "–"  # as the terminal and the Markdown
    key = "grade_capped" if basis.capped else "grade_scored"
    doc.text(t(key, score=score, **t.finding_counts(basis.deficiencies, basis.must_correct, basis.improvements),
               grade=grade_of(card, t) or t("grade_none")), 8.5, weight="bold", after=0.06)


def timeline(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text, figs: dict[str, Path]) -> None:
    """From the first sign to the last person safe: all replications (figure), the median one (table)."""
    if not ex.results:
        return
    r = median_replication(card)
    res = ex.results[r]
    per = {k: float(v[r]) for k, v in card.per_replication.items()}
    for key in ("order_s", "downstream_order_s", "t90_warned_s", "t100_warned_s", "t_all_safe_s", "share_safe",
                "caught"):
        per.setdefault(key, math.nan)
    order = per["order_s"] if math.isfinite(per["order_s"]) else per["downstream_order_s"]
    doc.heading(t("timeline"), new_page=True)

    def at(key: str, when: float) -> str:  # "… at 0:12:00", or said as never
        return t(f"tl_{key}_at", t=t.value(when, "s")) if math.isfinite(when) else t(f"tl_{key}_never")

    doc.text(t("timeline_intro", n=ex.replications, r=res.replication, order=at("order", order),
               t90=at("t90", per["t90_warned_s"]), t100=at("t100", per["t100_warned_s"]),
               safe=at("safe", per["t_all_safe_s"]), share=t.value(per["share_safe"], "share"),
               caught=f"{per['caught']:.0f}" if math.isfinite(per["caught"]) else "–"), 8.5, after=0.12, keep=True)
    if "timeline" in figs:
        # at the size it was drawn for, so that its labels print at their size
        _figure(doc, t, figs, "timeline", t("fig_timeline_title"), t("cap_timeline", max=MAX_EVENTS),
                max_h=TIMELINE_H_IN, min_scale=1.0)
    events = [(float(e.t_s), e.kind, t.event(e.what)) for e in res.timeline]
    for key, what in (("t90_warned_s", "result_t90"), ("t100_warned_s", "result_t100"),
                      ("t_all_safe_s", "result_safe")):
        if not math.isnan(per[key]):  # NaN: the metric is absent; inf: never reached, listed last as "never"
            events.append((per[key], "result", t(what)))
    events.sort(key=lambda e: e[0])
    rows = [[clock(ex, s, t), t.value(s, "s"), t.kind(kind), what] for s, kind, what in events]
    columns = [(t("col_clock"), 1.0, "left"), (t("col_after_start"), 0.85, "right"), (t("col_kind"), 0.85, "left"),
               (t("col_event"), doc.width - 2.7, "left")]
    # the table starts on a new page unless it fits whole where it is (a page holds a long one at most)
    doc.table(columns, rows, size=8, keep_together=True)


def _figure(doc: Document, t: Text, figs: dict[str, Path], name: str, title: str, caption: str,
            **kw: Any) -> None:
    """A numbered figure, if it was drawn."""
    if name in figs:
        doc.figure_no += 1
        doc.image(Path(figs[name]), t("figure_n", k=doc.figure_no, title=title), caption, **kw)


def progress(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text, figs: dict[str, Path]) -> None:
    """Warned and safe over time, with their spread, against the water reaching people's places."""
    doc.heading(t("progress"), new_page=True)
    _figure(doc, t, figs, "warned_safe", t("fig_warned_safe_title"), warned_safe_caption(ex, card, t))


def warned_safe_caption(ex: ExerciseResult, card: Scorecard, t: Text) -> str:
    """The caption of the warned-and-safe figure: whose shares it draws (a later shift kept on the surface is left
    out of them) and the places of safety this drill has."""
    seen = {p.outcome for r in ex.results for p in r.people} - {"kept_out"}
    safe = ("、" if t.zh else ", ").join(t.term(o) for o in SAFE_OUTCOMES if o in seen) or "–"
    kept = sum(z.kept_out for z in card.zones)
    people = len(ex.spec.people)
    share_of = t("cap_share_there", people=people, kept=kept) if kept else t("cap_share_all", people=people)
    return t("cap_warned_safe", share_of=share_of, n=ex.replications, safe=safe,
             orders=t.words("cap_orders", card.site))


def site(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text, figs: dict[str, Path]) -> None:
    """The site drawn with the water, the clearance and the bottlenecks (section and/or map)."""
    if "section" not in figs and "map" not in figs:
        return
    doc.heading(t("site_maps"), new_page=True)
    for name in ("section", "map"):  # a figure that rings nothing says so rather than promise red rings
        none = "" if rings_drawn(ex, name) else " " + t("cap_no_bottlenecks", q=MIN_QUEUE)
        zoom = " " + t("cap_map_zoom") if name == "map" and map_settlements(ex) else ""
        zoom += " " + t("cap_map_bridges") if name == "map" and bridges_drawn(ex) else ""
        caption = t(f"cap_{name}", n=ex.replications, by=t.words("zones_by", card.site))  # the table as titled
        _figure(doc, t, figs, name, t(f"fig_{name}_title"), caption + zoom + none)


def zone_columns(t: Text, width: float, site: str = "both") -> list[tuple[str, float, str]]:
    """The columns of the table by level and place, with the widths that take the fewest lines over the bundled
    examples in both languages (titles of at most three lines in English, two in Chinese, none broken inside a
    word), so that the table is as short as it can be; the first is headed in the words of the drill's ``site``
    (:attr:`~drills.experiment.scorecard.Scorecard.site`: level, place, or both)."""
    cols = [(t.words("col_zone", site), 1.1, "left"), (t("col_people"), 0.5, "right"),
            (t("col_warned_before"), 1.1, "right"),
            (t("col_all_warned"), 0.7, "right"), (t("col_safe_before"), 0.8, "right"),
            (t("col_margin"), 0.85, "right"), (t("col_not_first"), 0.85, "right")]
    used = sum(w for _, w, _ in cols)
    cols.append((t("col_fatal"), max(width - used, 0.7), "right"))
    return cols


def zone_rows(card: Scorecard, t: Text, duration_s: float | None = None) -> list[list[str]]:
    return [
        [t.zone(z.zone), str(z.people), t.value(z.share_warned_before_water.mean, "share"),
         t.value(z.t100_warned_s.p50, "s"), t.value(z.share_safe_before_water.mean, "share"),
         margin(z.margin_min_s.p50, duration_s, t), t.value(z.share_not_first_warned_by_order, "share"),
         t.value(z.expected_fatalities.mean, "persons")]
        for z in card.zones
    ]


def zones(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text) -> None:
    """The table by mining level and by place of the valley."""
    if not card.zones:
        return
    rows = zone_rows(card, t, ex.spec.duration_s)
    columns = zone_columns(t, doc.width, card.site)
    doc.heading(t.words("zones", card.site))
    doc.text(t("zones_intro", n=card.replications, what=t.words("zones_what", card.site),
               fatal=t.words("zones_fatal", card.site)), 8.5, after=0.12, keep=True)
    doc.table(columns, rows, size=8.5, keep_together=True, note=t.zones_note(card))


def channel_shares_of(ex: ExerciseResult, t: Text) -> str:
    """What the shares of the first-warning channels are of: the person-replications, but a later shift kept on the
    surface (:func:`~drills.experiment.scorecard.first_warned_by`)."""
    people, n = len(ex.spec.people), ex.replications
    kept = sum(int(r.people.isin("outcome", ("kept_out",)).sum()) for r in ex.results)
    if kept:
        return t("cap_channels_base_kept", total=people * n - kept, people=people, n=n, kept=kept)
    return t("cap_channels_base", people=people, n=n)


def channels(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text, figs: dict[str, Path]) -> None:
    """How people were warned (应急通讯), and the cage."""
    cages = len({h.hoist for r in ex.results for h in r.hoists})  # the cages the figure draws
    doc.heading(t("channels_section" if "cage" not in figs else "channels_cage_section" if cages == 1 else
                  "channels_cages_section"), new_page=True)
    mine = card.site != "valley"  # crews and a later shift are the mine's
    _figure(doc, t, figs, "channels", t("fig_channel_first"),
            t("cap_channels", base=channel_shares_of(ex, t), by=t.words("zones_by", card.site),
              orders=t.words("cap_orders", card.site), crew=t("cap_channels_crew") if mine else "",
              kept=t("cap_channels_kept") if mine else ""))
    _figure(doc, t, figs, "cage", *((t("cage_section"), t("cap_cage", n=ex.replications)) if cages == 1 else
                                    (t("cages_section"), t("cap_cages", n=ex.replications, k=cages))))


def _revision_line(r: Any, t: Text) -> str:
    before, after, metric = getattr(r, "before", ""), getattr(r, "after", ""), getattr(r, "metric", "")
    if not metric and not str(before).strip("–") and not str(after).strip("–"):
        return str(getattr(r, "title", r))
    if not str(before).strip("–") and not str(after).strip("–"):
        return f"{getattr(r, 'title', r)}: {metric}"
    return f"{getattr(r, 'title', r)}: {metric} {before} → {after}"


def findings(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text, found: Sequence[Any]) -> None:
    """Findings with class, evidence and plan clause (from the scoring step), each with what to change on a line
    of its own under its evidence (:mod:`drills.experiment.proposals`).

    Each finding is a :class:`~drills.experiment.graded.ReportFinding` (or a
    :class:`~drills.experiment.findings.Finding`): its class, its words in the report's language and, for a
    report finding, what is proposed for it.
    """
    doc.heading(t("findings"), new_page=True)
    doc.text(t("findings_intro"), 8.5, after=0.12, keep=True)
    if not found:
        doc.text(t("no_findings_yet"), 9, slant="italic", color=GREY)
        return
    from drills.experiment.findings import requirement_tags, table_row

    tags = requirement_tags(found, t.lang)  # each requirement stated once, the rows citing it by its tag
    if tags:
        doc.subheading(t("findings_requirements"))
        doc.text(t("findings_requirements_intro"), 8.5, after=0.08, keep=True)
        doc.table([(t("col_tag"), 0.45, "left"), (t("col_requirement"), doc.width - 0.45, "left")],
                  [[tag, text] for text, tag in tags.items()], size=8)
    rows = [table_row(f, tags, t.lang, k) for k, f in enumerate(found, 1)]  # numbered, to be referred to
    under = Proposed.told([getattr(f, "proposed", None) for f in found], t.lang)
    # the requirement column holds only tags (S1, S3), so the evidence takes the width it gave up
    doc.table([(t("col_class"), 0.9, "left"), (t("col_finding"), 2.0, "left"),
               (t("col_evidence"), doc.width - 3.75, "left"), (t("col_requirement"), 0.85, "left")], rows, size=8,
              under=under, split_rows=True)


def single_faults(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text) -> None:
    """Every single fault tried for M6 and what it did, when the drill was graded with them
    (:class:`~drills.experiment.robustness.Robustness`): the findings name only those that break the plan."""
    from drills.experiment.paired import fmt_ci
    from drills.experiment.season import GREEN, RED, YELLOW  # the season matrix's colours

    rob = card.robustness
    if rob is None or not rob.runs:
        return
    doc.heading(t("sf_heading"))
    left = t("sf_left_out", names=t("list_sep").join(rob.left_out)) if rob.left_out else ""
    doc.text(t("sf_intro", n=rob.replications, start=t.value(rob.fault_at_s, "s"), left=left), 8.5, after=0.12,
             keep=True)

    def gates(m2: bool, m3: bool) -> str:
        return t("sf_gates", m2=t("sf_ok" if m2 else "sf_fail"), m3=t("sf_ok" if m3 else "sf_fail"))

    rows = [[r.name, t.value(r.changed, "persons"), gates(r.m2_pass, r.m3_pass), fmt_ci(r.diffs["unsafe"]),
             fmt_ci(r.diffs["late_warned"]), t.value(r.t100_rise_s, "s"), t("sf_" + rob.verdict(r))] for r in rob.runs]
    fill = {"breaks": RED, "withstood": GREEN, "nothing": YELLOW}  # breaks the plan, withstood, tested nothing
    fills: list[list[str | None]] = [[None] * 6 + [fill[rob.verdict(r)]] for r in rob.runs]
    doc.table([(t("col_fault"), 1.7, "left"), (t("col_sf_changed"), 0.6, "right"), (t("col_sf_gates"), 1.1, "left"),
               (t("col_sf_unsafe"), 1.0, "right"), (t("col_sf_late"), 1.0, "right"), (t("col_sf_rise"), 0.6, "right"),
               (t("col_sf_verdict"), doc.width - 6.0, "left")], rows, size=7.5, fills=fills, keep_together=True,
              note=t("sf_note", base=gates(rob.base_m2_pass, rob.base_m3_pass), n=rob.replications,
                     rise=t("sf_rise_none") if any(math.isnan(r.t100_rise_s) for r in rob.runs) else ""))


def revisions(doc: Document, ex: ExerciseResult, card: Scorecard, t: Text, revised: Sequence[Any]) -> None:
    """Revisions of the plan with the metric they improve, before and after (from the revision step).

    Each revision is read by attribute: ``title``, ``metric``, ``before`` and ``after``.
    """
    doc.heading(t("revisions"))
    doc.text(t("revisions_intro"), 8.5, after=0.12, keep=True)
    if not revised:
        doc.text(t("no_revisions_yet"), 9, slant="italic", color=GREY)
        return
    rows = [[str(getattr(r, "title", r)), str(getattr(r, "metric", "")), str(getattr(r, "before", "")),
             str(getattr(r, "after", "")), str(getattr(r, "change", ""))] for r in revised]
    doc.table([(t("col_revision"), 2.35, "left"), (t("col_metric"), 1.3, "left"), (t("col_before"), 0.75, "right"),
               (t("col_after"), 0.75, "right"), (t("col_change_ci"), doc.width - 5.15, "right")], rows, size=8)
    doc.text(t("rev_basis_note", n=ex.replications, seed=ex.seed), 8, color=GREY)
    if any(getattr(r, "capped", False) for r in revised):
        doc.text(t("capped_note", duration=t.value(ex.spec.duration_s, "s")), 8, color=GREY)
    if card.revision_grades:  # the grades the revisions change, as recommendations.md gives them
        doc.subheading(t("rev_grades"))
        doc.table([(t("col_metric"), 2.6, "left"), (t("col_before"), 2.2, "left"),
                   (t("col_after"), doc.width - 4.8, "left")], [list(r) for r in card.revision_grades], size=8,
                  keep_together=True)
    if card.revision_trials:  # every revision tried, chosen or not, with its paired differences
        doc.subheading(t("rev_trials"))
        doc.text(t("rev_trials_intro"), 8, after=0.06, keep=True)
        doc.table([("#", 0.25, "right"), (t("col_revision"), 1.85, "left"), (t("col_cost"), 0.4, "right"),
                   (t("col_verdict"), 0.9, "left"), (t("col_d_unsafe"), 0.95, "right"),
                   (t("col_d_late"), 0.95, "right"), (t("col_d_objective"), 0.95, "right"),
                   (t("col_chosen"), doc.width - 6.25, "left")],
                  [[k, words + (t("rev_trial_under", fault=fault) if fault else ""), cost, *rest]
                   for k, words, cost, fault, *rest in card.revision_trials], size=7.5)
    for line in getattr(card, "beyond_warning", ()):  # what no revision of the warning can do, said plainly
        doc.text(line, 9)


def trigger_condition(trig: Trigger, spec: DrillSpec, t: Text) -> str:
    """What meets a trigger, as the plan writes it: a warning level or higher, an event, or a value at least."""
    quantity = t.term(trig.quantity)
    if trig.quantity in ("met_warning", "monitoring_level"):
        level = trig.at_level or "red"
        return t("trigger_at_top" if level == "red" else "trigger_at_level", quantity=quantity, level=t.term(level))
    if trig.quantity in ("dam_breach", "overtopping"):
        return quantity
    if trig.quantity == "water_depth_m" and trig.node is not None:
        return t("trigger_depth", node=spec.network.nodes[trig.node].id, threshold=trig.threshold)
    if trig.quantity == "mine_inflow_change":
        return t("trigger_inflow_change", share=trig.threshold * 100)
    return t("trigger_at_least", quantity=quantity, threshold=trig.threshold)


def channel_reach(ex: ExerciseResult, ch: Channel, t: Text) -> str:
    """Whom a channel reaches and how likely they are to take the message in, as the model uses it in this scenario:
    the compiled channel's values (its type's defaults for the time of day and the rain, :mod:`drills.model.warning`,
    unless the plan gives its own) and, for a text message, the share of residents with a phone."""
    spec = ex.spec
    nodes = spec.network.nodes
    coverage = t("coverage_n", n=len(ch.coverage)) if ch.coverage else t("coverage_all")
    when = conditions(ex, t)
    if ch.type in ("siren", "village_loudspeaker"):
        rain = warning.RAIN_AUDIBILITY[spec.rain]
        return t("reach_sound", aud=ch.audibility, radius=ch.audible_radius_m,
                 places=", ".join(nodes[n].id for n in ch.coverage), when=when,
                 rain=t("reach_rain", f=rain) if rain < 1.0 else "", hear=ch.hear_probability,
                 cycle=ch.repeat_interval_s)
    if ch.type == "sms":
        cover = set(ch.coverage)
        residents = [p for p in spec.people if p.group == "resident"
                     and (not cover or spec.parties[p.party].start in cover)]
        phones = sum(p.phone for p in residents) / len(residents) if residents else 0.0
        return t("reach_sms", phones=phones, coverage=coverage, notice=ch.answer_probability, when=when,
                 delivery=describe(warning.SMS_DELIVERY, t))
    if ch.type == "loudspeaker_vehicle":
        return t("reach_vehicle", hear=ch.hear_probability, radius=ch.audible_radius_m, when=when,
                 coverage=coverage)
    if ch.type == "door_to_door":
        return t("reach_door", coverage=coverage, visit=describe(ch.visit or warning.DOOR_VISIT, t))
    if ch.type == "phone_tree":
        return t("reach_phone_tree", coverage=coverage, callers=ch.callers, answer=ch.answer_probability)
    if ch.type == "runner":
        return t("reach_runner", coverage=coverage)
    if ch.type == "station_phones":
        return t("reach_phones", coverage=coverage)
    if ch.type == "stench_gas" and ch.start is not None:
        coverage = t("coverage_air", n=len(ch.coverage), v=ch.speed_mps, start=nodes[ch.start].id)
        return t("reach_once", hear=ch.hear_probability, coverage=coverage)
    return t("reach_message", hear=ch.hear_probability, cycle=ch.repeat_interval_s, coverage=coverage)


def parameter_rows(ex: ExerciseResult, t: Text) -> tuple[list[list[str]], list[list[str]]]:
    """The plan's and the scenario's parameters behind this drill, as (parameter, value) rows."""
    spec = ex.spec
    plan_rows: list[list[str]] = []
    for role in spec.roles.values():
        plan_rows.append([t("role_delay", title=role.title), describe(role.decision_delay, t)])
        plan_rows.append([t("role_present", title=role.title), percent(role.present_probability)])
        backups = ", ".join(spec.roles[b].title if b in spec.roles else b for b in role.backups)
        plan_rows.append([t("role_backups", title=role.title),
                          t("role_backups_value", backups=backups, handover=describe(role.handover, t))
                          if backups else t("none")])
    for trig in spec.triggers:
        plan_rows.append([
            t("trigger_row", id=trig.id, condition=trigger_condition(trig, spec, t), level=t.term(trig.level)),
            t("trigger_value", delay=describe(trig.detection_delay, t),
              owner=spec.roles[trig.owner].title if trig.owner in spec.roles else trig.owner),
        ])
    for ch in spec.channels:
        power = t("mains_power", h=ch.backup_power_h) if ch.needs_mains_power else ""
        plan_rows.append([t("channel_row", id=ch.id, type=t.term(ch.type)),
                          t("channel_value", delay=describe(ch.activation_delay, t), rel=ch.reliability,
                            reach=channel_reach(ex, ch, t), power=power)])
    for h in spec.hoists:
        plan_rows.append([t("hoist_row", id=h.id), t("hoist_value", capacity=h.capacity,
                                                     decks=t("hoist_deck_one") if h.decks == 1 else
                                                     t("hoist_decks", n=h.decks), v=h.v_max, a=h.accel,
                                                     signal=f"{h.signal_s:g}")])
    hazard = []
    storm_only = spec.inrush is not None and spec.inrush.burst_s is None  # the storm's water alone, no inrush
    if spec.inrush is not None:
        hazard.append(t("hazard_storm_water" if storm_only else "hazard_inrush",
                        node=spec.network.nodes[spec.inrush.source].id))
    if spec.dam_break is not None:
        hazard.append(t("hazard_dam", dam=spec.dam_break.dam, t=t.value(spec.dam_break.breach_s, "s"),
                        source=flood_source(spec, t)))
    dur = spec.duration_s
    scen_rows = [
        [t("param_duration"), t("drill_length_value", h=int(dur // 3600), m=int(dur % 3600 // 60))],
        [t("param_time"), conditions(ex, t)],
        [t("param_hazard"), t("clause_sep").join(hazard) or "–"],
    ]
    if spec.inrush is not None:
        scen_rows += inflow_rows(spec.inrush, t)
    db = spec.dam_break
    if db is not None and (db.breach is not None or db.volume_factor is not None):
        scen_rows.append([t("breach_row"), t(
            "breach_value", breach=describe(db.breach, t) if db.breach is not None else t.value(db.breach_s, "s"),
            volume=describe(db.volume_factor, t, unit="") if db.volume_factor is not None else "1")])
    scen_rows.append([t("param_mc"), t("list_sep").join((str(ex.replications), str(ex.seed)))])
    return plan_rows, scen_rows


def inflow_rows(inr: Inrush, t: Text) -> list[list[str]]:
    """The rows of the water coming into the mine: the inrush's (its hydrograph as the scenario writes it, its factor
    and its own pumps), and in a flood season the storm's extra water with the mine's pumps and usual inflow."""
    def rows(key: str, times: Sequence[float], m3ps: Sequence[float], **kw: Any) -> list[str]:
        # the storm's water beyond the usual inflow, which the pumps' row gives
        q = [3600.0 * (x - inr.unpumped_m3ps if key == "storm_inflow" else x) for x in m3ps]
        peak = max(range(len(q)), key=q.__getitem__)
        return [t(f"{key}_row"), t(f"{key}_value", start=t.value(times[0], "s"), q0=q[0], qmax=q[peak],
                                   rise=t.value(times[peak] - times[0], "s"), **kw)]

    if inr.burst_s is None:  # the storm's water alone
        return [rows("storm_inflow", inr.hydro_t_s, inr.hydro_m3ps, pumps=pumping(inr, t))]
    times, q = zip(*inr.written, strict=True) if inr.written else (inr.hydro_t_s, inr.hydro_m3ps)
    inrush = rows("inflow", times, q, k=len(q), factor=describe(inr.factor, t, unit=""),
                  pumps=t("inflow_pumping", pump=3600.0 * own_pumping(inr)) if inr.unscaled_m3ps else pumping(inr, t))
    if not inr.unscaled_m3ps:
        return [inrush]
    return [inrush, rows("storm_inflow", inr.hydro_t_s, inr.unscaled_m3ps, pumps=t(
        "inflow_mine_pumps", pump=3600.0 * (inr.mine_pumps_m3ps or 0.0), usual=3600.0 * inr.usual_m3ps))]


def own_pumping(inr: Inrush) -> float:
    """The inrush's own pumps (m³/s), beside what the mine's pumps have beyond its usual inflow."""
    if inr.mine_pumps_m3ps is None:
        return inr.pumping_m3ps
    return max(inr.pumping_m3ps - max(inr.mine_pumps_m3ps - inr.usual_m3ps, 0.0), 0.0)


def pumping(inr: Inrush, t: Text) -> str:
    """The pumps as the planner wrote them: an inrush's own, and in a flood season the mine's full capacity and its
    usual inflow (the model pumps the storm's water with only what the mine's pumps have beyond that inflow)."""
    if inr.mine_pumps_m3ps is None:
        return t("inflow_pumping", pump=3600.0 * inr.pumping_m3ps)
    mine = t("inflow_mine_pumps", pump=3600.0 * inr.mine_pumps_m3ps, usual=3600.0 * inr.usual_m3ps)
    own = own_pumping(inr)
    if own <= 1e-12:
        return mine
    return t("clause_sep").join((t("inflow_pumping", pump=3600.0 * own), mine))


def _uses(ex: ExerciseResult, when: str) -> bool:
    spec = ex.spec
    return {
        "always": True,
        "miners": any(p.group == "miner" for p in spec.people),
        "residents": any(p.group == "resident" for p in spec.people),
        "hoists": bool(spec.hoists),
        "inrush": spec.inrush is not None,
        "dam_break": spec.dam_break is not None,
    }.get(when, False)


def method_parts(t: Text, hoists: bool) -> dict[str, str]:
    """What the method appendix says is simulated and recorded: a cage and its records only where a drill has one."""
    more = "_hoist" if hoists else ""
    return {"actors": t("method_actors" + more), "records": t("method_records" + more)}


def assumptions(doc: Document, ex: ExerciseResult, t: Text) -> None:
    """The parameters from the plan and scenario files, then the model's cited defaults."""
    doc.heading(t("assumptions"), new_page=True)
    doc.text(t("assumptions_intro"), 8.5, after=0.12, keep=True)
    plan_rows, scen_rows = parameter_rows(ex, t)
    files = {k: Path(v).name for k, v in ex.spec.meta.files.items()}
    cols = [(t("col_parameter"), 2.9, "left"), (t("col_value"), doc.width - 2.9, "left")]
    doc.subheading(t("params_plan", file=files.get("plan", "–")))
    doc.table(cols, plan_rows, size=8)
    doc.subheading(t("params_scenario", file=files.get("scenario", "–")))
    doc.table(cols, scen_rows, size=8)
    input_warnings(doc, ex.spec.meta.input_warnings, t)
    doc.subheading(t("provenance_legend"), 9.5)  # what [V] [K] [E] [P] in the quoted defaults mean
    for key in ("tag_seen", "tag_knowledge", "tag_engineering", "tag_proposal"):
        doc.text(t(key), 8.0, marker="•", indent=0.1, after=0.04)
    dropped = False
    for module, when in SOURCES:
        if not _uses(ex, when):
            continue
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        text = quoted(module, mod.__doc__ or "", t)
        doc.subheading(t("model_defaults", topic=topic(module, t)), 9.5)
        if text.strip():
            doc.text(lead(module, text, t), 8.0, after=0.06)
        _docstring(doc, text)
        dropped = dropped or renderable(text) != text
    if dropped:
        doc.text(t("dropped_glyphs"), 7.5, slant="italic", color=GREY)


def input_warnings(doc: Document, found: Sequence[tuple[str, int | None, str, str]], t: Text) -> None:
    """The input values that look like data-entry slips (drills.inputs.plausibility), each in ``t``'s language;
    nothing if there are none (the cover, beside the input files, says "none")."""
    if not found:
        return
    doc.subheading(t("input_warnings_heading"))
    doc.text(t("input_warnings_intro"), 8.5, after=0.06, keep=True)
    for file, line, field, message in found:
        where = f"{Path(file).name}:{line}" if line is not None else Path(file).name
        doc.text(f"{where}: {field}: {in_language(message, t.lang)}", 8.0, marker="•", indent=0.1, after=0.04)


def quoted(module: str, doc: str, t: Text) -> str:
    """The text the report quotes for a module: its docstring, or its Chinese paragraphs in Chinese, in the
    reader's words (:func:`for_readers`)."""
    return for_readers(SOURCES_ZH.get(module, doc) if t.zh else doc, t)


#: a module of the package, named with or without a role and with or without an object in it: ":mod:`drills.a.b`",
#: ":class:`~drills.a.b.C`", "drills.a.b.CONSTANT"
_MODULE_REF = re.compile(r":\w+:`~?(drills\.\w+\.\w+)(?:\.\w+)*`|\b(drills\.\w+\.\w+)(?:\.\w+)*")


def topic(module: str, t: Text) -> str:
    """What the report calls the part of the model ``module`` holds ("Walking and crowding"), in ``t``'s words."""
    name = module.rsplit(".", 1)[-1]
    return t(f"topic_{name}") if f"topic_{name}" in EN else name.replace("_", " ")


def lead(module: str, text: str, t: Text) -> str:
    """The line under the heading of a part of the model (:func:`topic`): the summary line of the text quoted for
    ``module``, or, where that line tells how the code is built rather than what the model assumes ("as SimPy
    processes"), the report's own words for the part (``lead_<module>``), in ``t``'s language."""
    name = module.rsplit(".", 1)[-1]
    return t(f"lead_{name}") if f"lead_{name}" in EN else blocks(text, summary=True)[0][1]


def for_readers(text: str, t: Text) -> str:
    """``text`` with the code's names left out for a regulator: a reference given only for the code's reader is
    dropped, any other module (or object in one) is named by the part of the model it is, in quotes."""
    text = _CODE_REF.sub("", text)
    return _MODULE_REF.sub(lambda m: f"“{topic(m.group(1) or m.group(2), t)}”", text)


def _docstring(doc: Document, text: str, size: float = 8.0) -> None:
    for marker, para in blocks(text):
        doc.text(para, size, marker=marker, indent=0.1 if marker else 0.0, after=0.04 if marker else 0.08)


def steps_text(st: Settling, t: Text) -> str:
    return t("md_list_sep").join(grouped(n) for n in st.steps)


def replications_value(ex: ExerciseResult, t: Text) -> str:
    """The replications for the cover: the number, and how it was reached if the exercise ran on until its
    grade was settled (:mod:`drills.experiment.settle`)."""
    st = ex.settling
    if st is None or len(st.steps) == 1:
        return str(ex.replications)
    return t(f"replications_{st.why}", n=grouped(ex.replications), asked=grouped(st.asked),
             steps=steps_text(st, t), ceiling=grouped(st.ceiling), k=st.unsettled)


def method(doc: Document, ex: ExerciseResult, t: Text) -> None:
    """Appendix: how the drill is simulated, replicated and scored."""
    doc.heading(t("method"), new_page=True)
    doc.text(t("method_text", n=ex.replications, seed=ex.seed, **method_parts(t, bool(ex.spec.hoists))), 8.5,
             after=0.1)
    if ex.settling is not None and len(ex.settling.steps) > 1:
        st = ex.settling
        settling = t("method_settling", asked=grouped(st.asked), steps=steps_text(st, t), ceiling=grouped(st.ceiling),
                     n=grouped(ex.replications), m=ex.replications, seed=ex.seed)
        doc.text(settling, 8.5, after=0.1)
    doc.text(t("method_docs_note"), 8.5, weight="bold", after=0.06)
    for mod in (exercise_module, scorecard_module):
        _docstring(doc, quoted(mod.__name__, mod.__doc__ or "", t))


# ------------------------------------------------------------------ the document


def _figures_for(ex: ExerciseResult, card: Scorecard, figs: dict[str, Path], lang: str) -> dict[str, Path]:
    """The figures in the report's language: those given, or redrawn beside them in ``lang``."""
    if getattr(figs, "lang", "en") == lang and figs:
        return figs
    out = Path(next(iter(figs.values()))).parent if figs else None
    if out is None:
        return figs
    return make_figures(ex, card, out, lang=lang)


def write_pdf(ex: ExerciseResult, card: Scorecard, figs: dict[str, Path], path: Path, *, lang: str = "en",
              found: Sequence[Any] | None = None, revised: Sequence[Any] | None = None) -> None:
    """Write the report of an exercise.

    Args:
        ex: the exercise.
        card: its scorecard.
        figs: figure name → PNG, as returned by :func:`drills.experiment.figures.make_figures`; figures
            drawn in another language are redrawn in ``lang`` in the same folder.
        path: the PDF to write.
        lang: "en" or "zh".
        found: findings of the scoring step (default: ``card.findings`` if it has them).
        revised: revisions of the revision step (default: ``card.revisions`` if it has them).
    """
    t = Text(lang)
    m = ex.spec.meta
    with style():
        doc = document(ex, card, figs, lang=lang, found=found, revised=revised)
        doc.save(path, {
            "Title": f"{t('report_title')} — {m.scenario_title}",
            "Subject": f"scenario {m.scenario_id}, plan {m.plan_id} v{m.plan_version}, seed {ex.seed}",
            "Author": m.plan_unit,
            "Creator": f"drill {__version__}",
            "Producer": f"drill {__version__}",
            "Keywords": f"lang={lang}",
        })


def document(ex: ExerciseResult, card: Scorecard, figs: dict[str, Path], *, lang: str = "en",
             found: Sequence[Any] | None = None, revised: Sequence[Any] | None = None) -> Document:
    """The report's pages, laid out and not yet written (their :attr:`Document.plan` says where each block
    went); the arguments as :func:`write_pdf`'s."""
    t = Text(lang)
    m = ex.spec.meta
    found = list(found if found is not None else getattr(card, "findings", ()) or ())
    revised = list(revised if revised is not None else getattr(card, "revisions", ()) or ())
    figs = _figures_for(ex, card, figs, lang)
    with style():
        doc = Document()
        cover(doc, ex, card, t)
        summary(doc, ex, card, t, found, revised)
        scorecard_table(doc, ex, card, t)
        grade_basis(doc, ex, card, t)
        zones(doc, ex, card, t)
        timeline(doc, ex, card, t, figs)
        progress(doc, ex, card, t, figs)
        site(doc, ex, card, t, figs)
        channels(doc, ex, card, t, figs)
        findings(doc, ex, card, t, found)
        single_faults(doc, ex, card, t)
        revisions(doc, ex, card, t, revised)
        assumptions(doc, ex, t)
        method(doc, ex, t)
        doc.footers(t("footer", scenario=m.scenario_id, seed=ex.seed, n=ex.replications, version=__version__), t)
    return doc
