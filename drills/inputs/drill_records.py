"""Times recorded at the planner's own drills, to replace a behaviour default (``drill fit``).

The delays the tool assumes where nothing was published (a miner's response to the order, a crew's relay, a
post's decision; :mod:`drills.model.behaviour`) are a starting point that a mine replaces with its own drill
records. The records are a CSV file with a header line and one recorded time per row in one column; other
columns (who, where, which drill) are kept out of the fit. Blank cells are skipped. The column's name gives the
unit as the input files do (:data:`UNITS`: ``response_min`` holds minutes); a name without one holds seconds.
The times are fitted in seconds, the unit of every delay in the site and plan.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from drills.inputs.base import MAX_DURATION_S
from drills.inputs.csvfile import csv_reader, csv_syntax, extra_values, header_of, number_cell
from drills.inputs.problems import InputError, Problem
from drills.inputs.yamlfile import read_input_text

#: fewest records a fit is made from: with fewer, the spread of the logs is not estimated at all (two points)
#: or hardly (3–4); [P] the project's floor; drill fit's caution below 20 records says how little a few tell
MIN_RECORDS = 5
#: seconds per unit, by the suffix of the column's name
UNITS = {"_s": 1.0, "_min": 60.0, "_h": 3600.0}
#: why a recorded time longer than the longest drill (:data:`~drills.inputs.base.MAX_DURATION_S`) is refused: the
#: fit would be written as a delay of a drill (and times near the largest float overflowed the fit)
WHY_NO_LONGER = "no delay in a drill outlasts the drill; is the column's unit right?"


@dataclass(frozen=True)
class Records:
    """The recorded times of one column, in seconds, and the unit the column holds them in."""

    file: str
    column: str
    times_s: tuple[float, ...]
    unit: str = "s"


def load_records(path: str | Path, column: str | None = None) -> Records:
    """Read the times of ``column`` (default: the file's only column, or its only one named with a time unit).

    Raises:
        InputError: the file cannot be read, the column is not there or not named when it must be, a cell is
            not a number, not more than 0 s or more than the longest drill (30 days), or there are fewer than
            :data:`MIN_RECORDS` times.
    """
    path = Path(path)
    return parse_records(read_input_text(path), str(path), column)


def _zero_time(name: str, unit: str) -> str:
    """Why a recorded 0 cannot be fitted, and what to record instead: seconds, or, in a column of minutes or hours
    (where a 0 is a short time rounded down), the times in seconds in a column named for them."""
    why = f"a time of 0 {unit.removeprefix('_')} cannot be fitted (a log-normal has no zeros): "
    if unit == "_s":
        return why + "give the time to the nearest second, at least 1"
    return (why + f"it is a time under 1 {unit.removeprefix('_')}, rounded down; record the times in seconds, in a "
            f"column named '{name.removesuffix(unit)}_s'")


def parse_records(text: str, file: str, column: str | None = None) -> Records:
    """Check the text of a records CSV; ``file`` names it in problems (see :func:`load_records`)."""
    reader = csv_reader(text)
    problems: list[Problem] = []
    times: list[float] = []
    with csv_syntax(reader, file):
        header, header_line = header_of(reader, file, "give a header line and one time per row")
        at = _column(header, column, file, header_line)
        name = header[at]
        unit = next((u for u in UNITS if name.endswith(u)), "_s")
        for raw in reader:
            if (extra := extra_values(raw, header, reader.dialect.delimiter, file, reader.line_num)) is not None:
                problems.append(extra)  # a value split in two (a decimal comma) would be fitted as its whole part
                continue
            cell = raw[at].strip() if at < len(raw) else ""
            if not cell:
                continue
            value = number_cell(cell, True, file, reader.line_num, name, problems)
            if value == 0:
                problems.append(Problem(file, reader.line_num, name, _zero_time(name, unit)))
            elif value is not None and value * UNITS[unit] > MAX_DURATION_S:
                problems.append(Problem(file, reader.line_num, name, f"more than drill can take: at most "
                                        f"{MAX_DURATION_S:.10g} s (30 days), as {WHY_NO_LONGER}"))
            elif value is not None:
                times.append(value * UNITS[unit])
    if problems:
        raise InputError(problems)
    if len(times) < MIN_RECORDS:
        n = len(times)
        raise InputError([Problem(file, header_line, name, f"only {n} recorded time{'' if n == 1 else 's'}; a fit "
                                  f"needs at least {MIN_RECORDS}")])
    return Records(file, name, tuple(times), unit.removeprefix("_"))


def _column(header: list[str], column: str | None, file: str, line: int) -> int:
    """The index of the column to fit: ``column``; without it, the only column, or the only one named with a time
    unit (``response_s``, ``climb_min``: the names the records are asked for) beside others (who, level)."""
    names = ", ".join(header)
    if column is None:
        timed = [k for k, name in enumerate(header) if name.endswith(tuple(UNITS))]
        if len(header) == 1 or len(timed) == 1:
            return timed[0] if len(timed) == 1 else 0
        raise InputError([Problem(file, line, "", f"the file has {len(header)} columns ({names}): name the one "
                                  "to fit with --column")])
    if column not in header:
        hint = difflib.get_close_matches(column, header, n=1)
        more = f"did you mean {hint[0]!r}?" if hint else f"the columns are {names}"
        raise InputError([Problem(file, line, "", f"no column {column!r} (--column); {more}")])
    return header.index(column)
