"""The CSV input files (a hydraulic study, the times recorded at a drill): their text and their number cells, with
each fault a located :class:`~drills.inputs.problems.Problem`."""

from __future__ import annotations

import math
from pathlib import Path

from drills.inputs.problems import InputError, Problem, utf8_text


def read_text_file(path: Path) -> str:
    """The text of a CSV input file (a hydraulic study, drill records).

    Raises:
        InputError: the file is missing, cannot be read or is not UTF-8 (:func:`utf8_text`).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, "", "file not found")]) from None
    except OSError as exc:
        raise InputError([Problem(str(path), None, "", f"cannot read the file: {exc}")]) from None
    return utf8_text(data, str(path))


def number_cell(cell: str, required: bool, file: str, line: int, name: str, problems: list[Problem]) -> float | None:
    """The non-negative number in a CSV cell, or None with the problem added (blank: only if ``required``)."""
    if not cell:
        if required:
            problems.append(Problem(file, line, name, "missing value"))
        return None
    try:
        value = float(cell)
    except ValueError:
        problems.append(Problem(file, line, name, f"not a number: {cell!r}"))
        return None
    if not math.isfinite(value):
        problems.append(Problem(file, line, name, f"must be a finite number, not {cell!r}"))
        return None
    if value < 0:
        problems.append(Problem(file, line, name, f"must not be negative (got {cell})"))
        return None
    return value
