"""The CSV input files (a hydraulic study, the times recorded at a drill): their reader, header and number cells, with
each fault a located :class:`~drills.inputs.problems.Problem`."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from drills.inputs.problems import InputError, Problem


def csv_reader(text: str) -> Any:
    """A CSV reader over the text of an input file (a UTF-8 byte-order mark read past)."""
    return csv.reader(io.StringIO(text.removeprefix("\ufeff")))


def header_of(reader: Any, file: str, empty: str) -> tuple[list[str], int]:
    """The first line with a value (its cells stripped), and its line number; an empty file is refused with the
    advice ``empty`` (what the file should hold)."""
    header = next(([c.strip() for c in raw] for raw in reader if any(c.strip() for c in raw)), None)
    if header is None:
        raise InputError([Problem(file, None, "", f"the file is empty; {empty}")])
    return header, reader.line_num


@contextmanager
def csv_syntax(reader: Any, file: str) -> Iterator[None]:
    """Refuse a CSV syntax error (a quote not closed, a NUL byte) at the line the reader reached."""
    try:
        yield
    except csv.Error as exc:
        raise InputError([Problem(file, reader.line_num or None, "", f"CSV syntax error: {exc}")]) from None


def number_cell(cell: str, required: bool, file: str, line: int, name: str, problems: list[Problem]) -> float | None:
    """The non-negative number in a CSV cell, or None with the problem added (blank: only if ``required``)."""
    if not cell:
        if required:
            problems.append(Problem(file, line, name, "missing value"))
        return None
    if "\n" in cell or "\r" in cell:  # CSV lets a quoted cell span lines: here, a quote left open
        lines = len(cell.splitlines())
        problems.append(Problem(file, line, name, f"a quote (\") is not closed: the cell runs on over {lines} lines "
                                                  f"to here, {cell!r}; close the quote or remove it"))
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
