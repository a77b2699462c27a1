"""A planner's hydraulic study: arrival, peak depth and peak velocity of the dam-break flow per place.

The study is a CSV file with a header line and one row per place::

    place,arrival_min,peak_depth_m,peak_velocity_mps,rise_min
    village_a,4.5,3.2,6.0,1
    school,12,0.8,1.5,

``place`` is a node id of the site; ``arrival_min`` is minutes after the breach; ``rise_min``
(optional column, may be blank) is minutes from arrival to peak. Places the study does not list
are taken as never flooded. Every fault in the file is reported, each as ``file:line: field:
message`` with the CSV's 1-based line, and raised together as one :class:`InputError`; nothing is
half-loaded. Times are converted to seconds by :func:`place_floods` for
:meth:`drills.model.dam_break.DamBreakFlood.from_table`.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from drills.inputs.csvfile import csv_reader, csv_syntax, extra_values, header_of, number_cell
from drills.inputs.problems import InputError, Problem
from drills.inputs.yamlfile import read_input_text
from drills.model.dam_break import PlaceFlood

REQUIRED = ("place", "arrival_min", "peak_depth_m", "peak_velocity_mps")
OPTIONAL = ("rise_min",)
NUMERIC = ("arrival_min", "peak_depth_m", "peak_velocity_mps", "rise_min")


@dataclass(frozen=True)
class StudyRow:
    """One place of a hydraulic study, as the planner wrote it (minutes, metres, m/s).

    Attributes:
        place: node id.
        arrival_min: arrival of the front, minutes after the breach.
        peak_depth_m: peak depth.
        peak_velocity_mps: peak velocity.
        rise_min: minutes from arrival to peak, or ``None`` for the model's default.
        line: the row's line in the file.
    """

    place: str
    arrival_min: float
    peak_depth_m: float
    peak_velocity_mps: float
    rise_min: float | None
    line: int


def load_hydraulic_study(path: str | Path, known_places: Collection[str]) -> tuple[StudyRow, ...]:
    """Read and check a hydraulic study CSV.

    Args:
        path: the CSV file.
        known_places: the site's node ids.

    Raises:
        InputError: with one problem per fault found.
    """
    path = Path(path)
    return parse_hydraulic_study(read_input_text(path), str(path), known_places)


def parse_hydraulic_study(text: str, file: str, known_places: Collection[str]) -> tuple[StudyRow, ...]:
    """Check the text of a hydraulic study CSV; ``file`` names it in problems.

    Raises:
        InputError: with one problem per fault found.
    """
    reader = csv_reader(text)
    with csv_syntax(reader, file):
        header, header_line = header_of(reader, file, "give a header line and one row per place")
        problems = _check_header(header, file, header_line)
        if problems:
            raise InputError(problems)
        rows: list[StudyRow] = []
        first_line: dict[str, int] = {}
        for raw in reader:
            if not any(cell.strip() for cell in raw):
                continue
            row = _check_row(raw, header, reader.dialect.delimiter, file, reader.line_num, known_places, first_line,
                             problems)
            if row is not None:
                rows.append(row)
    if not rows and not problems:
        problems.append(Problem(file, header_line, "", "the study has a header but no rows"))
    if problems:
        raise InputError(problems)
    return tuple(rows)


def place_floods(rows: Iterable[StudyRow]) -> list[PlaceFlood]:
    """The study's rows in seconds, for :meth:`DamBreakFlood.from_table`."""
    return [
        PlaceFlood(
            r.place,
            r.arrival_min * 60.0,
            r.peak_depth_m,
            r.peak_velocity_mps,
            None if r.rise_min is None else r.rise_min * 60.0,
        )
        for r in rows
    ]


def _check_header(header: list[str], file: str, line: int) -> list[Problem]:
    problems = []
    known = REQUIRED + OPTIONAL
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, line, name, "column given twice"))
        seen.add(name)
        if name not in known:
            hint = difflib.get_close_matches(name, known, n=1)
            more = f"; did you mean {hint[0]!r}?" if hint else f"; the columns are {', '.join(known)}"
            problems.append(Problem(file, line, name or "(blank)", f"unknown column{more}"))
    for name in REQUIRED:
        if name not in seen:
            problems.append(Problem(file, line, name, "missing column"))
    return problems


def _check_row(
    raw: list[str],
    header: list[str],
    delimiter: str,
    file: str,
    line: int,
    known_places: Collection[str],
    first_line: dict[str, int],
    problems: list[Problem],
) -> StudyRow | None:
    before = len(problems)
    if (extra := extra_values(raw, header, delimiter, file, line)) is not None:
        problems.append(extra)
    cells = {name: (raw[i].strip() if i < len(raw) else "") for i, name in enumerate(header)}
    place = cells["place"]
    if not place:
        problems.append(Problem(file, line, "place", "missing value"))
    elif place not in known_places:
        hint = difflib.get_close_matches(place, list(known_places), n=1)
        more = f"; did you mean {hint[0]!r}?" if hint else ""
        message = f"unknown place {place!r}: the site has no node with this id{more}"
        problems.append(Problem(file, line, "place", message))
    elif place in first_line:
        problems.append(Problem(file, line, "place", f"place {place!r} given twice; first on line {first_line[place]}"))
    else:
        first_line[place] = line
    values: dict[str, float | None] = {}
    for name in NUMERIC:
        if name not in cells:
            values[name] = None
            continue
        values[name] = number_cell(cells[name], name in REQUIRED, file, line, name, problems)
    arrival, depth, velocity = values["arrival_min"], values["peak_depth_m"], values["peak_velocity_mps"]
    if len(problems) > before or arrival is None or depth is None or velocity is None:
        return None
    return StudyRow(place, arrival, depth, velocity, values["rise_min"], line)

