"""Plain, picklable records of one drill: a record per person (kept by column, :class:`People`), per hoist, per
event."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, overload

import numpy as np

#: Every person ends in exactly one of these.
#: surface / refuge: out of the mine or in a refuge chamber; assembly: at a valley assembly point;
#: sheltered: on an upper floor at home; caught: reached by the water before safety;
#: underground / in_place: neither safe nor caught when the drill ends.
OUTCOMES = ("surface", "refuge", "assembly", "kept_out", "sheltered", "caught", "underground", "in_place")
#: kept_out: a miner of the next shift who was not let underground.
SAFE_OUTCOMES = ("surface", "refuge", "assembly", "kept_out")


class PersonRecord(NamedTuple):
    """What happened to one person in one replication (times in s from the scenario start; NaN = never).

    A named tuple rather than a frozen dataclass: one is made per person each time a replication's records
    are read (:class:`People` stores them by column), and a tuple is made several times faster; it is as
    immutable and loads as directly into a table.

    Attributes:
        margin_s: smallest lead the person kept over the water at the places they passed — the time
            each place became impassable minus the time they left it (for the place of safety: minus
            the time they arrived); inf if none of those places flooded within the drill; NaN unless
            they reached safety.
        water_s: when water reached their starting place (inf if never).
        situation: where the water found them: underground, in_open, in_vehicle, in_building,
            upper_floor; empty if it did not. A household still at home when the water reached it has its
            home's situation even where the water stayed too shallow to catch them.
        fatality_p: probability of death from the lethality rule for that situation, depth and
            velocity (NaN underground, where no rule applies; 0 if the water did not reach them).
        died: a Bernoulli draw from ``fatality_p``.
        turned_back: the place short of which they first met the water on their way and turned back (the
            water closed the passage's far end before they were through it, or the passage to it was already
            under water and the water had closed every other way); empty if they never did.
    """

    replication: int
    person: str
    group: str
    profile: str
    crew: str
    start: str
    warned_s: float
    warned_by: str
    departed_s: float
    outcome: str
    outcome_s: float
    end: str
    margin_s: float
    water_s: float
    situation: str = ""
    fatality_p: float = 0.0
    died: bool = False
    turned_back: str = ""


#: PersonRecord's fields by kind, as :class:`People` stores them: the same for every replication of a drill
#: (who the person is), times and rates, and names (codes into a small vocabulary per replication).
WHO_FIELDS = ("person", "group", "profile", "crew", "start")
FLOAT_FIELDS = ("warned_s", "departed_s", "outcome_s", "margin_s", "water_s", "fatality_p")
NAME_FIELDS = ("warned_by", "outcome", "end", "situation", "turned_back")
_NEW = functools.partial(tuple.__new__, PersonRecord)  # positional, in PersonRecord's field order
_last_who: tuple[tuple[str, ...], ...] = ()


def _shared_who(who: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """The who-columns of the replication unpickled just before, if equal: results arrive from the workers in
    chunks, each with its own copy of the same strings, which one copy then serves."""
    global _last_who
    if who == _last_who:
        return _last_who
    _last_who = who
    return who


class People(Sequence[PersonRecord]):
    """The person records of one replication, stored by column.

    It reads as a sequence of :class:`PersonRecord` (made on access), and keeps about a seventh of their
    memory: the drill's times and rates in one float array, its names as small integer codes, and who each
    person is in columns that every replication of the drill shares. An exercise keeps every replication's
    records until its report is written (a season, every run's), so their size is what limits a run's
    replications on one machine. Values come back exactly as stored: float64 holds a Python float bit for bit.
    """

    __slots__ = ("_codes", "_died", "_floats", "_vocab", "_who", "replication")

    def __init__(self, replication: int, who: Sequence[Sequence[str]], floats: Sequence[Sequence[float]],
                 names: Sequence[Sequence[str]], died: Sequence[bool]) -> None:
        """Columns in the order of :data:`WHO_FIELDS`, :data:`FLOAT_FIELDS` and :data:`NAME_FIELDS`."""
        n = len(died)
        if len(who) != len(WHO_FIELDS) or len(floats) != len(FLOAT_FIELDS) or len(names) != len(NAME_FIELDS):
            raise ValueError("People needs 5 who-columns, 6 float columns and 5 name columns")
        if any(len(col) != n for col in (*who, *floats, *names)):
            raise ValueError("every column of People must have one value per person")
        vocab = sorted({x for col in names for x in col})
        code = {x: k for k, x in enumerate(vocab)}
        self.replication = int(replication)
        shared = type(who) is tuple and all(type(col) is tuple for col in who)  # the drill's own: kept, not copied
        self._who = who if shared else tuple(tuple(col) for col in who)  # type: ignore[assignment]
        self._floats = np.array(floats, dtype=np.float64).reshape(len(FLOAT_FIELDS), n)
        self._codes = np.array([[code[x] for x in col] for col in names],
                               dtype=np.min_scalar_type(max(len(vocab) - 1, 0))).reshape(len(NAME_FIELDS), n)
        self._vocab = tuple(vocab)
        self._died = np.array(died, dtype=bool)
        for a in (self._floats, self._codes, self._died):
            a.flags.writeable = False  # records are immutable, as the named tuples they read as

    @classmethod
    def of(cls, records: Iterable[PersonRecord], replication: int | None = None) -> People:
        """From records (all of one replication)."""
        recs = list(records)
        reps = {p.replication for p in recs}
        if len(reps) > 1:
            raise ValueError(f"records of several replications in one People: {sorted(reps)}")
        rep = reps.pop() if reps else (replication or 0)
        cols = list(zip(*recs, strict=True)) if recs else [()] * len(PersonRecord._fields)
        at = {name: k for k, name in enumerate(PersonRecord._fields)}
        return cls(rep, [cols[at[f]] for f in WHO_FIELDS], [cols[at[f]] for f in FLOAT_FIELDS],
                   [cols[at[f]] for f in NAME_FIELDS], cols[at["died"]])

    def __len__(self) -> int:
        return len(self._died)

    def __iter__(self) -> Iterator[PersonRecord]:
        n = len(self._died)
        f = self._floats.tolist()
        word = self._vocab.__getitem__
        c = [map(word, row) for row in self._codes.tolist()]
        return map(_NEW, zip(itertools.repeat(self.replication, n), *self._who, f[0], c[0], f[1], c[1], f[2], c[2],
                             f[3], f[4], c[3], f[5], self._died.tolist(), c[4], strict=True))

    @overload
    def __getitem__(self, i: int) -> PersonRecord: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[PersonRecord, ...]: ...

    def __getitem__(self, i: int | slice) -> PersonRecord | tuple[PersonRecord, ...]:
        if isinstance(i, slice):
            return tuple(self)[i]
        n = len(self._died)
        if not -n <= i < n:
            raise IndexError("person index out of range")
        f = self._floats[:, i].tolist()
        c = [self._vocab[x] for x in self._codes[:, i].tolist()]
        who = [col[i] for col in self._who]
        return _NEW((self.replication, *who, f[0], c[0], f[1], c[1], f[2], c[2], f[3], f[4], c[3], f[5],
                     bool(self._died[i]), c[4]))

    def column(self, name: str) -> list[Any]:
        """One field of every person, in person order, as Python values."""
        if name in WHO_FIELDS:
            return list(self._who[WHO_FIELDS.index(name)])
        if name in FLOAT_FIELDS:
            return self._floats[FLOAT_FIELDS.index(name)].tolist()  # type: ignore[no-any-return]
        if name in NAME_FIELDS:
            return list(map(self._vocab.__getitem__, self._codes[NAME_FIELDS.index(name)].tolist()))
        if name == "died":
            return self._died.tolist()  # type: ignore[no-any-return]
        if name == "replication":
            return [self.replication] * len(self)
        raise KeyError(name)

    def array(self, name: str) -> np.ndarray:
        """A float field (or ``died``) of every person, as a read-only array."""
        if name == "died":
            return self._died
        return self._floats[FLOAT_FIELDS.index(name)]

    def isin(self, name: str, values: Iterable[str]) -> np.ndarray:
        """Whether each person's name field (or who-field) is one of ``values``, as a bool array."""
        wanted = set(values)
        if name in WHO_FIELDS:
            return np.fromiter((x in wanted for x in self._who[WHO_FIELDS.index(name)]), dtype=bool, count=len(self))
        keys = [k for k, word in enumerate(self._vocab) if word in wanted]
        return np.isin(self._codes[NAME_FIELDS.index(name)], keys)

    def take(self, index: Sequence[int] | np.ndarray) -> People:
        """The records of the people at ``index`` (in that order)."""
        idx = np.asarray(index, dtype=np.intp)
        pick = idx.tolist()
        out = People.__new__(People)
        out.replication = self.replication
        out._who = tuple(tuple(map(col.__getitem__, pick)) for col in self._who)
        out._floats, out._codes, out._vocab, out._died = (self._floats[:, idx], self._codes[:, idx], self._vocab,
                                                          self._died[idx])
        for a in (out._floats, out._codes, out._died):
            a.flags.writeable = False
        return out

    def __eq__(self, other: object) -> bool:
        """Equal records, NaN equal to NaN (as the same drill run twice must be)."""
        if not isinstance(other, People):
            return NotImplemented
        return (self.replication == other.replication and self._who == other._who
                and np.array_equal(self._floats, other._floats, equal_nan=True)
                and self._vocab == other._vocab and np.array_equal(self._codes, other._codes)
                and np.array_equal(self._died, other._died))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (self.replication, self._who, self._floats, self._codes, self._vocab, self._died)


def _restore(replication: int, who: tuple[tuple[str, ...], ...], floats: np.ndarray, codes: np.ndarray,
             vocab: tuple[str, ...], died: np.ndarray) -> People:
    out = People.__new__(People)
    out.replication = replication
    out._who = _shared_who(who)
    out._floats, out._codes, out._vocab, out._died = floats, codes, vocab, died
    for a in (floats, codes, died):
        a.flags.writeable = False
    return out


@dataclass(frozen=True, slots=True)
class HoistRecord:
    """One cage in one replication.

    Attributes:
        utilisation: busy time over the evacuation window, from the first call to the last landing; NaN if
            nobody called the cage.
        max_queue: most people waiting for this cage at once, all its stations together.
        mean_wait_s: mean wait of those who boarded.
    """

    replication: int
    hoist: str
    trips: int
    persons: int
    busy_s: float
    utilisation: float
    max_queue: int
    mean_wait_s: float


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """A plan action: when its trigger was met and when it was done (NaN if never); ``level``, the warning level
    whose step it is (a lower level's step taken with a higher one keeps its own level)."""

    action: str
    owner: str
    trigger_s: float
    done_s: float
    deadline_s: float
    level: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A moment on the drill timeline (trigger met, order given, channel on, water somewhere)."""

    t_s: float
    kind: str
    what: str


@dataclass(frozen=True)
class DrillResult:
    """Everything recorded in one replication."""

    replication: int
    people: People  # a tuple of PersonRecord is taken too, and stored as People
    hoists: tuple[HoistRecord, ...]
    timeline: tuple[Event, ...]
    order_s: float
    node_water_s: tuple[float, ...]
    node_clear_s: tuple[float, ...]
    link_peak_queue: tuple[int, ...]
    events: int
    actions: tuple[ActionRecord, ...] = ()
    downstream_order_s: float = float("nan")
    entered: int = 0  # miners of a later shift who went underground during the drill
    entry_violations: int = 0  # of them, those who went down while the no-entry rule held
    peak_underground: int = 0
    faults: tuple[str, ...] = ()
    #: each channel an order started, and when (a later step giving the same order starts the channels it names
    #: then, so a place's order is as early as the first step that sends it a channel, not the order's first step)
    channel_starts: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.people, People):
            object.__setattr__(self, "people", People.of(self.people, self.replication))
