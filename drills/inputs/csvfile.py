"""The CSV input files (a hydraulic study, the times recorded at a drill): their reader, header and number cells, with
each fault a located :class:`~drills.inputs.problems.Problem`."""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from drills.inputs.problems import InputError, Problem


def csv_reader(text: str) -> Any:
    """A CSV reader over the text of an input file (a UTF-8 byte-order mark read past).

    Columns are split by commas, unless the first line with text has none and has semicolons (a spreadsheet saved
    as CSV where the decimal sign is a comma) or tabs (cells copied out of a spreadsheet and pasted): the file is
    read as it was written."""
    text = text.removeprefix("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "," if "," in first else ";" if ";" in first else "\t" if "\t" in first else ","
    return csv.reader(io.StringIO(text), delimiter=delimiter)


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


def extra_values(raw: list[str], header: list[str], delimiter: str, file: str, line: int) -> Problem | None:
    """A row with more values than the header has columns, located at its line; None if it has not. Where commas
    part the columns, a number written with a decimal comma (1,5) is read as two values, 1 and 5: said, with the
    first two values in a row that could be one such number. (Quoting it, "1,5", would keep it one value, but a
    number cell takes decimals with a point only: the hint is the one way that mends it.)"""
    if len(raw) <= len(header):
        return None
    msg = f"{len(raw)} values but the header has {len(header)} column{'s' if len(header) != 1 else ''}"
    pairs = itertools.pairwise(raw)
    split = next(((a.strip(), b.strip()) for a, b in pairs if _WHOLE.fullmatch(a) and _DIGITS.fullmatch(b)), None)
    if delimiter == "," and split is not None:
        whole, digits = split
        msg += f"; a decimal comma may be the cause: write {whole}.{digits} for {whole},{digits}"
    return Problem(file, line, "", msg)


#: the parts a comma cuts a number with a decimal comma into: its whole part and its decimals
_WHOLE = re.compile(r"\s*-?\d+")
_DIGITS = re.compile(r"\d+\s*")
#: a number written with a decimal comma, as a spreadsheet in some languages saves it: 1,5 for 1.5
_DECIMAL_COMMA = re.compile(r"\s*-?\d+,\d+\s*")


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
        hint = f"; write decimals with a point: {cell.replace(',', '.')}" if _DECIMAL_COMMA.fullmatch(cell) else ""
        problems.append(Problem(file, line, name, f"not a number: {cell!r}{hint}"))
        return None
    if not math.isfinite(value):
        problems.append(Problem(file, line, name, f"must be a finite number, not {cell!r}"))
        return None
    if value < 0:
        problems.append(Problem(file, line, name, f"must not be negative (got {cell})"))
        return None
    return value
