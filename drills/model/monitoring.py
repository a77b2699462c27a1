"""Monitoring warnings of a tailings pond: a point's level, an item's level, the pond's level, and polling.

Provenance tags: [V] seen in a copy of the source (here always a third-party mirror, not the official
text), [K] from the literature named, as known to the project's authors, not re-read, [E] the project's
own choice or reading.

Levels (GB 39496-2020 《尾矿库安全规程》 §5.5.4) [V, mirror jianbiaoku.com/webarbs/book/171245/4853684.shtml]:
four levels from low to high, blue < yellow < orange < red; the designer sets the warning value of every
level for every monitored item. Here each monitored point carries its own :class:`Thresholds`, and the
direction in which it gets worse: ``"higher"`` (pond level, displacement, rainfall, seepage) or
``"lower"`` (freeboard, dry-beach length, phreatic-line depth below the slope surface). A point is at a
level when its value *reaches* that level's threshold (≥ for ``"higher"``, ≤ for ``"lower"``; 「达到」)
[E: "reaches" read as inclusive].

Counting rule, same clause (GB 39496-2020 §5.5.4) [V, partial]: within one item of the same kind, 4 points at
blue make the item yellow, 3 at yellow make it orange, 2 at orange make it red; across items, 4 items at
blue count as 1 item at yellow — the mirror's text stops there ("…应计为1项监测项目黄色预警，达"); the
rest of the clause was not seen. The rule implemented, for points within an item and, identically, for items within the
pond (the continuation across items is our reading [E], "and so on up the scale"):

1. ignore points with no level (None);
2. the result is at least the highest level of any point — one point at red makes the item red [E: the
   clause does not say so in the part we have; a red point that did not make its item red would defeat the
   warning];
3. counts are "at or above": n(≥ blue) ≥ 4 → at least yellow; n(≥ yellow) ≥ 3 → at least orange;
   n(≥ orange) ≥ 2 → red [E]. So 2 blue + 2 yellow → yellow (4 at blue or above), 3 yellow + 1 blue →
   orange;
4. each rule is applied once to the points' own levels; there is no carry: 8 blue points are yellow, not
   "2 yellow" and so not orange [E]. The other reading — 4 blue *convert* to 1 yellow which then counts
   towards the 3 yellow for orange ("相当于 / 计为") — is plausible for the across-items sentence; it
   would make more situations orange or red. Check the full clause before a report relies on either.

Polling [E]: an online system polls each sensor (GB 39496 §5.5.3 asks for automatic polling; the period
is the scenario's choice). A sensor reads the monitored series, linearly interpolated, at
``offset_s + k·poll_s`` while the series lasts; a failed sensor reports nothing from ``failed_from_s``
on, a sensor down for a while (or the online system down) reports nothing while it is, and again after.
A value crossing at 301 s with 300 s polling is first seen at 600 s.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

import numpy as np

WorseWhen = Literal["higher", "lower"]


class Level(IntEnum):
    """A warning level, ordered: ``Level.BLUE < Level.RED``. ``str(level)`` is the lower-case name."""

    BLUE = 1
    YELLOW = 2
    ORANGE = 3
    RED = 4

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str | None) -> Level | None:
        """``"blue"`` → ``Level.BLUE``; ``None`` or ``"none"`` → ``None``."""
        if name is None or name.lower() == "none":
            return None
        return cls[name.upper()]


def level_name(level: Level | None) -> str:
    """The level's lower-case name, ``"none"`` for no level."""
    return "none" if level is None else str(level)


# (level counted, points needed at that level or above, level reached) — GB 39496-2020 §5.5.4 [V, partial]
ESCALATION: tuple[tuple[Level, int, Level], ...] = (
    (Level.BLUE, 4, Level.YELLOW),
    (Level.YELLOW, 3, Level.ORANGE),
    (Level.ORANGE, 2, Level.RED),
)


@dataclass(frozen=True)
class Thresholds:
    """Warning values of one monitored point; ``None`` where the design sets no value for that level."""

    blue: float | None = None
    yellow: float | None = None
    orange: float | None = None
    red: float | None = None

    def pairs(self) -> tuple[tuple[Level, float], ...]:
        """The set levels with their values, lowest level first."""
        values = (self.blue, self.yellow, self.orange, self.red)
        return tuple((lv, float(v)) for lv, v in zip(Level, values, strict=True) if v is not None)

    def check(self, worse_when: WorseWhen) -> None:
        """Raise ``ValueError`` unless the values get worse level by level in the ``worse_when`` direction."""
        if worse_when not in ("higher", "lower"):
            raise ValueError(f"worse_when must be 'higher' or 'lower', not {worse_when!r}")
        vals = [v for _, v in self.pairs()]
        sign = 1.0 if worse_when == "higher" else -1.0
        if any(sign * (b - a) < 0 for a, b in itertools.pairwise(vals)):
            raise ValueError(f"thresholds {self} must {'rise' if sign > 0 else 'fall'} from blue to red")


def _level_codes(values: np.ndarray, thresholds: Thresholds, worse_when: WorseWhen) -> np.ndarray:
    """0 for no level, else the level's number; NaN (no reading) is 0."""
    thresholds.check(worse_when)
    codes = np.zeros(values.shape, dtype=int)
    for lv, thr in thresholds.pairs():
        reached = values >= thr if worse_when == "higher" else values <= thr
        codes = np.where(reached, np.maximum(codes, int(lv)), codes)
    return codes


def point_level(value: float, thresholds: Thresholds, worse_when: WorseWhen) -> Level | None:
    """The level one reading reaches, or None.

    Args:
        value: the reading (NaN = no reading).
        thresholds: the point's warning values.
        worse_when: ``"higher"`` or ``"lower"``.
    """
    code = int(_level_codes(np.asarray([value], dtype=float), thresholds, worse_when)[0])
    return Level(code) if code else None


def item_level(point_levels: Iterable[Level | None]) -> Level | None:
    """An item's level from its points' levels by the counting rule in the module docstring."""
    levels = [lv for lv in point_levels if lv is not None]
    if not levels:
        return None
    result = max(levels)
    for counted, needed, reached in ESCALATION:
        if sum(lv >= counted for lv in levels) >= needed:
            result = max(result, reached)
    return Level(result)


def overall_level(item_levels: Iterable[Level | None]) -> Level | None:
    """The pond's level from its items' levels: the same counting as :func:`item_level` (our reading [E])."""
    return item_level(item_levels)


@dataclass(frozen=True)
class AlarmTimes:
    """First poll time (s) at which a point was seen at each level or above; ``inf`` if never."""

    blue: float = math.inf
    yellow: float = math.inf
    orange: float = math.inf
    red: float = math.inf

    def at(self, level: Level) -> float:
        """The first poll time at ``level`` or above."""
        return float(getattr(self, str(level)))


def first_alarm_s(
    series_t: Sequence[float] | np.ndarray,
    series_v: Sequence[float] | np.ndarray,
    thresholds: Thresholds,
    worse_when: WorseWhen,
    poll_s: float,
    offset_s: float = 0.0,
    failed_from_s: float = math.inf,
    down_s: Iterable[tuple[float, float]] = (),
) -> AlarmTimes:
    """The first poll at which a sensor reports each level (or a higher one).

    Args:
        series_t: times (s) of the monitored series, increasing.
        series_v: the values; read by linear interpolation between samples.
        thresholds: the point's warning values.
        worse_when: ``"higher"`` or ``"lower"``.
        poll_s: polling period (s).
        offset_s: the first poll; polls are at ``offset_s + k·poll_s``, k = 0, 1, …
        failed_from_s: the sensor reports nothing at or after this time.
        down_s: spans ``(from, to)`` in which it reports nothing (from included, to not), and reports again after.

    Returns:
        The first poll time per level; a sudden jump sets several levels at the same poll.
    """
    t = np.asarray(series_t, dtype=float)
    v = np.asarray(series_v, dtype=float)
    if t.ndim != 1 or t.shape != v.shape or t.size == 0:
        raise ValueError("series_t and series_v must be 1-D arrays of the same non-zero length")
    if poll_s <= 0:
        raise ValueError("poll_s must be > 0")
    k0 = max(0, math.ceil((t[0] - offset_s) / poll_s))
    k1 = math.floor((float(t[-1]) - offset_s) / poll_s)
    polls = offset_s + poll_s * np.arange(k0, max(k0, k1 + 1), dtype=float)
    polls = polls[(polls >= t[0]) & (polls <= t[-1])]  # within the series (the divisions above can round past it)
    for a, b in (*down_s, (failed_from_s, math.inf)):  # a failure is a span that lasts to the end
        polls = polls[(polls < a) | (polls >= b)]
    codes = _level_codes(np.interp(polls, t, v), thresholds, worse_when)
    found = {}
    for lv in Level:
        hit = np.flatnonzero(codes >= int(lv))
        found[str(lv)] = float(polls[hit[0]]) if hit.size else math.inf
    return AlarmTimes(**found)


@dataclass(frozen=True)
class Sensor:
    """One monitored point as the online system sees it.

    Attributes:
        thresholds: the point's warning values.
        worse_when: ``"higher"`` or ``"lower"``.
        poll_s: polling period (s).
        offset_s: time of the first poll (s).
        failed_from_s: the sensor reports nothing from this time on (``inf``: never fails).
    """

    thresholds: Thresholds
    worse_when: WorseWhen
    poll_s: float
    offset_s: float = 0.0
    failed_from_s: float = math.inf

    def __post_init__(self) -> None:
        self.thresholds.check(self.worse_when)
        if self.poll_s <= 0:
            raise ValueError("poll_s must be > 0")

    def level(self, value: float) -> Level | None:
        """The level of one reading."""
        return point_level(value, self.thresholds, self.worse_when)

    def first_alarm_s(
        self, series_t: Sequence[float] | np.ndarray, series_v: Sequence[float] | np.ndarray
    ) -> AlarmTimes:
        """See :func:`first_alarm_s`."""
        return first_alarm_s(
            series_t, series_v, self.thresholds, self.worse_when, self.poll_s, self.offset_s, self.failed_from_s
        )
