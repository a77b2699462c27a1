"""The plausibility warnings of the input files, as one short block before a command's own output.

They are warnings: the command goes on and exits 0. Each is one ``file:line: field: message`` line, as a
validation problem is (see :mod:`drills.inputs.plausibility` for the ranges and their sources).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console

from drills.inputs.problems import Problem

Located = tuple[str, int | None, str, str]


def print_warnings(console: Console, warnings: Iterable[Problem | Located], *, going_on: str) -> None:
    """Print the warnings (each once, in the order given), headed by their number and what happens next.

    Args:
        console: where to print (standard error: the command's results stay alone on standard output).
        warnings: problems, or (file, line, field, message) as a drill's provenance keeps them.
        going_on: what the command does regardless, e.g. "the drill runs as written".
    """
    lines = list(dict.fromkeys(str(w if isinstance(w, Problem) else Problem(*w)) for w in warnings))
    if not lines:
        return
    n = len(lines)
    console.print(f"{n} plausibility warning{'s' if n != 1 else ''}: value{'s' if n != 1 else ''} that pass "
                  f"validation but look like data-entry slips ({going_on}):", markup=False)
    for line in lines:
        console.print(f"  {line}", markup=False, soft_wrap=True)
